import Foundation
import GlossaCore
import GlossaMemory
import GlossaText
import NIOCore
import PostgresNIO

/// Writes units into a PostgreSQL TM inside the write transaction `PostgresMemory.write`
/// holds: units are prepared as the SQLite store prepares them (the same content keys, hashes
/// and lookup forms), gathered into batches, and each batch is checked against the stored keys
/// in one query and sent with `COPY`, with the search indexes' rows (`PostgresSearchIndex`).
/// Memory holds one batch, and the postings until they are sent.
public final class PostgresUnitWriter: UnitSink {
    private let session: PostgresSession
    private var preparer: UnitPreparer
    private var pending: [PreparedUnit] = []
    /// The rows of the batches; in a bulk load, used on the sender's thread until it stops.
    private let rows: UnitRows
    public private(set) var read = 0
    private(set) var documents: [SourceDocument] = []

    /// Units a batch holds: large enough that a batch's round trips cost little, small enough
    /// that its rows stay a few megabytes.
    static let batchSize = 2000

    /// In a load into an empty TM, the units handed to `sender` so far, and how many content
    /// keys it may hold in memory (give or take a batch).
    private var unitsSent = 0
    private let keysInMemory: Int

    /// In a load into an empty TM, the thread that turns each batch into rows (catching
    /// duplicates in memory) for `UnitRows`'s thread to send, while this one prepares the next
    /// batch: three stages (prepare, make rows, PostgreSQL's ingest) that overlap. Nil
    /// where each batch's duplicates are looked up in what the batches before it wrote, which
    /// must be there first.
    private var sender: BatchPipeline<[PreparedUnit]>?

    /// A writer handing out ids from those given; with `keysInMemory`, for a load into an
    /// empty TM whose unique index is dropped (`PostgresSchema.dropForBulkLoad`), holding that
    /// many keys in memory at most.
    init(session: PostgresSession, vocabulary: SearchVocabulary, nextUnitID: Int64, nextVariantID: Int64, keysInMemory: Int?) {
        self.session = session
        preparer = UnitPreparer(vocabulary: vocabulary)
        let rows = UnitRows(session: session, nextUnitID: nextUnitID, nextVariantID: nextVariantID, keysInMemory: keysInMemory != nil)
        self.rows = rows
        self.keysInMemory = keysInMemory ?? 0
        if keysInMemory != nil {
            sender = BatchPipeline(name: "glossa.postgres-rows", depth: 2) { batches in
                for batch in batches { try rows.send(batch, stored: nil) }
            }
        }
    }

    /// What the write did so far; whole once `finish` has returned.
    var summary: ImportSummary {
        var summary = rows.summary
        summary.read = read
        return summary
    }

    var nextUnitID: Int64 { rows.nextUnitID }
    var nextVariantID: Int64 { rows.nextVariantID }

    public func add(_ unit: TranslationUnit) throws {
        read += 1
        pending.append(try preparer.prepare(unit))
        if pending.count >= Self.batchSize { try flush() }
    }

    public func add(_ document: SourceDocument) {
        if !documents.contains(document) { documents.append(document) }
    }

    /// Sends what is pending.
    func flush() throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        if sender != nil && unitsSent >= keysInMemory {
            // The keys reached what memory may hold (a key per unit sent at most): the unique
            // index is built on what is loaded, and catches the rest.
            try stopSending()
            rows.forgetKeys()
            try session.execute(PostgresSchema.contentIndex.create)
        }
        if let sender {
            unitsSent += batch.count
            try sender.send([batch])
        } else {
            try rows.send(batch, stored: storedKeys(of: batch))
        }
    }

    /// Waits until `sender` has sent everything, and sends directly from then on; throws what
    /// failed on its thread. A write that fails calls it before rolling back, so nothing is
    /// sent on the connection meanwhile.
    func stopSending() throws {
        defer { sender = nil }
        do {
            try sender?.close()
        } catch {
            try? rows.stopCopying()
            throw error
        }
        try rows.stopCopying()
    }

    /// Sends what is pending, then the rest of the search indexes: the postings held, the
    /// vocabulary's new tokens and counts, the concordance's new words.
    func finish() throws {
        try flush()
        try stopSending()
        try rows.finish(vocabulary: preparer.vocabulary)
    }

    /// For each unit of `batch`, whether the TM holds its key, and whether it holds a unit of
    /// the same texts (its key's first 16 bytes): one query for the batch.
    private func storedKeys(of batch: [PreparedUnit]) throws -> [(exact: Bool, sameText: Bool)] {
        let keys = batch.map { Hex.string($0.contentKey.bytes) }
        let texts = batch.map { Hex.string($0.contentKey.text.bytes) }
        return try session.run { connection, logger in
            let rows = try await connection.query("""
                SELECT EXISTS (SELECT 1 FROM unit WHERE content_key = decode(k.key, 'hex')),
                       EXISTS (SELECT 1 FROM unit WHERE content_key >= decode(k.text, 'hex')
                                                    AND content_key <= decode(k.text || 'ffffffffffffffffffffffffffffffff', 'hex'))
                FROM unnest(\(keys)::text[], \(texts)::text[]) WITH ORDINALITY AS k(key, text, position)
                ORDER BY k.position
                """, logger: logger)
            var found: [(exact: Bool, sameText: Bool)] = []
            for try await (exact, sameText) in rows.decode((Bool, Bool).self) { found.append((exact, sameText)) }
            return found
        }
    }
}

