import Foundation
import GlossaCore
import GlossaText
import GlossaXML

/// What a TMX file's header says: its attributes, notes and properties.
public struct TMXHeader: Sendable, Equatable {
    /// The header as a document record for the TM.
    public func document(origin: String) -> SourceDocument {
        SourceDocument(origin: origin, format: "tmx", attributes: orderedAttributes, notes: notes, properties: properties)
    }

    /// Header attributes in document order (srclang, o-tmf, creationtool, …).
    public var orderedAttributes: [Property] = []
    /// Header attributes by name.
    public var attributes: [String: String] {
        Dictionary(orderedAttributes.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
    /// Header notes.
    public var notes: [Note] = []
    /// Header properties.
    public var properties: [Property] = []
}

/// A unit `--skip-invalid` left out, and why.
public struct SkippedUnit: Sendable, Equatable, Codable {
    /// 1-based position of the `tu` in the file.
    public var index: Int
    /// Line where the `tu` starts.
    public var line: Int
    /// What was wrong.
    public var reason: String
}

/// Reads TMX 1.4b (and the 1.1–1.3 files still in circulation) as a stream of units, in
/// constant memory whatever the file size. UTF-8 and UTF-16 (with BOM) are detected.
///
/// Every field survives: `tuid` becomes the unit's id, creation and change dates and ids its
/// stamps, notes and props its notes and properties (a prop's `xml:lang` kept), and any other
/// attribute of `tu` or `tuv` (usagecount, lastusagedate, segtype, datatype, o-encoding, …) a
/// property named `tmx:<attribute>`, written back as the attribute on export. A language tag
/// is canonicalized (`EN-US` → `en-US`); a differing original is kept as `tmx:xml:lang`. The
/// props `x-context` and `x-glossa-origin` fill the unit's context and origin.
public struct TMXReader {
    /// Where units come from when the file does not say.
    public var origin: ImportOrigin
    /// Skip units with errors (reported in `skipped`) instead of failing the whole file.
    public var skipInvalid: Bool

    public init(origin: ImportOrigin, skipInvalid: Bool = false) {
        self.origin = origin
        self.skipInvalid = skipInvalid
    }

    /// The result of reading a file.
    public struct Result: Sendable {
        /// The header.
        public var header: TMXHeader
        /// Units left out under `skipInvalid`.
        public var skipped: [SkippedUnit]
        /// What was read but has no place in the model and was left out (unknown elements
        /// outside segments; attributes of `tmx`, `body`, `seg`, `note` and `prop` other than
        /// those it keeps; the header's user-defined characters, `ude`), as `file:line: message`, once per kind with where it first was and
        /// how many more followed. Unknown attributes of `tu` and `tuv` are kept as
        /// properties, and elements inside segments as markup. Then the ill-paired inline codes,
        /// each as `file:line:column: message`, the first `TMXHandler.codeWarningLimit` of them.
        public var warnings: [String]
        /// Inline codes not paired as TMX requires (an `ept` before or without its `bpt`, two
        /// `bpt` with one `i`, a `bpt` never closed): stored as written, and counted here.
        public var illPairedCodes: Int
    }

    /// Streams the units of the TMX file at `path` to `body`. Throws `InputError` with
    /// file:line:column for a file that is not well-formed or (without `skipInvalid`) for the
    /// first invalid unit.
    public func read(file path: String, name: String? = nil, _ body: @escaping UnitHandler) throws -> Result {
        let handler = TMXHandler(reader: self, file: name ?? path, body: body)
        let parser = XMLStreamParser(kind: .xml, file: name ?? path, handler: handler)
        try parser.parse(file: path)
        try handler.finish(parser: parser)
        return handler.result
    }

    /// Streams the units of a TMX document held in memory.
    public func read(bytes: [UInt8], file: String, _ body: @escaping UnitHandler) throws -> Result {
        let handler = TMXHandler(reader: self, file: file, body: body)
        let parser = XMLStreamParser(kind: .xml, file: file, handler: handler)
        try parser.parse(bytes: bytes)
        try handler.finish(parser: parser)
        return handler.result
    }
}

/// What a TMX reader leaves out (an unknown element outside segments, an attribute the
/// model has no place for), each kind once, in order of first appearance.
private struct IgnoredMarkup {
    private var seen: [(what: String, line: Int, count: Int)] = []

    /// Notes `what` ("unknown element <x-review>") at `line`.
    mutating func record(_ what: String, line: Int) {
        if let index = seen.firstIndex(where: { $0.what == what }) { seen[index].count += 1 } else { seen.append((what, line, 1)) }
    }

    /// Notes the attributes of `element` but those in `kept`.
    mutating func recordAttributes(of element: XMLElementStart, keeping kept: Set<String>, line: Int) {
        for attribute in element.attributes where !kept.contains(attribute.name) {
            record("attribute \(attribute.name) of <\(element.localName)>", line: line)
        }
    }

    /// One warning per kind: where it first was, and how many more there were.
    func warnings(file: String) -> [String] {
        seen.map { "\(file):\($0.line): \($0.what) ignored" + ($0.count > 1 ? " (and \($0.count - 1) more)" : "") }
    }
}

/// The streaming state machine behind `TMXReader`.
private final class TMXHandler: XMLEventHandler {
    let reader: TMXReader
    let file: String
    let body: UnitHandler
    var header = TMXHeader()
    var skipped: [SkippedUnit] = []
    /// What is left out: a tool's extension may repeat in every unit of a million, so each
    /// kind is kept once, with its first line and count.
    var ignored = IgnoredMarkup()
    /// Ill-paired inline codes: how many, and the warnings of the first few.
    private var illPairedCodes = 0
    private var codeWarnings: [String] = []
    /// Warnings past this many ill-paired codes would flood the terminal: they are counted only.
    static let codeWarningLimit = 20
    /// The header's `srclang`, unless it is `*all*` or no language: every unit's source
    /// language unless the unit says otherwise.
    private var headerSourceLanguage: LanguageTag?

    /// What `TMXReader.read` returns.
    var result: TMXReader.Result {
        let more = illPairedCodes - codeWarnings.count
        return TMXReader.Result(
            header: header, skipped: skipped,
            warnings: ignored.warnings(file: file) + codeWarnings
                + (more > 0 ? ["\(file): \(more) more ill-paired inline codes, stored as written"] : []),
            illPairedCodes: illPairedCodes)
    }

    private var sawRoot = false
    private static let structure: Set<String> = ["tmx", "header", "body", "tu", "tuv", "seg", "note", "prop", "ude", "map"]
    private var unitIndex = 0
    private var unit: TranslationUnit?
    /// Whether a `tu` is open: a pattern match, where `unit != nil` copied the whole unit.
    private var inUnit: Bool {
        if case .some = unit { return true }
        return false
    }
    private var unitLine = 0, unitColumn = 0
    /// The first thing wrong with the open unit, and where it is.
    private var unitProblem: (reason: String, line: Int, column: Int)?
    private var variant: PendingVariant?
    /// Text of the note or prop being read, with where it goes.
    private var annotation: (kind: String, name: String, language: String?, encoding: String?, text: String)?
    private var segment: SegmentBuilder?
    private var lastDate: (text: String, date: Date?)?

    private struct PendingVariant {
        var variant: Variant?
        var sawSegment = false
    }

    /// Accumulates one `seg`: plain text with placeholders, and markup once there are codes.
    /// A class, so appending never copies what was gathered so far.
    private final class SegmentBuilder {
        var text = ""
        /// Nil until the first inline element: most segments have none.
        var markup: String?
        var codeDepth = 0
        var depth = 0
        var ordinal = 0
        /// The `i` of each `bpt` open at the segment's top level, with where it was.
        var openPairs: [(i: String, line: Int, column: Int)] = []
        /// Set once the text passed the segment limit: nothing more is gathered.
        var overLimit = false
    }

    init(reader: TMXReader, file: String, body: @escaping UnitHandler) {
        self.reader = reader
        self.file = file
        self.body = body
    }

    func startElement(_ element: XMLElementStart, parser: XMLStreamParser) throws {
        if let builder = segment {
            builder.depth += 1
            // Until now the segment was plain text, so its markup is that text escaped.
            if builder.markup == nil { builder.markup = XMLEscape.text(builder.text) }
            builder.markup! += TMXInline.startTag(element)
            if TMXInline.codes.contains(element.localName) {
                if builder.codeDepth == 0 {
                    checkPairing(element, in: builder, parser)
                    builder.ordinal += 1
                    builder.text += TMXInline.placeholder(for: element, ordinal: builder.ordinal)
                }
                builder.codeDepth += 1
            } else if element.localName == "sub" {
                builder.codeDepth += 1  // translatable text inside a code is part of the code
            }
            return
        }
        switch element.localName {
        case "tmx":
            sawRoot = true
            ignored.recordAttributes(of: element, keeping: ["version"], line: parser.line)
        case "body":
            ignored.recordAttributes(of: element, keeping: [], line: parser.line)
        case "header":
            header.orderedAttributes = element.attributes.map { Property($0.name, $0.value) }
            headerSourceLanguage = element[attribute: "srclang"].flatMap { try? LanguageTag($0) }
        case "ude":
            // A document's own character mappings: the TM has no place for them, so say so.
            ignored.record("user-defined characters <ude name=\"\(element[attribute: "name"] ?? "")\"> of the header", line: parser.line)
        case "tu":
            unitIndex += 1
            unitLine = parser.line
            unitColumn = parser.column
            unitProblem = nil
            var mapped = stamps(element.attributes)
            var variants: [Variant] = []
            variants.reserveCapacity(2)  // most units are a source and one translation: one allocation
            // The unit's own srclang is its source language, and no longer a property to keep;
            // `*all*` or a tag that is no language stays one, as written.
            var sourceLanguage = headerSourceLanguage
            if let index = mapped.extra.firstIndex(where: { $0.name == "tmx:srclang" }) {
                sourceLanguage = try? LanguageTag(mapped.extra[index].value)
                if sourceLanguage != nil { mapped.extra.remove(at: index) }
            }
            unit = TranslationUnit(externalID: mapped.externalID, variants: variants, sourceLanguage: sourceLanguage,
                                   origin: reader.origin.document, created: mapped.created ?? reader.origin.created,
                                   changed: mapped.changed, properties: mapped.extra)
        case "tuv":
            guard inUnit else { throw structure("tuv outside a tu", parser) }
            // Past the limit the unit is invalid and its variants are no longer gathered.
            do { try reader.origin.limits.checkVariants(count: (unit?.variants.count ?? 0) + 1, file: file, line: parser.line, column: parser.column) } catch {
                problem(error.message, parser)
                variant = PendingVariant(variant: nil)
                return
            }
            let raw = element[attribute: "xml:lang"] ?? element[attribute: "lang"]
            guard let raw else {
                problem("tuv without xml:lang", parser)
                variant = PendingVariant(variant: nil)
                return
            }
            let language: LanguageTag
            do { language = try LanguageTag(raw) } catch {
                problem("\(error)", parser)
                variant = PendingVariant(variant: nil)
                return
            }
            let mapped = stamps(element.attributes)
            var properties = mapped.extra
            if language.canonical != raw { properties.insert(Property("tmx:xml:lang", raw), at: 0) }
            if let tuid = mapped.externalID { properties.append(Property("tmx:tuid", tuid)) }
            variant = PendingVariant(variant: Variant(language: language, text: "", created: mapped.created,
                                                      changed: mapped.changed, properties: properties))
        case "seg":
            guard variant != nil else { throw structure("seg outside a tuv", parser) }
            // A second seg would replace the first: the unit is invalid, not quietly shortened.
            if variant?.sawSegment == true { problem("two seg in one tuv", parser) }
            segment = SegmentBuilder()
            ignored.recordAttributes(of: element, keeping: [], line: parser.line)
        case "note", "prop":
            let kept: Set<String> = element.localName == "prop" ? ["type", "xml:lang", "lang", "o-encoding"] : ["xml:lang", "lang", "o-encoding"]
            ignored.recordAttributes(of: element, keeping: kept, line: parser.line)
            let name = element.localName == "prop" ? (element[attribute: "type"] ?? "") : ""
            annotation = (element.localName, name, element[attribute: "xml:lang"] ?? element[attribute: "lang"],
                          element[attribute: "o-encoding"], "")
        default:
            if !Self.structure.contains(element.localName) { ignored.record("unknown element <\(element.localName)>", line: parser.line) }
        }
    }

    func endElement(_ localName: String, parser: XMLStreamParser) throws {
        if let builder = segment {
            if builder.depth > 0 {
                builder.depth -= 1
                builder.markup! += "</\(localName)>"
                if TMXInline.codes.contains(localName) || localName == "sub" { builder.codeDepth -= 1 }
                return
            }
            // </seg>
            for open in builder.openPairs {
                illPaired("bpt i=\"\(open.i)\" has no ept in its seg", line: open.line, column: open.column)
            }
            variant?.variant?.text = builder.text
            variant?.variant?.markup = builder.markup
            variant?.sawSegment = true
            segment = nil
            return
        }
        switch localName {
        case "note", "prop":
            guard let annotation else { return }
            self.annotation = nil
            if annotation.kind == "note" {
                let note = Note(annotation.text, language: annotation.language, encoding: annotation.encoding)
                if variant != nil { variant?.variant?.notes.append(note) }
                else if inUnit { unit?.notes.append(note) }
                else { header.notes.append(note) }
            } else {
                let property = Property(annotation.name, annotation.text, language: annotation.language, encoding: annotation.encoding)
                if variant != nil { variant?.variant?.properties.append(property) }
                else if inUnit { apply(property, to: &unit!) }
                else { header.properties.append(property) }
            }
        case "tuv":
            // Taken, not copied: a copy would retain every string of the variant.
            if let pending = variant.take(), let finished = pending.variant {
                // A second tuv in a language is an alternative translation (TMX allows tuv+).
                if !pending.sawSegment { problem("tuv without seg", parser) } else { unit?.variants.append(finished) }
            }
        case "tu":
            guard var finished = unit.take() else { return }
            // A source language the unit has no text in is none of its own.
            if let source = finished.sourceLanguage, source.bestCovered(in: finished.variants, tag: { $0.language.canonical }) == nil {
                finished.sourceLanguage = nil
            }
            if unitProblem == nil && finished.variants.isEmpty { unitProblem = ("tu without tuv", unitLine, unitColumn) }
            if let problem = unitProblem {
                guard reader.skipInvalid else {
                    throw InputError("tu \(unitIndex): \(problem.reason)", file: file, line: problem.line, column: problem.column)
                }
                // The unit's own line heads the report; a later line is worth naming.
                let reason = problem.line == unitLine ? problem.reason : "\(problem.reason) (line \(problem.line))"
                skipped.append(SkippedUnit(index: unitIndex, line: unitLine, reason: reason))
                return
            }
            try body(finished, unitLine)
        default:
            break
        }
    }

    /// Only segments, notes and props hold text; what lies between elements is layout.
    var wantsCharacters: Bool { segment != nil || annotation != nil }

    func characters(_ text: String, parser: XMLStreamParser) throws {
        if let builder = segment {
            guard !builder.overLimit else { return }
            if builder.markup != nil { builder.markup! += XMLEscape.text(text) }
            if builder.codeDepth == 0 { builder.text += text }
            if try !withinLimit(max(builder.text.utf8.count, builder.markup?.utf8.count ?? 0), parser) {
                builder.overLimit = true
                (builder.text, builder.markup) = ("", nil)
            }
        } else if let gathered = annotation?.text.utf8.count {
            guard try withinLimit(gathered + text.utf8.count, parser) else { return }
            annotation?.text += text
        }
    }

    /// Whether a text of `byteCount` bytes is within the segment limit. One past it makes the
    /// unit invalid (a header's text stops the file), and its text is gathered no further:
    /// a 50 MB text node costs no more than the limit.
    private func withinLimit(_ byteCount: Int, _ parser: XMLStreamParser) throws -> Bool {
        do { try reader.origin.limits.checkText(byteCount: byteCount, file: file, line: parser.line, column: parser.column) } catch {
            guard inUnit else { throw error }
            problem(error.message, parser)
            return false
        }
        return true
    }

    func finish(parser: XMLStreamParser) throws {
        guard sawRoot else { throw InputError("not a TMX file (no <tmx> root element)", file: file, line: 1, column: 1) }
    }

    // MARK: Mapping attributes and props onto the model

    /// TMX attributes mapped onto the model: creation and change stamps (a date with its id;
    /// an id without a parseable date stays a property, so nothing is invented), the rest as
    /// `tmx:<attribute>` properties.
    private func stamps(_ attributes: [(name: String, value: String)])
        -> (created: Stamp?, changed: Stamp?, extra: [Property], externalID: String?) {
        // A few attributes at most: a scan beats building a dictionary per element.
        func value(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
        let created = value("creationdate").flatMap(date).map { Stamp(date: $0, author: value("creationid")) }
        let changed = value("changedate").flatMap(date).map { Stamp(date: $0, author: value("changeid")) }
        var extra: [Property] = []
        var externalID: String?
        for (name, value) in attributes {
            switch name {
            case "tuid": externalID = value
            case "creationdate" where created != nil, "creationid" where created != nil: continue
            case "changedate" where changed != nil, "changeid" where changed != nil: continue
            case "xml:lang", "lang": continue
            default: extra.append(Property("tmx:\(name)", value))
            }
        }
        return (created, changed, extra, externalID)
    }

    /// A TMX date, parsed once for a run of units stamped alike (tools write whole batches
    /// with one creationdate).
    private func date(_ text: String) -> Date? {
        if let lastDate, lastDate.text == text { return lastDate.date }
        let date = Timestamp.parse(text)
        lastDate = (text, date)
        return date
    }

    private func apply(_ property: Property, to unit: inout TranslationUnit) {
        switch property.name {
        case "x-context" where unit.context == nil: unit.context = property.value
        case "x-glossa-origin": unit.origin = property.value
        default: unit.properties.append(property)
        }
    }

    /// Checks a top-level `bpt` or `ept` of a segment against the codes before it: an `ept`
    /// closes the open `bpt` with its `i`, and a `bpt` may not reuse an open one's.
    private func checkPairing(_ element: XMLElementStart, in builder: SegmentBuilder, _ parser: XMLStreamParser) {
        guard element.localName == "bpt" || element.localName == "ept" else { return }
        let i = element[attribute: "i"] ?? ""
        let open = builder.openPairs.lastIndex { $0.i == i }
        if element.localName == "bpt" {
            if open != nil { illPaired("a second bpt i=\"\(i)\" while the first is open", line: parser.line, column: parser.column) }
            builder.openPairs.append((i, parser.line, parser.column))
        } else if let open {
            builder.openPairs.remove(at: open)
        } else {
            illPaired("ept i=\"\(i)\" has no bpt before it in its seg", line: parser.line, column: parser.column)
        }
    }

    private func illPaired(_ what: String, line: Int, column: Int) {
        illPairedCodes += 1
        if codeWarnings.count < Self.codeWarningLimit {
            codeWarnings.append("\(file):\(line):\(column): \(what); stored as written")
        }
    }

    private func problem(_ reason: String, _ parser: XMLStreamParser) {
        if unitProblem == nil { unitProblem = (reason, parser.line, parser.column) }
    }

    private func structure(_ reason: String, _ parser: XMLStreamParser) -> InputError {
        InputError(reason, file: file, line: parser.line, column: parser.column)
    }
}
