import GlossaCore
import GlossaSegmentation

/// The document formats Glossa segments.
public enum DocumentFormat: String, Sendable, CaseIterable {
    /// Plain text: a paragraph per line.
    case text
    /// Markdown.
    case markdown
    /// HTML or XHTML.
    case html
}

/// Reads a document into blocks and splits each block into sentences, keeping each
/// sentence's line and column in the file.
public struct DocumentSegmenter {
    private let segmenter: SentenceSegmenter

    /// Segments with `segmenter`'s language and rules.
    public init(segmenter: SentenceSegmenter) {
        self.segmenter = segmenter
    }

    /// The blocks of a document in `format`, split into sentences. Text formats must be
    /// UTF-8 or UTF-16 with a byte order mark (an `InputError` names the first bad byte);
    /// HTML may declare any charset.
    public func segment(bytes: some Collection<UInt8>, file: String, format: DocumentFormat) throws -> [SegmentedBlock] {
        try Self.blocks(bytes: bytes, file: file, format: format).compactMap(segment)
    }

    /// The blocks of the document at `path` ("-" for standard input, `<stdin>` in messages),
    /// split into sentences: in `format`, else the one `FileFormat` tells (plain text when
    /// nothing does).
    public func segment(file path: String, format: DocumentFormat? = nil) throws -> [SegmentedBlock] {
        try segment(bytes: InputFile.contents(of: path), file: path == "-" ? "<stdin>" : path,
                    format: format ?? FileFormat.document(of: path))
    }

    /// The blocks of a document in `format`, markup removed, each with its source map.
    public static func blocks(bytes: some Collection<UInt8>, file: String, format: DocumentFormat) throws -> [TextBlock] {
        switch format {
        case .text: PlainTextReader.blocks(of: try SourceText(bytes: bytes, file: file))
        case .markdown: MarkdownReader.blocks(of: try SourceText(bytes: bytes, file: file))
        case .html: try HTMLReader.blocks(of: Array(bytes), file: file)
        }
    }

    /// One block split into sentences; nil when it holds no text.
    public func segment(_ block: TextBlock) -> SegmentedBlock? {
        let bytes = Array(block.text.utf8)
        let sentences = segmenter.sentenceRanges(in: block.text).map { range in
            let place = block.sourceMap.position(of: range.lowerBound, in: block.text)
            return Sentence(text: String(decoding: bytes[range], as: UTF8.self), line: place.line, column: place.column)
        }
        return sentences.isEmpty ? nil : SegmentedBlock(kind: block.kind, sentences: sentences)
    }
}
