import CSQLite
import Foundation
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaWorkflows

/// TSV import of N generated en-ru units into a new TM with all its indexes (the import
/// workflow `glossa import` runs), against the
/// same rows inserted into a bare two-column table (one transaction, one reused statement).
struct ImportBenchmark {
    let units: Int
    let runs: Int

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
