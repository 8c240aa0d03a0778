/// What structure a block of text had in its document.
public enum BlockKind: String, Sendable, Codable {
    /// A paragraph (in plain text: a line).
    case paragraph
    /// A heading or title.
    case heading
    /// An item of a bulleted or numbered list.
    case listItem
    /// A cell of a table.
    case tableCell
    /// A block quotation.
    case quote
    /// A term or caption-like unit (definition term, figure caption).
    case caption
}

/// Maps UTF-8 offsets in a block's extracted text back to line and column in its source file.
/// Anchors mark where a run of source text starts; columns advance by Unicode scalars from there.
public struct SourceMap: Sendable {
    struct Anchor: Sendable {
        let textOffset: Int
        let line: Int
        let column: Int
    }
    private(set) var anchors: [Anchor] = []

    /// An empty map; add anchors as text is appended.
    public init() {}

    /// A map for text copied verbatim from one place.
    public init(line: Int, column: Int) {
        anchors = [Anchor(textOffset: 0, line: line, column: column)]
    }

    /// Records that text from `textOffset` on came from `line:column`.
    public mutating func mark(textOffset: Int, line: Int, column: Int) {
        if let last = anchors.last, last.textOffset == textOffset { anchors.removeLast() }
        anchors.append(Anchor(textOffset: textOffset, line: line, column: column))
    }

    /// The source position of a UTF-8 offset into `text` (the text this map describes).
    public func position(of offset: Int, in text: String) -> (line: Int, column: Int) {
        guard let anchor = anchors.last(where: { $0.textOffset <= offset }) ?? anchors.first else { return (1, 1) }
        let utf8 = text.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: min(anchor.textOffset, utf8.count))
        let to = utf8.index(utf8.startIndex, offsetBy: min(max(offset, anchor.textOffset), utf8.count))
        return (anchor.line, anchor.column + text.unicodeScalars[from..<to].count)
    }
}

/// A run of text that is a unit of its document (a paragraph, heading, list item, cell), with
/// markup already removed. Sentences never cross blocks.
public struct TextBlock: Sendable {
    /// The block's structure.
    public var kind: BlockKind
    /// Its text, markup removed.
    public var text: String
    /// Where its text came from.
    public var sourceMap: SourceMap

    public init(kind: BlockKind, text: String, sourceMap: SourceMap) {
        self.kind = kind
        self.text = text
        self.sourceMap = sourceMap
    }
}

/// A sentence of a segmented document, with its place in the source file.
public struct Sentence: Sendable, Codable, Equatable {
    /// The sentence text.
    public var text: String
    /// 1-based line of its first character.
    public var line: Int
    /// 1-based column (in characters) of its first character.
    public var column: Int
}

/// A block split into sentences.
public struct SegmentedBlock: Sendable, Codable, Equatable {
    /// The block's structure.
    public var kind: BlockKind
    /// Its sentences in order; never empty.
    public var sentences: [Sentence]
}
