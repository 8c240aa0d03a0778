import Foundation
import GlossaCore
import GlossaMemory
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaLookup

/// Full-text search over a real TM in several scripts, and the match bands of an analysis, on
/// both stores.
@Suite struct ConcordanceAndAnalysisTests {
    /// A TM in `store` holding a unit of each row's texts.
    func memory(_ store: TestStore, _ rows: [[String: String]]) throws -> any UnitStore {
        let memory = try store.makeMemory()
        try memory.add(try rows.map { row in
            TranslationUnit(variants: try row.sorted { $0.key < $1.key }.map { try Variant(language: LanguageTag($0.key), text: $0.value) })
        })
        return memory
    }

    func texts(_ hits: [ConcordanceHit]) -> [String] { hits.map(\.text) }

    @Test func queriesKeepTheirSyntaxAndNothingElse() throws {
        #expect(try ConcordanceQuery(parsing: "collective security").fullText.fts5Expression == #""collective" AND "security""#)
        #expect(try ConcordanceQuery(parsing: #""Joint Staff" secur*"#).fullText.fts5Expression == #""Joint Staff" AND "secur" *"#)
        // FTS5 operators and quotes in a word are text, not syntax.
        #expect(try ConcordanceQuery(parsing: #"NOT a"b OR"#).fullText.fts5Expression == #""NOT" AND "a""b" AND "OR""#)
        #expect(throws: InputError.self) { try ConcordanceQuery(parsing: "  \"\" ") }
    }

    @Test(arguments: TestStore.allCases) func wordsPhrasesAndPrefixesInEnglishAndRussian(store: TestStore) throws {
        let memory = try memory(store, [
            ["en": "The CSTO Joint Staff held a meeting.", "ru": "Объединённый штаб ОДКБ провёл совещание."],
            ["en": "Staff of the Joint Secretariat met.", "ru": "Сотрудники Объединённого секретариата встретились."],
            ["en": "Collective security is the Organization's aim.", "ru": "Коллективная безопасность — цель Организации."],
        ])
        let english = try Concordance(memory: memory, from: "en", to: "ru")
        // Words in any order, case-insensitive; the exact phrase ranks first, marked whole.
        let words = try english.search(ConcordanceQuery(parsing: "joint staff"))
        #expect(texts(words) == ["The CSTO Joint Staff held a meeting.", "Staff of the Joint Secretariat met."])
        #expect(words.map { $0.highlights.map(\.text) } == [["Joint Staff"], ["Staff", "Joint"]])
        let phrase = try english.search(ConcordanceQuery(parsing: #""joint staff""#))
        #expect(texts(phrase) == ["The CSTO Joint Staff held a meeting."])
        #expect(phrase[0].highlights.map(\.text) == ["Joint Staff"] && phrase[0].translation == "Объединённый штаб ОДКБ провёл совещание.")
        #expect(texts(try english.search(ConcordanceQuery(parsing: "secur*"))) == ["Collective security is the Organization's aim."])
        // Russian, inflected forms by prefix, with the English beside.
        let russian = try Concordance(memory: memory, from: "ru", to: "en")
        let hits = try russian.search(ConcordanceQuery(parsing: "объединённ*"))
        #expect(hits.map(\.translation) == ["Staff of the Joint Secretariat met.", "The CSTO Joint Staff held a meeting."])
        #expect(hits[1].highlights.map(\.text) == ["Объединённый"])
    }

    @Test(arguments: TestStore.allCases) func theExactPhraseFirstThenWordsCloseThenAnywhereStopWordsAside(store: TestStore) throws {
        // Stored oldest first: newest first would put them in the opposite order.
        let memory = try memory(store, [
            ["en": "The Committee of Secretaries of the Security Councils met in Minsk.", "ru": "Комитет секретарей советов безопасности собрался в Минске."],
            ["en": "Security Councils and their Secretaries met.", "ru": "Советы безопасности и их секретари встретились."],
            ["en": "Secretaries of the national Security Councils met.", "ru": "Секретари национальных советов безопасности встретились."],
            ["en": "The secretaries reviewed the plan; later, after a long debate about budgets and training, the security councils agreed.", "ru": "…"],
            ["en": "Of the many councils, none met.", "ru": "…"],
        ])
        let english = try Concordance(memory: memory, from: "en", to: "ru")
        let hits = try english.search(ConcordanceQuery(parsing: "Secretaries of the Security Councils"))
        // "of" and "the" are neither required nor ranked on: the fifth unit has them and
        // "councils" only, so it is no hit.
        #expect(texts(hits) == ["The Committee of Secretaries of the Security Councils met in Minsk.",
                                "Secretaries of the national Security Councils met.",
                                "Security Councils and their Secretaries met.",
                                "The secretaries reviewed the plan; later, after a long debate about budgets and training, the security councils agreed."])
        #expect(hits[0].highlights.map(\.text) == ["Secretaries of the Security Councils"])
        #expect(!hits[1].highlights.map(\.text).contains { ["of", "the"].contains($0.lowercased()) })
        // Pages cut the ranked list.
        #expect(texts(try english.search(ConcordanceQuery(parsing: "Secretaries of the Security Councils"), page: 2, pageSize: 3)) == [texts(hits)[3]])
    }

