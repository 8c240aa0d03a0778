import Foundation

/// ISO 8601 UTC timestamps ("2025-06-23T10:15:00Z"), the form the TM stores dates in.
public enum Timestamp {
    /// The date as `YYYY-MM-DDThh:mm:ssZ` (whole seconds), or TMX's `YYYYMMDDThhmmssZ` when
    /// `compact`.
    public static func format(_ date: Date, compact: Bool = false) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        // Written digit by digit: String(format:) costs more than the rest of an export row.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        func digits(_ value: Int32, _ count: Int) {
            var divisor: Int32 = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        func separator(_ character: Unicode.Scalar) { if !compact { bytes.append(UInt8(ascii: character)) } }
        digits(parts.tm_year + 1900, 4); separator("-")
        digits(parts.tm_mon + 1, 2); separator("-")
        digits(parts.tm_mday, 2); bytes.append(UInt8(ascii: "T"))
        digits(parts.tm_hour, 2); separator(":")
        digits(parts.tm_min, 2); separator(":")
        digits(parts.tm_sec, 2); bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `YYYY-MM-DDThh:mm:ssZ` and TMX's compact `YYYYMMDDThhmmssZ`; nil for anything else.
    public static func parse(_ text: String) -> Date? {
        var digits: [Int32] = []
        digits.reserveCapacity(14)
        var last: UInt8 = 0
        for byte in text.utf8 {
            last = byte
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits.append(Int32(byte - UInt8(ascii: "0")))
                if digits.count > 14 { return nil }
            } else if byte != UInt8(ascii: "-") && byte != UInt8(ascii: ":") && byte != UInt8(ascii: "T") && byte != UInt8(ascii: "Z") {
                return nil
            }
        }
        guard last == UInt8(ascii: "Z"), digits.count == 14 else { return nil }
        func number(_ range: Range<Int>) -> Int32 { digits[range].reduce(0) { $0 * 10 + $1 } }
        var parts = tm()
        parts.tm_year = number(0..<4) - 1900
        parts.tm_mon = number(4..<6) - 1
        parts.tm_mday = number(6..<8)
        parts.tm_hour = number(8..<10)
        parts.tm_min = number(10..<12)
        parts.tm_sec = number(12..<14)
        guard (0...11).contains(parts.tm_mon), (1...31).contains(parts.tm_mday), parts.tm_hour < 24,
              parts.tm_min < 60, parts.tm_sec < 61 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
