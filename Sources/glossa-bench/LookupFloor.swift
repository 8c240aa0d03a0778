import CGlossaFTS
import CSQLite
import Foundation
import GlossaCore
import GlossaText

/// The least an import with every search index could take with SQLite storing it, on this
/// schema: SQLite inserting from memory the rows the lookup benchmark's import wrote (units,
/// variants with their search tokens, the vocabulary, the posting-list chunks, and each
/// variant's full-text entry in the pre-cut form the import hands FTS5, under the same FTS5
/// load settings), then merging the full-text index into one segment and building the same
/// three indexes. An import does all of this on one connection, one statement after another,
/// while its other thread cuts the words, so the sum is a time no import reaches.
struct LookupFloor {
    /// A TM the lookup benchmark imported.
    let memory: String

    /// Seconds each part took: inserting each table's rows, inserting the full-text entries,
    /// the full-text merge, the index builds.
    struct Figures {
        let rows: [(table: String, seconds: Double)]
        let fullText: Double
        let merge: Double
        let index: Double

        var total: Double { rows.map(\.seconds).reduce(0, +) + fullText + merge + index }
    }

    /// Copies `memory` into a new file at `path` (removed afterwards), timing each part.
    func measure(scratch path: String) throws -> Figures {
        let source = try Database(path: memory, flags: SQLITE_OPEN_READONLY)
        try? FileManager.default.removeItem(atPath: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let target = try Database(path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        guard CGlossaFTS_registerICUTokenizer(UnsafeMutableRawPointer(target.handle)) == SQLITE_OK else { throw target.error() }
        try target.execute("PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -32768")
        let tables = ["unit", "variant", "search_token", "fuzzy_posting"]
        let names = tables.map { "'\($0)'" }.joined(separator: ", ")
        for sql in try source.strings("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name IN (\(names), 'concordance')") {
            try target.execute(sql)
        }
        // The schema's page size, and the load settings SearchIndex.fillingFullText gives an empty index.
        try target.execute("""
            INSERT INTO concordance (concordance, rank) VALUES
                ('pgsz', 4000), ('automerge', 0), ('crisismerge', 64), ('hashsize', \(4 << 20))
            """)
        let indexes = try source.strings(
            "SELECT sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('unit', 'variant')")
        try target.execute("BEGIN")
        let rows = try tables.map { table in
            // Posting chunks go in as the import drains them: every token's chunk of one stretch of variants, then the next stretch.
            (table, try target.copyRows(of: table, from: source, orderedBy: table == "fuzzy_posting" ? "first, token" : "rowid"))
        }
        let fullText = try copyFullText(from: source, to: target)
        let merge = try time { try target.execute("INSERT INTO concordance (concordance) VALUES ('optimize')") }
        // As an import builds them: two sorter threads, half the cache.
        let index = try time {
            try target.execute("PRAGMA threads = 2; PRAGMA cache_size = -16384")
            for sql in indexes { try target.execute(sql) }
            try target.execute("COMMIT")
        }
        return Figures(rows: rows, fullText: fullText, merge: merge, index: index)
    }

    /// Inserts every variant's full-text entry, cut beforehand (not timed) into the form an
    /// import hands FTS5: U+0001, then the words NFKC-case-folded and separated by U+001F,
    /// which the glossa_icu tokenizer splits without running ICU.
    private func copyFullText(from source: Database, to target: Database) throws -> Double {
        let read = try source.prepare("SELECT id, lang, coalesce(normalized, text) FROM variant ORDER BY id")
        let write = try target.prepare("INSERT INTO concordance (rowid, text) VALUES (?1, ?2)")
        defer {
            sqlite3_finalize(read)
            sqlite3_finalize(write)
        }
        var tokenizers: [String: MatchTokenizer] = [:]
        var entries: [(id: Int64, text: [UInt8])] = []
        var seconds = 0.0, more = true
        while more {
            entries.removeAll(keepingCapacity: true)
            while entries.count < 10_000 {
                guard sqlite3_step(read) == SQLITE_ROW else {
                    more = false
                    break
                }
                let language = String(cString: sqlite3_column_text(read, 1))
                let tokenizer = try tokenizers[language] ?? MatchTokenizer(language: LanguageTag(language))
                tokenizers[language] = tokenizer
                var text: [UInt8] = [0x01]
                tokenizer.forEachWord(ofNFC: String(cString: sqlite3_column_text(read, 2))) { word, _, _ in
                    if text.count > 1 { text.append(0x1F) }
                    text += String(decoding: word, as: UTF8.self).normalized(.nfkcCasefold).utf8
                }
                entries.append((sqlite3_column_int64(read, 0), text))
            }
            seconds += try time {
                for entry in entries {
                    sqlite3_bind_int64(write, 1, entry.id)
                    let result = entry.text.withUnsafeBytes { text in
                        sqlite3_bind_text(write, 2, text.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(text.count), nil)
                        return sqlite3_step(write)
                    }
                    guard result == SQLITE_DONE else { throw target.error() }
                    sqlite3_reset(write)
                }
            }
        }
        return seconds
    }
}
