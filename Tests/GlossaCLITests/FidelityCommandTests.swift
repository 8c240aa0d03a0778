import Foundation
import GlossaTestSupport
import Testing

/// What a CAT tool's TMX keeps through Glossa: units told apart by their codes and ids,
/// alternative translations, each unit's source language, and codes paired the wrong way.
@Suite struct FidelityCommandTests {
    let workspace: Workspace
    var folder: URL { workspace.folder }
    init() throws { workspace = try Workspace() }

    func glossa(_ arguments: String...) throws -> CommandResult { try workspace.glossa(arguments) }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    let fidelity = Fixtures.file("tmx/fidelity.tmx").path

    @Test func unitsDifferingInCodesOrIDsAreKeptAndCounted() throws {
        let result = try glossa("import", fidelity, "--tm", "t.sqlite", "--format", "json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try json(result.stdout)
        // <b> and <i> are two units; the same <i> unit under another tuid is kept apart; a
        // repeat differing only in its usage count is a duplicate.
        #expect(report["read"] as? Int == 7)
        #expect(report["added"] as? Int == 6)
        #expect(report["duplicates"] as? Int == 1)
        #expect(report["keptApart"] as? Int == 1)
        #expect(report["illPairedCodes"] as? Int == 2)
        let warnings = report["warnings"] as? [String] ?? []
        // Each at its code's line and column (the end of its start tag, where the parser is).
        #expect(warnings.contains("\(fidelity):37:46: ept i=\"2\" has no bpt before it in its seg; stored as written"), "\(warnings)")
        #expect(warnings.contains("\(fidelity):37:86: bpt i=\"3\" has no ept in its seg; stored as written"), "\(warnings)")

        let text = try glossa("import", fidelity, "--tm", "t.sqlite")
        #expect(text.stdout == "t.sqlite: 7 units read, 0 added, 7 duplicates skipped, 2 ill-paired inline codes stored as written\n")
        #expect(text.stderr.split(separator: "\n").count == 2)

        let export = try glossa("export", "--tm", "t.sqlite", "--out", "out.tmx")
        #expect(export.stdout == "out.tmx: 6 units written\n")
        let tmx = try self.text("out.tmx")
        for id in ["news-1-b", "news-2-i", "news-3-i"] { #expect(tmx.contains("tuid=\"\(id)\"")) }
        #expect(tmx.contains("&lt;b&gt;</bpt>Subscribe") && tmx.contains("&lt;i&gt;</bpt>Subscribe"))
        #expect(try Fixtures.validateTMX(folder.appendingPathComponent("out.tmx")).status == 0)
    }

    @Test func alternativesAreImportedLookedUpCountedAndExported() throws {
        #expect(try glossa("import", fidelity, "--tm", "t.sqlite").status == 0)
        let stats = try json(try glossa("stats", "--tm", "t.sqlite", "--format", "json").stdout)
        #expect(stats["languages"] as? [String: Int] == ["en": 6, "ru": 7, "kk": 1])
        #expect(stats["alternatives"] as? [String: Int] == ["ru": 1])
        #expect(try glossa("stats", "--tm", "t.sqlite").stdout.contains("ru\t7 segments, 1 of them an alternative"))

        let lookup = try glossa("lookup", "The CSTO Secretariat prepared the draft decisions.", "--tm", "t.sqlite", "--format", "json")
        let matches = try JSONSerialization.jsonObject(with: Data(lookup.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(matches.map { $0["target"] as? String } == ["Секретариат ОДКБ подготовил проекты решений.",
                                                             "Секретариат Организации подготовил проекты решений."])
        #expect(matches.map { $0["alternative"] as? Bool } == [false, true])
        // Each of the two translations is a match, a point off each (the multiple-translations penalty).
        #expect(matches.allSatisfy { $0["score"] as? Int == 99 && $0["base"] as? Int == 100 && $0["id"] as? String == "secretariat" })
        #expect(matches.allSatisfy { ($0["deductions"] as? [[String: Any]])?.map { $0["reason"] as? String } == ["multiple-translations"] })
        let plain = try glossa("lookup", "The CSTO Secretariat prepared the draft decisions.", "--tm", "t.sqlite")
        #expect(plain.stdout.contains("99%  unit 4  alternative translation"), "\(plain.stdout)")
        #expect(plain.stdout.contains("(−multiple-translations 1)"), "\(plain.stdout)")

        // Both Russian tuv come back in their order, each with its own prop.
        #expect(try glossa("export", "--tm", "t.sqlite", "--out", "out.tmx").status == 0)
        let unit = try text("out.tmx").components(separatedBy: "<tu ").first { $0.contains("tuid=\"secretariat\"") } ?? ""
        let approved = unit.range(of: "<prop type=\"x-status\">approved</prop>\n    <seg>Секретариат ОДКБ")
        let variant = unit.range(of: "<prop type=\"x-status\">variant</prop>\n    <seg>Секретариат Организации")
        #expect(approved != nil && variant != nil && approved!.lowerBound < variant!.lowerBound, "\(unit)")
        // A TSV cell holds one translation: the alternative is left out, and the user told.
        let tsv = try glossa("export", "--tm", "t.sqlite", "--out", "out.tsv")
        #expect(tsv.stderr == "glossa: warning: 1 alternative translations left out (a TSV cell holds one; export TMX to keep them)\n")
    }

    @Test func importOfTheExportKeepsEveryVariantCodeIDAndProp() throws {
        #expect(try glossa("import", fidelity, "--tm", "t.sqlite").status == 0)
        #expect(try glossa("export", "--tm", "t.sqlite", "--out", "first.tmx").status == 0)
        let again = try json(try glossa("import", "first.tmx", "--tm", "again.sqlite", "--format", "json").stdout)
        #expect(again["added"] as? Int == 6 && again["duplicates"] as? Int == 0)
        #expect(try glossa("export", "--tm", "again.sqlite", "--out", "second.tmx").status == 0)
        func body(_ name: String) throws -> [Substring] { try text(name).split(separator: "\n").filter { !$0.hasPrefix("<header") } }
        #expect(try body("first.tmx") == body("second.tmx"))
        // Importing the export into the TM it came from adds nothing.
        #expect(try glossa("import", "first.tmx", "--tm", "t.sqlite").stdout.contains("0 added, 6 duplicates skipped"))
    }

    @Test func theSourceLanguageSurvivesExport() throws {
        #expect(try glossa("import", fidelity, "--tm", "t.sqlite").status == 0)
        #expect(try glossa("export", "--tm", "t.sqlite", "--out", "out.tmx").status == 0)
        let tmx = try text("out.tmx")
        // Units disagree on their source: the header says *all*, the Russian-source unit says
        // ru and has its Russian tuv first.
        #expect(tmx.contains("srclang=\"*all*\""))
        let russian = tmx.components(separatedBy: "<tu ").first { $0.contains("tuid=\"from-russian\"") } ?? ""
        #expect(russian.hasPrefix("tuid=\"from-russian\" srclang=\"ru\""), "\(russian)")
        #expect(russian.range(of: "xml:lang=\"ru\"")!.lowerBound < russian.range(of: "xml:lang=\"en\"")!.lowerBound)

        // translate-toolkit takes the first tuv, or srclang's, as the source: both say Russian.
        let read = try CommandRunner.python("""
            import sys
            from translate.storage import tmx
            with open(sys.argv[1], 'rb') as f:
                units = tmx.tmxfile(f).units
            print("\\n".join(u.source + "\\t" + u.target for u in units))
            """, arguments: [folder.appendingPathComponent("out.tmx").path])
        #expect(read.status == 0, "translate-toolkit: \(read.stderr)")
        #expect(read.stdout.contains("Учение «Взаимодействие-2025» прошло в Беларуси.\tThe exercise \"Interaction-2025\" took place in Belarus."))

        // Units of one source language: the header names it and no unit repeats it.
        #expect(try glossa("import", Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv").path, "--tm", "gtk.sqlite").status == 0)
        #expect(try glossa("export", "--tm", "gtk.sqlite", "--out", "gtk.tmx").status == 0)
        let gtk = try text("gtk.tmx")
        #expect(gtk.contains("<header") && gtk.split(separator: "\n").first { $0.hasPrefix("<header") }!.contains("srclang=\"en\""))
        #expect(!gtk.split(separator: "\n").contains { $0.hasPrefix("<tu ") && $0.contains("srclang") })
    }
}
