import GlossaCore
import GlossaSegmentation

/// A document in one language, segmented into sentences, each a monolingual unit: how a
/// translator seeds a TM with source text to translate, or with a published translation.
public enum DocumentUnitReader {
    /// Segments the document and passes one unit per sentence to `body`, with its place in
    /// the file as the `line` property.
    public static func read(bytes: some Collection<UInt8>, file: String, format: DocumentFormat, segmenter: SentenceSegmenter,
                            origin: ImportOrigin, _ body: (TranslationUnit) throws -> Void) throws {
        let blocks = try DocumentSegmenter(segmenter: segmenter).segment(bytes: bytes, file: file, format: format)
        for block in blocks {
            for sentence in block.sentences {
                let unit = TranslationUnit(
                    variants: [Variant(language: segmenter.language, text: sentence.text)], sourceLanguage: segmenter.language,
                    origin: origin.document, created: origin.created,
                    properties: [Property("line", String(sentence.line))])
                try origin.limits.check(unit, file: file, line: sentence.line, column: 1)
                try body(unit)
            }
        }
    }
}
