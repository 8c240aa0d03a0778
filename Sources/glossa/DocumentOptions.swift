import ArgumentParser
import GlossaCore
import GlossaFormats
import GlossaSegmentation
import GlossaText

/// How commands that read documents (analyze, pretranslate) cut them into segments: the
/// same reader and rules as `glossa segment`.
struct DocumentOptions: ParsableArguments {
    @Option(help: ArgumentHelp("SRX 2.0 rule file to use instead of ICU's rules.", valueName: "file"))
    var srx: String?

    @Option(help: "Input format when the extension does not say: text, markdown or html.")
    var inputFormat: DocumentFormat?

    /// A segmenter for documents in `language`.
    func segmenter(language: LanguageTag) throws -> DocumentSegmenter {
        try DocumentSegmenter(segmenter: SentenceSegmenter(language: language, srx: srx.map { try SRXDocument(file: $0) }))
    }

    /// The sentences of `file` ("-" for standard input), in order.
    func sentences(of file: String, with segmenter: DocumentSegmenter) throws -> [String] {
        try segmenter.segment(file: file, format: inputFormat).flatMap { $0.sentences.map(\.text) }
    }
}
