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

/// Token ids by language and word, and how many variants hold each, as the producer side of
/// an import grows them; `store` writes what changed.
struct SearchVocabulary {
    private struct Key: Hashable {
        let language: String
        let word: String
    }
    /// What one language tag needs to turn text into token ids, reused across variants.
    private struct WordTable {
        let language: String
        let vocabularyLanguage: String
        let tokenizer: MatchTokenizer
        /// A word's bytes as written (FNV-1a) → its index in `words`: a word seen before is
        /// neither folded nor hashed as a string again.
        var cache = IntegerTable(capacity: 1 << 12)
        /// Per word as written: its token id and where its full-text form lies in `forms`.
        var words: [(id: UInt32, start: Int32, end: Int32)] = []
        var forms: [UInt8] = []

        init(language: String) throws {
            self.language = language
            vocabularyLanguage = SearchIndex.vocabularyLanguage(language)
            tokenizer = try MatchTokenizer(language: LanguageTag(language))
        }
    }
    private var ids: [Key: UInt32] = [:]
    private var nextID: UInt32 = 1
    private var firstNewID: UInt32 = 1
    /// Per token id, variants added in this write that hold it (ids are dense).
    private var added: [Int32] = []
    /// One table per language tag met (an import has a handful).
    private var tables: [WordTable] = []
    private var newWords: [UInt32: Key] = [:]
    private var scratch: [UInt32] = []
    private static let cacheLimit = 1 << 22

    /// The vocabulary stored in the TM.
    init(connection: SQLiteConnection) throws {
        let rows = try connection.prepare("SELECT id, lang, token FROM search_token")
        while try rows.step() {
            let id = UInt32(rows.int64(0))
            ids[Key(language: rows.string(1) ?? "", word: rows.string(2) ?? "")] = id
            nextID = max(nextID, id + 1)
        }
        firstNewID = nextID
        added = [Int32](repeating: 0, count: Int(nextID))
    }

    /// The index entry for `text` (in NFC, as lookup forms are) in `language` (a canonical
    /// tag), counting its tokens.
    mutating func tokens(ofNFC text: String, language: String) throws -> SearchTokens {
        // The table is moved out while in use, so the loop below works on a local value.
        var table: WordTable
        if let index = tables.firstIndex(where: { $0.language == language }) {
            table = tables.remove(at: index)
        } else {
            table = try WordTable(language: language)
        }
        defer { tables.append(table) }
        var encoded: [UInt8] = []
        encoded.reserveCapacity(64)
        var fullText: [UInt8] = [0x01]
        fullText.reserveCapacity(text.utf8.count + 16)
        scratch.removeAll(keepingCapacity: true)
        table.tokenizer.forEachWord(ofNFC: text) { bytes, isNumber, inCode in
            let key = IntegerTable.key(of: bytes)
            let index: Int
            if let cached = table.cache.value(for: key) {
                index = Int(cached)
            } else {
                index = self.learn(bytes, isNumber: isNumber, in: &table)
                table.cache.set(Int32(index), for: key)
            }
            let word = table.words[index]
            if fullText.count > 1 { fullText.append(0x1F) }
            table.forms.withUnsafeBufferPointer { forms in
                fullText.append(contentsOf: UnsafeBufferPointer(rebasing: forms[Int(word.start)..<Int(word.end)]))
            }
            guard !inCode else { return }
            VarInt.append(UInt64(word.id), to: &encoded)
            scratch.append(word.id)
        }
        let length = scratch.count
        scratch.sort()
        var distinct: [UInt32] = []
        distinct.reserveCapacity(scratch.count)
        for id in scratch where distinct.last != id {
            distinct.append(id)
            added[Int(id)] += 1
        }
        return SearchTokens(encoded: encoded, distinct: distinct, length: length, fullText: fullText)
    }

    /// Folds a word seen for the first time (as written) and records it; returns its index.
    private mutating func learn(_ bytes: UnsafeBufferPointer<UInt8>, isNumber: Bool, in table: inout WordTable) -> Int {
        if table.cache.count >= Self.cacheLimit {
            table.cache.removeAll()
            table.words.removeAll()
            table.forms.removeAll()
        }
        let surface = String(decoding: bytes, as: UTF8.self)
        let id = id(of: MatchTokenizer.word(surface, isNumber: isNumber), language: table.vocabularyLanguage)
        let start = Int32(table.forms.count)
        table.forms += surface.normalized(.nfkcCasefold).utf8
        table.words.append((id, start, Int32(table.forms.count)))
        return table.words.count - 1
    }

    private mutating func id(of word: String, language: String) -> UInt32 {
        let key = Key(language: language, word: word)
        if let known = ids[key] { return known }
        let id = nextID
        nextID += 1
        ids[key] = id
        newWords[id] = key
        if added.count <= Int(id) { added.append(contentsOf: repeatElement(0, count: Int(id) + 1 - added.count)) }
        return id
    }

    /// Inserts the new tokens and adds this write's counts to the stored ones.
    func store(into connection: SQLiteConnection) throws {
        let insert = try connection.prepare("INSERT INTO search_token (id, lang, token, frequency) VALUES (?1, ?2, ?3, ?4)")
        let update = try connection.prepare("UPDATE search_token SET frequency = frequency + ?2 WHERE id = ?1")
        for (index, count) in added.enumerated() where count > 0 {
            let id = UInt32(index)
            if id >= firstNewID, let key = newWords[id] {
                insert.reset()
                insert.bind(1, Int64(id))
                insert.bind(2, key.language)
                insert.bind(3, key.word)
                insert.bind(4, Int64(count))
                try insert.step()
            } else {
                update.reset()
                update.bind(1, Int64(id))
                update.bind(2, Int64(count))
                try update.step()
            }
        }
    }
}

