import GlossaCore
import GlossaQA
import GlossaTerminology
import GlossaText

/// A terminology finding at a place in a checked file: what CI reports.
public struct Finding: Sendable, Equatable, Codable {
    /// The file, as named on the command line (the TM's path for `--tm`).
    public var file: String
    /// 1-based line; nil for TM units, which have no line.
    @NullWhenAbsent public var line: Int?
    /// 1-based column in characters of the term's first character (1 when only the unit's
    /// line is known).
    @NullWhenAbsent public var column: Int?
    /// The column one past the term, when the term's place is known exactly.
    @NullWhenAbsent public var endColumn: Int?
    /// The rule id (`deprecated-term`, …).
    public var rule: String
    /// Its severity.
    public var severity: Severity
    /// What is wrong and how to fix it.
    public var message: String
    /// The term as found (for a missing translation: the source term).
    public var term: String
    /// What to write instead.
    @NullWhenAbsent public var suggestion: String?
    /// The unit or segment id, for bilingual inputs.
    @NullWhenAbsent public var unit: String?
    /// The language of the text the term is in.
    public var language: String
    /// The concept's id in the glossary, for terminology findings.
    @NullWhenAbsent public var concept: String?
    /// The text around the term.
    public var excerpt: String
    /// The whole source segment, for a finding about a translation.
    @NullWhenAbsent public var sourceText: String?
    /// The whole translation, for a finding about it.
    @NullWhenAbsent public var targetText: String?

    /// A stable identity that survives edits elsewhere in the file (no line numbers): what a
    /// baseline records.
    public var fingerprint: String {
        [rule, file, unit ?? "", language, term, excerpt].joined(separator: "\u{1F}")
    }
}

extension Finding {
    /// Where in a checked file a term stands: what the runner knows before a rule decides
    /// anything about it.
    struct Location {
        var line: Int?
        var column: Int?
        var endColumn: Int?
        var unit: String?
        var excerpt: String
        /// The source and the translation, when the finding is about a translation.
        var pair: (source: String, target: String)?
    }

    /// A finding of a rule that is not about a glossary concept, at `location` in `file`.
    init(rule: String, severity: Severity, message: String, term: String, file: String, language: LanguageTag, at location: Location) {
        self.init(file: file, line: location.line, column: location.column, endColumn: location.endColumn, rule: rule,
                  severity: severity, message: message, term: term, suggestion: nil, unit: location.unit,
                  language: language.canonical, concept: nil, excerpt: location.excerpt,
                  sourceText: location.pair?.source, targetText: location.pair?.target)
    }

    /// A translation QA finding, at `location` in `file`.
    init(_ found: QAFinding, file: String, language: LanguageTag, at location: Location) {
        self.init(rule: found.rule.rawValue, severity: found.severity, message: found.message, term: found.piece, file: file,
                  language: language, at: location)
        suggestion = found.suggestion
    }

    /// A finding from a text finding, at `location` in `file`.
    init(_ found: TextFinding, file: String, at location: Location) {
        self.init(file: file, line: location.line, column: location.column, endColumn: location.endColumn,
                  rule: found.rule.rawValue, severity: found.severity, message: found.message, term: found.term,
                  suggestion: found.suggestion, unit: location.unit, language: found.language.canonical,
                  concept: found.concept, excerpt: location.excerpt,
                  sourceText: location.pair?.source, targetText: location.pair?.target)
    }

    /// Up to 40 characters either side of the term, on one line.
    static func excerpt(of text: String, around range: Range<Int>) -> String {
        let count = text.utf8.count
        let term = text[utf8: min(range.lowerBound, count)..<min(range.upperBound, count)]
        let (start, end) = (term.startIndex, term.endIndex)
        let before = text[..<start].suffix(40)
        let after = text[end...].prefix(40)
        let prefix = before.startIndex > text.startIndex ? "…" : ""
        let suffix = after.endIndex < text.endIndex ? "…" : ""
        return (prefix + before + text[start..<end] + after + suffix)
            .map { $0.isNewline || $0 == "\t" ? " " : $0 }.reduce(into: "") { $0.append($1) }
    }
}

extension Finding {
    private enum CodingKeys: String, CodingKey {
        case file, line, column, endColumn, rule, severity, message, term, suggestion, unit, language, concept, excerpt, sourceText, targetText
    }
}
