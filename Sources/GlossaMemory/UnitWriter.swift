import Foundation
import GlossaCore
import GlossaText

/// What an import did.
public struct ImportSummary: Codable, Equatable, Sendable {
    /// Units read from the input.
    public var read = 0
    /// Units added to the TM.
    public var added = 0
    /// Units skipped because the TM already held the same unit (see `ContentKey`).
    public var duplicates = 0
    /// Units added although the TM held one of the same texts and codes, since their id,
    /// context or properties differ: kept as units of their own, not merged or dropped.
    public var keptApart = 0

    public init(read: Int = 0, added: Int = 0, duplicates: Int = 0, keptApart: Int = 0) {
        self.read = read
        self.added = added
        self.duplicates = duplicates
        self.keptApart = keptApart
    }
}

extension TranslationMemory {
    /// The page cache of a write, in KiB: larger caches measured no faster on million-unit
    /// loads and cost their size in memory.
    private static let writeCacheKiB = 32768

    /// Adds units inside one transaction: `body` passes each unit to the writer, and if it
    /// throws, nothing it wrote stays. A unit whose (language, lookup text) pairs equal those
    /// of a stored unit is a duplicate and is skipped.
    ///
    /// Into an empty TM the indexes are dropped for the load and built once at the end, sorted,
    /// inside the same transaction: faster than growing them row by row, and the finished file
    /// is the same. Duplicates are then caught in memory, for the first `keysInMemory` units;
    /// past them the unique index is built on what is loaded and catches the rest, so memory
    /// stays flat whatever the input's size (the set holds 16 bytes a unit, twice over).
    ///
    /// With `deferSearchIndex` the units get their exact-match keys but not the search indexes
    /// (fuzzy and concordance), for bulk loads: `updateSearchIndex` adds them later, and until
    /// then lookups refuse the TM. A write that does not defer first indexes what earlier
    /// writes deferred.
    public func write(deferSearchIndex: Bool = false, _ body: (UnitWriter) throws -> Void) throws -> ImportSummary {
        try write(deferSearchIndex: deferSearchIndex, keysInMemory: UnitIngest.keysInMemory, body)
    }

    /// `write(deferSearchIndex:_:)` with the number of content keys a bulk write holds in
    /// memory before it turns to the unique index: tests make it small.
    func write(deferSearchIndex: Bool, keysInMemory: Int, _ body: (UnitWriter) throws -> Void) throws -> ImportSummary {
        try connection.execute("PRAGMA cache_size = -\(Self.writeCacheKiB)")
        return try writeTransaction { try load(deferSearchIndex: deferSearchIndex, keysInMemory: keysInMemory, body) }
    }

    /// The body of `write`, inside a transaction the caller has begun (an edit deletes a unit
    /// and loads its replacement in one).
    func load(deferSearchIndex: Bool, keysInMemory: Int = UnitIngest.keysInMemory, _ body: (UnitWriter) throws -> Void) throws -> ImportSummary {
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
            uniqueIndex: bulk ? indexes.first { $0.name == Schema.contentIndex }?.sql : nil, keysInMemory: keysInMemory)
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
        // with one, 1.9 s with two). Each sorts runs of up to the cache size in memory, so
        // the cache is halved meanwhile to keep the peak where one thread had it.
        try connection.execute("PRAGMA threads = 2; PRAGMA cache_size = -\(Self.writeCacheKiB / 2)")
        defer { try? connection.execute("PRAGMA threads = 0; PRAGMA cache_size = -\(Self.writeCacheKiB)") }
        let built = try connection.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?1")
        for index in indexes {
            built.reset()
            built.bind(1, index.name)
            if try !built.step() { try connection.execute(index.sql) }
        }
        return summary
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
            "INSERT INTO document_entry (document_id, kind, name, value, xml_lang, o_encoding) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        for row in DocumentEntry.rows(of: document) {
            entry.reset()
            entry.bind(1, id)
            entry.bind(2, row.kind)
            entry.bind(3, row.name)
            entry.bind(4, row.value)
            entry.bind(5, row.language)
            entry.bind(6, row.encoding)
            try entry.step()
        }
    }
}

