import ArgumentParser
import Foundation
import GlossaLookup
import GlossaText

extension Glossa {
    /// `glossa concordance`: full-text search of the TM with the translations beside.
    struct ConcordanceSearch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "concordance",
            abstract: "Search the TM's segments for words or phrases and show how they were translated.",
            discussion: """
            The query holds words (all must occur, in any order), "quoted
            phrases" (words in sequence) and a * after a word or phrase for a
            prefix. Words are cut by ICU word break and compared case- and
            width-insensitively (NFKC case folding), so Chinese, Thai,
            Armenian, Cyrillic and accented text work alike. Several words
            rank their hits: the exact phrase first, then all words close
            together, then anywhere, newest first within each (the 300 newest
            hits are ranked); a stop word (the, of, и, в…) is neither required
            nor highlighted save inside the exact phrase. One word, one
            "phrase" or a prefix: newest first. --max per page.

            Text output marks the matched words in color on a terminal, and
            in [brackets] otherwise. JSON output is an array of {unit, text,
            lang, highlights: [{start, end, text}] (offsets in code points),
            translation, translation_lang, translation_highlights}. Where
            two or more hits holding the phrase (a "quoted phrase", or the
            words as typed) have different translations, and their segments
            share no more than it and two words around, the stretch of words their
            translations share is marked in each translation: where the phrase
            went, as the TM tells.

            Examples:
              glossa concordance "Collective Security"
              glossa concordance '"Joint Staff"' --to ru
              glossa concordance 'ОДКБ секретар*' --from ru --to en --page 2
            """)

        @OptionGroup var tm: TMOptions

        @Argument(help: "Words, \"phrases\" and prefixes* to search for.")
        var query: String

        @OptionGroup var languages: LanguagePair

        @Option(help: "Hits per page.")
        var max: Int = 20

        @Option(help: "Page of hits to show, from 1.")
        var page: Int = 1

        @Option(help: "Output: text or json.")
        var format: OutputFormat = .text

        func validate() throws {
            guard max >= 1 else { throw ValidationError("--max must be at least 1") }
            guard page >= 1 else { throw ValidationError("--page must be at least 1") }
        }

        func run() throws {
            let parsed = try ConcordanceQuery(parsing: query)
            let (source, target) = try languages.tags()
            let concordance = try Concordance(memory: tm.openForSearch(warningAbout: [source, target]), from: source, to: target)
            let hits = try concordance.search(parsed, page: page, pageSize: max)
            switch format {
            case .json: try printJSON(hits)
            case .text:
                if hits.isEmpty { print(page == 1 ? "No \(source) segment matches \(query)." : "No more hits (page \(page)).") }
                let color = Diagnostics.outputColorsEnabled
                for hit in hits {
                    print("unit \(hit.unit)")
                    print(segmentLines(hit.language, marked(hit.text, hit.highlights, color: color)))
                    print(segmentLines(hit.translationLanguage ?? target.canonical,
                                       hit.translation.map { marked($0, hit.translationHighlights, color: color) } ?? "(no translation)"))
                }
                if hits.count == max { print("More on --page \(page + 1).") }
            }
        }
    }
}

/// A segment in text output: "  ru  text", the later lines of a segment that holds line
/// breaks (PO messages do) indented to where its text starts, so it stays one block.
func segmentLines(_ language: String, _ text: String) -> String {
    let label = "  \(language)  "
    let indent = "\n" + String(repeating: " ", count: label.count)
    return label + text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: indent)
}

/// `text` with `spans` in bold yellow on a terminal, or in [brackets] when `color` is off and
/// `bracketsWithoutColor` (plain output must still show them).
func marked(_ text: String, _ spans: [TextSpan], color: Bool, bracketsWithoutColor: Bool = true) -> String {
    guard !spans.isEmpty, color || bracketsWithoutColor else { return text }
    let (open, close) = color ? ("\u{1B}[1;33m", "\u{1B}[0m") : ("[", "]")
    var result = ""
    var scalars = Array(text.unicodeScalars)[...]
    var position = 0
    for span in spans where span.start >= position {
        result.unicodeScalars += scalars.prefix(span.start - position)
        result += open + span.text + close
        scalars = scalars.dropFirst(span.end - position)
        position = span.end
    }
    result.unicodeScalars += scalars
    return result
}
