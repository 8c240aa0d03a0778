import GlossaXML

/// TMX inline content (level 2): how a `seg` becomes the plain text that matching sees and the
/// markup that a round trip needs.
///
/// Native codes (`bpt`, `ept`, `it`, `ph`, `ut`) become placeholders in the text: `{1}` opens
/// and `{/1}` closes a paired code, `{2/}` stands alone; the number is the code's `i` or `x`
/// attribute, or its position among the segment's codes. `hi` keeps its text. Everything,
/// unknown elements included, is kept verbatim in the markup.
enum TMXInline {
    /// Elements whose content is native code, not segment text.
    static let codes: Set<String> = ["bpt", "ept", "it", "ph", "ut"]

    /// The placeholder a code leaves in the plain text.
    static func placeholder(for element: XMLElementStart, ordinal: Int) -> String {
        let number = element[attribute: "i"] ?? element[attribute: "x"] ?? String(ordinal)
        switch element.localName {
        case "bpt": return "{\(number)}"
        case "ept": return "{/\(number)}"
        case "it": return element[attribute: "pos"] == "end" ? "{/\(number)}" : "{\(number)}"
        default: return "{\(number)/}"
        }
    }

    /// An element's start tag as XML.
    static func startTag(_ element: XMLElementStart) -> String {
        var tag = "<" + (element.prefix.map { $0 + ":" } ?? "") + element.localName
        for (name, value) in element.attributes { tag += " \(name)=\"\(escapeAttribute(value))\"" }
        return tag + ">"
    }

    /// Text escaped for element content.
    static func escapeText(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendEscaped(text, attribute: false, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Text escaped for a double-quoted attribute value.
    static func escapeAttribute(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendEscaped(text, attribute: true, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends text escaped for XML to `buffer` in one pass over its bytes: `&`, `<`, `>`
    /// always, and in attributes also `"` and the white space attribute normalization would eat.
    static func appendEscaped(_ text: String, attribute: Bool, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\"") where attribute: replacement = "&quot;"
                case 0x0A where attribute: replacement = "&#10;"
                case 0x0D where attribute: replacement = "&#13;"
                case 0x09 where attribute: replacement = "&#9;"
                default: continue
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                buffer.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                runStart = index + 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }
}
