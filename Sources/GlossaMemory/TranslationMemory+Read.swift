import Foundation
import GlossaCore
import GlossaText

extension TranslationMemory {
    /// Which units to read.
    public struct UnitFilter: Sendable {
        /// Only units created or changed at or after this date.
        public var since: Date?
        /// Only units from this origin document.
        public var origin: String?

        public init(since: Date? = nil, origin: String? = nil) {
            self.since = since
            self.origin = origin
        }
    }

    /// Calls `body` with every unit matching `filter`, in the order they were added, with all
    /// their variants, notes and properties. Streams: memory stays flat whatever the TM size
    /// (units, variants, notes and properties are four ordered scans merged by unit id).
    public func forEachUnit(_ filter: UnitFilter = UnitFilter(), _ body: (Int64, TranslationUnit) throws -> Void) throws {
        var conditions: [String] = []
        if filter.since != nil { conditions.append("max(coalesce(created_at, ''), coalesce(changed_at, '')) >= ?1") }
        if filter.origin != nil { conditions.append("origin = ?2") }
        let units = try connection.prepare("""
            SELECT id, external_id, origin, context, created_at, created_by, changed_at, changed_by FROM unit
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")) ORDER BY id
            """)
        if let since = filter.since { units.bind(1, Timestamp.format(since)) }
        if let origin = filter.origin { units.bind(2, origin) }
        let variants = try connection.prepare("""
            SELECT unit_id, lang, text, markup, created_at, created_by, changed_at, changed_by FROM variant ORDER BY unit_id, id
            """)
        let notes = try connection.prepare("SELECT unit_id, lang, text, xml_lang FROM note ORDER BY unit_id, id")
        let properties = try connection.prepare("SELECT unit_id, lang, name, value, xml_lang FROM prop ORDER BY unit_id, id")
        // A TM repeats a few languages and, per imported file, the same stamps millions of
        // times: each is parsed once, and recognized again by its bytes, with no string built.
        var tags = TagCache()
        var dates = DateCache()
        func stamp(_ row: SQLiteStatement, _ column: Int32) -> Stamp? {
            guard let date = dates.date(in: row, column) else { return nil }
            return Stamp(date: date, author: row.string(column + 1))
        }
        var variantCursor = try MergeCursor(variants)
        var noteCursor = try MergeCursor(notes)
        var propertyCursor = try MergeCursor(properties)

        while try units.step() {
            let id = units.int64(0)
            var unit = TranslationUnit(
                externalID: units.string(1), variants: [], origin: units.string(2), context: units.string(3),
                created: stamp(units, 4), changed: stamp(units, 6))
            try variantCursor.rows(for: id) { row in
                let language = try tags.tag(in: row, 1)
                unit.variants.append(Variant(language: language, text: row.string(2) ?? "", markup: row.string(3),
                                             created: stamp(row, 4), changed: stamp(row, 6)))
            }
            try noteCursor.rows(for: id) { row in
                let note = Note(row.string(2) ?? "", language: row.string(3))
                if let language = row.string(1), let index = unit.variants.firstIndex(where: { $0.language.canonical == language }) {
                    unit.variants[index].notes.append(note)
                } else {
                    unit.notes.append(note)
                }
            }
            try propertyCursor.rows(for: id) { row in
                let property = Property(row.string(2) ?? "", row.string(3) ?? "", language: row.string(4))
                if let language = row.string(1), let index = unit.variants.firstIndex(where: { $0.language.canonical == language }) {
                    unit.variants[index].properties.append(property)
                } else {
                    unit.properties.append(property)
                }
            }
            try body(id, unit)
        }
    }

}

/// Whether `stored` holds exactly `bytes`, compared with memcmp (`elementsEqual` between an
/// array and a buffer takes the generic, element-by-element path).
private func sameBytes(_ stored: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    stored.count == bytes.count
        && (bytes.isEmpty || stored.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 })
}

/// The last timestamp read and its date.
private struct DateCache {
    private var last: (bytes: [UInt8], date: Date)?

    /// The date in a text column; nil for NULL or text that is no timestamp.
    mutating func date(in row: SQLiteStatement, _ column: Int32) -> Date? {
        row.withText(column) { bytes in
            guard let bytes else { return nil }
            if let last, sameBytes(last.bytes, bytes) { return last.date }
            guard let date = Timestamp.parse(String(decoding: bytes, as: UTF8.self)) else { return nil }
            last = (Array(bytes), date)
            return date
        }
    }
}

/// Language tags read so far (a TM has a handful), recognized by their bytes.
private struct TagCache {
    private var known: [(bytes: [UInt8], tag: LanguageTag)] = []

    /// The tag in a text column; throws for one that is not valid BCP-47.
    mutating func tag(in row: SQLiteStatement, _ column: Int32) throws -> LanguageTag {
        try row.withText(column) { bytes in
            let bytes = bytes ?? UnsafeBufferPointer(start: nil, count: 0)
            if let hit = known.first(where: { sameBytes($0.bytes, bytes) }) { return hit.tag }
            let tag = try LanguageTag(String(decoding: bytes, as: UTF8.self))
            known.append((Array(bytes), tag))
            return tag
        }
    }
}

/// A cursor over rows ordered by unit id (column 0), handing out the rows of one unit at a time.
private struct MergeCursor {
    let statement: SQLiteStatement
    private var hasRow: Bool

    init(_ statement: SQLiteStatement) throws {
        self.statement = statement
        hasRow = try statement.step()
    }

    /// Skips rows of earlier units, then calls `body` for each row of `unit`.
    mutating func rows(for unit: Int64, _ body: (SQLiteStatement) throws -> Void) throws {
        while hasRow && statement.int64(0) < unit { hasRow = try statement.step() }
        while hasRow && statement.int64(0) == unit {
            try body(statement)
            hasRow = try statement.step()
        }
    }
}

extension TranslationMemory {
    /// The headers of the files imported into the TM, in import order.
    public func documents() throws -> [SourceDocument] {
        var documents: [Int64: SourceDocument] = [:]
        var order: [Int64] = []
        let headers = try connection.prepare("SELECT id, origin, format FROM document ORDER BY id")
        while try headers.step() {
            documents[headers.int64(0)] = SourceDocument(origin: headers.string(1) ?? "", format: headers.string(2) ?? "")
            order.append(headers.int64(0))
        }
        let entries = try connection.prepare("SELECT document_id, kind, name, value, xml_lang FROM document_entry ORDER BY id")
        while try entries.step() {
            let id = entries.int64(0), value = entries.string(3) ?? "", language = entries.string(4)
            switch entries.string(1) {
            case "attribute": documents[id]?.attributes.append(Property(entries.string(2) ?? "", value, language: language))
            case "note": documents[id]?.notes.append(Note(value, language: language))
            default: documents[id]?.properties.append(Property(entries.string(2) ?? "", value, language: language))
            }
        }
        return order.compactMap { documents[$0] }
    }
}
