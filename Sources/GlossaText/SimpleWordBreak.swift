/// Word boundaries for the text most TM segments are, found without ICU: Latin and Cyrillic
/// letters, ASCII digits, spaces and plain punctuation. On such text UAX #29 comes down to
/// "a run of letters or of digits is a word, a run of spaces is one piece, any other
/// character is a piece of its own", which one pass over the bytes decides at a small
/// fraction of ICU's cost per word (ICU was a fifth of an import's tokenizing thread).
///
/// Anything the short rule may get wrong is left to ICU: other scripts, combining marks and
/// format characters, `_` and `@`, letters next to digits, and the characters that can join two
/// words into one ("can't", "U.S.", "1,000", "a:b"). ICU gets only the stretch around such a
/// place, from space to space (see `boundaries(in:into:icu:)`), not the whole text: a segment
/// with one "can't" in twenty words is still mostly the simple rule's. `SimpleWordBreakTests`
/// compares the result with ICU's on the real text of the fixtures and on random strings of
/// the characters at the edge of the rule.
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

    /// Fills `result` with the boundaries of `utf8` (after each piece, with ICU's status).
    /// Where the rule cannot decide, `icu` must append ICU's boundaries of the stretch it is
    /// given (offsets into `utf8`, as ICU finds them in that stretch alone).
    ///
    /// A stretch runs between cuts: the ends of runs of spaces that a character of the rule's
    /// classes follows, and the ends of the text. ICU's word rules cannot join such a
    /// character to the spaces before it (only spaces, Extend, Format and ZWJ attach there),
    /// and no rule looks past a space for context that a text's start or end would not give:
    /// so ICU breaks a stretch alone exactly as it breaks it inside the whole text.
    static func boundaries(in utf8: UnsafeBufferPointer<UInt8>, into result: inout [BreakIterator.Boundary],
                           icu: (Range<Int>, inout [BreakIterator.Boundary]) -> Void) {
        result.removeAll(keepingCapacity: true)
        // The last cut, and how many boundaries lie before it (those stand whatever follows).
        var cut = 0, settled = 0
        var index = 0
        while index < utf8.count {
            guard let (end, status) = piece(utf8, at: index) else {
                let stop = nextCut(utf8, after: index)
                result.removeSubrange(settled...)
                icu(cut..<stop, &result)
                index = stop
                cut = stop
                settled = result.count
                continue
            }
            result.append(.init(offset: end, status: status))
            if utf8[index] == 0x20 && isRuleCharacter(utf8, at: end) {
                cut = end
                settled = result.count
            }
            index = end
        }
    }

    /// The end and status of the piece starting at `index`, or nil when the rule cannot tell.
    @inline(__always)
    private static func piece(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (end: Int, status: Int32)? {
        let (kind, length) = classify(utf8, at: index)
        switch kind {
        case .unknown:
            return nil
        case .letter, .digit:
            var end = index + length
            while end < utf8.count {
                let (next, nextLength) = classify(utf8, at: end)
                if next == kind {
                    end += nextLength
                    continue
                }
                if next == .unknown || next == .letter || next == .digit { return nil }
                if next == .joiner, end + nextLength < utf8.count {
                    let after = classify(utf8, at: end + nextLength).class
                    if after == .letter || after == .digit || after == .unknown { return nil }
                }
                break
            }
            return (end, kind == .letter ? letterStatus : numberStatus)
        case .space:
            var end = index + 1
            while end < utf8.count && utf8[end] == 0x20 { end += 1 }
            return (end, noneStatus)
        case .other, .joiner:
            return (index + length, noneStatus)
        }
    }

    /// The first cut after `index`: the end of a run of spaces followed by a character of
    /// the rule's classes, or the end of the text. A space byte is never part of a longer
    /// UTF-8 sequence, so the scan needs no decoding.
    private static func nextCut(_ utf8: UnsafeBufferPointer<UInt8>, after index: Int) -> Int {
        var position = index + 1
        while position < utf8.count {
            guard utf8[position] == 0x20 else {
                position += 1
                continue
            }
            while position < utf8.count && utf8[position] == 0x20 { position += 1 }
            if isRuleCharacter(utf8, at: position) { return position }
        }
        return utf8.count
    }

    /// Whether a character of the rule's classes starts at `index` (not the end of the text):
    /// after a run of spaces, what makes a cut.
    @inline(__always)
    private static func isRuleCharacter(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index < utf8.count && classify(utf8, at: index).class != .unknown
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
        // ICU counts @ among the letters (its word rules keep e-mail addresses whole), which the
        // simple rule does not: ICU decides around it.
        if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "@") { return .unknown }
        // ' , . : ; as bits of a mask over the code points below 64.
        let joiners: UInt64 = 1 << 0x27 | 1 << 0x2C | 1 << 0x2E | 1 << 0x3A | 1 << 0x3B
        return byte < 64 && joiners & (1 << UInt64(byte)) != 0 ? .joiner : .other
    }
}
