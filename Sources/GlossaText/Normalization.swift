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
        switch whitespaceScan {
        case .collapsedASCII: return nil
        case .collapsed: return isNormalized(.nfc) ? nil : normalized(.nfc)
        case .needsCollapsing: return collapsingWhitespace().normalized(.nfc)
        }
    }

    private func isNormalized(_ form: NormalizationForm) -> Bool {
        var copy = self
        return copy.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                CGlossaICU_isNormalized(form.rawValue, $0.baseAddress, Int32($0.count)) == 1
            }
        }
    }

    private enum WhitespaceScan {
        /// Only ASCII, white space already collapsed: the text is its own lookup form.
        case collapsedASCII
        /// White space already collapsed, but non-ASCII text that may need composing.
        case collapsed
        /// Leading, trailing, repeated or non-U+0020 white space.
        case needsCollapsing
    }

    /// One pass over the bytes: is white space already collapsed (no leading or trailing
    /// space, no run of spaces, no white space but U+0020), and is the text ASCII?
    private var whitespaceScan: WhitespaceScan {
        var copy = self
        return copy.withUTF8 { bytes -> WhitespaceScan in
            var previousSpace = true
            var ascii = true
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x20 {
                    if previousSpace { return .needsCollapsing }
                    previousSpace = true
                } else {
                    if byte < 0x20 { return .needsCollapsing }
                    if byte >= 0x80 {
                        ascii = false
                        // Only these lead bytes can start a non-ASCII space.
                        if byte == 0xC2 || (byte >= 0xE1 && byte <= 0xE3), Self.isNonASCIISpace(bytes, at: index) {
                            return .needsCollapsing
                        }
                    }
                    previousSpace = false
                }
                index += 1
            }
            if previousSpace && !bytes.isEmpty { return .needsCollapsing }
            return ascii ? .collapsedASCII : .collapsed
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
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let spaceLength = byte == 0x20 || (0x09...0x0D).contains(byte) ? 1 : Self.nonASCIISpaceLength(bytes, at: index)
                if spaceLength > 0 {
                    pendingSpace = !result.isEmpty
                    index += spaceLength
                    continue
                }
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
                index += 1
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// The UTF-8 length of the Unicode space at `index`, or 0 when there is none.
    private static func nonASCIISpaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        guard bytes[index] >= 0xC2 else { return 0 }
        return isNonASCIISpace(bytes, at: index) ? (bytes[index] == 0xC2 ? 2 : 3) : 0
    }

}
