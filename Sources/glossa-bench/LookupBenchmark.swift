import CSQLite
import Foundation
import GlossaCore
import GlossaLookup
import GlossaMemory
import GlossaPostgres
import GlossaTestSupport
import GlossaText
import GlossaWorkflows

/// Lookup at scale: builds a TM of N real-looking en-ru units (each two or three real
/// English–Russian message pairs from the system's gettext catalogs, joined: about 21 words,
/// and practically never the same twice, so the TM holds N distinct units), and reports
/// import units/s with every search index (and the CPU time it took), the index sizes, the
/// floor SQLite sets for that import (`LookupFloor`), p50/p95/p99 latency of exact, fuzzy and
/// concordance lookups, and the fuzzy recall against a brute-force scan.
///
/// With a PostgreSQL server, the TM is then copied into a database of its own and the same
/// lookups measured there.
///
/// Fuzzy queries are (a) TM sentences with one word replaced and (b) unrelated sentences
/// built the same way from catalog pairs kept out of the TM.
struct LookupBenchmark {
    let units: Int
    let queries: Int
    let recallQueries: Int
    /// Where to keep the TM; an existing file there is reused and the import skipped, so
    /// lookups can be measured again without rebuilding.
    let keep: String?
    /// A PostgreSQL server (a database's URL on it) where the same TM is copied and measured too.
    let postgres: String?

    func run() throws {
        let corpus = try LookupCorpus()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glossa-bench-lookup-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = keep ?? folder.appendingPathComponent("tm.sqlite").path

        var sentences: [String] = []
        if FileManager.default.fileExists(atPath: path) {
            sentences = corpus.generate(units: units, queries: queries) { _, _ in }
        } else {
            var summary = ImportSummary()
            let cpuBefore = CPUTime.now()
            let importSeconds = try time { (sentences, summary) = try corpus.createTM(at: path, units: units, queries: queries) }
            let cpu = CPUTime.now() - cpuBefore
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            // The CPU time tells how far two cores are from the target: at best the import takes
            // half of it, when both threads are busy throughout.
            report(["benchmark": "lookup.import", "units": units, "units_added": summary.added, "seconds": importSeconds,
                    "units_per_second": Double(units) / importSeconds, "target_min_units_per_second": 40_000,
                    "cpu_seconds": cpu.process, "cpu_seconds_importing_thread": cpu.thread,
                    "cpu_seconds_other_threads": cpu.process - cpu.thread,
                    "peak_rss_megabytes": Double(usage.ru_maxrss) / 1024])
        }
        try reportSizes(path: path)
        let floor = try LookupFloor(memory: path).measure(scratch: folder.appendingPathComponent("floor.sqlite").path)
        var figures: [String: Any] = [
            "benchmark": "lookup.floor", "units": units, "sqlite_full_text_seconds": floor.fullText,
            "sqlite_full_text_merge_seconds": floor.merge, "sqlite_index_seconds": floor.index, "floor_seconds": floor.total,
            "floor_units_per_second": Double(units) / floor.total, "target_min_units_per_second": 40_000]
        for (table, seconds) in floor.rows { figures["sqlite_\(table)_rows_seconds"] = seconds }
        report(figures)

        var generator = SeededRandom(seed: 3)
        let lookupQueries = Queries(sentences: sentences, changed: corpus.oneWordChanged(sentences, using: &generator),
                              unrelated: corpus.unrelated(queries, using: &generator))
        try measureLookups(in: SearchableMemory.open(path), store: "sqlite", lookupQueries, recallAgainst: path)
        guard let postgres else { return }
        // The same TM copied into a database made for this run (kept, and reused, with --keep):
        // the import rate with every search index, then the same lookups.
        let name = keep == nil ? "glossa_bench_lookup_\(getpid())" : "glossa_bench_lookup_kept"
        let database: String
        if keep != nil, try PostgresDatabases.exists(name, through: postgres) {
            database = try PostgresDatabases.url(of: name, through: postgres)
        } else {
            database = try PostgresDatabases.create(name, through: postgres)
            let seconds = try time { _ = try CopyWorkflow(from: path, to: database).run() }
            report(["benchmark": "lookup.postgres.import", "units": units, "seconds": seconds, "units_per_second": Double(units) / seconds])
        }
        defer { if keep == nil { try? PostgresDatabases.drop(name, through: postgres) } }
        let memory = try PostgresMemory(url: database)
        // A kept database a newer schema migrated is indexed again first (not measured).
        if try memory.unindexedVariantCount() > 0 { try memory.updateSearchIndex { _ in } }
        // The floor of every lookup on a server: one round trip of an empty query through the
        // same client.
        var roundTrips = try latencies(of: Array(0..<queries)) { _ in try memory.ping() }
        roundTrips.merge(["benchmark": "lookup.postgres.round-trip", "units": units]) { $1 }
        report(roundTrips)
        try measureLookups(in: memory, store: "postgres", lookupQueries, recallAgainst: path)
    }

