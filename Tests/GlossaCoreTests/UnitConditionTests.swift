import Foundation
import Testing
@testable import GlossaCore

/// Conditions on units as translators write them on the command line and in `.glossa.yml`.
@Suite struct UnitConditionTests {
    let unit = TranslationUnit(
        externalID: "news-1", variants: [Variant(language: "en-GB", text: "Joint Staff"), Variant(language: "kk", text: "Біріккен штаб")],
        origin: "csto-news-2025-06.tmx", context: "title",
        created: Stamp(date: Timestamp.parse("2025-06-23T10:15:00Z")!, author: "anna"),
        changed: Stamp(date: Timestamp.parse("2025-07-01T08:00:00Z")!, author: "oleg"),
        properties: [Property("x-domain", "military"), Property("client", "CSTO")])

    @Test(arguments: [
        ("origin=csto-news-2025-06.tmx", true), ("origin=*.tmx", true), ("origin=csto-*-06.tmx", true), ("origin=*.po", false),
        ("origin!=*.po", true), ("context=title", true), ("id=news-1", true), ("author=oleg", true), ("author=anna", true),
        ("created-by=oleg", false), ("changed-by=oleg", true), ("x-domain=military", true), ("x-domain!=military", false),
        ("missing=x", false), ("missing!=x", true), ("lang=en", true), ("lang=kk", true), ("lang=ru", false), ("lang!=ru", true),
        ("created>=2025-06", true), ("created<2025-06-23", false), ("created<=2025-06-23", true), ("changed>2025-06-30", true),
        ("changed<2025", false), ("created>=2025-06-23T10:15:00Z", true), ("client = CSTO", true),
    ])
    func conditionsHold(text: String, holds: Bool) throws {
        #expect(try UnitCondition(parsing: text).holds(for: unit) == holds)
    }

    @Test(arguments: ["origin", "=x", "origin<abc", "x-domain>2025", "created>June"])
    func aConditionThatMeansNothingIsAnError(text: String) {
        #expect(throws: InputError.self) { try UnitCondition(parsing: text) }
    }

    @Test func penaltiesTakePointsAfterTheLastColon() throws {
        let penalty = try MetadataPenalty(parsing: "created<2025-01-01T00:00:00Z:7")
        #expect(penalty.points == 7 && penalty.condition.value == "2025-01-01T00:00:00Z")
        #expect(penalty.description == "created<2025-01-01T00:00:00Z:7")
        for bad in ["origin=a.tmx", "origin=a.tmx:x", "origin=a.tmx:101", "origin:5"] {
            #expect(throws: InputError.self) { try MetadataPenalty(parsing: bad) }
        }
    }
}
