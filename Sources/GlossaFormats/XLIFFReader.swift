import GlossaCore
import GlossaText
import GlossaXML

/// Reads XLIFF 1.2 and 2.0, the bilingual files CAT tools hand back, as translation units.
///
/// XLIFF 1.2: each `trans-unit` is a unit (source and target languages from its `file`); when
/// it has a `seg-source`, each `mrk mtype="seg"` pairs with the target's `mrk` of the same
/// `mid` and is a unit of its own. XLIFF 2.0: each `segment` of a `unit` is a unit. Ids become
/// the unit's id (`unit/segment` in 2.0); `state`, `approved`, `translate` and the resource
/// key (1.2 `resname`, 2.0 `name`) become properties `xliff:state`, …; notes become notes, and
/// the `file`'s `original` a property `xliff:original`. Inline codes (`g`, `x`, `bx`, `ex`,
/// `ph`, `pc`, `sc`, `ec`, …) become placeholders in the text, like TMX's, and TMX codes in the
/// variant's markup (see `XLIFFInlineText`). What CAT tools add to 1.2 is kept where it says
/// how far a translation got: Trados's confirmation level (`sdl:seg conf`) as `sdl:conf`,
/// memoQ's `mq:status` and Phrase's `m:confirmed` as themselves; and the native codes Trados
/// defines in a file's `tag-defs`, which become the codes' data.
///
/// A target-less unit gives a source-only unit, and so, unless `includeUnconfirmed`, does one
/// whose target the file marks as not translated yet (see `isUnconfirmed`): a fuzzy match or
/// machine translation a tool put there for the translator to work on, which a TM must not
/// take for a translation. A gettext header that po2xliff and other converters carry as a
/// `trans-unit restype="x-gettext-domain-header"` is metadata, not a translation, and is
/// skipped (as the PO reader skips it). So are the suggestions a file carries beside the
/// translation, 1.2's `alt-trans` and 2.0's matches (`mtc:matches`): their `source` and
/// `target` are not the unit's.
public struct XLIFFReader {
    /// Where units come from.
    public var origin: ImportOrigin
    /// The extensions of XLIFF files, lowercased, without the dot: the standard's, and those CAT
    /// tools give their own XLIFF (Trados .sdlxliff, memoQ .mqxliff, Phrase .mxliff).

    /// Import targets the file marks as not translated yet too (as PO's `--include-fuzzy`).
    public var includeUnconfirmed: Bool

    public init(origin: ImportOrigin, includeUnconfirmed: Bool = false) {
        self.origin = origin
        self.includeUnconfirmed = includeUnconfirmed
    }

    /// Whether a unit's properties, as read, mark its target as not translated yet: XLIFF
    /// state `new`, `needs-translation` (1.2) or `initial` (2.0, written explicitly: a file
    /// that says nothing is taken at its word); Trados's `Draft` and rejected levels; memoQ's
    /// statuses short of confirmed (not started, pre-translated from a TM or MT, edited but
    /// not confirmed, rejected); Phrase's unconfirmed segments.
    static func isUnconfirmed(_ properties: [Property]) -> Bool {
        properties.contains { property in
            switch property.name {
            case "xliff:state": ["new", "needs-translation", "initial"].contains(property.value)
            case "sdl:conf": ["Draft", "RejectedTranslation", "RejectedSignOff"].contains(property.value)
            case "mq:status": ["NotStarted", "Pretranslated", "PartiallyEdited", "Rejected"].contains(property.value)
            case "m:confirmed": ["0", "false"].contains(property.value)
            default: false
            }
        }
    }

    /// Streams the units of the XLIFF file at `path` to `body`; returns how many targets it
    /// left out as unconfirmed.
    @discardableResult
    public func read(file path: String, name: String? = nil, _ body: @escaping UnitHandler) throws -> Int {
        let handler = XLIFFHandler(reader: self, file: name ?? path, body: body)
        try XMLStreamParser(kind: .xml, file: name ?? path, handler: handler).parse(file: path)
        try handler.finish()
        return handler.unconfirmedLeftOut
    }

    /// Streams the units of an XLIFF document held in memory; returns how many targets it left
    /// out as unconfirmed.
    @discardableResult
    public func read(bytes: [UInt8], file: String, _ body: @escaping UnitHandler) throws -> Int {
        let handler = XLIFFHandler(reader: self, file: file, body: body)
        try XMLStreamParser(kind: .xml, file: file, handler: handler).parse(bytes: bytes)
        try handler.finish()
        return handler.unconfirmedLeftOut
    }
}

