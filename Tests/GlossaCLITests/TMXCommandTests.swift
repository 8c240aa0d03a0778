import Foundation
import GlossaTestSupport
import Testing

/// TMX through the real binary: import, export, and the TM round trip CAT tools rely on.
@Suite struct TMXCommandTests {
    let workspace: Workspace
    var folder: URL { workspace.folder }
    init() throws { workspace = try Workspace() }

    func glossa(_ arguments: String...) throws -> CommandResult { try workspace.glossa(arguments) }

    func write(_ text: String, to name: String) throws { try workspace.write(text, to: name) }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    @Test func exportWarnsOfCharactersXMLCannotHold() throws {
        try write("en\tru\nPress the bell\u{7} key.\tНажмите клавишу звонка\u{7}.\n", to: "bell.tsv")
        #expect(try glossa("import", "bell.tsv", "--tm", "t.sqlite").status == 0)
        let export = try glossa("export", "--tm", "t.sqlite", "--out", "bell.tmx")
        #expect(export.status == 0 && export.stdout == "bell.tmx: 1 units written\n")
        #expect(export.stderr == "glossa: warning: 2 characters XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF) written as U+FFFD\n")
        let tmx = try String(contentsOf: folder.appendingPathComponent("bell.tmx"), encoding: .utf8)
        #expect(tmx.contains("<seg>Press the bell\u{FFFD} key.</seg>"))
    }