/// One row of `fuzzy_posting`, encoded.
struct PostingChunk: Sendable {
    let token: UInt32
    let first: Int64
    let postings: [UInt8]

    /// Inserts the chunks with a statement compiled on `connection`.
    static func inserter(on connection: SQLiteConnection) throws -> ([PostingChunk]) throws -> Void {
        let insert = try connection.prepare("INSERT INTO fuzzy_posting (token, first, postings) VALUES (?1, ?2, ?3)")
        return { chunks in
            for chunk in chunks {
                insert.reset()
                insert.bind(1, Int64(chunk.token))
                insert.bind(2, chunk.first)
                insert.bind(3, chunk.postings)
                try insert.step()
            }
        }
    }
}

/// Posting lists gathered as variants are prepared, handed out as encoded chunks (one per
/// token) whenever enough are held, so memory stays bounded on any import. Postings are
/// appended to two flat arrays (no per-token array to reach for every word) and grouped by
/// token with a counting sort when drained.
struct PostingAccumulator {
    private var tokens: [UInt32] = []
    /// `PostingList.entry` values, beside `tokens`.
    private var entries: [UInt64] = []
    /// Postings held before `isFull`: 24 MB, and 16 MB more while draining, so a TMX import
    /// stays under 200 MB (a chunk per token every ~40,000 units: lookups read a few more rows).
    private static let threshold = 2_000_000

    /// Whether it is time to `drain`.
    var isFull: Bool { tokens.count >= Self.threshold }

    /// Records that variant `id` holds `tokens`.
    mutating func add(variant id: Int64, _ search: SearchTokens) {
        let entry = PostingList.entry(variant: id, length: search.length)
        tokens.append(contentsOf: search.distinct)
        entries.append(contentsOf: repeatElement(entry, count: search.distinct.count))
    }

    /// What is held, as one chunk per token; empties the accumulator.
    mutating func drain() -> [PostingChunk] {
        guard let largest = tokens.max() else { return [] }
        var starts = [Int](repeating: 0, count: Int(largest) + 2)
        for token in tokens { starts[Int(token) + 1] += 1 }
        for index in 1..<starts.count { starts[index] += starts[index - 1] }
        var grouped = [UInt64](repeating: 0, count: entries.count)
        var next = starts
        for (token, entry) in zip(tokens, entries) {
            grouped[next[Int(token)]] = entry
            next[Int(token)] += 1
        }
        var chunks: [PostingChunk] = []
        for token in 0...Int(largest) where starts[token] < starts[token + 1] {
            let list = grouped[starts[token]..<starts[token + 1]].sorted()
            chunks.append(PostingChunk(token: UInt32(token), first: list.lazy.map(PostingList.variant).min() ?? 0,
                                       postings: PostingList.encode(list)))
        }
        tokens.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        return chunks
    }
}

/// The blob format of a posting list chunk: groups of (word count, number of variants, byte
/// size of the ids, delta-coded variant ids), by ascending word count.
enum PostingList {
    /// One posting as a number that sorts by word count, then variant id.
    static func entry(variant: Int64, length: Int) -> UInt64 {
        UInt64(min(length, SearchIndex.longestLength)) << 53 | UInt64(variant)
    }

    static func variant(_ entry: UInt64) -> Int64 { Int64(entry & (1 << 53 - 1)) }

    /// Encodes sorted `entry` values.
    static func encode(_ entries: [UInt64]) -> [UInt8] {
        var bytes: [UInt8] = []
        var ids: [UInt8] = []
        var start = 0
        while start < entries.count {
            let length = entries[start] >> 53
            var end = start
            var previous: UInt64 = 0
            ids.removeAll(keepingCapacity: true)
            while end < entries.count && entries[end] >> 53 == length {
                let variant = UInt64(variant(entries[end]))
                VarInt.append(variant - previous, to: &ids)
                previous = variant
                end += 1
            }
            VarInt.append(length, to: &bytes)
            VarInt.append(UInt64(end - start), to: &bytes)
            VarInt.append(UInt64(ids.count), to: &bytes)
            bytes += ids
            start = end
        }
        return bytes
    }

    /// Appends to `variants` the ids in `bytes` whose word count lies in `lengths`.
    static func decode(_ bytes: UnsafeRawBufferPointer, lengths: ClosedRange<Int>, into variants: inout [Int64]) {
        var position = 0
        while position < bytes.count {
            let length = Int(VarInt.read(bytes, at: &position))
            let count = Int(VarInt.read(bytes, at: &position))
            let size = Int(VarInt.read(bytes, at: &position))
            if length > lengths.upperBound { return }
            guard length >= lengths.lowerBound else {
                position += size
                continue
            }
            var previous: UInt64 = 0
            for _ in 0..<count {
                previous += VarInt.read(bytes, at: &position)
                variants.append(Int64(previous))
            }
        }
    }
}

/// LEB128 variable-length unsigned integers: small ids in one or two bytes.
enum VarInt {
    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    static func read(_ bytes: UnsafeRawBufferPointer, at position: inout Int) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return value
    }

    /// All the values in `bytes`.
    static func decodeAll(_ bytes: UnsafeRawBufferPointer) -> [UInt32] {
        var values: [UInt32] = []
        var position = 0
        while position < bytes.count { values.append(UInt32(truncatingIfNeeded: read(bytes, at: &position))) }
        return values
    }
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
