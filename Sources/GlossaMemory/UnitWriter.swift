import Foundation
import GlossaCore
import GlossaText

/// What an import did.
public struct ImportSummary: Codable, Equatable, Sendable {
    /// Units read from the input.
    public var read = 0
    /// Units added to the TM.
    public var added = 0
    /// Units skipped because the TM already held the same content.
    public var duplicates = 0

    public init(read: Int = 0, added: Int = 0, duplicates: Int = 0) {
        self.read = read
        self.added = added
        self.duplicates = duplicates
    }
}

extension TranslationMemory {
    /// Adds units inside one transaction: `body` passes each unit to the writer, and if it
    /// throws, nothing it wrote stays. A unit whose (language, lookup text) pairs equal those
    /// of a stored unit is a duplicate and is skipped.
    ///
    /// Into an empty TM the indexes are dropped for the load and built once at the end, sorted,
    /// inside the same transaction: faster than growing them row by row, and the finished file
    /// is the same. Duplicates are then caught in memory.
    ///
    /// With `deferSearchIndex` the units get their exact-match keys but not the search indexes
    /// (fuzzy and concordance), for bulk loads: `updateSearchIndex` adds them later, and until
    /// then lookups refuse the TM. A write that does not defer first indexes what earlier
    /// writes deferred.
    public func write(deferSearchIndex: Bool = false, _ body: (UnitWriter) throws -> Void) throws -> ImportSummary {
        // 32 MiB of page cache: larger caches measured no faster on million-unit loads and
        // cost their size in memory (the TMX import stays under 150 MB with this).
        try connection.execute("PRAGMA cache_size = -32768")
        return try connection.transaction {
            if !deferSearchIndex, let pending = try SearchIndex.pendingFrom(connection) {
                try SearchIndex.update(connection, from: pending, committed: true)
            }
            let bulk = try connection.scalar("SELECT NOT EXISTS (SELECT 1 FROM unit)") == 1
            var indexes: [(name: String, sql: String)] = []
            if bulk {
                let statement = try connection.prepare(
                    "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('unit', 'variant', 'note', 'prop')")
                while try statement.step() { indexes.append((statement.string(0) ?? "", statement.string(1) ?? "")) }
                for index in indexes { try connection.execute("DROP INDEX \"\(index.name)\"") }
            }
            let writer = try UnitWriter(
                inserter: UnitInserter(connection: connection),
                vocabulary: deferSearchIndex ? nil : SearchVocabulary(connection: connection),
                firstVariantID: connection.scalar(
                    "SELECT max((SELECT coalesce(max(id), 0) + 1 FROM variant), (SELECT next_variant_id FROM search_state))"),
                deduplicateInMemory: bulk)
            let summary = try SearchIndex.fillingFullText(connection, if: !deferSearchIndex) {
                do {
                    try body(writer)
                } catch {
                    writer.abandon()
                    throw error
                }
                return try writer.finish()
            }
            try writer.storeSearchState(into: connection)
            // The same header imported again is the same document, like a duplicate unit.
            if !writer.documents.isEmpty {
                let known = try documents()
                for document in writer.documents where !known.contains(document) { try insert(document) }
            }
            // Two sorter threads: the index builds are sorts of millions of keys, and the writer
            // thread is idle by now (the exact-match index of a million-unit TMX import: 2.8 s
            // with one, 1.9 s with two).
            try connection.execute("PRAGMA threads = 2")
            for index in indexes { try connection.execute(index.sql) }
            try connection.execute("PRAGMA threads = 0")
            return summary
        }
    }

    /// Stores a document header and its entries.
    private func insert(_ document: SourceDocument) throws {
        let header = try connection.prepare("INSERT INTO document (origin, format, imported_at) VALUES (?1, ?2, ?3)")
        header.bind(1, document.origin)
        header.bind(2, document.format)
        header.bind(3, Timestamp.format(Date()))
        try header.step()
        let id = connection.lastInsertRowID
        let entry = try connection.prepare(
            "INSERT INTO document_entry (document_id, kind, name, value, xml_lang) VALUES (?1, ?2, ?3, ?4, ?5)")
        let rows = document.attributes.map { ("attribute", $0.name as String?, $0.value, $0.language) }
            + document.notes.map { ("note", nil as String?, $0.text, $0.language) }
            + document.properties.map { ("prop", $0.name as String?, $0.value, $0.language) }
        for (kind, name, value, language) in rows {
            entry.reset()
            entry.bind(1, id)
            entry.bind(2, kind)
            entry.bind(3, name)
            entry.bind(4, value)
            entry.bind(5, language)
            try entry.step()
        }
    }

