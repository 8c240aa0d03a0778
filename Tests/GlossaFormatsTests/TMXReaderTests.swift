import Foundation
import GlossaCore
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaFormats

@Suite struct TMXReaderTests {
    let reader = TMXReader(origin: ImportOrigin(document: "test.tmx"))

    func units(_ xml: String, skipInvalid: Bool = false) throws -> ([TranslationUnit], TMXReader.Result) {
        var units: [TranslationUnit] = []
        let reader = TMXReader(origin: ImportOrigin(document: "test.tmx"), skipInvalid: skipInvalid)
        let result = try reader.read(bytes: Array(xml.utf8), file: "test.tmx") { unit, _ in units.append(unit) }
        return (units, result)
    }

    func units(file url: URL) throws -> [TranslationUnit] {
        var units: [TranslationUnit] = []
        _ = try reader.read(file: url.path, name: url.lastPathComponent) { unit, _ in units.append(unit) }
        return units
    }

    @Test func everyComplianceKitImportFileReads() throws {
        let files = try Fixtures.tmxKitFiles()
        #expect(files.count == 17)
        for file in files {
            let read = try units(file: file)
            #expect(!read.isEmpty, "\(file.lastPathComponent)")
            #expect(read.allSatisfy { !$0.variants.isEmpty }, "\(file.lastPathComponent)")
        }
    }

    @Test func utf16WhitespaceIsKeptExactly() throws {
        // ImportTest1A is UTF-16 with BOM; its segments end in tabs and spaces that must survive.
        let read = try units(file: Fixtures.tmxKit.appendingPathComponent("ImportTest1A.tmx"))
        #expect(read[0].variant(in: "en-US")?.text == "First segment with [\t\t   ]")
        #expect(read[1].variant(in: "fr-CA")?.text == "Second segment avec [  \t\t]")
        // The original spelling of the tag is kept beside the canonical one.
        #expect(read[0].variant(in: "en-US")?.properties.first == Property("tmx:xml:lang", "en-us"))
    }

    @Test func inlineCodesBecomePlaceholdersAndMarkupIsKept() throws {
        let read = try units(file: Fixtures.tmxKit.appendingPathComponent("ImportTest2A.tmx"))
        let english = try #require(read[0].variant(in: "en-US"))
        #expect(english.text == "The big {1}black{/1} {2}cat{/2} sleeps.")
        #expect(english.markup == #"The big <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>black<ept i="1">&lt;/b&gt;</ept> <bpt i="2" x="2" type="ulined">&lt;u&gt;</bpt>cat<ept i="2">&lt;/u&gt;</ept> sleeps."#)
        #expect(read[1].variant(in: "en-US")?.text == "Test for special characters = {1}<{/1}=lt, {2}>{/2}=gt, {3}&{/3}=amp, {4}\"{/4}=quot.")
        #expect(read[3].variant(in: "fr-CA")?.text == "Première {1}phrase.")
        #expect(read[0].externalID == "1")
    }