/// Turns prepared units into the rows of one batch and sends them: ids handed out, duplicates
/// skipped (caught in memory in a load into an empty TM, else by the stored keys looked up for
/// the batch), and the search indexes' rows. One thread at a time uses it.
final class UnitRows: @unchecked Sendable {
    private let session: PostgresSession
    /// What makes the rows; a value, so that its parts are not checked for exclusive access at
    /// each use as a class's properties are (that was a tenth of a bulk load's time).
    private var maker: RowMaker
    /// In a load into an empty TM, the thread that sends the rows while the next batch's are
    /// made: PostgreSQL takes one batch as the client works on the next.
    private var copier: BatchPipeline<RowMaker.Copy>?

    init(session: PostgresSession, nextUnitID: Int64, nextVariantID: Int64, keysInMemory: Bool) {
        self.session = session
        maker = RowMaker(session: session, nextUnitID: nextUnitID, nextVariantID: nextVariantID)
        if keysInMemory {
            maker.writtenKeys = (StableHashSet(capacity: 1 << 16), StableHashSet(capacity: 1 << 16))
            copier = BatchPipeline(name: "glossa.postgres-copy", depth: 8) { copies in
                for copy in copies { try session.copy(copy.rows, into: copy.table, copy.columns) }
            }
        }
    }

    var summary: ImportSummary { maker.summary }
    var nextUnitID: Int64 { maker.nextUnitID }
    var nextVariantID: Int64 { maker.nextVariantID }

    /// From now on, duplicates are caught by the unique index.
    func forgetKeys() {
        maker.writtenKeys = nil
    }

    /// Sends the rows of `batch`; `stored` says, for each unit, whether the TM holds its key
    /// and a unit of the same texts (nil: the keys are in memory).
    func send(_ batch: [PreparedUnit], stored: [(exact: Bool, sameText: Bool)]?) throws {
        for copy in try maker.rows(of: batch, stored: stored) where copy.rows.count > 0 {
            if let copier { try copier.send([copy]) } else { try session.copy(copy.rows, into: copy.table, copy.columns) }
        }
    }

    /// Waits until `copier` has sent everything, and sends directly from then on.
    func stopCopying() throws {
        defer { copier = nil }
        try copier?.close()
    }

    /// Sends the rest of the search indexes (`PostgresSearchIndex.finish`).
    func finish(vocabulary: SearchVocabulary?) throws {
        try maker.searchIndex.finish(vocabulary: vocabulary)
    }
}

/// The rows of a batch of prepared units, and what they change: the next ids, the keys met,
/// the counts, the search indexes' postings and words.
struct RowMaker {
    let session: PostgresSession
    var searchIndex: PostgresSearchIndex
    var nextUnitID: Int64
    var nextVariantID: Int64
    /// What was added and skipped (`read` is the writer's).
    var summary = ImportSummary()
    /// In a load into an empty TM, the content keys (and text keys) written so far; nil when
    /// keys are looked up in the unique index.
    var writtenKeys: (keys: StableHashSet, texts: StableHashSet)?

    init(session: PostgresSession, nextUnitID: Int64, nextVariantID: Int64) {
        self.session = session
        searchIndex = PostgresSearchIndex(session: session)
        self.nextUnitID = nextUnitID
        self.nextVariantID = nextVariantID
    }

    /// Rows for one `COPY`.
    struct Copy: Sendable {
        let rows: CopyRows
        let table: String
        let columns: [String]
    }

