import ArgumentParser
import Foundation
import GlossaCheck
import GlossaCore
import GlossaLookup
import GlossaTerminology
import GlossaText

extension Glossa {
    /// `glossa lookup`: exact and fuzzy matches for a segment.
    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find TM matches for a segment, exact and fuzzy, in any language direction.",
            discussion: """
            The score is OmegaT's: 100 × (L − d) / L, rounded down, where d is
            the edit distance in words (ICU word break, case-folded, every
            number alike) and L the longer segment's word count; then one
            point off each for a difference in case, punctuation, numbers or
            inline codes. Inline codes are the TM's ({1}, {/1}) and software
            placeholders (%s, %1$d, %(count)d, %1, {0}, {name}): codes, not
            words. Only identical text (NFC, white space collapsed) scores 100.

            A context match scores 101: an exact match whose unit was stored
            with the key --context gives (a PO msgctxt, an XLIFF resname, a
            TMX x-context) and between the source segments --prev and --next
            give (TMX props x-context-pre and x-context-post; "" for the start
            or end of a document); each one given must agree.

            Then the match policy, from the lookup section of .glossa.yml and
            these options: a source the TM holds several different
            translations of (alternatives, or units with the same source) gives
            a match for each, each --multiple-translations-penalty points off
            (default 1, as Trados); --penalty CONDITION:POINTS takes points off
            a match whose unit meets the condition; --where CONDITION leaves
            out every unit that does not. A score below --min after its
            deductions is no match. Matches are ranked by score, then most
            recent first.

            A match whose only difference is in numbers (dates written the same
            way included) gets the query's numbers in its translation, marked
            "numbers adapted" (adapted: true, the TM's text in stored_target),
            at the score the numbers' penalty gives (99).

            Text output marks the words of the matched source that differ
            from the query (in color on a terminal, listed under "differs"
            otherwise). JSON output is an array of objects: score, base,
            penalties, deductions ([{reason, points}]), context_match, unit,
            id, source, source_lang, target, adapted, stored_target,
            target_lang, alternative,
            diff (spans {start, end, text}, offsets in code points of
            source), origin, created, created_by, changed, changed_by. No
            match: [] and exit 0.

            --fragments also lists the phrases of three words or more the
            segment shares word for word with TM segments, longest first (memoQ's
            longest-substring concordance): each with up to five units holding
            it, and, when two or more hold it with different translations, the
            longest stretch their translations share (what the phrase became, as
            the TM tells), and the glossary's terms for the phrase as each
            translation writes them (--glossary, the config's, else
            glossaries/*.tbx|tsv|csv, when there is one). JSON: {"matches":
            [...], "fragments": [{text, start, end, words, units: [{unit,
            source, highlight, target, target_highlights}], translation}]}. Words held by more than 10,000 segments are not
            looked up, so a phrase of such words alone is no fragment.

            --batch FILE reads one query per line ("-" for standard input)
            and writes one JSON array per line, in order (JSON lines). From
            standard input each answer is written as soon as its line is
            read, so a CAT tool or script can keep one process open and ask
            one segment at a time.

            Examples:
              glossa lookup "I am glad to welcome you to the International Conference on Cyber Security."
              glossa lookup "Генеральный секретарь ОДКБ" --from ru --to en --min 60
              glossa lookup --batch segments.txt --from en --to kk > matches.jsonl
              glossa lookup "Open the file" --context menu.file.open --where "origin=*.po"
              glossa lookup "The meeting was held in Minsk." --prev "The CSTO Council met." --next "" --penalty "author=mt:10"
            """)

        @OptionGroup var tm: TMOptions

        @Argument(help: "The segment to look up.")
        var text: String?

        @OptionGroup var languages: LanguagePair

        @Option(help: "Lowest score to show (1…100).")
        var min: Int = 75

        @Option(help: "Most matches to show per segment.")
        var max: Int = 5

        @Option(help: "Output: text or json.")
        var format: OutputFormat = .text

        @Option(help: ArgumentHelp("Look up every line of a file; writes JSON lines.", valueName: "file"))
        var batch: String?

        @Option(help: ArgumentHelp("The key of the string the segment translates (msgctxt, resname, x-context).", valueName: "key"))
        var context: String?

        @Option(help: ArgumentHelp("The source segment before this one; \"\" at the start of a document.", valueName: "text"))
        var prev: String?

        @Option(help: ArgumentHelp("The source segment after this one; \"\" at the end of a document.", valueName: "text"))
        var next: String?

        @Flag(help: "Also list the phrases of three words or more the segment shares with TM segments.")
        var fragments = false

        @OptionGroup var matching: MatchPolicyOptions
        @OptionGroup var glossary: GlossaryOptions

        func validate() throws {
            guard (1...100).contains(min) else { throw ValidationError("--min must be between 1 and 100") }
            guard max >= 1 else { throw ValidationError("--max must be at least 1") }
            guard (text == nil) != (batch == nil) else { throw ValidationError("give either a segment or --batch FILE") }
            guard batch == nil || (prev == nil && next == nil) else { throw ValidationError("--prev and --next are one segment's neighbours: not with --batch") }
            guard batch == nil || !fragments else { throw ValidationError("--fragments looks up one segment: not with --batch") }
        }

        func run() throws {
            let (source, target) = try languages.tags()
            let settings = try glossary.configuration()
            let policy = try matching.policy(settings)
            let context = SegmentContext(key: context, previous: prev, next: next)
            let lookup = try TMLookup(memory: tm.openForSearch(warningAbout: [source, target]), from: source, to: target)
            if let batch {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                let progress = Progress(label: "looking up", noun: "segments", every: 100)
                defer { progress.finish() }
                var done = 0, cutShort = 0
                defer { noteCutShort(cutShort) }
                func answer(_ line: Substring) throws {
                    let matches = try lookup.matches(for: String(line), context: context, policy: policy, minimum: min, maximum: max)
                    print(String(decoding: try encoder.encode(matches), as: UTF8.self))
                    done += 1
                    if !lookup.lastSearchWasComplete { cutShort += 1 }
                    progress.update(done)
                }
                if batch == "-" {
                    // A line at a time, each answer flushed: the asker may wait for it before
                    // sending the next. (readLine strips "\r\n" as well as "\n".)
                    while let line = readLine(strippingNewline: true) {
                        try answer(line[...])
                        fflush(nil)
                    }
                    return
                }
                // Split by bytes, "\r\n" or "\n" (a Windows file's "\r\n" is one Character, which
                // a split on "\n" never meets), and checked as UTF-8 or UTF-16 with a BOM.
                var lines = try SourceText(bytes: InputFile.contents(of: batch), file: batch).lines
                // A final line break ends the last query; it does not begin an empty one.
                if lines.last?.isEmpty == true { lines.removeLast() }
                for line in lines { try answer(line) }
                return
            }
            let matches = try lookup.matches(for: text ?? "", context: context, policy: policy, minimum: min, maximum: max)
            let found = fragments ? try lookup.fragments(for: text ?? "", glossary: try terms(settings, source, target)) : []
            switch format {
            case .json where fragments: try printJSON(WithFragments(matches: matches, fragments: found))
            case .json: try printJSON(matches)
            case .text:
                printText(matches)
                if fragments { printText(found, from: lookup.from.canonical, to: lookup.to.canonical) }
            }
            noteCutShort(lookup.lastSearchWasComplete ? 0 : 1)
        }

        /// The glossary in force, to tell how the fragments' terms were translated; nil when
        /// there is none.
        private func terms(_ settings: CheckConfiguration, _ source: LanguageTag, _ target: LanguageTag) throws -> TermChecker? {
            do {
                return TermChecker(termbase: try glossary.termbase(settings, languages: (source, target)))
            } catch is ValidationError {
                return nil
            }
        }

        /// What `--fragments --format json` prints.
        struct WithFragments: Encodable {
            let matches: [LookupMatch]
            let fragments: [Fragment]
        }

        private func printText(_ fragments: [Fragment], from: String, to: String) {
            guard !fragments.isEmpty else {
                print("No fragment of three words or more.")
                return
            }
            let color = Diagnostics.outputColorsEnabled
            for fragment in fragments {
                print("fragment  \"\(fragment.text)\"  \(fragment.words) words" + (fragment.translation.map { "  →  \($0)" } ?? ""))
                for holder in fragment.units {
                    print("  unit \(holder.unit)")
                    print(segmentLines(from, marked(holder.source, [holder.highlight], color: color, bracketsWithoutColor: true)))
                    if let target = holder.target { print(segmentLines(to, marked(target, holder.targetHighlights, color: color, bracketsWithoutColor: true))) }
                }
            }
        }

        /// Says on standard error how many searches their budget cut short, if any.
        private func noteCutShort(_ count: Int) {
            guard count > 0 else { return }
            let which = count == 1 ? "the search was" : "\(count) searches were"
            Diagnostics.note("note: \(which) cut short by the fuzzy search's budget (a long segment of common words at a low --min): matches sharing fewer words with it may be missing; a higher --min searches in full")
        }

        private func printText(_ matches: [LookupMatch]) {
            guard !matches.isEmpty else {
                print("No match of \(min)% or more.")
                return
            }
            let color = Diagnostics.outputColorsEnabled
            for match in matches {
                let date = (match.changed ?? match.created).map { "  " + $0.prefix(10) } ?? ""
                let origin = match.origin.map { "  " + $0 } ?? ""
                let taken = match.penalties.map(\.rawValue) + match.deductions.map { "\($0.reason) \($0.points)" }
                let penalties = taken.isEmpty ? "" : "  (−\(taken.joined(separator: ", ")))"
                let alternative = match.alternative ? "  alternative translation" : ""
                let inContext = match.contextMatch ? "  context match" : ""
                let adapted = match.adapted ? "  numbers adapted" : ""
                print("\(match.score)%  unit \(match.unit)\(inContext)\(alternative)\(adapted)\(origin)\(date)\(penalties)")
                print(segmentLines(match.sourceLanguage, marked(match.source, match.diff, color: color, bracketsWithoutColor: false)))
                print(segmentLines(match.targetLanguage, match.target))
                if !color && !match.diff.isEmpty { print("      differs: \(match.diff.map(\.text).joined(separator: ", "))") }
            }
        }
    }
}
