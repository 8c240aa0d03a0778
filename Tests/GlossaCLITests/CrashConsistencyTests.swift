import Foundation
import GlossaTestSupport
import Testing

/// kill -9 at several points of an import (into a file and into PostgreSQL) and of `tm index`:
/// the TM afterwards is whole and as it was (or holds the whole import, when the process
/// finished first), and what a killed
/// import into a new TM left behind is removed by the next command, which says so. And a file
/// built to exhaust memory imports within bounds.
@Suite struct CrashConsistencyTests {
    let workspace: Workspace
    var folder: URL { workspace.folder }
    init() throws { workspace = try Workspace() }

    func glossa(_ arguments: String...) throws -> CommandResult { try workspace.glossa(arguments) }

    /// Numbered en-ru pairs: long enough to be killed mid-way in a debug build.
    func writeTable(_ name: String, rows: Int) throws {
        var table = "en\tru\n"
        for number in 0..<rows { table += "The Council met for the \(number)th time.\tСовет собрался в \(number)-й раз.\n" }
        try workspace.write(table, to: name)
    }

    /// Runs `glossa arguments…` and kills it with SIGKILL `after` seconds; returns whether it
    /// was still running then.
    func killed(after seconds: Double, _ arguments: [String]) throws -> Bool {
        let process = Process()
        process.executableURL = CommandRunner.glossa
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32(seconds * 1_000_000))
        let running = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return running && process.terminationReason == .uncaughtSignal
    }

    func units(_ tm: String) throws -> Int? {
        let stats = try glossa("stats", "--tm", tm, "--format", "json")
        return (try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])?["units"] as? Int
    }

    func leftovers(_ tm: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(tm + ".glossa-new-") }
    }

    @Test func aKilledImportIntoANewTMLeavesNoTMAndTheNextImportClearsUp() throws {
        try writeTable("big.tsv", rows: 60_000)
        var kills = 0
        for (round, seconds) in [0.4, 1.5].enumerated() {
            let tm = "new-\(round).sqlite"
            guard try killed(after: seconds, ["import", "big.tsv", "--tm", tm]) else { continue }
            kills += 1
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(tm).path))
            #expect(try !leftovers(tm).isEmpty)
            try workspace.write("en\tru\nCSTO\tОДКБ\n", to: "small.tsv")
            let next = try glossa("import", "small.tsv", "--tm", tm)
            #expect(next.status == 0)
            #expect(next.stderr.hasPrefix("glossa: removed "), "\(next.stderr)")
            #expect(next.stderr.contains("an import killed before it finished left behind"))
            #expect(try leftovers(tm).isEmpty)
            #expect(try units(tm) == 1)
            #expect(try glossa("tm", "check", "--tm", tm).status == 0)
        }
        #expect(kills > 0)
    }

    @Test(arguments: [(TestStore.sqlite, false), (.sqlite, true), (.postgresql, false)])
    func aKilledImportIntoAStoredTMLeavesItAsItWas(store: TestStore, deferred: Bool) throws {
        try writeTable("big.tsv", rows: 60_000)
        let tm = try store.makeLocation(named: "t.sqlite")
        let gtk = Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv").path
        #expect(try glossa("import", gtk, "--tm", tm).status == 0)
        var kills = 0
        for seconds in [0.4, 1.5, 3.0] {
            let wasKilled = try killed(after: seconds, ["import", "big.tsv", "--tm", tm] + (deferred ? ["--defer-index"] : []))
            let count = try units(tm)
            // All or nothing: a process killed after its commit (while it closes the file)
            // leaves the whole import, one killed before leaves the TM as it was.
            if wasKilled {
                kills += 1
                #expect(count == 27 || count == 27 + 60_000, "killed after \(seconds) s")
            } else {
                #expect(count == 27 + 60_000)
            }
            let check = try glossa("tm", "check", "--tm", tm)
            #expect(check.status == 0, "\(check.stdout)")
            if count != 27 { break }
        }
        #expect(kills > 0)
    }

    /// Into an empty database an import drops the indexes and foreign keys and builds them at
    /// the end, all in its transaction: killed, it leaves the schema whole and the TM empty.
    @Test func aKilledBulkLoadIntoADatabaseLeavesItEmptyAndWhole() throws {
        try writeTable("big.tsv", rows: 60_000)
        let tm = try TestStore.postgresql.makeLocation(named: "t")
        let cluster = try PostgresCluster.shared.get(), database = String(tm.split(separator: "/").last?.split(separator: "?").first ?? "")
        // The indexes and constraints the schema defines, to compare after each kill.
        func schemaObjects() throws -> String {
            try cluster.psql("""
                SELECT string_agg(name, ',' ORDER BY name) FROM (SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'
                UNION ALL SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace) o
                """, database: database)
        }
        #expect(try glossa("stats", "--tm", tm).status == 0)
        let schema = try schemaObjects()
        var kills = 0
        for seconds in [0.5, 2.0] {
            guard try killed(after: seconds, ["import", "big.tsv", "--tm", tm]) else { continue }
            kills += 1
            let count = try units(tm)
            #expect(count == 0 || count == 60_000, "killed after \(seconds) s")
            #expect(try schemaObjects() == schema)
            #expect(try glossa("tm", "check", "--tm", tm).status == 0)
            if count != 0 { break }
        }
        #expect(kills > 0)
        let next = try glossa("import", "big.tsv", "--tm", tm, "--format", "json")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try units(tm) == 60_000)
        #expect(try glossa("lookup", "The Council met for the 59999th time.", "--tm", tm).stdout.hasPrefix("100%"))
        #expect(try glossa("tm", "check", "--tm", tm).status == 0)
    }

    @Test func aKilledIndexingLeavesTheTMWholeAndIndexableAgain() throws {
        try writeTable("big.tsv", rows: 60_000)
        #expect(try glossa("import", "big.tsv", "--tm", "t.sqlite", "--defer-index").status == 0)
        let wasKilled = try killed(after: 1.0, ["tm", "index", "--tm", "t.sqlite"])
        #expect(try units("t.sqlite") == 60_000)
        #expect(try glossa("tm", "check", "--tm", "t.sqlite").status == 0)
        if wasKilled {
            let stats = try JSONSerialization.jsonObject(with: Data(glossa("stats", "--tm", "t.sqlite", "--format", "json").stdout.utf8))
            #expect((stats as? [String: Any])?["unindexed"] as? Int == 120_000)
        }
        let index = try glossa("tm", "index", "--tm", "t.sqlite")
        #expect(index.status == 0)
        #expect(try glossa("lookup", "The Council met for the 59999th time.", "--tm", "t.sqlite").stdout.hasPrefix("100%"))
    }
}
