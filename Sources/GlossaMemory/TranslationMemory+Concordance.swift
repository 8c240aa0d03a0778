import GlossaCore
import GlossaText

/// A variant whose text matched a full-text query.
public struct ConcordanceRow: Sendable, Equatable {
    public let variantID: Int64
    public let unitID: Int64
    /// Canonical language tag of the variant.
    public let language: String
    /// The variant's text as stored.
    public let text: String
    /// UTF-8 ranges of `text` that matched the query's terms.
    public let highlights: [Range<Int>]

    public init(variantID: Int64, unitID: Int64, language: String, text: String, highlights: [Range<Int>]) {
        (self.variantID, self.unitID, self.language, self.text, self.highlights) = (variantID, unitID, language, text, highlights)
    }
}

extension TranslationMemory {
    /// Variants in `language` (or its regional forms, for a language without region) whose
    /// text matches the FTS5 `expression`, newest first, `limit` of them after skipping
    /// `offset`. Throws `InputError` for an expression FTS5 cannot parse.
    public func concordance(_ expression: String, language: LanguageTag, limit: Int, offset: Int) throws -> [ConcordanceRow] {
        let statement = try connection.prepare("""
            SELECT v.id, v.unit_id, v.lang, highlight(concordance, 0, char(2), char(3))
            FROM concordance JOIN variant v ON v.id = concordance.rowid
            WHERE concordance MATCH ?1 AND \(language.sqlCovering(column: "v.lang", parameter: 2))
            ORDER BY concordance.rowid DESC LIMIT ?3 OFFSET ?4
            """)
        statement.bind(1, expression)
        statement.bind(2, language.canonical)
        statement.bind(3, Int64(limit))
        statement.bind(4, Int64(offset))
        var rows: [ConcordanceRow] = []
        do {
            while try statement.step() {
                let (text, highlights) = Self.unmark(statement.string(3) ?? "")
                rows.append(ConcordanceRow(variantID: statement.int64(0), unitID: statement.int64(1), language: statement.string(2) ?? "",
                                           text: text, highlights: highlights))
            }
        } catch let error as SQLiteError where error.message.contains("fts5") {
            throw InputError("cannot search for \(expression): \(error.message)")
        }
        return rows
    }

    /// Strips FTS5's highlight markers (U+0002 opens, U+0003 closes), returning the ranges
    /// they marked.
    private static func unmark(_ marked: String) -> (String, [Range<Int>]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(marked.utf8.count)
        var ranges: [Range<Int>] = []
        var start = 0
        for byte in marked.utf8 {
            switch byte {
            case 0x02: start = bytes.count
            case 0x03: ranges.append(start..<bytes.count)
            default: bytes.append(byte)
            }
        }
        return (String(decoding: bytes, as: UTF8.self), ranges)
    }
}
