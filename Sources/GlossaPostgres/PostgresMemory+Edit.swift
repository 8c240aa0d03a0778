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

    /// Its rows follow (ON UPDATE CASCADE).
    package func moveUnit(from added: Int64, to id: Int64) throws {
        try session.execute("UPDATE unit SET id = \(id) WHERE id = \(added)")
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
