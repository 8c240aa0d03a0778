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
        /// Only the unit of this id.
        public var unit: Int64?

        public init(since: Date? = nil, origin: String? = nil, unit: Int64? = nil) {
            self.since = since
            self.origin = origin
            self.unit = unit
        }
    }

    /// Calls `body` with the units matching `filter` in batches of up to `size`, in the order
    /// they were added, as their stored bytes: `StoredUnits.units()` builds them, on whichever
    /// thread calls it. An export reads on one thread and builds and writes on another, and
    /// builds on the reading thread only while the writer is behind (the strings were a
    /// quarter of the reading thread's time, and it was the slower one).
    /// Units, variants, notes and properties are four ordered scans merged by unit id.
    public func forEachBatch(_ filter: UnitFilter = UnitFilter(), size: Int = 256, _ body: (StoredUnits) throws -> Void) throws {
        let units = try prepareSelecting(filter, """
            SELECT id, external_id, origin, context, created_at, created_by, changed_at, changed_by, source_lang FROM unit
            WHERE %@ ORDER BY id
            """)
        // One unit's rows are found through the unit_id indexes; otherwise every row is merged in.
        func annotations(_ sql: String) throws -> SQLiteStatement {
            let statement = try connection.prepare(sql.replacingOccurrences(of: "%@", with: filter.unit == nil ? "1" : "unit_id = ?1"))
            if let unit = filter.unit { statement.bind(1, unit) }
            return statement
        }
        let variants = try annotations("""
            SELECT unit_id, lang, text, markup, created_at, created_by, changed_at, changed_by, id FROM variant WHERE %@ ORDER BY unit_id, id
            """)
        let notes = try annotations("SELECT unit_id, lang, text, xml_lang, o_encoding, variant_id FROM note WHERE %@ ORDER BY unit_id, id")
        let properties = try annotations(
            "SELECT unit_id, lang, name, value, xml_lang, o_encoding, variant_id FROM prop WHERE %@ ORDER BY unit_id, id")
        // A TM repeats a few languages and, per imported file, the same stamps millions of
        // times: each is parsed once, and recognized again by its bytes, with no string built.
        var tags = TagCache()
        var dates = DateCache()
        var variantCursor = try MergeCursor(variants)
        var noteCursor = try MergeCursor(notes)
        var propertyCursor = try MergeCursor(properties)
        var batch = StoredUnits()
        while try units.step() {
            let id = units.int64(0)
            var unit = StoredUnits.UnitRow(
                id: id, externalID: batch.field(units, 1), origin: batch.field(units, 2), context: batch.field(units, 3),
                created: batch.stamp(units, 4, &dates), changed: batch.stamp(units, 6, &dates),
                sourceLanguage: units.isNull(8) ? nil : try tags.tag(in: units, 8), variants: batch.variantRows.count)
            try variantCursor.rows(for: id) { row in
                batch.variantRows.append(StoredUnits.VariantRow(
                    id: row.int64(8), language: try tags.tag(in: row, 1), text: batch.field(row, 2), markup: batch.field(row, 3),
                    created: batch.stamp(row, 4, &dates), changed: batch.stamp(row, 6, &dates)))
            }
            unit.notes = batch.annotationRows.count
            try noteCursor.rows(for: id) { row in
                batch.annotationRows.append(StoredUnits.AnnotationRow(
                    variantLanguage: batch.field(row, 1), variantID: row.isNull(5) ? nil : row.int64(5), name: nil,
                    text: batch.field(row, 2), language: batch.field(row, 3), encoding: batch.field(row, 4)))
            }
            unit.properties = batch.annotationRows.count
            try propertyCursor.rows(for: id) { row in
                batch.annotationRows.append(StoredUnits.AnnotationRow(
                    variantLanguage: batch.field(row, 1), variantID: row.isNull(6) ? nil : row.int64(6), name: batch.field(row, 2),
                    text: batch.field(row, 3), language: batch.field(row, 4), encoding: batch.field(row, 5)))
            }
            batch.unitRows.append(unit)
            if batch.unitRows.count == size {
                try body(batch)
                batch = StoredUnits()
            }
        }
        if !batch.unitRows.isEmpty { try body(batch) }
    }
}

/// Units as `TranslationMemory.forEachBatch` read them: their text fields as the stored bytes,
/// back to back, turned into `TranslationUnit`s by `units()`.
public struct StoredUnits: Sendable {
    /// Where a text field lies in `bytes`; nil for NULL.
    typealias Field = Range<Int>?

    struct UnitRow: Sendable {
        let id: Int64
        let externalID: Field, origin: Field, context: Field
        let created: (date: Date, author: Field)?, changed: (date: Date, author: Field)?
        let sourceLanguage: LanguageTag?
        /// Where its variants, notes and properties start in their arrays (each ends where
        /// the next starts, or the next unit's).
        let variants: Int
        var notes = 0, properties = 0
    }

    struct VariantRow: Sendable {
        let id: Int64
        let language: LanguageTag
        let text: Field, markup: Field
        let created: (date: Date, author: Field)?, changed: (date: Date, author: Field)?
    }

