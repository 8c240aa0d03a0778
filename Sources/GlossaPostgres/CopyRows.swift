
import NIOCore

/// Rows for PostgreSQL's `COPY … FROM STDIN` in its text format: fields separated by tabs, rows
/// by line feeds, NULL as `\N`, and backslash, tab, line feed and carriage return escaped.
struct CopyRows {
    private(set) var buffer = ByteBuffer()
    private var fieldsInRow = 0
    /// Rows ended so far.
    private(set) var count = 0

    /// A text field; nil is NULL. PostgreSQL's text holds no U+0000: such a text is an error.
    mutating func text(_ value: String?) throws {
        separate()
        guard var text = value else {
            buffer.writeStaticString("\\N")
            return
        }
        try text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() {
                let escape: StaticString
                switch byte {
                case UInt8(ascii: "\\"): escape = "\\\\"
                case UInt8(ascii: "\t"): escape = "\\t"
                case UInt8(ascii: "\n"): escape = "\\n"
                case UInt8(ascii: "\r"): escape = "\\r"
                case 0: throw CopyRowsError.nul
                default: continue
                }
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<index]))
                buffer.writeStaticString(escape)
                start = index + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start...]))
        }
    }

    /// An integer field; nil is NULL.
    mutating func integer(_ value: Int64?) {
        separate()
        if let value { buffer.writeString(String(value)) } else { buffer.writeStaticString("\\N") }
    }

    /// A bytea field, in hex (`\x…`, its backslash escaped).
    mutating func bytes(_ value: [UInt8]) {
        separate()
        buffer.writeStaticString("\\\\x")
        buffer.writeString(Hex.string(value))
    }

    /// A text[] field of UTF-8 `values`: an array literal of quoted elements, a quote or a
    /// backslash escaped inside one, and the whole escaped again as a text field is, written
    /// byte by byte (a string built per element was a third of a PostgreSQL import's time).
    mutating func textArray(_ values: some Sequence<some Collection<UInt8>>) throws {
        separate()
        buffer.writeInteger(UInt8(ascii: "{"))
        var first = true
        for value in values {
            if !first { buffer.writeInteger(UInt8(ascii: ",")) }
            first = false
            buffer.writeInteger(UInt8(ascii: "\""))
            // A word rarely holds a byte to escape: then it goes in as it is, in one copy.
            guard value.contains(where: Self.needsEscape) else {
                buffer.writeBytes(value)
                buffer.writeInteger(UInt8(ascii: "\""))
                continue
            }
            for byte in value {
                switch byte {
                // In the literal \" and \\; COPY's text format doubles each backslash again.
                case UInt8(ascii: "\""): buffer.writeStaticString("\\\\\"")
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\\\\\")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                case 0: throw CopyRowsError.nul
                default: buffer.writeInteger(byte)
                }
            }
            buffer.writeInteger(UInt8(ascii: "\""))
        }
        buffer.writeInteger(UInt8(ascii: "}"))
    }

    /// Whether a byte of an array element is escaped.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r") || byte == 0
    }

    /// Ends the row.
    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        fieldsInRow = 0
        count += 1
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }
}

/// Why a row cannot be copied.
enum CopyRowsError: Error {
    /// A text holds U+0000.
    case nul
}

/// Lower-case hexadecimal, as PostgreSQL's `decode(…, 'hex')` and bytea's text form take it.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func string(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
