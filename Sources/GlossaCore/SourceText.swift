/// The bytes of a text file checked as UTF-8, with the means to turn byte offsets into the
/// `line:column` a user can jump to.
public struct SourceText: Sendable {
    /// The file name as given by the user, for messages.
    public let file: String
    /// The file's text, without a byte order mark.
    public let text: String
    /// UTF-8 offsets at which each line starts.
    private let lineStarts: [Int]

    /// Decodes `bytes` as UTF-8 (a leading BOM is dropped); throws an `InputError` pointing at
    /// the first invalid byte.
    public init(bytes: [UInt8], file: String) throws(InputError) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let bad = Self.firstInvalidUTF8(body) {
            let prefix = Array(body[body.startIndex..<bad])
            let line = prefix.lazy.filter { $0 == 0x0A }.count + 1
            let lineStart = prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let column = String(decoding: prefix[lineStart...], as: UTF8.self).unicodeScalars.count + 1
            throw InputError("invalid UTF-8 (byte 0x\(String(body[bad], radix: 16, uppercase: true)))",
                             file: file, line: line, column: column)
        }
        self.file = file
        self.text = String(decoding: body, as: UTF8.self)
        var starts = [0]
        for (offset, byte) in text.utf8.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        self.lineStarts = starts
    }

    /// Wraps text already in memory.
    public init(text: String, file: String) {
        // Strings are valid UTF-8 by construction, so this cannot throw.
        try! self.init(bytes: Array(text.utf8), file: file)
    }

    /// The lines of the text without their terminators ("\n" or "\r\n"), in order; line
    /// numbers are the index plus one.
    public var lines: [Substring] {
        // Split on the byte, not the Character: "\r\n" is one Character in Swift.
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { bytes in
            Substring(bytes.last == 0x0D ? bytes.dropLast() : bytes)
        }
    }

    /// 1-based line and column (in Unicode scalars) of a UTF-8 offset into `text`.
    public func position(ofUTF8Offset offset: Int) -> (line: Int, column: Int) {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[low])
        let end = utf8.index(utf8.startIndex, offsetBy: min(offset, utf8.count))
        return (low + 1, text.unicodeScalars[start..<end].count + 1)
    }

    /// The offset of the first byte that is not valid UTF-8, or nil.
    private static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            let lowest: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; lowest = 0x80
            case 0xE0...0xEF: length = 3; lowest = 0x800
            case 0xF0...0xF4: length = 4; lowest = 0x10000
            default: return index
            }
            guard index + length <= end else { return index }
            var scalar = UInt32(lead) & (0xFF >> (length + 1))
            for next in bytes[(index + 1)..<(index + length)] {
                guard next & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            guard scalar >= lowest, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return index }
            index += length
        }
        return nil
    }
}
