import Foundation
import GlossaTestSupport
import Testing
@testable import GlossaText

/// The simple word rule must give exactly ICU's boundaries and statuses wherever it does not
/// hand the text to ICU: the fuzzy index, the scorer and concordance all cut text through it.
@Suite struct SimpleWordBreakTests {
    /// Checks one text; true when the simple rule took it, false when it left it to ICU.
    @discardableResult
    func agrees(_ text: String, _ iterator: BreakIterator) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            var simple: [BreakIterator.Boundary] = [], icu: [BreakIterator.Boundary] = []
            guard SimpleWordBreak.boundaries(in: utf8, into: &simple) else { return false }
            iterator.icuBoundaries(in: utf8, into: &icu)
            #expect(simple == icu, "\(String(decoding: utf8, as: UTF8.self).debugDescription)")
            return true
        }
    }

    @Test func agreesWithICUOnRealText() throws {
        let files: [(URL, String)] = [
            (Fixtures.seedPage, "en"), (Fixtures.file("lookup/corpus.en.txt"), "en"),
            (Fixtures.file("alignment/news.en-ru.ru.txt"), "ru"), (Fixtures.file("alignment/ui.en-ru.ru.txt"), "ru"),
            (Fixtures.file("alignment/ui.en-kk.kk.txt"), "kk"), (Fixtures.file("alignment/ui.en-be.be.txt"), "be"),
            (Fixtures.file("alignment/ui.en-hy.hy.txt"), "hy"), (Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv"), "ru"),
        ]
        var simple = 0, lines = 0
        for (url, locale) in files {
            let iterator = try BreakIterator(.word, locale: locale)
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                lines += 1
                if agrees(String(line), iterator) { simple += 1 }
            }
        }
        // Most lines of real text take the simple rule; the rest (numbers like 23.06.2025,
        // "CSTO's", Armenian) are ICU's.
        #expect(lines > 500 && simple * 2 > lines, "\(simple) of \(lines)")
    }

    @Test func agreesWithICUOnRandomTextAtTheEdgesOfTheRule() throws {
        // Letters of each admitted range and just outside it, digits, every joiner, spaces,
        // and characters the rule must leave to ICU (no-break space, soft hyphen, combining
        // titlo, thousands sign, Armenian, underscore, controls).
        let alphabet = ["a", "Z", "é", "ÿ", "ж", "Ѐ", "ҁ", "Ҋ", "Ӏ", "ԯ", "ɐ", "7", "0", " ", "  ", "'", ".", ",", ";", ":",
                        "’", "‘", "«", "»", "–", "—", "“", "”", "…", "-", "!", "(", "\"", "%", "_", "\u{00A0}", "\u{00AD}",
                        "×", "÷", "҂", "\u{0483}", "Ա", "\t", "\n", "\u{2018}", "\u{201A}", "\u{2019}s", "ª"]
        var random = SeededRandom(seed: 29)
        for locale in ["en", "ru", "kk", "be", "hy", "sv", "fi", "de"] {
            let iterator = try BreakIterator(.word, locale: locale)
            var simple = 0
            for _ in 0..<2000 {
                let text = (0..<Int.random(in: 1...8, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
                if agrees(text, iterator) { simple += 1 }
            }
            #expect(simple > 100, "\(locale): \(simple)")
        }
    }

    @Test func wordsNumbersAndPiecesAsICUReportsThem() throws {
        var boundaries: [BreakIterator.Boundary] = []
        var text = "Москва, 2025 — CSTO «ОДКБ»"
        let simple = text.withUTF8 { SimpleWordBreak.boundaries(in: $0, into: &boundaries) }
        #expect(simple)
        #expect(boundaries.map(\.status) == [200, 0, 0, 100, 0, 0, 0, 200, 0, 0, 200, 0])
        // Letters joined by an apostrophe, a number with a dot: ICU's to decide.
        for joined in ["CSTO's meeting", "23.06.2025", "a_b", "abc123"] {
            var joined = joined
            #expect(!joined.withUTF8 { SimpleWordBreak.boundaries(in: $0, into: &boundaries) })
        }
    }
}
