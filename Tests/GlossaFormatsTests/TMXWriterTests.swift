import Foundation
import GlossaCore
import GlossaTestSupport
import GlossaText
import GlossaXML
import Testing
@testable import GlossaFormats

@Suite struct TMXWriterTests {
    let folder: URL
    init() throws { folder = try Fixtures.temporaryDirectory() }

    /// Reads a TMX file without stamping units, so what comes back is only what the file holds.
    func read(_ url: URL) throws -> [TranslationUnit] {
        var units: [TranslationUnit] = []
        _ = try TMXReader(origin: ImportOrigin(document: url.lastPathComponent)).read(file: url.path) { unit, _ in units.append(unit) }
        return units
    }

    func write(_ units: [TranslationUnit], options: TMXWriter.Options = .init(), to name: String = "out.tmx") throws -> URL {
        let url = folder.appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        let writer = TMXWriter(output: handle, options: options)
        try writer.writeHeader(created: Timestamp.parse("20251129T120000Z")!)
        for unit in units { try writer.write(unit) }
        try writer.finish()
        try handle.close()
        return url
    }

    @Test func complianceKitRoundTripsWithEveryFieldAndCode() throws {
        for file in try Fixtures.tmxKitFiles() {
            let original = try read(file)
            let exported = try write(original, to: file.lastPathComponent)
            let validation = try Fixtures.validateTMX(exported)
            #expect(validation.status == 0, "\(file.lastPathComponent): \(validation.output)")
            let again = try read(exported)
            // Every variant comes back, in the order read, but for the source's written first.
            #expect(again == original.map(sourceFirst), "\(file.lastPathComponent)")
        }
    }

    /// `unit` with its source language's variant moved first, as TMX export writes it.
    private func sourceFirst(_ unit: TranslationUnit) -> TranslationUnit {
        var unit = unit
        if let source = unit.sourceLanguage, let index = unit.variants.firstIndex(where: { $0.language == source }) {
            unit.variants.insert(unit.variants.remove(at: index), at: 0)
        }
        return unit
    }

