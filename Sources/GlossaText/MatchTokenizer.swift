/// A segment cut into what fuzzy matching compares and what the TM's search index stores.
public struct MatchTokens: Sendable {
    /// What the word distance counts: case-folded words, and `MatchTokenizer.numberToken` for
    /// every number, so that segments differing only in a number still align word for word
    /// (the number difference is a penalty, not a distance).
    public let words: [String]
    /// The same tokens as written, numbers included, for the case and number checks.
    public let surfaces: [String]
    /// UTF-8 ranges of the words in the NFC form of the text.
    public let ranges: [Range<Int>]
    /// Punctuation tokens, in order.
    public let punctuation: [String]
    /// Numbers as written, in order.
    public let numbers: [String]
    /// Inline codes, in order: the TM's placeholders ({1}, {/1}, {2/}) and those of software
    /// strings (`%s`, `{name}`, …; see `Placeholders`), which are no words.
    public let codes: [String]
}

/// Cuts segments into `MatchTokens` with ICU word break for one language. Scoring and the
/// search index must cut text the same way, or the index would miss what scoring accepts:
/// both use this type. Not thread safe (it holds a break iterator): one per task.
public final class MatchTokenizer {
    /// The word that stands for any number.
    public static let numberToken = "#"

    private let breaker: WordBreaker

    /// A tokenizer for text in `language`.
    public init(language: LanguageTag) throws(TextError) {
        breaker = try WordBreaker(locale: language.canonical)
    }

    /// The tokens of `text`, with ranges in its NFC form (the placeholders' ranges and the
    /// words' must be offsets into the same text).
    public func tokens(of text: String) -> MatchTokens {
        let text = text.normalized(.nfc)
        var words: [String] = [], surfaces: [String] = [], ranges: [Range<Int>] = []
        var punctuation: [String] = [], numbers: [String] = []
        let placeholders = Placeholders.ranges(in: text)
        for token in breaker.tokens(in: text) {
            if !placeholders.isEmpty && placeholders.contains(where: { $0.overlaps(token.start..<token.end) }) { continue }
            switch token.kind {
            case .word, .number:
                words.append(Self.word(token.text, isNumber: token.kind == .number))
                surfaces.append(token.text)
                ranges.append(token.start..<token.end)
                if token.kind == .number { numbers.append(token.text) }
            case .other:
                punctuation.append(token.text)
            }
        }
        let codes = placeholders.map { String(text[utf8: $0]) }
        return MatchTokens(words: words, surfaces: surfaces, ranges: ranges, punctuation: punctuation, numbers: numbers, codes: codes)
    }

    /// The apostrophes writers use for one another, the typewriter ' first: the typographic ’
    /// of edited news (the CSTO's pages use both) and the modifier letter ʼ of Belarusian and
    /// Ukrainian text. Word break keeps each inside its word, and case folding tells them
    /// apart, so a search must treat them as one.
    public static let apostrophes: [Unicode.Scalar] = ["'", "\u{2019}", "\u{02BC}"]

    /// What the distance compares for a word or number written `surface`: case-folded, with
    /// every apostrophe written as the typewriter ' ("Organization’s", Belarusian "сямʼя").
    public static func word(_ surface: String, isNumber: Bool) -> String {
        if isNumber { return numberToken }
        let folded = surface.caseFolded()
        guard folded.unicodeScalars.contains(where: apostrophes.dropFirst().contains) else { return folded }
        return String(String.UnicodeScalarView(folded.unicodeScalars.map { apostrophes.contains($0) ? apostrophes[0] : $0 }))
    }

    /// Calls `body` with the bytes of each word or number of `text` as written, whether it is
    /// a number, and whether it lies inside a placeholder (`Placeholders`: then it is no word for
    /// matching: `tokens(of:)` drops it, full-text search still sees it). `word(_:isNumber:)`
    /// turns the others into `tokens(of:).words`. `text` must be in NFC (a lookup form is).
    /// For the search index, which builds no string for a word whose bytes it has seen before.
    public func forEachWord(ofNFC text: String, _ body: (UnsafeBufferPointer<UInt8>, _ isNumber: Bool, _ inCode: Bool) -> Void) {
        let placeholders = Placeholders.ranges(in: text)
        var text = text
        text.withUTF8 { utf8 in
            breaker.forEachWord(in: utf8) { range, kind in
                let inCode = !placeholders.isEmpty && placeholders.contains(where: { $0.overlaps(range) })
                body(UnsafeBufferPointer(rebasing: utf8[range]), kind == .number, inCode)
            }
        }
    }
}
