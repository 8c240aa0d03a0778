import GlossaCore

/// Plain text: every non-blank line is a paragraph (as OmegaT's text filter treats lines),
/// so a date or a headline on its own line is a block of its own. Blank lines, including
/// lines of only no-break spaces, separate nothing further and yield no block.
public enum PlainTextReader {
    /// The blocks of a plain-text source.
    public static func blocks(of source: SourceText) -> [TextBlock] {
        var blocks: [TextBlock] = []
        for (index, content) in source.lines.enumerated() {
            guard content.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { continue }
            blocks.append(TextBlock(kind: .paragraph, text: String(content), sourceMap: SourceMap(line: index + 1, column: 1)))
        }
        return blocks
    }
}
