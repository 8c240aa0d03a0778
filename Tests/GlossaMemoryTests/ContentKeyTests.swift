import Foundation
import GlossaCore
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaMemory

/// What makes a unit a duplicate of a stored one, on every path a write takes: a bulk load
/// into an empty TM (keys in memory, then the unique index), and a write into a TM that has units.
@Suite struct ContentKeyTests {
    let folder: URL
    init() throws { folder = try Fixtures.temporaryDirectory() }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// "Press Subscribe" with its word in bold, as a TMX unit with codes has it.
    func press(_ tag: String, id: String? = nil, properties: [Property] = []) -> TranslationUnit {
        TranslationUnit(externalID: id, variants: [
            Variant(language: "en", text: "Press {1}Subscribe{/1}.",
                    markup: "Press <bpt i=\"1\">&lt;\(tag)&gt;</bpt>Subscribe<ept i=\"1\">&lt;/\(tag)&gt;</ept>."),
            Variant(language: "ru", text: "Нажмите {1}Подписаться{/1}.",
                    markup: "Нажмите <bpt i=\"1\">&lt;\(tag)&gt;</bpt>Подписаться<ept i=\"1\">&lt;/\(tag)&gt;</ept>."),
        ], properties: properties)
    }

    /// The units and what a write of them must count: added, duplicates, kept apart.
    var cases: [(units: [TranslationUnit], expected: ImportSummary)] {
        let usage = [Property("tmx:usagecount", "7"), Property("x-file", "a.html")]
        var reordered = press("b", id: "1", properties: [Property("x-file", "a.html")])
        reordered.variants.reverse()
        var alternative = press("b")
        alternative.variants.append(Variant(language: "ru", text: "Щёлкните {1}Подписаться{/1}."))
        var alternativeFirst = alternative
        alternativeFirst.variants.swapAt(1, 2)
        return [
            // The same text with other codes is another unit, not a duplicate.
            ([press("b"), press("i")], ImportSummary(read: 2, added: 2)),
            // Same text and codes: another id or property keeps it apart, counted.
            ([press("b", id: "1"), press("b", id: "2"), press("b", id: "2", properties: [Property("x-file", "b.html")])],
             ImportSummary(read: 3, added: 3, keptApart: 2)),
            // Bookkeeping (usage counts) and the order of variants do not make another unit.
            ([press("b", id: "1", properties: [Property("x-file", "a.html")]), press("b", id: "1", properties: usage), reordered],
             ImportSummary(read: 3, added: 1, duplicates: 2)),
            // An alternative translation makes another unit; its place among the variants does not.
            ([press("b"), alternative, alternativeFirst], ImportSummary(read: 3, added: 2, duplicates: 1, keptApart: 0)),
        ]
    }

    @Test func bulkLoadCountsInMemoryAndPastIt() throws {
        for (index, (units, expected)) in cases.enumerated() {
            for keysInMemory in [1 << 20, 1] {
                let memory = try TranslationMemory(path: path("bulk-\(index)-\(keysInMemory).sqlite"), access: .create)
                let summary = try memory.write(deferSearchIndex: false, keysInMemory: keysInMemory) { writer in
                    for unit in units { try writer.add(unit) }
                }
                #expect(summary == expected, "case \(index), \(keysInMemory) keys in memory")
                #expect(try memory.checkIntegrity().isEmpty)
            }
        }
    }

    @Test func writeIntoAStoredTMCountsThroughTheIndex() throws {
        for (index, (units, expected)) in cases.enumerated() {
            let memory = try TranslationMemory(path: path("stored-\(index).sqlite"), access: .create)
            _ = try memory.add([TranslationUnit(variants: [Variant(language: "en", text: "Something else")])])
            var summary = ImportSummary()
            for unit in units {
                let one = try memory.add([unit])
                summary.read += one.read
                summary.added += one.added
                summary.duplicates += one.duplicates
                summary.keptApart += one.keptApart
            }
            #expect(summary == expected, "case \(index)")
        }
    }

    @Test func variantsKeepTheirOrderSourceNotesAndProperties() throws {
        let memory = try TranslationMemory(path: path("order.sqlite"), access: .create)
        var unit = TranslationUnit(externalID: "secretariat", variants: [
            Variant(language: "ru", text: "Секретариат ОДКБ", properties: [Property("x-status", "approved")]),
            Variant(language: "en", text: "CSTO Secretariat"),
            Variant(language: "ru", text: "Секретариат Организации", notes: ["older style"], properties: [Property("x-status", "variant")]),
        ], sourceLanguage: "en")
        _ = try memory.add([unit])
        var stored: [TranslationUnit] = []
        try memory.forEachUnit { _, unit in stored.append(unit) }
        unit.created = stored.first?.created
        #expect(stored == [unit])
        #expect(try memory.statistics().alternatives == ["ru": 1])
        #expect(try memory.sourceLanguages() == [LanguageTag("en")])
    }
}