    /// The lookup benchmark's queries: TM sentences, the same with one word changed, unrelated ones.
    struct Queries {
        let sentences: [String], changed: [String], unrelated: [String]
    }

    /// Latency of exact, fuzzy and concordance lookups in `memory`, and the fuzzy recall against
    /// a brute-force scan of the SQLite file `path` (the same units), reported as
    /// "lookup.<figure>" for the SQLite store and "lookup.<store>.<figure>" for another.
    private func measureLookups(in memory: any UnitStore, store: String, _ queries: Queries, recallAgainst path: String) throws {
        let prefix = store == "sqlite" ? "lookup" : "lookup.\(store)"
        let lookup = try TMLookup(memory: memory, from: "en", to: "ru")
        try measure("\(prefix).exact", queries.sentences) { _ = try lookup.matches(for: $0, minimum: 100, maximum: 5) }
        try measure("\(prefix).fuzzy.one-word-changed", queries.changed, target: (10, 50)) {
            _ = try lookup.matches(for: $0, minimum: 75, maximum: 5)
        }
        try measure("\(prefix).fuzzy.unrelated", queries.unrelated, target: (10, 50)) { _ = try lookup.matches(for: $0, minimum: 75, maximum: 5) }
        // What a project's settings add: a context asked for, metadata penalties and a filter
        // read from every candidate's unit.
        let policy = MatchPolicy(penalties: [try MetadataPenalty(parsing: "origin=*.tmx:5"), try MetadataPenalty(parsing: "x-domain=news:2")],
                                 filters: [try UnitCondition(parsing: "origin!=legacy-*.tmx"), try UnitCondition(parsing: "lang=ru")])
        let context = SegmentContext(key: "news", previous: "", next: "The CSTO Secretary General met the ministers.")
        try measure("\(prefix).exact.context-and-policy", queries.sentences, target: (10, 50)) {
            _ = try lookup.matches(for: $0, context: context, policy: policy, minimum: 100, maximum: 5)
        }
        try measure("\(prefix).fuzzy.one-word-changed.context-and-policy", queries.changed, target: (10, 50)) {
            _ = try lookup.matches(for: $0, context: context, policy: policy, minimum: 75, maximum: 5)
        }
        let concordance = try Concordance(memory: memory, from: "en", to: "ru")
        let phrases = queries.changed.map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        try measure("\(prefix).concordance", phrases, target: (20, nil)) {
            _ = try concordance.search(ConcordanceQuery(parsing: "\"\($0)\""))
        }
        // Several words unquoted: the hits ranked (exact phrase, close, anywhere).
        let threeWords = queries.changed.map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
        try measure("\(prefix).concordance.ranked", threeWords, target: (20, nil)) {
            _ = try concordance.search(ConcordanceQuery(parsing: $0))
        }
        try measure("\(prefix).fragments", queries.unrelated, target: (30, nil)) { _ = try lookup.fragments(for: $0) }
        // The worst a translator can ask: 200 words of the TM's own sentences at 1%, where
        // the fuzzy search's budget (FuzzyBudget) bounds the work.
        let words = queries.sentences.lazy.flatMap { $0.split(separator: " ") }
        let worst = (0..<20).map { start in words.dropFirst(start * 200).prefix(200).joined(separator: " ") }
        var cutShort = 0
        try measure("\(prefix).fuzzy.worst-200-words-at-1", worst) {
            _ = try lookup.matches(for: $0, minimum: 1, maximum: 5)
            if !lookup.lastSearchWasComplete { cutShort += 1 }
        }
        report(["benchmark": "\(prefix).fuzzy.worst-200-words-at-1.budget", "units": units, "queries": worst.count, "cut_short": cutShort])
        try measureRecall(path: path, lookup: lookup, name: "\(prefix).recall",
                          queries: Array(queries.changed.prefix(recallQueries / 2) + queries.unrelated.prefix(recallQueries / 2)))
    }

    private func measure(_ name: String, _ inputs: [String], target: (p50: Double, p95: Double?)? = nil, _ body: (String) throws -> Void) throws {
        var figures = try latencies(of: inputs, body)
        figures.merge(["benchmark": name, "units": units, "target_p50_ms": target?.p50 ?? (name == "lookup.exact" ? 1 : 0),
                       "target_p95_ms": target?.p95 ?? 0]) { $1 }
        report(figures)
    }

