import ArgumentParser
import Foundation
import GlossaCore
import GlossaFormats
import GlossaLookup
import GlossaText

extension Glossa {
    /// `glossa pretranslate`: an XLIFF 2.0 file with the TM's best matches as targets.
    struct Pretranslate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Segment documents and write an XLIFF 2.0 file with the TM's best match per segment as target.",
            discussion: """
            Each segment gets the target of its best TM match scoring --min or
            more (see glossa lookup for the score, its penalties and filters).
            A context match (101: an exact match stored between the same
            neighbouring segments) and a 100% match are marked
            state="translated"; a fuzzy one state="initial", for the translator
            to revise; a segment without a match has no target. A note of
            category glossa:match gives the score and the TM unit, and notes of
            category x-context-pre and x-context-post the segments before and
            after it, so that the file imported back gives context (101)
            matches. A file per
            document, a unit per segment. A match's inline codes are left out
            of the target: the sentences of a document are plain text.

            Examples:
              glossa pretranslate ../shared/seed/csto-news-2025-06.txt --out news.ru.xlf
              glossa pretranslate page.html --from en --to kk --min 75 --out page.kk.xlf
            """)

        @OptionGroup var tm: TMOptions
        @OptionGroup var documents: DocumentOptions

        @Argument(help: ArgumentHelp("Documents to pre-translate; - reads standard input.", valueName: "file"))
        var files: [String]

        @OptionGroup var languages: LanguagePair
        @OptionGroup var matching: MatchPolicyOptions
        @OptionGroup var settings: SettingsFile

        @Option(help: "Lowest score used as a target (1…100).")
        var min: Int = 100

        @Option(help: ArgumentHelp("The XLIFF file to write; - for standard output.", valueName: "file"))
        var out: String

        func validate() throws {
            guard (1...100).contains(min) else { throw ValidationError("--min must be between 1 and 100") }
        }

        func run() throws {
            let (source, target) = try languages.tags()
            let policy = try matching.policy(settings.load())
            let lookup = try TMLookup(memory: tm.openForSearch(warningAbout: [source, target]), from: source, to: target)
            let segmenter = try documents.segmenter(language: source)
            var counts = (segments: 0, context: 0, exact: 0, fuzzy: 0)
            let progress = Progress(label: "pre-translating", noun: "segments", every: 100)
            let xliffFiles = try files.map { file in
                let sentences = try documents.sentences(of: file, with: segmenter)
                let segments = try sentences.enumerated().map { index, sentence in
                    counts.segments += 1
                    progress.update(counts.segments)
                    let context = SegmentContext.neighbours(of: index, in: sentences)
                    guard let match = try lookup.matches(for: sentence, context: context, policy: policy, minimum: min, maximum: 1).first else {
                        return XLIFF2Document.Segment(source: sentence, target: nil, state: .initial, context: context)
                    }
                    switch match.score {
                    case contextMatchScore...: counts.context += 1
                    case 100: counts.exact += 1
                    default: counts.fuzzy += 1
                    }
                    let origin = match.origin.map { " from \($0)" } ?? ""
                    // A document's sentences are plain text: XLIFF allows no code in a target
                    // that its source lacks, and "{1}" placeholders would be typed-in text.
                    let target = try match.targetMarkup.map(TMXInline.plainText(ofMarkup:)) ?? match.target
                    return XLIFF2Document.Segment(
                        source: sentence, target: target, state: match.score >= 100 ? .translated : .initial,
                        note: "\(match.score)% match, TM unit \(match.unit)\(origin)", context: context)
                }
                return XLIFF2Document.File(original: file == "-" ? "<stdin>" : file, segments: segments)
            }
            progress.finish()
            let document = XLIFF2Document(sourceLanguage: source, targetLanguage: target, files: xliffFiles)
            try AtomicOutput.write(document.rendered(), to: out)
            Diagnostics.note("\(counts.segments) segments: \(counts.context) in context, \(counts.exact) exact, \(counts.fuzzy) fuzzy (\(min)%+), "
                             + "\(counts.segments - counts.context - counts.exact - counts.fuzzy) without a match")
        }
    }
}
