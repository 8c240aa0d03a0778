import Foundation
import GlossaCore
import GlossaFormats
import GlossaTerminology
import GlossaTestSupport
import GlossaText
import Testing

/// TBX v2/v3 and table glossaries in, TBX-Basic and tables out.
@Suite struct GlossaryFormatTests {
    static let glossary = Fixtures.repositoryRoot.appendingPathComponent("glossaries/csto.tbx")
    static let tbxTests = Fixtures.shared.appendingPathComponent("reference/tbx-test-files")
    static let basicSchema = Fixtures.shared.appendingPathComponent("reference/schemas/TBXcoreStructV03_TBX-Basic_integrated.rng")

    func read(_ xml: String) throws -> TBXReader.Result {
        try TBXReader().read(bytes: Array(xml.utf8), file: "t.tbx")
    }

    @Test func bundledGlossaryHoldsTheOfficialNames() throws {
        let result = try TBXReader().read(file: Self.glossary.path, name: "csto.tbx")
        #expect(result.warnings.isEmpty)
        let csto = try #require(result.termbase.concepts.first { $0.id == "csto" })
        let acronym = try #require(csto.terms.first { $0.text == "ОДКБ" })
        #expect(acronym.status == .preferred && acronym.type == .acronym && acronym.matchesCase)
        #expect(csto.fullForm(in: "ru")?.text == "Организация Договора о коллективной безопасности")
        #expect(Set(csto.terms.map(\.language.canonical)) == ["en", "ru", "hy", "kk", "be"])
        let secretary = try #require(result.termbase.concepts.first { $0.id == "secretary-general" })
        #expect(secretary.terms.first { $0.text == "Secretary-General" }?.status == .deprecated)
    }

    @Test func readsLTACTestFilesInBothDialects() throws {
        let minimal = try TBXReader().read(file: Self.tbxTests.appendingPathComponent("min_good.tbx").path)
        let cluster = try #require(minimal.termbase.concepts.first { $0.id == "c1" })
        #expect(cluster.subjectField == "General")
        #expect(cluster.terms.map(\.text).prefix(2) == ["open cluster", "galactic cluster"])
        #expect(cluster.terms[1].status == .deprecated)  // TBX-Min usageStatus
        let basic = try TBXReader().read(file: Self.tbxTests.appendingPathComponent("basic_good.tbx").path)
        #expect(basic.termbase.concepts.count > 10)
        #expect(basic.termbase.concepts.flatMap(\.terms).contains { $0.status == .preferred })
    }

    @Test func readsTBXv2AndDCTStyle() throws {
        let v2 = try read("""
        <?xml version="1.0"?>
        <martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
        <text><body><termEntry id="e1"><descrip type="subjectField">security</descrip>
        <langSet xml:lang="en"><tig><term>CSTO</term><termNote type="termType">acronym</termNote>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
        <langSet lang="RU"><ntig><termGrp><term>ОДКБ</term></termGrp></ntig></langSet></termEntry></body></text></martif>
        """)
        let concept = try #require(v2.termbase.concepts.first)
        #expect(concept.id == "e1" && concept.subjectField == "security")
        #expect(concept.terms.map(\.text) == ["CSTO", "ОДКБ"])
        #expect(concept.terms[0].type == .acronym && concept.terms[0].status == .preferred)
        #expect(concept.terms[1].language == "ru")
        let dct = try read("""
        <tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns/basic">
        <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader><text><body>
        <conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>Cyber Security</term>
        <basic:administrativeStatus>deprecatedTerm-admn-sts</basic:administrativeStatus></termSec></langSec></conceptEntry>
        </body></text></tbx>
        """)
        #expect(dct.termbase.concepts.first?.terms.first?.status == .deprecated)
    }

    @Test func bentFilesAreReadWithWarningsBrokenOnesAreErrors() throws {
        let bent = try read("""
        <tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
        <conceptEntry id="c1"><langSec><termSec><term>lost</term></termSec></langSec>
        <langSec xml:lang="en"><termSec><term>kept</term><termNote type="administrativeStatus">sometimes</termNote></termSec></langSec>
        </conceptEntry></body></text></tbx>
        """)
        #expect(bent.termbase.concepts.first?.terms.map(\.text) == ["kept"])
        #expect(bent.warnings.count == 2)
        #expect(bent.warnings[0].hasPrefix("t.tbx:2:"))
        let broken = Self.tbxTests.appendingPathComponent("poorly_formed_xml.tbx")
        #expect(throws: InputError.self) { try TBXReader().read(file: broken.path, name: "poorly_formed_xml.tbx") }
        do {
            _ = try TBXReader().read(file: broken.path, name: "bad.tbx")
        } catch let error as InputError {
            #expect(error.file == "bad.tbx" && error.line != nil && error.column != nil)
        }
        #expect(throws: InputError.self) { try read("<tmx version=\"1.4\"/>") }
    }

