import Foundation
import GlossaCore
import GlossaMemory
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaLookup

/// Fragments on the CSTO's news, both stores, against a brute-force scan of every segment.
@Suite struct FragmentTests {
    static let pairs: [(en: String, ru: String)] = {
        let text = String(decoding: try! Fixtures.bytes(Fixtures.repositoryRoot.appendingPathComponent("tm/seed/csto-news-2025-06.en-ru.tsv")), as: UTF8.self)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            return cells.count == 2 ? (String(cells[0]), String(cells[1])) : nil
        }
    }()

    @Test(arguments: TestStore.allCases) func everySharedRunOfThreeWordsIsFoundAndHeld(store: TestStore) throws {
        let memory = try store.makeMemory()
        try memory.add(Self.pairs.map { TranslationUnit(variants: [Variant(language: "en", text: $0.en), Variant(language: "ru", text: $0.ru)]) })
        let lookup = try TMLookup(memory: memory, from: "en", to: "ru")
        let scorer = try MatchScorer(language: "en")
        let stored = Self.pairs.map { scorer.tokens(of: $0.en).words }
        for query in [
            "A delegation of the Interstate Working Group met the CSTO Joint Staff in Minsk yesterday.",
            "The Secretary General of the Organization Imangali Tasmagambetov opened the exhibition.",
            "Nothing in this sentence is in the news at all, truly.",
        ] {
            let words = scorer.tokens(of: query).words
            let fragments = try lookup.fragments(for: query)
            // Every fragment is a run of the query that each unit listed holds word for word.
            for fragment in fragments {
                let run = scorer.tokens(of: fragment.text).words
                #expect(run.count == fragment.words && run.count >= 3 && Fragments.holds(words, run), "\(fragment.text)")
                #expect(!fragment.units.isEmpty && fragment.units.allSatisfy { Fragments.holds(scorer.tokens(of: $0.source).words, run) })
                if let translation = fragment.translation { #expect(fragment.units.allSatisfy { $0.target?.contains(translation) == true }) }
            }
            // Brute force: each longest run of three words or more some segment shares with the
            // query is covered by a fragment inside it.
            for start in words.indices {
                var end = start
                while end < words.count, stored.contains(where: { Fragments.holds($0, Array(words[start...end])) }) { end += 1 }
                guard end - start >= 3, start == 0 || !stored.contains(where: { Fragments.holds($0, Array(words[(start - 1)..<end])) }) else { continue }
                let shared = Array(words[start..<end])
                #expect(fragments.contains { Fragments.holds(shared, scorer.tokens(of: $0.text).words) }, "\(shared) in \(query)")
            }
        }
        let found = try lookup.fragments(for: "A delegation of the Interstate Working Group met the CSTO Joint Staff in Minsk yesterday.")
        #expect(found.map(\.text).contains("Interstate Working Group") && found.map(\.text).contains("CSTO Joint Staff"), "\(found.map(\.text))")
        #expect(try lookup.fragments(for: "Nothing in this sentence is in the news at all, truly.").allSatisfy { $0.words >= 3 })
        #expect(try lookup.fragments(for: "Two words").isEmpty)
    }

    @Test(arguments: TestStore.allCases) func aConcordanceMarksWhereThePhraseWentWhenTheTMTells(store: TestStore) throws {
        let memory = try store.makeMemory()
        try memory.add(Self.pairs.map { TranslationUnit(variants: [Variant(language: "en", text: $0.en), Variant(language: "ru", text: $0.ru)]) })
        let concordance = try Concordance(memory: memory, from: "en", to: "ru")
        // Two CSTO sentences with the Organization's full name, translated alike only there.
        let hits = try concordance.search(ConcordanceQuery(parsing: #""Collective Security Treaty Organization""#))
        #expect(hits.count >= 2)
        #expect(hits.allSatisfy { $0.translationHighlights.map(\.text) == ["Организации Договора о коллективной безопасности"] }, "\(hits)")
        let official = try concordance.search(ConcordanceQuery(parsing: "Secretary General"))
        #expect(official.filter { !$0.translationHighlights.isEmpty }.allSatisfy { $0.translationHighlights.map(\.text) == ["Генеральный секретарь"] })
        #expect(official.contains { !$0.translationHighlights.isEmpty })
        // One hit tells nothing.
        let alone = try concordance.search(ConcordanceQuery(parsing: #""Interstate Working Group""#))
        #expect(alone.count == 1 && alone[0].translationHighlights.isEmpty)
    }

    @Test func commonRunsAreMaximal() {
        let runs = Fragments.commonRuns([1, 2, 3, 4, 9, 5, 6, 7], [0, 1, 2, 3, 4, 8, 5, 6, 7, 5, 6], minimum: 3)
        #expect(runs.map { [$0.0, $0.1] } == [[0..<4, 1..<5], [5..<8, 6..<9]])
    }
}
