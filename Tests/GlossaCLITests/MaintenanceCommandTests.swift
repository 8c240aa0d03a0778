import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GlossaTestSupport
import Testing

/// `glossa tm list`, `tm delete` and `tm replace` through the real binary, on both stores, on
/// a TM of real content: gtk's messages in five languages, and the fidelity TMX (inline
/// codes, alternatives, properties).
@Suite struct MaintenanceCommandTests {
    let workspace = try! Workspace()

    func glossa(_ tm: String, _ arguments: String...) throws -> CommandResult {
        try CommandRunner.run(arguments + ["--tm", tm], in: workspace.folder)
    }

    func lines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    /// A TM in `store` with the two fixtures imported.
    func memory(_ store: TestStore) throws -> String {
        let tm = try store.makeLocation(named: "tm.sqlite")
        let imported = try glossa(tm, "import", Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv").path, Fixtures.file("tmx/fidelity.tmx").path)
        #expect(imported.status == 0, "\(imported.stderr)")
        return tm
    }

    @Test(arguments: TestStore.allCases) func listSelectsByConditionTextAndFile(store: TestStore) throws {
        let tm = try memory(store)
        let all = try lines(try glossa(tm, "tm", "list").stdout)
        // 27 messages, and the TMX's 7 units less one duplicate.
        #expect(all.count == 27 + 6)
        let kazakh = try lines(try glossa(tm, "tm", "list", "--where", "lang=kk").stdout)
        #expect(kazakh.count == all.filter { ($0["variants"] as? [String: String])?["kk"] != nil }.count)
        #expect(kazakh.count >= 27 && kazakh.count < all.count)
        let fromFile = try lines(try glossa(tm, "tm", "list", "--from-file", "tmx/fidelity.tmx").stdout)
        #expect(fromFile.count == 6 && fromFile.allSatisfy { $0["origin"] as? String == "fidelity.tmx" })
        let text = try lines(try glossa(tm, "tm", "list", "--text", "BOOKMARKS", "--lang", "en").stdout)
        #expect(!text.isEmpty && text.allSatisfy { (($0["variants"] as? [String: String])?["en"] ?? "").lowercased().contains("bookmarks") })
        let property = try lines(try glossa(tm, "tm", "list", "--where", "Txt::FileName=news-*.html").stdout)
        #expect(property.map { $0["tuid"] as? String } == ["news-1-b", "news-2-i", "news-3-i"])
        #expect(try glossa(tm, "tm", "list", "--where", "created>yesterday").status != 0)
    }

    @Test(arguments: TestStore.allCases) func deleteIsAllOrNothingAndTheIndexesFollow(store: TestStore) throws {
        let tm = try memory(store)
        let query = "Add the current folder to the bookmarks"
        #expect(try glossa(tm, "lookup", query, "--min", "100").stdout.hasPrefix("100%"))
        // A dry run lists and deletes nothing; no selection is refused.
        let dry = try glossa(tm, "tm", "delete", "--text", "bookmarks", "--dry-run")
        let doomed = try lines(dry.stdout)
        #expect(!doomed.isEmpty && dry.stderr.contains("\(doomed.count) units would be deleted"))
        #expect(try lines(try glossa(tm, "tm", "list").stdout).count == 33)
        #expect(try glossa(tm, "tm", "delete").status != 0)
        let deleted = try glossa(tm, "tm", "delete", "--text", "bookmarks", "--format", "json")
        #expect((try JSONSerialization.jsonObject(with: Data(deleted.stdout.utf8)) as? [String: Any])?["deleted"] as? Int == doomed.count)
        #expect(try lines(try glossa(tm, "tm", "list").stdout).count == 33 - doomed.count)
        #expect(try glossa(tm, "lookup", query, "--min", "60").stdout.hasPrefix("No match"))
        #expect(try glossa(tm, "concordance", "bookmarks").stdout.hasPrefix("No en segment matches"))
        #expect(try glossa(tm, "tm", "check").status == 0)
        // What a file brought goes with it.
        #expect(try glossa(tm, "tm", "delete", "--from-file", "fidelity.tmx").stdout.contains("6 units deleted"))
        #expect(try lines(try glossa(tm, "tm", "list").stdout).count == 27 - doomed.count)
    }

    @Test(arguments: TestStore.allCases) func replaceKeepsIdsCodesAndCaseAndRefusesDuplicates(store: TestStore) throws {
        let tm = try memory(store)
        // Dry run: each change as a JSON line, nothing written.
        let dry = try lines(try glossa(tm, "tm", "replace", "ОДКБ", "Организации", "--lang", "ru", "--dry-run").stdout)
        #expect(dry.count == 4 && dry.allSatisfy { ($0["after"] as? String)?.contains("Организации") == true })
        #expect(try glossa(tm, "tm", "list", "--text", "новости Организации", "--lang", "ru").stdout.isEmpty)
        // The three "Press Subscribe" units: news-2-i and news-3-i differ only in their file
        // property, so they stay apart; changing "Subscribe" keeps each one's id and codes.
        let before = try lines(try glossa(tm, "tm", "list", "--where", "id=news-1-b").stdout)
        let id = try #require(before.first?["id"] as? Int)
        let changed = try glossa(tm, "tm", "replace", "subscribe", "follow", "--lang", "en", "--author", "terminologist")
        #expect(changed.status == 0 && changed.stdout.contains("units changed"), "\(changed.stderr)")
        let after = try lines(try glossa(tm, "tm", "list", "--unit", "\(id)").stdout)
        #expect((after.first?["variants"] as? [String: String])?["en"] == "Press {1}Follow{/1} to receive CSTO news.")
        #expect(after.first?["changed_by"] as? String == "terminologist")
        #expect(try glossa(tm, "lookup", "Press Follow to receive CSTO news.", "--min", "90").stdout.contains("unit \(id)"))
        #expect(try glossa(tm, "tm", "check").status == 0)
        // The codes come back in a TMX export unchanged around the new word.
        #expect(try glossa(tm, "export", "--out", "out.tmx").status == 0)
        let exported = try String(contentsOf: workspace.folder.appendingPathComponent("out.tmx"), encoding: .utf8)
        #expect(exported.contains("Press <bpt i=\"1\">&lt;b&gt;</bpt>Follow<ept i=\"1\">&lt;/b&gt;</ept> to receive CSTO news."))
        // A unit a replacement would make a copy of another stays as it was, and is named.
        try workspace.write("""
            en\tru
            The CSTO Secretary General met the ministers.\tГенеральный секретарь ОДКБ встретился с министрами.
            The Organization's Secretary General met the ministers.\tГенеральный секретарь ОДКБ встретился с министрами.

            """, to: "meetings.tsv")
        #expect(try glossa(tm, "import", "meetings.tsv").status == 0)
        let copy = try #require(try lines(try glossa(tm, "tm", "list", "--text", "Organization's Secretary").stdout).first?["id"] as? Int)
        let merged = try glossa(tm, "tm", "replace", "Organization's", "CSTO", "--lang", "en", "--match-case")
        #expect(merged.stdout.contains("left as they were, since the change would copy another unit: units \(copy)"), "\(merged.stdout)")
        #expect(try glossa(tm, "tm", "list", "--unit", "\(copy)").stdout.contains("The Organization's Secretary General"))
        #expect(try glossa(tm, "tm", "check").status == 0)
    }
}

/// `glossa tm dedupe` on both stores: one unit per source, chosen as asked, exact duplicates
/// merged.
@Suite struct DedupeCommandTests {
    let workspace = try! Workspace()