    @Test func everyFieldOfAUnitIsRead() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4">
          <header creationtool="OmegaT" creationtoolversion="6.0" segtype="sentence" o-tmf="OmegaT TMX" adminlang="EN-US" srclang="EN" datatype="plaintext">
            <prop type="x-project">CSTO news</prop>
            <note>Exported for review</note>
          </header>
          <body>
            <tu tuid="42" creationdate="20250619T101500Z" creationid="editor" changedate="20250620T080000Z" changeid="reviewer" usagecount="3" lastusagedate="20250621T000000Z" segtype="sentence">
              <note>Official title</note>
              <prop type="file">news/2025-06.txt</prop>
              <prop type="x-context">speech</prop>
              <prop type="x-note" xml:lang="ru">заметка</prop>
              <tuv xml:lang="EN" creationdate="20250619T101500Z" creationid="editor">
                <prop type="x-state">final</prop>
                <seg>Secretary General</seg>
              </tuv>
              <tuv lang="ru" changedate="20250620T080000Z" changeid="reviewer" o-encoding="utf-8">
                <note xml:lang="en">checked against DESIGN.md</note>
                <seg>Генеральный секретарь</seg>
              </tuv>
            </tu>
          </body>
        </tmx>
        """
        let (read, result) = try units(xml)
        #expect(result.header.attributes["o-tmf"] == "OmegaT TMX")
        #expect(result.header.properties == [Property("x-project", "CSTO news")])
        #expect(result.header.notes == [Note("Exported for review")])
        let unit = try #require(read.first)
        #expect(unit.externalID == "42")
        #expect(unit.created == Stamp(date: Timestamp.parse("20250619T101500Z")!, author: "editor"))
        #expect(unit.changed == Stamp(date: Timestamp.parse("20250620T080000Z")!, author: "reviewer"))
        #expect(unit.context == "speech")
        #expect(unit.origin == "test.tmx")
        #expect(unit.notes == [Note("Official title")])
        #expect(unit.properties == [
            Property("tmx:usagecount", "3"), Property("tmx:lastusagedate", "20250621T000000Z"), Property("tmx:segtype", "sentence"),
            Property("file", "news/2025-06.txt"), Property("x-note", "заметка", language: "ru"),
        ])
        #expect(unit.variants.map(\.language) == ["en", "ru"])
        #expect(unit.variants[0].properties == [Property("tmx:xml:lang", "EN"), Property("x-state", "final")])
        #expect(unit.variants[0].created?.author == "editor")
        #expect(unit.variants[1].changed?.author == "reviewer")
        #expect(unit.variants[1].properties == [Property("tmx:o-encoding", "utf-8")])
        #expect(unit.variants[1].notes == [Note("checked against DESIGN.md", language: "en")])
        #expect(unit.variants[1].text == "Генеральный секретарь")
        #expect(unit.variants[1].markup == nil)
    }

    @Test func unparseableDatesAndLoneIdsStayProperties() throws {
        let (read, _) = try units("""
            <tmx version="1.4"><header/><body>
            <tu creationdate="yesterday" changeid="bob"><tuv xml:lang="en"><seg>x</seg></tuv></tu>
            </body></tmx>
            """)
        #expect(read[0].created == nil)
        #expect(read[0].properties == [Property("tmx:creationdate", "yesterday"), Property("tmx:changeid", "bob")])
    }

    @Test func attributeValuesAreDecodedAndPrefixedNamesKept() throws {
        let (read, _) = try units("""
            <tmx version="1.4" xmlns:okp="urn:okapi"><header/><body>
            <tu tuid="R&amp;D &#x20AC;&lt;1&gt;" okp:state="ok" usagecount='3'><tuv xml:lang="ru" okp:x=""><seg>x</seg></tuv></tu>
            </body></tmx>
            """)
        #expect(read[0].externalID == "R&D €<1>")
        #expect(read[0].properties == [Property("tmx:okp:state", "ok"), Property("tmx:usagecount", "3")])
        #expect(read[0].variants[0].properties == [Property("tmx:okp:x", "")])
    }

    @Test func malformedFileIsAnErrorWithPlace() {
        do {
            _ = try units("<tmx version=\"1.4\"><header/><body>\n<tu><tuv xml:lang=\"en\"><seg>x</tuv></tu>\n</body></tmx>")
            Issue.record("malformed TMX read")
        } catch let error as InputError {
            #expect(error.file == "test.tmx")
            #expect(error.line == 2)
            #expect(error.column != nil)
            #expect(error.message.contains("not well-formed XML"))
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func aFileCutShortSaysSo() throws {
        // A real export cut off at every few bytes of its last unit (inside a tag, an
        // attribute, a character, text): whatever libxml2 last met, the error says the file
        // ends early, on its last line.
        let bytes = try Fixtures.bytes(Fixtures.file("tmx/omegat-project_save.tmx"))
        let text = String(decoding: bytes, as: UTF8.self)
        func offset(of needle: String, backwards: Bool = false) throws -> Int {
            text.utf8.distance(from: text.startIndex, to: try #require(text.range(of: needle, options: backwards ? .backwards : [])).lowerBound)
        }
        for cut in stride(from: try offset(of: "<tu", backwards: true) + 1, to: try offset(of: "</body>"), by: 5) {
            let prefix = Array(bytes[..<cut])
            do {
                _ = try TMXReader(origin: ImportOrigin(document: "cut.tmx")).read(bytes: prefix, file: "cut.tmx") { _, _ in }
                Issue.record("a TMX cut at byte \(cut) read")
            } catch let error as InputError {
                #expect(error.message.hasSuffix("the file ends before the document does (<tmx> is not closed): is it cut short?"),
                        "cut at byte \(cut): \(error.message)")
                #expect(error.line == prefix.filter { $0 == 0x0A }.count + 1)
            }
        }
        // A genuine error at the very end is that error.
        do {
            _ = try units("<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"en\"><seg>a</sag>")
            Issue.record("a mismatched tag read")
        } catch let error as InputError {
            #expect(error.message.contains("mismatch"), "\(error.message)")
        }
    }

    @Test func invalidUnitsFailOrAreSkippedWithAReport() throws {
        let xml = """
        <tmx version="1.4"><header/><body>
        <tu><tuv xml:lang="en"><seg>good</seg></tuv></tu>
        <tu><tuv><seg>no language</seg></tuv></tu>
        <tu><tuv xml:lang="english-please"><seg>bad tag</seg></tuv></tu>
        <tu><tuv xml:lang="en"><seg>a</seg></tuv>
          <tuv xml:lang="EN"><seg>b</seg></tuv></tu>
        <tu></tu>
        <tu><tuv xml:lang="ru"><seg>хорошо</seg></tuv></tu>
        <tu><tuv xml:lang="en"><seg>One</seg>
          <seg>Two</seg></tuv></tu>
        </body></tmx>
        """
        // The error points at the tuv at fault (the end of its start tag), not at the unit.
        #expect(throws: InputError("tu 2: tuv without xml:lang", file: "test.tmx", line: 3, column: 9)) { _ = try units(xml) }
        let (read, result) = try units(xml, skipInvalid: true)
        // Two tuv in one language are a translation and its alternative, not an invalid unit.
        #expect(read.map { $0.variants.map(\.text) } == [["good"], ["a", "b"], ["хорошо"]])
        #expect(result.skipped.map(\.index) == [2, 3, 5, 7])
        #expect(result.skipped.map(\.line) == [3, 4, 7, 9])
        // A problem on a later line than the unit's start says where.
        #expect(result.skipped[3].reason == "two seg in one tuv (line 10)")
        #expect(result.skipped[2].reason == "tu without tuv")
    }

    @Test func entitiesAreBoundedAndNeverFetched() throws {
        let bomb = """
        <?xml version="1.0"?>
        <!DOCTYPE tmx [
          <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
          <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
          <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
          <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
          <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
          <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
        ]>
        <tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&f;</seg></tuv></tu></body></tmx>
        """
        let start = Date()
        #expect(throws: InputError.self) { _ = try units(bomb) }
        #expect(Date().timeIntervalSince(start) < 5)

        // An external entity names a local file: it must not be read into the segment.
        let secret = try Fixtures.temporaryDirectory().appendingPathComponent("secret.txt")
        try Data("TOP SECRET".utf8).write(to: secret)
        let external = """
        <?xml version="1.0"?>
        <!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd" [ <!ENTITY leak SYSTEM "\(secret.absoluteString)"> ]>
        <tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>before &leak; after</seg></tuv></tu></body></tmx>
        """
        var texts: [String] = []
        do {
            _ = try TMXReader(origin: ImportOrigin(document: "x")).read(bytes: Array(external.utf8), file: "x.tmx") { unit, _ in
                texts.append(unit.variants[0].text)
            }
        } catch {
            // Refusing the file outright is as good as reading it without the entity.
        }
        #expect(!texts.contains { $0.contains("TOP SECRET") })
    }

    @Test func unknownElementsAreReportedOrKept() throws {
        let (read, result) = try units("""
            <tmx version="1.4"><header/><body>
            <tu><x-review status="ok"/><tuv xml:lang="en" x-score="0.9"><seg>The <x-term id="7">CSTO</x-term></seg></tuv></tu>
            <tu><x-review status="ok"/><tuv xml:lang="en"><seg>Joint Staff</seg></tuv><x-qa/></tu>
            <tu><x-review status="no"/><tuv xml:lang="en"><seg>Secretariat</seg></tuv></tu>
            <tu><prop type="domain" o-encoding="koi8-r" x-source="mt">security</prop><tuv xml:lang="ru"><seg x-id="9">Секретариат</seg></tuv></tu>
            </body></tmx>
            """)
        // Once per kind, however often a tool's extension repeats; attributes the model has
        // no place for are said too.
        #expect(result.warnings == ["test.tmx:2: unknown element <x-review> ignored (and 2 more)",
                                    "test.tmx:3: unknown element <x-qa> ignored",
                                    "test.tmx:5: attribute x-source of <prop> ignored",
                                    "test.tmx:5: attribute x-id of <seg> ignored"])
        // o-encoding, which TMX allows on notes and props, is kept.
        #expect(read[3].properties == [Property("domain", "security", encoding: "koi8-r")])
        // Inside a segment an unknown element is kept verbatim; an unknown attribute is a property.
        #expect(read[0].variants[0].markup == #"The <x-term id="7">CSTO</x-term>"#)
        #expect(read[0].variants[0].text == "The CSTO")
        #expect(read[0].variants[0].properties == [Property("tmx:x-score", "0.9")])
        // The header's user-defined characters (the kit's MacRoman mapping) are said to be left out.
        let kit = try TMXReader(origin: ImportOrigin(document: "kit")).read(file: Fixtures.tmxKit.appendingPathComponent("ImportTest1L.tmx").path,
                                                                          name: "ImportTest1L.tmx") { _, _ in }
        #expect(kit.warnings.contains("ImportTest1L.tmx:13: user-defined characters <ude name=\"MacRoman\"> of the header ignored"))
    }

    @Test func olderTMXVersionsAndStarAllSource() throws {
        let (read, result) = try units("""
            <?xml version="1.0" ?>
            <!DOCTYPE tmx SYSTEM "tmx11.dtd">
            <tmx version="1.1"><header srclang="*all*" creationtool="old" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>
            <body><tu><tuv lang="EN-GB"><seg>colour</seg></tuv><tuv lang="kk"><seg>түс</seg></tuv><tuv lang="hy"><seg>գույն</seg></tuv></tu></body></tmx>
            """)
        #expect(result.header.attributes["srclang"] == "*all*")
        #expect(read[0].variants.map(\.language.canonical) == ["en-GB", "kk", "hy"])
    }

    @Test func eachUnitRecordsItsSourceLanguage() throws {
        let (read, _) = try units("""
            <tmx version="1.4"><header srclang="EN-us"/><body>
            <tu><tuv xml:lang="ru"><seg>Спасибо.</seg></tuv><tuv xml:lang="en-US"><seg>Thank you.</seg></tuv></tu>
            <tu srclang="ru"><tuv xml:lang="en-US"><seg>Hello.</seg></tuv><tuv xml:lang="ru"><seg>Привет.</seg></tuv></tu>
            <tu srclang="*all*"><tuv xml:lang="en-US"><seg>Yes.</seg></tuv></tu>
            <tu><tuv xml:lang="kk"><seg>Иә.</seg></tuv></tu>
            </body></tmx>
            """)
        // The header's, the unit's own, none for *all* (kept as written), none where the unit
        // has no text in the header's language.
        #expect(read.map(\.sourceLanguage) == ["en-US", "ru", nil, nil])
        #expect(read[1].properties.isEmpty)
        #expect(read[2].properties == [Property("tmx:srclang", "*all*")])
        // The order of the variants is the file's.
        #expect(read[0].variants.map(\.language.canonical) == ["ru", "en-US"])
    }

    @Test func illPairedCodesAreStoredAsWrittenWithAWarningEach() throws {
        let (read, result) = try units("""
            <tmx version="1.4"><header/><body>
            <tu><tuv xml:lang="en"><seg><ept i="1">&lt;/b&gt;</ept>a<bpt i="1">&lt;b&gt;</bpt>b<bpt i="2"/>c<bpt i="2"/>d<ept i="2"/></seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg><bpt i="1">&lt;b&gt;</bpt>fine<ept i="1">&lt;/b&gt;</ept> <ph x="1"/></seg></tuv></tu>
            </body></tmx>
            """)
        #expect(read.count == 2)
        #expect(read[0].variants[0].markup?.hasPrefix("<ept i=\"1\">&lt;/b&gt;</ept>a<bpt") == true)
        // The one ept i="2" closes the later bpt i="2": the first stays open.
        #expect(result.illPairedCodes == 4)
        #expect(result.warnings == [
            "test.tmx:2:39: ept i=\"1\" has no bpt before it in its seg; stored as written",
            "test.tmx:2:107: a second bpt i=\"2\" while the first is open; stored as written",
            "test.tmx:2:67: bpt i=\"1\" has no ept in its seg; stored as written",
            "test.tmx:2:94: bpt i=\"2\" has no ept in its seg; stored as written",
        ])
        // Past twenty, they are counted in one line.
        let many = String(repeating: "<ept i=\"9\"/>", count: 25)
        let (_, flood) = try units("<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"en\"><seg>\(many)</seg></tuv></tu></body></tmx>")
        #expect(flood.illPairedCodes == 25 && flood.warnings.count == 21)
        #expect(flood.warnings.last == "test.tmx: 5 more ill-paired inline codes, stored as written")
    }
}
