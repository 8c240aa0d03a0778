import GlossaCore
import GlossaText

/// A problem found in one text, with UTF-8 offsets into the text it was found in.
public struct TextFinding: Sendable, Equatable {
    /// Which text of a pair it is in.
    public enum Side: String, Sendable, Codable { case source, target }

    public var rule: TermRule
    public var severity: Severity
    /// What is wrong and how to fix it.
    public var message: String
    /// The term as it appears in the text (for a missing term: the source term).
    public var term: String
    /// What to write instead, when there is one.
    public var suggestion: String?
    /// The concept's id.
    public var concept: String
    /// The language of the text it is in.
    public var language: LanguageTag
    /// The text it is in.
    public var side: Side
    /// UTF-8 offsets of the term in that text.
    public var start: Int
    public var end: Int
}

/// What the checks report and how loudly.
public struct CheckPolicy: Sendable {
    /// Severity per rule; a rule that is absent is off.
    public var severities: [TermRule: Severity]
    /// Terms or concept ids never reported (compared case-insensitively).
    public var ignored: Set<String>

    /// Every rule at its default severity, nothing ignored.
    public init(severities: [TermRule: Severity] = Dictionary(uniqueKeysWithValues: TermRule.allCases.map { ($0, $0.defaultSeverity) }),
                ignored: Set<String> = []) {
        self.severities = severities
        self.ignored = Set(ignored.map { $0.lowercased() })
    }
}

/// A termbase with its term indexes compiled for some languages: built once, shared by the
/// checkers of several threads.
public struct CompiledGlossary: Sendable {
    /// The glossary.
    public let termbase: Termbase
    /// Indexes built ahead, by language.
    public let indexes: [LanguageTag: TermIndex]

    /// Compiles the indexes of `languages` (others are compiled by each checker on first use).
    public init(termbase: Termbase, languages: [LanguageTag] = []) throws {
        self.termbase = termbase
        var indexes: [LanguageTag: TermIndex] = [:]
        for language in languages { indexes[language] = try TermIndex(termbase: termbase, language: language) }
        self.indexes = indexes
    }
}

/// Runs the terminology checks on texts and text pairs. Holds a scanner per language, so it
/// is not thread safe: one per task (they can share a `CompiledGlossary`).
public final class TermChecker {
    /// The glossary checked against.
    public let termbase: Termbase
    /// What to report.
    public let policy: CheckPolicy
    private let compiled: [LanguageTag: TermIndex]
    private var scanners: [LanguageTag: TermScanner] = [:]

    /// A checker over `glossary`.
    public init(glossary: CompiledGlossary, policy: CheckPolicy = CheckPolicy()) {
        termbase = glossary.termbase
        compiled = glossary.indexes
        self.policy = policy
    }

    /// A checker that compiles each language's index when it first meets the language.
    public convenience init(termbase: Termbase, policy: CheckPolicy = CheckPolicy()) {
        // Compiling no language ahead cannot fail.
        self.init(glossary: try! CompiledGlossary(termbase: termbase), policy: policy)
    }

    /// The scanner for `language`, built on first use.
    public func scanner(for language: LanguageTag) throws -> TermScanner {
        if let scanner = scanners[language] { return scanner }
        let scanner = try TermScanner(index: compiled[language] ?? TermIndex(termbase: termbase, language: language))
        scanners[language] = scanner
        return scanner
    }

    /// A term found in a text: the match and what it refers to.
    public struct Occurrence: Sendable {
        public let match: TermMatch
        public let conceptIndex: Int
        public let term: Term
    }

    /// The terms in `text`, the longest at each place.
    public func occurrences(in text: String, language: LanguageTag) throws -> [Occurrence] {
        let scanner = try scanner(for: language)
        return scanner.longestMatches(in: text).map { occurrence(of: $0, in: scanner.index) }
    }

    private func occurrence(of match: TermMatch, in index: TermIndex) -> Occurrence {
        let entry = index.entries[match.entry]
        return Occurrence(match: match, conceptIndex: entry.concept, term: termbase.concepts[entry.concept].terms[entry.term])
    }

    /// Monolingual checks of one text: deprecated terms. The occurrences feed a
    /// `VariantTracker`, which finds concepts named two ways across a document, and
    /// `checkTranslation`.
    public func check(text: String, language: LanguageTag) throws -> (findings: [TextFinding], occurrences: [Occurrence]) {
        let found = try occurrences(in: text, language: language).filter { !isIgnored($0) }
        let findings = found.compactMap { deprecated($0, in: text, language: language, side: .source, rule: .deprecatedTerm) }
        return (findings, found)
    }

    /// Bilingual checks of a source text and its translation: deprecated terms on each side,
    /// and every source term's approved translation present in the target (once is enough:
    /// counts are not compared).
    public func check(source: String, sourceLanguage: LanguageTag, target: String, targetLanguage: LanguageTag) throws
        -> (findings: [TextFinding], occurrences: [Occurrence]) {
        let (sourceFindings, sourceTerms) = try check(text: source, language: sourceLanguage)
        let targetFindings = try checkTranslation(target, language: targetLanguage, of: source, sourceLanguage: sourceLanguage,
                                                  sourceTerms: sourceTerms)
        return (sourceFindings + targetFindings, sourceTerms)
    }

