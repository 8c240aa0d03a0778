import GlossaMemory
import GlossaText
import NIOCore
import PostgresNIO

/// Reads a PostgreSQL TM's search indexes for lookups: the same exact keys, vocabulary and
/// posting lists as the SQLite store's (so the fuzzy search finds the same candidates, with
/// the same guarantee that none is missed), and concordance through a GIN index of each
/// variant's full-text words (as `WordHash` numbers), each candidate then checked and highlighted by
/// `FullTextMatcher` as FTS5 would.
final class PostgresSearchReader: SearchIndexReader {
    private let session: PostgresSession

    init(memory: PostgresMemory) {
        session = memory.session
    }

    /// Runs `body` without a transaction of its own: a BEGIN and a COMMIT would be a third of
    /// an exact lookup's round trips, and every read a lookup makes tolerates a commit between
    /// two of them (`SearchIndexReader.reading`).
    func reading<T>(_ body: () throws -> T) throws -> T {
        try body()
    }

    func exactVariants(lookupForm: String, language: LanguageTag) throws -> [Int64] {
        let tag = language.canonical, hash = ExactKey.hash(lookupForm, language: tag).int64
        return try session.run { connection, logger in
            var ids: [Int64] = []
            let statement = LookupStatements.ExactVariants(hash: hash, language: tag, lookupForm: lookupForm)
            for try await id in try await connection.execute(statement, logger: logger) { ids.append(id) }
            return ids
        }
    }

    func indexedTokens(_ words: Set<String>, language: LanguageTag) throws -> [String: IndexedToken] {
        let list = Array(words), vocabulary = language.language
        return try session.run { connection, logger in
            var found: [String: IndexedToken] = [:]
            let statement = LookupStatements.IndexedTokens(language: vocabulary, words: list)
            for try await (word, id, frequency) in try await connection.execute(statement, logger: logger) {
                found[word] = IndexedToken(id: UInt32(id), frequency: Int(frequency))
            }
            return found
        }
    }

    func variants(holding token: UInt32, lengths: ClosedRange<Int>, into variants: inout [Int64]) throws {
        variants += try self.variants(holding: [token], lengths: lengths)[0]
    }

