import GlossaText

/// The bytes of a text file checked as UTF-8 (or UTF-16 with a byte order mark), split into
/// lines on demand.
public struct SourceText: Sendable {
    /// The file name as given by the user, for messages.
    public let file: String
    /// The file's text, without a byte order mark.
    public let text: String

    /// Decodes `bytes` as UTF-8 (a leading BOM is dropped), or as UTF-16 when a UTF-16 byte
    /// order mark begins them: what Windows Notepad saves as "Unicode" and Excel as "Unicode
    /// Text". Throws an `InputError` pointing at the first invalid byte or code unit.
    public init(bytes: some Collection<UInt8>, file: String) throws(InputError) {
        if let error = Self.binaryFileError(bytes, file: file) { throw error }
        if let bigEndian = Self.utf16ByteOrder(bytes) {
            self.file = file
            self.text = try Self.decodeUTF16(bytes.dropFirst(2), bigEndian: bigEndian, file: file)
            return
        }
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        // The standard library's validation is vectorized and copies once; the slow search for
        // the culprit runs only when it fails.
        guard let text = String(validating: bytes.dropFirst(hasBOM ? 3 : 0), as: UTF8.self) else {
            throw Self.invalidUTF8Error(Array(bytes.dropFirst(hasBOM ? 3 : 0))[...], file: file)
        }
        self.file = file
        self.text = text
    }

    /// Wraps text already in memory.
    public init(text: String, file: String) {
        self.file = file
        self.text = text
    }

    /// The lines of the text without their terminators ("\n" or "\r\n"), in order; line
    /// numbers are the index plus one.
    public var lines: [Substring] {
        var text = text
        // Byte offsets first, then Substrings: far cheaper than splitting the String
        // (and "\r\n" is one Character in Swift, so Character splitting would miss it).
        let ranges: [Range<Int>] = text.withUTF8 { bytes in
            var ranges: [Range<Int>] = []
            var start = 0
            for index in 0..<bytes.count where bytes[index] == 0x0A {
                ranges.append(start..<(index > start && bytes[index - 1] == 0x0D ? index - 1 : index))
                start = index + 1
            }
            ranges.append(start..<(bytes.count > start && bytes[bytes.count - 1] == 0x0D ? bytes.count - 1 : bytes.count))
            return ranges
        }
        return ranges.map { text[utf8: $0] }
    }

    /// The error for bytes that are not UTF-8, at the line and column of the first invalid byte;
    /// `firstLine` is the line the bytes begin on (a streamed file's line is one of many).
    package static func invalidUTF8Error(_ body: ArraySlice<UInt8>, file: String, firstLine: Int = 1) -> InputError {
        let bad = firstInvalidUTF8(body) ?? body.startIndex
        let prefix = body[body.startIndex..<bad]
        let line = prefix.lazy.filter { $0 == 0x0A }.count + firstLine
        let lineStart = prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? prefix.startIndex
        let column = String(decoding: prefix[lineStart...], as: UTF8.self).unicodeScalars.count + 1
        return InputError("invalid UTF-8 (byte 0x\(String(body[bad], radix: 16, uppercase: true)))", file: file, line: line, column: column)
    }

    /// The error for bytes that open like a binary file a translator may pass by mistake
    /// (`binaryFormat(of:)`), said plainly: otherwise they fail as invalid UTF-8 on line 1.
    package static func binaryFileError(_ bytes: some Collection<UInt8>, file: String) -> InputError? {
        binaryFormat(of: bytes).map { binary in
            InputError("\(binary.kind), not a text file: \(binary.advice ?? "save it as text (or HTML, TSV, XLIFF) first")", file: file, line: 1, column: 1)
        }
    }

    /// The signatures of the binary files a translator may pass by mistake, with what to do
    /// when it is not the usual (save the document in a format Glossa reads).
    private static let binaryFormats: [(magic: [UInt8], kind: String, advice: String?)] = [
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive (a .docx, .xlsx, .odt or .pptx is one)", nil),
        (Array("%PDF-".utf8), "a PDF file", nil),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "a Microsoft Office binary file (.doc, .xls)", nil),
        ([0x1F, 0x8B], "a gzip-compressed file", "decompress it first (gunzip)"),
    ]

    /// The binary format `bytes` open with, if they open like one of those a translator may
    /// pass by mistake (an Office document, a PDF, a compressed file), and what to do instead
    /// when there is more to say than to save it as text: for the error that says so.
    public static func binaryFormat(of bytes: some Collection<UInt8>) -> (kind: String, advice: String?)? {
        binaryFormats.first { bytes.starts(with: $0.magic) }.map { ($0.kind, $0.advice) }
    }

    /// Whether `bytes` open with a UTF-16 byte order mark, and which: true for big-endian,
    /// false for little-endian, nil for none. A UTF-32 mark (FF FE 00 00) is not UTF-16.
    package static func utf16ByteOrder(_ bytes: some Collection<UInt8>) -> Bool? {
        if bytes.starts(with: [0xFE, 0xFF]) { return true }
        if bytes.starts(with: [0xFF, 0xFE]) && !bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return false }
        return nil
    }

    /// The text of UTF-16 `bytes` (after the byte order mark), or an error at the line and
    /// column of the first unpaired surrogate or a dangling last byte.
    private static func decodeUTF16(_ bytes: some Collection<UInt8>, bigEndian: Bool, file: String) throws(InputError) -> String {
        let pairs = Array(bytes)
        let units = utf16CodeUnits(pairs, bigEndian: bigEndian)
        if pairs.count % 2 == 0, let text = String(validating: units, as: UTF16.self) { return text }
        // Invalid: decode again, scalar by scalar, to say where.
        var line = 1, column = 1
        var iterator = units.makeIterator()
        var decoder = UTF16()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
            case .error:
                throw InputError("invalid UTF-16 (an unpaired surrogate)", file: file, line: line, column: column)
            case .emptyInput:
                throw InputError("invalid UTF-16 (an odd number of bytes)", file: file, line: line, column: column)
            }
        }
    }

    /// The UTF-16 code units of `bytes` (after the byte order mark), in the byte order given;
    /// a dangling last byte is left out.
    package static func utf16CodeUnits(_ bytes: [UInt8], bigEndian: Bool) -> [UInt16] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        for index in stride(from: 0, to: bytes.count - 1, by: 2) {
            let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
        }
        return units
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
