/// What kind of text a word-break token holds, from ICU's rule status.
public enum TokenKind: Sendable, Equatable {
    /// Letters, including words found by dictionary in Chinese, Japanese or Thai.
    case word
    /// Digits and numbers such as "2025" or "23.06.2025".
    case number
    /// Punctuation, symbols and spaces.
    case other
}

/// One token of a text, with its place as UTF-8 offsets into that text.
public struct Token: Sendable, Equatable {
    /// The token's text.
    public let text: String
    /// Its kind.
    public let kind: TokenKind
    /// UTF-8 offset of the first byte.
    public let start: Int
    /// UTF-8 offset one past the last byte.
    public let end: Int
}

/// Splits text into words with ICU's word break rules for a locale (dictionary-based for
/// scripts written without spaces). Not thread safe: use one per task.
public final class WordBreaker {
    private let iterator: BreakIterator
    private var boundaries: [Int] = []
    private var statusBoundaries: [BreakIterator.Boundary] = []

    /// A word breaker for `locale` (an ICU locale id or language tag, "en", "th").
    public init(locale: String = "") throws(TextError) {
        iterator = try BreakIterator(.word, locale: locale)
    }

    /// The tokens of `text`; white space is dropped unless `includeSpaces`.
    public func tokens(in text: String, includeSpaces: Bool = false) -> [Token] {
        var text = text
        return text.withUTF8 { utf8 in
            var tokens: [Token] = []
            var start = 0
            iterator.boundaries(in: utf8, into: &statusBoundaries)
            for boundary in statusBoundaries {
                let bytes = UnsafeBufferPointer(rebasing: utf8[start..<boundary.offset])
                let kind = Self.kind(of: boundary.status)
                if includeSpaces || kind != .other || !Self.isWhitespace(bytes) {
                    tokens.append(Token(text: String(decoding: bytes, as: UTF8.self), kind: kind, start: start, end: boundary.offset))
                }
                start = boundary.offset
            }
            return tokens
        }
    }

    /// Calls `body` with the UTF-8 range and kind of every word and number of `utf8`
    /// (punctuation and spaces skipped), building no string: for indexers that look tokens up
    /// by their bytes. Storage is reused from call to call.
    public func forEachWord(in utf8: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>, TokenKind) -> Void) {
        iterator.boundaries(in: utf8, into: &statusBoundaries)
        var start = 0
        for boundary in statusBoundaries {
            let kind = Self.kind(of: boundary.status)
            if kind != .other { body(start..<boundary.offset, kind) }
            start = boundary.offset
        }
    }

    private static func kind(of status: Int32) -> TokenKind {
        switch status {
        case 100..<200: .number
        case 200..<500: .word
        default: .other
        }
    }

    /// Replaces the contents of `ranges` with the UTF-8 ranges of the tokens of `utf8` other
    /// than white space, without building a string per token: for scanners that look most
    /// tokens up by their bytes. Storage is reused from call to call.
    public func tokenRanges(in utf8: UnsafeBufferPointer<UInt8>, into ranges: inout [Range<Int>]) {
        ranges.removeAll(keepingCapacity: true)
        iterator.offsets(in: utf8, into: &boundaries)
        var start = 0
        for end in boundaries {
            defer { start = end }
            if !Self.isWhitespace(UnsafeBufferPointer(rebasing: utf8[start..<end])) { ranges.append(start..<end) }
        }
    }

    /// Whether a piece is white space only, mostly decided from its bytes: a piece of letters
    /// is never decoded, since no white space character starts with their lead bytes.
    private static func isWhitespace(_ piece: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = piece.first else { return false }
        if first < 0x80 {
            guard WhiteSpaceBytes.isASCIISpace(first) else { return false }
            if piece.allSatisfy({ $0 < 0x80 }) { return piece.allSatisfy(WhiteSpaceBytes.isASCIISpace) }
        } else if !WhiteSpaceBytes.mayStartNonASCIISpace(first) {
            return false
        }
        return String(decoding: piece, as: UTF8.self).allSatisfy(\.isWhitespace)
    }

    /// Only the word and number tokens of `text`, as strings: what matching compares.
    public func words(in text: String) -> [String] {
        tokens(in: text).filter { $0.kind != .other }.map(\.text)
    }
}
