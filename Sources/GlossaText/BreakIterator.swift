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

    private let kind: Kind
    private let iterator: OpaquePointer
    /// Boundaries found for `offsets(in:into:)`, kept from call to call.
    private var withStatuses: [Boundary] = []
    /// Buffers the C side fills a batch of boundaries into, kept from call to call.
    private let offsets = UnsafeMutableBufferPointer<Int64>.allocate(capacity: 128)
    private let statuses = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 128)

    /// Opens an iterator for `locale` (an ICU locale or a primary language, "en", "th").
    public init(_ kind: Kind, locale: String) throws(TextError) {
        var status: Int32 = 0
        let code = kind == .word ? Int32(CGlossaICU_wordBreak) : Int32(CGlossaICU_sentenceBreak)
        guard let iterator = CGlossaICU_breakIteratorOpen(code, locale, &status), status <= 0 else {
            throw .icuFailure("break iterator for '\(locale)': \(String(cString: CGlossaICU_errorName(status)))")
        }
        self.iterator = iterator
        self.kind = kind
    }

    deinit {
        CGlossaICU_breakIteratorClose(iterator)
        offsets.deallocate()
        statuses.deallocate()
    }

    /// The boundaries after offset 0 of `utf8`, ending with its length (none for empty text).
    public func boundaries(in utf8: UnsafeBufferPointer<UInt8>) -> [Boundary] {
        var result: [Boundary] = []
        boundaries(in: utf8, into: &result)
        return result
    }

    /// Replaces the contents of `result` with the boundaries of `utf8`, reusing its storage.
    /// Word boundaries of plain Latin and Cyrillic text come from `SimpleWordBreak`, which
    /// gives what ICU gives, faster, and hands ICU only the stretches it cannot decide.
    public func boundaries(in utf8: UnsafeBufferPointer<UInt8>, into result: inout [Boundary]) {
        guard kind == .word else { return icuBoundaries(in: utf8, into: &result) }
        SimpleWordBreak.boundaries(in: utf8, into: &result) { stretch, result in
            appendICUBoundaries(of: UnsafeBufferPointer(rebasing: utf8[stretch]), at: stretch.lowerBound, to: &result)
        }
    }

    /// ICU's boundaries, never the simple word rule: what that rule is tested against.
    func icuBoundaries(in utf8: UnsafeBufferPointer<UInt8>, into result: inout [Boundary]) {
        result.removeAll(keepingCapacity: true)
        appendICUBoundaries(of: utf8, at: 0, to: &result)
    }

    /// Appends ICU's boundaries of `utf8` alone, its offsets moved by `base`.
    private func appendICUBoundaries(of utf8: UnsafeBufferPointer<UInt8>, at base: Int, to result: inout [Boundary]) {
        var status: Int32 = 0
        utf8.withMemoryRebound(to: CChar.self) {
            CGlossaICU_breakIteratorSetText(iterator, $0.baseAddress, Int64($0.count), &status)
        }
        while true {
            let count = Int(CGlossaICU_breakIteratorFill(iterator, offsets.baseAddress, statuses.baseAddress, Int32(offsets.count)))
            for index in 0..<count { result.append(Boundary(offset: base + Int(offsets[index]), status: statuses[index])) }
            if count < offsets.count { return }
        }
    }

    /// Replaces the contents of `result` with the boundary offsets after offset 0 of `utf8`,
    /// ending with its length, for callers that tell tokens apart by their bytes; the array's
    /// storage is reused from call to call.
    public func offsets(in utf8: UnsafeBufferPointer<UInt8>, into result: inout [Int]) {
        boundaries(in: utf8, into: &withStatuses)
        result.removeAll(keepingCapacity: true)
        for boundary in withStatuses { result.append(boundary.offset) }
    }

    /// The boundaries of a string; see `boundaries(in:)`.
    public func boundaries(in text: String) -> [Boundary] {
        var text = text
        return text.withUTF8 { boundaries(in: $0) }
    }
}
