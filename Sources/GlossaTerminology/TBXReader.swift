import Foundation
import GlossaCore
import GlossaText
import GlossaXML

/// Reads TBX glossaries: TBX v3 (ISO 30042:2019, `tbx`/`conceptEntry`/`langSec`/`termSec`)
/// in DCA style (`<termNote type="administrativeStatus">`) or DCT style
/// (`<basic:administrativeStatus>`), and TBX v2 (`martif`/`termEntry`/`langSet`/`tig`/`ntig`).
///
/// Streaming, with the XML safety of every Glossa reader (no DTD or external entity fetched,
/// bounded expansion). A file that is not well-formed is an `InputError` at line:column; a
/// well-formed file that bends the standard (a term without language, an unknown status) is
/// read as far as it makes sense, and each problem comes back as a warning.
public struct TBXReader {
    /// What reading a file gave.
    public struct Result: Sendable {
        /// The concepts read.
        public var termbase: Termbase
        /// Problems that did not stop reading, as `file:line:column: message`.
        public var warnings: [String]
        /// Whether the file is TBX v3 (`<tbx>`) rather than v2 (`<martif>`).
        public var isVersion3: Bool
    }

    public init() {}

    /// Reads the TBX file at `path`; `name` is used in messages instead of the path.
    public func read(file path: String, name: String? = nil) throws -> Result {
        let handler = TBXHandler(file: name ?? path)
        let parser = XMLStreamParser(kind: .xml, file: name ?? path, handler: handler)
        try parser.parse(file: path)
        return try handler.finish()
    }

    /// Reads a TBX document held in memory.
    public func read(bytes: [UInt8], file: String) throws -> Result {
        let handler = TBXHandler(file: file)
        let parser = XMLStreamParser(kind: .xml, file: file, handler: handler)
        try parser.parse(bytes: bytes)
        return try handler.finish()
    }
}

/// The streaming state machine behind `TBXReader`.
private final class TBXHandler: XMLEventHandler {
    let file: String
    private var termbase: Termbase
    private var warnings: [String] = []
    private var root: String?
    private var concept: Concept?
    private var language: LanguageTag?
    private var languageOK = true
    private var term: Term?
    /// The data category whose text is being read: its type, and the text so far.
    private var field: (type: String, text: String, line: Int, column: Int)?
    private var fieldDepth = 0
    private var conceptCount = 0

    /// Data categories written as elements of their own in DCT-style TBX v3.
    private static let dctCategories: Set<String> = [
        "administrativeStatus", "usageStatus", "normativeAuthorization", "termType", "partOfSpeech",
        "definition", "subjectField", "context", "grammaticalGender", "customerSubset", "projectSubset",
    ]

    init(file: String) {
        self.file = file
        termbase = Termbase(name: file)
    }

    func startElement(_ element: XMLElementStart, parser: XMLStreamParser) throws {
        let name = element.localName
        if field != nil {
            fieldDepth += 1  // inline markup inside a term or note: keep its text only
            return
        }
        if root == nil {
            guard name == "tbx" || name == "martif" else {
                throw InputError("not a TBX file: the root element is <\(name)>, expected <tbx> or <martif>",
                                 file: file, line: parser.line, column: parser.column)
            }
            root = name
            return
        }
        switch name {
        case "conceptEntry", "termEntry":
            conceptCount += 1
            concept = Concept(id: element[attribute: "id"] ?? "c\(conceptCount)")
        case "langSec", "langSet":
            term = nil
            language = nil
            languageOK = true
            guard let code = element[attribute: "xml:lang"] ?? element[attribute: "lang"] else {
                warn("<\(name)> without xml:lang: its terms are skipped", parser)
                languageOK = false
                return
            }
            do { language = try LanguageTag(code) } catch {
                warn("<\(name)> xml:lang: \(error); its terms are skipped", parser)
                languageOK = false
            }
        case "termSec", "tig", "ntig":
            if let language { term = Term("", language: language, line: parser.line) }
        case "term":
            startField(type: "term", parser)
        case "termNote", "descrip", "admin", "termCompList":
            startField(type: element[attribute: "type"] ?? "", parser)
        case "note":
            startField(type: "note", parser)
        default:
            if Self.dctCategories.contains(name) { startField(type: name, parser) }
        }
    }

    func endElement(_ name: String, parser: XMLStreamParser) throws {
        if field != nil {
            if fieldDepth > 0 { fieldDepth -= 1; return }
            finishField(parser)
            return
        }
        switch name {
        case "termSec", "tig", "ntig":
            if var finished = term {
                finished.text = finished.text.collapsingWhitespace()
                if finished.text.isEmpty { warn("<\(name)> without a term", parser) }
                else { concept?.terms.append(finished) }
            }
            term = nil
        case "langSec", "langSet":
            language = nil
        case "conceptEntry", "termEntry":
            if let finished = concept {
                if finished.terms.isEmpty { warn("concept \(finished.id) has no term", parser) }
                else { termbase.concepts.append(finished) }
            }
            concept = nil
        default:
            break
        }
    }

    func characters(_ text: String, parser: XMLStreamParser) throws {
        field?.text += text
    }

    func finish() throws -> TBXReader.Result {
        guard root != nil else { throw InputError("not a TBX file: no root element", file: file, line: 1, column: 1) }
        return TBXReader.Result(termbase: termbase, warnings: warnings, isVersion3: root == "tbx")
    }

    private func startField(type: String, _ parser: XMLStreamParser) {
        guard concept != nil else { return }  // header material
        field = (type, "", parser.line, parser.column)
        fieldDepth = 0
    }

    /// Files the text of a data category at the level it was found: term, language or concept.
    private func finishField(_ parser: XMLStreamParser) {
        guard let (type, raw, line, column) = field else { return }
        field = nil
        let value = raw.collapsingWhitespace()
        if term != nil {
            switch type {
            case "term": term?.text = value
            case "administrativeStatus", "usageStatus", "normativeAuthorization":
                if let status = TermStatus(spelling: value) { term?.status = status }
                else { warn("unknown \(type) '\(value)'", line: line, column: column) }
            case "termType":
                if let kind = TermType(spelling: value) { term?.type = kind }
                else { warn("unknown termType '\(value)'", line: line, column: column) }
            case "partOfSpeech": term?.partOfSpeech = value
            case "note", "usageNote", "context", "definition": if !value.isEmpty { term?.notes.append(value) }
            default: break
            }
            return
        }
        guard languageOK else { return }
        switch type {
        case "definition": concept?.definitions[language?.canonical ?? ""] = value
        case "subjectField": concept?.subjectField = value
        case "note": if !value.isEmpty { concept?.notes.append(value) }
        case "term": warn("<term> outside a <termSec>", line: line, column: column)
        default: break
        }
    }

    private func warn(_ message: String, _ parser: XMLStreamParser) {
        warn(message, line: parser.line, column: parser.column)
    }

    private func warn(_ message: String, line: Int, column: Int) {
        warnings.append(InputError(message, file: file, line: line, column: column).description)
    }
}
