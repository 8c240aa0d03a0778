import GlossaTerminology
import GlossaText

/// The translation QA checks beyond terminology, each with a stable id for configuration,
/// suppressions, baselines and SARIF: what Xbench, Verifika, memoQ QA and pofilter check
/// before delivery.
public enum QARule: String, Sendable, Codable, CaseIterable {
    /// The numbers of source and translation differ.
    case numberMismatch = "number-mismatch"
    /// The software placeholders (`%s`, `%1$d`, `{name}`) differ.
    case placeholderMismatch = "placeholder-mismatch"
    /// The inline codes or markup tags differ.
    case tagMismatch = "tag-mismatch"
    /// The translation is empty.
    case untranslated
    /// The translation is the source, unchanged.
    case targetEqualsSource = "target-equals-source"
    /// One source translated two ways, or one translation for two sources.
    case inconsistentTranslation = "inconsistent-translation"
    /// End punctuation, brackets and quotation marks.
    case punctuation
    /// Double spaces, spaces before punctuation, leading and trailing white space.
    case spacing
    /// A translation that starts lower-case after an upper-case source; a term in the wrong case.
    case capitalization
    /// A translation much longer or shorter than its language pair's translations usually are.
    case length

    /// The severity used unless configuration says otherwise.
    public var defaultSeverity: Severity {
        switch self {
        case .numberMismatch, .placeholderMismatch, .tagMismatch, .untranslated: .error
        case .length: .note
        default: .warning
        }
    }

    /// A one-line title.
    public var title: String {
        switch self {
        case .numberMismatch: "Numbers differ between source and translation"
        case .placeholderMismatch: "Placeholders differ between source and translation"
        case .tagMismatch: "Inline codes or tags differ between source and translation"
        case .untranslated: "Translation is empty"
        case .targetEqualsSource: "Translation is the same as the source"
        case .inconsistentTranslation: "Inconsistent translation"
        case .punctuation: "Punctuation differs or does not suit the language"
        case .spacing: "White space differs or is misplaced"
        case .capitalization: "Capitalization differs"
        case .length: "Translation length is unusual"
        }
    }

    /// What the rule checks and how to fix what it finds (SARIF help text, `glossa terms rules`).
    public var help: String {
        switch self {
        case .numberMismatch:
            "Every number of the source must be in the translation, written as the target language writes it "
                + "(\"10,000.5\" is «10 000,5» in Russian; \"June 19, 2025\" is «19 июня 2025 года»). Correct the number or add the missing one."
        case .placeholderMismatch:
            "Software placeholders (%s, %1$d, %(name)s, %1, {0}, {name}) are filled in by the program: the translation must keep "
                + "each one, of the same kind (positions may be reordered with %1$s). Copy the placeholder from the source."
        case .tagMismatch:
            "Inline codes and markup tags (<b>…</b>, TMX/XLIFF codes) must be in the translation as often as in the source. "
                + "Copy the missing tag, or remove the extra one."
        case .untranslated:
            "The translation is empty. Translate the segment, or remove it from the file."
        case .targetEqualsSource:
            "The translation is the source text unchanged, which usually means it was not translated. "
                + "Translate it; if it must stay as it is (a product name), add it to 'allow-same' in .glossa.yml."
        case .inconsistentTranslation:
            "The same source is translated differently elsewhere, or the same translation stands for different sources. "
                + "Use one translation for one source, unless the context differs (then give the units a context)."
        case .punctuation:
            "The end punctuation differs from the source's, brackets or quotation marks are unbalanced, or the quotation marks "
                + "are not the target language's («…» in Russian, “…” in English). Make them match."
        case .spacing:
            "The translation has a double space, a space before punctuation, or leading or trailing white space that the "
                + "source does not have. Remove or add the white space."
        case .capitalization:
            "The translation starts with a lower-case letter where the source starts upper-case, or writes a glossary term "
                + "in another case than the glossary (\"Csto\" for \"CSTO\"). Write it as the glossary or source has it."
        case .length:
            "The translation is much longer or shorter than translations in this language pair usually are (from the "
                + "statistics of the units checked). Check that nothing is missing or added."
        }
    }
}

/// What the QA checks report and how loudly.
public struct QAPolicy: Sendable {
    /// Severity per rule; a rule that is absent is off.
    public var severities: [QARule: Severity]
    /// Texts that may stay as they are in a translation (names, product names), compared
    /// case-insensitively with the whole segment.
    public var allowedSame: Set<String>

    /// Every rule at its default severity.
    public init(severities: [QARule: Severity] = Dictionary(uniqueKeysWithValues: QARule.allCases.map { ($0, $0.defaultSeverity) }),
                allowedSame: [String] = []) {
        self.severities = severities
        self.allowedSame = Set(allowedSame.map { $0.lowercased() })
    }
}

/// A QA finding in a segment pair, before the runner knows its file and line.
public struct QAFinding: Sendable, Equatable {
    public var rule: QARule
    public var severity: Severity
    /// What is wrong and how to fix it.
    public var message: String
    /// The offending piece as written (a number, a placeholder, a punctuation mark).
    public var piece: String
    /// What to write instead, when there is one.
    public var suggestion: String?
    /// The text it is in.
    public var side: TextFinding.Side
    /// UTF-8 offsets of the piece in that text.
    public var start: Int
    public var end: Int
}

/// A source segment and one translation, with what the checks need to know about them.
public struct SegmentPair: Sendable {
    public var source: String
    public var sourceLanguage: LanguageTag
    public var target: String
    public var targetLanguage: LanguageTag
    /// Whether `{1}`, `{/1}` and `{2/}` in the texts are the unit's inline codes (its format
    /// had markup) rather than written braces.
    public var hasInlineCodes: Bool
    /// Whether the source is a plural message (gettext `msgid_plural`): a translation's
    /// singular form may leave the count out.
    public var isPlural: Bool

    public init(source: String, sourceLanguage: LanguageTag, target: String, targetLanguage: LanguageTag,
                hasInlineCodes: Bool = false, isPlural: Bool = false) {
        self.source = source
        self.sourceLanguage = sourceLanguage
        self.target = target
        self.targetLanguage = targetLanguage
        self.hasInlineCodes = hasInlineCodes
        self.isPlural = isPlural
    }
}
