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
        /// The header's source language (`srclang`), and the source of units that record none;
        /// nil writes `*all*`. A unit whose recorded source differs says so in its own `srclang`.
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
    /// The last date written and its text: units of one import share their stamps.
    private var dates: (date: Date, text: String)?
    /// Units written so far.
    public private(set) var unitsWritten = 0
    /// Characters XML 1.0 cannot hold, written as U+FFFD (see `XMLEscape.append`).
    public private(set) var replacedCharacters = 0

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

    /// Writes one unit (its variants in the chosen languages in the order stored, its source
    /// language's first); a unit left with no variant is skipped. Returns whether it was written.
    @discardableResult
    public func write(_ unit: TranslationUnit) throws -> Bool {
        var variants = unit.variants
        if let languages = options.languages { variants = variants.filter { variant in languages.contains { $0.covers(variant.language) } } }
        guard !variants.isEmpty else { return false }
        // The unit is written into a local value, not the class's buffer: every access to a
        // class property is checked for exclusivity at run time, a tenth of an export's time.
        var out = Output(bytes: buffer, dates: dates)
        buffer = []
        defer {
            buffer = out.bytes
            dates = out.dates
            replacedCharacters += out.replaced
        }
        var ownSource: LanguageTag?
        if let source = unit.sourceLanguage ?? options.sourceLanguage,
           let index = source.bestCovered(in: variants, tag: { $0.language.canonical }) {
            if index > 0 { variants.insert(variants.remove(at: index), at: 0) }
            if source != options.sourceLanguage { ownSource = source }
        }
        // The recorded source language is the unit's srclang; a kept srclang property (a value
        // that was no language tag) would repeat the attribute.
        let properties = ownSource == nil ? unit.properties : unit.properties.filter { $0.name != "tmx:srclang" }
        let (attributes, props) = Self.split(properties, allowed: Self.unitAttributes, created: unit.created, changed: unit.changed)

        out.append("<tu")
        if let id = unit.externalID { out.attribute("tuid", id) }
        if let ownSource { out.attribute("srclang", ownSource.canonical) }
        out.stamp(unit.created, date: "creationdate", id: "creationid")
        out.stamp(unit.changed, date: "changedate", id: "changeid")
        for property in attributes { out.attribute(String(property.name.dropFirst(4)), property.value) }
        out.append(">\n")
        out.annotations(unit.notes, props)
        // Origin and context travel as the last props, written without building a new list.
        if let origin = unit.origin { out.prop(Property("x-glossa-origin", origin), indent: "  ") }
        if let context = unit.context { out.prop(Property("x-context", context), indent: "  ") }
        for variant in variants {
            let original = variant.properties.first { $0.name == "tmx:xml:lang" }?.value
            let (variantAttributes, variantProps) = variant.properties.isEmpty ? ([], []) : Self.split(
                variant.properties.filter { $0.name != "tmx:xml:lang" },
                allowed: Self.variantAttributes, created: variant.created, changed: variant.changed)
            out.append("  <tuv")
            out.attribute("xml:lang", original ?? variant.language.canonical)
            out.stamp(variant.created, date: "creationdate", id: "creationid")
            out.stamp(variant.changed, date: "changedate", id: "changeid")
            for property in variantAttributes { out.attribute(String(property.name.dropFirst(4)), property.value) }
            out.append(">\n")
            out.annotations(variant.notes, variantProps, indent: "    ")
            out.append("    <seg>")
            try out.segment(variant, level: options.level)
            out.append("</seg>\n  </tuv>\n")
        }
        out.append("</tu>\n")
        unitsWritten += 1
        if out.bytes.count >= 1 << 20 {
            try output.write(contentsOf: out.bytes)
            out.bytes.removeAll(keepingCapacity: true)
        }
        return true
    }

    /// Closes the document and writes what is buffered.
    public func finish() throws {
        append("</body>\n</tmx>\n")
        try flush()
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

    /// TMX's compact date form, `YYYYMMDDThhmmssZ`.
    static func tmxDate(_ date: Date) -> String {
        Timestamp.format(date, compact: true)
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

/// The bytes of the unit being written, with the helpers that write its pieces.
private struct Output {
    var bytes: [UInt8]
    var dates: (date: Date, text: String)?
    /// Characters XML cannot hold met in this unit.
    var replaced = 0


    mutating func segment(_ variant: Variant, level: TMXWriter.Level) throws {
        guard let markup = variant.markup else { return appendEscaped(variant.text, attribute: false) }
        switch level {
        case .inline: append(markup)
        case .plain: appendEscaped(try TMXInline.plainText(ofMarkup: markup), attribute: false)
        }
    }

    mutating func annotations(_ notes: [Note], _ properties: [Property], indent: String = "  ") {
        for note in notes {
            append(indent)
            append("<note")
            if let language = note.language { attribute("xml:lang", language) }
            if let encoding = note.encoding { attribute("o-encoding", encoding) }
            append(">")
            appendEscaped(note.text, attribute: false)
            append("</note>\n")
        }
        for property in properties { prop(property, indent: indent) }
    }

    mutating func prop(_ property: Property, indent: String) {
        append(indent)
        append("<prop")
        attribute("type", property.name)
        if let language = property.language { attribute("xml:lang", language) }
        if let encoding = property.encoding { attribute("o-encoding", encoding) }
        append(">")
        appendEscaped(property.value, attribute: false)
        append("</prop>\n")
    }

    mutating func stamp(_ stamp: Stamp?, date: String, id: String) {
        guard let stamp else { return }
        attribute(date, formattedDate(stamp.date))
        if let author = stamp.author { attribute(id, author) }
    }

    mutating func attribute(_ name: String, _ value: String) {
        bytes.append(0x20)
        append(name)
        bytes.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
        appendEscaped(value, attribute: true)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func appendEscaped(_ text: String, attribute: Bool) {
        replaced += XMLEscape.append(text, attribute: attribute, to: &bytes)
    }

    mutating func formattedDate(_ date: Date) -> String {
        if let dates, dates.date == date { return dates.text }
        let text = TMXWriter.tmxDate(date)
        dates = (date, text)
        return text
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }
}

extension TMXInline {
    /// The text of TMX inline markup without its codes: what level 1 keeps, and what a
    /// pre-translation of a plain document takes from a match with codes.
    public static func plainText(ofMarkup markup: String) throws -> String {
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
