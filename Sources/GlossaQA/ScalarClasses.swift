/// Letter and white-space tests for the checks' scans, answered without Unicode's property
/// tables for ASCII, Cyrillic and Armenian, the scripts of the texts checked most: a property
/// lookup costs more than the rest of a scan's step.
extension Unicode.Scalar {
    /// Whether the scalar is white space (Unicode's White_Space).
    var isSpace: Bool {
        switch value {
        case 0x20, 0x09...0x0D: true
        case 0..<0x80, 0xA1..<0x1680: false
        default: properties.isWhitespace
        }
    }

    /// Whether the scalar is a letter (Unicode's Alphabetic).
    var isLetter: Bool {
        switch value {
        case 0x41...0x5A, 0x61...0x7A, 0x400...0x481, 0x48A...0x52F, 0x531...0x556, 0x561...0x587: true
        case 0..<0x80, 0x482...0x489, 0x557...0x560, 0x588...0x58F: false
        default: properties.isAlphabetic
        }
    }

    /// The scalar in lower case: Latin, Cyrillic and Armenian capitals by their code point
    /// offsets, other scripts through Unicode's lower-case mapping (its first scalar).
    var lowercased: Unicode.Scalar {
        switch value {
        case 0x41...0x5A, 0x410...0x42F: return Unicode.Scalar(value + 0x20)!
        case 0x400...0x40F: return Unicode.Scalar(value + 0x50)!
        case 0x531...0x556: return Unicode.Scalar(value + 0x30)!
        case 0..<0x80, 0x430...0x45F, 0x561...0x587: return self
        default:
            guard properties.changesWhenLowercased, let lower = properties.lowercaseMapping.unicodeScalars.first else { return self }
            return lower
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The scalar whose UTF-8 starts at `index` (valid UTF-8, as a String's bytes are) and
    /// its length in bytes: the checks' byte scans decode here, not each on its own.
    func scalar(at index: Int) -> (Unicode.Scalar, Int) {
        let lead = self[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length where index + offset < count {
            value = value << 6 | UInt32(self[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", Swift.min(length, count - index))
    }
}
