import Foundation
import Testing
@testable import GlossaCore

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2025-06-23T10:15:00Z", 1_750_673_700.0), ("20250623T101500Z", 1_750_673_700.0),
        ("1999-12-31T23:59:59Z", 946_684_799.0), ("2024-02-29T00:00:00Z", 1_709_164_800.0),
    ])
    func parsesBothForms(text: String, seconds: Double) {
        #expect(Timestamp.parse(text) == Date(timeIntervalSince1970: seconds))
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
