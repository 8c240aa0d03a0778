import GlossaMemory
import GlossaText
import PostgresNIO

/// Writes the search indexes of a PostgreSQL TM as variants go in: the same tokens, posting
/// lists and vocabulary the SQLite store writes (`SearchVocabulary`, `PostingAccumulator`:
/// one implementation for both), and for concordance each variant's full-text words as
/// numbers (`WordHash`) in an integer[] column, with the words not met before and their
/// numbers in `concordance_word`.
struct PostgresSearchIndex {
    private let session: PostgresSession
    private var postings = PostingAccumulator()
    /// The hashes of the concordance words this write met, and those words not sent yet with
    /// their `WordHash` numbers.
    private var wordsMet = StableHashSet(capacity: 1 << 16)
    private var wordsToSend: [String] = []
    private var numbersToSend: [Int32] = []

    init(session: PostgresSession) {
        self.session = session
    }

    /// Adds a variant's `tokens` and `words` fields to its row (NULL for a variant without
    /// search tokens) and keeps its postings.
    mutating func add(variant id: Int64, _ search: SearchTokens?, to row: inout CopyRows) {
        guard let search else {
            row.integer(nil)
            row.integer(nil)
            return
        }
        row.bytes(search.encoded)
        var hashes = WordHash.Distinct()
        Self.forEachWord(of: search.fullText) { word in
            let hash = StableHash(word)
            if wordsMet.insert(hash) {
                wordsToSend.append(String(decoding: word, as: UTF8.self))
                numbersToSend.append(WordHash.of(hash))
            }
            hashes.add(hash)
        }
        row.integerArray(hashes.hashes)
        postings.add(variant: id, search)
    }

    /// The postings held as `fuzzy_posting` rows once there are enough to send, else nil.
    mutating func postingsIfFull() -> CopyRows? {
        postings.isFull ? Self.rows(postings.drain()) : nil
    }

    /// The columns of `fuzzy_posting` the rows fill.
    static let postingColumns = ["token", "first", "postings"]

    /// Sends what is held: the postings, the new concordance words, and the vocabulary's new
    /// tokens and counts.
    mutating func finish(vocabulary: SearchVocabulary?) throws {
        try session.copy(Self.rows(postings.drain()), into: "fuzzy_posting", Self.postingColumns)
        // In slices: one array parameter per statement, each a few hundred kilobytes.
        for start in stride(from: 0, to: wordsToSend.count, by: 10_000) {
            let end = min(start + 10_000, wordsToSend.count)
            let slice = Array(wordsToSend[start..<end]), hashes = Array(numbersToSend[start..<end])
            try session.run { connection, logger in
                try await connection.query("""
                    INSERT INTO concordance_word SELECT * FROM unnest(\(slice)::text[], \(hashes)::integer[]) ON CONFLICT DO NOTHING
                    """, logger: logger)
                return ()
            }
        }
        wordsToSend.removeAll()
        numbersToSend.removeAll()
        guard let counted = vocabulary?.counted else { return }
        var newTokens = CopyRows()
        var ids: [Int32] = [], counts: [Int64] = []
        for (id, new, count) in counted {
            if let new {
                newTokens.integer(Int64(id))
                try newTokens.text(new.language)
                try newTokens.text(new.word)
                newTokens.integer(Int64(count))
                newTokens.endRow()
            } else {
                ids.append(Int32(id))
                counts.append(Int64(count))
            }
        }
        try session.copy(newTokens, into: "search_token", ["id", "lang", "token", "frequency"])
        guard !ids.isEmpty else { return }
        try session.run { [ids, counts] connection, logger in
            try await connection.query("""
                UPDATE search_token s SET frequency = s.frequency + c.count
                FROM unnest(\(ids)::integer[], \(counts)::bigint[]) AS c(id, count) WHERE s.id = c.id
                """, logger: logger)
            return ()
        }
    }

    private static func rows(_ chunks: [PostingChunk]) -> CopyRows {
        var rows = CopyRows()
        for chunk in chunks {
            rows.integer(Int64(chunk.token))
            rows.integer(chunk.first)
            rows.bytes(chunk.postings)
            rows.endRow()
        }
        return rows
    }

    /// Calls `body` with each word of a full-text entry (U+0001, then folded words parted by
    /// U+001F), empty ones left out as the glossa_icu tokenizer leaves them; in place, since a
    /// large import meets tens of millions of words.
    static func forEachWord(of fullText: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        fullText.withUnsafeBufferPointer { text in
            guard text.count > 1 else { return }
            var start = 1
            for end in 1...text.count where end == text.count || text[end] == 0x1F {
                if end > start { body(UnsafeBufferPointer(rebasing: text[start..<end])) }
                start = end + 1
            }
        }
    }

    /// The vocabulary stored in the TM.
    static func vocabulary(_ session: PostgresSession) throws -> SearchVocabulary {
        SearchVocabulary(entries: try vocabularyEntries(session))
    }

    /// The tokens `search_token` holds.
    static func vocabularyEntries(_ session: PostgresSession) throws -> [(id: UInt32, language: String, word: String)] {
        try session.run { connection, logger in
            var entries: [(id: UInt32, language: String, word: String)] = []
            let rows = try await connection.query("SELECT id, lang, token FROM search_token", logger: logger)
            for try await (id, language, word) in rows.decode((Int32, String, String).self) {
                entries.append((UInt32(id), language, word))
            }
            return entries
        }
    }

    /// Indexes the variants from id `first` on that have no search tokens yet, in the caller's
    /// transaction, a page at a time: their tokens and words, postings and vocabulary counts.
    /// `progress` hears how many variants are done.
    static func update(_ session: PostgresSession, from first: Int64, progress: (Int) -> Void) throws {
        var vocabulary = try Self.vocabulary(session)
        var index = PostgresSearchIndex(session: session)
        try session.execute("CREATE TEMPORARY TABLE indexed_variant (id bigint, tokens bytea, words integer[]) ON COMMIT DROP")
        var next = first, done = 0
        while true {
            let page = try session.run { [next] connection, logger in
                var page: [(id: Int64, language: String, lookup: String, stored: String?)] = []
                let rows = try await connection.query("""
                    SELECT id, lang, coalesce(normalized, text), CASE WHEN normalized IS NULL THEN NULL ELSE text END
                    FROM variant WHERE id >= \(next) AND tokens IS NULL ORDER BY id LIMIT 4096
                    """, logger: logger)
                for try await row in rows.decode((Int64, String, String, String?).self) { page.append(row) }
                return page
            }
            guard let last = page.last else { break }
            var rows = CopyRows()
            for variant in page {
                rows.integer(variant.id)
                let search = try vocabulary.tokens(ofNFC: variant.lookup, stored: variant.stored, language: variant.language)
                index.add(variant: variant.id, search, to: &rows)
                rows.endRow()
            }
            try session.copy(rows, into: "indexed_variant", ["id", "tokens", "words"])
            try session.execute("UPDATE variant v SET tokens = i.tokens, words = i.words FROM indexed_variant i WHERE v.id = i.id")
            try session.execute("TRUNCATE indexed_variant")
            if let postings = index.postingsIfFull() { try session.copy(postings, into: "fuzzy_posting", postingColumns) }
            done += page.count
            progress(done)
            next = last.id + 1
        }
        try index.finish(vocabulary: vocabulary)
        try session.execute("UPDATE store_state SET pending_from = NULL")
    }
}
