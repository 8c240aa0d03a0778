import GlossaText

/// Reads an SQLite TM's search indexes with statements compiled once. One per lookup
/// session; not thread safe, like the TM it reads.
public final class SQLiteIndexReader: SearchIndexReader {
    private let memory: TranslationMemory
    private let exactStatement: SQLiteStatement
    private let tokenStatement: SQLiteStatement
    private let postingStatement: SQLiteStatement
    private let variantStatement: SQLiteStatement
    private let unitStatement: SQLiteStatement
    private let unitVariantsStatement: SQLiteStatement
    private let unitPropertiesStatement: SQLiteStatement

    /// A reader of `memory`'s indexes.
    public init(_ memory: TranslationMemory) throws(MemoryError) {
        self.memory = memory
        do {
            let connection = memory.connection
            exactStatement = try connection.prepare(
                "SELECT id FROM variant WHERE hash = ?2 AND lang = ?1 AND coalesce(normalized, text) = ?3 ORDER BY id")
            tokenStatement = try connection.prepare("SELECT id, frequency FROM search_token WHERE lang = ?1 AND token = ?2")
            postingStatement = try connection.prepare("SELECT postings FROM fuzzy_posting WHERE token = ?1")
            variantStatement = try connection.prepare("SELECT unit_id, lang, text, tokens FROM variant WHERE id = ?1")
            unitStatement = try connection.prepare(
                "SELECT external_id, origin, created_at, created_by, changed_at, changed_by, context FROM unit WHERE id = ?1")
            unitVariantsStatement = try connection.prepare("SELECT id, lang, text, markup FROM variant WHERE unit_id = ?1 ORDER BY id")
            unitPropertiesStatement = try connection.prepare("SELECT name, value FROM prop WHERE unit_id = ?1 AND lang IS NULL ORDER BY id")
        } catch {
            throw MemoryError(path: memory.path, reason: .sqlite("\(error)"))
        }
    }

    public func reading<T>(_ body: () throws -> T) throws -> T {
        try memory.reading(body)
    }

    public func exactVariants(lookupForm: String, language: LanguageTag) throws -> [Int64] {
        exactStatement.reset()
        exactStatement.bind(1, language.canonical)
        exactStatement.bind(2, ExactKey.hash(lookupForm, language: language.canonical).int64)
        exactStatement.bind(3, lookupForm)
        var ids: [Int64] = []
        while try exactStatement.step() { ids.append(exactStatement.int64(0)) }
        return ids
    }

    public func indexedTokens(_ words: Set<String>, language: LanguageTag) throws -> [String: IndexedToken] {
        var found: [String: IndexedToken] = [:]
        for word in words { found[word] = try indexedToken(word, language: language) }
        return found
    }

    /// The vocabulary entry of `word` (as `MatchTokenizer` cuts it) in `language`'s primary
    /// subtag, nil when no variant holds it.
    public func indexedToken(_ word: String, language: LanguageTag) throws -> IndexedToken? {
        tokenStatement.reset()
        tokenStatement.bind(1, language.language)
        tokenStatement.bind(2, word)
        // Reset once read: a statement left on its row keeps its read transaction, and with it
        // an old snapshot of the TM (and WAL checkpoints waiting), open until its next use.
        defer { tokenStatement.reset() }
        guard try tokenStatement.step() else { return nil }
        return IndexedToken(id: UInt32(tokenStatement.int64(0)), frequency: Int(tokenStatement.int64(1)))
    }

    public func variants(holding token: UInt32, lengths: ClosedRange<Int>, into variants: inout [Int64]) throws {
        let stored = min(lengths.lowerBound, SearchIndex.longestLength)...min(lengths.upperBound, SearchIndex.longestLength)
        postingStatement.reset()
        postingStatement.bind(1, Int64(token))
        while try postingStatement.step() {
            postingStatement.withBlob(0) { PostingList.decode($0, lengths: stored, into: &variants) }
        }
    }


    public func variants(holding tokens: [UInt32], lengths: ClosedRange<Int>) throws -> [[Int64]] {
        try tokens.map { token in
            var ids: [Int64] = []
            try variants(holding: token, lengths: lengths, into: &ids)
            return ids
        }
    }

    public func variants(_ ids: [Int64]) throws -> [StoredVariant] {
        try ids.compactMap(variant)
    }

    /// The variant `id`, nil if there is none (an index entry may outlive a deleted unit).
    public func variant(_ id: Int64) throws -> StoredVariant? {
        variantStatement.reset()
        variantStatement.bind(1, id)
        defer { variantStatement.reset() }  // see indexedToken
        guard try variantStatement.step() else { return nil }
        return StoredVariant(
            id: id, unitID: variantStatement.int64(0), language: variantStatement.string(1) ?? "",
            text: variantStatement.string(2) ?? "", tokens: variantStatement.withBlob(3, VarInt.decodeAll))
    }

    public func units(_ ids: Set<Int64>) throws -> [Int64: UnitRecord] {
        var units: [Int64: UnitRecord] = [:]
        for id in ids { units[id] = try unitRecord(id) }
        return units
    }

    /// The unit `id` with its variants, nil if there is none.
    private func unitRecord(_ id: Int64) throws -> UnitRecord? {
        unitStatement.reset()
        unitStatement.bind(1, id)
        defer { unitStatement.reset() }  // see indexedToken
        guard try unitStatement.step() else { return nil }
        unitVariantsStatement.reset()
        unitVariantsStatement.bind(1, id)
        var variants: [UnitRecord.Variant] = []
        while try unitVariantsStatement.step() {
            let row = unitVariantsStatement
            variants.append((row.int64(0), row.string(1) ?? "", row.string(2) ?? "", row.string(3)))
        }
        unitPropertiesStatement.reset()
        unitPropertiesStatement.bind(1, id)
        var properties: [(name: String, value: String)] = []
        while try unitPropertiesStatement.step() {
            properties.append((unitPropertiesStatement.string(0) ?? "", unitPropertiesStatement.string(1) ?? ""))
        }
        let row = unitStatement
        return UnitRecord(
            id: id, externalID: row.string(0), origin: row.string(1), context: row.string(6), created: row.string(2),
            createdBy: row.string(3), changed: row.string(4), changedBy: row.string(5), variants: variants, properties: properties)
    }

    public func concordance(_ query: FullTextQuery, language: LanguageTag, limit: Int, offset: Int) throws -> [ConcordanceRow] {
        try memory.concordance(query.fts5Expression, language: language, limit: limit, offset: offset)
    }
}
