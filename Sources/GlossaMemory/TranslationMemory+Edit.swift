import GlossaCore

/// Units one at a time, as a team's server edits them: read one by id, add a few and learn
/// their ids, replace one keeping its id, delete one. Each edit is one transaction.
///
/// A deleted or replaced unit's variants leave the full-text index at once. Their fuzzy
/// postings stay until the next `updateSearchIndex(rebuild)` and point at no variant, which
/// lookups skip (as they skip the ids a turned-away duplicate left unused); the vocabulary's
/// counts stay as they were, which only orders a lookup's tokens. A deleted unit's id is never
/// given to another unit (`search_state.next_unit_id`): a client holding it finds nothing.
extension TranslationMemory {
    /// The unit of `id`, with its variants, notes and properties; nil when there is none.
    public func unit(id: Int64) throws -> TranslationUnit? {
        var found: TranslationUnit?
        try forEachUnit(UnitFilter(unit: id)) { _, unit in found = unit }
        return found
    }

    /// Adds `units` in one transaction, as `add(_:)` does, and tells each one's id, in order:
    /// the unit added, or the stored unit it repeats.
    public func addReturningIDs(_ units: [TranslationUnit]) throws -> (summary: ImportSummary, ids: [Int64]) {
        try writeTransaction {
            let summary = try load(deferSearchIndex: false) { writer in
                for unit in units { try writer.add(unit) }
            }
            return (summary, try units.map { try storedID(of: $0) ?? 0 })
        }
    }

    /// What `replaceUnit` did.
    public enum Replacement: Equatable, Sendable {
        case replaced
        /// The TM has no unit of that id.
        case noSuchUnit
        /// Another stored unit has the replacement's texts, id and properties: nothing changed.
        case sameAs(Int64)
    }

    /// Replaces the unit `id` with `unit`, which keeps the id, in one transaction.
    public func replaceUnit(id: Int64, with unit: TranslationUnit) throws -> Replacement {
        struct Repeats: Error { let id: Int64 }
        do {
            return try writeTransaction {
                guard try removeUnit(id: id) else { return .noSuchUnit }
                if let stored = try storedID(of: unit) { throw Repeats(id: stored) }
                _ = try load(deferSearchIndex: false) { try $0.add(unit) }
                guard let added = try storedID(of: unit) else { return .replaced }
                // The replacement takes the old id; the children follow it at the commit.
                try connection.execute("PRAGMA defer_foreign_keys = ON")
                for sql in ["UPDATE unit SET id = ?1 WHERE id = ?2", "UPDATE variant SET unit_id = ?1 WHERE unit_id = ?2",
                            "UPDATE note SET unit_id = ?1 WHERE unit_id = ?2", "UPDATE prop SET unit_id = ?1 WHERE unit_id = ?2"] {
                    let statement = try connection.prepare(sql)
                    statement.bind(1, id)
                    statement.bind(2, added)
                    try statement.step()
                }
                return .replaced
            }
        } catch let repeats as Repeats {
            return .sameAs(repeats.id)
        }
    }

    /// Deletes the unit `id` with its variants, notes and properties; false when there is none.
    public func deleteUnit(id: Int64) throws -> Bool {
        try writeTransaction { try removeUnit(id: id) }
    }

    /// Deletes a unit inside the caller's transaction, its variants' full-text entries first:
    /// FTS5 takes a deletion as the text it indexed, and one of a row it never indexed (a
    /// variant a deferred import left unindexed) would corrupt it.
    private func removeUnit(id: Int64) throws -> Bool {
        let pending = try SearchIndex.pendingFrom(connection)
        let fullText = try connection.prepare("""
            INSERT INTO concordance (concordance, rowid, text)
            SELECT 'delete', id, text FROM variant WHERE unit_id = ?1 AND NOT (id >= ?2 AND tokens IS NULL)
            """)
        fullText.bind(1, id)
        fullText.bind(2, pending ?? Int64.max)
        try fullText.step()
        let unit = try connection.prepare("DELETE FROM unit WHERE id = ?1")
        unit.bind(1, id)
        try unit.step()
        guard connection.changes > 0 else { return false }
        let floor = try connection.prepare("UPDATE search_state SET next_unit_id = max(coalesce(next_unit_id, 0), ?1 + 1)")
        floor.bind(1, id)
        try floor.step()
        return true
    }

    /// The id of the stored unit with `unit`'s content key, if any.
    private func storedID(of unit: TranslationUnit) throws -> Int64? {
        let statement = try connection.prepare("SELECT id FROM unit WHERE content_key = ?1")
        statement.bind(1, ContentKey(of: unit).bytes)
        return try statement.step() ? statement.int64(0) : nil
    }
}