    func variants(holding tokens: [UInt32], lengths: ClosedRange<Int>) throws -> [[Int64]] {
        guard !tokens.isEmpty else { return [] }
        let longest = SearchIndex.longestLength
        let stored = min(lengths.lowerBound, longest)...min(lengths.upperBound, longest)
        let list = tokens.map { Int32(bitPattern: $0) }
        let chunks = try session.run { connection, logger in
            var chunks: [(Int32, ByteBuffer)] = []
            for try await row in try await connection.execute(LookupStatements.Postings(list: list), logger: logger) { chunks.append(row) }
            return chunks
        }
        var lists = [[Int64]](repeating: [], count: tokens.count)
        let places = Dictionary(tokens.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        for (token, chunk) in chunks {
            guard let place = places[UInt32(bitPattern: token)] else { continue }
            chunk.withUnsafeReadableBytes { PostingList.decode($0, lengths: stored, into: &lists[place]) }
        }
        return lists
    }

    func variants(_ ids: [Int64]) throws -> [StoredVariant] {
        guard !ids.isEmpty else { return [] }
        let found = try session.run { connection, logger in
            var found: [Int64: StoredVariant] = [:]
            for try await (id, unitID, language, text, tokens) in try await connection.execute(LookupStatements.Variants(list: ids), logger: logger) {
                found[id] = StoredVariant(id: id, unitID: unitID, language: language, text: text,
                                          tokens: tokens?.withUnsafeReadableBytes(VarInt.decodeAll) ?? [])
            }
            return found
        }
        return ids.compactMap { found[$0] }
    }

    func units(_ ids: Set<Int64>) throws -> [Int64: UnitRecord] {
        guard !ids.isEmpty else { return [:] }
        let list = Array(ids)
        return try session.run { connection, logger in
            var variants: [Int64: [UnitRecord.Variant]] = [:]
            let variantRows = try await connection.execute(LookupStatements.UnitVariants(list: list), logger: logger)
            for try await (unitID, id, language, text, markup) in variantRows {
                variants[unitID, default: []].append((id, language, text, markup))
            }
            var units: [Int64: UnitRecord] = [:]
            let unitRows = try await connection.execute(LookupStatements.Units(list: list), logger: logger)
            for try await (id, externalID, origin, created, createdBy, changed, changedBy, context, names, values) in unitRows {
                units[id] = UnitRecord(id: id, externalID: externalID, origin: origin, context: context, created: created,
                                       createdBy: createdBy, changed: changed, changedBy: changedBy, variants: variants[id] ?? [],
                                       properties: Array(zip(names, values)).map { (name: $0.0, value: $0.1) })
            }
            return units
        }
    }

    /// Candidates read from the GIN index per round trip at most, newest first, before
    /// `FullTextMatcher` keeps those that hold the phrases. The first round trip reads twice
    /// the hits asked for (most candidates of a search hold its phrases), each next one twice
    /// as many as the last.
    static let concordancePage = 1000

    func concordance(_ query: FullTextQuery, language: LanguageTag, limit: Int, offset: Int) throws -> [ConcordanceRow] {
        let matcher = try FullTextMatcher(query)
        guard !matcher.matchesNothing, limit > 0 else { return [] }
        let (sql, binds) = Self.candidates(matcher, language: language)
        var rows: [ConcordanceRow] = []
        var skipped = 0
        var before = Int64.max
        var pageSize = min(Self.concordancePage, 2 * (offset + limit))
        while rows.count < limit {
            var pageBinds = binds
            pageBinds.append(before)
            let page = PostgresQuery(unsafeSQL: sql + " AND id < $\(pageBinds.count) ORDER BY id DESC LIMIT \(pageSize)",
                                     binds: pageBinds)
            let candidates = try session.run { connection, logger in
                var candidates: [(id: Int64, unitID: Int64, language: String, text: String)] = []
                for try await row in try await connection.query(page, logger: logger).decode((Int64, Int64, String, String).self) {
                    candidates.append(row)
                }
                return candidates
            }
            for candidate in candidates {
                before = candidate.id
                guard let highlights = matcher.highlights(in: candidate.text) else { continue }
                if skipped < offset {
                    skipped += 1
                    continue
                }
                rows.append(ConcordanceRow(variantID: candidate.id, unitID: candidate.unitID, language: candidate.language,
                                           text: candidate.text, highlights: highlights))
                if rows.count == limit { break }
            }
            if candidates.count < pageSize { break }
            pageSize = min(Self.concordancePage, 2 * pageSize)
        }
        return rows
    }

    /// The SELECT of the variants in `language` whose words may hold every part of the query:
    /// for each spelling its whole words (`@>`), and for a prefix one of the words met that
    /// begin with it (`&&`), both answered by the GIN index; more conditions may follow with AND.
    private static func candidates(_ matcher: FullTextMatcher, language: LanguageTag) -> (String, PostgresBindings) {
        var binds = PostgresBindings()
        var conditions: [String] = []
        for part in matcher.parts {
            let spellings = part.map { phrase in
                var terms: [String] = []
                if !phrase.wholeWords.isEmpty {
                    binds.append(phrase.wholeWords.map { WordHash.of($0.utf8) })
                    terms.append("words @> $\(binds.count)::integer[]")
                }
                if let prefix = phrase.prefix {
                    binds.append(prefix)
                    terms.append("""
                        words && ARRAY(SELECT hash FROM concordance_word WHERE word >= $\(binds.count) AND word < $\(binds.count) || chr(1114111))
                        """)
                }
                return "(" + terms.joined(separator: " AND ") + ")"
            }
            conditions.append("(" + spellings.joined(separator: " OR ") + ")")
        }
        binds.append(language.canonical)
        let tag = "$\(binds.count)"
        conditions.append(language.language == language.canonical ? "(lang = \(tag) OR lang LIKE \(tag) || '-%')" : "lang = \(tag)")
        return ("SELECT id, unit_id, lang, text FROM variant WHERE " + conditions.joined(separator: " AND "), binds)
    }
}
