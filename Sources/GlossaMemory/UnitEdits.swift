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
    /// Deletes the units of `ids` inside the caller's transaction, in one pass over the store
    /// rather than one statement each; returns how many there were. Their ids are never
    /// given to other units.
    func removeUnits(_ ids: [Int64]) throws -> Int
    /// Gives the unit `from` and its rows the id `to`, inside the caller's transaction.
    func moveUnit(from: Int64, to: Int64) throws
    /// The id of the stored unit with `unit`'s content key, if any.
    func storedID(of unit: TranslationUnit) throws -> Int64?
    /// `storedID(of:)` for each of `units`, in order, in few statements.
    func storedIDs(of units: [TranslationUnit]) throws -> [Int64?]
    /// `moveUnit(from:to:)` for each pair, in few statements.
    func moveUnits(_ moves: [(from: Int64, to: Int64)]) throws
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

/// What a maintenance pass (`glossa tm delete`, `tm replace`) does to a TM, applied in one
/// transaction by `UnitStore.apply(_:)`: units to delete, and units to replace, each keeping its
/// id.
public struct UnitChanges: Sendable {
    /// A unit to replace: its id, the unit as stored, and the unit that takes its place.
    public struct Replacement: Sendable {
        public let id: Int64
        public let original: TranslationUnit
        public let unit: TranslationUnit

        public init(id: Int64, original: TranslationUnit, unit: TranslationUnit) {
            (self.id, self.original, self.unit) = (id, original, unit)
        }
    }

    /// Units to delete, by id.
    public var deletions: [Int64] = []
    public var replacements: [Replacement] = []
    /// Units to add, as an import adds them (duplicates of stored units skipped), after the
    /// deletions.
    public var additions: [TranslationUnit] = []

    public init() {}

    public var isEmpty: Bool { deletions.isEmpty && replacements.isEmpty && additions.isEmpty }
}

/// What applying `UnitChanges` did.
public struct ChangeSummary: Sendable, Equatable, Encodable {
    /// Units deleted, and replaced.
    public var deleted = 0, replaced = 0
    /// What adding `UnitChanges.additions` did.
    public var added = ImportSummary()
    /// Replacements left undone because another unit has, or would have, their content (the
    /// edit would make a duplicate); their units stay as they were.
    public var unchangedAsDuplicates: [Int64] = []

    public init() {}
}

extension UnitEditSteps {
    /// Applies `changes` in one transaction: deletions and the replaced units' old rows go in
    /// one pass over the store (`removeUnits`), the replacements are added as an import adds
    /// units, then each takes its old id. A replacement whose content another unit has, or
    /// would have after the pass, is undone: its unit stays as it was.
    package func applying(_ changes: UnitChanges) throws -> ChangeSummary {
        try inWriteTransaction {
            var summary = ChangeSummary()
            summary.deleted = try removeUnits(changes.deletions)
            if !changes.additions.isEmpty { summary.added = try load(changes.additions) }
            guard !changes.replacements.isEmpty else { return summary }
            _ = try removeUnits(changes.replacements.map(\.id))
            // Undone: a replacement that repeats a unit left stored, or another replacement,
            // or a unit put back because its own replacement was undone (until none is left).
            var undone = Set<Int64>()
            let stored = try storedIDs(of: changes.replacements.map(\.unit))
            var changed = true
            while changed {
                changed = false
                var claimed = Set(changes.replacements.filter { undone.contains($0.id) }.map { ContentKey(of: $0.original).bytes })
                for (replacement, storedID) in zip(changes.replacements, stored) where !undone.contains(replacement.id) {
                    if storedID != nil || !claimed.insert(ContentKey(of: replacement.unit).bytes).inserted {
                        undone.insert(replacement.id)
                        changed = true
                    }
                }
            }
            let final = changes.replacements.map { undone.contains($0.id) ? ($0.id, $0.original) : ($0.id, $0.unit) }
            _ = try load(final.map(\.1))
            let added = try storedIDs(of: final.map(\.1))
            try moveUnits(zip(final, added).compactMap { entry, added in added.flatMap { $0 == entry.0 ? nil : (from: $0, to: entry.0) } })
            summary.unchangedAsDuplicates = changes.replacements.map(\.id).filter(undone.contains)
            summary.replaced = changes.replacements.count - undone.count
            return summary
        }
    }
}
