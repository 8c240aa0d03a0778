import GlossaCore
import GlossaMemory
import NIOCore
import PostgresNIO

extension PostgresMemory {
    /// Checks the TM as `TranslationMemory.checkIntegrity()` checks a file: every unit has a
    /// variant and a content key that matches its content, every variant its lookup form,
    /// hash, canonical tag, fuzzy-search tokens and full-text words (those not indexed yet
    /// excepted), and the next ids lie above the stored ones. PostgreSQL checks its own pages
    /// and foreign keys. The units, then the variants, are each read in one snapshot. Returns
    /// one line per problem; empty means sound.
    public func checkIntegrity() throws -> [String] {
        var problems: [String] = []
        let empty = try session.run { connection, logger in
            var ids: [Int64] = []
            let rows = try await connection.query(
                "SELECT id FROM unit u WHERE NOT EXISTS (SELECT 1 FROM variant WHERE unit_id = u.id) ORDER BY id", logger: logger)
            for try await (id,) in rows.decode((Int64,).self) { ids.append(id) }
            return ids
        }
        problems += empty.map { "unit \($0) has no variant" }
        try forEachUnitBatch { batch in
            guard let first = batch.first?.id, let last = batch.last?.id else { return }
            let keys = try session.run { connection, logger in
                var keys: [Int64: [UInt8]] = [:]
                let rows = try await connection.query("SELECT id, content_key FROM unit WHERE id BETWEEN \(first) AND \(last)", logger: logger)
                for try await (id, key) in rows.decode((Int64, ByteBuffer).self) { keys[id] = Array(key.readableBytesView) }
                return keys
            }
            for (id, unit) in batch where !unit.variants.isEmpty && keys[id] != ContentKey(of: unit).bytes {
                problems.append("unit \(id): content key does not match its texts, codes, id and properties")
            }
        }
        try session.inTransaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
            var check = try VariantIntegrity(vocabulary: PostgresSearchIndex.vocabularyEntries(session))
            var after: Int64 = 0
            while true {
                let page = try session.run { [after] connection, logger in
                    var page: [(Int64, Int64, String, String, String?, Int64, ByteBuffer?, [Int32]?)] = []
                    let rows = try await connection.query("""
                        SELECT id, unit_id, lang, text, normalized, hash, tokens, words FROM variant WHERE id > \(after) ORDER BY id LIMIT 4096
                        """, logger: logger)
                    for try await row in rows.decode((Int64, Int64, String, String, String?, Int64, ByteBuffer?, [Int32]?).self) {
                        page.append(row)
                    }
                    return page
                }
                guard let last = page.last else { break }
                for (_, unit, language, text, normalized, hash, tokens, words) in page {
                    problems += try check.problems(unit: unit, language: language, text: text, normalized: normalized, hash: hash,
                                                   tokens: tokens?.withUnsafeReadableBytes(VarInt.decodeAll), words: words)
                }
                after = last.0
            }
        }
        let behind = try session.value("""
            SELECT s.next_unit_id <= coalesce((SELECT max(id) FROM unit), 0) OR s.next_variant_id <= coalesce((SELECT max(id) FROM variant), 0)
            FROM store_state s
            """, as: Bool.self) ?? false
        if behind { problems.append("store_state: the next unit or variant id is not above every stored one") }
        return problems
    }
}
