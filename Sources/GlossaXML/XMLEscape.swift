/// Escaping of text for XML output, shared by every writer (TMX, TBX, XLIFF, JUnit).
public enum XMLEscape {
    /// Text escaped for element content.
    public static func text(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, attribute: false, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Text escaped for a double-quoted attribute value.
    public static func attribute(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, attribute: true, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends text escaped for XML to `buffer` in one pass over its bytes: `&`, `<`, `>`
    /// always, and in attributes also `"` and the white space attribute normalization would eat.
    ///
    /// Characters XML 1.0 cannot hold at all, not even as references (control characters other
    /// than tab and line breaks, U+FFFE, U+FFFF), become U+FFFD, as cmark and other writers
    /// do: one stray vertical tab pasted from Word would otherwise make the whole file
    /// unreadable. Returns how many were replaced, for the caller to warn.
    @discardableResult
    public static func append(_ text: String, attribute: Bool, to buffer: inout [UInt8]) -> Int {
        var text = text
        var replaced = 0
        let mask: UInt8 = attribute ? 2 : 1
        text.withUTF8 { bytes in attention.withUnsafeBufferPointer { attention in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // Most bytes need nothing: one table look-up each keeps export fast.
                if attention[Int(byte)] & mask == 0 {
                    index += 1
                    continue
                }
                let replacement: StaticString
                var length = 1
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\"") where attribute: replacement = "&quot;"
                case 0x0A where attribute: replacement = "&#10;"
                case 0x0D where attribute: replacement = "&#13;"
                case 0x09 where attribute: replacement = "&#9;"
                case _ where byte < 0x80 && !isAllowed(Unicode.Scalar(byte)):
                    replacement = "\u{FFFD}"
                    replaced += 1
                // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
                case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                    replacement = "\u{FFFD}"
                    length = 3
                    replaced += 1
                default:
                    index += 1
                    continue
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                buffer.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                index += length
                runStart = index
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        } }
        return replaced
    }

    /// Whether XML 1.0 can hold `scalar` at all (its Char production): not the control
    /// characters but tab and line breaks, nor U+FFFE and U+FFFF.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Per byte: 1 when it may need escaping or replacing in element content, 2 in an
    /// attribute value (where `"` and white space other than the space need it too).
    private static let attention: [UInt8] = (0...255).map { byte -> UInt8 in
        switch UInt8(byte) {
        case 0x26, 0x3C, 0x3E, 0xEF: 3
        case let ascii where ascii < 0x80 && !isAllowed(Unicode.Scalar(ascii)): 3
        case 0x22, 0x09, 0x0A, 0x0D: 2
        default: 0
        }
    }
}
