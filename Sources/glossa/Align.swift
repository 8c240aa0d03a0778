import ArgumentParser
import Foundation
import GlossaAlignment
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaSegmentation
import GlossaTerminology
import GlossaText
import GlossaWorkflows

extension Glossa {
    /// `glossa align`: a document and its translation into aligned segments.
    struct Align: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Align a document with its translation, sentence by sentence.",
            discussion: """
            Inputs are plain text (a paragraph per line), Markdown or HTML, by
            extension; with --segmented, files already cut one segment per line.
            Blocks (paragraphs, headings, list items) are aligned first, then the
            sentences inside them, with beads 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2.
            Scoring: Gale and Church's length model (parameters per language
            pair, see README) plus anchors that hold across scripts: numbers,
            untranslated Latin tokens, names through transliteration, punctuation,
            and the term pairs of --glossary.

            Beads below --min-confidence (default 0.5) and one-sided beads are not
            written to --out TSV/TMX or the TM; --review FILE lists them side by
            side. JSON: an array of {"source": [i…], "target": [j…], "confidence",
            "source_text", "target_text"} with 0-based segment indices.

            Examples:
              glossa align news.en.txt news.ru.txt --from en --to ru
              glossa align en.html ru.html --from en --to ru --out pairs.tsv
              glossa align en.txt ru.txt --from en --to ru --glossary csto.tbx
              glossa align en.txt kk.txt --from en --to kk --segmented --format json
              glossa align en.md ru.md --from en --to ru --into-tm --review review.tsv
            """)

        @Argument(help: "The source document.")
        var source: String

        @Argument(help: "Its translation.")
        var target: String

        @Option(help: ArgumentHelp("Source language.", valueName: "lang"))
        var from: String

        @Option(help: ArgumentHelp("Target language.", valueName: "lang"))
        var to: String

        @Option(help: ArgumentHelp("A glossary whose term pairs anchor the alignment.", valueName: "file"))
        var glossary: String?

        @Flag(help: "The inputs hold one segment per line.")
        var segmented = false

        @Option(help: ArgumentHelp("Write accepted pairs to FILE (.tsv, .tmx or .json: every bead).", valueName: "file"))
        var out: String?

        @Flag(name: .customLong("into-tm"), help: "Add accepted pairs to the TM.")
        var intoTM = false

        @OptionGroup var tm: TMOptions

        @Option(name: .customLong("min-confidence"), help: ArgumentHelp("Beads below this are not accepted (0…1).", valueName: "x"))
        var minConfidence: Double = 0.5

        @Option(help: ArgumentHelp("Write the beads not accepted to FILE (TSV), for review.", valueName: "file"))
        var review: String?

        @Option(help: "Output: text or json.")
        var format: OutputFormat = .text

        func validate() throws {
            guard (0...1).contains(minConfidence) else { throw ValidationError("--min-confidence takes a number from 0 to 1") }
        }

        func run() throws {
            let sourceLanguage = try LanguageTag(from)
            let targetLanguage = try LanguageTag(to)
            let sourceDocument = try read(source, language: sourceLanguage)
            let targetDocument = try read(target, language: targetLanguage)
            guard !sourceDocument.segments.isEmpty || !targetDocument.segments.isEmpty else {
                throw InputError("nothing to align: both documents are empty", file: source)
            }
            let termbase = try glossary.map { try GlossaryOptions.load($0, languages: (sourceLanguage, targetLanguage)) }
            let beads = try DocumentAligner(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage, glossary: termbase)
                .align(sourceDocument, targetDocument)
            let isAccepted = { (bead: AlignedBead) in !bead.source.isEmpty && !bead.target.isEmpty && bead.confidence >= minConfidence }
            let accepted = beads.filter(isAccepted)
            let rejected = beads.filter { !isAccepted($0) }
            // Each pair keeps its neighbouring source segments, for context (101) matches.
            let sourceSegments = beads.map(\.sourceText).filter { !$0.isEmpty }
            var position = -1
            let units = beads.compactMap { bead -> TranslationUnit? in
                if !bead.sourceText.isEmpty { position += 1 }
                guard isAccepted(bead) else { return nil }
                return TranslationUnit(variants: [Variant(language: sourceLanguage, text: bead.sourceText),
                                                  Variant(language: targetLanguage, text: bead.targetText)],
                                       sourceLanguage: sourceLanguage, origin: (source as NSString).lastPathComponent, created: Stamp(date: Date()),
                                       properties: SegmentContext.neighbours(of: position, in: sourceSegments).neighbourProperties)
            }
            if let out { try write(out, beads: beads, units: units, languages: [sourceLanguage, targetLanguage]) }
            if let review { try writeReview(review, rejected) }
            if intoTM {
                let location = try tm.locationBuildingDefault()
                let summary = try ImportWorkflow.load(into: location, create: createTM(at:deferSearchIndex:_:)) { writer in
                    try units.forEach(writer.add)
                }
                Diagnostics.note("\(TMStores.name(of: location)): \(summary.added) pairs added, \(summary.duplicates) duplicates skipped")
            }
            switch format {
            case .json: try printJSON(beads)
            case .text:
                if out == nil || out == "-" {
                    for bead in beads {
                        print("\(bead.source.map(String.init).joined(separator: ",")) ↔ \(bead.target.map(String.init).joined(separator: ",")) (\(bead.confidence))")
                        if !bead.sourceText.isEmpty { print("  \(from): \(bead.sourceText)") }
                        if !bead.targetText.isEmpty { print("  \(to): \(bead.targetText)") }
                    }
                }
                print("\(beads.count) beads: \(accepted.count) accepted, \(rejected.count) below \(minConfidence) or one-sided")
            }
        }

        private func read(_ path: String, language: LanguageTag) throws -> SegmentedDocument {
            let bytes = Array(try InputFile.contents(of: path))
            let document = segmented
                ? SegmentedDocument.lines(of: try SourceText(bytes: bytes, file: path))
                : try SegmentedDocument.read(bytes: bytes, file: path, format: FileFormat.document(of: path),
                                             segmenter: SentenceSegmenter(language: language))
            if let problem = ScriptCheck.mismatch(document.segments, language: language) {
                throw InputError("the text does not look like \(language): \(problem); check --from and --to", file: path)
            }
            return document
        }

        private func write(_ path: String, beads: [AlignedBead], units: [TranslationUnit], languages: [LanguageTag]) throws {
            try AtomicOutput.write(to: path) { handle in
                if (path as NSString).pathExtension.lowercased() == "json" {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    try handle.write(contentsOf: try encoder.encode(beads))
                } else {
                    let writer = try FileFormat.unitOutput(path: path, otherwise: .tsv)
                        .unitWriter(to: handle, languages: languages, sourceLanguage: languages[0])
                    for unit in units { try writer.write(unit) }
                    try writer.finish()
                }
            }
        }

        private func writeReview(_ path: String, _ beads: [AlignedBead]) throws {
            var text = "confidence\tsource\ttarget\t\(from)\t\(to)\n"
            for bead in beads {
                let cells = [String(bead.confidence), bead.source.map(String.init).joined(separator: ","),
                             bead.target.map(String.init).joined(separator: ","), bead.sourceText, bead.targetText]
                text += cells.map { $0.replacingOccurrences(of: "\t", with: " ") }.joined(separator: "\t") + "\n"
            }
            try AtomicOutput.write(text, to: path)
        }
    }
}

