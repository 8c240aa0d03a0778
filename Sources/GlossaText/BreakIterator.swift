import CGlossaICU

/// ICU's rule-based boundaries (UAX #29) over UTF-8: words or sentences. Not thread safe:
/// use one per task.
public final class BreakIterator {
    /// Which boundaries to find.
    public enum Kind: Sendable {
        /// Word boundaries, with a rule status telling words from numbers and punctuation.
        case word
        /// Sentence boundaries.
        case sentence
    }

    /// A boundary: the UTF-8 offset where a piece ends and ICU's rule status for the piece.
    public struct Boundary: Sendable, Equatable {
        /// UTF-8 offset of the boundary.
        public let offset: Int
        /// ICU's rule status (word break: 0–99 none, 100s number, 200s letter, 300s kana, 400s ideograph).
        public let status: Int32
    }

    private let iterator: OpaquePointer

    /// Opens an iterator for `locale` (an ICU locale or a primary language, "en", "th").
    public init(_ kind: Kind, locale: String) throws(TextError) {
        var status: Int32 = 0
        let code = kind == .word ? Int32(CGlossaICU_wordBreak) : Int32(CGlossaICU_sentenceBreak)
        guard let iterator = CGlossaICU_breakIteratorOpen(code, locale, &status), status <= 0 else {
            throw .icuFailure("break iterator for '\(locale)': \(String(cString: CGlossaICU_errorName(status)))")
        }
        self.iterator = iterator
    }

    deinit { CGlossaICU_breakIteratorClose(iterator) }

    /// The boundaries after offset 0 of `utf8`, ending with its length (none for empty text).
    public func boundaries(in utf8: UnsafeBufferPointer<UInt8>) -> [Boundary] {
        var status: Int32 = 0
        utf8.withMemoryRebound(to: CChar.self) {
            CGlossaICU_breakIteratorSetText(iterator, $0.baseAddress, Int64($0.count), &status)
        }
        var result: [Boundary] = []
        while true {
            let offset = CGlossaICU_breakIteratorNext(iterator)
            if offset < 0 { return result }
            result.append(Boundary(offset: Int(offset), status: CGlossaICU_breakIteratorRuleStatus(iterator)))
        }
    }

    /// The boundaries of a string; see `boundaries(in:)`.
    public func boundaries(in text: String) -> [Boundary] {
        var text = text
        return text.withUTF8 { boundaries(in: $0) }
    }
}
