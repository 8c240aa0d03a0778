import Foundation
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaQA
import GlossaSegmentation
import GlossaTerminology
import GlossaText

/// Runs the checks over files: documents (plain text, Markdown, HTML) as monolingual text
/// (terminology), bilingual files (TMX, XLIFF, PO, TSV/CSV) and TMs as source/target pairs
/// (terminology and translation QA). Rules that compare many pairs keep what they need between
/// files: call `finish()` after the last one. Not thread safe: one per task.
public final class CheckRunner {
    /// The terminology checker.
    public let checker: TermChecker
    /// The translation QA checks of each pair; nil runs terminology only.
    public let qa: PairChecker?
    /// The source language: given, or else the file's (the first language of each unit).
    public let sourceLanguage: LanguageTag?
    /// The target language: given, or else every other language of each unit.
    public let targetLanguage: LanguageTag?
    /// How large a unit of a bilingual file may be.
    public let limits: UnitLimits

    private var consistency = TranslationConsistency()
    private var lengths = LengthRatios<Finding>()

    public init(checker: TermChecker, qa: PairChecker? = PairChecker(), sourceLanguage: LanguageTag?, targetLanguage: LanguageTag?,
                limits: UnitLimits = .standard) {
        self.checker = checker
        self.qa = qa
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.limits = limits
    }

    /// Checks the file at `path` (named `name` in findings).
    public func check(file path: String, name: String? = nil) throws -> [Finding] {
        let file = name ?? path
        let origin = ImportOrigin(document: file, limits: limits)
        let format = FileFormat.of(file: path) ?? .text
        if let document = format.document {
            return try checkDocument(bytes: Self.contents(of: path, name: file), file: file, format: document)
        }
        var reader = UnitFileReader(origin: origin)
        reader.poIncludesUntranslated = qa != nil
        reader.poSourceLanguage = sourceLanguage ?? "en"
        reader.poFallbackLanguage = targetLanguage
        reader.poFallbackOption = "--to"
        return try checkUnits(file: file) { handler in
            _ = try reader.read(file: path, name: file, format: format, handler)
        }
    }

    /// Checks a document's text block by block; terms are placed at their line and column.
    public func checkDocument(bytes: [UInt8], file: String, format: DocumentFormat) throws -> [Finding] {
        let language = sourceLanguage ?? "en"
        // Reading the blocks has validated the bytes (or, for HTML, decoded them leniently).
        let blocks = try DocumentSegmenter.blocks(bytes: bytes, file: file, format: format)
        let suppressions = Suppressions(text: Substring(decoding: bytes, as: UTF8.self))
        var findings: [Finding] = []
        var variants = VariantTracker<Finding.Location>()
        for block in blocks {
            func location(_ range: Range<Int>) -> Finding.Location {
                let first = block.sourceMap.position(of: range.lowerBound, in: block.text)
                let last = block.sourceMap.position(of: range.upperBound, in: block.text)
                return Finding.Location(line: first.line, column: first.column,
                                        endColumn: last.line == first.line ? last.column : first.column, unit: nil,
                                        excerpt: Finding.excerpt(of: block.text, around: range))
            }
            let (found, occurrences) = try checker.check(text: block.text, language: language)
            findings += found.map { Finding($0, file: file, at: location($0.start..<$0.end)) }
            findings += termCase(occurrences, in: block.text, language: language, file: file) { location($0) }
            variants.record(occurrences, in: block.text) { location($0.start..<$0.end) }
        }
        findings += variantFindings(variants, file: file)
        return findings.filter { !suppressions.silences(rule: $0.rule, line: $0.line) }
    }

    /// Checks the units a reader produces, each as source and translations.
    public func checkUnits(file: String, read: (@escaping UnitHandler) throws -> Void) throws -> [Finding] {
        var findings: [Finding] = []
        var state = FileState()
        var index = 0
        try read { unit, line in
            index += 1
            findings += try self.check(unit: unit, id: unit.externalID ?? String(index), file: file, line: line, state: &state)
        }
        return findings + finish(state, file: file)
    }

    /// Checks every unit of a TM; findings name the TM's path and the unit's id.
    public func check(memory: any UnitStore) throws -> [Finding] {
        var findings: [Finding] = []
        var state = FileState()
        try memory.forEachUnit { id, unit in
            findings += try check(unit: unit, id: String(id), file: memory.name, line: nil, state: &state)
        }
        return findings + finish(state, file: memory.name)
    }

    /// The findings of rules that need every pair checked (translation lengths): call once,
    /// after the last file.
    public func finish() -> [Finding] {
        lengths.outliers().map { outlier in
            var finding = outlier.place
            let usual = String(format: "%.1f–%.1f", outlier.usual.lowerBound, outlier.usual.upperBound)
            finding.message = String(format: "the translation is %.1f times as long as the source; %@ translations here are %@ times as long",
                                     outlier.ratio, outlier.languages, usual)
            return finding
        }
    }

    /// What one file's checks keep until its end.
    private struct FileState {
        var variants = VariantTracker<Finding.Location>()
        var capitalization = CapitalizationConvention<Finding>()
    }

    private func finish(_ state: FileState, file: String) -> [Finding] {
        variantFindings(state.variants, file: file) + state.capitalization.findings()
    }

