import GlossaText

/// Reads the TM's lookup indexes with statements compiled once: the exact-match keys, the
/// fuzzy index's vocabulary and posting lists, stored variants and their units, and the
/// concordance. One per lookup session; not thread safe, like the TM it reads.
public final class IndexReader {
    private let memory: TranslationMemory
    private let exactStatement: SQLiteStatement
    private let tokenStatement: SQLiteStatement
    private let postingStatement: SQLiteStatement
    private let variantStatement: SQLiteStatement
    private let unitStatement: SQLiteStatement
    private let unitVariantsStatement: SQLiteStatement

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
                "SELECT external_id, origin, created_at, created_by, changed_at, changed_by FROM unit WHERE id = ?1")
            unitVariantsStatement = try connection.prepare("SELECT id, lang, text, markup FROM variant WHERE unit_id = ?1 ORDER BY id")
        } catch {
            throw MemoryError(path: memory.path, reason: .sqlite("\(error)"))
        }
    }

    /// `TranslationMemory.reading(_:)` on the TM this reads.
    public func reading<T>(_ body: () throws -> T) throws -> T {
        try memory.reading(body)
    }

    /// Ids of the variants in exactly `language` whose lookup form is `lookupForm`.
    public func exactVariants(lookupForm: String, language: LanguageTag) throws -> [Int64] {
        exactStatement.reset()
        exactStatement.bind(1, language.canonical)
        exactStatement.bind(2, ExactKey.hash(lookupForm, language: language.canonical).int64)
        exactStatement.bind(3, lookupForm)
        var ids: [Int64] = []
        while try exactStatement.step() { ids.append(exactStatement.int64(0)) }
        return ids
    }

    /// A word of the fuzzy index's vocabulary.
    public struct IndexedToken: Sendable, Equatable {
        /// Its id, as `StoredVariant.tokens` holds it.
        public let id: UInt32
        /// How many variants hold it.
        public let frequency: Int
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

    /// Ids of the variants holding `token` whose word count lies in `lengths`, appended to
    /// `variants` (unsorted, without duplicates within one token).
    public func variants(holding token: UInt32, lengths: ClosedRange<Int>, into variants: inout [Int64]) throws {
        let stored = min(lengths.lowerBound, SearchIndex.longestLength)...min(lengths.upperBound, SearchIndex.longestLength)
        postingStatement.reset()
        postingStatement.bind(1, Int64(token))
        while try postingStatement.step() {
            postingStatement.withBlob(0) { PostingList.decode($0, lengths: stored, into: &variants) }
        }
    }

    /// A variant as the fuzzy search rescores it.
    public struct StoredVariant: Sendable {
        /// The variant's id, and its unit's.
        public let id: Int64
        public let unitID: Int64
        /// Canonical language tag.
        public let language: String
        /// The text as stored (inline codes as placeholders).
        public let text: String
        /// Its words as vocabulary ids, in order.
        public let tokens: [UInt32]
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

    /// What a lookup shows of a unit besides its text.
    public struct UnitRecord: Sendable {
        /// The unit's id.
        public let id: Int64
        /// The tuid or id in the format it came from.
        public let externalID: String?
        /// The document or file it came from.
        public let origin: String?
        /// ISO 8601 dates and authors, as stored.
        public let created: String?, createdBy: String?
        public let changed: String?, changedBy: String?
        /// A variant: its id, canonical language tag, text, and its inline codes as TMX
        /// level-2 markup when it has any.
        public typealias Variant = (id: Int64, language: String, text: String, markup: String?)
        /// Its variants, in insertion order.
        public let variants: [Variant]

        /// The most recent of its dates: what ranks equal scores.
        public var lastTouched: String { max(created ?? "", changed ?? "") }
    }

    /// The unit `id` with its variants.
    public func unit(_ id: Int64) throws -> UnitRecord? {
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
        let row = unitStatement
        return UnitRecord(
            id: id, externalID: row.string(0), origin: row.string(1), created: row.string(2), createdBy: row.string(3),
            changed: row.string(4), changedBy: row.string(5), variants: variants)
    }
}

