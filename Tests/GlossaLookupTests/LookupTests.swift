import Foundation
import GlossaCore
import GlossaMemory
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaLookup

/// Lookups against a real TM, each test on both stores: recall against a brute-force scan,
/// every language direction, exact matches with penalties, ranking, and what a match reports.
@Suite struct LookupTests {
    static let corpus: [String] = String(decoding: try! Fixtures.bytes(Fixtures.file("lookup/corpus.en.txt")), as: UTF8.self)
        .split(separator: "\n").map(String.init)

    /// A corpus segment with up to three random word edits, or (one in ten) unrelated words.
    static func queries(count: Int) -> [String] {
        var random = SeededRandom(seed: 2025)
        let words = Array(Set(corpus.flatMap { $0.split(separator: " ").map(String.init) })).sorted()
        return (0..<count).map { _ in
            if Int.random(in: 0..<10, using: &random) == 0 {
                return (0..<Int.random(in: 1...8, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
            }
            var tokens = corpus.randomElement(using: &random)!.split(separator: " ").map(String.init)
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let position = Int.random(in: 0..<max(1, tokens.count), using: &random)
                switch Int.random(in: 0..<6, using: &random) {
                case 0 where tokens.count > 1: tokens.remove(at: position)
                case 1: tokens.insert(words.randomElement(using: &random)!, at: position)
                case 2: tokens[position] = words.randomElement(using: &random)!
                case 3: tokens[position] = tokens[position].uppercased()
                case 4: tokens[position] = String(Int.random(in: 1...2025, using: &random))
                default: tokens[position] += "."
                }
            }
            return tokens.joined(separator: " ")
        }
    }

    /// A TM in `store` holding `units`.
    func memory(_ store: TestStore, _ units: [TranslationUnit]) throws -> any UnitStore {
        let memory = try store.makeMemory()
        try memory.add(units)
        return memory
    }

    func unit(_ texts: [String: String], created: Date? = nil) throws -> TranslationUnit {
        var unit = TranslationUnit(variants: try texts.sorted { $0.key < $1.key }.map { try Variant(language: LanguageTag($0.key), text: $0.value) })
        unit.created = created.map { Stamp(date: $0) }
        return unit
    }

    @Test(arguments: TestStore.allCases) func recallIsCompleteAgainstBruteForce(store: TestStore) throws {
        // The corpus is imported twice, the second time in a separate write, so posting
        // lists come in several chunks as they do in a TM that grew over imports.
        let half = Self.corpus.count / 2
        let memory = try memory(store, try Self.corpus.prefix(half).enumerated().map { try unit(["en": $0.element, "ru": "Перевод \($0.offset)"]) })
        _ = try memory.add(try Self.corpus.dropFirst(half).enumerated().map { try unit(["en": $0.element, "ru": "Перевод \(half + $0.offset)"]) })
        let lookup = try TMLookup(memory: memory, from: "en", to: "ru")
        let scorer = try MatchScorer(language: "en")
        let stored = Self.corpus.map { (tokens: scorer.tokens(of: $0), form: $0.normalizedForLookup()) }
        var compared = 0, found = 0
        for query in Self.queries(count: 1500) {
            let tokens = scorer.tokens(of: query)
            let scores = stored.map { scorer.score(query: tokens, candidate: $0.tokens, identical: $0.form == query.normalizedForLookup()).score }
            for minimum in [50, 60, 75, 85, 95, 100] {
                // Unit ids follow the corpus order; a line repeated in the corpus is one unit.
                let expected = Set(scores.indices.filter { scores[$0] >= minimum }.map { Self.corpus[$0].normalizedForLookup() })
                let matches = try lookup.matches(for: query, minimum: minimum, maximum: .max)
                #expect(Set(matches.map { $0.source.normalizedForLookup() }) == expected, "query '\(query)' at \(minimum)")
                #expect(lookup.lastSearchWasComplete, "query '\(query)' at \(minimum)")
                #expect(matches.map(\.score) == matches.map(\.score).sorted(by: >))
                compared += 1
                found += expected.count
            }
        }
        #expect(compared == 9_000)
        #expect(found > 2_000)  // the queries do hit: the comparison is not vacuous
    }

    @Test(arguments: TestStore.allCases) func theFuzzySearchsWorkIsBoundedForAnyQuery(store: TestStore) throws {
        let memory = try memory(store, try Self.corpus.enumerated().map { try unit(["en": $0.element, "ru": "Перевод \($0.offset)"]) })
        let lookup = try TMLookup(memory: memory, from: "en", to: "ru")
        // 200 of the corpus's own words at 1%: nearly every variant shares a word with it.
        let query = Self.corpus.flatMap { $0.split(separator: " ") }.prefix(200).joined(separator: " ")
        let full = try lookup.matches(for: query, minimum: 1, maximum: .max)
        let fullCount = full.count
        #expect(lookup.lastSearchWasComplete)
        #expect(fullCount > 20)
        lookup.budget = FuzzyBudget(maximumPostings: 400, maximumCandidates: 10)
        let bounded = try lookup.matches(for: query, minimum: 1, maximum: .max)
        #expect(!lookup.lastSearchWasComplete)
        #expect(bounded.count <= 10 && !bounded.isEmpty)
        #expect(Set(bounded.map(\.unit)).isSubset(of: Set(full.map(\.unit))))
        // The candidates kept are those sharing the most words: the best match survives.
        #expect(bounded.first?.score == full.first?.score)
        // An ordinary lookup is within the same small budget, and complete.
        #expect(try lookup.matches(for: Self.corpus[7], minimum: 75).first?.score == 100)
        #expect(lookup.lastSearchWasComplete)
        // A caller that gives up stops the search between candidates.
        #expect(throws: LookupInterrupted.self) { try lookup.matches(for: query, minimum: 1, interrupted: { true }) }
    }

    @Test(arguments: TestStore.allCases) func exactMatchScoresOneHundredAndNearExactLoseAPointPerDifference(store: TestStore) throws {
        let memory = try memory(store, [
            try unit(["en": "Save the file", "ru": "Сохранить файл"]),
            try unit(["en": "save the file.", "ru": "сохранить файл."]),
            try unit(["en": "Save the {1}file{/1}", "ru": "Сохранить {1}файл{/1}"]),
            try unit(["en": "Save the 2 files", "ru": "Сохранить 2 файла"]),
            try unit(["en": "Close the file", "ru": "Закрыть файл"]),
        ])
        let lookup = try TMLookup(memory: memory, from: "en", to: "ru")
        let matches = try lookup.matches(for: "Save  the file", minimum: 60, maximum: 10)
        // "Save the 2 files": [save, the, #, files] against [save, the, file], d = 2 of 4 → 50,
        // minus one for the number: below 60.
        #expect(matches.map(\.target) == ["Сохранить файл", "Сохранить {1}файл{/1}", "сохранить файл.", "Закрыть файл"])
        #expect(matches.map(\.score) == [100, 99, 98, 66])
        #expect(matches[2].penalties == [.caseDifference, .punctuation])
        // A number differs: the words still align, and the number costs one point.
        let numbers = try lookup.matches(for: "Save the 3 files", minimum: 90, maximum: 10)
        #expect(numbers.map(\.score) == [99] && numbers[0].penalties == [.numbers] && numbers[0].diff.map(\.text) == ["2"])
    }

    @Test(arguments: TestStore.allCases) func everyLanguageDirectionOfTheTM(store: TestStore) throws {
        let url = Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv")
        let rows = String(decoding: try Fixtures.bytes(url), as: UTF8.self).split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
        let languages = ["en", "ru", "kk", "hy", "be"]
        let memory = try memory(store, try rows.map { row in try unit(Dictionary(uniqueKeysWithValues: zip(languages, row))) })
        let row = rows[7]
        for (from, to) in [("en", "ru"), ("ru", "en"), ("en", "kk"), ("ru", "kk"), ("hy", "be"), ("kk", "hy")] {
            let source = row[languages.firstIndex(of: from)!], target = row[languages.firstIndex(of: to)!]
            let lookup = try TMLookup(memory: memory, from: LanguageTag(from), to: LanguageTag(to))
            let exact = try lookup.matches(for: source, minimum: 100, maximum: 5)
            #expect(exact.first?.target == target && exact.first?.score == 100, "\(from)→\(to)")
            #expect(exact.first?.sourceLanguage == from && exact.first?.targetLanguage == to)
            // One word dropped from the source still finds the unit.
            let words = source.split(separator: " ")
            guard words.count > 3 else { continue }
            let fuzzy = try lookup.matches(for: words.dropLast().joined(separator: " "), minimum: 50, maximum: 5)
            #expect(fuzzy.contains { $0.target == target && $0.score < 100 }, "\(from)→\(to) fuzzy")
        }
    }

    @Test(arguments: TestStore.allCases) func regionalVariantsAreFoundFromTheLanguage(store: TestStore) throws {
        let memory = try memory(store, [try unit(["en-GB": "Colour settings of the organisation", "ru-RU": "Настройки цвета организации"])])
        let matches = try TMLookup(memory: memory, from: "en", to: "ru").matches(for: "Colour settings of the organisation")
        #expect(matches.map(\.score) == [100] && matches[0].sourceLanguage == "en-GB" && matches[0].targetLanguage == "ru-RU")
        #expect(try TMLookup(memory: memory, from: "en-US", to: "ru").matches(for: "Colour settings of the organisation").isEmpty)
    }

    @Test(arguments: TestStore.allCases) func equalScoresRankTheMostRecentFirstAndUnitsWithoutTranslationAreLeftOut(store: TestStore) throws {
        let older = Date(timeIntervalSince1970: 1_600_000_000), newer = Date(timeIntervalSince1970: 1_700_000_000)
        let memory = try memory(store, [
            try unit(["en": "The Council of Foreign Ministers met", "ru": "Совет министров иностранных дел собрался"], created: older),
            try unit(["en": "The Council of Defence Ministers met", "ru": "Совет министров обороны собрался"], created: newer),
            try unit(["en": "The Council of Interior Ministers met", "kk": "Ішкі істер министрлері кеңесі жиналды"], created: newer),
        ])
        let matches = try TMLookup(memory: memory, from: "en", to: "ru").matches(for: "The Council of Culture Ministers met", minimum: 50)
        #expect(matches.map(\.target) == ["Совет министров обороны собрался", "Совет министров иностранных дел собрался"])
        #expect(matches.map(\.score) == [83, 83])
        #expect(matches[0].diff == [TextSpan(start: 15, end: 22, text: "Defence")])
        #expect(matches[0].created?.hasPrefix("2023-11-14") == true)
    }

    @Test(arguments: TestStore.allCases) func idsLeftUnusedByDuplicatesMisleadNoLookup(store: TestStore) throws {
        // The second write ends with a duplicate the unique index turns away: its postings
        // name variant ids the third write then gives to other texts.
        let memory = try memory(store, [try unit(["en": "The Council of Foreign Ministers met in Minsk", "ru": "Совет министров собрался в Минске"])])
        _ = try memory.add([try unit(["en": "The parties discussed regional security", "ru": "Стороны обсудили безопасность"]),
                            try unit(["en": "The Council of Foreign Ministers met in Minsk", "ru": "Совет министров собрался в Минске"])])
        _ = try memory.add([try unit(["en": "Weather forecast for the weekend", "ru": "Прогноз погоды на выходные"])])
        let lookup = try TMLookup(memory: memory, from: "en", to: "ru")
        let council = try lookup.matches(for: "The Council of Foreign Ministers met in Minsk", minimum: 50, maximum: 10)
        #expect(council.map(\.unit) == [1] && council.map(\.score) == [100])
        let weather = try lookup.matches(for: "Weather forecast for the weekend", minimum: 50, maximum: 10)
        #expect(weather.map(\.target) == ["Прогноз погоды на выходные"] && weather.map(\.score) == [100])
        #expect(try lookup.matches(for: "Weather report for the weekend", minimum: 75).map(\.score) == [80])
    }

    @Test(arguments: TestStore.allCases) func aWordRepeatedHundredsOfTimesCountsEveryTime(store: TestStore) throws {
        // 300 × "yes" against 300 × "yes" + "no": d = 1 of 301 → 99. The candidate filter must
        // credit all 300 shared occurrences, not a capped count.
        let memory = try memory(store, [try unit(["en": Array(repeating: "yes", count: 300).joined(separator: " ") + " no", "ru": "да"])])
        let query = Array(repeating: "yes", count: 300).joined(separator: " ")
        #expect(try TMLookup(memory: memory, from: "en", to: "ru").matches(for: query, minimum: 99).map(\.score) == [99])
    }

    @Test func boundedDistanceAgreesWithTheFullOne() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<2000 {
            let a = (0..<Int.random(in: 0...12, using: &random)).map { _ in UInt32.random(in: 0...4, using: &random) }
            let b = (0..<Int.random(in: 0...12, using: &random)).map { _ in UInt32.random(in: 0...4, using: &random) }
            let full = MatchScorer.alignment(a.map(String.init), b.map(String.init)).distance
            for limit in 0...12 {
                #expect(FuzzyCandidates.distance(a, b, limit: limit) == (full <= limit ? full : nil))
            }
        }
    }
}
