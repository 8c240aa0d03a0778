import Foundation
import GlossaCore
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaFormats

@Suite struct XLIFFReaderTests {
    func read(_ name: String) throws -> [TranslationUnit] {
        var units: [TranslationUnit] = []
        try XLIFFReader(origin: ImportOrigin(document: name)).read(file: Fixtures.file("xliff/\(name)").path, name: name) { unit, _ in units.append(unit) }
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
            .init(original: "bell.txt", segments: [.init(source: source, target: target, state: .initial)]),
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
}
