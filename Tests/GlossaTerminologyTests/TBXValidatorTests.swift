import Foundation
import GlossaCore
import GlossaTerminology
import GlossaTestSupport
import Testing

/// The core structure and dialect rules against LTAC's good and bad test files.
@Suite struct TBXValidatorTests {
    static let folder = Fixtures.shared.appendingPathComponent("reference/tbx-test-files")

    func violations(_ name: String, dialect: TBXValidator.Dialect = .auto) throws -> [TBXValidator.Violation] {
        let url = Self.folder.appendingPathComponent(name)
        return try TBXValidator(dialect: dialect).validate(bytes: Fixtures.bytes(url), file: name).violations
    }

    func violations(xml: String) throws -> [String] {
        try TBXValidator().validate(bytes: Array(xml.utf8), file: "t.tbx").violations.map(\.description)
    }

    @Test(arguments: ["core_structure_good.tbx", "min_good.tbx", "basic_good.tbx"])
    func goodFilesAreValid(name: String) throws {
        #expect(try violations(name).isEmpty)
    }

    @Test func bundledGlossaryIsValidTBXBasic() throws {
        let url = Fixtures.repositoryRoot.appendingPathComponent("glossaries/csto.tbx")
        #expect(try TBXValidator(dialect: .basic).validate(bytes: Fixtures.bytes(url), file: "csto.tbx").violations.isEmpty)
    }

    @Test func coreStructureViolationsEachReported() throws {
        let found = try violations("core_structure_bad.tbx")
        let expected: [(Int, String)] = [
            (17, "text is not allowed directly in <sourceDesc>: wrap it in <p>"),
            (21, "<admin> is not allowed in <text>"),
            (27, "<termSec> must contain <term> before <admin>"),
            (27, "<admin> must have a non-empty type attribute"),
            (28, "<term> is not allowed here in <termSec>"),  // after an admin: out of order
            (32, "<term> is not allowed here in <termSec>"),  // a second term
            (46, "<descrip> is not allowed here in <descripGrp>"),  // a second descrip
        ]
        #expect(found.count == expected.count)
        for ((line, message), violation) in zip(expected, found) {
            #expect(violation.line == line && violation.message.hasPrefix(message), "\(violation)")
        }
    }

    @Test func minimalDialectViolations() throws {
        let found = try violations("min_bad.tbx")
        #expect(found.map(\.line) == [21, 41, 803])
        #expect(found[0].message.contains("<admin type=\"source\"> is not allowed in TBX-Min"))
        #expect(found[1].message.contains("<xref type=\"error\">"))
        #expect(found[2].message.hasPrefix("usageStatus 'not an allowed value' is not allowed"))
        // The same file is valid as far as the core structure goes.
        #expect(try violations("min_bad.tbx", dialect: .core).isEmpty)
    }

    @Test func basicDialectViolations() throws {
        let found = try violations("basic_bad.tbx")
        #expect(found.map(\.line) == [26, 69, 97, 140])
        #expect(found[0].message.hasPrefix("<transac type=\"theWrongType\"> is not allowed in TBX-Basic"))
        #expect(found[1].message.hasPrefix("partOfSpeech 'nominal' is not allowed"))
        #expect(found[2].message.hasPrefix("definition may only appear at conceptEntry, langSec level"))
        #expect(found[3].message.hasPrefix("<transacNote type=\"wrongType\">"))
    }

