import Foundation
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaSegmentation
import GlossaTerminology
import GlossaText

/// Runs the terminology checks over files: documents (plain text, Markdown, HTML) as
/// monolingual text, bilingual files (TMX, XLIFF, PO, TSV/CSV) and TMs as source/target
/// pairs. Not thread safe: one per task.
public final class CheckRunner {
    /// The checker that does the work.
    public let checker: TermChecker
    /// The source language: given, or else the file's (the first language of each unit).
    public let sourceLanguage: LanguageTag?
    /// The target language: given, or else every other language of each unit.
    public let targetLanguage: LanguageTag?
    /// How large a unit of a bilingual file may be.
    public let limits: UnitLimits

    public init(checker: TermChecker, sourceLanguage: LanguageTag?, targetLanguage: LanguageTag?, limits: UnitLimits = .standard) {
        self.checker = checker
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
            variants.record(occurrences, in: block.text) { location($0.start..<$0.end) }
        }
        findings += variantFindings(variants, file: file)
        return findings.filter { !suppressions.silences(rule: $0.rule, line: $0.line) }
    }

    /// Checks the units a reader produces, each as source and translations.
    public func checkUnits(file: String, read: (@escaping UnitHandler) throws -> Void) throws -> [Finding] {
        var findings: [Finding] = []
        var variants = VariantTracker<Finding.Location>()
        var index = 0
        try read { unit, line in
            index += 1
            findings += try self.check(unit: unit, id: unit.externalID ?? String(index), file: file, line: line, variants: &variants)
        }
        return findings + variantFindings(variants, file: file)
    }

    /// Checks every unit of a TM; findings name the TM's path and the unit's id.
    public func check(memory: any UnitStore) throws -> [Finding] {
        var findings: [Finding] = []
        var variants = VariantTracker<Finding.Location>()
        try memory.forEachUnit { id, unit in
            findings += try check(unit: unit, id: String(id), file: memory.name, line: nil, variants: &variants)
        }
        return findings + variantFindings(variants, file: memory.name)
    }

    /// Checks a unit's source once, then each translation against the source's terms.
    private func check(unit: TranslationUnit, id: String, file: String, line: Int?,
                       variants: inout VariantTracker<Finding.Location>) throws -> [Finding] {
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
        for target in targets {
            let found = try checker.checkTranslation(target.text, language: target.language, of: source.text,
                                                     sourceLanguage: source.language, sourceTerms: sourceTerms)
            findings += found.map { Finding($0, file: file, at: location($0.start..<$0.end, in: $0.side == .target ? target.text : source.text)) }
        }
        variants.record(sourceTerms, in: source.text) { location($0.start..<$0.end, in: source.text) }
        return findings
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
