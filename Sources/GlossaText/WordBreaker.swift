import CGlossaICU

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
    private let iterator: OpaquePointer

    /// A word breaker for `locale` (an ICU locale id or language tag, "en", "th").
    public init(locale: String = "") throws(TextError) {
        var status: Int32 = 0
        guard let iterator = CGlossaICU_breakIteratorOpen(Int32(CGlossaICU_wordBreak), locale, &status), status <= 0 else {
            throw .icuFailure("word break for '\(locale)': \(String(cString: CGlossaICU_errorName(status)))")
        }
        self.iterator = iterator
    }

    deinit { CGlossaICU_breakIteratorClose(iterator) }

    /// The tokens of `text`; white space is dropped unless `includeSpaces`.
    public func tokens(in text: String, includeSpaces: Bool = false) -> [Token] {
        var tokens: [Token] = []
        let utf8 = Array(text.utf8)
        var status: Int32 = 0
        utf8.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                CGlossaICU_breakIteratorSetText(iterator, $0.baseAddress, Int64($0.count), &status)
            }
        }
        var start = 0
        while true {
            let end = Int(CGlossaICU_breakIteratorNext(iterator))
            if end < 0 { break }
            let status = CGlossaICU_breakIteratorRuleStatus(iterator)
            let piece = String(decoding: utf8[start..<end], as: UTF8.self)
            let kind: TokenKind = switch status {
            case 100..<200: .number
            case 200..<500: .word
            default: .other
            }
            if includeSpaces || kind != .other || !piece.allSatisfy(\.isWhitespace) {
                tokens.append(Token(text: piece, kind: kind, start: start, end: end))
            }
            start = end
        }
        return tokens
    }

    /// Only the word and number tokens of `text`, as strings: what matching compares.
    public func words(in text: String) -> [String] {
        tokens(in: text).filter { $0.kind != .other }.map(\.text)
    }
}
