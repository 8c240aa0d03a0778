import GlossaCore
import GlossaXML

/// HTML: text blocks from block-level elements (p, h1–h6, li, td, …), markup dropped, white
/// space collapsed as a browser does, `<br>` kept as a line break; script, style and the like
/// contribute nothing. libxml2 repairs tag soup, so any HTML gives blocks.
public enum HTMLReader {
    /// The blocks of an HTML document held in `bytes` (any charset the document declares).
    public static func blocks(of bytes: [UInt8], file: String) throws -> [TextBlock] {
        let collector = HTMLBlockCollector()
        let parser = XMLStreamParser(kind: .html, file: file, handler: collector)
        try parser.parse(bytes: bytes)
        collector.flush()
        return collector.blocks
    }
}

private final class HTMLBlockCollector: XMLEventHandler {
    var blocks: [TextBlock] = []
    private var text = ""
    private var map = SourceMap()
    private var kind = BlockKind.paragraph
    private var skipDepth = 0
    private var preDepth = 0
    private var pendingSpace = false
    private var inTitle = false
    /// Where the previous event ended: the next text chunk starts there.
    private var position = (line: 1, column: 1)

    private static let blockKinds: [String: BlockKind] = [
        "p": .paragraph, "div": .paragraph, "section": .paragraph, "article": .paragraph, "main": .paragraph,
        "header": .paragraph, "footer": .paragraph, "nav": .paragraph, "aside": .paragraph, "body": .paragraph,
        "form": .paragraph, "address": .paragraph, "pre": .paragraph, "fieldset": .paragraph, "details": .paragraph,
        "summary": .heading, "legend": .heading, "title": .heading,
        "h1": .heading, "h2": .heading, "h3": .heading, "h4": .heading, "h5": .heading, "h6": .heading,
        "li": .listItem, "dd": .listItem, "dt": .caption, "ul": .paragraph, "ol": .paragraph, "dl": .paragraph,
        "td": .tableCell, "th": .tableCell, "tr": .paragraph, "table": .paragraph, "caption": .caption,
        "figcaption": .caption, "figure": .paragraph, "blockquote": .quote, "option": .listItem, "hr": .paragraph,
    ]
    private static let skipped: Set<String> = ["script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"]

    func startElement(_ element: XMLElementStart, parser: XMLStreamParser) throws {
        // libxml2's column is that of the tag's last character; text starts after it.
        position = (parser.line, parser.column + 1)
        let name = element.localName.lowercased()
        if name == "title" { flush(); kind = .heading; inTitle = true; return }  // inside the skipped <head>
        if Self.skipped.contains(name) { skipDepth += 1; return }
        if name == "br" { if !text.isEmpty { text += "\n" }; pendingSpace = false; return }
        if name == "pre" { preDepth += 1 }
        if let blockKind = Self.blockKinds[name] { flush(); kind = blockKind }
    }

    func endElement(_ localName: String, parser: XMLStreamParser) throws {
        position = (parser.line, parser.column + 1)
        let name = localName.lowercased()
        if name == "title" { flush(); inTitle = false; return }
        if Self.skipped.contains(name) { skipDepth = max(0, skipDepth - 1); return }
        if name == "pre" { preDepth = max(0, preDepth - 1) }
        if Self.blockKinds[name] != nil { flush() }
    }

    func characters(_ string: String, parser: XMLStreamParser) throws {
        defer { position = (parser.line, parser.column) }
        guard skipDepth == 0 || inTitle else { return }
        var startsRun = true
        var (line, column) = position
        for scalar in string.unicodeScalars {
            defer { if scalar == "\n" { line += 1; column = 1 } else { column += 1 } }
            if preDepth == 0, scalar.properties.isWhitespace, scalar != "\u{00A0}" {
                pendingSpace = true
                startsRun = true
                continue
            }
            if pendingSpace, !text.isEmpty, text.last != "\n" { text.unicodeScalars.append(" ") }
            pendingSpace = false
            // Each word after collapsed white space gets an anchor, so positions stay exact
            // across the line breaks that collapsing hides.
            if startsRun {
                map.mark(textOffset: text.utf8.count, line: line, column: column)
                startsRun = false
            }
            text.unicodeScalars.append(scalar)
        }
    }

    func flush() {
        if text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) {
            blocks.append(TextBlock(kind: kind, text: text, sourceMap: map))
        }
        text = ""
        map = SourceMap()
        pendingSpace = false
        kind = .paragraph
    }
}
