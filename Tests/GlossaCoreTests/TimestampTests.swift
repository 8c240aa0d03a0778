import Foundation
import Testing
@testable import GlossaCore

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2025-06-23T10:15:00Z", 1_750_673_700.0), ("20250623T101500Z", 1_750_673_700.0),
        ("1999-12-31T23:59:59Z", 946_684_799.0), ("2024-02-29T00:00:00Z", 1_709_164_800.0),
        ("00010101T000000Z", -62_135_596_800.0), ("2025-02-30T00:00:00Z", 1_740_873_600.0),
    ])
    func parsesBothForms(text: String, seconds: Double) {
        #expect(Timestamp.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    /// Foundation's Gregorian calendar is the reference: leap years, century years, the
    /// years before 1970, and a day past the end of a month (rolled over, as `timegm` does).
    /// It turns Julian before October 1582, so earlier years are checked above, proleptically.
    @Test func agreesWithTheGregorianCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let days = [(1, 1), (2, 28), (2, 29), (3, 1), (4, 30), (6, 15), (12, 31)]
        for year in [1583, 1600, 1601, 1899, 1900, 1969, 1970, 1971, 1999, 2000, 2023, 2024, 2100, 2400, 9999] {
            for (month, day) in days {
                let text = String(format: "%04d%02d%02dT%02d%02d%02dZ", year, month, day, 13, 7, 59)
                let components = DateComponents(year: year, month: month, day: day, hour: 13, minute: 7, second: 59)
                let expected = try #require(calendar.date(from: components))
                #expect(Timestamp.parse(text) == expected, "\(text)")
            }
        }
    }

    @Test(arguments: ["", "yesterday", "2025-06-23", "2025-06-23T10:15:00", "2025-13-01T00:00:00Z", "2025-06-23T10:15:00+03:00", "20250623T1015000Z"])
    func rejectsOtherText(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func formatsAndRoundTrips() {
        let date = Date(timeIntervalSince1970: 1_750_673_700.9)
        #expect(Timestamp.format(date) == "2025-06-23T10:15:00Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        for seconds in stride(from: 0.0, to: 4_000_000_000, by: 97_654_321) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.parse(Timestamp.format(date)) == date)
        }
    }
}