    @Test func complianceKitThroughTheTMAndBack() throws {
        let kit = try Fixtures.tmxKitFiles().map(\.path)
        let first = try CommandRunner.run(["import"] + kit + ["--tm", "kit.sqlite", "--format", "json"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let added = try json(first.stdout)["added"] as? Int ?? 0
        #expect(added > 0)

        let export = try glossa("export", "--tm", "kit.sqlite", "--out", "kit.tmx")
        #expect(export.stdout == "kit.tmx: \(added) units written\n")
        let again = try glossa("import", "kit.tmx", "--tm", "again.sqlite", "--format", "json")
        #expect(try json(again.stdout)["added"] as? Int == added)
        // Exporting the re-imported TM gives the same file but for the header's creation date.
        #expect(try glossa("export", "--tm", "again.sqlite", "--out", "again.tmx").status == 0)
        func body(_ name: String) throws -> [Substring] {
            try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("<header") }
        }
        #expect(try body("kit.tmx") == body("again.tmx"))
        // ImportTest1L and 2C put o-encoding on notes and props: it goes through the TM.
        let kitLines = try body("kit.tmx")
        #expect(kitLines.contains { $0.contains("<note") && $0.contains("o-encoding=") })
        #expect(kitLines.contains { $0.contains("<prop") && $0.contains("o-encoding=") })
        let stats = try json(try glossa("stats", "--tm", "again.sqlite", "--format", "json").stdout)
        #expect((stats["languages"] as? [String: Int])?["ja-JP"] == 4)
    }

    @Test func headersAreKeptOncePerDocument() throws {
        let trados = Fixtures.file("tmx/trados-studio.tmx").path
        #expect(try glossa("import", trados, "--tm", "t.sqlite").status == 0)
        #expect(try glossa("import", trados, "--tm", "t.sqlite").stdout == "t.sqlite: 1 units read, 0 added, 1 duplicates skipped\n")
        #expect(try glossa("import", Fixtures.file("tmx/okapi.tmx").path, "--tm", "t.sqlite").status == 0)
        let stats = try json(try glossa("stats", "--tm", "t.sqlite", "--format", "json").stdout)
        #expect(stats["documents"] as? Int == 2)
    }

    @Test func exportOptionsSelectLanguagesLevelAndOrigin() throws {
        #expect(try glossa("import", Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv").path, "--tm", "t.sqlite").status == 0)
        #expect(try glossa("import", Fixtures.tmxKit.appendingPathComponent("ImportTest2A.tmx").path, "--tm", "t.sqlite").status == 0)
        let result = try glossa("export", "--tm", "t.sqlite", "--out", "kk.tmx", "--langs", "kk,ru",
                                "--origin", "gtk20-messages.en-ru-kk-hy-be.tsv", "--level", "1")
        #expect(result.stdout == "kk.tmx: 27 units written\n")
        let text = try String(contentsOf: folder.appendingPathComponent("kk.tmx"), encoding: .utf8)
        #expect(text.contains(#"srclang="kk""#))
        #expect(!text.contains(#"xml:lang="en""#))
        #expect(text.contains("<seg>Ағымдағы буманы бетбелгілерге қосу</seg>"))
        // The kit tags its variants en-US and fr-CA: a bare language takes its regional forms.
        let regional = try glossa("export", "--tm", "t.sqlite", "--out", "fr.tsv", "--langs", "fr,en", "--origin", "ImportTest2A.tmx")
        #expect(regional.stdout == "fr.tsv: 7 units written\n")
        let rows = try String(contentsOf: folder.appendingPathComponent("fr.tsv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 8 && rows.dropFirst().allSatisfy { $0.split(separator: "\t").count == 2 })
        let frenchFirst = try glossa("export", "--tm", "t.sqlite", "--out", "fr.tmx", "--langs", "fr,en", "--origin", "ImportTest2A.tmx")
        #expect(frenchFirst.stdout == "fr.tmx: 7 units written\n")
        let tmx = try String(contentsOf: folder.appendingPathComponent("fr.tmx"), encoding: .utf8)
        let units = tmx.components(separatedBy: "<tu ").dropFirst()
        #expect(units.count == 7)
        // The kit's units record en-US as their source: it stays the source, written first, and
        // the header says so; --langs orders only units that record no source.
        #expect(tmx.contains(#"srclang="en-US""#))
        #expect(units.allSatisfy {
            $0.range(of: #"lang="en-us""#, options: .caseInsensitive)!.lowerBound < $0.range(of: #"lang="fr-ca""#, options: .caseInsensitive)!.lowerBound
        })
        let future = try glossa("export", "--tm", "t.sqlite", "--out", "none.tmx", "--since", "2999-01-01")
        #expect(future.stdout == "none.tmx: 0 units written\n")
        let badDate = try glossa("export", "--tm", "t.sqlite", "--out", "x.tmx", "--since", "June")
        #expect(badDate.status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.tmx").path))
    }

    @Test func malformedTMXImportsNothing() throws {
        #expect(try glossa("import", Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv").path, "--tm", "t.sqlite").status == 0)
        let before = FileManager.default.contents(atPath: folder.appendingPathComponent("t.sqlite").path)
        try write("""
            <?xml version="1.0"?>
            <tmx version="1.4"><header/><body>
            <tu><tuv xml:lang="en"><seg>fine</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg>broken</tuv></tu>
            </body></tmx>
            """, to: "bad.tmx")
        let result = try glossa("import", "bad.tmx", "--tm", "t.sqlite")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("glossa: error: bad.tmx:4:"))
        #expect(result.stderr.contains("not well-formed XML"))
        #expect(FileManager.default.contents(atPath: folder.appendingPathComponent("t.sqlite").path) == before)
    }

    @Test func compressedAndCutShortFilesAreNamedForWhatTheyAre() throws {
        // What arrives by mail or download: a TMX gzipped under its own name, one still named
        // .gz, and one whose download stopped half-way.
        let tmx = try Fixtures.bytes(Fixtures.file("tmx/trados-studio.tmx"))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-c", Fixtures.file("tmx/trados-studio.tmx").path]
        let pipe = Pipe()
        gzip.standardOutput = pipe
        try gzip.run()
        let compressed = pipe.fileHandleForReading.readDataToEndOfFile()
        gzip.waitUntilExit()
        try compressed.write(to: folder.appendingPathComponent("memory.tmx"))
        try compressed.write(to: folder.appendingPathComponent("memory.tmx.gz"))
        try Data(tmx.prefix(tmx.count * 2 / 3)).write(to: folder.appendingPathComponent("partial.tmx"))
        let gzipped = try glossa("import", "memory.tmx", "--tm", "t.sqlite")
        #expect(gzipped.status == 2 && gzipped.stderr == "glossa: error: memory.tmx:1:1: a gzip-compressed file, not an XML file: decompress it first (gunzip)\n")
        let named = try glossa("import", "memory.tmx.gz", "--tm", "t.sqlite")
        #expect(named.status == 2 && named.stderr.hasPrefix("glossa: error: memory.tmx.gz: a compressed file: decompress it first"))
        let partial = try glossa("import", "partial.tmx", "--tm", "t.sqlite")
        #expect(partial.status == 2 && partial.stderr.hasSuffix("is it cut short?\n"), "\(partial.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("t.sqlite").path))
    }

    @Test func skipInvalidReportsEachSkippedUnit() throws {
        try write("""
            <tmx version="1.4"><header/><body>
            <tu><tuv xml:lang="en"><seg>one</seg></tuv></tu>
            <tu><tuv xml:lang="klingon-ish"><seg>two</seg></tuv></tu>
            <tu><tuv xml:lang="ru"><seg>три</seg></tuv></tu>
            </body></tmx>
            """, to: "mixed.tmx")
        let strict = try glossa("import", "mixed.tmx", "--tm", "t.sqlite")
        #expect(strict.status == 2)
        #expect(strict.stderr.hasPrefix("glossa: error: mixed.tmx:3:32: tu 2:"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("t.sqlite").path))

        let lenient = try glossa("import", "mixed.tmx", "--tm", "t.sqlite", "--skip-invalid")
        #expect(lenient.status == 0)
        #expect(lenient.stdout == "t.sqlite: 3 units read, 2 added, 0 duplicates skipped, 1 invalid skipped\n")
        #expect(lenient.stderr.hasPrefix("glossa: warning: mixed.tmx:3: tu 2 skipped: "))
        let report = try json(try glossa("import", "mixed.tmx", "--tm", "t2.sqlite", "--skip-invalid", "--format", "json").stdout)
        let skipped = report["skipped"] as? [[String: Any]]
        #expect(skipped?.first?["index"] as? Int == 2)
        #expect(skipped?.first?["line"] as? Int == 3)
    }
}

/// The exported TMX read by another implementation: translate-toolkit's TMX reader.
@Suite struct TranslateToolkitInteroperabilityTests {
    @Test func translateToolkitReadsEveryUnitAndTarget() throws {
        let folder = try Fixtures.temporaryDirectory()
        let table = Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv")
        #expect(try CommandRunner.run(["import", table.path, "--tm", "t.sqlite"], in: folder).status == 0)
        #expect(try CommandRunner.run(["export", "--tm", "t.sqlite", "--out", "en-ru.tmx", "--langs", "en,ru"], in: folder).status == 0)

        let script = """
            import csv, sys
            from translate.storage import tmx
            with open(sys.argv[1], 'rb') as f:
                units = tmx.tmxfile(f).units
            rows = list(csv.reader(open(sys.argv[2], encoding='utf-8'), delimiter='\\t', quoting=csv.QUOTE_NONE))[1:]
            expected = {(r[0], r[1]) for r in rows}
            got = {(u.source, u.target) for u in units}
            print(len(units), len(expected), len(got & expected))
            sys.exit(0 if got == expected and len(units) == len(rows) else 1)
            """
        let result = try CommandRunner.python(script, arguments: [folder.appendingPathComponent("en-ru.tmx").path, table.path])
        #expect(result.status == 0, "translate-toolkit (pip install translate-toolkit): \(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("27 27 27"))
    }
}

@Suite struct TSVExportTests {
    @Test func tsvExportReadsBackAsTheSameTable() throws {
        let folder = try Fixtures.temporaryDirectory()
        let table = Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv")
        #expect(try CommandRunner.run(["import", table.path, "--tm", "t.sqlite"], in: folder).status == 0)
        let export = try CommandRunner.run(["export", "--tm", "t.sqlite", "--out", "out.tsv", "--langs", "en,ru,kk,hy,be"], in: folder)
        #expect(export.stdout == "out.tsv: 27 units written\n")
        let exported = try String(contentsOf: folder.appendingPathComponent("out.tsv"), encoding: .utf8)
        let original = try String(contentsOf: table, encoding: .utf8)
        #expect(exported == original)

        // Without --langs every language of the TM is a column, in tag order; a tab in a
        // segment becomes a space, with a warning.
        try Data("<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"en\"><seg>a\tb</seg></tuv></tu></body></tmx>".utf8)
            .write(to: folder.appendingPathComponent("tab.tmx"))
        #expect(try CommandRunner.run(["import", "tab.tmx", "--tm", "t.sqlite"], in: folder).status == 0)
        let all = try CommandRunner.run(["export", "--tm", "t.sqlite", "--out", "all.tsv"], in: folder)
        #expect(all.stdout == "all.tsv: 28 units written\n")
        #expect(all.stderr == "glossa: warning: 1 cells had tabs or line breaks, written as spaces\n")
        let lines = try String(contentsOf: folder.appendingPathComponent("all.tsv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "be\ten\thy\tkk\tru")
        #expect(lines.last == "\ta b\t\t\t")
    }
}

@Suite struct BilingualImportTests {
    @Test func xliffAndPOImportAndExportAgain() throws {
        let folder = try Fixtures.temporaryDirectory()
        let result = try CommandRunner.run(["import", Fixtures.file("xliff/news-1.2.xlf").path, Fixtures.file("xliff/news-2.0.xlf").path,
                                            Fixtures.file("po/apt-gtk20.ru.po").path, "--tm", "t.sqlite", "--format", "json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(report?["added"] as? Int == 9)
        #expect(report?["unconfirmed"] as? Int == 1)  // the PO file's fuzzy entry
        let fuzzy = try CommandRunner.run(["import", Fixtures.file("po/apt-gtk20.ru.po").path, "--tm", "t.sqlite", "--include-fuzzy"], in: folder)
        #expect(fuzzy.stdout == "t.sqlite: 4 units read, 1 added, 3 duplicates skipped\n")
        let export = try CommandRunner.run(["export", "--tm", "t.sqlite", "--out", "all.tmx", "--langs", "en,ru"], in: folder)
        // Every unit: en and ru also take the XLIFF 1.2 file's en-US and ru-RU.
        #expect(export.stdout == "all.tmx: 10 units written\n")
        let tmx = try String(contentsOf: folder.appendingPathComponent("all.tmx"), encoding: .utf8)
        #expect(tmx.contains(#"<prop type="x-context">Accelerator</prop>"#))
        #expect(tmx.contains(#"<prop type="po:msgid_plural">"#))
    }

    @Test func aKOI8RCatalogImports() throws {
        let folder = try Fixtures.temporaryDirectory()
        let result = try CommandRunner.run(["import", Fixtures.file("po/grep.ru.koi8-r.po").path, "--tm", "t.sqlite", "--format", "json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["added"] as? Int == 6)
        let concordance = try CommandRunner.run(["concordance", "контекста", "--from", "ru", "--to", "en", "--tm", "t.sqlite"], in: folder)
        #expect(concordance.stdout.contains("[контекста]"), "\(concordance.stdout)")
    }

    @Test func tradosXLIFFCodesLeaveAsTMXCodes() throws {
        // A translator hands back a Trados file; the TM goes on to another CAT tool as TMX.
        let folder = try Fixtures.temporaryDirectory()
        let imported = try CommandRunner.run(["import", Fixtures.file("xliff/csto-news.ru-RU.sdlxliff").path, "--tm", "t.sqlite"], in: folder)
        #expect(imported.stdout == "t.sqlite: 3 units read, 3 added, 0 duplicates skipped, 1 unconfirmed translations left out (--include-fuzzy takes them)\n", "\(imported.stderr)")
        #expect(try CommandRunner.run(["export", "--tm", "t.sqlite", "--out", "codes.tmx"], in: folder).status == 0)
        let validation = try Fixtures.validateTMX(folder.appendingPathComponent("codes.tmx"))
        #expect(validation.status == 0, "\(validation.output)")
        let tmx = try String(contentsOf: folder.appendingPathComponent("codes.tmx"), encoding: .utf8)
        // The codes carry the native code the file's tag-defs give, as Trados's own TMX export does.
        #expect(tmx.contains(#"<seg><bpt i="1">&lt;cf bold=True&gt;</bpt>Генеральный секретарь ОДКБ<ept i="1">&lt;/cf&gt;</ept> Имангали"#))
        #expect(tmx.contains(#"<prop type="sdl:conf">ApprovedSignOff</prop>"#))
        #expect(!tmx.contains("{1}"))  // no placeholder left as text for the next tool to translate
        #expect(try CommandRunner.run(["export", "--tm", "t.sqlite", "--out", "plain.tmx", "--level", "1"], in: folder).status == 0)
        let plain = try String(contentsOf: folder.appendingPathComponent("plain.tmx"), encoding: .utf8)
        #expect(plain.contains("<seg>Генеральный секретарь ОДКБ Имангали"))
        #expect(!plain.contains("<bpt") && !plain.contains("<it ") && !plain.contains("{1}"))
    }
}
