import GlossaCore
import GlossaText
import GlossaXML

/// One SRX rule: at a position where `before` matches up to it and `after` matches from it,
/// break (or do not). An empty pattern matches anywhere.
public struct SRXRule: Sendable, Equatable {
    /// Whether the rule breaks (`break="yes"`, the default) or forbids a break.
    public var isBreak: Bool
    /// The ICU regular expression that must match just before the position.
    public var before: String
    /// The ICU regular expression that must match just after the position.
    public var after: String
    /// Where the rule is in its file (the end of its start tag), for error messages.
    public var line: Int
    public var column: Int
}

/// An SRX 2.0 rule file (the segmentation rules OmegaT, Okapi and Trados exchange): named
/// language rules and the ordered map that says which apply to a language.
public struct SRXDocument: Sendable {
    /// The file the rules came from, for messages.
    public let file: String
    /// `cascade="yes"`: every matching map entry contributes its rules, in order; otherwise
    /// only the first matching entry does.
    public let cascade: Bool
    /// Rules by `languagerulename`, in document order.
    public let languageRules: [String: [SRXRule]]
    /// The `maprules` entries in order: a language pattern (ICU regex) and a rule name.
    public let languageMap: [(pattern: String, ruleName: String)]

    /// Reads an SRX file; throws `InputError` with file:line:column when it is not SRX.
    public init(file path: String) throws {
        let collector = SRXCollector()
        let parser = XMLStreamParser(kind: .xml, file: path, handler: collector)
        try parser.parse(file: path)
        try self.init(collector: collector, file: path)
    }

    /// Reads SRX held in memory.
    public init(bytes: [UInt8], file: String) throws {
        let collector = SRXCollector()
        let parser = XMLStreamParser(kind: .xml, file: file, handler: collector)
        try parser.parse(bytes: bytes)
        try self.init(collector: collector, file: file)
    }

    private init(collector: SRXCollector, file: String) throws(InputError) {
        guard collector.sawRoot else { throw InputError("not an SRX file (no <srx> root element)", file: file, line: 1, column: 1) }
        for entry in collector.map where collector.rules[entry.ruleName] == nil {
            throw InputError("languagemap names languagerule '\(entry.ruleName)', which the file does not define",
                             file: file, line: entry.line, column: entry.column)
        }
        self.file = file
        self.cascade = collector.cascade
        self.languageRules = collector.rules
        self.languageMap = collector.map.map { ($0.pattern, $0.ruleName) }
    }

    /// The rules that apply to `language`, in the order they are tried.
    public func rules(for language: LanguageTag) throws(InputError) -> [SRXRule] {
        var result: [SRXRule] = []
        for entry in languageMap {
            let matches: Bool
            do {
                matches = try ICURegex(entry.pattern, caseInsensitive: true).matchesWhole(language.canonical)
            } catch {
                throw InputError("languagepattern: \(error)", file: file)
            }
            guard matches else { continue }
            result += languageRules[entry.ruleName] ?? []
            if !cascade { break }
        }
        return result
    }
}

/// Collects SRX elements during a streaming parse.
private final class SRXCollector: XMLEventHandler {
    var sawRoot = false
    var cascade = true
    var rules: [String: [SRXRule]] = [:]
    var map: [(pattern: String, ruleName: String, line: Int, column: Int)] = []
    private var currentRuleName: String?
    private var currentRule: SRXRule?
    private var text: String?

    func startElement(_ element: XMLElementStart, parser: XMLStreamParser) throws {
        switch element.localName {
        case "srx":
            sawRoot = true
        case "header":
            cascade = (element[attribute: "cascade"] ?? "yes").lowercased() == "yes"
        case "languagerule":
            guard let name = element[attribute: "languagerulename"] else {
                throw InputError("languagerule without languagerulename", file: parser.file, line: parser.line, column: parser.column)
            }
            currentRuleName = name
            rules[name, default: []] = rules[name] ?? []
        case "rule":
            let isBreak = (element[attribute: "break"] ?? "yes").lowercased() != "no"
            currentRule = SRXRule(isBreak: isBreak, before: "", after: "", line: parser.line, column: parser.column)
        case "beforebreak", "afterbreak":
            text = ""
        case "languagemap":
            guard let pattern = element[attribute: "languagepattern"],
                  let name = element[attribute: "languagerulename"] else {
                throw InputError("languagemap needs languagepattern and languagerulename", file: parser.file, line: parser.line, column: parser.column)
            }
            map.append((pattern, name, parser.line, parser.column))
        default:
            break
        }
    }

    func endElement(_ localName: String, parser: XMLStreamParser) throws {
        switch localName {
        case "beforebreak": currentRule?.before = text ?? ""; text = nil
        case "afterbreak": currentRule?.after = text ?? ""; text = nil
        case "rule":
            if let rule = currentRule, let name = currentRuleName { rules[name, default: []].append(rule) }
            currentRule = nil
        case "languagerule": currentRuleName = nil
        default: break
        }
    }

    func characters(_ string: String, parser: XMLStreamParser) throws {
        text? += string
    }
}