    /// A note (no name) or a property, on the unit or on its variant `variantID` (before schema
    /// 8, its first variant in `variantLanguage`).
    struct AnnotationRow: Sendable {
        let variantLanguage: Field
        let variantID: Int64?
        let name: Field, text: Field, language: Field, encoding: Field
    }

    private var bytes: [UInt8] = []
    var unitRows: [UnitRow] = []
    var variantRows: [VariantRow] = []
    /// Each unit's notes, then its properties.
    var annotationRows: [AnnotationRow] = []

    /// How many units the batch holds.
    public var count: Int { unitRows.count }

    /// Copies a text column of the current row.
    mutating func field(_ row: SQLiteStatement, _ column: Int32) -> Field {
        row.withText(column) { text in
            guard let text else { return nil }
            let start = bytes.count
            bytes.append(contentsOf: text)
            return start..<bytes.count
        }
    }

    /// The stamp in a date column and the author column after it.
    mutating func stamp(_ row: SQLiteStatement, _ column: Int32, _ dates: inout DateCache) -> (date: Date, author: Field)? {
        guard let date = dates.date(in: row, column) else { return nil }
        return (date, field(row, column + 1))
    }

    /// The units with their ids, in the order they were read.
    public func units() -> [(id: Int64, unit: TranslationUnit)] {
        bytes.withUnsafeBufferPointer { bytes in
            func string(_ field: Field) -> String? { field.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) } }
            func stamp(_ stored: (date: Date, author: Field)?) -> Stamp? { stored.map { Stamp(date: $0.date, author: string($0.author)) } }
            return unitRows.indices.map { index in
                let stored = unitRows[index]
                let next = index + 1 < unitRows.count ? unitRows[index + 1] : nil
                var unit = TranslationUnit(
                    externalID: string(stored.externalID), variants: [], sourceLanguage: stored.sourceLanguage, origin: string(stored.origin),
                    context: string(stored.context), created: stamp(stored.created), changed: stamp(stored.changed))
                let variantRange = stored.variants..<(next?.variants ?? variantRows.count)
                unit.variants = variantRows[variantRange].map { variant in
                    Variant(language: variant.language, text: string(variant.text) ?? "", markup: string(variant.markup),
                            created: stamp(variant.created), changed: stamp(variant.changed))
                }
                let end = next?.notes ?? annotationRows.count
                for position in stored.notes..<end {
                    let annotation = annotationRows[position]
                    let isNote = position < stored.properties
                    // Annotations of a language no variant has stay on the unit.
                    let variant = annotation.variantID.flatMap { id in
                        variantRows[variantRange].firstIndex { $0.id == id }.map { $0 - variantRange.lowerBound }
                    } ?? string(annotation.variantLanguage).flatMap { language in
                        unit.variants.firstIndex { $0.language.canonical == language }
                    }
                    if isNote {
                        let note = Note(string(annotation.text) ?? "", language: string(annotation.language),
                                        encoding: string(annotation.encoding))
                        if let variant { unit.variants[variant].notes.append(note) } else { unit.notes.append(note) }
                    } else {
                        let property = Property(string(annotation.name) ?? "", string(annotation.text) ?? "",
                                                language: string(annotation.language), encoding: string(annotation.encoding))
                        if let variant { unit.variants[variant].properties.append(property) } else { unit.properties.append(property) }
                    }
                }
                return (stored.id, unit)
            }
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
struct DateCache {
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
    /// The source languages recorded on the units matching `filter`, nil for units that record
    /// none, up to two of them: what an export's header can say (one language for every unit,
    /// or not).
    public func sourceLanguages(_ filter: UnitFilter = UnitFilter()) throws -> [LanguageTag?] {
        let statement = try prepareSelecting(filter, "SELECT DISTINCT source_lang FROM unit WHERE %@ LIMIT 2")
        var languages: [LanguageTag?] = []
        while try statement.step() { languages.append(try statement.string(0).map { try LanguageTag($0) }) }
        return languages
    }

    /// `sql` with its `%@` made the conditions of `filter`, bound.
    private func prepareSelecting(_ filter: UnitFilter, _ sql: String) throws -> SQLiteStatement {
        var conditions = ["1"]
        if filter.since != nil { conditions.append("max(coalesce(created_at, ''), coalesce(changed_at, '')) >= ?1") }
        if filter.origin != nil { conditions.append("origin = ?2") }
        if filter.unit != nil { conditions.append("id = ?3") }
        let statement = try connection.prepare(sql.replacingOccurrences(of: "%@", with: conditions.joined(separator: " AND ")))
        if let since = filter.since { statement.bind(1, Timestamp.format(since)) }
        if let origin = filter.origin { statement.bind(2, origin) }
        if let unit = filter.unit { statement.bind(3, unit) }
        return statement
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
        let entries = try connection.prepare("SELECT document_id, kind, name, value, xml_lang, o_encoding FROM document_entry ORDER BY id")
        while try entries.step() {
            let id = entries.int64(0)
            guard documents[id] != nil else { continue }
            DocumentEntry(kind: entries.string(1) ?? "", name: entries.string(2), value: entries.string(3) ?? "",
                          language: entries.string(4), encoding: entries.string(5)).add(to: &documents[id]!)
        }
        return order.compactMap { documents[$0] }
    }
}