/// Receives units during `TranslationMemory.write`. A writer thread inserts them, so on two
/// cores reading the input and SQLite run side by side; errors from either side come out of
/// `add` or the write.
///
/// Where a unit is prepared (lookup forms, hashes, content key, dates) depends on the write:
/// with the search indexes, on the caller's thread, which also cuts the text into search
/// tokens and builds the posting lists, and so must know the variant ids; when they are
/// deferred, on the writer thread, which otherwise would idle half the time while the
/// caller parses (a million-unit TMX import: the parsing thread was busy throughout, the
/// writer 60%). Either way the caller checks each unit's shape, so a bad unit is reported
/// where the input has it.
///
/// Variant ids count on from the last one any import handed out (`search_state`). A unit
/// the unique index turns away (a duplicate of a stored unit) leaves its ids unused, for
/// good, and its postings pointing at no variant: lookups skip them.
public final class UnitWriter {
    /// What the writer thread receives.
    enum Item: Sendable {
        /// A unit prepared on the caller's thread.
        case prepared(PreparedUnit)
        /// A unit for the writer thread to prepare.
        case unit(TranslationUnit)
        case postings([PostingChunk])
        /// SQL to run before the units that follow: the unique index, once the caller's
        /// thread has as many content keys in memory as it may hold.
        case createIndex(String)
    }

    /// Used by the caller's thread or, when `prepareOnWriter`, by the writer thread only;
    /// `finish` reads it after the writer thread is done.
    private let ingest: UnitIngest
    private let prepareOnWriter: Bool
    /// Batches go to a thread that owns the SQLite connection for the length of the write.
    private let pipeline: BatchPipeline<Item>
    private let inserter: UnitInserter
    private var batch: [Item] = []
    /// The id the first variant of this write gets.
    private let firstVariantID: Int64
    private static let batchSize = 256

    /// Units passed to `add` so far.
    public private(set) var read = 0
    /// Documents to record once the units are in.
    private(set) var documents: [SourceDocument] = []

    /// A writer through `inserter`. `uniqueIndex`, the SQL of the dropped unique index of a
    /// bulk write, has duplicates caught in memory until `keysInMemory` units are in, and then
    /// that index built to catch the rest; nil leaves them to the index that is there.
    init(inserter: UnitInserter, vocabulary: SearchVocabulary?, firstVariantID: Int64, uniqueIndex: String?, keysInMemory: Int) {
        self.inserter = inserter
        self.firstVariantID = firstVariantID
        let ingest = UnitIngest(vocabulary: vocabulary, firstVariantID: firstVariantID,
                                keysInMemory: uniqueIndex == nil ? nil : keysInMemory)
        self.ingest = ingest
        prepareOnWriter = vocabulary == nil
        pipeline = BatchPipeline(name: "glossa.tm-writer") { batch in
            for item in batch {
                switch item {
                case .prepared(let unit): try inserter.insert(unit)
                case .unit(let unit): if let prepared = try ingest.prepare(unit) { try inserter.insert(prepared) }
                case .postings(let chunks): try inserter.insert(chunks)
                case .createIndex(let sql): try inserter.execute(sql)
                }
            }
        }
        batch.reserveCapacity(Self.batchSize)
        // The index goes in between the last unit the set caught duplicates for and the next:
        // run on the writer thread when units are prepared there, else queued in order.
        if let uniqueIndex {
            ingest.onKeySetFull = prepareOnWriter
                ? { try inserter.execute(uniqueIndex) }
                : { [unowned self] in try self.send(.createIndex(uniqueIndex)) }
        }
    }

