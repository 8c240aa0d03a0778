import GlossaMemory
import Foundation
import GlossaCore
import GlossaText
import PostgresNIO

/// A translation memory held in PostgreSQL: the store an organisation moves to when one
/// machine's SQLite file is outgrown. Opening it connects and brings its schema up to date
/// (`PostgresSchema`); writes are one transaction each, serialized by an advisory lock as
/// SQLite serializes its writers; reads see one snapshot.
public final class PostgresMemory {
    /// Where the TM is, its password left out of the description.
    public let location: PostgresLocation
    let session: PostgresSession
    /// Whether every variant was found indexed: it stays so, since a write indexes what it
    /// adds (only a migration leaves variants to index), so lookups ask once per connection.
    var searchIndexChecked = false

    /// Connects to the database `url` names and migrates its schema; throws `InputError` for a
    /// malformed URL and `MemoryError` for a database that cannot be reached or used.
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        location = try PostgresLocation(url: url, environment: environment)
        session = try PostgresSession(location)
        try PostgresSchema.migrate(session)
    }

    /// Adds units inside one transaction: `body` passes each unit to the writer, and if it
    /// throws, nothing it wrote stays. A unit whose content key equals a stored unit's is a
    /// duplicate and is skipped, as in the SQLite store.
    public func write(_ body: (PostgresUnitWriter) throws -> Void) throws -> ImportSummary {
        try write(keysInMemory: UnitIngest.keysInMemory, body)
    }

    /// `write(_:)` with the number of content keys a load into an empty TM holds in memory
    /// before it builds the unique index and looks keys up there: tests make it small.
    func write(keysInMemory: Int, _ body: (PostgresUnitWriter) throws -> Void) throws -> ImportSummary {
        let summary = try writeTransaction { try load(keysInMemory: keysInMemory, body) }
        // The planner's statistics, after a bulk load: without them it reads a just-imported
        // TM with scans of whole tables (an export of 100,000 units: 9 s before, 4 s after).
        if summary.added >= Self.analyzeAfter { try session.execute("ANALYZE unit, variant, note, prop, search_token, fuzzy_posting") }
        return summary
    }

    /// `body` in a write transaction holding the write lock, as SQLite's one writer holds its
    /// file: writes from every server on the database take their turn.
    func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        try session.transaction {
            try session.execute("SELECT pg_advisory_xact_lock(\(PostgresSchema.writeLock))")
            return try body()
        }
    }

    /// The body of `write`, inside the caller's write transaction.
    func load(keysInMemory: Int = UnitIngest.keysInMemory, _ body: (PostgresUnitWriter) throws -> Void) throws -> ImportSummary {
        // Variants an older schema stored are indexed first, as the SQLite store indexes
        // what a deferred import left.
        if let pending = try pendingFrom() { try PostgresSearchIndex.update(session, from: pending) { _ in } }
        let state = try session.run { connection, logger in
            let rows = try await connection.query("""
                SELECT greatest(s.next_unit_id, (SELECT coalesce(max(id), 0) + 1 FROM unit)),
                       greatest(s.next_variant_id, (SELECT coalesce(max(id), 0) + 1 FROM variant)),
                       NOT EXISTS (SELECT 1 FROM unit)
                FROM store_state s
                """, logger: logger)
            var state: (units: Int64, variants: Int64, empty: Bool) = (1, 1, false)
            for try await row in rows.decode((Int64, Int64, Bool).self) { state = row }
            return state
        }
        // Into an empty TM, rows go in without indexes or foreign keys, which are built
        // once at the end; duplicates are caught in memory meanwhile.
        let bulk = state.empty
        if bulk { try PostgresSchema.dropForBulkLoad(session) }
        let writer = PostgresUnitWriter(session: session, vocabulary: try PostgresSearchIndex.vocabulary(session),
                                        nextUnitID: state.units, nextVariantID: state.variants,
                                        keysInMemory: bulk ? keysInMemory : nil)
        do {
            try body(writer)
        } catch {
            try? writer.stopSending()
            throw error
        }
        try writer.finish()
        if bulk { try PostgresSchema.restoreAfterBulkLoad(session) }
        let (nextUnit, nextVariant) = (writer.nextUnitID, writer.nextVariantID)
        try session.execute("""
            UPDATE store_state SET next_unit_id = \(nextUnit), next_variant_id = \(nextVariant), changes = changes + 1
            """)
        let known = try documents()
        for document in writer.documents where !known.contains(document) { try insert(document) }
        return writer.summary
    }

    /// Units a write adds past which the tables are analyzed at once rather than left to autovacuum.
    static let analyzeAfter = 10_000

    /// Units fetched in one round trip of `forEachUnit`.
    static let readBatch = 1000

    /// The server-side cursor an export reads units through.
    static let unitCursor = "glossa_units"

    /// Calls `body` with each batch of units matching `filter` and their ids, in id order, from
    /// one snapshot of the TM; memory holds one batch however large the TM. The units come
    /// through a server-side cursor, which the server reads as the batches are fetched.
    public func forEachUnitBatch(_ filter: TranslationMemory.UnitFilter = TranslationMemory.UnitFilter(),
                                 _ body: ([(id: Int64, unit: TranslationUnit)]) throws -> Void) throws {
        try session.inTransaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
            let selection = Self.selecting(filter, """
                DECLARE \(Self.unitCursor) NO SCROLL CURSOR FOR
                SELECT id, external_id, origin, context, created_at, created_by, changed_at, changed_by, source_lang FROM unit
                """)
            try session.run { connection, logger in
                try await connection.query(PostgresQuery(unsafeSQL: selection.sql + " ORDER BY id", binds: selection.binds), logger: logger)
                return ()
            }
            while true {
                let batch = try unitBatch()
                if batch.isEmpty { return }
                try body(batch.map { (id: $0.0, unit: $0.1) })
            }
        }
    }

    /// One round trip to the server with an empty query: the least any read costs.
    public func ping() throws {
        try session.execute("SELECT")
    }

    /// How many units the TM holds.
    public func unitCount() throws -> Int {
        try session.value("SELECT count(*) FROM unit", as: Int.self) ?? 0
    }

    /// The first variant id not in the search indexes, nil when every variant is.
    private func pendingFrom() throws -> Int64? {
        try session.value("SELECT pending_from FROM store_state", as: Int64?.self) ?? nil
    }

    /// The headers of the files imported, in the order first imported.
    public func documents() throws -> [SourceDocument] {
        try session.run { connection, logger in
            var documents: [(Int64, SourceDocument)] = []
            let headers = try await connection.query("SELECT id, origin, format FROM document ORDER BY id", logger: logger)
            for try await (id, origin, format) in headers.decode((Int64, String, String).self) {
                documents.append((id, SourceDocument(origin: origin, format: format)))
            }
            let entries = try await connection.query(
                "SELECT document_id, kind, name, value, xml_lang, o_encoding FROM document_entry ORDER BY id", logger: logger)
            for try await (id, kind, name, value, language, encoding) in entries.decode((Int64, String, String?, String, String?, String?).self) {
                guard let index = documents.firstIndex(where: { $0.0 == id }) else { continue }
                DocumentEntry(kind: kind, name: name, value: value, language: language, encoding: encoding).add(to: &documents[index].1)
            }
            return documents.map(\.1)
        }
    }

    /// Stores a document header and its entries.
    private func insert(_ document: SourceDocument) throws {
        let imported = Timestamp.format(Date())
        try session.run { connection, logger in
            var id: Int64 = 0
            let rows = try await connection.query("""
                INSERT INTO document (origin, format, imported_at) VALUES (\(document.origin), \(document.format), \(imported)) RETURNING id
                """, logger: logger)
            for try await (inserted,) in rows.decode((Int64,).self) { id = inserted }
            for row in DocumentEntry.rows(of: document) {
                try await connection.query("""
                    INSERT INTO document_entry (document_id, kind, name, value, xml_lang, o_encoding)
                    VALUES (\(id), \(row.kind), \(row.name), \(row.value), \(row.language), \(row.encoding))
                    """, logger: logger)
            }
            return ()
        }
    }
}

extension PostgresMemory: UnitStore {
    public var name: String { location.description }

    /// A write into PostgreSQL always builds the search indexes: deferring them gains little
    /// where the indexes are built at the end of a bulk load anyway.
    public func writeUnits(deferSearchIndex _: Bool, _ body: (any UnitSink) throws -> Void) throws -> ImportSummary {
        try write { try body($0) }
    }

    public func unindexedVariantCount() throws -> Int {
        guard let pending = try pendingFrom() else { return 0 }
        return try session.value("SELECT count(*) FROM variant WHERE id >= \(pending) AND tokens IS NULL", as: Int.self) ?? 0
    }

    public func updateSearchIndex(progress: (Int) -> Void) throws -> Int {
        try session.transaction {
            try session.execute("SELECT pg_advisory_xact_lock(\(PostgresSchema.writeLock))")
            guard let pending = try pendingFrom() else { return 0 }
            var done = 0
            try PostgresSearchIndex.update(session, from: pending) { done = $0; progress($0) }
            return done
        }
    }

    public func searchReader() throws -> any SearchIndexReader {
        try requireSearchIndex()
        return PostgresSearchReader(memory: self)
    }
}
