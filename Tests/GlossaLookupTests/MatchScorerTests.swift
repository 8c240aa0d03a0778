import GlossaLookup
import Testing

/// The fuzzy score on hand-computed cases (OmegaT's formula over word tokens, then penalties).
@Suite struct MatchScorerTests {
    let english = try! MatchScorer(language: "en")
    let russian = try! MatchScorer(language: "ru")

    @Test func identicalTextScoresOneHundred() {
        let match = english.score(query: "Open the file", candidate: "Open  the file")
        #expect(match.score == 100 && match.penalties.isEmpty && match.differences.isEmpty)
    }

    @Test func caseOnlyDifferenceCostsOnePoint() {
        let match = english.score(query: "The CSTO Secretariat", candidate: "the CSTO secretariat")
        #expect(match.base == 100 && match.score == 99 && match.penalties == [.caseDifference])
        #expect(russian.score(query: "Генеральный секретарь ОДКБ", candidate: "генеральный секретарь ОДКБ").score == 99)
    }

    @Test func punctuationOnlyDifferenceCostsOnePoint() {
        let match = english.score(query: "Open the file.", candidate: "Open the file")
        #expect(match.score == 99 && match.penalties == [.punctuation])
    }

    @Test func anApostropheWrittenAnotherWayIsPunctuationNotAWord() {
        // The CSTO's pages write both; Belarusian writes all three.
        let match = english.score(query: "in the Organization's area of responsibility", candidate: "in the Organization’s area of responsibility")
        #expect(match.base == 100 && match.score == 99 && match.penalties == [.punctuation] && match.differences.isEmpty)
        let belarusian = try! MatchScorer(language: "be")
        #expect(belarusian.score(query: "Сям'я і школа", candidate: "Сямʼя і школа").score == 99)
        #expect(belarusian.score(query: "Сям’я і школа", candidate: "Сям'я і школа").score == 99)
    }

    @Test func inlineCodesAreNotWordsButCount() {
        let match = english.score(query: "Click Save now", candidate: "Click {1}Save{/1} now")
        #expect(match.base == 100 && match.score == 99 && match.penalties == [.inlineCodes])
    }

    @Test func softwarePlaceholdersAreCodesNotWords() {
        // "%1" was a number word: 7 words against 6, two edits, 71 less the numbers point.
        let missing = english.score(query: "Could not open the requested file %1", candidate: "Could not open the selected file")
        #expect(missing.base == 83 && missing.score == 82 && missing.penalties == [.inlineCodes])
        // Only the placeholder differs (python-apt's catalog): no word difference, the codes' point.
        let other = english.score(query: "Downloading file %(current)li of %(total)li", candidate: "Downloading file %(current)d of %(total)d")
        #expect(other.base == 100 && other.score == 99 && other.penalties == [.inlineCodes] && other.differences.isEmpty)
        // The same placeholders cost nothing; printf's positions are codes too.
        #expect(english.score(query: "%1$s on %2$s now", candidate: "%1$s on %2$s today").penalties.isEmpty)
        #expect(russian.score(query: "Файл {name} сохранён", candidate: "Файл {path} сохранён").score == 99)
    }

    @Test func decomposedTextIsScoredInItsComposedForm() {
        // "é" written as e + U+0301: the placeholders must be found in the same (NFC) text as the words.
        let match = english.score(query: "Café save", candidate: "Cafe\u{0301} {1}save{/1}")
        #expect(match.base == 100 && match.score == 99 && match.penalties == [.inlineCodes])
    }

    @Test func numbersAlignAsOneTokenAndCostAPenalty() {
        // [meeting, on, #, june] both: d = 0 → 100, minus 1 for the different number, which is marked.
        let candidate = "Meeting on 20 June"
        let match = english.score(query: "Meeting on 19 June", candidate: candidate)
        #expect(match.base == 100 && match.score == 99 && match.penalties == [.numbers])
        #expect(match.differences.map { String(decoding: Array(candidate.utf8)[$0], as: UTF8.self) } == ["20"])
        // A number where the query has a word is a word difference like any other.
        #expect(english.score(query: "Meeting on Monday", candidate: "Meeting on 20").base == 66)
    }

    @Test func oneWordChangedInTen() {
        let query = "The Committee of Secretaries of the Security Councils met today"
        let candidate = "The Committee of Secretaries of the Security Councils met yesterday"
        let match = english.score(query: query, candidate: candidate)
        #expect(match.base == 90 && match.score == 90)
        let changed = try! #require(match.differences.first)
        let utf8 = Array(candidate.utf8)
        #expect(String(decoding: utf8[changed], as: UTF8.self) == "yesterday")
    }

    @Test func insertionsAndDeletionsUseTheLongerLength() {
        // 4 words against 5 with one inserted: d = 1, max = 5 → 80.
        #expect(english.score(query: "Save the current file", candidate: "Save the current open file").score == 80)
        // and the other way round
        #expect(english.score(query: "Save the current open file", candidate: "Save the current file").score == 80)
        let russianMatch = russian.score(query: "Заседание Совета коллективной безопасности",
                                         candidate: "Очередное заседание Совета коллективной безопасности")
        #expect(russianMatch.base == 80 && russianMatch.differences.count == 1)
    }

    @Test func unrelatedTextScoresLow() {
        #expect(english.score(query: "Open the file", candidate: "Close all windows").score == 0)
        #expect(english.score(query: "", candidate: "Close").score == 0)
    }
}
