import Foundation
import GlossaCore
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaMemory

/// Editing units one at a time, as the team server does: each edit leaves a TM whose indexes
/// agree with its texts (the integrity check, FTS5's own among it, stays clean).
@Suite struct UnitEditTests {
    let folder: URL
    init() throws { folder = try Fixtures.temporaryDirectory() }

    func unit(_ english: String, _ russian: String, origin: String = "news.html") -> TranslationUnit {
        TranslationUnit(variants: [Variant(language: "en", text: english), Variant(language: "ru", text: russian)], origin: origin)
    }

    func memory() throws -> TranslationMemory {
        let memory = try TranslationMemory(path: folder.appendingPathComponent("tm.sqlite").path, access: .create)
        _ = try memory.add([unit("The Council of Foreign Ministers met in Minsk.", "Совет министров иностранных дел собрался в Минске."),
                            unit("The CSTO Secretary General arrived.", "Генеральный секретарь ОДКБ прибыл.")])
        return memory
    }

    func concordance(_ memory: TranslationMemory, _ word: String, _ language: LanguageTag = "en") throws -> [Int64] {
        try memory.concordance(word, language: language, limit: 10, offset: 0).map(\.unitID)
    }

    @Test func addingTellsEachUnitsIDNewOrStored() throws {
        let memory = try memory()
        let (summary, ids) = try memory.addReturningIDs([
            unit("Exercises were held in Tajikistan.", "Учения прошли в Таджикистане."),
            unit("The CSTO Secretary General arrived.", "Генеральный секретарь ОДКБ прибыл."),
        ])
        #expect(summary.added == 1 && summary.duplicates == 1)
        #expect(ids == [3, 2])
        #expect(try memory.unit(id: 3)?.variant(in: "ru")?.text == "Учения прошли в Таджикистане.")
        #expect(try memory.unit(id: 99) == nil)
    }

    @Test func replacingKeepsTheIDAndReindexesTheTexts() throws {
        let memory = try memory()
        var replacement = unit("The Council of Defence Ministers met in Minsk.", "Совет министров обороны собрался в Минске.", origin: "edited")
        replacement.properties = [Property("x-reviewer", "Aigerim")]
        #expect(try memory.replaceUnit(id: 1, with: replacement) == .replaced)
        let stored = try #require(try memory.unit(id: 1))
        #expect(stored.variant(in: "en")?.text == "The Council of Defence Ministers met in Minsk.")
        #expect(stored.origin == "edited" && stored.properties == [Property("x-reviewer", "Aigerim")])
        #expect(try concordance(memory, "Defence") == [1])
        #expect(try concordance(memory, "Foreign").isEmpty)
        #expect(try memory.statistics().units == 2)
        #expect(try memory.checkIntegrity() == [])
    }

    @Test func replacingWithAnotherUnitsContentChangesNothing() throws {
        let memory = try memory()
        #expect(try memory.replaceUnit(id: 1, with: unit("The CSTO Secretary General arrived.", "Генеральный секретарь ОДКБ прибыл.")) == .sameAs(2))
        #expect(try memory.unit(id: 1)?.variant(in: "en")?.text == "The Council of Foreign Ministers met in Minsk.")
        #expect(try memory.replaceUnit(id: 42, with: unit("a", "б")) == .noSuchUnit)
        #expect(try memory.checkIntegrity() == [])
    }

    @Test func deletingRemovesTheUnitFromEveryIndex() throws {
        let memory = try memory()
        #expect(try memory.deleteUnit(id: 2))
        #expect(try !memory.deleteUnit(id: 2))
        #expect(try memory.unit(id: 2) == nil)
        #expect(try concordance(memory, "ОДКБ", "ru").isEmpty)
        #expect(try memory.exactMatches(of: "The CSTO Secretary General arrived.", in: "en").isEmpty)
        #expect(try memory.checkIntegrity() == [])
        // The same unit can be added again, as new.
        #expect(try memory.addReturningIDs([unit("The CSTO Secretary General arrived.", "Генеральный секретарь ОДКБ прибыл.")]).ids == [3])
        #expect(try memory.checkIntegrity() == [])
    }

    /// A variant a deferred import left out of the full-text index has no entry there to
    /// delete: deleting one as if it had would corrupt FTS5's index.
    @Test func deletingAnUnindexedUnitLeavesTheFullTextIndexSound() throws {
        let memory = try memory()
        _ = try memory.write(deferSearchIndex: true) { try $0.add(unit("Peacekeepers trained in Armenia.", "Миротворцы тренировались в Армении.")) }
        #expect(try memory.unindexedVariantCount() == 2)
        #expect(try memory.deleteUnit(id: 3))
        #expect(try memory.deleteUnit(id: 1))
        _ = try memory.updateSearchIndex()
        #expect(try memory.checkIntegrity() == [])
        #expect(try concordance(memory, "Secretary") == [2])
    }
}
