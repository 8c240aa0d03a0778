import GlossaCore

/// Markdown (CommonMark's common subset): headings, paragraphs, list items, block quotes and
/// table cells are blocks; single line breaks inside a paragraph are soft (joined with a
/// space); code blocks, HTML comments, link reference definitions and thematic breaks yield
/// no text; inline markup (emphasis, code spans, links, images, inline HTML) is dropped and
/// its text kept.
public enum MarkdownReader {
    /// The blocks of a Markdown source.
    public static func blocks(of source: SourceText) -> [TextBlock] {
        var builder = MarkdownBlockBuilder()
        var fence: Substring?
        var inComment = false
        for (index, line) in source.lines.enumerated() {
            let lineNumber = index + 1
            let trimmed = line.drop { $0 == " " }
            let indent = line.count - trimmed.count

            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if inComment {
                if line.contains("-->") { inComment = false }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                builder.finish()
                fence = trimmed.prefix { $0 == trimmed.first }
                continue
            }
            if trimmed.hasPrefix("<!--") {
                builder.finish()
                inComment = !trimmed.contains("-->")
                continue
            }
            if trimmed.allSatisfy(\.isWhitespace) { builder.finish(); continue }
            if indent >= 4 && !builder.isOpen { continue }  // indented code block
            if isThematicBreak(trimmed) {
                // A "---" under a paragraph line makes that line a heading (setext).
                if trimmed.first == "-", builder.isOpen, builder.kind == .paragraph { builder.kind = .heading }
                builder.finish()
                continue
            }
            if trimmed.allSatisfy({ $0 == "=" }), builder.isOpen { builder.kind = .heading; builder.finish(); continue }
            if isLinkReferenceDefinition(trimmed) { builder.finish(); continue }

            var content = trimmed
            var column = indent + 1
            var kind = BlockKind.paragraph
            var quoted = false
            while content.first == ">" {
                content = content.dropFirst()
                column += 1
                let spaces = content.prefix { $0 == " " }.count
                content = content.dropFirst(spaces)
                column += spaces
                quoted = true
            }
            if let level = headingLevel(content) {
                builder.finish()
                let text = content.dropFirst(level).drop { $0 == " " }
                let body = text.reversed().drop { $0 == "#" || $0 == " " }.reversed()
                builder.start(.heading)
                builder.append(Substring(String(body)), line: lineNumber, column: column + (content.count - text.count))
                builder.finish()
                continue
            }
            if content.first == "|" || (content.contains(" | ") && builder.kind != .paragraph) {
                builder.finish()
                appendTableRow(content, line: lineNumber, column: column, to: &builder)
                continue
            }
            if let marker = listMarkerLength(content) {
                builder.finish()
                kind = .listItem
                builder.start(kind)
                builder.append(content.dropFirst(marker), line: lineNumber, column: column + marker)
                continue
            }
            if !builder.isOpen { builder.start(quoted ? .quote : .paragraph) }
            builder.append(content, line: lineNumber, column: column)
        }
        builder.finish()
        return builder.blocks
    }

    private static func headingLevel(_ line: Substring) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        return rest.isEmpty || rest.first == " " ? hashes : nil
    }

    private static func isThematicBreak(_ line: Substring) -> Bool {
        let marks = line.filter { $0 != " " }
        guard marks.count >= 3, let first = marks.first, "-*_".contains(first) else { return false }
        return marks.allSatisfy { $0 == first }
    }

    private static func isLinkReferenceDefinition(_ line: Substring) -> Bool {
        guard line.first == "[", let close = line.firstIndex(of: "]") else { return false }
        return line[line.index(after: close)...].first == ":"
    }

    /// The length of a list marker with its following space ("- ", "12. "), or nil.
    private static func listMarkerLength(_ line: Substring) -> Int? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " { return 2 }
        let digits = line.prefix { $0.isASCII && $0.isNumber }.count
        guard (1...9).contains(digits) else { return nil }
        let rest = line.dropFirst(digits)
        guard let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " else { return nil }
        return digits + 2
    }

    private static func appendTableRow(_ row: Substring, line: Int, column: Int, to builder: inout MarkdownBlockBuilder) {
        var offset = 0
        for cell in row.split(separator: "|", omittingEmptySubsequences: false) {
            defer { offset += cell.count + 1 }
            let content = cell.drop { $0 == " " }
            let marks = content.filter { $0 != " " }
            guard !marks.isEmpty, !marks.allSatisfy({ "-:".contains($0) }) else { continue }
            builder.start(.tableCell)
            builder.append(content, line: line, column: column + offset + (cell.count - content.count))
            builder.finish()
        }
    }
}

