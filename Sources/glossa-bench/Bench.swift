import ArgumentParser
import CSQLite
import Foundation
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaSegmentation
import GlossaText

/// `glossa-bench`: Glossa's benchmarks, one subcommand each. Build in release and run from the
/// repository root; each figure is printed as one JSON line on standard output.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glossa-bench",
        abstract: "Glossa's benchmarks: each figure is one JSON line on standard output.",
        discussion: """
            Build in release (swift build -c release) and run from the repository root, where \
            the fixtures and the glossary are. Figures are medians of --runs runs.

            Examples:
              .build/release/glossa-bench tmx --units 1000000 --runs 3
              .build/release/glossa-bench lookup --units 1000000
            """,
        subcommands: [ImportCommand.self, SegmentCommand.self, TMXCommand.self, CheckCommand.self, AlignCommand.self, LookupCommand.self, MaintenanceCommand.self,
                      ServeCommand.self])

    /// Options every benchmark takes.
    struct Runs: ParsableArguments {
        @Option(help: "How many times to run; the median is reported.")
        var runs = 3
    }

    struct ImportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "TSV import into a new TM, against bare sqlite3 inserts; with --postgres, into PostgreSQL too.")
        @Option(help: "Units to import.") var units = 1_000_000
        @OptionGroup var runs: Runs
        @Option(help: ArgumentHelp("A PostgreSQL server (the URL of a database on it) where each run imports into a database made for it and dropped after.",
                                   valueName: "url"))
        var postgres: String?
        func run() throws { try ImportBenchmark(units: units, runs: runs.runs, postgres: postgres).run() }
    }

    struct SegmentCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "segment", abstract: "Sentence segmentation of English text, MB/s.")
        @Option(help: "Megabytes of text.") var megabytes = 32
        @Option(help: "How many times to run; the median is reported.") var runs = 5
        func run() throws { try SegmentBenchmark(megabytes: megabytes, runs: runs).run() }
    }

    struct TMXCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tmx",
            abstract: "TMX import and export through the glossa binary, and the floor libxml2 and SQLite set for the import.",
            discussion: "Runs the glossa built beside glossa-bench on a generated en-ru TMX.")
        @Option(help: "Units in the generated TMX.") var units = 1_000_000
        @OptionGroup var runs: Runs
        func run() throws { try TMXBenchmark(units: units, runs: runs.runs).run() }
    }

    struct CheckCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Terminology and translation QA checks of en-ru segments with generated glossaries.")
        @Option(help: "Segments to check.") var segments = 1_000_000
        @Option(help: "One glossary of this many terms, instead of 100, 10k and 100k.") var terms: Int?
        @OptionGroup var runs: Runs
        func run() throws {
            try CheckBenchmark(segments: segments, sizes: terms.map { [$0] } ?? [100, 10_000, 100_000], runs: runs.runs).run()
        }
    }

    struct AlignCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "align", abstract: "Aligning an N-sentence en-ru document pair (and N/2).")
        @Option(help: "Sentences per document.") var sentences = 10_000
        @OptionGroup var runs: Runs
        func run() throws { try AlignBenchmark(sentences: sentences, runs: runs.runs).run() }
    }

    struct ServeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "glossa serve under wrk: fuzzy lookups at many connections, alone and beside API imports; with --postgres, one and two servers on PostgreSQL.",
            discussion: "Runs the glossa built beside glossa-bench on a TM built as the lookup benchmark builds it; needs Debian's wrk.")
        @Option(help: "Units in the TM, and in each file imported beside the lookups.") var units = 100_000
        @Option(help: "Distinct lookups (TM sentences with one word changed), asked in turn.") var queries = 1000
        @Option(help: "wrk's connections.") var connections = 64
        @Option(help: "Seconds each wrk run lasts.") var seconds = 15
        @Option(help: ArgumentHelp("A PostgreSQL server (the URL of a database on it) where the TM is copied into a database made for the run, and served by one server, then two.",
                                   valueName: "url"))
        var postgres: String?
        func validate() throws {
            guard units > 0, queries > 0, connections > 1, seconds > 0 else {
                throw ValidationError("--units, --queries and --seconds must be positive, --connections at least 2")
            }
        }
        func run() throws { try ServeBenchmark(units: units, queries: queries, connections: connections, seconds: seconds, postgres: postgres).run() }
    }

    struct LookupCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lookup",
            abstract: "Import with search indexes; exact, fuzzy and concordance latency; recall against brute force; with --postgres, on PostgreSQL too.")
        @Option(help: "Units in the TM.") var units = 1_000_000
        @Option(help: "Queries per latency figure.") var queries = 1000
        @Option(help: "Queries checked against the brute-force scorer.") var recallQueries = 20
        @Option(help: "Keep the TM at this path (with --postgres, its copy in the database glossa_bench_lookup_kept too), and reuse it (skipping the import) when it is there.")
        var keep: String?
        @Option(help: ArgumentHelp("A PostgreSQL server (the URL of a database on it) where the TM is copied into a database made for the run, and measured again.",
                                   valueName: "url"))
        var postgres: String?
        func run() throws {
            try LookupBenchmark(units: units, queries: queries, recallQueries: recallQueries, keep: keep, postgres: postgres).run()
        }
    }
}

extension Bench {
    struct MaintenanceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "maintenance",
            abstract: "tm list, tm replace and tm delete on a copy of an N-unit TM; with --postgres, on PostgreSQL too.")
        @Option(help: "Units in the TM.") var units = 1_000_000
        @Option(help: "Keep the TM built at this path, and reuse it when it is there (the lookup benchmark's --keep file serves).")
        var keep: String?
        @Option(help: ArgumentHelp("A PostgreSQL server (the URL of a database on it) where a copy of the TM is measured too.", valueName: "url"))
        var postgres: String?
        func run() throws { try MaintenanceBenchmark(units: units, keep: keep, postgres: postgres).run() }
    }
}

/// Prints one benchmark figure as a JSON line.
func report(_ fields: KeyValuePairs<String, Any>) {
    report(Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 }))
}

/// Prints one benchmark figure, whose fields are known only at run time, as a JSON line.
func report(_ object: [String: Any]) {
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

/// Milliseconds `body` took on each of `inputs`, as the fields of a latency figure: count,
/// p50, p95, p99 and max.
func latencies<Input>(of inputs: [Input], _ body: (Input) throws -> Void) rethrows -> [String: Any] {
    var milliseconds: [Double] = []
    for input in inputs { milliseconds.append(try time { try body(input) } * 1000) }
    milliseconds.sort()
    func percentile(_ p: Double) -> Double { milliseconds.isEmpty ? 0 : milliseconds[min(milliseconds.count - 1, Int(Double(milliseconds.count) * p))] }
    return ["queries": inputs.count, "p50_ms": percentile(0.5), "p95_ms": percentile(0.95), "p99_ms": percentile(0.99),
            "max_ms": milliseconds.last ?? 0]
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// The `glossa` built beside `glossa-bench` (so in release when it is), for the benchmarks
/// that run the binary.
func glossaBesideBench() throws -> URL {
    let glossa = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("glossa")
    guard FileManager.default.isExecutableFile(atPath: glossa.path) else {
        throw InputError("build glossa next to glossa-bench first (swift build -c release)")
    }
    return glossa
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
