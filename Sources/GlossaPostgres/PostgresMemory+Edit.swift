import GlossaCore
import GlossaMemory
import PostgresNIO

/// Units one at a time, as a team's server edits them, with the SQLite store's semantics (see
/// `TranslationMemory`'s edits): add a few and learn their ids, replace one keeping its id,
/// delete one; each one transaction under the write lock. A deleted unit's rows go with it,
/// its full-text words included; its fuzzy postings stay and point at no variant, which
/// lookups skip. A deleted unit's id is never given again.
extension PostgresMemory: UnitEditSteps {
    public func addReturningIDs(_ units: [TranslationUnit]) throws -> (summary: ImportSummary, ids: [Int64]) {
        try addingReturningIDs(units)
    }

    public func replaceUnit(id: Int64, with unit: TranslationUnit) throws -> TranslationMemory.Replacement {
        try replacingUnit(id: id, with: unit)
    }

    public func deleteUnit(id: Int64) throws -> Bool {
        try deletingUnit(id: id)
    }

    public func apply(_ changes: UnitChanges) throws -> ChangeSummary {
        try applying(changes)
    }

    package func inWriteTransaction<T>(_ body: () throws -> T) throws -> T {
        try writeTransaction(body)
    }

    package func load(_ units: [TranslationUnit]) throws -> ImportSummary {
        try load { writer in
            for unit in units { try writer.add(unit) }
        }
    }

    package func removeUnit(id: Int64) throws -> Bool {
        guard try session.value("DELETE FROM unit WHERE id = \(id) RETURNING id", as: Int64.self) != nil else { return false }
        try session.execute("UPDATE store_state SET next_unit_id = greatest(next_unit_id, \(id + 1)), changes = changes + 1")
        return true
    }

    /// `removeUnit` for many, in slices of 10,000 ids a statement.
    package func removeUnits(_ ids: [Int64]) throws -> Int {
        var removed = 0
        for start in stride(from: 0, to: ids.count, by: 10_000) {
            let slice = Array(ids[start..<min(start + 10_000, ids.count)])
            removed += try session.run { connection, logger in
                var count = 0
                for try await _ in try await connection.query("DELETE FROM unit WHERE id = ANY(\(slice)::bigint[]) RETURNING id", logger: logger) {
                    count += 1
                }
                return count
            }
        }
        if let last = ids.max() {
            try session.execute("UPDATE store_state SET next_unit_id = greatest(next_unit_id, \(last + 1)), changes = changes + 1")
        }
        return removed
    }

    /// Its rows follow (ON UPDATE CASCADE).
    package func moveUnit(from added: Int64, to id: Int64) throws {
        try session.execute("UPDATE unit SET id = \(id) WHERE id = \(added)")
    }

    /// One round trip a slice of 10,000 keys.
    package func storedIDs(of units: [TranslationUnit]) throws -> [Int64?] {
        let keys = units.map { Hex.string(ContentKey(of: $0).bytes) }
        var found: [String: Int64] = [:]
        for start in stride(from: 0, to: keys.count, by: 10_000) {
            let slice = Array(keys[start..<min(start + 10_000, keys.count)])
            let rows = try session.run { connection, logger in
                var rows: [(String, Int64)] = []
                for try await row in try await connection.query("""
                    SELECT encode(content_key, 'hex'), id FROM unit
                    WHERE content_key = ANY(ARRAY(SELECT decode(k, 'hex') FROM unnest(\(slice)::text[]) AS k))
                    """, logger: logger).decode((String, Int64).self) { rows.append(row) }
                return rows
            }
            for (key, id) in rows { found[key] = id }
        }
        return keys.map { found[$0] }
    }

    /// One statement a slice of 10,000 moves; the rows follow (ON UPDATE CASCADE).
    package func moveUnits(_ moves: [(from: Int64, to: Int64)]) throws {
        for start in stride(from: 0, to: moves.count, by: 10_000) {
            let slice = moves[start..<min(start + 10_000, moves.count)]
            let added = slice.map(\.from), ids = slice.map(\.to)
            try session.run { connection, logger in
                try await connection.query("""
                    UPDATE unit u SET id = m.id FROM unnest(\(added)::bigint[], \(ids)::bigint[]) AS m(added, id) WHERE u.id = m.added
                    """, logger: logger)
                return ()
            }
        }
    }

    package func storedID(of unit: TranslationUnit) throws -> Int64? {
        let key = Hex.string(ContentKey(of: unit).bytes)
        return try session.value("SELECT id FROM unit WHERE content_key = decode(\(key), 'hex')", as: Int64.self)
    }

    /// A number that changes with every write to the TM, from any server: what tells a server
    /// its statistics must be counted again.
    public func changeCount() throws -> Int64 {
        try session.value("SELECT changes FROM store_state", as: Int64.self) ?? 0
    }

    public func state() throws -> StoreState {
        let standby = try session.value("SELECT pg_is_in_recovery()", as: Bool.self) ?? false
        return StoreState(store: "postgresql", role: standby ? "standby" : "primary")
    }

    /// Throws `MemoryError` when some variants are not in the search indexes yet.
    public func requireSearchIndex() throws {
        guard !searchIndexChecked else { return }
        let unindexed = try unindexedVariantCount()
        if unindexed > 0 { throw MemoryError(path: name, reason: .searchIndexPending(unindexed)) }
        searchIndexChecked = true
    }
}