private final class XLIFFHandler: XMLEventHandler {
    let reader: XLIFFReader
    let file: String
    let body: UnitHandler

    private var version = ""
    /// XLIFF's namespace, but for the version at its end.
    static let namespacePrefix = "urn:oasis:names:tc:xliff:document:"
    private var sourceLanguage: LanguageTag?
    /// Where the element that should name the source language is (`file` in 1.x, the root in 2.0).
    private var languagePlace = (line: 1, column: 1)
    private var targetLanguage: LanguageTag?
    private var original: String?
    /// The unit being read: id, properties, notes, and its texts.
    private var unitID: String?
    private var properties: [Property] = []
    private var notes: [Note] = []
    private var segmentID: String?
    private var segmentProperties: [Property] = []
    private var source: XLIFFInlineText?
    private var target: XLIFFInlineText?
    /// 1.2 `seg-source` segments and target `mrk`s by `mid`, in order.
    private var sourceSegments: [(mid: String, text: XLIFFInlineText)] = []
    private var targetSegments: [String: XLIFFInlineText] = [:]
    /// Text being collected: which element (`source`, `seg-source`, `target`), and its text.
    private var collecting: (element: String, text: XLIFFInlineText)?
    /// Line of the `trans-unit` or `unit` being read.
    private var unitLine = 0
    /// Whether the `trans-unit` being read is a gettext header.
    private var isGettextHeader = false
    /// Depth inside suggestions (`alt-trans`, `mtc:matches`), whose content is skipped.
    private var suggestionDepth = 0
    private static let suggestions: Set<String> = ["alt-trans", "matches"]
    /// The `mid` and text of the segment `mrk` being read.
    private var markID: String?
    private var markText = XLIFFInlineText()
    /// Elements open inside that `mrk` (codes, annotations): its own end comes at depth 0.
    private var markDepth = 0
    /// Depth inside a 2.0 `cp`, whose character was taken from its attribute.
    private var codePointDepth = 0
    private var noteText: String?
    /// The note's category (2.0) or author (1.2 `from`): the neighbours' categories make
    /// properties, not notes.
    private var noteCategory: String?
    /// A 2.0 unit's `originalData`: the native code of each `data` id, and the one being read.
    private var originalData: [String: String] = [:]
    private var dataID: String?
    private var dataText = ""
    /// The native codes a Trados file's header defines by code id (`tag-defs`), the tag
    /// definition being read and the part of it (`bpt`, `ept`, `ph`, `st`) with its text.
    private var nativeCodes: [String: XLIFFInlineText.NativeCode] = [:]
    private var inTagDefinitions = false
    private var tagDefinition: (id: String, part: String?, text: String)?
    /// Trados's confirmation level of each segment of the `trans-unit` (`sdl:seg conf`), by `mid`.
    private var confirmations: [String: String] = [:]
    private static let sdlNamespace = "http://sdl.com/FileTypes/SdlXliff/1.0"
    /// Targets left out because the file marks them as not translated yet.
    private(set) var unconfirmedLeftOut = 0

    init(reader: XLIFFReader, file: String, body: @escaping UnitHandler) {
        self.reader = reader
        self.file = file
        self.body = body
    }

