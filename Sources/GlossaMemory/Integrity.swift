import Foundation
import GlossaText

extension TranslationMemory {
    /// Checks the TM file: SQLite's own page-level check and foreign keys, then Glossa's
    /// invariants (every unit has a variant, every lookup key and hash matches its text, every unit's content key its content,
    /// every language tag is canonical, the search indexes agree with the texts, except for
    /// variants a deferred import left unindexed). Returns one line per problem; empty means sound.
    public func checkIntegrity() throws -> [String] {
        var problems: [String] = []
        let integrity = try connection.prepare("PRAGMA integrity_check")
        while try integrity.step() {
            if let line = integrity.string(0), line != "ok" { problems.append("sqlite: \(line)") }
        }
        let foreignKeys = try connection.prepare("PRAGMA foreign_key_check")
        while try foreignKeys.step() {
            problems.append("row \(foreignKeys.int64(1)) of table \(foreignKeys.string(0) ?? "?") refers to a missing \(foreignKeys.string(2) ?? "?")")
        }
        let empty = try connection.prepare("SELECT id FROM unit WHERE NOT EXISTS (SELECT 1 FROM variant WHERE unit_id = unit.id)")
        while try empty.step() { problems.append("unit \(empty.int64(0)) has no variant") }

        let keys = try connection.prepare("SELECT id, content_key FROM unit ORDER BY id")
        try forEachUnit { id, unit in
            guard try keys.step() else { return }
            let stored = keys.withBlob(1) { Array($0) }
            if keys.int64(0) == id, !unit.variants.isEmpty, stored != ContentKey(of: unit).bytes {
                problems.append("unit \(id): content key does not match its texts, codes, id and properties")
            }
        }

        var check = try VariantIntegrity(vocabulary: SearchVocabulary.entries(connection))
        // Variants a deferred import left unindexed have no tokens and no full-text entry yet.
        let pendingFrom = try SearchIndex.pendingFrom(connection)
        let variants = try connection.prepare("SELECT unit_id, lang, text, normalized, hash, tokens, id FROM variant")
        while try variants.step() {
            let unindexed = pendingFrom.map { variants.int64(6) >= $0 && variants.isNull(5) } ?? false
            problems += try check.problems(
                unit: variants.int64(0), language: variants.string(1) ?? "", text: variants.string(2) ?? "",
                normalized: variants.isNull(3) ? nil : variants.string(3) ?? "", hash: variants.int64(4),
                tokens: unindexed ? nil : variants.withBlob(5, VarInt.decodeAll))
        }
        if try connection.scalar("SELECT (SELECT next_variant_id FROM search_state) <= coalesce((SELECT max(id) FROM variant), 0)") == 1 {
            problems.append("search_state: the next variant id is not above every stored one")
        }
        // FTS5's check compares its index with every stored text, so it waits for the rest.
        if try unindexedVariantCount() == 0, let problem = checkConcordance() { problems.append(problem) }
        return problems
    }

    /// FTS5's own check: it re-reads every text through the tokenizer and compares the tokens
    /// with its index. It is a write statement that writes nothing, so it runs on a connection
    /// of its own that may write (closed without committing); a file that cannot be written
    /// is not checked this way.
    private func checkConcordance() -> String? {
        guard FileManager.default.isWritableFile(atPath: path),
              let checker = try? SQLiteConnection(path: path, readOnly: false, create: false)
        else { return nil }
        do {
            try checker.execute("BEGIN; INSERT INTO concordance (concordance, rank) VALUES ('integrity-check', 1)")
            try checker.execute("ROLLBACK")
            return nil
        } catch {
            return "concordance: the full-text index does not match the stored texts (\(error))"
        }
    }
}

/// Checks one stored variant at a time against its text: its lookup form and exact-match hash,
/// its language tag, its fuzzy-search tokens (recomputed against the stored vocabulary, loaded
/// once) and, for a store that keeps them in a column, its full-text words. Both stores'
/// integrity checks use it.
package struct VariantIntegrity {
    private var vocabulary: [String: [String: UInt32]] = [:]
    private var tokenizers: [String: MatchTokenizer] = [:]
    private var tagChecked: [String: Bool] = [:]
    private let breaker: WordBreaker

    /// A check against the vocabulary `entries` (what `search_token` holds).
    package init(vocabulary entries: [(id: UInt32, language: String, word: String)]) throws {
        for entry in entries { vocabulary[entry.language, default: [:]][entry.word] = entry.id }
        breaker = try WordBreaker(locale: "")
    }

    /// The problems of a variant of `unit`: `normalized` is its stored lookup form when that
    /// differs from `text`, `tokens` its fuzzy-search tokens (nil: not indexed yet), `words`
    /// its full-text words as `WordHash` numbers where the store keeps them.
    package mutating func problems(unit: Int64, language: String, text: String, normalized: String?, hash: Int64,
                                   tokens: [UInt32]?, words: [Int32]? = nil) throws -> [String] {
        var problems: [String] = []
        let lookup = text.normalizedForLookup()
        if !(normalized ?? text).utf8.elementsEqual(lookup.utf8) {
            problems.append("unit \(unit) [\(language)]: stored lookup form differs from its text")
        } else if hash != ExactKey.hash(lookup, language: language).int64 {
            problems.append("unit \(unit) [\(language)]: exact-match hash does not match its language and text")
        }
        if tagChecked[language] == nil {
            tagChecked[language] = (try? LanguageTag(language))?.canonical == language
        }
        if tagChecked[language] == false {
            problems.append("unit \(unit): language tag '\(language)' is not canonical BCP-47")
            tagChecked[language] = true  // report each bad tag once
        }
        if let tokens, try !tokensMatch(tokens, text: lookup, language: language) {
            problems.append("unit \(unit) [\(language)]: fuzzy-search tokens do not match its text")
        }
        if let words, words != WordHash.distinct(FullTextMatcher.words(of: text, breaker).map(\.form.utf8)) {
            problems.append("unit \(unit) [\(language)]: full-text words do not match its text")
        }
        return problems
    }

    /// Whether `stored` are the token ids of `text` (a lookup form) in `language`.
    private mutating func tokensMatch(_ stored: [UInt32], text: String, language: String) throws -> Bool {
        let tag = try LanguageTag(language)
        // Imports store canonical tags: tokens under any other were not cut for it.
        guard tag.canonical == language else { return false }
        let tokenizer = try tokenizers[language] ?? MatchTokenizer(language: tag)
        tokenizers[language] = tokenizer
        let words = vocabulary[tag.language] ?? [:]
        let expected = tokenizer.tokens(of: text).words.map { words[$0] }
        return expected.count == stored.count && zip(expected, stored).allSatisfy { $0 == $1 }
    }
}