    /// The rows of `batch`, table by table; `stored` as `UnitRows.send` takes it.
    mutating func rows(of batch: [PreparedUnit], stored: [(exact: Bool, sameText: Bool)]?) throws -> [Copy] {
        var units = CopyRows(), variants = CopyRows(), notes = CopyRows(), properties = CopyRows()
        var batchKeys = Set<[UInt8]>(), batchTexts = Set<[UInt8]>()
        do {
            for (index, unit) in batch.enumerated() {
                let key = unit.contentKey.bytes
                let (isDuplicate, isKeptApart): (Bool, Bool)
                if writtenKeys != nil {
                    isDuplicate = !writtenKeys!.keys.insert(unit.contentKey.combined)
                    isKeptApart = !isDuplicate && !writtenKeys!.texts.insert(unit.contentKey.text)
                } else {
                    isDuplicate = stored?[index].exact == true || !batchKeys.insert(key).inserted
                    isKeptApart = !isDuplicate && (!batchTexts.insert(unit.contentKey.text.bytes).inserted || stored?[index].sameText == true)
                }
                guard !isDuplicate else {
                    summary.duplicates += 1
                    continue
                }
                if isKeptApart { summary.keptApart += 1 }
                let unitID = nextUnitID
                nextUnitID += 1
                units.integer(unitID)
                units.bytes(key)
                for field in [unit.externalID, unit.origin, unit.context] { try units.text(field) }
                try stamp(unit.created, &units)
                try stamp(unit.changed, &units)
                try units.text(unit.sourceLanguage)
                units.endRow()
                try annotate(unitID: unitID, variantID: nil, language: nil, unit.notes, unit.properties, &notes, &properties)
                for variant in unit.variants {
                    let variantID = nextVariantID
                    nextVariantID += 1
                    variants.integer(variantID)
                    variants.integer(unitID)
                    for field in [variant.language, variant.text, variant.lookup] { try variants.text(field) }
                    variants.integer(variant.hash)
                    try variants.text(variant.markup)
                    try stamp(variant.created, &variants)
                    try stamp(variant.changed, &variants)
                    if let search = variant.search { searchIndex.add(variant: variantID, search, to: &variants) }
                    variants.endRow()
                    try annotate(unitID: unitID, variantID: variantID, language: variant.language, variant.notes, variant.properties,
                                 &notes, &properties)
                }
                summary.added += 1
            }
        } catch CopyRowsError.nul {
            throw MemoryError(path: session.location.description, reason: .postgres(
                "a text holds the character U+0000, which PostgreSQL cannot store; remove it from the file"))
        }
        var copies = [
            Copy(rows: units, table: "unit", columns: ["id", "content_key", "external_id", "origin", "context",
                                                       "created_at", "created_by", "changed_at", "changed_by", "source_lang"]),
            Copy(rows: variants, table: "variant", columns: ["id", "unit_id", "lang", "text", "normalized", "hash", "markup",
                                                             "created_at", "created_by", "changed_at", "changed_by", "tokens", "words"]),
            Copy(rows: notes, table: "note", columns: ["unit_id", "variant_id", "lang", "text", "xml_lang", "o_encoding"]),
            Copy(rows: properties, table: "prop", columns: ["unit_id", "variant_id", "lang", "name", "value", "xml_lang", "o_encoding"]),
        ]
        if let postings = searchIndex.postingsIfFull() { copies.append(Copy(rows: postings, table: "fuzzy_posting", columns: PostgresSearchIndex.postingColumns)) }
        return copies
    }

    private func stamp(_ stamp: PreparedUnit.PreparedStamp?, _ rows: inout CopyRows) throws {
        try rows.text(stamp?.date)
        try rows.text(stamp?.author)
    }

    /// The note and property rows of a unit (`variantID` nil) or of one of its variants.
    private func annotate(unitID: Int64, variantID: Int64?, language: String?, _ unitNotes: [Note], _ unitProperties: [Property],
                          _ notes: inout CopyRows, _ properties: inout CopyRows) throws {
        for note in unitNotes {
            notes.integer(unitID)
            notes.integer(variantID)
            for field in [language, note.text, note.language, note.encoding] { try notes.text(field) }
            notes.endRow()
        }
        for property in unitProperties {
            properties.integer(unitID)
            properties.integer(variantID)
            for field in [language, property.name, property.value, property.language, property.encoding] { try properties.text(field) }
            properties.endRow()
        }
    }
}
