import Foundation
import GlossaCore
import GlossaText

/// What an import did.
public struct ImportSummary: Codable, Equatable, Sendable {
    /// Units read from the input.
    public var read = 0
    /// Units added to the TM.
    public var added = 0
    /// Units skipped because the TM already held the same content.
    public var duplicates = 0

    public init(read: Int = 0, added: Int = 0, duplicates: Int = 0) {
        self.read = read
        self.added = added
        self.duplicates = duplicates
    }
}

extension TranslationMemory {
    /// Adds units inside one transaction: `body` passes each unit to the writer, and if it
    /// throws, nothing it wrote stays. A unit whose (language, lookup text) pairs equal those
    /// of a stored unit is a duplicate and is skipped.
    ///
    /// Into an empty TM the indexes are dropped for the load and built once at the end, sorted,
    /// inside the same transaction: faster than growing them row by row, and the finished file
    /// is the same. Duplicates are then caught in memory.
    public func write(_ body: (UnitWriter) throws -> Void) throws -> ImportSummary {
        try connection.execute("PRAGMA cache_size = -262144")  // 256 MiB: index pages stay in memory
        return try connection.transaction {
            let bulk = try connection.scalar("SELECT NOT EXISTS (SELECT 1 FROM unit)") == 1
            var indexes: [(name: String, sql: String)] = []
            if bulk {
                let statement = try connection.prepare(
                    "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('unit', 'variant', 'note', 'prop')")
                while try statement.step() { indexes.append((statement.string(0) ?? "", statement.string(1) ?? "")) }
                for index in indexes { try connection.execute("DROP INDEX \"\(index.name)\"") }
            }
            let writer = try UnitWriter(connection: connection, deduplicateInMemory: bulk)
            try body(writer)
            for index in indexes { try connection.execute(index.sql) }
            return writer.summary
        }
    }

    /// Adds `units` in one transaction; see `write(_:)`.
    public func add(_ units: some Sequence<TranslationUnit>) throws -> ImportSummary {
        try write { writer in
            for unit in units { try writer.add(unit) }
        }
    }
}

/// Writes units to a TM during `TranslationMemory.write`, with statements prepared once.
public final class UnitWriter {
    private let connection: SQLiteConnection
    private let insertUnit: SQLiteStatement
    private let insertVariant: SQLiteStatement
    private let insertNote: SQLiteStatement
    private let insertProperty: SQLiteStatement
    private var formattedDates: [Date: String] = [:]
    /// Content keys written so far, when the unique index is not there to catch duplicates.
    private var writtenKeys: Set<StableHash>?
    /// Counts so far.
    public private(set) var summary = ImportSummary()

    init(connection: SQLiteConnection, deduplicateInMemory: Bool) throws {
        self.connection = connection
        writtenKeys = deduplicateInMemory ? [] : nil
        insertUnit = try connection.prepare("""
            INSERT OR IGNORE INTO unit (content_key, external_id, origin, context, created_at, created_by, changed_at, changed_by)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """)
        insertVariant = try connection.prepare("""
            INSERT INTO variant (unit_id, lang, text, normalized, hash, created_at, created_by, changed_at, changed_by)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """)
        insertNote = try connection.prepare("INSERT INTO note (unit_id, lang, text) VALUES (?1, ?2, ?3)")
        insertProperty = try connection.prepare("INSERT INTO prop (unit_id, lang, name, value) VALUES (?1, ?2, ?3, ?4)")
    }

    /// Adds one unit; returns false when it was a duplicate. A unit must have at least one
    /// variant and at most one per language.
    @discardableResult
    public func add(_ unit: TranslationUnit) throws -> Bool {
        summary.read += 1
        precondition(!unit.variants.isEmpty, "a translation unit needs at least one variant")
        let keyed = unit.variants.map { variant -> (variant: Variant, changedLookup: String?, hash: StableHash) in
            let changed = variant.text.lookupFormIfDifferent()
            return (variant, changed, StableHash(changed ?? variant.text))
        }.sorted { $0.variant.language < $1.variant.language }
        for (left, right) in zip(keyed, keyed.dropFirst()) where left.variant.language == right.variant.language {
            throw InputError("a unit has two variants in \(left.variant.language)")
        }

        var keyBytes: [UInt8] = []
        keyBytes.reserveCapacity(keyed.count * 24)
        for entry in keyed {
            keyBytes += entry.variant.language.canonical.utf8
            keyBytes.append(0)
            entry.hash.append(to: &keyBytes)
        }
        let contentKey = StableHash(keyBytes)
        if writtenKeys?.insert(contentKey).inserted == false {
            summary.duplicates += 1
            return false
        }
        insertUnit.reset()
        insertUnit.bind(1, contentKey.bytes)
        insertUnit.bind(2, unit.externalID)
        insertUnit.bind(3, unit.origin)
        insertUnit.bind(4, unit.context)
        bind(unit.created, to: insertUnit, at: 5)
        bind(unit.changed, to: insertUnit, at: 7)
        try insertUnit.step()
        guard connection.changes > 0 else {
            summary.duplicates += 1
            return false
        }
        let unitID = connection.lastInsertRowID

        for entry in keyed {
            insertVariant.reset()
            insertVariant.bind(1, unitID)
            insertVariant.bind(2, entry.variant.language.canonical)
            insertVariant.bind(3, entry.variant.text)
            insertVariant.bind(4, entry.changedLookup)
            insertVariant.bind(5, entry.hash.int64)
            bind(entry.variant.created, to: insertVariant, at: 6)
            bind(entry.variant.changed, to: insertVariant, at: 8)
            try insertVariant.step()
            try addNotes(entry.variant.notes, properties: entry.variant.properties, unit: unitID, language: entry.variant.language.canonical)
        }
        try addNotes(unit.notes, properties: unit.properties, unit: unitID, language: nil)
        summary.added += 1
        return true
    }

    private func addNotes(_ notes: [String], properties: [Property], unit: Int64, language: String?) throws {
        for note in notes {
            insertNote.reset()
            insertNote.bind(1, unit)
            insertNote.bind(2, language)
            insertNote.bind(3, note)
            try insertNote.step()
        }
        for property in properties {
            insertProperty.reset()
            insertProperty.bind(1, unit)
            insertProperty.bind(2, language)
            insertProperty.bind(3, property.name)
            insertProperty.bind(4, property.value)
            try insertProperty.step()
        }
    }

    private func bind(_ stamp: Stamp?, to statement: SQLiteStatement, at index: Int32) {
        guard let stamp else { return }
        let formatted = formattedDates[stamp.date] ?? Timestamp.format(stamp.date)
        if formattedDates.count < 4096 { formattedDates[stamp.date] = formatted }
        statement.bind(index, formatted)
        statement.bind(index + 1, stamp.author)
    }
}
