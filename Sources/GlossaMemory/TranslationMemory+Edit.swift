import GlossaCore

/// Units one at a time, as a team's server edits them: add a few and learn their ids, replace
/// one keeping its id, delete one (`UnitStore.unit(id:)` reads one). Each edit is one transaction.
///
/// A deleted or replaced unit's variants leave the full-text index at once. Their fuzzy
/// postings stay until the next `updateSearchIndex(rebuild)` and point at no variant, which
/// lookups skip (as they skip the ids a turned-away duplicate left unused); the vocabulary's
/// counts stay as they were, which only orders a lookup's tokens. A deleted unit's id is never
/// given to another unit (`search_state.next_unit_id`): a client holding it finds nothing.
extension TranslationMemory {
    public func addReturningIDs(_ units: [TranslationUnit]) throws -> (summary: ImportSummary, ids: [Int64]) {
        try addingReturningIDs(units)
    }

    /// What `replaceUnit` did.
    public enum Replacement: Equatable, Sendable {
        case replaced
        /// The TM has no unit of that id.
        case noSuchUnit
        /// Another stored unit has the replacement's texts, id and properties: nothing changed.
        case sameAs(Int64)
    }

    public func replaceUnit(id: Int64, with unit: TranslationUnit) throws -> Replacement {
        try replacingUnit(id: id, with: unit)
    }

    public func deleteUnit(id: Int64) throws -> Bool {
        try deletingUnit(id: id)
    }

    public func apply(_ changes: UnitChanges) throws -> ChangeSummary {
        try applying(changes)
    }
}

extension TranslationMemory: UnitEditSteps {
    package func inWriteTransaction<T>(_ body: () throws -> T) throws -> T {
        try writeTransaction(body)
    }

    package func load(_ units: [TranslationUnit]) throws -> ImportSummary {
        try load(deferSearchIndex: false) { writer in
            for unit in units { try writer.add(unit) }
        }
    }

    /// The children follow the unit at the commit (foreign keys deferred).
    package func moveUnit(from added: Int64, to id: Int64) throws {
        try connection.execute("PRAGMA defer_foreign_keys = ON")
        for sql in ["UPDATE unit SET id = ?1 WHERE id = ?2", "UPDATE variant SET unit_id = ?1 WHERE unit_id = ?2",
                    "UPDATE note SET unit_id = ?1 WHERE unit_id = ?2", "UPDATE prop SET unit_id = ?1 WHERE unit_id = ?2"] {
            let statement = try connection.prepare(sql)
            statement.bind(1, id)
            statement.bind(2, added)
            try statement.step()
        }
    }

    /// Deletes a unit inside the caller's transaction, its variants' full-text entries first:
    /// FTS5 takes a deletion as the text it indexed, and one of a row it never indexed (a
    /// variant a deferred import left unindexed) would corrupt it.
    package func removeUnit(id: Int64) throws -> Bool {
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

    /// `removeUnit` for many: the ids go into a temporary table, and each step is one
    /// statement over it.
    package func removeUnits(_ ids: [Int64]) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        try connection.execute("CREATE TEMP TABLE IF NOT EXISTS doomed_unit (id INTEGER PRIMARY KEY); DELETE FROM doomed_unit")
        let insert = try connection.prepare("INSERT OR IGNORE INTO doomed_unit VALUES (?1)")
        for id in ids {
            insert.reset()
            insert.bind(1, id)
            try insert.step()
        }
        let pending = try SearchIndex.pendingFrom(connection)
        let fullText = try connection.prepare("""
            INSERT INTO concordance (concordance, rowid, text)
            SELECT 'delete', v.id, v.text FROM doomed_unit d JOIN variant v ON v.unit_id = d.id WHERE NOT (v.id >= ?1 AND v.tokens IS NULL)
            """)
        fullText.bind(1, pending ?? Int64.max)
        try fullText.step()
        try connection.execute("DELETE FROM unit WHERE id IN (SELECT id FROM doomed_unit)")
        let removed = connection.changes
        try connection.execute("""
            UPDATE search_state SET next_unit_id = max(coalesce(next_unit_id, 0), (SELECT max(id) + 1 FROM doomed_unit));
            DELETE FROM doomed_unit
            """)
        return removed
    }

    package func storedIDs(of units: [TranslationUnit]) throws -> [Int64?] {
        let statement = try connection.prepare("SELECT id FROM unit WHERE content_key = ?1")
        return try units.map { unit in
            statement.reset()
            statement.bind(1, ContentKey(of: unit).bytes)
            return try statement.step() ? statement.int64(0) : nil
        }
    }

    /// Through a temporary table of the moves: one statement a table.
    package func moveUnits(_ moves: [(from: Int64, to: Int64)]) throws {
        guard !moves.isEmpty else { return }
        try connection.execute("""
            PRAGMA defer_foreign_keys = ON;
            CREATE TEMP TABLE IF NOT EXISTS moved_unit (added INTEGER PRIMARY KEY, id INTEGER NOT NULL); DELETE FROM moved_unit
            """)
        let insert = try connection.prepare("INSERT INTO moved_unit VALUES (?1, ?2)")
        for move in moves {
            insert.reset()
            insert.bind(1, move.from)
            insert.bind(2, move.to)
            try insert.step()
        }
        for table in ["variant", "note", "prop"] {
            try connection.execute("""
                UPDATE \(table) SET unit_id = (SELECT id FROM moved_unit WHERE added = unit_id) WHERE unit_id IN (SELECT added FROM moved_unit)
                """)
        }
        try connection.execute("""
            UPDATE unit SET id = (SELECT id FROM moved_unit WHERE added = unit.id) WHERE id IN (SELECT added FROM moved_unit);
            DELETE FROM moved_unit
            """)
    }

    package func storedID(of unit: TranslationUnit) throws -> Int64? {
        let statement = try connection.prepare("SELECT id FROM unit WHERE content_key = ?1")
        statement.bind(1, ContentKey(of: unit).bytes)
        return try statement.step() ? statement.int64(0) : nil
    }
}
