import GlossaCore

/// The steps of a server's unit edits that each store takes its own way; the edits themselves
/// (`UnitStore.addReturningIDs`, `replaceUnit`, `deleteUnit`) are written once over them, so
/// both stores keep the same semantics: each edit one transaction, a replacement that keeps its
/// unit's id, a replacement that repeats another unit changing nothing.
package protocol UnitEditSteps {
    /// `body` in one write transaction.
    func inWriteTransaction<T>(_ body: () throws -> T) throws -> T
    /// Adds `units` inside the caller's transaction, as an import does.
    func load(_ units: [TranslationUnit]) throws -> ImportSummary
    /// Deletes a unit inside the caller's transaction; false when there is none. Its id is
    /// never given to another unit.
    func removeUnit(id: Int64) throws -> Bool
    /// Gives the unit `from` and its rows the id `to`, inside the caller's transaction.
    func moveUnit(from: Int64, to: Int64) throws
    /// The id of the stored unit with `unit`'s content key, if any.
    func storedID(of unit: TranslationUnit) throws -> Int64?
}

extension UnitEditSteps {
    package func addingReturningIDs(_ units: [TranslationUnit]) throws -> (summary: ImportSummary, ids: [Int64]) {
        try inWriteTransaction {
            let summary = try load(units)
            return (summary, try units.map { try storedID(of: $0) ?? 0 })
        }
    }

    package func replacingUnit(id: Int64, with unit: TranslationUnit) throws -> TranslationMemory.Replacement {
        do {
            return try inWriteTransaction {
                guard try removeUnit(id: id) else { return .noSuchUnit }
                if let stored = try storedID(of: unit) { throw ReplacementRepeats(id: stored) }
                _ = try load([unit])
                if let added = try storedID(of: unit) { try moveUnit(from: added, to: id) }
                return .replaced
            }
        } catch let repeats as ReplacementRepeats {
            return .sameAs(repeats.id)
        }
    }

    package func deletingUnit(id: Int64) throws -> Bool {
        try inWriteTransaction { try removeUnit(id: id) }
    }
}

/// A replacement with the texts of another stored unit: what rolls its transaction back.
private struct ReplacementRepeats: Error {
    let id: Int64
}
