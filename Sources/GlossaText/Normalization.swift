import CGlossaICU

/// Unicode normalization forms (UAX #15).
public enum NormalizationForm: Int32, Sendable, CaseIterable {
    /// Canonical composition: what the TM stores and compares.
    case nfc = 0
    /// Canonical decomposition.
    case nfd = 1
    /// Compatibility composition: folds ligatures, full-width forms and the like.
    case nfkc = 2
    /// Compatibility decomposition.
    case nfkd = 3
    /// NFKC with case folding and default-ignorable characters removed: the form full-text
    /// search compares words in.
    case nfkcCasefold = 4
}

extension String {
    /// This text in the given normalization form.
    public func normalized(_ form: NormalizationForm) -> String {
        if (isASCII && form != .nfkcCasefold) || isNormalized(form) { return self }
        return icuTransform(self) { CGlossaICU_normalize(form.rawValue, $0, $1, $2, $3, $4) }
    }

    /// Full Unicode case folding, for caseless comparison ("Straße" and "STRASSE" fold alike).
    public func caseFolded() -> String {
        icuTransform(self) { CGlossaICU_foldCase($0, $1, $2, $3, $4) }
    }

    /// The form the TM keys exact lookups on: NFC, runs of white space collapsed to one space,
    /// no leading or trailing white space.
    public func normalizedForLookup() -> String {
        lookupFormIfDifferent() ?? self
    }

    /// The lookup form when it differs from this text byte for byte, nil when the text is
    /// already in lookup form (the common case, decided without building a new string).
    public func lookupFormIfDifferent() -> String? {
        let scan = lookupScan
        let collapsed = scan.collapsed ? self : collapsingWhitespace()
        if scan.composed || collapsed.isNormalized(.nfc) { return scan.collapsed ? nil : collapsed }
        return collapsed.normalized(.nfc)
    }

    private func isNormalized(_ form: NormalizationForm) -> Bool {
        var copy = self
        return copy.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                CGlossaICU_isNormalized(form.rawValue, $0.baseAddress, Int32($0.count)) == 1
            }
        }
    }

    /// What one pass over the bytes tells about the text's lookup form.
    struct LookupScan: Equatable {
        /// White space is already collapsed: no leading or trailing space, no run of spaces,
        /// no white space but U+0020.
        var collapsed = true
        /// Every character is one that NFC leaves alone whatever surrounds it (ASCII, Latin
        /// to U+02FF, Cyrillic, Armenian, the dashes and quotes of U+2010–U+203F), so the
        /// text is in NFC; false means ICU must decide.
        var composed = true
    }

    /// One pass over the UTF-8 bytes deciding `LookupScan`, so most text never reaches ICU:
    /// the characters of the TM's languages are recognised by their lead bytes.
    var lookupScan: LookupScan {
        var copy = self
        return copy.withUTF8 { bytes -> LookupScan in
            var scan = LookupScan()
            var previousSpace = true
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // Printable ASCII first: one range check for most bytes of most text.
                if byte &- 0x21 < 0x5F {
                    previousSpace = false
                    index += 1
                    continue
                }
                if byte < 0x80 {
                    if byte != 0x20 || previousSpace { scan.collapsed = false }
                    previousSpace = true
                    index += 1
                    continue
                }
                if WhiteSpaceBytes.mayStartNonASCIISpace(byte), Self.isNonASCIISpace(bytes, at: index) {
                    scan.collapsed = false
                    previousSpace = true
                } else {
                    previousSpace = false
                    if scan.composed && !Self.startsComposedCharacter(bytes, at: index) { scan.composed = false }
                }
                // Past the continuation bytes of this character.
                index += byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            }
            if previousSpace && !bytes.isEmpty { scan.collapsed = false }
            return scan
        }
    }

    /// True when the non-ASCII character at `index` has an NFC boundary before it (combining
    /// class 0, NFC_Quick_Check Yes): U+0080–U+02FF, Cyrillic U+0400–U+052F but its
    /// combining marks U+0483–U+0489, Armenian U+0530–U+058F, and U+2010–U+203F.
    /// `NormalizationTests` checks every code point this admits against ICU.
    @inline(__always)
    private static func startsComposedCharacter(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        func byte(_ offset: Int) -> UInt8 { index + offset < bytes.count ? bytes[index + offset] : 0 }
        switch bytes[index] {
        case 0xC2...0xCB, 0xD0, 0xD1, 0xD3...0xD5: return true
        case 0xD2: return !(0x83...0x89).contains(byte(1))
        case 0xD6: return byte(1) <= 0x8F
        case 0xE2: return byte(1) == 0x80 && byte(2) >= 0x90
        default: return false
        }
    }

    /// True when a Unicode space other than U+0020 starts at `index` (U+0085, U+00A0, U+1680,
    /// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
    private static func isNonASCIISpace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        func byte(_ offset: Int) -> UInt8 { index + offset < bytes.count ? bytes[index + offset] : 0 }
        switch bytes[index] {
        case 0xC2: return byte(1) == 0x85 || byte(1) == 0xA0
        case 0xE1: return byte(1) == 0x9A && byte(2) == 0x80
        case 0xE2:
            if byte(1) == 0x80 { return (0x80...0x8A).contains(byte(2)) || [0xA8, 0xA9, 0xAF].contains(byte(2)) }
            return byte(1) == 0x81 && byte(2) == 0x9F
        case 0xE3: return byte(1) == 0x80 && byte(2) == 0x80
        default: return false
        }
    }

    /// Runs of white space (including no-break and other Unicode spaces) become one space, and
    /// the ends are trimmed. Works on the UTF-8 bytes: the spaces are a short, fixed list.
    public func collapsingWhitespace() -> String {
        var copy = self
        return copy.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { result in
                var count = 0
                var pendingSpace = false
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    // Printable ASCII, continuation bytes and the lead bytes no space starts with
                    // are decided by one test; the rest are looked at closely.
                    let plain = byte &- 0x21 < 0x5F || (byte >= 0x80 && !WhiteSpaceBytes.mayStartNonASCIISpace(byte))
                    let spaceLength = plain ? 0
                        : WhiteSpaceBytes.isASCIISpace(byte) ? 1 : Self.nonASCIISpaceLength(bytes, at: index)
                    if spaceLength > 0 {
                        pendingSpace = count > 0
                        index += spaceLength
                        continue
                    }
                    if pendingSpace {
                        result[count] = 0x20
                        count += 1
                    }
                    pendingSpace = false
                    result[count] = byte
                    count += 1
                    index += 1
                }
                return count
            }
        }
    }

    /// The UTF-8 length of the Unicode space at `index`, or 0 when there is none.
    private static func nonASCIISpaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        guard bytes[index] >= 0xC2 else { return 0 }
        return isNonASCIISpace(bytes, at: index) ? (bytes[index] == 0xC2 ? 2 : 3) : 0
    }

}

/// What UTF-8 bytes can be white space, for the scanners that decide by bytes.
enum WhiteSpaceBytes {
    /// Tab, line feed, vertical tab, form feed, carriage return or space.
    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// Whether a non-ASCII white space character can start with this byte: all of them
    /// (U+0085 and U+00A0; U+1680; U+2000–U+205F; U+3000) have lead byte C2, E1, E2 or E3.
    @inline(__always)
    static func mayStartNonASCIISpace(_ byte: UInt8) -> Bool { byte == 0xC2 || (0xE1...0xE3).contains(byte) }
}
