import GlossaCore
import GlossaSegmentation
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaFormats

@Suite struct TabularReaderTests {
    let origin = ImportOrigin(document: "test")

    func read(_ text: String, _ dialect: TabularReader.Dialect = .tsv, file: String = "t.tsv") throws -> [TranslationUnit] {
        var units: [TranslationUnit] = []
        try TabularReader.read(SourceText(text: text, file: file), dialect: dialect, origin: origin) { unit, _ in units.append(unit) }
        return units
    }

    func error(_ text: String, _ dialect: TabularReader.Dialect = .tsv) -> String? {
        do { _ = try read(text, dialect); return nil } catch { return "\(error)" }
    }

    @Test func realCatalogTableInFiveLanguages() throws {
        let url = Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv")
        var units: [TranslationUnit] = []
        try TabularReader.read(SourceText(bytes: Fixtures.bytes(url), file: "gtk.tsv"), dialect: .tsv, origin: origin) { unit, _ in units.append(unit) }
        #expect(units.count == 27)
        #expect(units.allSatisfy { $0.variants.map(\.language.canonical) == ["en", "ru", "kk", "hy", "be"] })
        #expect(units[0].variant(in: "kk")?.text == "Ағымдағы буманы бетбелгілерге қосу")
        #expect(units.allSatisfy { $0.origin == "test" })
    }

    @Test func headerCanonicalizesAndNamesMetadataColumns() throws {
        let units = try read("ID\tEN_us\tru-ru\tNote\tcontext\nn1\tSecretary General\tГенеральный секретарь\tofficial\ttitle\r\nn2\tCSTO\t\t\t\n\n")
        #expect(units.count == 2)
        #expect(units[0].externalID == "n1")
        #expect(units[0].variants.map(\.language.canonical) == ["en-US", "ru-RU"])
        #expect(units[0].notes == ["official"])
        #expect(units[0].context == "title")
        #expect(units[1].variants.count == 1)  // an empty cell is no variant
    }

    @Test func csvQuotingAndMultilineCells() throws {
        let csv = "en,ru\n\"Dear colleagues, dear friends,\",\"Уважаемые коллеги, дорогие друзья,\"\n\"He said \"\"yes\"\"\nand left\",Он ушёл\n"
        let units = try read(csv, .csv)
        #expect(units.count == 2)
        #expect(units[0].variants.map(\.text) == ["Dear colleagues, dear friends,", "Уважаемые коллеги, дорогие друзья,"])
        #expect(units[1].variants[0].text == "He said \"yes\"\nand left")
    }

    @Test func csvWithSemicolonsAsExcelWritesItInRussian() throws {
        // The header tells the separator; commas in the cells are then text (decimal commas).
        let csv = "en;ru\r\nWeight: 1,5 kg;Вес: 1,5 кг\r\n\"Tea; coffee\";\"Чай; кофе\"\r\n"
        let units = try read(csv, .csv)
        #expect(units.map { $0.variants.map(\.text) } == [["Weight: 1,5 kg", "Вес: 1,5 кг"], ["Tea; coffee", "Чай; кофе"]])
        // With a comma in the header, semicolons are text.
        #expect(try read("en,ru\nA; B,А; Б\n", .csv).map { $0.variants.map(\.text) } == [["A; B", "А; Б"]])
    }

    @Test func errorsSayWhereAndWhat() {
        #expect(error("en\tru\nOne\tОдин\nTwo\tДва\tTres\n") == "t.tsv:3:9: expected 2 cells (en, ru), found 3")
        #expect(error("en\txx\n") == "t.tsv:1:4: header: unknown language tag 'xx': 'xx' is not a registered subtag")
        #expect(error("en\tEnglish\n") == "t.tsv:1:4: header: unknown language tag 'English': 'english' is not a registered subtag")
        #expect(error("en\tru RU\n") == "t.tsv:1:4: header: 'ru RU' is not a language tag (expected BCP-47 such as en, ru, en-US, zh-Hant)")
        #expect(error("en\tEN\n") == "t.tsv:1:4: header: language en appears twice")
        #expect(error("") == "t.tsv:1:1: empty file: expected a header row naming languages (en, ru, …)")
        #expect(error("en,ru\n\"open,x\n", .csv) == "t.tsv:2:1: unterminated quoted cell")
    }

