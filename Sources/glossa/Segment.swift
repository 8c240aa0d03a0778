import ArgumentParser
import Foundation
import GlossaCore
import GlossaFormats
import GlossaSegmentation
import GlossaText

extension Glossa {
    /// `glossa segment`: split documents into blocks and sentences.
    struct Segment: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Split documents into sentences.",
            discussion: """
            Reads plain text (every line a paragraph), Markdown or HTML (by
            extension, or --input-format) and prints one sentence per line with
            a blank line between blocks (paragraphs, headings, list items).
            Sentences never cross blocks.

            Rules: ICU's sentence rules for the language plus Glossa's
            abbreviation lists (en, ru, and the Cyrillic languages of the
            region); with --srx, the rules an SRX 2.0 file gives for the
            language (cascading as the file says).

            Examples:
              glossa segment ../shared/seed/csto-news-2025-06.txt
              glossa segment news.ru.md --lang ru --format json
              glossa segment page.html --srx omegat-defaultRules.srx
              cat notes.txt | glossa segment - --lang hy
            """)

        @Argument(help: ArgumentHelp("Documents to segment; - reads standard input.", valueName: "file"))
        var files: [String]

        @Option(help: "Language of the documents (BCP-47).")
        var lang: String = "en"

        @OptionGroup var documents: DocumentOptions

        @Option(help: "Output: text (a sentence per line) or json (blocks with sentence positions).")
        var format: OutputFormat = .text

        struct FileResult: Encodable {
            let file: String
            let blocks: [SegmentedBlock]
        }

        func run() throws {
            let segmenter = try documents.segmenter(language: LanguageTag(lang))
            var results: [FileResult] = []
            for file in files {
                let blocks = try segmenter.segment(file: file, format: documents.inputFormat)
                results.append(FileResult(file: file == "-" ? "<stdin>" : file, blocks: blocks))
            }
            switch format {
            case .json:
                try printJSON(results)
            case .text:
                let blocks = results.flatMap(\.blocks)
                print(blocks.map { $0.sentences.map(\.text).joined(separator: "\n") }.joined(separator: "\n\n"))
            }
        }
    }
}

extension DocumentFormat: ExpressibleByArgument {}
