import Foundation
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaPostgres
import GlossaText
import GlossaWorkflows

/// TM maintenance at scale: on a copy of a TM of N real-looking units (the lookup benchmark's,
/// `LookupCorpus`), `tm list` by text, `tm replace` of a word in about 7% of the units and of a
/// rarer one, and `tm delete` of the 15% holding a common word, each in one transaction with
/// its search indexes, against the target of 30 s; with a PostgreSQL server, the same on a
/// copy there. The TM is built once and kept (`--keep`).
struct MaintenanceBenchmark {
    let units: Int
    let keep: String?
    let postgres: String?

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glossa-bench-maintenance-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = keep ?? folder.appendingPathComponent("source.sqlite").path
        if !FileManager.default.fileExists(atPath: source) {
            _ = try LookupCorpus().createTM(at: source, units: units, queries: 0)
        }
        let copy = folder.appendingPathComponent("tm.sqlite").path
        try FileManager.default.copyItem(atPath: source, toPath: copy)
        try measure(try TMStores.open(copy, access: .readWrite), store: "sqlite")
        guard let postgres else { return }
        let name = "glossa_bench_maintenance_\(getpid())"
        let database = try PostgresDatabases.create(name, through: postgres)
        defer { try? PostgresDatabases.drop(name, through: postgres) }
        _ = try CopyWorkflow(from: source, to: database).run()
        try measure(try TMStores.open(database, access: .readWrite), store: "postgres")
    }

    private func measure(_ store: any UnitStore, store name: String) throws {
        let prefix = name == "sqlite" ? "maintenance" : "maintenance.\(name)"
        let english: LanguageTag = "en"
        var listed = 0
        let listSeconds = try time {
            try TMMaintenance.list(store, UnitSelection(text: try UnitSelection.pattern("invalid", isRegex: false), language: english)) { _, _ in
                listed += 1
            }
        }
        report(["benchmark": "\(prefix).list", "units": units, "listed": listed, "seconds": listSeconds])
        for (find, replacement) in [("invalid", "not valid"), ("folder", "directory")] {
            var result: (texts: [TMMaintenance.ReplacedText], summary: ChangeSummary)?
            let seconds = try time {
                let replacer = try SegmentReplacement(find: find, replacement: replacement, isRegex: false, matchCase: false)
                let selection = UnitSelection(text: try UnitSelection.pattern(find, isRegex: false))
                result = try TMMaintenance.replace(store, selection, replacer, language: english, dryRun: false)
            }
            report(["benchmark": "\(prefix).replace", "units": units, "find": find, "units_changed": result?.summary.replaced ?? 0,
                    "seconds": seconds, "target_seconds": 30])
        }
        var deleted = 0
        let deleteSeconds = try time {
            deleted = try TMMaintenance.delete(store, UnitSelection(text: try UnitSelection.pattern("cannot", isRegex: false), language: english),
                                               dryRun: false).summary.deleted
        }
        report(["benchmark": "\(prefix).delete", "units": units, "units_deleted": deleted, "seconds": deleteSeconds, "target_seconds": 30])
        var problems: [String] = []
        let checkSeconds = try time { problems = try store.checkIntegrity() }
        guard problems.isEmpty else { throw InputError("the TM is not sound after maintenance: \(problems.prefix(3))") }
        report(["benchmark": "\(prefix).check-after", "units": units, "ok": true, "seconds": checkSeconds])
    }
}