    /// Sizes of the tables and indexes, from SQLite's dbstat.
    private func reportSizes(path: String) throws {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else { throw InputError("cannot open \(path)") }
        defer { sqlite3_close(handle) }
        var statement: OpaquePointer?
        sqlite3_prepare_v2(handle, "SELECT name, sum(pgsize) FROM dbstat GROUP BY name", -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        var sizes: [String: Int] = [:]
        while sqlite3_step(statement) == SQLITE_ROW {
            sizes[String(cString: sqlite3_column_text(statement, 0))] = Int(sqlite3_column_int64(statement, 1))
        }
        func megabytes(_ names: [String]) -> Double { Double(names.compactMap { sizes[$0] }.reduce(0, +)) / 1_048_576 }
        let concordance = sizes.keys.filter { $0.hasPrefix("concordance") }
        report(["benchmark": "lookup.index-size", "units": units,
                "file_megabytes": Double(sizes.values.reduce(0, +)) / 1_048_576,
                "fuzzy_postings_megabytes": megabytes(["fuzzy_posting"]),
                "vocabulary_megabytes": megabytes(["search_token", "sqlite_autoindex_search_token_1"]),
                "concordance_megabytes": megabytes(concordance),
                "exact_index_megabytes": megabytes(["variant_exact"])])
    }

    /// Recall of the indexed fuzzy search against scoring every English variant of the TM.
    private func measureRecall(path: String, lookup: TMLookup, name: String, queries: [String]) throws {
        let scorer = try MatchScorer(language: "en")
        var expectedTotal = 0, foundTotal = 0
        let thresholds = [50, 75, 95]
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else { throw InputError("cannot open TM") }
        defer { sqlite3_close(handle) }
        let tokenized = queries.map { scorer.tokens(of: $0) }
        var expected = [[Set<Int64>]](repeating: [Set<Int64>](repeating: [], count: thresholds.count), count: queries.count)
        // One scan of the TM scores every query: the brute force.
        var statement: OpaquePointer?
        sqlite3_prepare_v2(handle, "SELECT unit_id, text FROM variant WHERE lang = 'en'", -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        while sqlite3_step(statement) == SQLITE_ROW {
            let unit = sqlite3_column_int64(statement, 0)
            let text = String(cString: sqlite3_column_text(statement, 1))
            let candidate = scorer.tokens(of: text)
            for (index, query) in tokenized.enumerated() {
                let longest = max(query.words.count, candidate.words.count)
                // Words the query lacks already cost more than any threshold allows: skip the scoring.
                guard abs(query.words.count - candidate.words.count) <= MatchScorer.allowedDistance(minimum: thresholds[0], longest: longest)
                else { continue }
                let score = scorer.score(query: query, candidate: candidate, identical: text.normalizedForLookup() == queries[index].normalizedForLookup()).score
                for (slot, threshold) in thresholds.enumerated() where score >= threshold { expected[index][slot].insert(unit) }
            }
        }
        var cutShort = 0
        for (index, query) in queries.enumerated() {
            for (slot, threshold) in thresholds.enumerated() {
                let found = Set(try lookup.matches(for: query, minimum: threshold, maximum: .max).map(\.unit))
                if !lookup.lastSearchWasComplete { cutShort += 1 }
                expectedTotal += expected[index][slot].count
                foundTotal += expected[index][slot].intersection(found).count
            }
        }
        report(["benchmark": name, "units": units, "queries": queries.count, "thresholds": thresholds,
                "searches_cut_short_by_budget": cutShort, "expected_matches": expectedTotal, "found_matches": foundTotal,
                "recall": expectedTotal == 0 ? 1.0 : Double(foundTotal) / Double(expectedTotal), "target_recall": 1.0])
    }
}

/// CPU time used so far, user and system: by the whole process (threads that have ended
/// included) and by the calling thread.
struct CPUTime {
    let process: Double
    let thread: Double

    static func now() -> CPUTime {
        func seconds(_ who: Int32) -> Double {
            var usage = rusage()
            getrusage(__rusage_who_t(who), &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        return CPUTime(process: seconds(RUSAGE_SELF.rawValue), thread: seconds(1))  // 1: RUSAGE_THREAD, which Glibc's module hides
    }

    static func - (after: CPUTime, before: CPUTime) -> CPUTime {
        CPUTime(process: after.process - before.process, thread: after.thread - before.thread)
    }
}