    @Test func invalidUTF8IsReportedAtLineAndColumn() {
        var bytes = Array("en\tru\nCSTO\tОДКБ\nCSSC\tК".utf8)
        bytes += [0xD0]  // a lead byte with nothing after it
        do {
            _ = try SourceText(bytes: bytes, file: "t.tsv")
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.description == "t.tsv:3:7: invalid UTF-8 (byte 0xD0)")
        }
    }

    @Test func officeFilesAreNamedNotDecoded() {
        #expect(throws: InputError("a ZIP archive (a .docx, .xlsx, .odt or .pptx is one), not a text file: save it as text (or HTML, TSV, XLIFF) first",
                                   file: "news.docx", line: 1, column: 1)) {
            _ = try SourceText(bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], file: "news.docx")
        }
        #expect(throws: InputError.self) { _ = try SourceText(bytes: Array("%PDF-1.7\n".utf8), file: "news.pdf") }
    }

    @Test func utf16WithAByteOrderMarkIsRead() throws {
        // Excel's "Unicode Text" is UTF-16LE with a BOM, tab-separated; big-endian works too.
        let table = "en\tru\r\nCSTO\tОДКБ\r\nSecretary General 😀\tГенеральный секретарь\r\n"
        for bigEndian in [false, true] {
            var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            for unit in table.utf16 { bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            let source = try SourceText(bytes: bytes, file: "t.txt")
            #expect(source.text == table)
            var units: [TranslationUnit] = []
            try TabularReader.read(source, dialect: .tsv, origin: ImportOrigin(document: "t")) { unit, _ in units.append(unit) }
            #expect(units.map { $0.variants.map(\.text) } == [["CSTO", "ОДКБ"], ["Secretary General 😀", "Генеральный секретарь"]])
        }
        // A lone surrogate, and a last byte without its pair, are errors where they are.
        let surrogate: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00, 0x62, 0x00, 0x00, 0xD8, 0x63, 0x00]
        #expect(throws: InputError("invalid UTF-16 (an unpaired surrogate)", file: "t.txt", line: 2, column: 2)) {
            _ = try SourceText(bytes: surrogate, file: "t.txt")
        }
        #expect(throws: InputError("invalid UTF-16 (an odd number of bytes)", file: "t.txt", line: 1, column: 2)) {
            _ = try SourceText(bytes: [0xFF, 0xFE, 0x61, 0x00, 0x62], file: "t.txt")
        }
    }
}

@Suite struct ParallelAndDocumentReaderTests {
    let origin = ImportOrigin(document: "news")

    @Test func lineAlignedFiles() throws {
        let english = SourceText(text: "Dear colleagues,\n\nThank you for your attention.\n", file: "a.en")
        let russian = SourceText(text: "Уважаемые коллеги!\n\nБлагодарю за внимание.\n", file: "a.ru")
        var units: [TranslationUnit] = []
        try ParallelTextReader.read([(english, "en"), (russian, "ru")], origin: origin) { units.append($0) }
        #expect(units.map { $0.variants.map(\.text) } == [
            ["Dear colleagues,", "Уважаемые коллеги!"], ["Thank you for your attention.", "Благодарю за внимание."],
        ])
        #expect(units[1].properties == [Property("line", "3")])
    }

    @Test func lineCountMismatchNamesBothFiles() {
        let english = SourceText(text: "One\nTwo\nThree\n", file: "a.en")
        let russian = SourceText(text: "Один\nДва\n", file: "a.ru")
        #expect(throws: InputError("has 2 lines but a.en has 3; line-aligned files must have the same number of lines", file: "a.ru")) {
            try ParallelTextReader.read([(english, "en"), (russian, "ru")], origin: origin) { _ in }
        }
    }

    @Test func documentBecomesMonolingualSentences() throws {
        let bytes = try Fixtures.bytes(Fixtures.seedPage)
        var units: [TranslationUnit] = []
        try DocumentUnitReader.read(bytes: bytes, file: "seed.txt", format: .text,
                                    segmenter: SentenceSegmenter(language: "en"), origin: origin) { units.append($0) }
        // 50 distinct sentences; the two dates and "Dear Conference participants," occur twice.
        #expect(units.count == 53)
        #expect(units.allSatisfy { $0.variants.count == 1 && $0.variants[0].language == "en" })
        #expect(units[1].properties == [Property("line", "3")])
    }
}
