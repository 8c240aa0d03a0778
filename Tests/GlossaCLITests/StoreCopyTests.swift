import Foundation
import GlossaTestSupport
import Testing

/// The commands on a TM in PostgreSQL (a throwaway cluster) against the same commands on a
/// file: `glossa tm copy` there and back exports the same TMX, every field kept; import, stats,
/// export, lookups, analysis, checks give the same answers on both stores.
@Suite struct StoreCopyTests {
    let workspace: Workspace
    let cluster: PostgresCluster
    init() throws {
        workspace = try Workspace()
        cluster = try PostgresCluster.shared.get()
    }

    func glossa(_ arguments: String...) throws -> CommandResult {
        let result = try workspace.glossa(arguments)
        #expect(result.status == 0, "glossa \(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    /// The TMX export of `tm`, its header's creation date (the moment of export) left out.
    func exported(_ tm: String) throws -> String {
        _ = try glossa("export", "--tm", tm, "--out", "\(tm).tmx")
        return try exportedFile("\(tm).tmx")
    }

    /// Copies `original` to a new database and from there to a new file; both files must export
    /// alike. Then, when asked, copies it again: every unit a duplicate, the database as it was.
    func roundTrip(_ original: String, again: Bool = true) throws {
        let database = try cluster.createDatabase()
        let there = try glossa("tm", "copy", original, database, "--format", "json")
        let summary = try JSONSerialization.jsonObject(with: Data(there.stdout.utf8)) as? [String: Int]
        #expect(summary?["duplicates"] == 0 && (summary?["added"] ?? 0) > 0)
        let back = "\(original).back.sqlite"
        _ = try glossa("tm", "copy", database, back)
        #expect(try exported(original) == exported(back))
        guard again else { return }
        let repeated = try glossa("tm", "copy", original, database, "--format", "json")
        let second = try JSONSerialization.jsonObject(with: Data(repeated.stdout.utf8)) as? [String: Int]
        #expect(second?["added"] == 0 && second?["duplicates"] == summary?["added"])
    }

    @Test func richTMXSurvivesTheRoundTrip() throws {
        let files = try ["tmx/fidelity.tmx", "tmx/trados-studio.tmx", "tmx/okapi.tmx", "tmx/omegat-project_save.tmx"].map { Fixtures.file($0).path }
            + Fixtures.tmxKitFiles().map(\.path)
        let imported = try workspace.glossa(["import", "--tm", "rich.sqlite", "--skip-invalid"] + files)
        #expect(imported.status == 0, "\(imported.stderr)")
        try roundTrip("rich.sqlite")
    }

    @Test func theBundledSampleAndAHundredThousandUnitsSurviveTheRoundTrip() throws {
        _ = try glossa("import", Fixtures.repositoryRoot.appendingPathComponent("tm/seed/csto-news-2025-06.en-ru.tsv").path, "--tm", "sample.sqlite")
        try roundTrip("sample.sqlite")

        // 100,000 units: the real catalog's five-language rows, each numbered so none repeats.
        let catalog = try String(contentsOf: Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv"), encoding: .utf8).split(separator: "\n")
        let rows = catalog.dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        var table = String(catalog[0]) + "\n"
        for index in 0..<100_000 {
            table += rows[index % rows.count].map { "\($0) \(index)" }.joined(separator: "\t") + "\n"
        }
        try workspace.write(table, to: "large.tsv")
        _ = try glossa("import", "large.tsv", "--tm", "large.sqlite")
        try roundTrip("large.sqlite", again: false)
    }

    /// The same files imported into a file and into a database: the same import summary, the
    /// same statistics, the same exports, whole and filtered.
    @Test func importStatsAndExportAgreeOnBothStores() throws {
        let database = try cluster.createDatabase()
        let files = ["tmx/fidelity.tmx", "tmx/okapi.tmx", "gtk20-messages.en-ru-kk-hy-be.tsv"].map { Fixtures.file($0).path }
        func json(_ result: CommandResult) throws -> NSDictionary {
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? NSDictionary ?? [:]
        }
        let intoFile = try json(try glossa(["import", "--tm", "tm.sqlite", "--format", "json"] + files))
        let intoDatabase = try json(try glossa(["import", "--tm", database, "--format", "json"] + files))
        #expect(intoFile == intoDatabase && (intoFile["added"] as? Int ?? 0) > 30)

        var fileStats = try json(try glossa("stats", "--tm", "tm.sqlite", "--format", "json")) as? [String: Any] ?? [:]
        var databaseStats = try json(try glossa("stats", "--tm", database, "--format", "json")) as? [String: Any] ?? [:]
        #expect((databaseStats["path"] as? String)?.hasPrefix("postgresql://glossa@127.0.0.1:") == true)
        for key in ["path", "bytes", "schemaVersion"] {
            fileStats[key] = nil
            databaseStats[key] = nil
        }
        #expect(NSDictionary(dictionary: fileStats) == NSDictionary(dictionary: databaseStats))

        for filter in [[], ["--origin", "okapi.tmx"], ["--since", "2007-01-01"], ["--langs", "en,kk"]] {
            _ = try glossa(["export", "--tm", database, "--out", "database.tmx"] + filter)
            _ = try glossa(["export", "--tm", "tm.sqlite", "--out", "file.tmx"] + filter)
            #expect(try exportedFile("database.tmx") == exportedFile("file.tmx"), "\(filter)")
        }
        _ = try glossa("export", "--tm", database, "--out", "database.tsv", "--langs", "en,ru,hy")
        _ = try glossa("export", "--tm", "tm.sqlite", "--out", "file.tsv", "--langs", "en,ru,hy")
        #expect(try exportedFile("database.tsv") == exportedFile("file.tsv"))
    }

    /// Every command that reads a TM, run on a file and on a database holding the same units:
    /// the same output, the TM's name and the import's dates aside.
    @Test func everyCommandAnswersAlikeOnBothStores() throws {
        let database = try cluster.createDatabase()
        let sample = Fixtures.repositoryRoot.appendingPathComponent("tm/seed/csto-news-2025-06.en-ru.tsv").path
        let files = [sample, Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv").path]
        _ = try glossa(["import", "--tm", "tm.sqlite"] + files)
        _ = try glossa(["import", "--tm", database] + files)
        // The sample's sentences with a word left out: fuzzy matches.
        let sentences = try String(contentsOfFile: sample, encoding: .utf8).split(separator: "\n").dropFirst().prefix(20)
            .map { $0.split(separator: "\t")[0].split(separator: " ").dropFirst().joined(separator: " ") }
        try workspace.write(sentences.joined(separator: "\n") + "\n", to: "queries.txt")
        let glossary = Fixtures.repositoryRoot.appendingPathComponent("glossaries/csto.tbx").path
        let commands: [[String]] = [
            ["lookup", "--batch", "queries.txt", "--from", "en", "--to", "ru", "--min", "50"],
            ["lookup", "Amount of yellow light in the colour", "--from", "en", "--to", "kk", "--min", "60", "--format", "json"],
            ["concordance", "secur* \"member states\"", "--from", "en", "--to", "ru", "--format", "json"],
            ["concordance", "Выбрать", "--from", "ru", "--to", "hy", "--format", "json"],
            ["analyze", Fixtures.seedPage.path, "--format", "json"],
            ["pretranslate", Fixtures.seedPage.path, "--min", "75", "--out", "-"],
            ["check", "--glossary", glossary, "--format", "json", "--fail-on", "never"],
            ["tm", "check", "--format", "json"],
            ["tm", "index", "--format", "json"],
        ]
        func output(_ command: [String], tm: String) throws -> String {
            try glossa(command + ["--tm", tm]).stdout
                .replacingOccurrences(of: #"postgresql://[^"\s]*|tm\.sqlite"#, with: "TM", options: .regularExpression)
                .replacingOccurrences(of: #""created" ?: ?"[^"]*""#, with: "", options: .regularExpression)
        }
        for command in commands {
            let onFile = try output(command, tm: "tm.sqlite"), onDatabase = try output(command, tm: database)
            #expect(onFile == onDatabase, "glossa \(command.joined(separator: " "))")
            #expect(onFile.count > 30, "glossa \(command.joined(separator: " ")): \(onFile)")
        }
    }

    func glossa(_ arguments: [String]) throws -> CommandResult {
        let result = try workspace.glossa(arguments)
        #expect(result.status == 0, "glossa \(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    /// A file written in the workspace, a TMX header's creation date left out, and the dates an
    /// import stamped on units that had none (two imports may fall in different seconds).
    func exportedFile(_ name: String) throws -> String {
        var today = Date.now.formatted(.iso8601.year().month().day())
        today.removeAll { $0 == "-" }
        return try String(contentsOf: workspace.folder.appendingPathComponent(name), encoding: .utf8)
            .replacingOccurrences(of: #"(<header[^>]*) creationdate="[^"]*""#, with: "$1", options: .regularExpression)
            .replacingOccurrences(of: #"creationdate="\#(today)T[0-9]{6}Z""#, with: #"creationdate="today""#, options: .regularExpression)
    }

    @Test func unreachableAndMalformedDatabasesAreOneLineErrors() throws {
        _ = try glossa("import", Fixtures.repositoryRoot.appendingPathComponent("tm/seed/csto-news-2025-06.en-ru.tsv").path, "--tm", "sample.sqlite")
        let refused = try workspace.glossa(["tm", "copy", "sample.sqlite", "postgresql://glossa:secret@127.0.0.1:1/tm?sslmode=disable"])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("glossa: error: postgresql://glossa@127.0.0.1:1/tm: cannot connect to PostgreSQL"))
        #expect(!refused.stderr.contains("secret") && refused.stderr.split(separator: "\n").count == 1)
        let malformed = try workspace.glossa(["tm", "copy", "sample.sqlite", "postgresql://glossa@127.0.0.1/tm?sslmode=sometimes"])
        #expect(malformed.status == 2 && malformed.stderr.contains("sslmode 'sometimes'"))
    }
}
