import Foundation
import GlossaTestSupport
import Testing

/// Drives the real `glossa` binary: the contract scripts and CI rely on.
@Suite struct CLITests {
    let folder: URL
    init() throws { folder = try Fixtures.temporaryDirectory() }

    func glossa(_ arguments: String..., input: String = "", environment: [String: String] = [:]) throws -> CommandResult {
        try CommandRunner.run(arguments, in: folder, environment: environment, input: input)
    }

    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    func fileBytes(_ name: String) -> Data? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
    }

    @Test func segmentPrintsSentencesWithBlankLinesBetweenBlocks() throws {
        let result = try glossa("segment", Fixtures.seedPage.path)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let blocks = result.stdout.components(separatedBy: "\n\n")
        #expect(blocks[0] == "23.06.2025")
        #expect(blocks[1].hasPrefix("On June 18-19, 2025, in Dushanbe"))
        #expect(blocks[2] == "23.06.2025")
        #expect(result.stdout.contains("\nThe Kyrgyz Republic, as the Chairman, initiated"))
    }

    @Test func segmentJSONCarriesPositions() throws {
        try write("# Заголовок\n\nВстреча прошла в г. Душанбе. Выступил И. Тасмагамбетов.\n", to: "news.md")
        let result = try glossa("segment", "news.md", "--lang", "ru", "--format", "json")
        #expect(result.status == 0)
        let files = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        let blocks = files?.first?["blocks"] as? [[String: Any]]
        #expect(blocks?.map { $0["kind"] as? String } == ["heading", "paragraph"])
        let sentences = blocks?[1]["sentences"] as? [[String: Any]]
        #expect(sentences?.map { $0["text"] as? String } == ["Встреча прошла в г. Душанбе.", "Выступил И. Тасмагамбетов."])
        #expect(sentences?[1]["line"] as? Int == 3)
        #expect(sentences?[1]["column"] as? Int == 30)
    }

    @Test func segmentReadsStandardInputAndSRX() throws {
        let stdin = try glossa("segment", "-", "--lang", "hy", input: "Ձեր ընտրած գույնը։ Այս միավորը։\n")
        #expect(stdin.stdout == "Ձեր ընտրած գույնը։\nԱյս միավորը։\n")
        let srx = try glossa("segment", "-", "--srx", Fixtures.omegatSRX.path, input: "Mr. Smith left. He came back.\n")
        #expect(srx.stdout == "Mr. Smith left.\nHe came back.\n")
    }

    @Test func importStatsAndDuplicates() throws {
        let table = Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv").path
        // A TM path is not a folder maker: a missing folder (a typo, a URL) is an error naming it.
        let typo = try glossa("import", table, "--tm", "wrok/csto.sqlite")
        #expect(typo.status == 2)
        #expect(typo.stderr.hasPrefix("glossa: error: wrok/csto.sqlite: cannot write the translation memory: there is no folder "))
        // A PostgreSQL URL is a database, not a folder to make: no server there is an error naming it.
        let url = try glossa("import", table, "--tm", "postgresql://translator:secret@127.0.0.1:1/db")
        #expect(url.status == 2 && url.stderr.hasPrefix("glossa: error: postgresql://translator@127.0.0.1:1/db: cannot connect"),
                "\(url.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)

        try FileManager.default.createDirectory(at: folder.appendingPathComponent("work"), withIntermediateDirectories: false)
        let first = try glossa("import", table, "--tm", "work/csto.sqlite", "--format", "json")
        #expect(first.status == 0)
        #expect(try json(first.stdout) as NSDictionary == ["read": 27, "added": 27, "duplicates": 0, "keptApart": 0, "skipped": [],
                                                           "unconfirmed": 0, "illPairedCodes": 0, "warnings": [], "replaced": 0,
                                                           "leftOutByPolicy": 0] as NSDictionary)
        let again = try glossa("import", table, "--tm", "work/csto.sqlite")
        #expect(again.stdout == "work/csto.sqlite: 27 units read, 0 added, 27 duplicates skipped\n")

        let stats = try glossa("stats", "--format", "json", environment: ["GLOSSA_TM": "work/csto.sqlite"])
        let report = try json(stats.stdout)
        #expect(report["units"] as? Int == 27)
        #expect(report["languages"] as? NSDictionary == ["en": 27, "ru": 27, "kk": 27, "hy": 27, "be": 27] as NSDictionary)

        let check = try glossa("tm", "check", "--tm", "work/csto.sqlite")
        #expect(check.status == 0)
        #expect(check.stdout == "work/csto.sqlite: ok\n")
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedImportLeavesNoHalfBuiltTM(signal: Int32) throws {
        // Long enough to be caught mid-load: 300,000 numbered pairs.
        var table = "en\tru\n"
        for number in 0..<300_000 { table += "The Council met for the \(number)th time.\tСовет собрался в \(number)-й раз.\n" }
        try write(table, to: "big.tsv")
        let process = Process()
        process.executableURL = CommandRunner.glossa
        process.arguments = ["import", "big.tsv", "--tm", "big.sqlite"]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // Wait for the temporary file the new TM is built in, then interrupt.
        let deadline = Date().addingTimeInterval(30)
        func temporaryFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("big.sqlite") }
        }
        while try temporaryFiles().isEmpty && process.isRunning && Date() < deadline { usleep(20_000) }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 128 + signal, "\(said)")
        #expect(said.contains("glossa: interrupted; big.sqlite was not created"))
        #expect(try temporaryFiles().isEmpty)
    }

    /// UTF-16LE bytes of `text`.
    static func utf16(_ text: String) -> [UInt8] {
        text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    /// Files whose bytes or cells libxml2 and the readers once reported over several lines,
    /// or with libxml2's own unprefixed lines: invalid UTF-8, a lone UTF-16 surrogate, a byte
    /// windows-1251 does not have, a header cell with a quoted line break.
    static let brokenFiles: [(name: String, bytes: [UInt8], message: String)] = {
        let unit = "<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"en\"><seg>"
        let end = "</seg></tuv></tu></body></tmx>\n"
        let utf8: [UInt8] = Array(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + unit + "caf").utf8) + [0xE9] + Array((" <b>" + end).utf8)
        var utf16: [UInt8] = [0xFF, 0xFE] + Self.utf16("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + unit + "a")
        utf16 += [0x00, 0xD8] + Self.utf16("b" + end)
        let cp1251: [UInt8] = Array(("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n" + unit).utf8) + [0x98] + Array(end.utf8)
        return [
            ("utf8.tmx", utf8, "utf8.tmx:2:66: invalid UTF-8 (byte 0xE9): the file is not in the encoding it declares"),
            ("utf16.tmx", utf16, "utf16.tmx:1:40: bytes not valid in UTF-16LE at or after this point (bytes 0x00 0xD8"),
            ("cp1251.tmx", cp1251, "cp1251.tmx:1:44: bytes not valid in windows-1251 at or after this point (bytes 0x98"),
            ("header.csv", Array("\"en\nx\",ru\nCSTO,ОДКБ\n".utf8), "header.csv:1:1: header: 'en\\nx' is not a language tag"),
        ]
    }()

    @Test(arguments: Self.brokenFiles.indices)
    func inputErrorsAreOneLineSayingWhereAndWhy(index: Int) throws {
        let (name, bytes, message) = Self.brokenFiles[index]
        #expect(try glossa("import", Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv").path, "--tm", "t.sqlite").status == 0)
        let before = fileBytes("t.sqlite")
        try Data(bytes).write(to: folder.appendingPathComponent(name))
        let result = try glossa("import", name, "--tm", "t.sqlite")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("glossa: error: \(message)"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n", omittingEmptySubsequences: false).count == 2, "\(result.stderr)")
        #expect(fileBytes("t.sqlite") == before)
    }

    @Test func importsLineAlignedFilesAndDocuments() throws {
        try write("Dear colleagues,\nThank you for your attention.\n", to: "speech.en.txt")
        try write("Уважаемые коллеги!\nБлагодарю за внимание.\n", to: "speech.ru.txt")
        let aligned = try glossa("import", "speech.en.txt", "speech.ru.txt", "--langs", "en,ru", "--tm", "t.sqlite")
        #expect(aligned.stdout == "t.sqlite: 2 units read, 2 added, 0 duplicates skipped\n")
        let document = try glossa("import", Fixtures.seedPage.path, "--lang", "en", "--tm", "t.sqlite")
        #expect(document.stdout == "t.sqlite: 53 units read, 50 added, 3 duplicates skipped\n")
        let stats = try json(try glossa("stats", "--tm", "t.sqlite", "--format", "json").stdout)
        #expect(stats["languages"] as? NSDictionary == ["en": 52, "ru": 2] as NSDictionary)
        let text = try glossa("stats", "--tm", "t.sqlite").stdout
        #expect(text.hasPrefix("t.sqlite: 52 units, schema version") && text.contains("  ru\t2 segments\n"))
        try write("en\tru\nThank you.\tСпасибо.\n", to: "one.tsv")
        #expect(try glossa("import", "one.tsv", "--tm", "one.sqlite").status == 0)
        let one = try glossa("stats", "--tm", "one.sqlite").stdout
        #expect(one.hasPrefix("one.sqlite: 1 unit, schema version") && one.contains("  ru\t1 segment\n"))
    }

    @Test func everyCommandTellsAFilesFormatAlike() throws {
        // A TMX saved as .xml, a gettext template: import, check and export agree with the registry.
        try Data(try Fixtures.bytes(Fixtures.file("tmx/okapi.tmx"))).write(to: folder.appendingPathComponent("memory.xml"))
        let imported = try glossa("import", "memory.xml", "--tm", "t.sqlite", "--format", "json")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect((try json(imported.stdout)["added"] as? Int ?? 0) > 0)
        try write("msgid \"\"\nmsgstr \"Language: ru\\n\"\n\nmsgid \"Collective Security Council\"\nmsgstr \"Совет коллективной безопасности\"\n", to: "messages.pot")
        #expect(try glossa("import", "messages.pot", "--tm", "t.sqlite").stdout.hasSuffix("1 units read, 1 added, 0 duplicates skipped\n"))
        let checked = try glossa("check", "messages.pot", "memory.xml", "--glossary", Fixtures.repositoryRoot.appendingPathComponent("glossaries/csto.tbx").path, "--format", "json")
        #expect(checked.status == 0 || checked.status == 1, "\(checked.stderr)")
        #expect(try glossa("export", "--out", "out.tsv", "--tm", "t.sqlite").stdout.hasPrefix("out.tsv: "))
        #expect(String(decoding: fileBytes("out.tsv") ?? Data(), as: UTF8.self).hasPrefix("en"))
    }

    @Test(arguments: [
        ("en\tru\nOne\tОдин\nTwo\tДва\tTres\n", "bad.tsv:3:9: expected 2 cells (en, ru), found 3"),
        ("en\tqq\nOne\tОдин\n", "bad.tsv:1:4: header: unknown language tag 'qq': 'qq' is not a registered subtag"),
        ("en\tru\nOne\tОдин\nTwo\tД\u{FFFD}\n", nil),
    ])
    func badInputLeavesTheTMUntouched(content: String, message: String?) throws {
        #expect(try glossa("import", Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv").path, "--tm", "t.sqlite").status == 0)
        let before = fileBytes("t.sqlite")
        try write(content, to: "bad.tsv")
        let result = try glossa("import", "bad.tsv", "--tm", "t.sqlite")
        if let message {
            #expect(result.status == 2)
            #expect(result.stderr == "glossa: error: \(message)\n")
            #expect(result.stdout.isEmpty)
        } else {
            #expect(result.status == 0)  // U+FFFD is a valid character, imported as is
        }
        if message != nil { #expect(fileBytes("t.sqlite") == before) }
        #expect(try glossa("tm", "check", "--tm", "t.sqlite").status == 0)
    }

    @Test func invalidUTF8AndMissingFilesAreInputErrors() throws {
        var bytes = Array("en\tru\nOne\tОдин\nTwo\t".utf8)
        bytes += [0xFF, 0x0A]
        try Data(bytes).write(to: folder.appendingPathComponent("bad.tsv"))
        let invalid = try glossa("import", "bad.tsv", "--tm", "t.sqlite")
        #expect(invalid.status == 2)
        #expect(invalid.stderr == "glossa: error: bad.tsv:3:5: invalid UTF-8 (byte 0xFF)\n")
        // A failed import into a TM that did not exist leaves no file behind.
        #expect(fileBytes("t.sqlite") == nil)

        let missing = try glossa("import", "nowhere.tsv", "--tm", "t.sqlite")
        #expect(missing.status == 2)
        #expect(missing.stderr == "glossa: error: nowhere.tsv: no such file\n")
        // Said before what the name suggests is asked about (a .txt needs --lang or --langs).
        #expect(try glossa("import", "nowhere.txt", "--tm", "t.sqlite").stderr == "glossa: error: nowhere.txt: no such file\n")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("corpus"), withIntermediateDirectories: true)
        #expect(try glossa("import", "corpus", "--tm", "t.sqlite").stderr == "glossa: error: corpus: is a folder, not a file\n")

        let unknownLanguage = try glossa("segment", Fixtures.seedPage.path, "--lang", "english")
        #expect(unknownLanguage.status == 2)
        #expect(unknownLanguage.stderr.hasPrefix("glossa: error: unknown language tag 'english'"))

        let noLanguage = try glossa("import", Fixtures.seedPage.path, "--tm", "t.sqlite")
        #expect(noLanguage.status == 2)
        #expect(noLanguage.stderr.contains("say --lang L"))
    }

    @Test func unusableTMFilesAreErrors() throws {
        try write("just some notes\n", to: "notes.sqlite")
        let notATM = try glossa("stats", "--tm", "notes.sqlite")
        #expect(notATM.status == 2)
        #expect(notATM.stderr == "glossa: error: notes.sqlite: not a Glossa translation memory (not an SQLite database)\n")
        #expect(fileBytes("notes.sqlite") == Data("just some notes\n".utf8))

        let missing = try glossa("stats", "--tm", "none.sqlite")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("none.sqlite: no translation memory here"))

        let unwritable = try glossa("import", Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv").path, "--tm", "/proc/glossa/tm.sqlite")
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.hasPrefix("glossa: error: /proc/glossa/tm.sqlite: cannot write the translation memory"))
    }

    @Test func tmOfANewerSchemaIsRefusedAndKept() throws {
        #expect(try glossa("import", Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv").path, "--tm", "t.sqlite").status == 0)
        try sqlite("PRAGMA user_version = 99", on: "t.sqlite")
        let before = fileBytes("t.sqlite")
        let stats = try glossa("stats", "--tm", "t.sqlite")
        #expect(stats.status == 2)
        #expect(stats.stderr.hasPrefix("glossa: error: t.sqlite: translation memory has schema version 99, newer than this Glossa supports ("))
        #expect(stats.stderr.hasSuffix("); upgrade Glossa\n"))
        let importing = try glossa("import", Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv").path, "--tm", "t.sqlite")
        #expect(importing.status == 2)
        #expect(fileBytes("t.sqlite") == before)
    }

    /// Runs SQL on a TM file with Python's sqlite3, as a user editing the file by hand would.
    func sqlite(_ sql: String, on name: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit(); c.close()",
                             folder.appendingPathComponent(name).path, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func defaultTMIsBuiltFromTheBundledSample() throws {
        let seed = folder.appendingPathComponent("tm/seed")
        try FileManager.default.createDirectory(at: seed, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("tm/seed/csto-news-2025-06.en-ru.tsv"),
                                         to: seed.appendingPathComponent("csto-news-2025-06.en-ru.tsv"))
        let first = try glossa("stats", "--format", "json")
        #expect(first.status == 0)
        #expect(first.stderr.contains("building tm/glossa.sqlite from the bundled sample"))
        let stats = try json(first.stdout)
        #expect(stats["units"] as? Int == 50)
        #expect(stats["languages"] as? NSDictionary == ["en": 50, "ru": 50] as NSDictionary)
        let second = try glossa("stats")
        #expect(second.stderr.isEmpty)
    }

    @Test func tmCheckFailsOnDamage() throws {
        #expect(try glossa("import", Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv").path, "--tm", "t.sqlite").status == 0)
        try sqlite("UPDATE variant SET text = 'tampered' WHERE lang = 'ru' AND unit_id = 2", on: "t.sqlite")
        let check = try glossa("tm", "check", "--tm", "t.sqlite", "--format", "json")
        #expect(check.status == 1)
        let report = try json(check.stdout)
        #expect(report["ok"] as? Bool == false)
        #expect((report["problems"] as? [String])?.contains { $0.contains("unit 2 [ru]") } == true)
    }

    @Test func helpAndUsage() throws {
        for command in ["segment", "import", "stats"] {
            let help = try glossa(command, "--help")
            #expect(help.status == 0)
            #expect(help.stdout.contains("Examples:"))
        }
        let tmCheckHelp = try glossa("tm", "check", "--help")
        #expect(tmCheckHelp.status == 0)
        #expect(tmCheckHelp.stdout.contains("glossa tm check"))
        let unknown = try glossa("frobnicate")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("frobnicate"))
        let badOption = try glossa("stats", "--format", "yaml")
        #expect(badOption.status == 2)
    }
}