    @Test func entityBombsAndExternalEntitiesAreRefused() throws {
        let bomb = """
        <?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
        <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
        <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
        <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>
        <tbx><text><body><conceptEntry id="c"><langSec xml:lang="en"><termSec><term>&f;</term></termSec></langSec></conceptEntry></body></text></tbx>
        """
        #expect(throws: InputError.self) { try read(bomb) }
        let external = """
        <?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY leak SYSTEM "file:///etc/passwd">]>
        <tbx><text><body><conceptEntry id="c"><langSec xml:lang="en"><termSec><term>x&leak;</term></termSec></langSec></conceptEntry></body></text></tbx>
        """
        if let result = try? read(external) {
            #expect(result.termbase.concepts.flatMap(\.terms).allSatisfy { !$0.text.contains("root:") })
        }
    }

    @Test func exportedTBXIsValidTBXBasicAndReadsBack() throws {
        let original = try TBXReader().read(file: Self.glossary.path).termbase
        let tbx = TBXWriter.write(original)
        let folder = try Fixtures.temporaryDirectory()
        let file = folder.appendingPathComponent("out.tbx")
        try Data(tbx.utf8).write(to: file)
        let xmllint = Process()
        xmllint.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        xmllint.arguments = ["--noout", "--relaxng", Self.basicSchema.path, file.path]
        try xmllint.run()
        xmllint.waitUntilExit()
        #expect(xmllint.terminationStatus == 0)
        let back = try TBXReader().read(file: file.path).termbase
        #expect(back.concepts.map(\.id) == original.concepts.map(\.id))
        for (a, b) in zip(back.concepts, original.concepts) {
            #expect(a.terms.map { [$0.text, $0.language.canonical, $0.status?.rawValue, $0.type?.rawValue, $0.partOfSpeech] }
                == b.terms.map { [$0.text, $0.language.canonical, $0.status?.rawValue, $0.type?.rawValue, $0.partOfSpeech] })
            #expect(a.subjectField == b.subjectField && a.definitions == b.definitions)
        }
    }

    @Test func lineBreaksInCellsKeepEachConceptOnItsRow() throws {
        // A note written over two lines in a spreadsheet saved on Windows (a line break inside
        // a quoted CSV cell): TSV writes it on one row, CSV quotes it, and both read back.
        let csv = "concept,en,ru,note\r\nc1,CSTO,ОДКБ,\"A regional organization.\r\nFounded in 2002.\"\r\n"
        let termbase = try GlossaryTable.read(SourceText(text: csv, file: "g.csv"), dialect: .csv)
        let tsv = GlossaryTable.write(termbase, dialect: .tsv)
        #expect(tsv.split(separator: "\n").count == 2, "\(tsv)")
        #expect(!tsv.contains("\r"))
        let back = try GlossaryTable.read(SourceText(text: GlossaryTable.write(termbase, dialect: .csv), file: "g.csv"), dialect: .csv)
        #expect(termbase.concepts.first?.notes.first?.contains("Founded") == true)
        #expect(back.concepts.map(\.notes) == termbase.concepts.map(\.notes))
        #expect(try GlossaryTable.read(SourceText(text: tsv, file: "g.tsv"), dialect: .tsv).concepts.count == 1)
    }

    @Test func tablesRoundTripAndReportBadCells() throws {
        let original = try TBXReader().read(file: Self.glossary.path).termbase
        for dialect in [TabularReader.Dialect.tsv, .csv] {
            let text = GlossaryTable.write(original, dialect: dialect)
            let back = try GlossaryTable.read(SourceText(text: text, file: "g"), dialect: dialect)
            #expect(back.concepts.map(\.id) == original.concepts.map(\.id))
            for (a, b) in zip(back.concepts, original.concepts) {
                #expect(Set(a.terms.map { "\($0.language)|\($0.text)|\(String(describing: $0.status))|\(String(describing: $0.type))" })
                    == Set(b.terms.map { "\($0.language)|\($0.text)|\(String(describing: $0.status))|\(String(describing: $0.type))" }))
            }
        }
        let bad = "en\tru\tstatus\nCSTO\tОДКБ\tpreferred\nOrganisation\t\tsometimes\n"
        #expect(throws: InputError("unknown status 'sometimes' (preferred, admitted, deprecated, superseded)", file: "g.tsv", line: 3, column: 15)) {
            try GlossaryTable.read(SourceText(text: bad, file: "g.tsv"), dialect: .tsv)
        }
    }

    @Test func omegaTGlossaryNeedsTheProjectLanguages() throws {
        let text = "# OmegaT glossary\nCSTO\tОДКБ\tacronym\nSecretary General\tГенеральный секретарь\n"
        let source = SourceText(text: text, file: "glossary.txt")
        #expect(!GlossaryTable.hasHeader(source))
        let termbase = try GlossaryTable.readOmegaT(source, sourceLanguage: "en", targetLanguage: "ru")
        #expect(termbase.concepts.count == 2)
        #expect(termbase.concepts[0].terms.map(\.text) == ["CSTO", "ОДКБ"])
        #expect(termbase.concepts[0].notes == ["acronym"])
        let written = GlossaryTable.writeOmegaT(termbase, source: "en", target: "ru")
        #expect(written == "CSTO\tОДКБ\tacronym\nSecretary General\tГенеральный секретарь\t\n")
    }
}
