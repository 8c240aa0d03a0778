import Foundation
import GlossaCore
import GlossaText
import GlossaXML

/// Writes TMX 1.4b, valid against the TMX 1.4b DTD, one unit at a time (memory stays flat).
///
/// The mapping is the reverse of `TMXReader`'s, so importing an export gives back every stored
/// field: `tmx:<attribute>` properties become attributes again (or props when the DTD would not
/// allow the value), the unit's origin and context travel as the props `x-glossa-origin` and
/// `x-context`, and a language tag is written as the source spelled it.
public final class TMXWriter {
    /// Inline markup level.
    public enum Level: Int, Sendable {
        /// Codes stripped: plain text only.
        case plain = 1
        /// Codes kept as TMX inline elements.
        case inline = 2
    }

    /// What the header says and what goes in.
    public struct Options: Sendable {
        /// Inline level.
        public var level: Level = .inline
        /// The source language (`srclang`); nil writes `*all*`.
        public var sourceLanguage: LanguageTag?
        /// Only these languages; nil for all.
        public var languages: [LanguageTag]?
        /// The version written as `creationtoolversion`.
        public var toolVersion: String = "0.1.0"

        public init(level: Level = .inline, sourceLanguage: LanguageTag? = nil, languages: [LanguageTag]? = nil) {
            self.level = level
            self.sourceLanguage = sourceLanguage
            self.languages = languages
        }
    }

    private static let unitAttributes: Set<String> = [
        "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool", "creationtoolversion",
        "creationdate", "creationid", "changedate", "changeid", "segtype", "o-tmf", "srclang",
    ]
    private static let variantAttributes = unitAttributes.subtracting(["srclang"])
    private static let segmentTypes: Set<String> = ["block", "paragraph", "sentence", "phrase"]

    private let output: FileHandle
    private let options: Options
    private var buffer: [UInt8] = []
    /// Units written so far.
    public private(set) var unitsWritten = 0

    /// A writer to `output`; call `writeHeader`, then `write` per unit, then `finish`.
    public init(output: FileHandle, options: Options) {
        self.output = output
        self.options = options
        buffer.reserveCapacity(1 << 20)
    }

