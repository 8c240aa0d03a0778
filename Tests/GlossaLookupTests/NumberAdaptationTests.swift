import Foundation
import GlossaCore
import GlossaMemory
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaLookup

/// A match that differs from the query only in numbers gets the query's numbers in its
/// translation, on the CSTO's news (dates, counts) and in scripts with digits of their own.
@Suite struct NumberAdaptationTests {
    let english = try! MatchTokenizer(language: "en"), russian = try! MatchTokenizer(language: "ru")

    func adapt(_ target: String, source: String, query: String, language: MatchTokenizer? = nil) -> String? {
        NumberAdaptation.adapt(target: target, tokens: (language ?? russian).tokens(of: target),
                               source: english.tokens(of: source), query: english.tokens(of: query))
    }

    @Test func theQuerysNumbersTakeTheStoredOnesPlaces() {
        #expect(adapt("19 июня 2025 года в Чолпон-Ате состоялось заседание.", source: "On June 19, 2025, a meeting was held in Cholpon-Ata.",
                      query: "On June 20, 2025, a meeting was held in Cholpon-Ata.") == "20 июня 2025 года в Чолпон-Ате состоялось заседание.")
        // A date written the same way is one number; the translation's separators stay its own.
        #expect(adapt("19.06.2025", source: "19.06.2025", query: "23.06.2025") == "23.06.2025")
        #expect(adapt("Встреча 19/06/2025", source: "Meeting of 19.06.2025", query: "Meeting of 23.06.2025") == "Встреча 23/06/2025")
        // Grouped otherwise in the translation ("1 000" with a no-break space is one number).
        #expect(adapt("Участвовали 1\u{00A0}000 военнослужащих.", source: "1,000 servicemen took part.", query: "2,500 servicemen took part.")
                == "Участвовали 2\u{00A0}500 военнослужащих.")
        // Numbers the query keeps claim their places first; the changed one is the other.
        #expect(adapt("5 и 5 подразделений", source: "5 and 5 units", query: "5 and 7 units") == "5 и 7 подразделений")
        // Digits of the translation's own script keep it.
        let arabic = try! MatchTokenizer(language: "ar")
        #expect(adapt("الاجتماع ١٩ يونيو", source: "Meeting on 19 June", query: "Meeting on 23 June", language: arabic) == "الاجتماع ٢٣ يونيو")
    }

    @Test func aNumberThatCannotBePlacedLeavesTheTranslationAsItIs() {
        // The translation writes the month as a word: nothing to put 7 in.
        #expect(adapt("Заседание в июне", source: "Meeting in month 6", query: "Meeting in month 7") == nil)
        // Another count of digits cannot be placed in another grouping.
        #expect(adapt("Участвовали 1\u{00A0}000 человек.", source: "1,000 people took part.", query: "12,500 people took part.") == nil)
        #expect(adapt("Без изменений 5", source: "Unchanged 5", query: "Unchanged 5") == nil)
    }

    @Test(arguments: TestStore.allCases) func aLookupAdaptsItsNumbersAndSaysSo(store: TestStore) throws {
        let memory = try store.makeMemory()
        try memory.add([TranslationUnit(variants: [
            Variant(language: "en", text: "On June 19, 2025, a regular meeting of the Committee of Secretaries of the Security Councils was held in Cholpon-Ata."),
            Variant(language: "ru", text: "19 июня 2025 года в Чолпон-Ате состоялось очередное заседание Комитета секретарей советов безопасности."),
        ])])
        let lookup = try TMLookup(memory: memory, from: "en", to: "ru")
        let match = try #require(try lookup.matches(
            for: "On June 26, 2024, a regular meeting of the Committee of Secretaries of the Security Councils was held in Cholpon-Ata.").first)
        #expect(match.score == 99 && match.penalties == [.numbers] && match.adapted)
        #expect(match.target == "26 июня 2024 года в Чолпон-Ате состоялось очередное заседание Комитета секретарей советов безопасности.")
        #expect(match.storedTarget == "19 июня 2025 года в Чолпон-Ате состоялось очередное заседание Комитета секретарей советов безопасности.")
        // A word changed too: no adaptation, the stored translation shown.
        let other = try #require(try lookup.matches(
            for: "On June 26, 2024, an extraordinary meeting of the Committee of Secretaries of the Security Councils was held in Cholpon-Ata.").first)
        #expect(!other.adapted && other.storedTarget == nil && other.target.hasPrefix("19 июня 2025"))
    }
}
