import CSQLite
import Foundation
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaSegmentation
import GlossaText

/// `glossa-bench`: Glossa's benchmarks. Build in release and run from the repository root;
/// each figure is printed as one JSON line on standard output.
///
///   glossa-bench import [--units N] [--runs R]   TSV import into a new TM vs bare sqlite3 inserts
///   glossa-bench segment [--megabytes M] [--runs R]   sentence segmentation of English text
///   glossa-bench tmx [--units N] [--runs R]      TMX import and export through the glossa binary, and
///                                                the floor libxml2 and SQLite set for the import
///   glossa-bench align [--sentences N] [--runs R]  aligning an N-sentence document pair (and N/2)
///   glossa-bench check [--segments N] [--runs R] [--terms T]  terminology checks with 100, 10k,
///                                                 100k generated terms (or T only)
///   glossa-bench lookup [--units N] [--queries Q] [--recall-queries R] [--keep TM]  import with
///                                                 search indexes, exact/fuzzy/concordance latency,
///                                                 recall (--keep: keep the TM there, reuse it)
@main
struct Bench {
    static func main() {
        do {
            try run()
        } catch {
            FileHandle.standardError.write(Data("glossa-bench: \(error)\n".utf8))
            exit(2)
        }
    }

    static func run() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard let command = arguments.first else { usage() }
        arguments.removeFirst()
        let options = Options(arguments)
        switch command {
        case "import": try ImportBenchmark(units: options.int("--units", 1_000_000), runs: options.int("--runs", 3)).run()
        case "segment": try SegmentBenchmark(megabytes: options.int("--megabytes", 32), runs: options.int("--runs", 5)).run()
        case "tmx": try TMXBenchmark(units: options.int("--units", 1_000_000), runs: options.int("--runs", 3)).run()
        case "align": try AlignBenchmark(sentences: options.int("--sentences", 10_000), runs: options.int("--runs", 3)).run()
        case "check":
            let sizes = options.int("--terms", 0) > 0 ? [options.int("--terms", 0)] : [100, 10_000, 100_000]
            try CheckBenchmark(segments: options.int("--segments", 1_000_000), sizes: sizes, runs: options.int("--runs", 3)).run()
        case "lookup":
            try LookupBenchmark(units: options.int("--units", 1_000_000), queries: options.int("--queries", 1000),
                                recallQueries: options.int("--recall-queries", 20), keep: options.string("--keep")).run()
        default: usage()
        }
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("usage: glossa-bench import [--units N] [--runs R] | segment [--megabytes M] [--runs R] | tmx [--units N] [--runs R] | check [--segments N] [--runs R] [--terms T] | align [--sentences N] [--runs R] | lookup [--units N] [--queries Q] [--recall-queries R] [--keep TM]\n".utf8))
        exit(2)
    }
}

struct Options {
    private var values: [String: String] = [:]
    init(_ arguments: [String]) {
        var index = 0
        while index + 1 < arguments.count {
            values[arguments[index]] = arguments[index + 1]
            index += 2
        }
    }
    func int(_ name: String, _ fallback: Int) -> Int { values[name].flatMap(Int.init) ?? fallback }
    func string(_ name: String) -> String? { values[name] }
}

/// Prints one benchmark figure as a JSON line.
func report(_ fields: KeyValuePairs<String, Any>) {
    let object = Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
    fflush(nil)
}

/// Seconds taken by `body`.
func time(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Real sentence pairs to build benchmark data from: the bundled CSTO sample.
func samplePairs() throws -> [(en: String, ru: String)] {
    let path = "tm/seed/csto-news-2025-06.en-ru.tsv"
    guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError("run glossa-bench from the repository root (needs \(path))")
    }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst().compactMap { line in
        let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
        return cells.count == 2 ? (String(cells[0]), String(cells[1])) : nil
    }
}