    @Test func dctElementsTargetsAndNamespace() throws {
        let header = "<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>"
        let dct = try violations(xml: """
        <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns/basic">
        \(header)<text><body><conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>x</term>
        <basic:termType>acronym</basic:termType><xref type="externalCrossReference" target="nowhere">y</xref></termSec></langSec></conceptEntry></body></text></tbx>
        """)
        #expect(dct.count == 2)
        #expect(dct[0].hasPrefix("3:") && dct[0].contains("DCT-style elements are not allowed in DCA-style TBX-Basic"))
        #expect(dct[1].contains("target 'nowhere' is neither an id"))
        let bare = try violations(xml: """
        <tbx type="TBX-Core" style="dca" xml:lang="en">\(header)<text><body><conceptEntry id="c1"><langSec xml:lang="en">
        <termSec><term>x</term></termSec></langSec></conceptEntry><conceptEntry id="c1"><langSec xml:lang="e n">
        <termSec><term>y</term></termSec></langSec></conceptEntry></body></text></tbx>
        """)
        #expect(bare.count == 3)
        #expect(bare[0].contains("must be in namespace"))
        #expect(bare[1].contains("id 'c1' is used twice"))
        #expect(bare[2].contains("'e n' is not a language tag"))
    }

    @Test func dctStyleFilesFollowTheModulesRules() throws {
        // Shaped like LTAC's DCT examples: the third edition's namespace, module elements (min:
        // and basic:, in the 2019 and the later namespaces), usage statuses in a TBX-Min file.
        for name in ["csto-dct-basic.tbx", "csto-dct-min.tbx"] {
            #expect(try TBXValidator().validate(bytes: Fixtures.bytes(Fixtures.file("tbx/\(name)")), file: name).violations == [], "\(name)")
        }
        let found = try TBXValidator().validate(bytes: Fixtures.bytes(Fixtures.file("tbx/csto-dct-bad.tbx")), file: "bad.tbx").violations
        let expected: [(Int, String)] = [
            (7, "context may only appear at termSec level, not in <conceptEntry>"),
            (9, "subjectField may only appear at conceptEntry level, not in <langSec>"),
            (12, "termType 'longForm' is not allowed in TBX-Basic"),
            (13, "<basic:termStatus> is not a data category of the TBX-Basic module"),
            (14, "<termNote type=\"partOfSpeech\">: DCA-style elements are not allowed in DCT-style TBX-Basic"),
            (15, "<x:reviewed> is in namespace 'urn:example:tool', which no TBX module of TBX-Basic defines"),
            (17, "responsibility may only appear at conceptEntry, langSec level, not in <transacGrp> in <termSec>"),
            (17, "target 'nobody' is neither an id in this file nor an http(s) URI"),
        ]
        #expect(found.count == expected.count, "\(found)")
        for ((line, message), violation) in zip(expected, found) {
            #expect(violation.line == line && violation.message.hasPrefix(message), "\(violation)")
        }
    }

    @Test func nestingIsBoundedWithAClearError() throws {
        let deep = "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\"><text><body>"
            + String(repeating: "<note>", count: 100_000)
        let start = Date()
        #expect(throws: InputError.self) { _ = try TBXValidator().validate(bytes: Array(deep.utf8), file: "deep.tbx") }
        #expect(throws: InputError.self) { _ = try TBXReader().read(bytes: Array(deep.utf8), file: "deep.tbx") }
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test func aVersionTwoFileIsReadNotValidated() throws {
        let report = try TBXValidator().validate(bytes: Array("""
            <martif type="TBX" xml:lang="en"><text><body><termEntry id="1"><langSet xml:lang="en"><tig><term>CSTO</term></tig>
            </langSet></termEntry></body></text></martif>
            """.utf8), file: "v2.tbx")
        #expect(report.isVersion2 && report.violations.isEmpty)
    }

    @Test func exportedTBXIsValidAndBrokenXMLIsAnInputError() throws {
        let termbase = Termbase(name: "t", concepts: [Concept(id: "9 lives", subjectField: "cats", terms: [
            Term("cat & mouse", language: "en", status: .preferred, type: .phrase, partOfSpeech: "properNoun", notes: ["<b>"]),
        ])])
        #expect(try TBXValidator(dialect: .basic).validate(bytes: Array(TBXWriter.write(termbase).utf8), file: "x").violations.isEmpty)
        #expect(throws: InputError.self) { try violations("poorly_formed_xml.tbx") }
    }
}
