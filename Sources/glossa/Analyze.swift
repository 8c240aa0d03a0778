import ArgumentParser
import Foundation
import GlossaLookup
import GlossaText

extension Glossa {
    /// `glossa analyze`: how much of some documents the TM already covers.
    struct Analyze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count the segments and words of documents per TM match band, for quotes and planning.",
            discussion: """
            Documents are segmented as glossa segment does. Each segment's best
            TM match (see glossa lookup for the score, its penalties and
            filters) puts it in a band: context (101%: an exact match stored
            between the same neighbouring segments), 100%, 95–99%, 85–94%,
            75–84%, 50–74% or no match. A segment that occurred
            earlier in the same analysis, in any of the files, counts as a
            repetition instead. Words are ICU word-break words and numbers.

            JSON output: {"files": [report…], "total": report}, a report being
            {"file", "segments", "words", "bands": [{"band", "segments",
            "words"}…]} with bands repetitions, 101, 100, 95-99, 85-94, 75-84,
            50-74, no-match, always all of them and in that order.

            Examples:
              glossa analyze ../shared/seed/csto-news-2025-06.txt
              glossa analyze news/*.md --from en --to kk --format json
            """)

        @OptionGroup var tm: TMOptions
        @OptionGroup var documents: DocumentOptions

        @Argument(help: ArgumentHelp("Documents to analyse; - reads standard input.", valueName: "file"))
        var files: [String]

        @OptionGroup var languages: LanguagePair
        @OptionGroup var matching: MatchPolicyOptions
        @OptionGroup var settings: SettingsFile

        @Option(help: "Output: text or json.")
        var format: OutputFormat = .text

        struct Output: Encodable {
            let files: [AnalysisReport]
            let total: AnalysisReport
        }

        func run() throws {
            let (source, target) = try languages.tags()
            let lookup = try TMLookup(memory: tm.openForSearch(warningAbout: [source, target]), from: source, to: target)
            let segmenter = try documents.segmenter(language: source)
            var analysis = try Analysis(lookup: lookup, policy: matching.policy(settings.load()))
            var reports: [AnalysisReport] = []
            let progress = Progress(label: "analysing", noun: "segments", every: 100)
            var done = 0
            for file in files {
                let segments = try documents.sentences(of: file, with: segmenter)
                reports.append(try analysis.add(file: file == "-" ? "<stdin>" : file, segments: segments) { progress.update(done + $0) })
                done += segments.count
            }
            progress.finish()
            switch format {
            case .json: try printJSON(Output(files: reports, total: analysis.total))
            case .text:
                for report in reports + (reports.count > 1 ? [analysis.total] : []) { print(table(report)) }
            }
        }

        private func table(_ report: AnalysisReport) -> String {
            func row(_ label: String, _ segments: Int, _ words: Int) -> String {
                label.padding(toLength: 14, withPad: " ", startingAt: 0)
                    + String(segments).leftPadded(to: 10) + String(words).leftPadded(to: 10)
                    + (report.words > 0 ? String(format: "%9.1f%%", 100 * Double(words) / Double(report.words)) : "")
            }
            var lines = [report.file ?? "Total (\(files.count) files)",
                         "Match".padding(toLength: 14, withPad: " ", startingAt: 0) + "Segments".leftPadded(to: 10)
                            + "Words".leftPadded(to: 10) + "Share".leftPadded(to: 10)]
            lines += report.bands.map { row($0.band.label, $0.segments, $0.words) }
            lines.append(row("Total", report.segments, report.words))
            return lines.joined(separator: "\n") + "\n"
        }
    }
}

extension String {
    /// This text right-aligned in `width` columns.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