    /// The checks of one translation of a source whose terms `check(text:language:)` found
    /// (`sourceTerms`): deprecated target terms, and source terms without an approved
    /// translation. A source with several translations is scanned once.
    public func checkTranslation(_ target: String, language targetLanguage: LanguageTag, of source: String,
                                 sourceLanguage: LanguageTag, sourceTerms: [Occurrence]) throws -> [TextFinding] {
        try checkTranslationAndTerms(target, language: targetLanguage, of: source, sourceLanguage: sourceLanguage,
                                     sourceTerms: sourceTerms).findings
    }

    /// `checkTranslation`, with the terms found in the translation (the longest at each place).
    public func checkTranslationAndTerms(_ target: String, language targetLanguage: LanguageTag, of source: String,
                                         sourceLanguage: LanguageTag, sourceTerms: [Occurrence]) throws
        -> (findings: [TextFinding], targetTerms: [Occurrence]) {
        let targetScanner = try scanner(for: targetLanguage)
        let entries = targetScanner.index.entries
        // Every target match counts as presence, nested ones too ("ОДКБ" inside "Секретариат ОДКБ").
        let targetMatches = targetScanner.matches(in: target)
        var findings: [TextFinding] = []
        var present = Set<Int>(minimumCapacity: targetMatches.count)
        for match in targetMatches { present.insert(entries[match.entry].concept) }
        var targetTerms: [Occurrence] = []
        for match in TermScanner.longest(of: targetMatches) {
            let occurrence = occurrence(of: match, in: targetScanner.index)
            guard !isIgnored(occurrence) else { continue }
            targetTerms.append(occurrence)
            if !entries[match.entry].isApproved,
               let finding = deprecated(occurrence, in: target, language: targetLanguage, side: .target, rule: .deprecatedTargetTerm) {
                findings.append(finding)
            }
        }
        var reported = Set<Int>()
        for occurrence in sourceTerms where !present.contains(occurrence.conceptIndex) && reported.insert(occurrence.conceptIndex).inserted {
            if let finding = missing(occurrence, in: source, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage) {
                findings.append(finding)
            }
        }
        return (findings, targetTerms)
    }

    private func isIgnored(_ occurrence: Occurrence) -> Bool {
        guard !policy.ignored.isEmpty else { return false }
        return policy.ignored.contains(occurrence.term.displayText.lowercased())
            || policy.ignored.contains(termbase.concepts[occurrence.conceptIndex].id.lowercased())
    }

    private func deprecated(_ occurrence: Occurrence, in text: String, language: LanguageTag, side: TextFinding.Side,
                            rule: TermRule) -> TextFinding? {
        guard !occurrence.term.effectiveStatus.isApproved, let severity = policy.severities[rule] else { return nil }
        let concept = termbase.concepts[occurrence.conceptIndex]
        let found = Self.slice(text, occurrence.match)
        let suggestion = concept.suggestion(in: language, like: occurrence.term)?.displayText
        let status = occurrence.term.effectiveStatus.rawValue
        let message = suggestion.map { "'\(found)' is \(status): write '\($0)'" } ?? "'\(found)' is \(status) and the glossary has no approved replacement"
        return TextFinding(rule: rule, severity: severity, message: message, term: found, suggestion: suggestion,
                           concept: concept.id, language: language, side: side,
                           start: occurrence.match.start, end: occurrence.match.end)
    }

    private func missing(_ occurrence: Occurrence, in source: String, sourceLanguage: LanguageTag,
                         targetLanguage: LanguageTag) -> TextFinding? {
        let concept = termbase.concepts[occurrence.conceptIndex]
        guard let wanted = concept.suggestion(in: targetLanguage, like: occurrence.term) else { return nil }
        let found = Self.slice(source, occurrence.match)
        let kept = occurrence.term.type?.isShortened == true && wanted.displayText == occurrence.term.displayText
        let rule: TermRule = kept ? .acronymNotKept : .missingTargetTerm
        guard let severity = policy.severities[rule] else { return nil }
        let approved = concept.terms(in: targetLanguage).filter { $0.effectiveStatus.isApproved }.map { "'\($0.displayText)'" }
        let message = kept
            ? "'\(found)' must stay '\(wanted.displayText)' in the \(targetLanguage) translation"
            : "'\(found)' is not translated with the approved term: use \(approved.joined(separator: " or "))"
        return TextFinding(rule: rule, severity: severity, message: message, term: found, suggestion: wanted.displayText,
                           concept: concept.id, language: sourceLanguage, side: .source,
                           start: occurrence.match.start, end: occurrence.match.end)
    }

    /// The text a match covers.
    public static func slice(_ text: String, _ match: TermMatch) -> String {
        String(text[utf8: match.start..<match.end])
    }
}

extension TermChecker: TermFinder {
    public func concepts(in text: String, language: LanguageTag) throws -> [(concept: String, range: Range<Int>)] {
        try occurrences(in: text, language: language).map { (termbase.concepts[$0.conceptIndex].id, $0.match.start..<$0.match.end) }
    }
}
