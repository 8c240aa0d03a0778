import GlossaQA
import GlossaTerminology

/// One rule of `glossa check`, as configuration, SARIF and `glossa terms rules` describe it.
public struct RuleDescription: Sendable {
    public let id: String
    public let title: String
    public let help: String
    public let defaultSeverity: Severity
}

/// Every rule `glossa check` runs: the terminology rules, then the translation QA rules.
public enum CheckRules {
    public static let all: [RuleDescription] =
        TermRule.allCases.map { RuleDescription(id: $0.rawValue, title: $0.title, help: $0.help, defaultSeverity: $0.defaultSeverity) }
        + QARule.allCases.map { RuleDescription(id: $0.rawValue, title: $0.title, help: $0.help, defaultSeverity: $0.defaultSeverity) }

    /// The terminology checks' policy under `severities` (rule id → severity, nil for off).
    public static func termPolicy(_ severities: [String: Severity?], ignored: [String]) -> CheckPolicy {
        var levels = CheckPolicy().severities
        for rule in TermRule.allCases { if let level = severities[rule.rawValue] { levels[rule] = level } }
        return CheckPolicy(severities: levels, ignored: Set(ignored))
    }

    /// The QA checks' policy under `severities`.
    public static func qaPolicy(_ severities: [String: Severity?], allowedSame: [String]) -> QAPolicy {
        var levels = QAPolicy().severities
        for rule in QARule.allCases { if let level = severities[rule.rawValue] { levels[rule] = level } }
        return QAPolicy(severities: levels, allowedSame: allowedSame)
    }
}
