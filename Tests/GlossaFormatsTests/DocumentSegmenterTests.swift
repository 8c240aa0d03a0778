import GlossaCore
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaFormats
import GlossaSegmentation

@Suite struct DocumentSegmenterTests {
    func segment(_ text: String, _ format: DocumentFormat, _ language: LanguageTag = "en") throws -> [SegmentedBlock] {
        try DocumentSegmenter(segmenter: SentenceSegmenter(language: language))
            .segment(bytes: Array(text.utf8), file: "doc", format: format)
    }

    @Test func seedPageDatesAndHeadlinesAreTheirOwnBlocks() throws {
        let bytes = try Fixtures.bytes(Fixtures.seedPage)
        let blocks = try DocumentSegmenter(segmenter: SentenceSegmenter(language: "en"))
            .segment(bytes: bytes, file: "seed.txt", format: .text)
        #expect(blocks[0].sentences.map(\.text) == ["23.06.2025"])
        #expect(blocks[1].sentences.first?.text.hasPrefix("On June 18-19, 2025, in Dushanbe") == true)
        #expect(blocks[1].sentences.count == 1)
        #expect(blocks[2].sentences.map(\.text) == ["23.06.2025"])
        let dates = blocks.filter { $0.sentences.count == 1 && $0.sentences[0].text.allSatisfy { $0.isNumber || $0 == "." } }
        #expect(dates.count == 4)
        // The no-break-space-only lines and blank lines yield no block and no empty sentence.
        #expect(blocks.allSatisfy { $0.sentences.allSatisfy { !$0.text.isEmpty } })
        #expect(blocks.last?.sentences.map(\.text) == ["Back to the all news"])
        let speech = blocks.first { $0.sentences.first?.text.hasPrefix("I would like to express") == true }
        #expect(speech?.sentences.count == 3)
        #expect(speech?.sentences[1].line == 34)
        #expect(speech?.sentences[1].column == 174)
    }

    @Test func plainTextPositionsCountCharacters() throws {
        let blocks = try segment("Первое. Второе.\r\n\n  Третье!", .text, "ru")
        #expect(blocks.map { $0.sentences.map(\.text) } == [["Первое.", "Второе."], ["Третье!"]])
        #expect(blocks[0].sentences[1].column == 9)
        #expect(blocks[1].sentences[0].line == 3)
        #expect(blocks[1].sentences[0].column == 3)
    }

    @Test func invalidUTF8IsAnErrorAtItsPlace() throws {
        var bytes = Array("Line one.\nSecond ".utf8)
        bytes.append(0xC3)
        bytes.append(0x28)
        do {
            _ = try DocumentSegmenter(segmenter: SentenceSegmenter(language: "en")).segment(bytes: bytes, file: "bad.txt", format: .text)
            Issue.record("invalid UTF-8 accepted")
        } catch let error as InputError {
            #expect(error.description == "bad.txt:2:8: invalid UTF-8 (byte 0xC3)")
        }
    }

