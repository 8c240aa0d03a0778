import GlossaText

/// The fuzzy-search index the TM keeps beside its units: every variant's words as token ids
/// (`variant.tokens`), a vocabulary per primary language subtag (en-US and en-GB text share
/// "en", which an "en" query finds) with how many variants hold each token
/// (`search_token`), and posting lists from token to variants grouped by word count
/// (`fuzzy_posting`), so a lookup reads the lists of a few rare tokens in a length window
/// instead of scanning the TM. Words are cut by `MatchTokenizer`, as the scorer cuts them.
package enum SearchIndex {
    /// Word counts above this share one group: longer segments are rare and a length window
    /// that far out gains nothing.
    package static let longestLength = 1023
}

/// A variant's words as the index stores them.
package struct SearchTokens: Sendable {
    /// Token ids in text order, as varints: `variant.tokens`.
    package let encoded: [UInt8]
    /// Each token id once, in no particular order: the posting lists the variant goes into.
    package let distinct: [UInt32]
    /// Number of words.
    package let length: Int
    /// The text as full-text search indexes it, already cut and folded: U+0001, then the
    /// tokens separated by U+001F (see the glossa_icu tokenizer).
    package let fullText: [UInt8]
}

extension SearchIndex {
    /// The first variant id stored without search indexes (by a deferred import, or before
    /// the indexes existed), or nil when every variant is indexed.
    static func pendingFrom(_ connection: SQLiteConnection) throws -> Int64? {
        let statement = try connection.prepare("SELECT pending_from FROM search_state")
        guard try statement.step(), !statement.isNull(0) else { return nil }
        return statement.int64(0)
    }
}

extension SearchTokens {
    /// Inserts a variant's full-text entry, in the pre-cut form `fullText` holds, with a
    /// statement compiled once on `connection`: the importer and `update` write it alike.
    static func fullTextInserter(on connection: SQLiteConnection) throws -> (_ variant: Int64, SearchTokens) throws -> Void {
        let insert = try connection.prepare("INSERT INTO concordance (rowid, text) VALUES (?1, ?2)")
        return { variant, tokens in
            insert.reset()
            insert.bind(1, variant)
            insert.bindText(2, tokens.fullText)
            try insert.step()
        }
    }
}

extension SearchIndex {
    /// Runs `body`, which fills the full-text index, with FTS5 set for a bulk load when that
    /// index starts empty: a larger in-memory term hash (4 MiB; 8 MiB measured no faster and
    /// cost 6 MB more) and no merging while rows go in, then one merge of everything into a
    /// single segment and FTS5's defaults back. Measured on two million variants, a third
    /// less insert time; concordance lookups after the merge take half the time they take
    /// on the unmerged segments. Into an index that holds rows already, the
    /// final merge would rewrite them all, so there `body` runs with the defaults, as it does
    /// when `enabled` is false (a write that defers the search indexes).
    static func fillingFullText<T>(_ connection: SQLiteConnection, if enabled: Bool = true, _ body: () throws -> T) throws -> T {
        guard enabled, try connection.scalar("SELECT NOT EXISTS (SELECT 1 FROM concordance_idx)") == 1 else { return try body() }
        try configureFullText(connection, automerge: 0, crisismerge: 64, hashsize: 4 << 20)
        let result = try body()
        try connection.execute("INSERT INTO concordance (concordance) VALUES ('optimize')")
        try configureFullText(connection, automerge: 4, crisismerge: 16, hashsize: 1 << 20)
        return result
    }

    /// Sets FTS5's merge and flush parameters, stored in the index's configuration.
    private static func configureFullText(_ connection: SQLiteConnection, automerge: Int, crisismerge: Int, hashsize: Int) throws {
        try connection.execute("""
            INSERT INTO concordance (concordance, rank) VALUES
                ('automerge', \(automerge)), ('crisismerge', \(crisismerge)), ('hashsize', \(hashsize))
            """)
    }
}
