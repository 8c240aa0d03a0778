/// How serious a finding is; SARIF's levels.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    /// For information.
    case note
    /// Should be fixed.
    case warning
    /// Must be fixed: fails a CI run at the default `--fail-on error`.
    case error

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// The terminology checks, each with a stable id for configuration, baselines and SARIF.
public enum TermRule: String, Sendable, Codable, CaseIterable {
    /// A text uses a deprecated or superseded term.
    case deprecatedTerm = "deprecated-term"
    /// One document names a concept with two different approved terms.
    case inconsistentVariants = "inconsistent-variants"
    /// A source term is present but none of its approved target terms is in the translation.
    case missingTargetTerm = "missing-target-term"
    /// The translation uses a deprecated target term.
    case deprecatedTargetTerm = "deprecated-target-term"
    /// An acronym the glossary keeps unchanged in the target language is missing from the
    /// translation.
    case acronymNotKept = "acronym-not-kept"

    /// The severity used unless configuration says otherwise.
    public var defaultSeverity: Severity {
        self == .inconsistentVariants ? .warning : .error
    }

    /// A one-line title.
    public var title: String {
        switch self {
        case .deprecatedTerm: "Deprecated term used"
        case .inconsistentVariants: "Two variants of one term in a document"
        case .missingTargetTerm: "Approved translation of a term missing"
        case .deprecatedTargetTerm: "Deprecated term used in a translation"
        case .acronymNotKept: "Acronym not kept in the translation"
        }
    }

    /// What the rule checks and how to fix what it finds (SARIF help text, `--help`).
    public var help: String {
        switch self {
        case .deprecatedTerm:
            "The glossary marks this term deprecated or superseded. Replace it with the preferred term of the same concept."
        case .inconsistentVariants:
            "The document uses two approved terms for one concept (for example \"Kyrgyzstan\" and \"Kyrgyz Republic\"). "
                + "Pick one, the preferred term where the glossary names one, and use it throughout."
        case .missingTargetTerm:
            "The source contains a glossary term, but the translation contains none of the approved target terms for it "
                + "(inflected forms count). Use the approved term."
        case .deprecatedTargetTerm:
            "The translation uses a target term the glossary marks deprecated or superseded. Replace it with the preferred target term."
        case .acronymNotKept:
            "The glossary keeps this acronym unchanged in the target language, but the translation does not contain it. "
                + "Write the acronym as it is."
        }
    }
}