    /// The XML declaration, DOCTYPE and header, filled in truthfully.
    public func writeHeader(created: Date = Date()) throws {
        let source = options.sourceLanguage?.canonical ?? "*all*"
        append("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE tmx SYSTEM "tmx14.dtd">
            <tmx version="1.4">
            <header creationtool="Glossa" creationtoolversion="\(options.toolVersion)" segtype="sentence" o-tmf="Glossa SQLite TM" \
            adminlang="en" srclang="\(XMLEscape.attribute(source))" datatype="plaintext" creationdate="\(Self.tmxDate(created))"/>
            <body>

            """)
        try flushIfNeeded()
    }

    /// Writes one unit (its variants in the chosen languages, source language first); a unit
    /// left with no variant is skipped. Returns whether it was written.
    @discardableResult
    public func write(_ unit: TranslationUnit) throws -> Bool {
        var variants = unit.variants
        if let languages = options.languages { variants = variants.filter { languages.contains($0.language) } }
        guard !variants.isEmpty else { return false }
        if let source = options.sourceLanguage, let index = variants.firstIndex(where: { $0.language == source }) {
            variants.insert(variants.remove(at: index), at: 0)
        }
        var unitProperties = unit.properties
        if let origin = unit.origin { unitProperties.append(Property("x-glossa-origin", origin)) }
        if let context = unit.context { unitProperties.append(Property("x-context", context)) }
        let (attributes, props) = Self.split(unitProperties, allowed: Self.unitAttributes, created: unit.created, changed: unit.changed)

        append("<tu")
        if let id = unit.externalID { attribute("tuid", id) }
        stamp(unit.created, date: "creationdate", id: "creationid")
        stamp(unit.changed, date: "changedate", id: "changeid")
        for property in attributes { attribute(String(property.name.dropFirst(4)), property.value) }
        append(">\n")
        annotations(unit.notes, props)
        for variant in variants {
            let original = variant.properties.first { $0.name == "tmx:xml:lang" }?.value
            let (variantAttributes, variantProps) = Self.split(
                variant.properties.filter { $0.name != "tmx:xml:lang" },
                allowed: Self.variantAttributes, created: variant.created, changed: variant.changed)
            append("  <tuv")
            attribute("xml:lang", original ?? variant.language.canonical)
            stamp(variant.created, date: "creationdate", id: "creationid")
            stamp(variant.changed, date: "changedate", id: "changeid")
            for property in variantAttributes { attribute(String(property.name.dropFirst(4)), property.value) }
            append(">\n")
            annotations(variant.notes, variantProps, indent: "    ")
            append("    <seg>")
            try segment(variant)
            append("</seg>\n  </tuv>\n")
        }
        append("</tu>\n")
        unitsWritten += 1
        try flushIfNeeded()
        return true
    }

    /// Closes the document and writes what is buffered.
    public func finish() throws {
        append("</body>\n</tmx>\n")
        try flush()
    }

    // MARK: Pieces

    private func segment(_ variant: Variant) throws {
        guard let markup = variant.markup else { return appendEscaped(variant.text, attribute: false) }
        switch options.level {
        case .inline: append(markup)
        case .plain: appendEscaped(try TMXInline.plainText(ofMarkup: markup), attribute: false)
        }
    }

    private func annotations(_ notes: [Note], _ properties: [Property], indent: String = "  ") {
        for note in notes {
            append(indent)
            append("<note")
            if let language = note.language { attribute("xml:lang", language) }
            append(">")
            appendEscaped(note.text, attribute: false)
            append("</note>\n")
        }
        for property in properties {
            append(indent)
            append("<prop")
            attribute("type", property.name)
            if let language = property.language { attribute("xml:lang", language) }
            append(">")
            appendEscaped(property.value, attribute: false)
            append("</prop>\n")
        }
    }

    /// `tmx:` properties the DTD allows as attributes here, and everything else as props.
    /// Attributes the stamps already fill are not repeated.
    private static func split(_ properties: [Property], allowed: Set<String>, created: Stamp?, changed: Stamp?)
        -> (attributes: [Property], props: [Property]) {
        var attributes: [Property] = [], props: [Property] = []
        // A handful of names at most: an array beats a set here, on every unit of an export.
        var used: [String] = []
        func taken(_ name: String) -> Bool {
            if created != nil && (name == "creationdate" || name == "creationid") { return true }
            if changed != nil && (name == "changedate" || name == "changeid") { return true }
            return used.contains(name)
        }
        for property in properties {
            guard property.name.hasPrefix("tmx:") else {
                props.append(property)
                continue
            }
            let name = String(property.name.dropFirst(4))
            // An attribute appears once; a repeat or a value the DTD forbids stays a prop.
            if allowed.contains(name), !taken(name), name != "segtype" || segmentTypes.contains(property.value) {
                used.append(name)
                attributes.append(property)
            } else {
                props.append(property)
            }
        }
        return (attributes, props)
    }

    private func stamp(_ stamp: Stamp?, date: String, id: String) {
        guard let stamp else { return }
        attribute(date, formattedDate(stamp.date))
        if let author = stamp.author { attribute(id, author) }
    }

    private func attribute(_ name: String, _ value: String) {
        buffer.append(0x20)
        append(name)
        buffer.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
        appendEscaped(value, attribute: true)
        buffer.append(UInt8(ascii: "\""))
    }

    private func appendEscaped(_ text: String, attribute: Bool) {
        XMLEscape.append(text, attribute: attribute, to: &buffer)
    }

    /// TMX's compact date form, `YYYYMMDDThhmmssZ`.
    static func tmxDate(_ date: Date) -> String {
        Timestamp.format(date, compact: true)
    }

    /// The last date written: units of one import share their stamps.
    private var lastDate: (date: Date, text: String)?

    private func formattedDate(_ date: Date) -> String {
        if let lastDate, lastDate.date == date { return lastDate.text }
        let text = Self.tmxDate(date)
        lastDate = (date, text)
        return text
    }

    private func append(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
    }

    private func flushIfNeeded() throws {
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        try output.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

extension TMXInline {
    /// The text of TMX inline markup without its codes: what level 1 keeps.
    static func plainText(ofMarkup markup: String) throws -> String {
        let collector = PlainTextCollector()
        let parser = XMLStreamParser(kind: .xml, file: "<seg>", handler: collector)
        try parser.parse(bytes: Array("<seg>\(markup)</seg>".utf8))
        return collector.text
    }

    private final class PlainTextCollector: XMLEventHandler {
        var text = ""
        private var codeDepth = 0

        func startElement(_ element: XMLElementStart, parser: XMLStreamParser) throws {
            if codes.contains(element.localName) || element.localName == "sub" { codeDepth += 1 }
        }

        func endElement(_ localName: String, parser: XMLStreamParser) throws {
            if codes.contains(localName) || localName == "sub" { codeDepth -= 1 }
        }

        func characters(_ string: String, parser: XMLStreamParser) throws {
            if codeDepth == 0 { text += string }
        }
    }
}
