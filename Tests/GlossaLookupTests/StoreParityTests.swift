import Foundation
import GlossaCore
import GlossaMemory
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaLookup

/// The same real-corpus TM in both stores gives the same answers: the machine's gettext
/// catalogs (human translations of real software into Russian, Kazakh, Belarusian and
/// Armenian) imported into an SQLite file and a PostgreSQL database, then the same fuzzy
/// lookups, in every direction and at several thresholds, and the same concordance searches
/// (words, phrases, prefixes, in each script) compared in full: scores, order, diffs,
/// translations, highlights.
@Suite struct StoreParityTests {
    static let languages = ["ru", "kk", "be", "hy"]

    /// Each language's first pairs, as English–X units; the same list for both stores.
    static let units: [TranslationUnit] = languages.flatMap { language in
        (try? CatalogPairs.load(language: language))?.prefix(1500).compactMap { pair in
            try? TranslationUnit(variants: [Variant(language: "en", text: pair.en), Variant(language: LanguageTag(language), text: pair.ru)])
        } ?? []
    }

    /// `texts` each with one word dropped and one changed, so that lookups are fuzzy, seeded.
    static func edited(_ texts: [String]) -> [String] {
        var random = SeededRandom(seed: 11)
        return texts.map { text in
            var words = text.split(separator: " ").map(String.init)
            guard words.count > 3 else { return text }
            words.remove(at: Int.random(in: 0..<words.count, using: &random))
            words[Int.random(in: 0..<words.count, using: &random)] = "Glossa"
            return words.joined(separator: " ")
        }
    }

    @Test func bothStoresGiveTheSameLookupsAndConcordanceHits() throws {
        try #require(Self.units.count > 3000, "the machine's gettext catalogs hold too few translations")
        let stores = try TestStore.allCases.map { store in
            let memory = try store.makeMemory()
            try memory.add(Self.units)
            return memory
        }
        #expect(try stores[0].statistics().languages == stores[1].statistics().languages)
        var random = SeededRandom(seed: 5)
        var compared = 0, matched = 0, hits = 0
        for language in Self.languages {
            let pairs = Self.units.filter { $0.variants[1].language.canonical == language }
            let sample = (0..<40).map { _ in pairs.randomElement(using: &random)! }
            for (from, to, texts) in [("en", language, sample.map(\.variants[0].text)), (language, "en", sample.map(\.variants[1].text))] {
                let lookups = try stores.map { try TMLookup(memory: $0, from: LanguageTag(from), to: LanguageTag(to)) }
                for query in Self.edited(texts) {
                    for minimum in [50, 75] {
                        let answers = try lookups.map { try $0.matches(for: query, minimum: minimum, maximum: 10) }
                        #expect(answers[0] == answers[1], "\(from)→\(to) '\(query)' at \(minimum)")
                        compared += 1
                        matched += answers[0].count
                    }
                }
                let concordances = try stores.map { try Concordance(memory: $0, from: LanguageTag(from), to: LanguageTag(to)) }
                for text in texts.prefix(15) {
                    let words = text.split(separator: " ").map(String.init).filter { $0.count > 3 }
                    guard words.count >= 2 else { continue }
                    for query in ["\"\(words[0]) \(words[1])\"", "\(words[1]) \(words[0])", String(words[0].prefix(3)) + "*"] {
                        let parsed = try ConcordanceQuery(parsing: query)
                        for page in [1, 2] {
                            let answers = try concordances.map { try $0.search(parsed, page: page, pageSize: 10) }
                            #expect(answers[0] == answers[1], "\(from)→\(to) concordance \(query) page \(page)")
                            hits += answers[0].count
                        }
                    }
                }
            }
        }
        // The comparison is not vacuous: lookups found matches, searches found hits.
        #expect(compared == 640 && matched > 300 && hits > 300, "\(compared) lookups, \(matched) matches, \(hits) hits")
    }
}