    /// One source translated twice (2019, used 9 times; 2025, used once), its 2019 translation
    /// stored again in 2020 with another property, and a sentence stored once.
    static let tmx = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>
        <body>
        <tu tuid="a" creationdate="20190301T100000Z" usagecount="9"><prop type="x-domain">news</prop>
          <tuv xml:lang="en"><seg>The CSTO Secretary General met the ministers.</seg></tuv>
          <tuv xml:lang="ru"><seg>Генеральный секретарь ОДКБ встретился с министрами.</seg></tuv></tu>
        <tu tuid="b" creationdate="20250301T100000Z" usagecount="1">
          <tuv xml:lang="en"><seg>The CSTO Secretary General met the ministers.</seg></tuv>
          <tuv xml:lang="ru"><seg>Генсек ОДКБ встретился с министрами.</seg></tuv></tu>
        <tu tuid="c" creationdate="20200301T100000Z"><prop type="client">CSTO</prop>
          <tuv xml:lang="en"><seg>The CSTO  Secretary General met the ministers.</seg></tuv>
          <tuv xml:lang="ru"><seg>Генеральный секретарь ОДКБ встретился с министрами.</seg></tuv></tu>
        <tu tuid="d" creationdate="20240301T100000Z">
          <tuv xml:lang="en"><seg>The Joint Staff met in Minsk.</seg></tuv>
          <tuv xml:lang="ru"><seg>Объединённый штаб собрался в Минске.</seg></tuv></tu>
        </body></tmx>
        """

    func lines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test(arguments: TestStore.allCases) func oneUnitPerSourceAsAskedDuplicatesMerged(store: TestStore) throws {
        let tm = try store.makeLocation(named: "tm.sqlite")
        func glossa(_ arguments: String...) throws -> CommandResult { try CommandRunner.run(arguments + ["--tm", tm], in: workspace.folder) }
        try workspace.write(Self.tmx, to: "history.tmx")
        #expect(try glossa("import", "history.tmx").status == 0)
        let ids = Dictionary(uniqueKeysWithValues: try lines(try glossa("tm", "list").stdout).map { ($0["tuid"] as? String ?? "", $0["id"] as? Int ?? 0) })
        // Dry runs: what each choice would keep; nothing changes.
        let newest = try lines(try glossa("tm", "dedupe", "--dry-run").stdout)
        #expect(newest.count == 1 && newest[0]["kept"] as? Int == ids["b"] && (newest[0]["deleted"] as? [Int])?.sorted() == [ids["a"]!, ids["c"]!])
        let oldest = try lines(try glossa("tm", "dedupe", "--keep", "oldest", "--dry-run").stdout)
        #expect(oldest.first?["kept"] as? Int == ids["a"] && oldest.first?["merged"] as? [Int] == [ids["c"]!])
        #expect(try lines(try glossa("tm", "list").stdout).count == 4)
        // Most used: unit a stays, c's property joins it, b goes.
        let done = try glossa("tm", "dedupe", "--keep", "most-used")
        #expect(done.stdout.contains("1 sources with several units: 1 units merged, 1 deleted"), "\(done.stdout) \(done.stderr)")
        let left = try lines(try glossa("tm", "list").stdout)
        #expect(left.map { $0["tuid"] as? String } == ["a", "d"])
        #expect(left.first?["id"] as? Int == ids["a"] && left.first?["properties"] as? [String: String] == ["x-domain": "news", "client": "CSTO"])
        let match = try #require(try JSONSerialization.jsonObject(with: Data(try glossa("lookup", "The CSTO Secretary General met the ministers.", "--format", "json").stdout.utf8)) as? [[String: Any]])
        #expect(match.map { $0["score"] as? Int } == [100])
        #expect(try glossa("tm", "check").status == 0)
    }
}

/// The maintenance listing over HTTP and on the search page, read-only.
@Suite struct MaintenanceListingServerTests {
    @Test func aServerListsUnitsByTextAndConditionAPageAtATime() async throws {
        let workspace = try Workspace()
        #expect(try workspace.glossa(["import", Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv").path, Fixtures.file("tmx/fidelity.tmx").path,
                                      "--tm", "tm.sqlite"]).status == 0)
        let server = try ServerProcess(["--tm", "tm.sqlite"], in: workspace.folder)
        func get(_ path: String) async throws -> (Int, Any?) {
            let (data, response) = try await URLSession.shared.data(from: URL(string: path, relativeTo: server.baseURL)!)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, try? JSONSerialization.jsonObject(with: data))
        }
        let (status, body) = try await get("api/units?where=origin%3Dfidelity.tmx&where=lang%3Dru&max=4")
        let units = try #require(body as? [[String: Any]])
        #expect(status == 200 && units.count == 4 && units.allSatisfy { $0["origin"] as? String == "fidelity.tmx" })
        let second = try #require(try await get("api/units?where=origin%3Dfidelity.tmx&where=lang%3Dru&max=4&page=2").1 as? [[String: Any]])
        #expect(second.count == 2 && Set(second.compactMap { $0["id"] as? Int }).isDisjoint(with: units.compactMap { $0["id"] as? Int }))
        let text = try #require(try await get("api/units?text=bookmarks&lang=en").1 as? [[String: Any]])
        #expect(!text.isEmpty && text.allSatisfy { (($0["variants"] as? [String: String])?["en"] ?? "").lowercased().contains("bookmarks") })
        #expect(try await get("api/units?where=created%3Eyesterday").0 == 400)
        // On the page: whole units, each language's text, nothing to edit without a token.
        let page = try Browser.dumpDOM(URL(string: "?q=Subscribe&mode=units&from=en", relativeTo: server.baseURL)!)
        #expect(page.contains("<body data-ready=\"true\">") && page.contains("Page 1: 3 units"), "\(page)")
        #expect(page.contains("<li class=\"hit unit\" data-unit=") && page.contains("Нажмите {1}Подписаться{/1}, чтобы получать новости ОДКБ."))
        #expect(!page.contains("Correct</button>"))
    }
}

/// `glossa import --on-conflict` on both stores: a source the TM holds, translated anew.
@Suite struct ImportConflictTests {
    let workspace = try! Workspace()

    static func tmx(_ translation: String, year: Int) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>
        <body>
        <tu creationdate="\(year)0301T100000Z"><tuv xml:lang="en"><seg>The CSTO Secretary General met the ministers.</seg></tuv>
          <tuv xml:lang="ru"><seg>\(translation)</seg></tuv></tu>
        <tu creationdate="\(year)0301T100000Z"><tuv xml:lang="en"><seg>The Joint Staff met in Minsk.</seg></tuv>
          <tuv xml:lang="ru"><seg>Объединённый штаб собрался в Минске.</seg></tuv></tu>
        </body></tmx>
        """
    }

