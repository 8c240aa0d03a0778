import Foundation
import GlossaCore
import GlossaMemory
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaLookup

/// Context matches, several translations of one source, and metadata penalties and filters,
/// on both stores: glib's month names (one English word, translated by its context) and the
/// CSTO's news.
@Suite struct MatchPolicyTests {
    /// glib's Russian catalog, its messages with a context as units keyed by it.
    static let glib: [TranslationUnit] = {
        let bytes = [UInt8](FileManager.default.contents(atPath: "/usr/share/locale/ru/LC_MESSAGES/glib20.mo") ?? Data())
        return CatalogPairs.messages(in: bytes).compactMap { message, translation in
            let parts = message.split(separator: "\u{4}", maxSplits: 1)
            guard parts.count == 2, !translation.isEmpty, !message.contains("\0") else { return nil }
            return TranslationUnit(variants: [Variant(language: "en", text: String(parts[1])), Variant(language: "ru", text: translation)],
                                   origin: "glib20.mo", context: String(parts[0]))
        }
    }()

    func memory(_ store: TestStore, _ units: [TranslationUnit]) throws -> TMLookup {
        let memory = try store.makeMemory()
        try memory.add(units)
        return try TMLookup(memory: memory, from: "en", to: "ru")
    }

    @Test(arguments: TestStore.allCases) func aStringWithItsKeyIsAContextMatchAboveItsOtherTranslations(store: TestStore) throws {
        let mays = Self.glib.filter { $0.variants[0].text == "May" }
        #expect(Set(mays.map { $0.variants[1].text }) == ["Май", "Мая"] && mays.count >= 3)
        let lookup = try memory(store, Self.glib)
        let keyed = try lookup.matches(for: "May", context: SegmentContext(key: "full month name with day"), minimum: 90, maximum: 10)
        #expect(keyed.first.map { ($0.score, $0.target, $0.contextMatch, $0.deductions) } ?? (0, "", false, []) == (101, "Мая", true, []))
        // The others: the same source, two translations between them, each a point off.
        #expect(keyed.dropFirst().map(\.score) == Array(repeating: 99, count: mays.count - 1))
        #expect(keyed.dropFirst().allSatisfy { !$0.contextMatch && $0.deductions == [Deduction(reason: "multiple-translations", points: 1)] })
        // Without a context: no 101, and the penalty is the policy's to set.
        let plain = try lookup.matches(for: "May", minimum: 90, maximum: 10)
        #expect(plain.count == mays.count && plain.allSatisfy { $0.score == 99 })
        let free = try lookup.matches(for: "May", policy: MatchPolicy(multipleTranslationsPenalty: 0), minimum: 90, maximum: 10)
        #expect(free.allSatisfy { $0.score == 100 && $0.deductions.isEmpty })
        let heavy = try lookup.matches(for: "May", policy: MatchPolicy(multipleTranslationsPenalty: 12), minimum: 90, maximum: 10)
        #expect(heavy.isEmpty)
        // A key no unit has is no context match; a fuzzy match is never one.
        #expect(try lookup.matches(for: "May", context: SegmentContext(key: "verb"), minimum: 90).allSatisfy { $0.score == 99 })
        #expect(try lookup.matches(for: "May 2025", context: SegmentContext(key: "full month name with day"), minimum: 40).allSatisfy { $0.score < 100 })
    }

    /// The same CSTO sentence twice in a news page, translated once each, with its neighbours.
    static let dated: [TranslationUnit] = [
        ("23.06.2025", "On June 18-19, 2025, in Dushanbe, the VI meeting of the Interstate Working Group was held.", "23.06.2025 г."),
        ("19.06.2025", "On June 17-19, the Republic of Tajikistan hosted the second staff talks.", "19.06.2025"),
    ].map { date, next, translation in
        TranslationUnit(variants: [Variant(language: "en", text: "The news of the day"), Variant(language: "ru", text: translation)],
                        origin: "csto-news-2025-06.html", properties: SegmentContext(previous: date, next: next).neighbourProperties)
    }

