import Foundation

/// ISO 8601 UTC timestamps ("2025-06-23T10:15:00Z"), the form the TM stores dates in.
public enum Timestamp {
    /// The date as `YYYY-MM-DDThh:mm:ssZ` (whole seconds).
    public static func format(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// Parses `YYYY-MM-DDThh:mm:ssZ` and TMX's compact `YYYYMMDDThhmmssZ`; nil for anything else.
    public static func parse(_ text: String) -> Date? {
        let digits = text.filter { $0.isASCII && $0.isNumber }
        guard text.hasSuffix("Z"), digits.count == 14 else { return nil }
        let value = digits.compactMap(\.wholeNumberValue)
        func number(_ range: Range<Int>) -> Int32 { Int32(value[range].reduce(0) { $0 * 10 + $1 }) }
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
