import GlossaText

/// Cuts text of one language into tokens by ICU word break and reduces each token to the key
/// terms are compared by: NFC, case-folded, dashes and apostrophes unified, and stemmed where
/// Snowball has a stemmer for the language. Not thread safe: use one per task.
final class TermKeyMaker {
    /// A token of the text and its key.
    struct Piece {
        /// The token as written.
        var surface: String
        /// UTF-8 offsets of the token in the text.
        var start: Int
        var end: Int
    }

    let stemmer: Stemmer?
    private let breaker: WordBreaker

    init(language: LanguageTag) throws {
        breaker = try WordBreaker(locale: language.canonical)
        stemmer = Stemmer(language: language.language)
    }

    /// The tokens of `text` other than white space.
    func pieces(of text: String) -> [Piece] {
        breaker.tokens(in: text).map { Piece(surface: $0.text, start: $0.start, end: $0.end) }
    }

    /// Replaces `ranges` with the UTF-8 ranges of the tokens of `utf8` other than white space.
    func tokenRanges(in utf8: UnsafeBufferPointer<UInt8>, into ranges: inout [Range<Int>]) {
        breaker.tokenRanges(in: utf8, into: &ranges)
    }

    /// The key of one token: what two spellings of the same word share.
    func key(for surface: String) -> String {
        let folded = Self.folded(surface)
        guard let stemmer, folded.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return folded }
        return stemmer.stem(folded)
    }

    /// Case-folded NFC with the typographic variants of hyphens and apostrophes replaced by
    /// their ASCII forms, so "Secretary‑General" (U+2011) and "CSTO’s" compare as typed.
    static func folded(_ surface: String) -> String {
        if surface.utf8.allSatisfy({ $0 < 0x80 }) { return surface.lowercased() }
        var folded = surface.normalized(.nfc).caseFolded()
        if folded.unicodeScalars.contains(where: { typographic[$0] != nil }) {
            folded = String(String.UnicodeScalarView(folded.unicodeScalars.map { typographic[$0] ?? $0 }))
        }
        return folded
    }

    private static let typographic: [Unicode.Scalar: Unicode.Scalar] = [
        "\u{2010}": "-", "\u{2011}": "-", "\u{2012}": "-", "\u{2013}": "-", "\u{2014}": "-", "\u{2212}": "-",
        "\u{2019}": "'", "\u{2018}": "'", "\u{02BC}": "'",
    ]
}
