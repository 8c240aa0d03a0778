import Foundation
import GlossaCore
import GlossaTestSupport
import GlossaText
import GlossaXML
import Testing
@testable import GlossaFormats

@Suite struct XLIFFReaderTests {
    func read(_ name: String, includeUnconfirmed: Bool = false) throws -> [TranslationUnit] {
        var units: [TranslationUnit] = []
        try XLIFFReader(origin: ImportOrigin(document: name), includeUnconfirmed: includeUnconfirmed)
            .read(file: Fixtures.file("xliff/\(name)").path, name: name) { unit, _ in units.append(unit) }
        return units
    }

    @Test func xliff12TransUnitsAndSegSource() throws {
        // t1 carries an alt-trans suggestion after its target: neither its texts nor its
        // note are the unit's.
        let units = try read("news-1.2.xlf")
        #expect(units.map(\.externalID) == ["t1", "t2/1", "t2/2", "t3"])
        #expect(units[0].variants.map(\.language.canonical) == ["en-US", "ru-RU"])
        #expect(units[0].variant(in: "ru-RU")?.text == "Уважаемые коллеги, дорогие друзья, партнёры!")
        #expect(units[0].notes == [Note("Exclamation mark, as Russian addresses end.")])
        #expect(Set(units[0].properties) == [Property("xliff:approved", "yes"), Property("xliff:state", "final"),
                                             Property("xliff:original", "csto-news-2025-06.html")])
        #expect(units[1].variants.map(\.text) == ["The {1}CSTO Secretariat{/1} is ready to cooperate.", "{1}Секретариат ОДКБ{/1} готов к сотрудничеству."])
        #expect(units[2].variants.map(\.text) == ["Thank you.", "Спасибо."])
        #expect(units[3].variants.map(\.text) == ["CSTO"])
        #expect(units[3].properties.contains(Property("xliff:translate", "no")))
    }

    @Test func xliff20Segments() throws {
        let units = try read("news-2.0.xlf")
        #expect(units.map(\.externalID) == ["u1/s1", "u1/s2"])
        #expect(units[0].variant(in: "kk")?.text == "Ұжымдық қауіпсіздік туралы шарт ұйымы")
        #expect(units[0].notes == [Note("Official name of the organisation")])
        #expect(units[0].properties.contains(Property("xliff:state", "reviewed")))
        #expect(units[1].variants.map(\.text) == ["{1}CSTO{/1} press office{2/}"])
        #expect(units[1].properties.contains(Property("xliff:state", "initial")))
    }

    @Test func tradosSDLXLIFFSegmentsWithConfirmationLevelsAndCodes() throws {
        // The third segment is a Draft (an 85% TM match not yet confirmed): its target is
        // read only when unconfirmed targets are asked for.
        #expect(try read("csto-news.ru-RU.sdlxliff").map { $0.variants.count } == [2, 2, 1])
        let units = try read("csto-news.ru-RU.sdlxliff", includeUnconfirmed: true)
        #expect(units.map(\.externalID) == ["d6b0c0e2-1/1", "d6b0c0e2-2/2", "d6b0c0e2-2/3"])
        #expect(units.map { $0.properties.first { $0.name == "sdl:conf" }?.value } == ["ApprovedSignOff", "Translated", "Draft"])
        // Formatting around a phrase: a bpt/ept pair holding the native code the file's
        // tag-defs give for pt1; the x outside the segment mrk belongs to no segment.
        let english = try #require(units[0].variant(in: "en-US"))
        #expect(english.text.hasPrefix("The {1}CSTO Secretary General{/1} Imangali Tasmagambetov"))
        #expect(english.text.hasSuffix("in Kyrgyzstan"))
        #expect(english.markup?.hasPrefix(#"The <bpt i="1">&lt;cf bold=True&gt;</bpt>CSTO Secretary General<ept i="1">&lt;/cf&gt;</ept> Imangali"#) == true)
        #expect(units[0].variant(in: "ru-RU")?.markup?.hasPrefix(#"<bpt i="1">&lt;cf bold=True&gt;</bpt>Генеральный секретарь ОДКБ<ept i="1">&lt;/cf&gt;</ept>"#) == true)
        #expect(units[0].variant(in: "ru-RU")?.text.hasPrefix("{1}Генеральный секретарь ОДКБ{/1} Имангали") == true)
        // A comment mrk inside a segment keeps its text, and the segment goes on after it.
        #expect(units[2].variant(in: "en-US")?.text
            == "On June 19, 2025, a regular meeting of the Committee of Secretaries of the Security Councils (CSSC) was held.")
        #expect(units[2].variant(in: "en-US")?.markup == nil)
        // bx and ex without rid: codes whose partners the file does not name, isolated.
        let russian = try #require(units[2].variant(in: "ru-RU"))
        #expect(russian.text == "19 июня 2025 года состоялось очередное заседание {1}Комитета секретарей советов безопасности{/2} (КССБ).")
        #expect(russian.markup?.contains(#"<it pos="begin" x="1">&lt;bx id="b1"/&gt;</it>Комитета"#) == true)
        #expect(russian.markup?.contains(#"<it pos="end" x="2">&lt;ex id="e1"/&gt;</it> (КССБ)"#) == true)
    }

    @Test func inlineCodesBecomeTMXCodesThatReadBackAsTheSameText() throws {
        // Every kind of XLIFF code, 1.2 and 2.0: the markup is TMX level 2, and the TMX reader
        // derives from it the placeholders the XLIFF reader gave the text.
        let xliff12 = """
            <xliff version="1.2"><file source-language="en" target-language="ru"><body>
            <trans-unit id="a"><source>Press <bpt id="1">&lt;b&gt;</bpt>OK<ept id="1">&lt;/b&gt;</ept><ph id="2">&lt;br/&gt;</ph> \
            then <g id="3">save <x id="4"/>now</g><bx id="5" rid="r"/>all<ex id="6" rid="r"/><it id="7" pos="open">&lt;i&gt;</it>\
            <ph id="8">&lt;a title="<sub>Help &amp; more</sub>"/&gt;</ph> &amp; done.</source>
            <target>Нажмите <g id="3">сохранить</g><ept id="9">&lt;/u&gt;</ept>.</target></trans-unit>
            </body></file></xliff>
            """
        let xliff20 = """
            <xliff version="2.0" srcLang="en" trgLang="kk"><file id="f"><unit id="u">
            <segment id="1"><source><pc id="1">Bold</pc> <ph id="2"/><sc id="3"/>span<ec startRef="3"/> <sc id="4" isolated="yes"/>\
            open <sc id="5"/>across</source></segment>
            <segment id="2"><source>segments<ec startRef="5"/> <mrk id="m" type="term">CSTO</mrk></source></segment>
            </unit></file></xliff>
            """
        var units: [TranslationUnit] = []
        for (xml, name) in [(xliff12, "codes.xlf"), (xliff20, "codes2.xlf")] {
            try XLIFFReader(origin: ImportOrigin(document: name)).read(bytes: Array(xml.utf8), file: name) { unit, _ in units.append(unit) }
        }
        let variants = units.flatMap(\.variants)
        #expect(variants.map(\.text) == [
            "Press {1}OK{/1}{2/} then {3}save {4/}now{/3}{5}all{/5}{6}{7/} & done.",
            "Нажмите {1}сохранить{/1}{/2}.",
            "{1}Bold{/1} {2/}{3}span{/3} {4}open {5}across",
            "segments{/1} CSTO",
        ])
        #expect(variants[0].markup == #"Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept><ph x="2">&lt;br/&gt;</ph> then "#
            + #"<bpt i="3">&lt;g id="3"&gt;</bpt>save <ph x="4">&lt;x id="4"/&gt;</ph>now<ept i="3">&lt;/g&gt;</ept>"#
            + #"<bpt i="5">&lt;bx id="5" rid="r"/&gt;</bpt>all<ept i="5">&lt;ex id="6" rid="r"/&gt;</ept>"#
            + #"<it pos="begin" x="6">&lt;i&gt;</it><ph x="7">&lt;a title="<sub>Help &amp; more</sub>"/&gt;</ph> &amp; done."#)
        // An ept whose bpt is not in the text, and an sc whose ec is in the next segment: isolated.
        #expect(variants[1].markup?.contains(#"<it pos="end" x="2">&lt;/u&gt;</it>"#) == true)
        #expect(variants[2].markup?.hasSuffix(#"<it pos="begin" x="5">&lt;sc id="5"/&gt;</it>across"#) == true)
        #expect(variants[3].markup?.hasPrefix(#"segments<it pos="end" x="1">&lt;ec startRef="5"/&gt;</it>"#) == true)

        let tmx = "<tmx version=\"1.4\"><header srclang=\"*all*\"/><body>"
            + variants.map { "<tu><tuv xml:lang=\"\($0.language)\"><seg>\($0.markup ?? XMLEscape.text($0.text))</seg></tuv></tu>" }.joined()
            + "</body></tmx>"
        var again: [TranslationUnit] = []
        _ = try TMXReader(origin: ImportOrigin(document: "codes.tmx")).read(bytes: Array(tmx.utf8), file: "codes.tmx") { unit, _ in again.append(unit) }
        #expect(again.flatMap(\.variants).map(\.text) == variants.map(\.text))
        #expect(again.flatMap(\.variants).map(\.markup) == variants.map(\.markup))
    }

    @Test func twoPointOhCodesCarryTheirOriginalData() throws {
        // A 2.0 unit keeps its codes' native form in originalData: a TMX code then holds that
        // (the HTML the tool extracted), not the XLIFF tag that points at it.
        let xml = """
            <xliff version="2.0" srcLang="en" trgLang="ru"><file id="f"><unit id="u">
            <originalData><data id="d1">&lt;b&gt;</data><data id="d2">&lt;/b&gt;</data><data id="d3">&lt;br<cp hex="0009"/>/&gt;</data></originalData>
            <segment state="translated"><source><pc id="1" dataRefStart="d1" dataRefEnd="d2">CSTO</pc> Joint Staff<ph id="2" dataRef="d3"/></source>
            <target><pc id="1" dataRefStart="d1" dataRefEnd="d2">ОДКБ</pc>: Объединённый штаб<ph id="2" dataRef="d3"/><ph id="3"/></target></segment>
            </unit></file></xliff>
            """
        var units: [TranslationUnit] = []
        try XLIFFReader(origin: ImportOrigin(document: "d.xlf")).read(bytes: Array(xml.utf8), file: "d.xlf") { unit, _ in units.append(unit) }
        #expect(units.first?.variant(in: "en")?.text == "{1}CSTO{/1} Joint Staff{2/}")
        #expect(units.first?.variant(in: "en")?.markup == #"<bpt i="1">&lt;b&gt;</bpt>CSTO<ept i="1">&lt;/b&gt;</ept> Joint Staff<ph x="2">&lt;br\#t/&gt;</ph>"#)
        // A code without dataRef keeps its tag.
        #expect(units.first?.variant(in: "ru")?.markup?.hasSuffix(#"<ph x="3">&lt;ph id="3"/&gt;</ph>"#) == true)
    }

    @Test func targetsNotTranslatedYetAreNotTranslations() throws {
        // Each state that says a target is a suggestion still to be worked on, in 1.2 and 2.0;
        // an unsaid 2.0 state and a needs-review one are translations.
        let xliff12 = """
            <xliff version="1.2"><file source-language="en" target-language="ru"><body>
            <trans-unit id="1"><source>Joint Staff</source><target state="new">Объединённый штаб</target></trans-unit>
            <trans-unit id="2"><source>Secretariat</source><target state="needs-translation">Секретариат</target></trans-unit>
            <trans-unit id="3"><source>Council</source><target state="needs-review-translation">Совет</target></trans-unit>
            </body></file></xliff>
            """
        let xliff20 = """
            <xliff version="2.0" srcLang="en" trgLang="ru"><file id="f"><unit id="u" name="treaty.title">
            <segment id="1" state="initial"><source>Treaty</source><target>Договор</target></segment>
            <segment id="2"><source>Charter</source><target>Устав</target></segment>
            </unit></file></xliff>
            """
        func targets(includeUnconfirmed: Bool) throws -> [String?] {
            var units: [TranslationUnit] = []
            for xml in [xliff12, xliff20] {
                try XLIFFReader(origin: ImportOrigin(document: "x.xlf"), includeUnconfirmed: includeUnconfirmed)
                    .read(bytes: Array(xml.utf8), file: "x.xlf") { unit, _ in units.append(unit) }
            }
            return units.map { $0.variant(in: "ru")?.text }
        }
        #expect(try targets(includeUnconfirmed: false) == [nil, nil, "Совет", nil, "Устав"])
        #expect(try targets(includeUnconfirmed: true) == ["Объединённый штаб", "Секретариат", "Совет", "Договор", "Устав"])
        // The resource key of a 2.0 unit (name) is kept, as 1.2's resname is.
        var named: [TranslationUnit] = []
        try XLIFFReader(origin: ImportOrigin(document: "x.xlf")).read(bytes: Array(xliff20.utf8), file: "x.xlf") { unit, _ in named.append(unit) }
        #expect(named.allSatisfy { $0.properties.contains(Property("xliff:name", "treaty.title")) })
    }

    @Test func memoQAndPhraseTargetsShortOfConfirmedAreNotTranslations() throws {
        // memoQ (.mqxliff) statuses and Phrase (.mxliff) confirmation, as those tools write them.
        let memoQ = """
            <xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff" version="1.2">
            <file original="news.docx" source-language="en-gb" target-language="ru-ru" datatype="x-docx"><body>
            <trans-unit id="1" mq:status="NotStarted"><source>Joint Staff</source><target></target></trans-unit>
            <trans-unit id="2" mq:status="Pretranslated" mq:percent="100"><source>Secretariat</source><target>Секретариат</target></trans-unit>
            <trans-unit id="3" mq:status="PartiallyEdited"><source>Council</source><target>Совет</target></trans-unit>
            <trans-unit id="4" mq:status="ManuallyConfirmed"><source>Treaty</source><target>Договор</target></trans-unit>
            <trans-unit id="5" mq:status="Reviewer1Confirmed"><source>Charter</source><target>Устав</target></trans-unit>
            <trans-unit id="6" mq:status="Rejected"><source>Summit</source><target>Саммит</target></trans-unit>
            </body></file></xliff>
            """
        let phrase = """
            <xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:m="http://www.memsource.com/mxlf/2.0" version="1.2">
            <file original="news.html" source-language="en" target-language="ru" datatype="html"><body><group id="0">
            <trans-unit id="j:0" m:confirmed="0" m:trans-origin="mt" m:score="0.0"><source>Minister</source><target>Министр</target></trans-unit>
            <trans-unit id="j:1" m:confirmed="1" m:trans-origin="tm"><source>Ministers</source><target>Министры</target></trans-unit>
            </group></body></file></xliff>
            """
        func targets(_ xml: String, includeUnconfirmed: Bool) throws -> (texts: [String?], leftOut: Int) {
            var units: [TranslationUnit] = []
            let leftOut = try XLIFFReader(origin: ImportOrigin(document: "x.xlf"), includeUnconfirmed: includeUnconfirmed)
                .read(bytes: Array(xml.utf8), file: "x.xlf") { unit, _ in units.append(unit) }
            return (units.map { $0.variant(covering: "ru")?.text }, leftOut)
        }
        let confirmed = try targets(memoQ, includeUnconfirmed: false)
        // An empty target is no translation to leave out: three are counted.
        #expect(confirmed.texts == [nil, nil, nil, "Договор", "Устав", nil] && confirmed.leftOut == 3)
        #expect(try targets(memoQ, includeUnconfirmed: true).texts == [nil, "Секретариат", "Совет", "Договор", "Устав", "Саммит"])
        #expect(try targets(phrase, includeUnconfirmed: false).texts == [nil, "Министры"])
        #expect(try targets(phrase, includeUnconfirmed: true).texts == ["Министр", "Министры"])
    }

    @Test func theComplianceKitsXLIFFOneDotZero() throws {
        // The LISA kit's XLIFF 1.0 file: four units, white space and escapes exact, resname kept,
        // the alt-trans (the French a tool proposed) not taken for the target.
        var units: [TranslationUnit] = []
        try XLIFFReader(origin: ImportOrigin(document: "kit")).read(file: Fixtures.tmxKit.appendingPathComponent("ExportTest1E.xlf").path) { unit, _ in
            units.append(unit)
        }
        #expect(units.map { $0.properties.first { $0.name == "xliff:resname" }?.value } == ["id100", "id101", "id102", "id103"])
        #expect(units.map { $0.variant(in: "fr-CA")?.text } == units.map { $0.variant(in: "en-US")?.text })
        #expect(units[1].variant(in: "en-US")?.text == "Text with 1 tab [\t] and 2 [\t\t]")
        #expect(units[2].variant(in: "en-US")?.text == "<=lt, >=gt, &=amp, {=obrace, }=cbrace")
    }

    @Test func aGettextHeaderFromPo2xliffIsNotAUnit() throws {
        let units = try read("apt-po2xliff.ru.xlf")
        #expect(units.map(\.externalID) == ["3", "4"])
        // xml:space="preserve": the message's own spaces are its text.
        #expect(units[0].variants.map(\.text) == ["  Candidate: ", "  Кандидат: "])
        #expect(units[1].variants.map(\.language.canonical) == ["en-US", "ru"])
    }

    @Test func charactersXMLCannotHoldTravelAsCodePoints() throws {
        // A bell and a vertical tab in a sentence: XLIFF 2.0 writes them as <cp hex>, and
        // reading that back gives the characters, not placeholders.
        let source = "Press\u{7} the key.\u{B}Then wait.", target = "Нажмите\u{7} клавишу."
        let document = XLIFF2Document(sourceLanguage: "en", targetLanguage: "ru", files: [
            .init(original: "bell.txt", segments: [.init(source: source, target: target, state: .translated)]),
        ])
        let xml = document.rendered()
        #expect(xml.contains(#"<source>Press<cp hex="0007"/> the key.<cp hex="000B"/>Then wait.</source>"#))
        var units: [TranslationUnit] = []
        try XLIFFReader(origin: ImportOrigin(document: "bell.xlf")).read(bytes: Array(xml.utf8), file: "bell.xlf") { unit, _ in
            units.append(unit)
        }
        #expect(units.first?.variants.map(\.text) == [source, target])
    }

    @Test func notXLIFFIsAnError() {
        #expect(throws: InputError.self) {
            try XLIFFReader(origin: ImportOrigin(document: "x")).read(bytes: Array("<html/>".utf8), file: "x.xlf") { _, _ in }
        }
        #expect(throws: InputError.self) {
            try XLIFFReader(origin: ImportOrigin(document: "x")).read(bytes: Array("<xliff version=\"1.2\"><file source-language=\"english!\"/></xliff>".utf8), file: "x.xlf") { _, _ in }
        }
    }

    /// Units of an XLIFF document held in memory.
    func units(_ xml: String) throws -> [TranslationUnit] {
        var units: [TranslationUnit] = []
        try XLIFFReader(origin: ImportOrigin(document: "x")).read(bytes: Array(xml.utf8), file: "x.xlf") { unit, _ in units.append(unit) }
        return units
    }

    @Test func nestingIsBoundedWithAClearError() throws {
        func nested(_ depth: Int) -> String {
            """
            <xliff version="1.2"><file source-language="en" target-language="ru" datatype="plaintext" original="x"><body>
            <trans-unit id="1"><source>\(String(repeating: "<g id=\"1\">", count: depth))CSTO\(String(repeating: "</g>", count: depth))</source></trans-unit>
            </body></file></xliff>
            """
        }
        // A hundred thousand levels took quadratic time; now the first level past the limit stops the read.
        let start = Date()
        do {
            _ = try units(nested(100_000))
            Issue.record("100,000 nested codes read")
        } catch let error as InputError {
            #expect(error.message == "elements nested more than 1000 deep (<g> here): no TMX, XLIFF or TBX file nests so")
            #expect(error.file == "x.xlf" && error.line == 2)
        }
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(try units(nested(900)).count == 1)
    }

    @Test func aVersionMissingIsTakenFromTheNamespace() throws {
        // XLIFF 1.2 requires version; tools that leave it out still name the version in the namespace.
        let units = try units("""
            <xliff xmlns="urn:oasis:names:tc:xliff:document:1.2">
            <file source-language="en" target-language="ru" datatype="plaintext" original="news">
            <body><trans-unit id="1"><source>Thank you.</source><target>Спасибо.</target></trans-unit></body></file></xliff>
            """)
        #expect(units.map { $0.variants.map(\.text) } == [["Thank you.", "Спасибо."]])
        #expect(units.first?.sourceLanguage == "en")
        // With neither version nor namespace it is no XLIFF Glossa can read.
        #expect(throws: InputError("not an XLIFF file (no <xliff> root with a version)", file: "x.xlf", line: 1, column: 1)) {
            _ = try self.units("<xliff><file source-language=\"en\"/></xliff>")
        }
    }

    @Test func aMissingSourceLanguageIsReportedWhereTheFileBegins() throws {
        #expect(throws: InputError("no source language (srcLang or source-language)", file: "x.xlf", line: 2, column: 27)) {
            _ = try self.units("""
                <xliff version="1.2">
                <file datatype="plaintext"><body>
                <trans-unit id="1"><source>Thank you.</source></trans-unit>
                </body></file></xliff>
                """)
        }
    }
}
