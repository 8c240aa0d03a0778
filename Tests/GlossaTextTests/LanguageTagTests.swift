import Testing
@testable import GlossaText

@Suite struct LanguageTagTests {
    @Test(arguments: [
        ("en", "en"), ("en_US", "en-US"), ("EN-US", "en-US"), ("en-us", "en-US"),
        ("ru", "ru"), ("RU_ru", "ru-RU"), ("kk-KZ", "kk-KZ"), ("hy", "hy"), ("be-BY", "be-BY"),
        ("ky", "ky"), ("tg", "tg"), ("zh_hant_tw", "zh-Hant-TW"), ("sr-latn", "sr-Latn"),
        ("es-419", "es-419"), ("qaa", "qaa"),
        // Codes ICU's own list leaves out as aliases, though IANA registers them.
        ("tl", "tl"), ("tl_PH", "tl-PH"), ("sh", "sh"),
    ])
    func canonicalizes(raw: String, canonical: String) throws {
        #expect(try LanguageTag(raw).canonical == canonical)
    }

    @Test(arguments: ["", "english", "en--US", "e", "en US", "ру", "12", "en-", "-en", "en-US-"])
    func rejectsMalformed(raw: String) {
        #expect(throws: TextError.self) { try LanguageTag(raw) }
    }

    @Test(arguments: ["xx", "zz-US", "en-QQ", "en-Abcd"])
    func rejectsUnregistered(raw: String) {
        do {
            _ = try LanguageTag(raw)
            Issue.record("\(raw) was accepted")
        } catch {
            guard case .unknownLanguageTag = error else { Issue.record("\(error)"); return }
        }
    }

    @Test func primaryLanguageAndOrdering() throws {
        // Variables, not literals: a literal would pick the non-throwing literal initializer.
        let british = "en_GB", russian = "ru", upper = "EN"
        #expect(try LanguageTag(british).language == "en")
        #expect(try LanguageTag(russian) > LanguageTag("en"))
        #expect(try LanguageTag(upper) == LanguageTag("en"))
    }

    @Test func aBareLanguageCoversItsRegionalForms() throws {
        let english: LanguageTag = "en", british: LanguageTag = "en-GB", chinese: LanguageTag = "zh"
        #expect(english.covers("en") && english.covers("en-GB") && english.covers(british))
        #expect(!english.covers("eng") && !english.covers("enx-GB") && !english.covers("ru"))
        // A regional tag covers itself only.
        #expect(british.covers("en-GB") && !british.covers("en") && !british.covers("en-US"))
        #expect(chinese.covers("zh-Hant-TW"))
    }
}

@Suite struct WordBreakerTests {
    @Test func englishWordsAndNumbers() throws {
        let breaker = try WordBreaker(locale: "en")
        let tokens = breaker.tokens(in: "On June 18-19, 2025, the CSTO's meeting")
        #expect(tokens.filter { $0.kind == .word }.map(\.text) == ["On", "June", "the", "CSTO's", "meeting"])
        #expect(tokens.filter { $0.kind == .number }.map(\.text) == ["18", "19", "2025"])
        #expect(tokens.contains { $0.text == "," && $0.kind == .other })
    }

    @Test func offsetsAreUTF8() throws {
        let text = "ОДКБ и CSTO"
        let tokens = try WordBreaker(locale: "ru").tokens(in: text)
        let bytes = Array(text.utf8)
        for token in tokens {
            #expect(String(decoding: bytes[token.start..<token.end], as: UTF8.self) == token.text)
        }
        #expect(tokens.map(\.text) == ["ОДКБ", "и", "CSTO"])
    }

    @Test func dictionaryBasedForChineseAndThai() throws {
        let chinese = try WordBreaker(locale: "zh").words(in: "集体安全条约组织秘书长")
        #expect(chinese.count >= 3)
        #expect(chinese.joined() == "集体安全条约组织秘书长")
        let thai = try WordBreaker(locale: "th").words(in: "สวัสดีครับ")
        #expect(thai.count == 2)
    }

    @Test func armenianAndKazakhWords() throws {
        let breaker = try WordBreaker()
        #expect(breaker.words(in: "Արտաքին օղակից Ձեր ցանկացած գույնը։") == ["Արտաքին", "օղակից", "Ձեր", "ցանկացած", "գույնը"])
        #expect(breaker.words(in: "Ұжымдық қауіпсіздік туралы шарт ұйымы") == ["Ұжымдық", "қауіпсіздік", "туралы", "шарт", "ұйымы"])
    }

    @Test func spacesOnlyWhenAsked() throws {
        let breaker = try WordBreaker()
        #expect(breaker.tokens(in: "a  b").count == 2)
        #expect(breaker.tokens(in: "a  b", includeSpaces: true).count == 3)
        #expect(breaker.tokens(in: "").isEmpty)
    }
}

@Suite struct ICURegexTests {
    @Test func findsMatchesWithUTF8Offsets() throws {
        let regex = try ICURegex(#"[\.\?\!]+"#)
        var text = "Привет! Как дела?! Хорошо."
        let ranges = text.withUTF8 { bytes -> [Range<Int>] in
            regex.setSubject(bytes)
            return regex.matchRanges()
        }
        let bytes = Array(text.utf8)
        #expect(ranges.map { String(decoding: bytes[$0], as: UTF8.self) } == ["!", "?!", "."])
    }

    @Test func matchesAtSeesLookBehind() throws {
        let regex = try ICURegex(#"(?<=г\.)\s+\p{Lu}"#)
        var text = "в г. Душанбе"
        let offset = Array("в г.".utf8).count
        let (atBreak, elsewhere) = text.withUTF8 { bytes in
            regex.setSubject(bytes)
            return (regex.matches(at: offset), regex.matches(at: 0))
        }
        #expect(atBreak)
        #expect(!elsewhere)
    }

    @Test func caseInsensitiveWholeMatchAndErrors() throws {
        #expect(try ICURegex("EN.*", caseInsensitive: true).matchesWhole("en-US"))
        #expect(try !ICURegex("EN.*").matchesWhole("en-US"))
        #expect(throws: TextError.self) { try ICURegex("([a-z]") }
    }
}

@Suite struct LanguageTagCacheTests {
    @Test func cachedTagsStayCanonicalAndErrorsStayErrors() throws {
        for _ in 0..<3 {
            let raw = "EN_us"
            #expect(try LanguageTag(raw).canonical == "en-US")
            let bad = "xx-QQ"
            #expect(throws: TextError.self) { try LanguageTag(bad) }
        }
    }
}