    @Test(arguments: TestStore.allCases) func aStoredSourceIsKeptReplacedOrWeighedByDate(store: TestStore) throws {
        let tm = try store.makeLocation(named: "tm.sqlite")
        func glossa(_ arguments: String...) throws -> CommandResult { try CommandRunner.run(arguments + ["--tm", tm], in: workspace.folder) }
        func translations() throws -> [String] {
            try glossa("tm", "list", "--text", "Secretary General").stdout.split(separator: "\n").compactMap {
                ((try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["variants"] as? [String: String])?["ru"]
            }
        }
        try workspace.write(Self.tmx("Генеральный секретарь ОДКБ встретился с министрами.", year: 2024), to: "first.tmx")
        try workspace.write(Self.tmx("Генсек ОДКБ встретился с министрами.", year: 2019), to: "older.tmx")
        try workspace.write(Self.tmx("Генеральный секретарь ОДКБ провёл встречу с министрами.", year: 2025), to: "newer.tmx")
        #expect(try glossa("import", "first.tmx").status == 0)
        // keep: the stored translation stays (the Joint Staff's unit is stored too: left out as well).
        let kept = try glossa("import", "older.tmx", "--on-conflict", "keep")
        #expect(kept.stdout.contains("0 added, 0 duplicates skipped, 0 stored units replaced, 2 left out (--on-conflict keep)"), "\(kept.stdout) \(kept.stderr)")
        #expect(try translations() == ["Генеральный секретарь ОДКБ встретился с министрами."])
        // newest: an older unit does not replace; a newer one does.
        #expect(try glossa("import", "older.tmx", "--on-conflict", "newest").stdout.contains("0 stored units replaced, 2 left out"))
        #expect(try translations() == ["Генеральный секретарь ОДКБ встретился с министрами."])
        #expect(try glossa("import", "newer.tmx", "--on-conflict", "newest").stdout.contains("2 added, 0 duplicates skipped, 2 stored units replaced"))
        #expect(try translations() == ["Генеральный секретарь ОДКБ провёл встречу с министрами."])
        // overwrite: whatever the date; add (the default): beside.
        #expect(try glossa("import", "older.tmx", "--on-conflict", "overwrite").stdout.contains("2 stored units replaced"))
        #expect(try translations() == ["Генсек ОДКБ встретился с министрами."])
        #expect(try glossa("import", "first.tmx").status == 0)
        #expect(try translations().count == 2)
        #expect(try glossa("tm", "check").status == 0)
    }
}
