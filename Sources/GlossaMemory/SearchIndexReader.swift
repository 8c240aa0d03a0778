import GlossaCore
import GlossaText

/// What lookups and concordance searches read from a TM's search indexes, in either store
/// (`SQLiteIndexReader` for a file, the PostgreSQL store's own): the exact-match keys, the
/// fuzzy index's vocabulary and posting lists, stored variants and their units, and the
/// full-text search. Both stores keep the same indexes, cut by the same tokenizers, so the
/// code above gives the same answers on either. One per lookup session; not thread safe.
public protocol SearchIndexReader: AnyObject {
    /// Runs `body` as one read of the TM. A file's reader runs it in one read transaction (one
    /// snapshot, no lock taken per statement); a database's runs each statement on its own,
    /// two round trips fewer: a unit written or deleted meanwhile may be found or not, and
    /// one gone before its record is read is left out, never shown half.
    func reading<T>(_ body: () throws -> T) throws -> T
    /// Ids of the variants in exactly `language` whose lookup form is `lookupForm`, ascending.
    func exactVariants(lookupForm: String, language: LanguageTag) throws -> [Int64]
    /// The vocabulary entries of those of `words` (as `MatchTokenizer` cuts them) that some
    /// variant in `language`'s primary subtag holds.
    func indexedTokens(_ words: Set<String>, language: LanguageTag) throws -> [String: IndexedToken]
    /// Ids of the variants holding `token` whose word count lies in `lengths`, appended to
    /// `variants` (unsorted, without duplicates within one token).
    func variants(holding token: UInt32, lengths: ClosedRange<Int>, into variants: inout [Int64]) throws
    /// `variants(holding:lengths:into:)` for each of `tokens`, in their order: for a store where
    /// each read is a round trip, one for all.
    func variants(holding tokens: [UInt32], lengths: ClosedRange<Int>) throws -> [[Int64]]
    /// The variants of `ids` that exist (an index entry may outlive a deleted unit), in the
    /// order of `ids`.
    func variants(_ ids: [Int64]) throws -> [StoredVariant]
    /// The units of `ids` that exist, with their variants, by id.
    func units(_ ids: Set<Int64>) throws -> [Int64: UnitRecord]
    /// Variants in `language` (or its regional forms, for a bare language) whose text matches
    /// `query`, newest first, `limit` of them after skipping `offset`.
    func concordance(_ query: FullTextQuery, language: LanguageTag, limit: Int, offset: Int) throws -> [ConcordanceRow]
}

extension SearchIndexReader {
    /// The unit `id` with its variants, nil if there is none.
    public func unit(_ id: Int64) throws -> UnitRecord? {
        try units([id])[id]
    }
}

/// A word of the fuzzy index's vocabulary.
public struct IndexedToken: Sendable, Equatable {
    /// Its id, as `StoredVariant.tokens` holds it.
    public let id: UInt32
    /// How many variants hold it.
    public let frequency: Int

    public init(id: UInt32, frequency: Int) {
        self.id = id
        self.frequency = frequency
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

    public init(id: Int64, unitID: Int64, language: String, text: String, tokens: [UInt32]) {
        (self.id, self.unitID, self.language, self.text, self.tokens) = (id, unitID, language, text, tokens)
    }
}

/// What a lookup shows of a unit besides its text, and what its conditions and context read.
public struct UnitRecord: Sendable, UnitFacts {
    /// The unit's id.
    public let id: Int64
    /// The tuid or id in the format it came from.
    public let externalID: String?
    /// The document or file it came from.
    public let origin: String?
    /// The key of the string it translates (a PO msgctxt, a TMX x-context).
    public let context: String?
    /// ISO 8601 dates and authors, as stored.
    public let created: String?, createdBy: String?
    public let changed: String?, changedBy: String?
    /// A variant: its id, canonical language tag, text, and its inline codes as TMX
    /// level-2 markup when it has any.
    public typealias Variant = (id: Int64, language: String, text: String, markup: String?)
    /// Its variants, in insertion order.
    public let variants: [Variant]
    /// The unit's own properties (not its variants'), in order.
    public let properties: [(name: String, value: String)]

    public init(id: Int64, externalID: String?, origin: String?, context: String? = nil, created: String?, createdBy: String?,
                changed: String?, changedBy: String?, variants: [Variant], properties: [(name: String, value: String)] = []) {
        (self.id, self.externalID, self.origin, self.context) = (id, externalID, origin, context)
        (self.created, self.createdBy, self.changed, self.changedBy) = (created, createdBy, changed, changedBy)
        self.variants = variants
        self.properties = properties
    }

    /// The most recent of its dates: what ranks equal scores.
    public var lastTouched: String { max(created ?? "", changed ?? "") }

    public var createdAt: String? { created }
    public var changedAt: String? { changed }
    public func propertyValues(named name: String) -> [String] {
        properties.filter { $0.name == name }.map(\.value)
    }
    public var languageTags: [String] { variants.map(\.language) }
}

/// A concordance search as the stores run it: parts that must all occur, each written one of
/// a few ways (a phrase: words in sequence), the last word of a prefix part matching any word
/// it begins. Words are cut and case-folded by the full-text tokenizer, so any script works.
public struct FullTextQuery: Sendable, Equatable {
    /// One part: the ways it may be written, and whether its last word is a prefix.
    public struct Part: Sendable, Equatable {
        public let spellings: [String]
        public let isPrefix: Bool

        public init(spellings: [String], isPrefix: Bool) {
            self.spellings = spellings
            self.isPrefix = isPrefix
        }
    }

    public let parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }

    /// The query as an FTS5 expression: each spelling a quoted string, so no character of the
    /// query is syntax.
    public var fts5Expression: String {
        parts.map { part in
            let spellings = part.spellings.map {
                "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (part.isPrefix ? " *" : "")
            }
            return spellings.count == 1 ? spellings[0] : "(" + spellings.joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
    }
}