    /// Adds `units` in one transaction; see `write(_:)`.
    public func add(_ units: some Sequence<TranslationUnit>) throws -> ImportSummary {
        try write { writer in
            for unit in units { try writer.add(unit) }
        }
    }
}

/// Receives units during `TranslationMemory.write`. The caller's thread prepares each unit
/// (lookup forms, hashes, keys, search tokens, posting lists); a writer thread inserts them,
/// so on two cores parsing and SQLite run side by side. Errors from either side come out of
/// `add` or the write.
///
/// Variant ids are assigned here, counting on from the last one any import handed out
/// (`search_state`), so that posting lists are built on this thread. A unit the unique index
/// turns away (a duplicate of a stored unit) leaves its ids unused, for good, and its
/// postings pointing at no variant: lookups skip them.
public final class UnitWriter {
    /// What the writer thread receives.
    enum Item: Sendable {
        case unit(PreparedUnit)
        case postings([PostingChunk])
    }

    private var preparer: UnitPreparer
    /// Batches go to a thread that owns the SQLite connection for the length of the write.
    private let pipeline: BatchPipeline<Item>
    private let inserter: UnitInserter
    /// Content keys written so far, when the unique index is not there to catch duplicates.
    private var writtenKeys: StableHashSet?
    private var batch: [Item] = []
    private var postings = PostingAccumulator()
    /// The id the first variant of this write gets; `nextVariantID` counts on from it.
    private let firstVariantID: Int64
    private var nextVariantID: Int64
    private var duplicatesInMemory = 0
    private static let batchSize = 256

    /// Units passed to `add` so far.
    public private(set) var read = 0
    /// Documents to record once the units are in.
    private(set) var documents: [SourceDocument] = []

    init(inserter: UnitInserter, vocabulary: SearchVocabulary?, firstVariantID: Int64, deduplicateInMemory: Bool) {
        self.inserter = inserter
        preparer = UnitPreparer(vocabulary: vocabulary)
        self.firstVariantID = firstVariantID
        nextVariantID = firstVariantID
        pipeline = BatchPipeline(name: "glossa.tm-writer") { batch in
            for item in batch {
                switch item {
                case .unit(let unit): try inserter.insert(unit)
                case .postings(let chunks): try inserter.insert(chunks)
                }
            }
        }
        writtenKeys = deduplicateInMemory ? StableHashSet(capacity: 1 << 16) : nil
        batch.reserveCapacity(Self.batchSize)
    }

    /// Adds one unit. A unit must have at least one variant and at most one per language.
    public func add(_ unit: TranslationUnit) throws {
        read += 1
        var prepared = try preparer.prepare(unit)
        if writtenKeys?.insert(prepared.contentKey) == false {
            duplicatesInMemory += 1
            return
        }
        for index in prepared.variants.indices {
            prepared.variants[index].id = nextVariantID
            if let search = prepared.variants[index].search { postings.add(variant: nextVariantID, search) }
            nextVariantID += 1
        }
        try send(.unit(prepared))
        if postings.isFull { try send(.postings(postings.drain())) }
    }

    private func send(_ item: Item) throws {
        batch.append(item)
        if batch.count == Self.batchSize {
            try pipeline.send(batch)
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// Records what an imported file's header said (stored with the units, in the same
    /// transaction).
    public func add(_ document: SourceDocument) {
        documents.append(document)
    }

    /// Stores the search vocabulary the prepared units grew and the next variant id, or, when
    /// the search indexes were deferred, where the unindexed variants begin; after `finish`.
    func storeSearchState(into connection: SQLiteConnection) throws {
        if let vocabulary = preparer.vocabulary {
            try vocabulary.store(into: connection)
        } else if nextVariantID > firstVariantID {
            try connection.execute("UPDATE search_state SET pending_from = coalesce(pending_from, \(firstVariantID))")
        }
        try connection.execute("UPDATE search_state SET next_variant_id = \(nextVariantID)")
    }

    /// Stops the writer thread without sending what is held: the write is being rolled back.
    func abandon() {
        batch = []
        try? pipeline.close()
    }

    /// Sends what is left, waits for the writer thread, and returns the counts.
    func finish() throws -> ImportSummary {
        try? send(.postings(postings.drain()))
        if !batch.isEmpty { try? pipeline.send(batch) }
        batch = []
        try pipeline.close()
        return ImportSummary(read: read, added: inserter.added, duplicates: inserter.duplicates + duplicatesInMemory)
    }
}
