/// Word boundaries for the text most TM segments are, found without ICU: Latin and Cyrillic
/// letters, ASCII digits, spaces and plain punctuation. On such text UAX #29 comes down to
/// "a run of letters or of digits is a word, a run of spaces is one piece, any other
/// character is a piece of its own", which one pass over the bytes decides at a small
/// fraction of ICU's cost per word (ICU was a fifth of an import's tokenizing thread).
///
/// Anything the short rule may get wrong is left to ICU: other scripts, combining marks and
/// format characters, `_`, letters next to digits, and the characters that can join two
/// words into one ("can't", "U.S.", "1,000", "a:b"). `SimpleWordBreakTests` compares the two
/// on the real text of the fixtures and on random strings of the characters at the edge of
/// the rule.
enum SimpleWordBreak {
    /// ICU's rule statuses for the pieces this finds (UBRK_WORD_NONE, _NUMBER, _LETTER).
    static let noneStatus: Int32 = 0, numberStatus: Int32 = 100, letterStatus: Int32 = 200

    private enum Class {
        case letter, digit, space, other
        /// Joins two letters or two digits into one word when it stands between them.
        case joiner
        /// Outside the simple rule: ICU decides.
        case unknown
    }

    /// Fills `result` with the boundaries of `utf8` (after each piece, with ICU's status) and
    /// returns true, or returns false when the text needs ICU (`result` is then garbage).
    static func boundaries(in utf8: UnsafeBufferPointer<UInt8>, into result: inout [BreakIterator.Boundary]) -> Bool {
        result.removeAll(keepingCapacity: true)
        var index = 0
        while index < utf8.count {
            let (kind, length) = classify(utf8, at: index)
            switch kind {
            case .unknown:
                return false
            case .letter, .digit:
                var end = index + length
                while end < utf8.count {
                    let (next, nextLength) = classify(utf8, at: end)
                    if next == kind {
                        end += nextLength
                        continue
                    }
                    if next == .unknown || next == .letter || next == .digit { return false }
                    if next == .joiner, end + nextLength < utf8.count {
                        let after = classify(utf8, at: end + nextLength).class
                        if after == .letter || after == .digit || after == .unknown { return false }
                    }
                    break
                }
                result.append(.init(offset: end, status: kind == .letter ? letterStatus : numberStatus))
                index = end
            case .space:
                var end = index + 1
                while end < utf8.count && utf8[end] == 0x20 { end += 1 }
                result.append(.init(offset: end, status: noneStatus))
                index = end
            case .other, .joiner:
                index += length
                result.append(.init(offset: index, status: noneStatus))
            }
        }
        return true
    }

    /// The class of the character at `index` and its length in bytes.
    @inline(__always)
    private static func classify(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (class: Class, length: Int) {
        let byte = utf8[index]
        if byte < 0x80 { return (asciiClass(byte), 1) }
        let second = index + 1 < utf8.count ? utf8[index + 1] : 0
        switch byte {
        case 0xC2:  // « and »; the rest of U+0080–U+00BF (no-break space, soft hyphen, ª) to ICU
            return (second == 0xAB || second == 0xBB ? .other : .unknown, 2)
        case 0xC3:  // U+00C0–U+00FF: letters but × and ÷
            return (second == 0x97 || second == 0xB7 ? .unknown : .letter, 2)
        case 0xC4...0xC9, 0xD0, 0xD1, 0xD3:  // Latin Extended-A and -B, IPA, Cyrillic
            return (.letter, 2)
        case 0xD2:  // U+0480–U+04BF: the thousands sign and the combining marks U+0482–U+0489 to ICU
            return ((0x82...0x89).contains(second) ? .unknown : .letter, 2)
        case 0xD4:  // Cyrillic Supplement to U+052F; Armenian from U+0530 to ICU
            return (second < 0xB0 ? .letter : .unknown, 2)
        case 0xE2:
            guard second == 0x80, index + 2 < utf8.count else { return (.unknown, 3) }
            switch utf8[index + 2] {
            case 0x93, 0x94, 0x9C, 0x9D, 0xA6: return (.other, 3)  // – — “ ” …
            case 0x98, 0x99: return (.joiner, 3)                   // ‘ ’
            default: return (.unknown, 3)
            }
        default:
            return (.unknown, byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4)
        }
    }

    /// Arithmetic rather than a table: a static table costs a lazy-initialization check on
    /// every access.
    @inline(__always)
    private static func asciiClass(_ byte: UInt8) -> Class {
        if (byte | 0x20) &- UInt8(ascii: "a") < 26 { return .letter }
        if byte &- UInt8(ascii: "0") < 10 { return .digit }
        if byte == 0x20 { return .space }
        if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "_") { return .unknown }
        // ' , . : ; as bits of a mask over the code points below 64.
        let joiners: UInt64 = 1 << 0x27 | 1 << 0x2C | 1 << 0x2E | 1 << 0x3A | 1 << 0x3B
        return byte < 64 && joiners & (1 << UInt64(byte)) != 0 ? .joiner : .other
    }
}