/// Accumulates one Markdown block: joins soft-wrapped lines and strips inline markup while
/// keeping the source map exact for the text that stays.
struct MarkdownBlockBuilder {
    var blocks: [TextBlock] = []
    var kind = BlockKind.paragraph
    private var text = ""
    private var map = SourceMap()
    private(set) var isOpen = false

    mutating func start(_ kind: BlockKind) {
        self.kind = kind
        isOpen = true
    }

    /// Appends one source line's content (soft line breaks become spaces).
    mutating func append(_ line: Substring, line lineNumber: Int, column: Int) {
        if !isOpen { start(.paragraph) }
        var content = line
        while content.last == " " || content.last == "\\" { content = content.dropLast() }
        if !text.isEmpty { text += " " }
        var column = column
        var index = content.startIndex
        var runStart = true
        func mark() { map.mark(textOffset: text.utf8.count, line: lineNumber, column: column) }
        while index < content.endIndex {
            let character = content[index]
            let rest = content[index...]
            if character == "\\", let next = content[content.index(after: index)...].first, next.isPunctuation || next.isSymbol {
                column += 1; runStart = true
                index = content.index(after: index)
                continue
            }
            if character == "!" && rest.dropFirst().first == "[" {  // image: keep the alt text
                column += 1; runStart = true
                index = content.index(after: index)
                continue
            }
            if character == "[" {  // link text stays; the destination goes
                column += 1; runStart = true
                index = content.index(after: index)
                continue
            }
            if character == "]", let skip = linkDestinationLength(content[content.index(after: index)...]) {
                column += 1 + skip; runStart = true
                index = content.index(index, offsetBy: 1 + skip)
                continue
            }
            if character == "*" || character == "_" || character == "`" || character == "~" {
                let run = rest.prefix { $0 == character }
                let before = index > content.startIndex ? content[content.index(before: index)] : " "
                let after = content[index...].dropFirst(run.count).first ?? " "
                // Intra-word underscores (snake_case) and lone "*" between spaces are text.
                let isMarkup = character == "`" || character == "~" && run.count >= 2
                    || (character == "*" && !(before == " " && after == " "))
                    || (character == "_" && !(before.isLetter && after.isLetter))
                if isMarkup {
                    column += run.count; runStart = true
                    index = content.index(index, offsetBy: run.count)
                    continue
                }
            }
            if character == "<", let close = rest.firstIndex(of: ">"), isInlineTag(rest[rest.startIndex...close]) {
                let tag = rest[rest.startIndex...close]
                if tag.hasPrefix("<http") { // autolink: the address is the text
                    let address = tag.dropFirst().dropLast()
                    if runStart { mark(); runStart = false }
                    text += address
                }
                column += tag.count; runStart = true
                index = content.index(after: close)
                continue
            }
            if runStart { mark(); runStart = false }
            text.append(character)
            column += character.unicodeScalars.count
            index = content.index(after: index)
        }
    }

    mutating func finish() {
        if isOpen, text.contains(where: { !$0.isWhitespace }) {
            blocks.append(TextBlock(kind: kind, text: text, sourceMap: map))
        }
        text = ""
        map = SourceMap()
        isOpen = false
        kind = .paragraph
    }

    /// After a "]": the length of "(destination)" or "[ref]" that follows, or nil.
    private func linkDestinationLength(_ rest: Substring) -> Int? {
        guard let open = rest.first, open == "(" || open == "[" else { return nil }
        let close: Character = open == "(" ? ")" : "]"
        guard let end = rest.firstIndex(of: close) else { return nil }
        return rest.distance(from: rest.startIndex, to: end) + 1
    }

    private func isInlineTag(_ tag: Substring) -> Bool {
        let inner = tag.dropFirst().dropLast()
        guard let first = inner.first else { return false }
        return (first.isLetter || first == "/") && !inner.contains(" ") || inner.hasPrefix("http")
            || (first.isLetter && inner.contains("="))
    }
}
