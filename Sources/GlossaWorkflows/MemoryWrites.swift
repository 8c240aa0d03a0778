import Foundation
import GlossaCore
import GlossaMemory

/// The writes a team's server makes to its TM, one at a time on a thread of their own: SQLite
/// takes one writer at a time, so queued here a write never meets another of this process's as
/// a busy database, and a write (an import can take minutes) never holds a thread that answers
/// requests. A write from outside (`glossa import` beside the server) is waited for up to the
/// TM's busy timeout, then the write fails with `MemoryError` (busy) and changes nothing. In
/// PostgreSQL, the writes of every server on the database take turns on an advisory lock.
public final class MemoryWrites: @unchecked Sendable {
    /// The TM: a file, or a PostgreSQL URL.
    public let location: String
    private let queue = DispatchQueue(label: "glossa.tm-writes")
    /// A database's connection, kept between writes (opening one costs a login); used on
    /// `queue` only, and dropped after a failed write in case the connection is what failed.
    private var database: (any UnitStore)?

    /// Writes to the TM at `location`, which must exist.
    public init(location: String) {
        self.location = location
    }

    /// Runs `body` on the write thread, after the writes queued before it.
    public func serialized<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Runs `body` on the write thread with the TM open for writing, after the writes queued before it.
    public func run<T: Sendable>(_ body: @escaping @Sendable (any UnitStore) throws -> T) async throws -> T {
        try await serialized { [self] in
            guard TMStores.isDatabase(location) else { return try body(TMStores.open(location, access: .readWrite)) }
            let memory = try database ?? TMStores.open(location, access: .readWrite)
            database = nil
            let result = try body(memory)
            database = memory
            return result
        }
    }

    /// Adds `units` in one transaction; each one's id, new or of the stored unit it repeats.
    public func add(_ units: [TranslationUnit]) async throws -> (summary: ImportSummary, ids: [Int64]) {
        try await run { try $0.addReturningIDs(units) }
    }

    /// Replaces the unit `id` with what `revise` makes of the stored unit, in one write; the
    /// unit as stored after, when replaced.
    public func replace(id: Int64, revise: @escaping @Sendable (TranslationUnit) -> TranslationUnit) async throws
        -> (replacement: TranslationMemory.Replacement, unit: TranslationUnit?) {
        try await run { memory in
            guard let stored = try memory.unit(id: id) else { return (.noSuchUnit, nil) }
            let revised = revise(stored)
            let outcome = try memory.replaceUnit(id: id, with: revised)
            return (outcome, outcome == .replaced ? try memory.unit(id: id) : nil)
        }
    }

    /// Deletes the unit `id`; false when there is none.
    public func delete(id: Int64) async throws -> Bool {
        try await run { try $0.deleteUnit(id: id) }
    }
}
