import GlossaTerminology
import GlossaText
import Testing

/// The token automaton: word boundaries, morphology, case rules, longest matches.
@Suite struct TermMatcherTests {
    func termbase(_ terms: [(String, String, TermStatus?, TermType?)]) -> Termbase {
        Termbase(name: "test", concepts: terms.enumerated().map { index, term in
            Concept(id: "c\(index)", terms: [Term(term.0, language: try! LanguageTag(term.1), status: term.2, type: term.3)])
        })
    }

    func found(_ text: String, _ language: LanguageTag, in termbase: Termbase, longest: Bool = true) throws -> [String] {
        let scanner = try TermScanner(index: TermIndex(termbase: termbase, language: language))
        let matches = longest ? scanner.longestMatches(in: text) : scanner.matches(in: text)
        return matches.map { TermChecker.slice(text, $0) }
    }

    @Test func wordBoundariesComeFromICU() throws {
        let base = termbase([("form", "en", nil, nil)])
        #expect(try found("Fill in the format, then the form.", "en", in: base) == ["form"])
        #expect(try found("Reformed forms", "en", in: base) == ["forms"])
    }

    @Test func russianInflectionsMatchTheBaseForm() throws {
        let base = termbase([("Комитет секретарей советов безопасности", "ru", .preferred, .fullForm),
                             ("Кыргызстан", "ru", .admitted, .shortForm)])
        #expect(try found("заседание Комитета секретарей советов безопасности прошло", "ru", in: base)
            == ["Комитета секретарей советов безопасности"])
        // Snowball cuts the base form shorter than its inflections; both keys are indexed.
        #expect(try found("конференция в Кыргызстане и Кыргызстан", "ru", in: base) == ["Кыргызстане", "Кыргызстан"])
        #expect(try found("Комитет министров", "ru", in: base).isEmpty)
    }

    @Test func acronymsAreCaseSensitiveOthersAreNot() throws {
        let base = termbase([("CSTO", "en", .preferred, .acronym), ("Secretary General", "en", .preferred, nil)])
        #expect(try found("the CSTO's members", "en", in: base) == ["CSTO's"])
        #expect(try found("the csto and Csto", "en", in: base).isEmpty)
        #expect(try found("the secretary general spoke", "en", in: base) == ["secretary general"])
        // All capitals make a term case-sensitive even without a type.
        let plain = termbase([("ОДКБ", "ru", nil, nil)])
        #expect(try found("ОДКБ и одкб", "ru", in: plain) == ["ОДКБ"])
    }

    @Test func hyphenatedAndSpacedSpellingsAreDifferentTerms() throws {
        let base = termbase([("Secretary General", "en", .preferred, nil), ("Secretary-General", "en", .deprecated, nil)])
        let scanner = try TermScanner(index: TermIndex(termbase: base, language: "en"))
        let text = "The Secretary-General and the Secretary General; the Secretary‑General (U+2011)."
        let entries = scanner.longestMatches(in: text).map { scanner.index.entries[$0.entry].concept }
        #expect(entries == [1, 0, 1])
    }

    @Test func longestMatchWinsButNestedTermsAreStillSeen() throws {
        let base = termbase([("CSTO", "en", .preferred, .acronym), ("CSTO Secretariat", "en", .preferred, .fullForm)])
        #expect(try found("the CSTO Secretariat said", "en", in: base) == ["CSTO Secretariat"])
        #expect(try found("the CSTO Secretariat said", "en", in: base, longest: false) == ["CSTO Secretariat", "CSTO"])
    }

    @Test func stemMarkersServeLanguagesWithoutAStemmer() throws {
        let base = termbase([("Қазақстан| Республикасы", "kk", .preferred, .fullForm)])
        #expect(try found("Қазақстанның Республикасы", "kk", in: base) == ["Қазақстанның Республикасы"])
        #expect(try found("Қазақ Республикасы", "kk", in: base).isEmpty)
    }

    @Test func armenianAndChineseTextsAreTokenized() throws {
        let armenian = termbase([("ՀԱՊԿ", "hy", .preferred, .acronym)])
        #expect(try found("ՀԱՊԿ-ի անդամ երկրները", "hy", in: armenian) == ["ՀԱՊԿ"])
        let chinese = termbase([("组织", "zh", nil, nil)])
        #expect(try found("集体安全条约组织成立", "zh", in: chinese) == ["组织"])
    }

    @Test func manyTermsStillOnePass() throws {
        var concepts = (0..<5000).map { Concept(id: "g\($0)", terms: [Term("generated term \($0)", language: "en")]) }
        concepts.append(Concept(id: "cssc", terms: [Term("Committee of Secretaries of the Security Councils", language: "en")]))
        let scanner = try TermScanner(index: TermIndex(termbase: Termbase(name: "big", concepts: concepts), language: "en"))
        let text = "The Committee of Secretaries of the Security Councils met; generated term 4999 too."
        let hits = scanner.longestMatches(in: text).map { concepts[scanner.index.entries[$0.entry].concept].id }
        #expect(hits == ["cssc", "g4999"])
    }
}
