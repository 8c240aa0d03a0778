import ArgumentParser
import GlossaMemory

extension Glossa {
    /// `glossa stats`: what the TM holds.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how many units and variants per language the TM holds.",
            discussion: """
            JSON output: {"units": N, "languages": {"en": N, "ru": N},
            "documents": N, "schemaVersion": N, "bytes": N, "path": "…"};
            documents counts the imported files whose headers are kept (TMX).

            Examples:
              glossa stats
              glossa stats --tm work/csto.sqlite --format json
            """)

        @OptionGroup var tm: TMOptions

        @Option(help: "Output: text or json.")
        var format: OutputFormat = .text

        struct Report: Encodable {
            let path: String
            let units: Int
            let languages: [String: Int]
            let documents: Int
            let schemaVersion: Int
            let bytes: Int
        }

        func run() throws {
            let memory = try tm.open(.readOnly)
            let stats = try memory.statistics()
            switch format {
            case .json:
                try printJSON(Report(path: memory.path, units: stats.units, languages: stats.languages,
                                     documents: try memory.documents().count, schemaVersion: stats.schemaVersion, bytes: stats.bytes))
            case .text:
                print("\(memory.path): \(stats.units) units, schema version \(stats.schemaVersion), \(stats.bytes) bytes")
                for (language, count) in stats.languages.sorted(by: { $0.key < $1.key }) {
                    print("  \(language)\t\(count) segments")
                }
            }
        }
    }
}
