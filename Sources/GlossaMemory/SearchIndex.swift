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
    /// Builds the index from the variants already stored (a TM migrated from before it), in
    /// the caller's transaction.
    static func rebuild(_ connection: SQLiteConnection) throws {
        var vocabulary = try SearchVocabulary(connection: connection)
        var postings = PostingAccumulator()
        let insertChunks = try PostingChunk.inserter(on: connection)
        let page = try connection.prepare("SELECT id, lang, text FROM variant WHERE id > ?1 ORDER BY id LIMIT 4096")
        let update = try connection.prepare("UPDATE variant SET tokens = ?2 WHERE id = ?1")
        var last: Int64 = 0
        while true {
            page.reset()
            page.bind(1, last)
            var rows: [(id: Int64, language: String, text: String)] = []
            while try page.step() { rows.append((page.int64(0), page.string(1) ?? "", page.string(2) ?? "")) }
            guard let final = rows.last else { break }
            for row in rows {
                let tokens = try vocabulary.tokens(ofNFC: row.text.normalizedForLookup(), language: row.language)
                update.reset()
                update.bind(1, row.id)
                update.bind(2, tokens.encoded)
                try update.step()
                postings.add(variant: row.id, tokens)
                if postings.isFull { try insertChunks(postings.drain()) }
            }
            last = final.id
        }
        try insertChunks(postings.drain())
        try vocabulary.store(into: connection)
        try connection.execute("UPDATE search_state SET next_variant_id = (SELECT coalesce(max(id), 0) + 1 FROM variant)")
        try connection.execute("INSERT INTO concordance (concordance) VALUES ('rebuild')")
    }
}
