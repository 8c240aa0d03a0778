import GlossaCore
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaSegmentation

@Suite struct SentenceSegmenterTests {
    func sentences(_ text: String, _ language: LanguageTag) throws -> [String] {
        try SentenceSegmenter(language: language).sentences(in: text)
    }

    @Test func englishAbbreviationsICUDoesNotKnow() throws {
        #expect(try sentences("Dr. Smith met the delegation. They discussed e.g. Cyber Security. The U.S. Embassy sent No. 5 of the notes.", "en") == [
            "Dr. Smith met the delegation.",
            "They discussed e.g. Cyber Security.",
            "The U.S. Embassy sent No. 5 of the notes.",
        ])
    }

    @Test func russianAbbreviationsAndInitials() throws {
        let text = "Встреча прошла в г. Душанбе. Генеральный секретарь ОДКБ И. Тасмагамбетов выступил с докладом, т. е. с тезисами. Университет им. Ломоносова, ст. 5 Устава. Это мой друг. Он пришёл."
        #expect(try sentences(text, "ru") == [
            "Встреча прошла в г. Душанбе.",
            "Генеральный секретарь ОДКБ И. Тасмагамбетов выступил с докладом, т. е. с тезисами.",
            "Университет им. Ломоносова, ст. 5 Устава.",
            // "друг." ends in "г." but is a word, not the abbreviation: the sentence ends there.
            "Это мой друг.",
            "Он пришёл.",
        ])
    }

    @Test func armenianFullStop() throws {
        // Real Armenian from the GTK colour chooser (Debian's gtk20 catalog).
        let text = "Արտաքին օղակից ընտրե՛ք Ձեր ցանկացած գույնը։ Ընտրե՛ք այդ գույնի մգությունը կամ լուսավորությունը, կիրառելով ներսի եռանկյունը։"
        #expect(try sentences(text, "hy").count == 2)
        #expect(try sentences("Ձեր ընտրած գույնը։Այս միավորը", "hy") == ["Ձեր ընտրած գույնը։", "Այս միավորը"])
    }

    @Test(arguments: [
        ("ru", "Выберите желаемый цвет на внешнем круге. Выберите более тёмный или более светлый оттенок, используя внутренний треугольник."),
        ("kk", "Өіңізге керек түсті сыртқы шеңберден таңдаңыз. Ол түстің күңгірттігін не ашықтығын ішіндегі үшбұрыштан көрсетіңіз."),
        ("be", "У знадворным коле выберыце патрэбны колер. Пасля з дапамогай унутранага трохвугольніка вызначце цёмнасць колеру."),
    ])
    func realCatalogSentences(language: String, text: String) throws {
        let result = try sentences(text, LanguageTag(language))
        #expect(result.count == 2)
        #expect(result.joined(separator: " ") == text)
    }

    @Test func trimsAndDropsEmptyPieces() throws {
        #expect(try sentences("   ", "en").isEmpty)
        #expect(try sentences("", "en").isEmpty)
        #expect(try sentences("  Hello there.\u{00A0} Bye.  ", "en") == ["Hello there.", "Bye."])
    }
}

@Suite struct SRXTests {
    @Test func omegatDefaultRulesSelectedByLanguage() throws {
        let srx = try SRXDocument(file: Fixtures.omegatSRX.path)
        #expect(srx.cascade)
        let english = try srx.rules(for: "en-US")
        let russian = try srx.rules(for: "ru")
        let armenian = try srx.rules(for: "hy")
        // Cascade: English rules, then Default, Text and HTML for every language.
        #expect(english.count > armenian.count)
        #expect(russian.count > armenian.count)
        #expect(english.suffix(armenian.count) == armenian[...])
    }

    @Test func segmentsWithOmegatRules() throws {
        let srx = try SRXDocument(file: Fixtures.omegatSRX.path)
        let segmenter = try SentenceSegmenter(language: "en", srx: srx)
        #expect(segmenter.sentences(in: "Mr. Smith went to Washington. He arrived e.g. on Monday... and stayed. Did he? Yes!") == [
            "Mr. Smith went to Washington.", "He arrived e.g. on Monday... and stayed.", "Did he?", "Yes!",
        ])
    }

    @Test func orderedRulesAndNoCascade() throws {
        let srx = """
        <?xml version="1.0"?>
        <srx xmlns="http://www.lisa.org/srx20" version="2.0">
          <header cascade="no"/>
          <body>
            <languagerules>
              <languagerule languagerulename="Russian">
                <rule break="no"><beforebreak>\\sг\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
                <rule><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
              </languagerule>
              <languagerule languagerulename="Semicolon">
                <rule><beforebreak>;</beforebreak><afterbreak>\\s</afterbreak></rule>
              </languagerule>
            </languagerules>
            <maprules>
              <languagemap languagepattern="RU.*" languagerulename="Russian"/>
              <languagemap languagepattern=".*" languagerulename="Semicolon"/>
            </maprules>
          </body>
        </srx>
        """
        let document = try SRXDocument(bytes: Array(srx.utf8), file: "rules.srx")
        let russian = try SentenceSegmenter(language: "ru", srx: document)
        #expect(russian.sentences(in: "Это было в 1990 г. в Москве. Да; нет.") == ["Это было в 1990 г. в Москве.", "Да; нет."])
        // Without cascade only the first matching map entry applies; for English that is "Semicolon".
        let english = try SentenceSegmenter(language: "en", srx: document)
        #expect(english.sentences(in: "One. Two; three.") == ["One. Two;", "three."])
    }

    @Test func badRuleFilesAreErrorsWithPlace() throws {
        let undefined = #"<srx version="2.0"><header/><body><languagerules/><maprules><languagemap languagepattern=".*" languagerulename="Nope"/></maprules></body></srx>"#
        #expect(throws: InputError.self) { try SRXDocument(bytes: Array(undefined.utf8), file: "a.srx") }

        let badRegex = """
        <srx version="2.0"><header/><body><languagerules><languagerule languagerulename="X">
        <rule><beforebreak>([a-z</beforebreak></rule></languagerule></languagerules>
        <maprules><languagemap languagepattern=".*" languagerulename="X"/></maprules></body></srx>
        """
        let document = try SRXDocument(bytes: Array(badRegex.utf8), file: "b.srx")
        do {
            _ = try SentenceSegmenter(language: "en", srx: document)
            Issue.record("a broken pattern compiled")
        } catch let error as InputError {
            #expect(error.file == "b.srx")
            #expect(error.line == 2)
        }

        do {
            _ = try SRXDocument(bytes: Array("<srx><header></srx>".utf8), file: "c.srx")
            Issue.record("malformed XML parsed")
        } catch let error as InputError {
            #expect(error.description.hasPrefix("c.srx:1:"))
        }
    }
}
