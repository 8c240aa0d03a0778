import GlossaText

/// The fuzzy-search index the TM keeps beside its units: every variant's words as token ids
/// (`variant.tokens`), a vocabulary per language with how many variants hold each token
/// (`search_token`), and posting lists from token to variants grouped by word count
/// (`fuzzy_posting`), so a lookup reads the lists of a few rare tokens in a length window
/// instead of scanning the TM. Words are cut by `MatchTokenizer`, as the scorer cuts them.
enum SearchIndex {
    /// The vocabulary key of a language: its primary subtag, so en-US and en-GB text is
    /// found from an "en" query.
    static func vocabularyLanguage(_ canonical: String) -> String {
        String(canonical.prefix { $0 != "-" })
    }

    /// Word counts above this share one group: longer segments are rare and a length window
    /// that far out gains nothing.
    static let longestLength = 1023
}

/// A variant's words as the index stores them.
struct SearchTokens: Sendable {
    /// Token ids in text order, as varints: `variant.tokens`.
    let encoded: [UInt8]
    /// Each token id once: the posting lists the variant goes into.
    let distinct: [UInt32]
    /// Number of words.
    let length: Int
    /// The text as full-text search indexes it, already cut and folded: U+0001, then the
    /// tokens separated by U+001F (see the glossa_icu tokenizer).
    let fullText: [UInt8]
}

extension SearchIndex {
    /// The first variant id stored without search indexes (by a deferred import, or before
    /// the indexes existed), or nil when every variant is indexed.
    static func pendingFrom(_ connection: SQLiteConnection) throws -> Int64? {
        let statement = try connection.prepare("SELECT pending_from FROM search_state")
        guard try statement.step(), !statement.isNull(0) else { return nil }
        return statement.int64(0)
    }

    /// Indexes the variants from id `first` on, which have no search tokens yet, in the
    /// caller's transaction: their tokens, posting lists and full-text entries, and the
    /// vocabulary counts. `progress` hears how many variants are done.
    static func update(_ connection: SQLiteConnection, from first: Int64, progress: (Int) -> Void = { _ in }) throws {
        var vocabulary = try SearchVocabulary(connection: connection)
        var postings = PostingAccumulator()
        let insertChunks = try PostingChunk.inserter(on: connection)
        let page = try connection.prepare(
            "SELECT id, lang, coalesce(normalized, text) FROM variant WHERE id >= ?1 AND tokens IS NULL ORDER BY id LIMIT 4096")
        let update = try connection.prepare("UPDATE variant SET tokens = ?2 WHERE id = ?1")
        let insertText = try connection.prepare("INSERT INTO concordance (rowid, text) VALUES (?1, ?2)")
        var next = first, done = 0
        while true {
            page.reset()
            page.bind(1, next)
            var rows: [(id: Int64, language: String, lookup: String)] = []
            while try page.step() { rows.append((page.int64(0), page.string(1) ?? "", page.string(2) ?? "")) }
            guard let last = rows.last else { break }
            for row in rows {
                let tokens = try vocabulary.tokens(ofNFC: row.lookup, language: row.language)
                update.reset()
                update.bind(1, row.id)
                update.bind(2, tokens.encoded)
                try update.step()
                insertText.reset()
                insertText.bind(1, row.id)
                insertText.bindText(2, tokens.fullText)
                try insertText.step()
                postings.add(variant: row.id, tokens)
                if postings.isFull { try insertChunks(postings.drain()) }
            }
            next = last.id + 1
            done += rows.count
            progress(done)
        }
        try insertChunks(postings.drain())
        try vocabulary.store(into: connection)
        try connection.execute("""
            UPDATE search_state SET pending_from = NULL,
                next_variant_id = max(next_variant_id, (SELECT coalesce(max(id), 0) + 1 FROM variant))
            """)
    }
}