    /// Adds one unit. A unit must have at least one variant.
    public func add(_ unit: TranslationUnit) throws {
        read += 1
        if prepareOnWriter {
            try UnitPreparer.validate(unit)
            try send(.unit(unit))
            return
        }
        guard let prepared = try ingest.prepare(unit) else { return }
        try send(.prepared(prepared))
        if ingest.postings.isFull { try send(.postings(ingest.postings.drain())) }
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
        if let vocabulary = ingest.preparer.vocabulary {
            try vocabulary.store(into: connection)
        } else if ingest.nextVariantID > firstVariantID {
            try connection.execute("UPDATE search_state SET pending_from = coalesce(pending_from, \(firstVariantID))")
        }
        try connection.execute("UPDATE search_state SET next_variant_id = \(ingest.nextVariantID)")
    }

    /// Stops the writer thread without sending what is held: the write is being rolled back.
    func abandon() {
        batch = []
        try? pipeline.close()
    }

    /// Sends what is left, waits for the writer thread, and returns the counts.
    func finish() throws -> ImportSummary {
        if !prepareOnWriter { try? send(.postings(ingest.postings.drain())) }
        if !batch.isEmpty { try? pipeline.send(batch) }
        batch = []
        try pipeline.close()
        return ImportSummary(read: read, added: inserter.added, duplicates: inserter.duplicates + ingest.duplicates,
                             keptApart: inserter.keptApart + ingest.keptApart)
    }
}

/// Turns units into `PreparedUnit`s with their variant ids, dropping those whose content a
/// bulk write has had already, and gathers their postings when the search index is built.
/// Used by one thread at a time.
package final class UnitIngest {
    private(set) var preparer: UnitPreparer
    /// Content keys written so far, while the unique index is not there to catch duplicates,
    /// and the text parts of those keys, which tell a unit kept apart by its id or properties.
    private var writtenKeys: StableHashSet?
    private var writtenTexts: StableHashSet?
    private let keysInMemory: Int
    /// Called once, on this object's thread, when `writtenKeys` is full and dropped: the unique
    /// index must then exist before the next unit is inserted.
    var onKeySetFull: () throws -> Void = {}
    private(set) var nextVariantID: Int64
    /// Units dropped as duplicates of earlier ones in this write.
    private(set) var duplicates = 0
    /// Units of the same text as an earlier one of this write, kept for their id or properties.
    private(set) var keptApart = 0
    var postings = PostingAccumulator()

    /// How many content keys a bulk write holds in memory at most: 2^20 keys take two tables
    /// (keys, texts) of 2^21 slots, 32 MB each, and a million-unit import needs no index built mid-way.
    package static let keysInMemory = 1 << 20

    /// An ingest that catches duplicates in memory for `keysInMemory` units (nil: never).
    init(vocabulary: SearchVocabulary?, firstVariantID: Int64, keysInMemory: Int?) {
        preparer = UnitPreparer(vocabulary: vocabulary)
        nextVariantID = firstVariantID
        self.keysInMemory = keysInMemory ?? 0
        writtenKeys = keysInMemory.map { StableHashSet(capacity: min(1 << 16, $0)) }
        writtenTexts = writtenKeys
    }

    /// `unit` prepared, with ids, or nil when it repeats a unit of this write.
    func prepare(_ unit: TranslationUnit) throws -> PreparedUnit? {
        var prepared = try preparer.prepare(unit)
        if let count = writtenKeys?.count, count >= keysInMemory {
            writtenKeys = nil
            writtenTexts = nil
            try onKeySetFull()
        }
        if writtenKeys != nil {
            if writtenKeys!.insert(prepared.contentKey.combined) == false {
                duplicates += 1
                return nil
            }
            if writtenTexts!.insert(prepared.contentKey.text) == false { keptApart += 1 }
            prepared.probeSameText = false
        }
        for index in prepared.variants.indices {
            prepared.variants[index].id = nextVariantID
            if let search = prepared.variants[index].search { postings.add(variant: nextVariantID, search) }
            nextVariantID += 1
        }
        return prepared
    }
}
