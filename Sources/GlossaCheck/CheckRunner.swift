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

    public init(checker: TermChecker, sourceLanguage: LanguageTag?, targetLanguage: LanguageTag?) {
        self.checker = checker
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
    }

    /// What kind of input a path is, from its extension.
    public enum InputKind: Sendable, Equatable {
        case document(DocumentFormat)
        case tmx, xliff, po
        case table(TabularReader.Dialect)

        public init(path: String) {
            switch (path as NSString).pathExtension.lowercased() {
            case "tmx": self = .tmx
            case "xlf", "xliff", "sdlxliff", "mqxliff": self = .xliff
            case "po", "pot": self = .po
            case "tsv", "tab": self = .table(.tsv)
            case "csv": self = .table(.csv)
            default: self = .document(DocumentFormat(path: path))
            }
        }
    }

    /// Checks the file at `path` (named `name` in findings).
    public func check(file path: String, name: String? = nil) throws -> [Finding] {
        let file = name ?? path
        switch InputKind(path: path) {
        case .document(let format):
            return try checkDocument(bytes: Self.contents(of: path, name: file), file: file, format: format)
        case .tmx:
            return try checkUnits(file: file) { handler in
                _ = try TMXReader(origin: ImportOrigin(document: file)).read(file: path, name: file, handler)
            }
        case .xliff:
            return try checkUnits(file: file) { handler in
                try XLIFFReader(origin: ImportOrigin(document: file)).read(file: path, name: file, handler)
            }
        case .po:
            let source = try SourceText(bytes: Self.contents(of: path, name: file), file: file)
            let reader = POReader(origin: ImportOrigin(document: file), sourceLanguage: sourceLanguage ?? "en",
                                  fallbackLanguage: targetLanguage)
            return try checkUnits(file: file) { try reader.read(source, $0) }
        case .table(let dialect):
            let source = try SourceText(bytes: Self.contents(of: path, name: file), file: file)
            return try checkUnits(file: file) { try TabularReader.read(source, dialect: dialect, origin: ImportOrigin(document: file), $0) }
        }
    }

    /// Checks a document's text block by block; terms are placed at their line and column.
    public func checkDocument(bytes: [UInt8], file: String, format: DocumentFormat) throws -> [Finding] {
        let language = sourceLanguage ?? "en"
        let blocks = try DocumentSegmenter.blocks(bytes: bytes, file: file, format: format)
        let suppressions = format == .html ? Suppressions(text: Substring(decoding: bytes, as: UTF8.self))
            : Suppressions(text: Substring(try SourceText(bytes: bytes, file: file).text))
        var findings: [Finding] = []
        var variants = VariantTracker<Finding>()
        for block in blocks {
            func place(_ start: Int, _ end: Int) -> (line: Int, column: Int, end: Int) {
                let first = block.sourceMap.position(of: start, in: block.text)
                let last = block.sourceMap.position(of: end, in: block.text)
                return (first.line, first.column, last.line == first.line ? last.column : first.column)
            }
            let (found, occurrences) = try checker.check(text: block.text, language: language)
            for finding in found {
                let at = place(finding.start, finding.end)
                findings.append(Finding(finding, file: file, line: at.line, column: at.column, endColumn: at.end, unit: nil, text: block.text))
            }
            variants.record(occurrences, in: block.text) { match in
                let at = place(match.start, match.end)
                return Finding(file: file, line: at.line, column: at.column, endColumn: at.end, rule: "", severity: .note,
                               message: "", term: "", unit: nil, language: language.canonical, concept: "",
                               excerpt: Finding.excerpt(of: block.text, around: match.start..<match.end))
            }
        }
        findings += variantFindings(variants)
        return findings.filter { !suppressions.silences(rule: $0.rule, line: $0.line) }
    }

    /// Checks the units a reader produces, each as source and translations.
    public func checkUnits(file: String, read: (@escaping UnitHandler) throws -> Void) throws -> [Finding] {
        var findings: [Finding] = []
        var variants = VariantTracker<Finding>()
        var index = 0
        try read { unit, line in
            index += 1
            findings += try self.check(unit: unit, id: unit.externalID ?? String(index), file: file, line: line, variants: &variants)
        }
        return findings + variantFindings(variants)
    }

    /// Checks every unit of a TM; findings name the TM's path and the unit's id.
    public func check(memory: TranslationMemory) throws -> [Finding] {
        var findings: [Finding] = []
        var variants = VariantTracker<Finding>()
        try memory.forEachUnit { id, unit in
            findings += try check(unit: unit, id: String(id), file: memory.path, line: nil, variants: &variants)
        }
        return findings + variantFindings(variants)
    }

    private func check(unit: TranslationUnit, id: String, file: String, line: Int?, variants: inout VariantTracker<Finding>) throws -> [Finding] {
        guard let source = sourceVariant(of: unit) else { return [] }
        let targets = unit.variants.filter { variant in
            variant.language != source.language
                && (targetLanguage.map { variant.language == $0 || variant.language.language == $0.canonical } ?? true)
        }
        func finding(_ found: TextFinding, _ text: String) -> Finding {
            Finding(found, file: file, line: line, column: line == nil ? nil : 1, endColumn: nil, unit: id, text: text)
        }
        var findings: [Finding] = []
        let sourceOccurrences: [TermChecker.Occurrence]
        if targets.isEmpty {
            let result = try checker.check(text: source.text, language: source.language)
            findings += result.findings.map { finding($0, source.text) }
            sourceOccurrences = result.occurrences
        } else {
            var sourceSideReported = false
            var occurrences: [TermChecker.Occurrence] = []
            for target in targets {
                let result = try checker.check(source: source.text, sourceLanguage: source.language,
                                               target: target.text, targetLanguage: target.language)
                for found in result.findings where found.side == .target || !sourceSideReported || found.rule != .deprecatedTerm {
                    findings.append(finding(found, found.side == .target ? target.text : source.text))
                }
                sourceSideReported = true
                occurrences = result.occurrences
            }
            sourceOccurrences = occurrences
        }
        variants.record(sourceOccurrences, in: source.text) { match in
            Finding(file: file, line: line, column: line == nil ? nil : 1, endColumn: nil, rule: "", severity: .note, message: "",
                    term: "", unit: id, language: source.language.canonical, concept: "",
                    excerpt: Finding.excerpt(of: source.text, around: match.start..<match.end))
        }
        return findings
    }

    private func sourceVariant(of unit: TranslationUnit) -> Variant? {
        guard let sourceLanguage else { return unit.variants.first }
        return unit.variant(in: sourceLanguage) ?? unit.variants.first { $0.language.language == sourceLanguage.canonical }
    }

    /// Turns the tracker's variant findings into findings at the places it recorded.
    private func variantFindings(_ variants: VariantTracker<Finding>) -> [Finding] {
        variants.findings(termbase: checker.termbase, severity: checker.policy.severities[.inconsistentVariants]).map { found, place in
            var finding = place
            finding.rule = found.rule.rawValue
            finding.severity = found.severity
            finding.message = found.message
            finding.term = found.term
            finding.suggestion = found.suggestion
            finding.concept = found.concept
            return finding
        }
    }

    private static func contents(of path: String, name: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("cannot read the file", file: name)
        }
        return Array(data)
    }
}
