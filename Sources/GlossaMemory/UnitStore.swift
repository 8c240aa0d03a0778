import GlossaCore
import GlossaText

/// What units and file headers are written to, in either store: an import or a copy feeds one.
public protocol UnitSink: AnyObject {
    /// Units passed to `add` so far.
    var read: Int { get }
    /// Adds a unit; a duplicate of a stored one is counted and skipped.
    func add(_ unit: TranslationUnit) throws
    /// Records an imported file's header.
    func add(_ document: SourceDocument)
}

extension UnitWriter: UnitSink {}

/// A translation memory in either store (an SQLite file or a PostgreSQL database), as imports,
/// exports, copies and statistics use it. The PostgreSQL store (GlossaPostgres) conforms too.
public protocol UnitStore: AnyObject {
    /// The TM as messages name it: the file's path, or the database's URL without its password.
    var name: String { get }
    /// Adds the units `body` passes to its sink in one transaction (see each store's `write`).
    func writeUnits(deferSearchIndex: Bool, _ body: (any UnitSink) throws -> Void) throws -> ImportSummary
    /// Calls `body` with the units matching `filter` and their ids, in id order, a batch at a
    /// time: memory holds one batch however large the TM.
    func forEachUnitBatch(_ filter: TranslationMemory.UnitFilter, _ body: ([(id: Int64, unit: TranslationUnit)]) throws -> Void) throws
    /// The headers of the files imported, in import order.
    func documents() throws -> [SourceDocument]
    /// Counts of units and of variants per language.
    func statistics() throws -> TranslationMemory.Statistics
    /// Up to two source languages recorded on the units matching `filter` (nil: none recorded).
    func sourceLanguages(_ filter: TranslationMemory.UnitFilter) throws -> [LanguageTag?]
    /// Whether the TM holds text in `language` or, for a bare language, a regional form of it.
    func holdsText(in language: LanguageTag) throws -> Bool
    /// Variants not in the search indexes yet (an import that deferred them).
    func unindexedVariantCount() throws -> Int
    /// Checks the TM's invariants (see each store's `checkIntegrity`): one line per problem,
    /// empty when sound.
    func checkIntegrity() throws -> [String]
    /// Throws `MemoryError` (`.searchIndexPending`) while variants wait to be indexed: fuzzy
    /// and concordance lookups would silently miss them.
    func requireSearchIndex() throws
    /// A number that changes when the TM is written to (by another connection, for a file):
    /// what tells a reader that what it derived from the TM must be derived again.
    func changeCount() throws -> Int64
    /// Adds `units` in one transaction, as an import does, and tells each one's id, in order:
    /// the unit added, or the stored unit it repeats.
    func addReturningIDs(_ units: [TranslationUnit]) throws -> (summary: ImportSummary, ids: [Int64])
    /// Replaces the unit `id` with `unit`, which keeps the id, in one transaction.
    func replaceUnit(id: Int64, with unit: TranslationUnit) throws -> TranslationMemory.Replacement
    /// Deletes the unit `id` with its variants, notes and properties; false when there is none.
    func deleteUnit(id: Int64) throws -> Bool
    /// Applies a maintenance pass's deletions and replacements in one transaction.
    func apply(_ changes: UnitChanges) throws -> ChangeSummary
    /// Which store holds the TM, and the database's role.
    func state() throws -> StoreState
    /// A reader of the TM's search indexes for lookups; throws `MemoryError` with
    /// `.searchIndexPending` while variants wait to be indexed.
    func searchReader() throws -> any SearchIndexReader
    /// Indexes the variants an import left unindexed, in one transaction; `progress` hears how
    /// many are done. Returns how many were indexed.
    @discardableResult
    func updateSearchIndex(progress: (Int) -> Void) throws -> Int
}

extension UnitStore {
    /// Adds `units` in one transaction, with their search indexes.
    @discardableResult
    public func add(_ units: some Sequence<TranslationUnit>) throws -> ImportSummary {
        try writeUnits(deferSearchIndex: false) { sink in
            for unit in units { try sink.add(unit) }
        }
    }

    /// The unit of `id`, with its variants, notes and properties; nil when there is none.
    public func unit(id: Int64) throws -> TranslationUnit? {
        var found: TranslationUnit?
        try forEachUnit(TranslationMemory.UnitFilter(unit: id)) { _, unit in found = unit }
        return found
    }

    /// Calls `body` with each unit matching `filter` and its id, in id order.
    /// Streams: memory stays flat whatever the TM's size.
    public func forEachUnit(_ filter: TranslationMemory.UnitFilter = TranslationMemory.UnitFilter(),
                            _ body: (Int64, TranslationUnit) throws -> Void) throws {
        try forEachUnitBatch(filter) { batch in
            for (id, unit) in batch { try body(id, unit) }
        }
    }
}

/// Which store holds a TM, as a server's health check reports it.
public struct StoreState: Sendable, Equatable {
    /// "sqlite" or "postgresql".
    public let store: String
    /// For a database: "primary", or "standby" while it replays a primary's changes (it then
    /// answers reads only); nil for a file.
    public let role: String?

    public init(store: String, role: String?) {
        self.store = store
        self.role = role
    }
}

extension TranslationMemory: UnitStore {
    public var name: String { path }

    public func state() throws -> StoreState {
        StoreState(store: "sqlite", role: nil)
    }

    public func forEachUnitBatch(_ filter: TranslationMemory.UnitFilter, _ body: ([(id: Int64, unit: TranslationUnit)]) throws -> Void) throws {
        try forEachBatch(filter) { try body($0.units()) }
    }

    public func writeUnits(deferSearchIndex: Bool, _ body: (any UnitSink) throws -> Void) throws -> ImportSummary {
        try write(deferSearchIndex: deferSearchIndex) { try body($0) }
    }

    public func searchReader() throws -> any SearchIndexReader {
        try requireSearchIndex()
        return try SQLiteIndexReader(self)
    }
}
