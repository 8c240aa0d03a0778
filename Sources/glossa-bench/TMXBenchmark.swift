import Foundation
import Glibc
import GlossaCore

/// TMX import and export through the real `glossa` binary: a generated en-ru TMX of N units
/// (short news clauses, ~250 bytes a unit) imported into a new TM, then exported again.
/// Figures: import units/s and MB/s into the store with its exact-match index
/// (`--defer-index`), the time `glossa tm index` then takes to add the search indexes, an
/// import that builds them as it goes, export MB/s, and each child's peak RSS; then, in this
/// process and after every child has run, the floor the libraries set (`TMXFloor`): a child
/// started with vfork reports its parent's peak RSS when that is higher, and the floor's
/// measurements raise this process's.
struct TMXBenchmark {
    let units: Int
    let runs: Int

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glossa-bench-tmx-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let glossa = try glossaBesideBench().path

        let input = folder.appendingPathComponent("units.tmx").path
        let inputBytes = try generate(to: input)
        var imports: [(seconds: Double, rss: Int)] = []
        var indexings: [(seconds: Double, rss: Int)] = []
        var fullImports: [(seconds: Double, rss: Int)] = []
        var exports: [(seconds: Double, rss: Int, bytes: Int)] = []
        for run in 0..<runs {
            let tm = folder.appendingPathComponent("tm-\(run).sqlite").path
            imports.append(try Child.run(glossa, ["import", input, "--tm", tm, "--defer-index"]))
            indexings.append(try Child.run(glossa, ["tm", "index", "--tm", tm]))
            try? FileManager.default.removeItem(atPath: tm)
            // Exported: the TM an import indexing as it goes wrote (rows never rewritten).
            let full = folder.appendingPathComponent("full-\(run).sqlite").path
            fullImports.append(try Child.run(glossa, ["import", input, "--tm", full]))
            let output = folder.appendingPathComponent("out-\(run).tmx").path
            let export = try Child.run(glossa, ["export", "--tm", full, "--out", output])
            let bytes = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
            exports.append((export.seconds, export.rss, bytes))
            for path in [output, full] { try? FileManager.default.removeItem(atPath: path) }
        }
        let exportSeconds = median(exports.map(\.seconds))
        // The issue's figure: into the store with its exact-match index (--defer-index).
        func reportImport(_ name: String, _ runs: [(seconds: Double, rss: Int)], target: Int?) {
            let seconds = median(runs.map(\.seconds))
            report(["benchmark": name, "units": units, "input_bytes": inputBytes, "runs": runs.count,
                    "seconds_median": seconds, "units_per_second": Double(units) / seconds,
                    "megabytes_per_second": Double(inputBytes) / 1e6 / seconds,
                    "peak_rss_megabytes": Double(runs.map(\.rss).max() ?? 0) / 1024, "target_min_units_per_second": target ?? 0])
        }
        reportImport("tmx.import", imports, target: 100_000)
        reportImport("tmx.index-after-import", indexings, target: nil)
        reportImport("tmx.import-with-search-indexes", fullImports, target: nil)
        report(["benchmark": "tmx.export", "units": units, "output_bytes": exports.first?.bytes ?? 0, "runs": runs,
                "seconds_median": exportSeconds, "megabytes_per_second": Double(exports.first?.bytes ?? 0) / 1e6 / exportSeconds,
                "peak_rss_megabytes": Double(exports.map(\.rss).max() ?? 0) / 1024, "target_min_megabytes_per_second": 100])
        // The floor: its store measurement inserts the rows of a TM imported like the first figure's.
        let stored = folder.appendingPathComponent("floor-source.sqlite").path
        _ = try Child.run(glossa, ["import", input, "--tm", stored, "--defer-index"])
        let measure = TMXFloor(input: input, memory: stored)
        var floors: [(parse: Double, reader: Double, insert: Double, index: Double)] = []
        for _ in 0..<runs {
            let store = try measure.storeOnly(scratch: folder.appendingPathComponent("floor.sqlite").path)
            floors.append((try measure.parseOnly(), try measure.readOnly(), store.insert, store.index))
        }
        let (parse, reader) = (median(floors.map(\.parse)), median(floors.map(\.reader)))
        let (insert, index) = (median(floors.map(\.insert)), median(floors.map(\.index)))
        let floor = max(parse, insert) + index
        report(["benchmark": "tmx.floor", "units": units, "runs": runs, "libxml2_parse_seconds": parse,
                "tmx_reader_seconds": reader, "sqlite_insert_seconds": insert, "sqlite_index_seconds": index,
                "floor_seconds": floor, "floor_units_per_second": Double(units) / floor])
    }

    /// Writes the input TMX: the sample's sentences cut into clauses, each unit numbered.
    private func generate(to path: String) throws -> Int {
        let clauses = try samplePairs().map { (Self.clause($0.en), Self.clause($0.ru)) }
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var buffer = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4"><header creationtool="glossa-bench" creationtoolversion="1" segtype="sentence" o-tmf="bench" adminlang="en" srclang="en" datatype="plaintext"/>
            <body>

            """
        var total = 0
        for index in 0..<units {
            let (en, ru) = clauses[index % clauses.count]
            let number = index / clauses.count
            buffer += "<tu tuid=\"\(index)\" creationdate=\"20250619T101500Z\"><tuv xml:lang=\"en\"><seg>\(Self.escape(en)) \(number)</seg></tuv>"
            buffer += "<tuv xml:lang=\"ru\"><seg>\(Self.escape(ru)) \(number)</seg></tuv></tu>\n"
            if buffer.utf8.count > 1 << 20 {
                total += buffer.utf8.count
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer = ""
            }
        }
        buffer += "</body>\n</tmx>\n"
        total += buffer.utf8.count
        try handle.write(contentsOf: Data(buffer.utf8))
        try handle.close()
        return total
    }

    /// The first clause of a sentence, at most about 90 characters.
    private static func clause(_ sentence: String) -> String {
        var result = ""
        for word in sentence.split(separator: " ") {
            if result.count + word.count > 90 { break }
            result += result.isEmpty ? String(word) : " " + word
        }
        return result.isEmpty ? String(sentence.prefix(90)) : result
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}

/// Runs a program and reports its wall time and peak resident memory (from wait4's rusage).
enum Child {
    static func run(_ path: String, _ arguments: [String]) throws -> (seconds: Double, rss: Int) {
        var pid: pid_t = 0
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { throw InputError("cannot run \(path)") }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard status == 0 else { throw InputError("\(path) \(arguments.joined(separator: " ")) failed with status \(status)") }
        return (seconds, Int(usage.ru_maxrss))
    }
}
