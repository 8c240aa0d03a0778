import CGlossaICU

/// An ICU regular expression over UTF-8 text, as SRX segmentation rules are written.
/// Not thread safe: each instance holds its subject text.
public final class ICURegex {
    private let handle: OpaquePointer

    /// The pattern as written.
    public let pattern: String

    /// Compiles `pattern`; throws `TextError.invalidPattern` with the failing position.
    public init(_ pattern: String, caseInsensitive: Bool = false) throws(TextError) {
        var status: Int32 = 0
        var offset: Int32 = 0
        let flags: UInt32 = caseInsensitive ? UInt32(CGlossaICU_regexCaseInsensitive) : 0
        let bytes = Array(pattern.utf8)
        let handle = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                CGlossaICU_regexOpen($0.baseAddress, Int32($0.count), flags, &status, &offset)
            }
        }
        guard let handle else {
            throw .invalidPattern(pattern, offset: Int(offset), icuStatus: String(cString: CGlossaICU_errorName(status)))
        }
        self.handle = handle
        self.pattern = pattern
    }

    deinit { CGlossaICU_regexClose(handle) }

    /// A pattern that matches `text` as written: every character of it literal, `\E` too.
    public static func literal(_ text: String) -> String {
        "\\Q" + text.split(separator: "\\E", omittingEmptySubsequences: false).joined(separator: "\\E\\\\E\\Q") + "\\E"
    }

    /// Makes `utf8` the subject of later searches.
    public func setSubject(_ utf8: UnsafeBufferPointer<UInt8>) {
        var status: Int32 = 0
        utf8.withMemoryRebound(to: CChar.self) {
            CGlossaICU_regexSetText(handle, $0.baseAddress, Int64($0.count), &status)
        }
    }

    /// The UTF-8 ranges of successive matches in the subject.
    public func matchRanges() -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int64 = 0
        var end: Int64 = 0
        while CGlossaICU_regexFindNext(handle, &start, &end) == 1 {
            ranges.append(Int(start)..<Int(end))
        }
        return ranges
    }

    /// True when the pattern matches at `offset` of the subject (look-behind sees the text before).
    public func matches(at offset: Int) -> Bool {
        CGlossaICU_regexMatchesAt(handle, Int64(offset)) == 1
    }

    /// True when the pattern matches all of `text`.
    public func matchesWhole(_ text: String) -> Bool {
        var text = text
        text.withUTF8 { setSubject($0) }
        return CGlossaICU_regexMatchesWhole(handle) == 1
    }
}
