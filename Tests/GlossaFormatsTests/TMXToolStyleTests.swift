import Foundation
import GlossaCore
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaFormats

/// TMX as OmegaT, translate-toolkit, Okapi and Trados write it (fixtures in Tests/Fixtures/tmx).
@Suite struct TMXToolStyleTests {
    func read(_ name: String) throws -> (units: [TranslationUnit], header: TMXHeader) {
        var units: [TranslationUnit] = []
        let result = try TMXReader(origin: ImportOrigin(document: name))
            .read(file: Fixtures.file("tmx/\(name)").path, name: name) { unit, _ in units.append(unit) }
        return (units, result.header)
    }

    @Test func omegatProjectMemory() throws {
        let (units, header) = try read("omegat-project_save.tmx")
        #expect(header.attributes["o-tmf"] == "OmegaT TMX")
        #expect(units.count == 2)
        #expect(units[0].variants.map(\.language.canonical) == ["en-US", "ru-RU"])
        #expect(units[0].variants[1].changed == Stamp(date: Timestamp.parse("20250620T091500Z")!, author: "translator"))
        #expect(units[1].properties == [Property("file", "news/csto-news-2025-06.txt"), Property("id", "23.06.2025")])
        #expect(units[1].variants[1].created?.author == "translator")
        #expect(units[1].variants[1].changed?.author == "reviewer")
    }

    @Test func translateToolkitPo2tmx() throws {
        let (units, header) = try read("po2tmx.tmx")
        #expect(header.attributes["creationtool"] == "Translate Toolkit")
        #expect(units[0].context == "speech-opening")
        #expect(units[0].notes == [Note("Opening of the speech")])
        #expect(units[1].variant(in: "ru")?.text == "Благодарю за внимание")
    }

    @Test func okapiRainbow() throws {
        let (units, _) = try read("okapi.tmx")
        #expect(units.map(\.externalID) == ["csto-news_1_s1", "csto-news_2_s1"])
        #expect(units[0].properties.first == Property("Txt::FileName", "csto-news-2025-06.html"))
        #expect(units[0].variant(in: "ru-RU")?.text == "19 июня 2025 года в Чолпон-Ате состоялось очередное заседание {1}Комитета секретарей советов безопасности{/1} (КССБ).")
        #expect(units[1].variant(in: "en-US")?.text == "Go back{2/}")
        #expect(units[1].variant(in: "en-US")?.markup == #"Go back<ph x="2">&lt;br/&gt;</ph>"#)
    }

    @Test func tradosStudioUTF16() throws {
        let (units, header) = try read("trados-studio.tmx")
        #expect(header.attributes["o-tmf"] == "SDL TM8 Format")
        #expect(header.properties == [Property("x-Recognizers", "RecognizeAll"), Property("x-TMName", "CSTO en-ru")])
        let unit = try #require(units.first)
        #expect(unit.created == Stamp(date: Timestamp.parse("20250622T081500Z")!, author: #"CSTO\\translator"#))
        #expect(unit.properties == [Property("tmx:lastusagedate", "20250624T090000Z"), Property("tmx:usagecount", "4"),
                                    Property("x-Client:MultipleString", "CSTO")])
        #expect(unit.variant(in: "ru-RU")?.text == "Делегация {1}Объединённого штаба ОДКБ{/1} приняла участие в памятных мероприятиях.")
        #expect(unit.variant(in: "en-US")?.markup == #"A delegation of the <bpt i="1" type="1" x="1"></bpt>CSTO Joint Staff<ept i="1"></ept> took part in commemorative events."#)
    }
}
