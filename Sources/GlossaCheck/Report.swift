import Foundation
import GlossaTerminology
import GlossaText
import GlossaXML

/// The formats `glossa check` reports in.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// For people: file:line:col, the excerpt with the term marked, the suggestion.
    case text
    /// An array of findings.
    case json
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    case sarif
    /// JUnit XML, for CI test report views: a test case per file, a failure per finding.
    case junit
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`).
    case github
    /// GitLab's Code Quality report (a JSON array of issues), for merge request widgets.
    case gitlab
    /// One self-contained HTML page for people: findings grouped by rule and file, filters.
    case html
}

/// Renders findings in a report format.
public struct Report {
    /// The findings, in the order to report them.
    public var findings: [Finding]
    /// Every file checked, findings or not (JUnit lists clean files as passing tests).
    public var files: [String]
    /// The tool version written into SARIF.
    public var toolVersion: String

    public init(findings: [Finding], files: [String], toolVersion: String) {
        self.findings = findings
        self.files = files
        self.toolVersion = toolVersion
    }

    /// The report as text in `format`; `color` adds ANSI colors to the text format.
    public func render(_ format: ReportFormat, color: Bool = false) throws -> String {
        switch format {
        case .text: text(color: color)
        case .json: try json(findings)
        case .sarif: try sarif()
        case .junit: junit()
        case .github: github()
        case .gitlab: try gitlab()
        case .html: HTMLReport(report: self).render()
        }
    }

    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    // MARK: text

    private func text(color: Bool) -> String {
        func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        var out = ""
        for finding in findings {
            let place = [finding.file, finding.line.map(String.init), finding.column.map(String.init)].compactMap { $0 }.joined(separator: ":")
            let unit = finding.unit.map { " (unit \($0))" } ?? ""
            let label = paint(finding.severity.rawValue, finding.severity == .error ? "1;31" : finding.severity == .warning ? "1;33" : "1;36")
            out += "\(place): \(label) [\(finding.rule)] \(finding.message)\(unit)\n"
            if let range = finding.excerpt.range(of: finding.term) {
                let marked = finding.excerpt[..<range.lowerBound] + paint(String(finding.excerpt[range]), "1;4")
                    + finding.excerpt[range.upperBound...]
                out += "    \(marked)\n"
                if !color {
                    let offset = finding.excerpt[..<range.lowerBound].count
                    out += "    " + String(repeating: " ", count: offset) + String(repeating: "^", count: max(1, finding.term.count)) + "\n"
                }
            } else {
                out += "    \(finding.excerpt)\n"
            }
            if let suggestion = finding.suggestion { out += "    suggestion: \(suggestion)\n" }
        }
        return out + summary + "\n"
    }

    /// "3 findings (1 error, 2 warnings, 0 notes) in 2 files."
    var summary: String {
        func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let notes = findings.count - errors - warnings
        let checked = counted(files.count, "file")
        return findings.isEmpty ? "No findings in \(checked)."
            : "\(counted(findings.count, "finding")) (\(counted(errors, "error")), \(counted(warnings, "warning")), \(counted(notes, "note"))) in \(checked)."
    }

    // MARK: GitHub workflow commands

    private func github() -> String {
        findings.map { finding in
            let command = finding.severity == .error ? "error" : finding.severity == .warning ? "warning" : "notice"
            var properties = ["file=\(escapeProperty(finding.file))"]
            if let line = finding.line { properties.append("line=\(line)") }
            if let column = finding.column { properties.append("col=\(column)") }
            if let end = finding.endColumn { properties.append("endColumn=\(end)") }
            properties.append("title=\(escapeProperty("glossa \(finding.rule)"))")
            var message = finding.message
            if let unit = finding.unit { message += " (unit \(unit))" }
            return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
        }.joined()
    }

    private func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    // MARK: GitLab Code Quality

    /// One issue of GitLab's Code Quality report (a subset of Code Climate's format).
    private struct CodeQualityIssue: Encodable {
        let description: String
        let checkName: String
        let fingerprint: String
        let severity: String
        let location: Location
        struct Location: Encodable {
            let path: String
            let lines: Lines
        }
        struct Lines: Encodable { let begin: Int }
        enum CodingKeys: String, CodingKey { case description, checkName = "check_name", fingerprint, severity, location }
    }

    /// Errors are major (they fail the pipeline), warnings minor, notes info; a TM's units,
    /// which have no line, are at line 1.
    private func gitlab() throws -> String {
        try json(findings.map { finding in
            let hash = StableHash(finding.fingerprint)
            let unit = finding.unit.map { " (unit \($0))" } ?? ""
            return CodeQualityIssue(
                description: "\(finding.message)\(unit)", checkName: "glossa/\(finding.rule)",
                fingerprint: String(format: "%016llx%016llx", hash.high, hash.low),
                severity: finding.severity == .error ? "major" : finding.severity == .warning ? "minor" : "info",
                location: .init(path: finding.file, lines: .init(begin: finding.line ?? 1)))
        })
    }

    // MARK: JUnit

    private func junit() -> String {
        let byFile = Dictionary(grouping: findings, by: \.file)
        let failures = findings.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"glossa check\" tests=\"\(failures + files.filter { byFile[$0] == nil }.count)\" failures=\"\(failures)\">\n"
        for file in files {
            let found = byFile[file] ?? []
            out += "  <testsuite name=\"\(XMLEscape.attribute(file))\" tests=\"\(max(found.count, 1))\" failures=\"\(found.count)\">\n"
            if found.isEmpty {
                out += "    <testcase classname=\"\(XMLEscape.attribute(file))\" name=\"terminology\"/>\n"
            }
            for finding in found {
                let place = [finding.line.map { "line \($0)" }, finding.column.map { "col \($0)" }, finding.unit.map { "unit \($0)" }]
                    .compactMap { $0 }.joined(separator: ", ")
                out += "    <testcase classname=\"\(XMLEscape.attribute(file))\" name=\"\(XMLEscape.attribute("\(finding.rule): \(finding.term) (\(place))"))\">\n"
                out += "      <failure type=\"\(XMLEscape.attribute(finding.rule))\" message=\"\(XMLEscape.attribute(finding.message))\">"
                out += XMLEscape.text("\(finding.severity.rawValue): \(finding.message)\n\(finding.excerpt)")
                out += "</failure>\n    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    // MARK: SARIF

    private struct SARIFLog: Encodable {
        let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        let version = "2.1.0"
        let runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }

        struct Run: Encodable {
            let tool: Tool
            let columnKind = "unicodeCodePoints"
            let results: [Result]
        }
        struct Tool: Encodable { let driver: Driver }
        struct Driver: Encodable {
            let name = "glossa"
            let version: String
            let rules: [Rule]
        }
        struct Rule: Encodable {
            let id: String
            let name: String
            let shortDescription: Text
            let fullDescription: Text
            let help: Text
            let defaultConfiguration: Configuration
        }
        struct Configuration: Encodable { let level: String }
        struct Text: Encodable { let text: String }
        struct Result: Encodable {
            let ruleId: String
            let ruleIndex: Int
            let level: String
            let message: Text
            let locations: [Location]
            let partialFingerprints: [String: String]
            let properties: Properties
        }
        struct Properties: Encodable {
            let term: String
            let suggestion: String?
            let unit: String?
            let language: String
            let concept: String?
        }
        struct Location: Encodable { let physicalLocation: PhysicalLocation }
        struct PhysicalLocation: Encodable {
            let artifactLocation: ArtifactLocation
            let region: Region?
        }
        struct ArtifactLocation: Encodable { let uri: String }
        struct Region: Encodable {
            let startLine: Int
            let startColumn: Int?
            let endColumn: Int?
        }
    }

    private func sarif() throws -> String {
        let rules = CheckRules.all
        let driver = SARIFLog.Driver(version: toolVersion, rules: rules.map { rule in
            SARIFLog.Rule(id: rule.id, name: rule.id.split(separator: "-").map { $0.capitalized }.joined(),
                          shortDescription: .init(text: rule.title), fullDescription: .init(text: rule.help),
                          help: .init(text: rule.help), defaultConfiguration: .init(level: rule.defaultSeverity.rawValue))
        })
        let results = findings.map { finding in
            let region = finding.line.map { SARIFLog.Region(startLine: $0, startColumn: finding.column, endColumn: finding.endColumn) }
            let uri = finding.file.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? finding.file
            let hash = StableHash(finding.fingerprint)
            return SARIFLog.Result(
                ruleId: finding.rule, ruleIndex: rules.firstIndex { $0.id == finding.rule } ?? 0,
                level: finding.severity.rawValue,
                message: .init(text: finding.message + (finding.unit.map { " (unit \($0))" } ?? "")),
                locations: [.init(physicalLocation: .init(artifactLocation: .init(uri: uri), region: region))],
                partialFingerprints: ["glossaFinding/v1": String(format: "%016llx%016llx", hash.high, hash.low)],
                properties: .init(term: finding.term, suggestion: finding.suggestion, unit: finding.unit,
                                  language: finding.language, concept: finding.concept))
        }
        return try json(SARIFLog(runs: [.init(tool: .init(driver: driver), results: results)]))
    }
}