    /// Two different lower-case words whose `WordHash` numbers are equal: a birthday search
    /// through made-up words, a few tens of thousands of them.
    static let wordsSharingAHash: (String, String) = {
        var seen: [Int32: String] = [:]
        for number in 0... {
            var word = "", value = number
            repeat {
                word.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "a") + UInt8(value % 26)))
                value /= 26
            } while value > 0
            let hash = WordHash.of(word.utf8)
            if let other = seen[hash] { return (other, word) }
            seen[hash] = word
        }
        fatalError("unreachable: the numbers run out first")
    }()

    /// A database finds concordance candidates by word hashes; a word that only shares its
    /// hash with a stored word finds nothing.
    @Test(arguments: TestStore.allCases) func aWordSharingAStoredWordsHashFindsNothing(store: TestStore) throws {
        let (stored, asked) = Self.wordsSharingAHash
        #expect(stored != asked && WordHash.of(stored.utf8) == WordHash.of(asked.utf8))
        let memory = try memory(store, [["en": "The word \(stored) is stored.", "ru": "Слово хранится."]])
        let english = try Concordance(memory: memory, from: "en", to: "ru")
        #expect(try english.search(ConcordanceQuery(parsing: asked)).isEmpty)
        #expect(try english.search(ConcordanceQuery(parsing: "word \(asked)")).isEmpty)
        #expect(texts(try english.search(ConcordanceQuery(parsing: stored))) == ["The word \(stored) is stored."])
    }

    @Test(arguments: TestStore.allCases) func anApostropheFindsItsOtherSpellings(store: TestStore) throws {
        // The CSTO's pages write "Organization's" and "Organization’s"; Belarusian text has
        // сям'я, сям’я and сямʼя. Whichever a translator types finds them all.
        let memory = try memory(store, [
            ["en": "The Organization's area of responsibility.", "be": "Сям'я і дзяржава."],
            ["en": "In the Organization’s area of responsibility.", "be": "Сям’я і грамадства."],
            ["en": "Family and society.", "be": "Сямʼя і школа."],
        ])
        let english = try Concordance(memory: memory, from: "en", to: "be")
        for query in ["Organization's", "organization’s area", #""Organization’s area""#, "Organizationʼs"] {
            let hits = try english.search(ConcordanceQuery(parsing: query))
            #expect(hits.count == 2, "\(query)")
            // Marked as written (a phrase is marked whole).
            #expect(hits.map { $0.highlights.first?.text.prefix(14) } == ["Organization’s", "Organization's"], "\(query)")
        }
        let belarusian = try Concordance(memory: memory, from: "be", to: "en")
        #expect(try belarusian.search(ConcordanceQuery(parsing: "сям'я")).count == 3)
        #expect(try belarusian.search(ConcordanceQuery(parsing: "Сям’*")).count == 3)
        #expect(try ConcordanceQuery(parsing: "it's").fullText.fts5Expression == #"("it's" OR "it’s" OR "itʼs")"#)
    }

    /// Russian groups a number's digits with U+202F (one token in the index) or a no-break
    /// space (two): a query typed with ordinary spaces finds the number written any of these
    /// ways, and only whole groups are joined.
    @Test(arguments: TestStore.allCases) func aNumberTypedWithSpacesFindsItsGroupsWrittenAnyWay(store: TestStore) throws {
        let memory = try memory(store, [
            ["en": "The budget is 10,000 roubles.", "ru": "Бюджет составил 10\u{202F}000 рублей."],
            ["en": "It costs 20,000 roubles.", "ru": "Это стоит 20\u{00A0}000 рублей."],
            ["en": "Plainly 30,000 roubles.", "ru": "Всего 30 000 рублей."],
            ["en": "In 2025 there were 1000 guests.", "ru": "В 2025 году было 1000 гостей."],
        ])
        let russian = try Concordance(memory: memory, from: "ru", to: "en")
        for (query, expected) in [("10 000", "Бюджет составил 10\u{202F}000 рублей."), ("20 000", "Это стоит 20\u{00A0}000 рублей."),
                                  ("30 000", "Всего 30 000 рублей."), (#""10 000 рублей""#, "Бюджет составил 10\u{202F}000 рублей.")] {
            #expect(texts(try russian.search(ConcordanceQuery(parsing: query))) == [expected], "\(query)")
        }
        // The query's own U+202F is a number's, not a space between two words.
        #expect(texts(try russian.search(ConcordanceQuery(parsing: "10\u{202F}000"))).count == 1)
        // Groups of other lengths are words of their own.
        #expect(try ConcordanceQuery(parsing: "2025 1000").parts.count == 2)
        #expect(try ConcordanceQuery(parsing: "1 0000").parts.count == 2)
        #expect(try ConcordanceQuery(parsing: "1 000 000").parts.map(\.text) == ["1 000 000"])
    }

    @Test(arguments: TestStore.allCases) func chineseThaiArmenianAndAccentsAreCutIntoWords(store: TestStore) throws {
        let memory = try memory(store, [
            ["en": "Collective Security Treaty Organization", "zh": "集体安全条约组织", "hy": "Հավաքական անվտանգության պայմանագրի կազմակերպություն"],
            ["en": "The café in Yerevan", "zh": "埃里温的咖啡馆", "hy": "Երևանի սրճարանը"],
            ["en": "Security of the region", "th": "ความมั่นคงของภูมิภาค"],
        ])
        // Thai is written without spaces: the dictionary cuts ความมั่นคง out of the sentence.
        let thai = try Concordance(memory: memory, from: "th", to: "en").search(ConcordanceQuery(parsing: "ความมั่นคง"))
        #expect(thai.map(\.translation) == ["Security of the region"] && thai[0].highlights.map(\.text) == ["ความมั่นคง"])
        let chinese = try Concordance(memory: memory, from: "zh", to: "en").search(ConcordanceQuery(parsing: "安全"))
        #expect(chinese.map(\.translation) == ["Collective Security Treaty Organization"] && chinese[0].highlights.map(\.text) == ["安全"])
        // A Chinese word is not found inside another: 咖啡 is in 咖啡馆 only as dictionary words allow.
        #expect(try Concordance(memory: memory, from: "zh", to: "en").search(ConcordanceQuery(parsing: "条约")).count == 1)
        let armenian = try Concordance(memory: memory, from: "hy", to: "en").search(ConcordanceQuery(parsing: "ԱՆՎՏԱՆԳՈՒԹՅԱՆ"))
        #expect(armenian.map(\.translation) == ["Collective Security Treaty Organization"])
        #expect(try Concordance(memory: memory, from: "hy", to: "en").search(ConcordanceQuery(parsing: "Երևան*")).count == 1)
        // Case and width fold: CAFÉ and full-width ｃａｆé find café.
        let english = try Concordance(memory: memory, from: "en", to: "hy")
        #expect(texts(try english.search(ConcordanceQuery(parsing: "CAFÉ"))) == ["The café in Yerevan"])
        #expect(texts(try english.search(ConcordanceQuery(parsing: "ｃａｆé"))) == ["The café in Yerevan"])
        #expect(try english.search(ConcordanceQuery(parsing: "cafe")).isEmpty)  // accents are not folded away
    }

    @Test(arguments: TestStore.allCases) func pagesFollowEachOther(store: TestStore) throws {
        let memory = try memory(store, (1...7).map { ["en": "Meeting number \($0) of the Council", "ru": "Заседание номер \($0) Совета"] })
        let concordance = try Concordance(memory: memory, from: "en", to: "ru")
        let pages = try (1...4).map { try concordance.search(ConcordanceQuery(parsing: "council"), page: $0, pageSize: 3).map(\.unit) }
        #expect(pages == [[7, 6, 5], [4, 3, 2], [1], []])
    }

    @Test(arguments: TestStore.allCases) func analysisCountsSegmentsAndWordsPerBand(store: TestStore) throws {
        let memory = try memory(store, [
            ["en": "The Council of Foreign Ministers met in Minsk.", "ru": "Совет министров иностранных дел собрался в Минске."],
            ["en": "The parties discussed regional security.", "ru": "Стороны обсудили региональную безопасность."],
            ["en": "A joint statement was adopted by the heads of state.", "ru": "Главы государств приняли совместное заявление."],
        ])
        var analysis = try Analysis(lookup: TMLookup(memory: memory, from: "en", to: "ru"))
        let first = try analysis.add(file: "a.txt", segments: [
            "The Council of Foreign Ministers met in Minsk.",      // 100, 8 words
            "The council of foreign ministers met in Minsk",       // case and punctuation: 98, 8 words
            "The parties discussed regional cooperation.",         // 4/5 → 80, 5 words
            "A joint statement was adopted by the ministers.",     // 8 of 10 kept, d = 3 → 70, 8 words
            "Weather was fine.",                                    // no match, 3 words
            "The Council of Foreign Ministers met in Minsk.",      // repetition, 8 words
        ])
        func count(_ report: AnalysisReport, _ band: MatchBand) -> [Int] {
            let entry = report.bands.first { $0.band == band }!
            return [entry.segments, entry.words]
        }
        #expect(count(first, .exact) == [1, 8] && count(first, .high) == [1, 8] && count(first, .fair) == [1, 5])
        #expect(count(first, .low) == [1, 8] && count(first, .noMatch) == [1, 3] && count(first, .repetitions) == [1, 8])
        #expect(count(first, .good) == [0, 0] && first.segments == 6 && first.words == 40)
        // Repetitions reach across files, and the total adds the files up.
        let second = try analysis.add(file: "b.txt", segments: ["Weather was fine.", "The parties discussed regional security."])
        #expect(count(second, .repetitions) == [1, 3] && count(second, .exact) == [1, 5])
        #expect(analysis.total.segments == 8 && analysis.total.words == 48 && count(analysis.total, .repetitions) == [2, 11])
    }
}