    /// Checks a unit's source once, then each translation against the source's terms and by
    /// the QA rules.
    private func check(unit: TranslationUnit, id: String, file: String, line: Int?, state: inout FileState) throws -> [Finding] {
        guard let source = sourceVariant(of: unit) else { return [] }
        let targets = unit.variants.filter { variant in
            variant.language != source.language
                && (targetLanguage.map { $0.covers(variant.language) } ?? true)
        }
        // A unit has a line, not columns: findings point at its start.
        func location(_ range: Range<Int>, in text: String) -> Finding.Location {
            Finding.Location(line: line, column: line == nil ? nil : 1, endColumn: nil, unit: id,
                             excerpt: Finding.excerpt(of: text, around: range))
        }
        let (sourceFindings, sourceTerms) = try checker.check(text: source.text, language: source.language)
        var findings = sourceFindings.map { Finding($0, file: file, at: location($0.start..<$0.end, in: source.text)) }
        findings += termCase(sourceTerms, in: source.text, language: source.language, file: file) { location($0, in: source.text) }
        var languagesSeen: Set<LanguageTag> = []
        for target in targets {
            // Findings about a translation carry the pair, for reports that show both sides.
            func at(_ range: Range<Int>, in text: String) -> Finding.Location {
                var place = location(range, in: text)
                place.pair = (source.text, target.text)
                return place
            }
            let (found, targetTerms) = try checker.checkTranslationAndTerms(target.text, language: target.language, of: source.text,
                                                                          sourceLanguage: source.language, sourceTerms: sourceTerms)
            findings += found.map { Finding($0, file: file, at: at($0.start..<$0.end, in: $0.side == .target ? target.text : source.text)) }
            findings += termCase(targetTerms, in: target.text, language: target.language, file: file) { at($0, in: target.text) }
            guard let qa else { continue }
            let pair = SegmentPair(source: source.text, sourceLanguage: source.language, target: target.text, targetLanguage: target.language,
                                   hasInlineCodes: source.markup != nil || target.markup != nil,
                                   isPlural: unit.properties.contains { $0.name == "po:msgid_plural" })
            var capitalization: Finding?
            for found in qa.check(pair) {
                let text = found.side == .source ? source.text : target.text
                let finding = Finding(found, file: file, language: found.side == .source ? source.language : target.language,
                                      at: at(found.start..<found.end, in: text))
                if found.rule == .capitalization { capitalization = finding } else { findings.append(finding) }
            }
            state.capitalization.record(pair, finding: capitalization)
            // Alternatives of one unit are deliberate: only its first translation per language counts.
            guard languagesSeen.insert(target.language).inserted else { continue }
            if let severity = qa.policy.severities[.inconsistentTranslation] {
                let place = line.map { "\(file):\($0)" } ?? "unit \(id)"
                for (message, side, milder) in consistency.record(pair, context: unit.context, place: place) {
                    let text = side == .source ? source.text : target.text
                    // One translation for two sources is often synonyms: a level lower.
                    let level = milder ? Severity.allCases[max(0, Severity.allCases.firstIndex(of: severity)! - 1)] : severity
                    findings.append(Finding(rule: QARule.inconsistentTranslation.rawValue, severity: level, message: message,
                                            term: text, file: file, language: side == .source ? source.language : target.language,
                                            at: at(0..<text.utf8.count, in: text)))
                }
            }
            if let severity = qa.policy.severities[.length] {
                lengths.record(source: source.text, target: target.text,
                               languages: "\(source.language)→\(target.language)",
                               place: Finding(rule: QARule.length.rawValue, severity: severity, message: "", term: "", file: file,
                                              language: target.language, at: at(0..<0, in: target.text)))
            }
        }
        if targets.isEmpty, let qa, let severity = qa.policy.severities[.untranslated], unit.variants.count == 1 {
            let language = targetLanguage.map { " into \($0)" } ?? ""
            findings.append(Finding(rule: QARule.untranslated.rawValue, severity: severity, message: "the source has no translation\(language)",
                                    term: source.text, file: file, language: source.language,
                                    at: location(0..<source.text.utf8.count, in: source.text)))
        }
        state.variants.record(sourceTerms, in: source.text) { location($0.start..<$0.end, in: source.text) }
        return findings
    }

    /// `capitalization` findings for approved terms written in another case than the glossary's.
    private func termCase(_ occurrences: [TermChecker.Occurrence], in text: String, language: LanguageTag, file: String,
                          at place: (Range<Int>) -> Finding.Location) -> [Finding] {
        guard let severity = qa?.policy.severities[.capitalization] else { return [] }
        return occurrences.compactMap { occurrence in
            let written = text[utf8: occurrence.match.start..<occurrence.match.end]
            guard occurrence.term.effectiveStatus.isApproved,
                  Capitalization.termCaseDiffers(written: written, term: occurrence.term.displayText) else { return nil }
            let term = occurrence.term.displayText
            var finding = Finding(rule: QARule.capitalization.rawValue, severity: severity,
                                  message: "'\(written)' is written '\(term)' in the glossary", term: String(written), file: file,
                                  language: language, at: place(occurrence.match.start..<occurrence.match.end))
            finding.suggestion = term
            finding.concept = checker.termbase.concepts[occurrence.conceptIndex].id
            return finding
        }
    }

    private func sourceVariant(of unit: TranslationUnit) -> Variant? {
        guard let sourceLanguage else { return unit.variants.first }
        return unit.variant(covering: sourceLanguage)
    }

    /// Turns the tracker's variant findings into findings at the places it recorded.
    private func variantFindings(_ variants: VariantTracker<Finding.Location>, file: String) -> [Finding] {
        variants.findings(termbase: checker.termbase, severity: checker.policy.severities[.inconsistentVariants])
            .map { Finding($0.finding, file: file, at: $0.place) }
    }

    private static func contents(of path: String, name: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("cannot read the file", file: name)
        }
        return Array(data)
    }
}