    func startElement(_ element: XMLElementStart, parser: XMLStreamParser) throws {
        let name = element.localName
        if suggestionDepth > 0 || (collecting == nil && Self.suggestions.contains(name)) {
            suggestionDepth += 1
            return
        }
        if collecting != nil {
            if codePointDepth > 0 {
                codePointDepth += 1
            } else if name == "mrk", element[attribute: "mtype"] == "seg", collecting?.element != "source" {
                markID = element[attribute: "mid"] ?? ""
                markText = XLIFFInlineText(originalData: originalData, nativeCodes: nativeCodes)
                markDepth = 0
            } else if name == "cp", let hex = element[attribute: "hex"], let value = UInt32(hex, radix: 16),
                      let scalar = Unicode.Scalar(value) {
                // XLIFF 2.0's way to carry a character XML cannot: the character, not a code.
                append(String(scalar))
                codePointDepth = 1
            } else if markID != nil {
                markDepth += 1
                markText.start(element, version2: version.hasPrefix("2"))
            } else {
                collecting?.text.start(element, version2: version.hasPrefix("2"))
            }
            return
        }
        switch name {
        case "xliff":
            // XLIFF 1.1 and 1.2 require the attribute, but files without it still say their
            // version in their namespace (urn:oasis:names:tc:xliff:document:1.2).
            version = element[attribute: "version"]
                ?? element.namespaceURI.flatMap { $0.hasPrefix(Self.namespacePrefix) ? String($0.dropFirst(Self.namespacePrefix.count)) : nil }
                ?? ""
            languagePlace = (parser.line, parser.column)
            if let language = element[attribute: "srcLang"] { sourceLanguage = try tag(language, parser) }
            if let language = element[attribute: "trgLang"] { targetLanguage = try tag(language, parser) }
        case "file":
            languagePlace = (parser.line, parser.column)
            if let language = element[attribute: "source-language"] { sourceLanguage = try tag(language, parser) }
            if let language = element[attribute: "target-language"] { targetLanguage = try tag(language, parser) }
            original = element[attribute: "original"]
            nativeCodes = [:]
        case "tag-defs":
            inTagDefinitions = true
        case "tag" where inTagDefinitions:
            tagDefinition = (element[attribute: "id"] ?? "", nil, "")
        case "bpt", "ept", "ph", "st" where tagDefinition != nil:
            tagDefinition?.part = name
            tagDefinition?.text = ""
        case "trans-unit", "unit":
            unitID = element[attribute: "id"]
            unitLine = parser.line
            isGettextHeader = element[attribute: "restype"] == "x-gettext-domain-header"
            // resname (1.2) and name (2.0): the key of the string in the software resource.
            properties = element.attributes.filter { ["approved", "translate", "state", "resname", "name"].contains($0.name) }
                .map { Property("xliff:\($0.name)", $0.value) }
                + element.attributes.filter { ["mq:status", "m:confirmed"].contains($0.name) }.map { Property($0.name, $0.value) }
            confirmations = [:]
            originalData = [:]
            notes = []
            resetTexts()
        case "segment":
            segmentID = element[attribute: "id"]
            segmentProperties = element.attributes.filter { ["state", "subState"].contains($0.name) }
                .map { Property("xliff:\($0.name)", $0.value) }
            source = nil
            target = nil
        case "source", "seg-source", "target":
            if name == "target" {
                for attribute in element.attributes where attribute.name == "state" || attribute.name == "state-qualifier" {
                    properties.append(Property("xliff:\(attribute.name)", attribute.value))
                }
            }
            collecting = (name, XLIFFInlineText(originalData: originalData, nativeCodes: nativeCodes))
        case "note":
            noteText = ""
            noteCategory = element[attribute: "category"] ?? element[attribute: "from"]
        case "data":
            dataID = element[attribute: "id"]
            dataText = ""
        case "cp" where dataID != nil:
            if let hex = element[attribute: "hex"], let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                dataText.unicodeScalars.append(scalar)
            }
        case "seg" where element.namespaceURI == Self.sdlNamespace:
            if let id = element[attribute: "id"], let level = element[attribute: "conf"] { confirmations[id] = level }
        default:
            break
        }
    }

    func endElement(_ localName: String, parser: XMLStreamParser) throws {
        if suggestionDepth > 0 {
            suggestionDepth -= 1
            return
        }
        if let text = collecting {
            if codePointDepth > 0 {
                codePointDepth -= 1
            } else if localName == text.element && markID == nil {
                collecting = nil
                switch localName {
                case "source": source = text.text
                case "target": target = text.text
                default: break
                }
            } else if let mid = markID, markDepth == 0 {
                // </mrk>: the segment's end
                if text.element == "seg-source" { sourceSegments.append((mid, markText)) } else { targetSegments[mid] = markText }
                markID = nil
            } else if markID != nil {
                markDepth -= 1
                markText.end(localName)
            } else {
                collecting?.text.end(localName)
            }
            return
        }
        switch localName {
        case "tag-defs":
            inTagDefinitions = false
        case "tag":
            tagDefinition = nil
        case "bpt", "ept", "ph", "st":
            guard let definition = tagDefinition, definition.part == localName else { break }
            if localName == "ept" { nativeCodes[definition.id, default: .init()].end = definition.text }
            else { nativeCodes[definition.id, default: .init()].start = definition.text }
            tagDefinition?.part = nil
        case "note":
            if let noteText {
                if let noteCategory, [SegmentContext.previousProperty, SegmentContext.nextProperty].contains(noteCategory) {
                    properties.append(Property(noteCategory, noteText))
                } else {
                    notes.append(Note(noteText))
                }
            }
            noteText = nil
        case "data":
            if let dataID { originalData[dataID] = dataText }
            dataID = nil
        case "segment":
            try emit(id: [unitID, segmentID].compactMap { $0 }.joined(separator: "/"), source: source, target: target,
                     extra: segmentProperties, parser: parser)
            resetTexts()
        case "trans-unit" where isGettextHeader:
            resetTexts()
        case "trans-unit":
            if !sourceSegments.isEmpty {
                for segment in sourceSegments {
                    try emit(id: "\(unitID ?? "")/\(segment.mid)", source: segment.text, target: targetSegments[segment.mid],
                             extra: confirmations[segment.mid].map { [Property("sdl:conf", $0)] } ?? [], parser: parser)
                }
            } else {
                try emit(id: unitID ?? "", source: source, target: target, extra: [], parser: parser)
            }
            resetTexts()
        default:
            break
        }
    }

    func characters(_ string: String, parser: XMLStreamParser) throws {
        if suggestionDepth > 0 { return }
        let gathered: Int
        if collecting != nil {
            if codePointDepth == 0 { append(string) }
            gathered = max(markText.text.utf8.count, markText.markupLength, collecting?.text.text.utf8.count ?? 0, collecting?.text.markupLength ?? 0)
        } else if noteText != nil {
            noteText? += string
            gathered = noteText?.utf8.count ?? 0
        } else if dataID != nil {
            dataText += string
            gathered = dataText.utf8.count
        } else if tagDefinition?.part != nil {
            tagDefinition?.text += string
            gathered = tagDefinition?.text.utf8.count ?? 0
        } else {
            return
        }
        // A text node past the limit stops the file before it costs more than the limit.
        try reader.origin.limits.checkText(byteCount: gathered, file: file, line: parser.line, column: parser.column)
    }

    func finish() throws {
        guard !version.isEmpty else { throw InputError("not an XLIFF file (no <xliff> root with a version)", file: file, line: 1, column: 1) }
    }

    /// Appends character data to the segment `mrk` being read, else to the collected text.
    private func append(_ string: String) {
        if markID != nil { markText.append(string) } else { collecting?.text.append(string) }
    }

    private func emit(id: String, source: XLIFFInlineText?, target: XLIFFInlineText?, extra: [Property], parser: XMLStreamParser) throws {
        guard let sourceLanguage else {
            throw InputError("no source language (srcLang or source-language)", file: file, line: languagePlace.line, column: languagePlace.column)
        }
        var unitProperties = properties + extra
        var variants: [Variant] = []
        if let source, !source.text.isEmpty {
            variants.append(Variant(language: sourceLanguage, text: source.text, markup: source.markup))
        }
        if let target, !target.text.isEmpty, let targetLanguage {
            if reader.includeUnconfirmed || !XLIFFReader.isUnconfirmed(unitProperties) {
                variants.append(Variant(language: targetLanguage, text: target.text, markup: target.markup))
            } else {
                unconfirmedLeftOut += 1
            }
        }
        guard !variants.isEmpty else { return }
        if let original { unitProperties.append(Property("xliff:original", original)) }
        let unit = TranslationUnit(externalID: id.isEmpty ? nil : id, variants: variants, sourceLanguage: sourceLanguage,
                                 origin: reader.origin.document,
                                 created: reader.origin.created, notes: notes, properties: unitProperties)
        try reader.origin.limits.check(unit, file: file, line: unitLine, column: 1)
        try body(unit, unitLine)
    }

    private func resetTexts() {
        source = nil
        target = nil
        sourceSegments = []
        targetSegments = [:]
    }

    private func tag(_ text: String, _ parser: XMLStreamParser) throws -> LanguageTag {
        do { return try LanguageTag(text) } catch {
            throw InputError("\(error)", file: file, line: parser.line, column: parser.column)
        }
    }
}
