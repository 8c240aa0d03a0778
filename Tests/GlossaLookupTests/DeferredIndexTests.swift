import Foundation
import GlossaCore
import GlossaMemory
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaLookup

/// Imports that defer the search indexes (`--defer-index`): lookups refuse the TM until the
/// indexes are built, and once built they answer exactly as on a TM indexed while importing.
@Suite struct DeferredIndexTests {
    static let units: [TranslationUnit] = LookupTests.corpus.enumerated().map { index, english in
        TranslationUnit(variants: [Variant(language: "en", text: english), Variant(language: "ru", text: "Перевод номер \(index)")])
    }
    static let half = units.count / 2

    func emptyMemory() throws -> TranslationMemory {
        try TranslationMemory(path: Fixtures.temporaryDirectory().appendingPathComponent("tm.sqlite").path, access: .create)
    }

    /// What fuzzy and concordance lookups answer, in a form two TMs can be compared by.
    func answers(_ memory: TranslationMemory) throws -> [String] {
        let lookup = try TMLookup(memory: memory, from: "en", to: "ru")
        var answers = try LookupTests.queries(count: 150).map { query in
            try lookup.matches(for: query, minimum: 50, maximum: 10).map { "\($0.score) \($0.unit) \($0.source) → \($0.target)" }
                .joined(separator: "\n")
        }
        let concordance = try Concordance(memory: memory, from: "en", to: "ru")
        for word in ["file", "\"the file\"", "print*", "window"] {
            answers.append(try concordance.search(ConcordanceQuery(parsing: word), pageSize: 50).map { "\($0.unit) \($0.text)" }.joined(separator: "\n"))
        }
        return answers
    }

    @Test func lookupsRefuseTheTMUntilTheIndexesAreBuiltThenAnswerAsAnIndexedImport() throws {
        let indexed = try emptyMemory()
        _ = try indexed.add(Self.units)

        let deferred = try emptyMemory()
        _ = try deferred.write(deferSearchIndex: true) { writer in try Self.units.prefix(Self.half).forEach(writer.add) }
        _ = try deferred.write(deferSearchIndex: true) { writer in try Self.units.dropFirst(Self.half).forEach(writer.add) }
        #expect(try deferred.unindexedVariantCount() == 2 * Self.units.count)
        #expect(throws: MemoryError(path: deferred.path, reason: .searchIndexPending(2 * Self.units.count))) {
            _ = try TMLookup(memory: deferred, from: "en", to: "ru")
        }
        #expect(throws: MemoryError.self) { _ = try Concordance(memory: deferred, from: "en", to: "ru") }
        // Exact lookups need only the exact-match keys, which every import writes.
        #expect(try deferred.exactMatches(of: LookupTests.corpus[7], in: "en").count == 1)
        #expect(try deferred.checkIntegrity().isEmpty)

        var reported: [Int] = []
        #expect(try deferred.updateSearchIndex { reported.append($0) } == 2 * Self.units.count)
        #expect(reported.last == 2 * Self.units.count)
        #expect(try deferred.unindexedVariantCount() == 0)
        #expect(try deferred.updateSearchIndex() == 0)
        #expect(try deferred.checkIntegrity().isEmpty)
        let expected = try answers(indexed)
        #expect(expected.contains { !$0.isEmpty })
        #expect(try answers(deferred) == expected)
    }

    @Test func anImportThatDoesNotDeferIndexesWhatEarlierOnesDeferred() throws {
        let indexed = try emptyMemory()
        _ = try indexed.add(Self.units)
        let mixed = try emptyMemory()
        _ = try mixed.write(deferSearchIndex: true) { writer in try Self.units.prefix(Self.half).forEach(writer.add) }
        #expect(try mixed.unindexedVariantCount() == 2 * Self.half)
        let summary = try mixed.add(Self.units)  // the first half again: duplicates
        #expect(summary.added == Self.units.count - Self.half)
        #expect(try mixed.unindexedVariantCount() == 0)
        #expect(try mixed.checkIntegrity().isEmpty)
        #expect(try answers(mixed) == answers(indexed))
    }

    @Test func aFailedDeferredImportLeavesTheTMIndexedAndUnchanged() throws {
        let memory = try emptyMemory()
        _ = try memory.add(Self.units.prefix(10))
        #expect(throws: InputError.self) {
            _ = try memory.write(deferSearchIndex: true) { writer in
                try Self.units.dropFirst(10).prefix(20).forEach(writer.add)
                throw InputError("bad unit")
            }
        }
        #expect(try memory.unindexedVariantCount() == 0)
        #expect(try memory.statistics().units == 10)
        #expect(try memory.checkIntegrity().isEmpty)
    }
}