    @Test func markdownBlocksAndInlineMarkup() throws {
        let markdown = """
        # The CSTO *Secretary General*

        On June 19, 2025, a regular meeting of the
        [Committee of Secretaries](https://odkb-csto.org/) was held. It was **chaired** by the `Kyrgyz` side.

        - First item. Second sentence.
        - Second item

        > Dear colleagues,
        > dear friends.

        ```
        code. Not. Text.
        ```

        | Term | Термин |
        |------|--------|
        | CSTO | ОДКБ |

        Setext heading
        --------------
        <!-- a comment. -->
        [ref]: https://example.org
        snake_case_name stays.
        """
        let blocks = try segment(markdown, .markdown)
        #expect(blocks.map(\.kind) == [.heading, .paragraph, .listItem, .listItem, .quote, .tableCell, .tableCell, .tableCell, .tableCell, .heading, .paragraph])
        #expect(blocks[0].sentences.map(\.text) == ["The CSTO Secretary General"])
        #expect(blocks[1].sentences.map(\.text) == [
            "On June 19, 2025, a regular meeting of the Committee of Secretaries was held.",
            "It was chaired by the Kyrgyz side.",
        ])
        #expect(blocks[2].sentences.map(\.text) == ["First item.", "Second sentence."])
        #expect(blocks[4].sentences.map(\.text) == ["Dear colleagues, dear friends."])
        #expect(blocks[5...8].map { $0.sentences[0].text } == ["Term", "Термин", "CSTO", "ОДКБ"])
        #expect(blocks[9].sentences[0].text == "Setext heading")
        #expect(blocks[10].sentences[0].text == "snake_case_name stays.")
        // "It was" starts on line 4, after the link's destination was dropped.
        let second = blocks[1].sentences[1]
        #expect(second.line == 4)
        #expect(second.column == 62)
        #expect(blocks[7].sentences[0].line == 18)
        #expect(blocks[7].sentences[0].column == 3)
    }

    @Test func htmlBlocksDropMarkupAndScripts() throws {
        let html = """
        <!DOCTYPE html>
        <html><head><title>CSTO news</title><style>p { color: red. }</style></head>
        <body>
        <h1>Meeting of the <b>CSSC</b></h1>
        <p>On June 19, 2025, a regular meeting
           was held. The Secretary General&nbsp;attended.</p>
        <ul><li>One<li>Two. Three.</ul>
        <script>var x = "Not. Text.";</script>
        <p>Line one<br>Line two</p>
        <div>Unclosed <i>inline
        </body></html>
        """
        let blocks = try segment(html, .html)
        #expect(blocks.map { $0.sentences.map(\.text) } == [
            ["CSTO news"],
            ["Meeting of the CSSC"],
            ["On June 19, 2025, a regular meeting was held.", "The Secretary General\u{00A0}attended."],
            ["One"], ["Two.", "Three."],
            ["Line one", "Line two"],
            ["Unclosed inline"],
        ])
        #expect(blocks.map(\.kind) == [.heading, .heading, .paragraph, .listItem, .listItem, .paragraph, .paragraph])
        #expect(blocks[2].sentences[0].line == 5)
        #expect(blocks[2].sentences[0].column == 4)
        #expect(blocks[2].sentences[1].line == 6)
        #expect(blocks[1].sentences[0].column == 5)
    }

    @Test func htmlCharsetIsUTF8UnlessTheDocumentSaysOtherwise() throws {
        let segmenter = DocumentSegmenter(segmenter: try SentenceSegmenter(language: "ru"))
        func sentences(_ bytes: [UInt8]) throws -> [String] {
            try segmenter.segment(bytes: bytes, file: "news.html", format: .html).flatMap { $0.sentences.map(\.text) }
        }
        // No declaration: UTF-8, not libxml2's HTML4 default of Latin-1.
        let undeclared = "<p>19 июня 2025 г. в г. Чолпон-Ата прошло заседание. Присутствовал И. Тасмагамбетов.</p>"
        #expect(try sentences(Array(undeclared.utf8)) == ["19 июня 2025 г. в г. Чолпон-Ата прошло заседание.", "Присутствовал И. Тасмагамбетов."])
        // Declared legacy charsets are honoured: windows-1251 and KOI8-R bytes of the same words.
        let cp1251: [UInt8] = [0xD1, 0xE5, 0xEA, 0xF0, 0xE5, 0xF2, 0xE0, 0xF0, 0xE8, 0xE0, 0xF2, 0x20, 0xCE, 0xC4, 0xCA, 0xC1, 0x2E]
        #expect(try sentences(Array(#"<html><head><meta charset="windows-1251"></head><body><p>"#.utf8) + cp1251 + Array("</p></body></html>".utf8))
                == ["Секретариат ОДКБ."])
        let koi8: [UInt8] = [0xF3, 0xC5, 0xCB, 0xD2, 0xC5, 0xD4, 0xC1, 0xD2, 0xC9, 0xC1, 0xD4, 0x20, 0xEF, 0xE4, 0xEB, 0xE2, 0x2E]
        let header = #"<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head><body><p>"#
        #expect(try sentences(Array(header.utf8) + koi8 + Array("</p></body></html>".utf8)) == ["Секретариат ОДКБ."])
    }
}
