import Foundation
import GlossaTestSupport
import Testing
@testable import GlossaText

/// Word boundaries through the simple rule, with ICU for the stretches it leaves, must be
/// exactly ICU's boundaries and statuses over the whole text: the fuzzy index, the scorer and
/// concordance all cut text through it.
@Suite struct SimpleWordBreakTests {
    /// Checks one text; returns how many of its bytes the simple rule left to ICU.
    @discardableResult
    func agrees(_ text: String, _ iterator: BreakIterator) -> Int {
        var text = text
        return text.withUTF8 { utf8 in
            var found: [BreakIterator.Boundary] = [], icu: [BreakIterator.Boundary] = []
            iterator.boundaries(in: utf8, into: &found)
            iterator.icuBoundaries(in: utf8, into: &icu)
            #expect(found == icu, "\(String(decoding: utf8, as: UTF8.self).debugDescription)")
            return leftToICU(utf8)
        }
    }

    /// The stretches of `utf8` the simple rule hands to ICU.
    func stretches(_ utf8: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var stretches: [Range<Int>] = [], ignored: [BreakIterator.Boundary] = []
        SimpleWordBreak.boundaries(in: utf8, into: &ignored) { stretch, _ in stretches.append(stretch) }
        return stretches
    }

    func leftToICU(_ utf8: UnsafeBufferPointer<UInt8>) -> Int { stretches(utf8).map(\.count).reduce(0, +) }

    @Test func agreesWithICUOnRealText() throws {
        let files: [(URL, String)] = [
            (Fixtures.seedPage, "en"), (Fixtures.file("lookup/corpus.en.txt"), "en"),
            (Fixtures.file("alignment/news.en-ru.ru.txt"), "ru"), (Fixtures.file("alignment/ui.en-ru.ru.txt"), "ru"),
            (Fixtures.file("alignment/ui.en-kk.kk.txt"), "kk"), (Fixtures.file("alignment/ui.en-be.be.txt"), "be"),
            (Fixtures.file("alignment/ui.en-hy.hy.txt"), "hy"), (Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv"), "ru"),
        ]
        var bytes = 0, icuBytes = 0, lines = 0, partly = 0
        for (url, locale) in files {
            let iterator = try BreakIterator(.word, locale: locale)
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                let left = agrees(String(line), iterator)
                lines += 1
                bytes += line.utf8.count
                icuBytes += left
                if left > 0 && left < line.utf8.count { partly += 1 }
            }
        }
        // ICU sees the Armenian text and the stretches around numbers like 23.06.2025,
        // "CSTO's" and tabs, and many lines are the simple rule's but for such a stretch.
        #expect(lines > 500 && icuBytes * 2 < bytes && partly * 10 > lines, "\(icuBytes) of \(bytes) bytes; \(partly) of \(lines) lines partly")
    }

    @Test func agreesWithICUOnRandomTextAtTheEdgesOfTheRule() throws {
        // Letters of each admitted range and just outside it, digits, every joiner, spaces,
        // and characters the rule must leave to ICU (no-break space, soft hyphen, combining
        // titlo and acute, thousands sign, Armenian, Thai and Chinese words, ideographic
        // space, zero-width joiner, underscore, controls).
        let alphabet = ["a", "Z", "é", "ÿ", "ж", "Ѐ", "ҁ", "Ҋ", "Ӏ", "ԯ", "ɐ", "7", "0", " ", "  ", "'", ".", ",", ";", ":",
                        "’", "‘", "«", "»", "–", "—", "“", "”", "…", "-", "!", "(", "\"", "%", "_", "\u{00A0}", "\u{00AD}",
                        "×", "÷", "҂", "\u{0483}", "\u{0301}", "Ա", "ภาษาไทย", "中文", "\u{3000}", "\u{200D}", "\t", "\n",
                        "\u{2018}", "\u{201A}", "\u{2019}s", "ª"]
        var random = SeededRandom(seed: 29)
        for locale in ["en", "ru", "kk", "be", "hy", "sv", "fi", "de", "th"] {
            let iterator = try BreakIterator(.word, locale: locale)
            var simple = 0, partly = 0
            for _ in 0..<2000 {
                let text = (0..<Int.random(in: 1...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
                let left = agrees(text, iterator)
                if left == 0 { simple += 1 } else if left < text.utf8.count { partly += 1 }
            }
            #expect(simple > 100 && partly > 100, "\(locale): \(simple) simple, \(partly) partly")
        }
    }

    @Test func agreesWithICUAroundEveryClassOfCharacter() throws {
        var random = SeededRandom(seed: 2026)
        for locale in ["en", "ru", "kk", "be", "hy", "ky", "tg", "sv", "th", "zh"] {
            let iterator = try BreakIterator(.word, locale: locale)
            for _ in 0..<3000 {
                agrees(TextSamples.randomText(using: &random), iterator)
            }
            // Each character between two words and beside one, alone.
            for character in TextSamples.everyClass {
                for text in ["a\(character)b", "a \(character) b", "10\(character)000", "я\(character)я", character] {
                    agrees(text, iterator)
                }
            }
        }
    }

    @Test func wordsNumbersAndPiecesAsICUReportsThem() throws {
        var boundaries: [BreakIterator.Boundary] = []
        var text = "Москва, 2025 — CSTO «ОДКБ»"
        let left = text.withUTF8 { utf8 in
            SimpleWordBreak.boundaries(in: utf8, into: &boundaries) { _, _ in }
            return leftToICU(utf8)
        }
        #expect(left == 0)
        #expect(boundaries.map(\.status) == [200, 0, 0, 100, 0, 0, 0, 200, 0, 0, 200, 0])
        // Letters joined by an apostrophe, a number with a dot, an underscore: ICU decides,
        // from the cut before to the cut after (spaces followed by a character of the rule).
        let cases: [(String, [Range<Int>])] = [
            ("CSTO's meeting", [0..<7]), ("on 23.06.2025 in Minsk", [3..<14]), ("a_b", [0..<3]),
            ("the abc123 and x'y z", [4..<11, 15..<19]), ("one  \u{0301}two three", [0..<11]),
        ]
        for (text, expected) in cases {
            var text = text
            #expect(text.withUTF8 { stretches($0) } == expected, "\(text)")
        }
    }
}
