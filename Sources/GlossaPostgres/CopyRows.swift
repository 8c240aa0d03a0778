
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
        if let value { writeDecimal(value) } else { buffer.writeStaticString("\\N") }
    }

    /// A bytea field, in hex (`\x…`, its backslash escaped), written in place.
    mutating func bytes(_ value: [UInt8]) {
        separate()
        buffer.writeStaticString("\\\\x")
        let digits = Hex.digits
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 2 * value.count) { space in
            for (index, byte) in value.enumerated() {
                space[2 * index] = digits[Int(byte >> 4)]
                space[2 * index + 1] = digits[Int(byte & 0x0F)]
            }
            return 2 * value.count
        }
    }

    /// An integer[] field: `{1,-2,3}`.
    mutating func integerArray(_ values: [Int32]) {
        separate()
        buffer.writeInteger(UInt8(ascii: "{"))
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            writeDecimal(Int64(value))
        }
        buffer.writeInteger(UInt8(ascii: "}"))
    }

    /// `value` in decimal, written in place (tens of millions of numbers a large import writes).
    private mutating func writeDecimal(_ value: Int64) {
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 20) { space in
            var magnitude = value.magnitude, length = 0
            repeat {
                space[length] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                length += 1
            } while magnitude > 0
            if value < 0 {
                space[length] = UInt8(ascii: "-")
                length += 1
            }
            // The digits went in from the least significant: turn them round.
            var (low, high) = (0, length - 1)
            while low < high {
                space.swapAt(low, high)
                low += 1
                high -= 1
            }
            return length
        }
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
    static let digits = Array("0123456789abcdef".utf8)

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
