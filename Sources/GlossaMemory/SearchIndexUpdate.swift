import GlossaCore

extension SearchIndex {
    /// Indexes the variants from id `first` on that have no search tokens yet, in the caller's
    /// transaction: their tokens, full-text entries and posting lists, and the vocabulary
    /// counts. `progress` hears how many variants are done.
    ///
    /// When those variants were committed before the transaction began (`committed`) and the
    /// TM is in WAL mode, they are read and cut into tokens on this thread through a second,
    /// read-only connection, which sees the committed rows while this transaction writes,
    /// and a worker thread writes: on two cores, the two halves of the work run side by side.
    /// Otherwise (a migration, whose new columns are not committed yet) one thread does both.
    static func update(
        _ connection: SQLiteConnection, from first: Int64, committed: Bool, progress: (Int) -> Void = { _ in }
    ) throws {
        let reader = committed ? try readConnection(beside: connection) : nil
        let writer = try IndexUpdateWriter(connection)
        let pipeline = reader == nil ? nil : BatchPipeline<IndexUpdateWriter.Item>(name: "glossa.index-writer") { batch in
            for item in batch { try writer.write(item) }
        }
        let send: ([IndexUpdateWriter.Item]) throws -> Void = { batch in
            if let pipeline { try pipeline.send(batch) } else { for item in batch { try writer.write(item) } }
        }
        var vocabulary = try SearchVocabulary(connection: connection)
        var postings = PostingAccumulator()
        try fillingFullText(connection) {
            do {
                let page = try (reader ?? connection).prepare(
                    "SELECT id, lang, coalesce(normalized, text), iif(normalized IS NULL, NULL, text) FROM variant WHERE id >= ?1 AND tokens IS NULL ORDER BY id LIMIT 4096")
                var next = first, done = 0
                while true {
                    page.reset()
                    page.bind(1, next)
                    var batch: [IndexUpdateWriter.Item] = []
                    while try page.step() {
                        let id = page.int64(0)
                        let tokens = try vocabulary.tokens(ofNFC: page.string(2) ?? "", stored: page.string(3), language: page.string(1) ?? "")
                        postings.add(variant: id, tokens)
                        batch.append(.variant(id: id, tokens: tokens))
                        next = id + 1
                    }
                    guard !batch.isEmpty else { break }
                    done += batch.count
                    if postings.isFull { batch.append(.postings(postings.drain())) }
                    try send(batch)
                    progress(done)
                }
                try send([.postings(postings.drain())])
                try pipeline?.close()
            } catch {
                try? pipeline?.close()  // the worker lets go of the connection before the rollback
                throw error
            }
        }
        try vocabulary.store(into: connection)
        try connection.execute("""
            UPDATE search_state SET pending_from = NULL,
                next_variant_id = max(next_variant_id, (SELECT coalesce(max(id), 0) + 1 FROM variant))
            """)
    }

    /// Empties the fuzzy and full-text indexes and builds them again from every variant's
    /// text, in the caller's transaction: for a migration that changed how words are cut.
    static func rebuild(_ connection: SQLiteConnection) throws {
        try connection.execute("""
            UPDATE variant SET tokens = NULL;
            DELETE FROM search_token;
            DELETE FROM fuzzy_posting;
            INSERT INTO concordance (concordance) VALUES ('delete-all');
            """)
        try update(connection, from: 0, committed: false)
    }

    /// A read-only connection to the same TM file when it is in WAL mode (readers see the
    /// last commit while a transaction writes), else nil.
    private static func readConnection(beside connection: SQLiteConnection) throws -> SQLiteConnection? {
        let mode = try connection.prepare("PRAGMA journal_mode")
        guard try mode.step(), mode.string(0) == "wal", let path = connection.path else { return nil }
        return try SQLiteConnection(path: path, readOnly: true, create: false)
    }
}

/// Writes what `SearchIndex.update` computed, with statements compiled once.
private final class IndexUpdateWriter {
    enum Item: Sendable {
        case variant(id: Int64, tokens: SearchTokens)
        case postings([PostingChunk])
    }

    private let setTokens: SQLiteStatement
    private let insertFullText: (Int64, SearchTokens) throws -> Void
    private let insertChunks: ([PostingChunk]) throws -> Void

    init(_ connection: SQLiteConnection) throws {
        setTokens = try connection.prepare("UPDATE variant SET tokens = ?2 WHERE id = ?1")
        insertFullText = try SearchTokens.fullTextInserter(on: connection)
        insertChunks = try PostingChunk.inserter(on: connection)
    }

    func write(_ item: Item) throws {
        switch item {
        case .variant(let id, let tokens):
            setTokens.reset()
            setTokens.bind(1, id)
            setTokens.bind(2, tokens.encoded)
            try setTokens.step()
            try insertFullText(id, tokens)
        case .postings(let chunks):
            try insertChunks(chunks)
        }
    }
}
