import ArgumentParser
import GlossaMemory

extension Glossa {
    /// `glossa stats`: what the TM holds.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how many units and variants per language the TM holds.",
            discussion: """
            JSON output: {"units": N, "languages": {"en": N, "ru": N},
            "alternatives": {"ru": N}, "documents": N, "unindexed": N, "schemaVersion": N, "bytes": N,
            "path": "…"}; documents counts the imported files whose headers are
            kept (TMX); alternatives, the variants per language that are a
            unit's second or later in that language (TMX tuv+); unindexed, the variants an import with --defer-index
            left out of the search indexes ('glossa tm index' adds them).

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
            let alternatives: [String: Int]
            let documents: Int
            let unindexed: Int
            let schemaVersion: Int
            let bytes: Int
        }

        func run() throws {
            let memory = try tm.openStore(.readOnly)
            let stats = try memory.statistics()
            let unindexed = try memory.unindexedVariantCount()
            switch format {
            case .json:
                try printJSON(Report(path: memory.name, units: stats.units, languages: stats.languages,
                                     alternatives: stats.alternatives, documents: try memory.documents().count, unindexed: unindexed,
                                     schemaVersion: stats.schemaVersion, bytes: stats.bytes))
            case .text:
                print("\(memory.name): \(stats.units) \(stats.units == 1 ? "unit" : "units"), schema version \(stats.schemaVersion), \(stats.bytes) bytes")
                for (language, count) in stats.languages.sorted(by: { $0.key < $1.key }) {
                    let alternatives = stats.alternatives[language].map { ", \($0) of them \($0 == 1 ? "an alternative" : "alternatives")" } ?? ""
                    print("  \(language)\t\(count) \(count == 1 ? "segment" : "segments")\(alternatives)")
                }
                if unindexed > 0 { print("  \(unindexed) variants not in the search indexes yet: run 'glossa tm index'") }
            }
        }
    }
}
