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
    public static func append(_ text: String, attribute: Bool, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\"") where attribute: replacement = "&quot;"
                case 0x0A where attribute: replacement = "&#10;"
                case 0x0D where attribute: replacement = "&#13;"
                case 0x09 where attribute: replacement = "&#9;"
                default: continue
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                buffer.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                runStart = index + 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }
}