    @Test(arguments: TestStore.allCases) func neighboursMakeAContextMatch(store: TestStore) throws {
        let lookup = try memory(store, Self.dated)
        let second = SegmentContext(previous: "19.06.2025", next: "On June 17-19, the Republic of Tajikistan  hosted the second staff talks.")
        let found = try lookup.matches(for: "The news of the day", context: second, minimum: 90)
        #expect(found.map(\.score) == [101, 99] && found.first?.target == "19.06.2025")
        // Each neighbour given must agree; one given alone is enough.
        #expect(try lookup.matches(for: "The news of the day", context: SegmentContext(previous: "23.06.2025"), minimum: 90).first?.target == "23.06.2025 г.")
        #expect(try lookup.matches(for: "The news of the day", context: SegmentContext(previous: "23.06.2025", next: ""), minimum: 90)
            .allSatisfy { !$0.contextMatch })
    }

    @Test(arguments: TestStore.allCases) func alternativesAreEachAMatchWithThePenalty(store: TestStore) throws {
        let unit = TranslationUnit(variants: [Variant(language: "en", text: "Collective Security Treaty Organization"),
                                              Variant(language: "ru", text: "Организация Договора о коллективной безопасности"),
                                              Variant(language: "ru", text: "ОДКБ")])
        // A second unit with the same translation adds none.
        let same = TranslationUnit(variants: [Variant(language: "en", text: "Collective Security Treaty Organization"),
                                              Variant(language: "ru", text: "ОДКБ")], origin: "glossary.tbx")
        let lookup = try memory(store, [unit, same])
        let matches = try lookup.matches(for: "Collective Security Treaty Organization", minimum: 90, maximum: 10)
        #expect(matches.map(\.target).sorted() == ["ОДКБ", "ОДКБ", "Организация Договора о коллективной безопасности"])
        #expect(matches.allSatisfy { $0.score == 99 && $0.deductions.map(\.reason) == ["multiple-translations"] })
        #expect(matches.filter(\.alternative).map(\.target) == ["ОДКБ"])
        let alone = try memory(store, [same])
        #expect(try alone.matches(for: "Collective Security Treaty Organization").map(\.score) == [100])
    }

    @Test(arguments: TestStore.allCases) func metadataPenaltiesAndFiltersAsTranslatorsSetThem(store: TestStore) throws {
        func unit(_ ru: String, origin: String, author: String, year: Int, domain: String? = nil) -> TranslationUnit {
            TranslationUnit(variants: [Variant(language: "en", text: "The CSTO Secretary General met the ministers"),
                                       Variant(language: "ru", text: ru)],
                            origin: origin, created: Stamp(date: Date(timeIntervalSince1970: Double(year - 1970) * 365.25 * 86_400 + 86_400 * 40), author: author),
                            properties: domain.map { [Property("x-domain", $0)] } ?? [])
        }
        let lookup = try memory(store, [
            unit("Генеральный секретарь ОДКБ встретился с министрами", origin: "legacy-2019.tmx", author: "anna", year: 2019),
            unit("Генсек ОДКБ встретился с министрами", origin: "mt-2025.tmx", author: "mt", year: 2025, domain: "news"),
            unit("Генеральный секретарь ОДКБ провёл встречу с министрами", origin: "csto-2024.tmx", author: "oleg", year: 2024, domain: "news"),
        ])
        let query = "The CSTO Secretary General met the ministers"
        let policy = MatchPolicy(multipleTranslationsPenalty: 0, penalties: [try MetadataPenalty(parsing: "origin=legacy-*:5"),
                                                                             try MetadataPenalty(parsing: "author=mt:10")])
        let ranked = try lookup.matches(for: query, policy: policy, minimum: 50, maximum: 10)
        #expect(ranked.map(\.score) == [100, 95, 90])
        #expect(ranked.map(\.origin) == ["csto-2024.tmx", "legacy-2019.tmx", "mt-2025.tmx"])
        #expect(ranked[1].deductions == [Deduction(reason: "origin=legacy-*", points: 5)])
        // A penalty that takes a match below the threshold takes it out.
        #expect(try lookup.matches(for: query, policy: policy, minimum: 91, maximum: 10).count == 2)
        // Filters leave units out whatever their score; equal scores, the most recent first.
        let news = MatchPolicy(multipleTranslationsPenalty: 0, filters: [try UnitCondition(parsing: "x-domain=news")])
        #expect(try lookup.matches(for: query, policy: news, maximum: 10).map(\.origin) == ["mt-2025.tmx", "csto-2024.tmx"])
        let recent = MatchPolicy(multipleTranslationsPenalty: 0, filters: [try UnitCondition(parsing: "created<2025"),
                                                                          try UnitCondition(parsing: "author!=anna")])
        #expect(try lookup.matches(for: query, policy: recent, maximum: 10).map(\.origin) == ["csto-2024.tmx"])
        // The default policy: three translations of one source, a point off each.
        #expect(try lookup.matches(for: query, maximum: 10).map(\.score) == [99, 99, 99])
    }
}
