import CSQLite
import Foundation
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaPostgres
import GlossaWorkflows

/// TSV import of N generated en-ru units into a new TM with all its indexes (the import
/// workflow `glossa import` runs), against the
/// same rows inserted into a bare two-column table (one transaction, one reused statement).
struct ImportBenchmark {
    let units: Int
    let runs: Int
    /// A database on the PostgreSQL server to import into as well; nil: SQLite only.
    let postgres: String?

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glossa-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let rows = try generateRows()
        let tsvPath = folder.appendingPathComponent("units.tsv").path
        var tsv = "en\tru\n"
        tsv.reserveCapacity(units * 400)
        for row in rows { tsv += row.en; tsv += "\t"; tsv += row.ru; tsv += "\n" }
        try Data(tsv.utf8).write(to: URL(fileURLWithPath: tsvPath))
        let inputBytes = tsv.utf8.count

        var parseTimes: [Double] = []
        var glossaTimes: [Double] = []
        var bareTimes: [Double] = []
        var deferredTimes: [Double] = []
        var postgresTimes: [Double] = []
        var databaseBytes = 0
        for run in 0..<runs {
            parseTimes.append(try time {
                let source = try SourceText(bytes: try Data(contentsOf: URL(fileURLWithPath: tsvPath), options: .mappedIfSafe), file: tsvPath)
                var count = 0
                try TabularReader.read(source, dialect: .tsv, origin: ImportOrigin(document: "bench")) { _, _ in count += 1 }
                precondition(count == units)
            })
            let tmPath = folder.appendingPathComponent("tm-\(run).sqlite").path
            glossaTimes.append(try time {
                let report = try ImportWorkflow(files: [tsvPath]).run(into: tmPath)
                precondition(report.added == units)
            })
            databaseBytes = fileSize(tmPath)
            try? FileManager.default.removeItem(atPath: tmPath)
            if let postgres {
                // Both stores build every search index; the SQLite import that defers them is
                // the figure of the rows alone.
                var deferred = ImportWorkflow(files: [tsvPath])
                deferred.deferSearchIndex = true
                deferredTimes.append(try time {
                    let report = try deferred.run(into: tmPath)
                    precondition(report.added == units)
                })
                try? FileManager.default.removeItem(atPath: tmPath)
                let name = "glossa_bench_\(getpid())_\(run)"
                let database = try PostgresDatabases.create(name, through: postgres)
                defer { try? PostgresDatabases.drop(name, through: postgres) }
                postgresTimes.append(try time {
                    let report = try ImportWorkflow(files: [tsvPath]).run(into: database)
                    precondition(report.added == units)
                })
            }

            let barePath = folder.appendingPathComponent("bare-\(run).sqlite").path
            bareTimes.append(try time { try bareInsert(rows, path: barePath) })
            try? FileManager.default.removeItem(atPath: barePath)
        }
        let glossa = median(glossaTimes), bare = median(bareTimes)
        report(["benchmark": "import.glossa", "units": units, "input_bytes": inputBytes, "runs": runs,
                "seconds_median": glossa, "units_per_second": Double(units) / glossa, "db_bytes": databaseBytes])
        report(["benchmark": "import.parse_only", "units": units, "runs": runs, "seconds_median": median(parseTimes)])
        report(["benchmark": "import.bare_sqlite", "units": units, "runs": runs,
                "seconds_median": bare, "units_per_second": Double(units) / bare])
        report(["benchmark": "import.ratio", "glossa_over_bare": glossa / bare, "target_max": 3.0])
        if !postgresTimes.isEmpty {
            let deferred = median(deferredTimes), database = median(postgresTimes)
            report(["benchmark": "import.deferred-index", "units": units, "runs": runs,
                    "seconds_median": deferred, "units_per_second": Double(units) / deferred])
            report(["benchmark": "import.postgres", "units": units, "runs": runs, "seconds_median": database,
                    "units_per_second": Double(units) / database, "rate_over_sqlite_deferred": deferred / database,
                    "rate_over_sqlite_indexed": glossa / database, "target_min_rate_over_sqlite": 0.5])
        }
    }

    /// Unique, realistic pairs: the sample's sentences, each numbered so none repeats.
    private func generateRows() throws -> [(en: String, ru: String)] {
        let pairs = try samplePairs()
        return (0..<units).map { index in
            let pair = pairs[index % pairs.count]
            return ("\(pair.en) (\(index / pairs.count))", "\(pair.ru) (\(index / pairs.count))")
        }
    }

    private func bareInsert(_ rows: [(en: String, ru: String)], path: String) throws {
        var db: OpaquePointer?
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw InputError("cannot open \(path)") }
        defer { sqlite3_close(db) }
        sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE pair (en TEXT, ru TEXT); BEGIN", nil, nil, nil)
        var statement: OpaquePointer?
        sqlite3_prepare_v2(db, "INSERT INTO pair (en, ru) VALUES (?1, ?2)", -1, &statement, nil)
        for row in rows {
            var en = row.en, ru = row.ru
            en.withUTF8 { _ = sqlite3_bind_text(statement, 1, UnsafeRawPointer($0.baseAddress)?.assumingMemoryBound(to: CChar.self), Int32($0.count), nil) }
            ru.withUTF8 { _ = sqlite3_bind_text(statement, 2, UnsafeRawPointer($0.baseAddress)?.assumingMemoryBound(to: CChar.self), Int32($0.count), nil) }
            guard sqlite3_step(statement) == SQLITE_DONE else { throw InputError("insert failed") }
            sqlite3_reset(statement)
        }
        sqlite3_finalize(statement)
        sqlite3_exec(db, "COMMIT", nil, nil, nil)
    }

    private func fileSize(_ path: String) -> Int {
        ["", "-wal"].reduce(0) { total, suffix in
            total + ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int) ?? 0)
        }
    }
}