/// Whether a text's letters are in the script its language is written in, so swapped or wrong
/// --from/--to are caught before a meaningless alignment.
enum ScriptCheck {
    private static let scripts: [String: (name: String, test: @Sendable (Unicode.Scalar) -> Bool)] = [
        "ru": ("Cyrillic", cyrillic), "be": ("Cyrillic", cyrillic), "kk": ("Cyrillic", cyrillic),
        "ky": ("Cyrillic", cyrillic), "tg": ("Cyrillic", cyrillic), "uk": ("Cyrillic", cyrillic),
        "hy": ("Armenian", { (0x0530...0x058F).contains($0.value) || (0xFB13...0xFB17).contains($0.value) }),
        "en": ("Latin", { $0.isASCII || (0x00C0...0x024F).contains($0.value) }),
    ]

    private static func cyrillic(_ scalar: Unicode.Scalar) -> Bool { (0x0400...0x052F).contains(scalar.value) }

    /// A description of the mismatch, or nil when most letters are in the expected script.
    static func mismatch(_ segments: [String], language: LanguageTag) -> String? {
        guard let script = scripts[language.language] else { return nil }
        var letters = 0, matching = 0
        for segment in segments.prefix(200) {
            for scalar in segment.unicodeScalars where scalar.properties.isAlphabetic {
                letters += 1
                if script.test(scalar) { matching += 1 }
            }
        }
        guard letters >= 20, matching * 2 < letters else { return nil }
        return "only \(matching * 100 / letters)% of its letters are \(script.name)"
    }
}