    @Test func everyStoredFieldSurvives() throws {
        let date = Timestamp.parse("20250619T101500Z")!
        let unit = TranslationUnit(
            externalID: "csto-42",
            variants: [
                Variant(language: "en", text: "The {1}CSTO{/1} Secretary General",
                        markup: #"The <bpt i="1">&lt;b&gt;</bpt>CSTO<ept i="1">&lt;/b&gt;</ept> Secretary General"#,
                        created: Stamp(date: date, author: "editor"), notes: [Note("title", language: "en")],
                        properties: [Property("tmx:xml:lang", "EN"), Property("tmx:usagecount", "2"), Property("x-state", "final")]),
                Variant(language: "ru", text: "Генеральный секретарь {1}ОДКБ{/1}",
                        markup: #"Генеральный секретарь <bpt i="1">&lt;b&gt;</bpt>ОДКБ<ept i="1">&lt;/b&gt;</ept>"#,
                        changed: Stamp(date: date, author: "reviewer")),
            ],
            origin: "csto-news-2025-06.txt", context: "headline",
            created: Stamp(date: date, author: "editor"), changed: Stamp(date: date.addingTimeInterval(60), author: nil),
            notes: [Note("Official title"), Note("заметка", language: "ru")],
            properties: [Property("tmx:segtype", "phrase"), Property("tmx:segtype-bad", "x"), Property("tmx:segtype", "chapter"),
                         Property("tmx:segtype", "block"), Property("file", "news/2025-06.txt", language: "en")])
        let url = try write([unit])
        #expect(try Fixtures.validateTMX(url).status == 0)
        let back = try read(url)
        // Properties the DTD cannot take as attributes come back as props, in a stable order.
        var expected = unit
        expected.properties = [Property("tmx:segtype", "phrase"), Property("tmx:segtype-bad", "x"), Property("tmx:segtype", "chapter"),
                               Property("tmx:segtype", "block"), Property("file", "news/2025-06.txt", language: "en")]
        #expect(back.count == 1)
        #expect(back.first?.variants == expected.variants)
        #expect(back.first?.externalID == "csto-42")
        #expect(back.first?.origin == "csto-news-2025-06.txt")
        #expect(back.first?.context == "headline")
        #expect(back.first?.created == unit.created)
        #expect(back.first?.changed == unit.changed)
        #expect(back.first?.notes == unit.notes)
        #expect(Set(back.first?.properties ?? []) == Set(expected.properties))
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(#"<tu tuid="csto-42" creationdate="20250619T101500Z" creationid="editor" changedate="20250619T101600Z" segtype="phrase">"#))
        #expect(text.contains(#"<tuv xml:lang="EN" creationdate="20250619T101500Z" creationid="editor" usagecount="2">"#))
    }

    @Test func levelOneStripsCodesAndLanguagesFilter() throws {
        let units = try read(Fixtures.tmxKit.appendingPathComponent("ImportTest2A.tmx"))
        let url = try write(units, options: .init(level: .plain, sourceLanguage: "fr-CA", languages: ["fr-CA"]))
        #expect(try Fixtures.validateTMX(url).status == 0)
        let back = try read(url)
        #expect(back.count == units.count)
        #expect(back.allSatisfy { $0.variants.count == 1 && $0.variants[0].language == "fr-CA" && $0.variants[0].markup == nil })
        #expect(back[0].variants[0].text == "Le gros chat noir dors.")
        let header = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")[3]
        #expect(header.contains(#"srclang="fr-CA""#))
        #expect(header.contains(#"creationtool="Glossa""#))
    }

    @Test func textNeedingEscapesIsWrittenSafely() throws {
        let unit = TranslationUnit(variants: [Variant(language: "en", text: "a < b & c > d \"quoted\" ]]>")],
                                   notes: [Note("x & <y>")], properties: [Property("q\"uote", "line\nbreak")])
        let url = try write([unit])
        #expect(try Fixtures.validateTMX(url).status == 0)
        let back = try read(url)
        #expect(back.first?.variants.first?.text == "a < b & c > d \"quoted\" ]]>")
        #expect(back.first?.notes == [Note("x & <y>")])
        #expect(back.first?.properties == [Property("q\"uote", "line\nbreak")])
    }

    @Test func charactersXMLCannotHoldBecomeReplacementCharacters() throws {
        // A bell, a vertical tab pasted from Word, U+FFFF: XML 1.0 has no way to write them.
        // Tab, line break, U+FFFD itself, U+FEFF (also EF-led) and an emoji are fine.
        let text = "Bell\u{7} here\u{B}there\tand\nmore \u{FFFD}\u{FEFF}\u{1F600}\u{FFFF}"
        var bytes: [UInt8] = []
        #expect(XMLEscape.append(text, attribute: false, to: &bytes) == 3)
        #expect(String(decoding: bytes, as: UTF8.self) == "Bell\u{FFFD} here\u{FFFD}there\tand\nmore \u{FFFD}\u{FEFF}\u{1F600}\u{FFFD}")
        #expect(XMLEscape.attribute("a\u{0}b\u{1F}c\u{FFFE}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")

        let url = folder.appendingPathComponent("controls.tmx")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        let writer = TMXWriter(output: handle, options: .init())
        try writer.writeHeader()
        try writer.write(TranslationUnit(variants: [Variant(language: "en", text: text)], notes: [Note("form\u{C}feed")]))
        try writer.finish()
        try handle.close()
        #expect(writer.replacedCharacters == 4)
        #expect(writer.alterations.count == 1 && writer.alterations[0].hasPrefix("4 characters XML 1.0 cannot hold"))
        #expect(try Fixtures.validateTMX(url).status == 0)
        #expect(try read(url).first?.notes == [Note("form\u{FFFD}feed")])
    }
}
