import GlossaXML

/// TMX inline content (level 2): how a `seg` becomes the plain text that matching sees and the
/// markup that a round trip needs.
///
/// Native codes (`bpt`, `ept`, `it`, `ph`, `ut`) become placeholders in the text: `{1}` opens
/// and `{/1}` closes a paired code, `{2/}` stands alone; the number is the code's `i` or `x`
/// attribute, or its position among the segment's codes. `hi` keeps its text. Everything,
/// unknown elements included, is kept verbatim in the markup.
public enum TMXInline {
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

    /// An element's start tag as XML; `empty` makes it an empty-element tag (`<x id="1"/>`).
    static func startTag(_ element: XMLElementStart, empty: Bool = false) -> String {
        var tag = "<" + (element.prefix.map { $0 + ":" } ?? "") + element.localName
        for (name, value) in element.attributes { tag += " \(name)=\"\(XMLEscape.attribute(value))\"" }
        return tag + (empty ? "/>" : ">")
    }
}
