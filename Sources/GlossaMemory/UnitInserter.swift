import GlossaCore

/// Inserts prepared units with statements compiled once. Runs on the TM's writer thread.
final class UnitInserter {
    private let connection: SQLiteConnection
    private let insertUnit: SQLiteStatement
    private let insertVariant: SQLiteStatement
    private let insertNote: SQLiteStatement
    private let insertProperty: SQLiteStatement
    private let findSameText: SQLiteStatement
    private let insertFullText: (Int64, SearchTokens) throws -> Void
    private let insertPostings: ([PostingChunk]) throws -> Void
    /// Units inserted, units the unique index turned away as duplicates, and units inserted
    /// beside a stored one of the same text (see `ContentKey`).
    private(set) var added = 0
    private(set) var duplicates = 0
    private(set) var keptApart = 0
    /// The id the next unit inserted must take, when SQLite's choice could be a deleted unit's.
    private var firstUnitID: Int64?

    init(connection: SQLiteConnection) throws {
        self.connection = connection
        insertUnit = try connection.prepare("""
            INSERT OR IGNORE INTO unit (content_key, external_id, origin, context, created_at, created_by, changed_at, changed_by,
                                        source_lang, id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """)
        // SQLite gives a new row the largest id plus one, which may be a deleted unit's: the
        // first unit takes the id past every deleted one instead, and the rest count on from it.
        let floor = try connection.scalar("""
            SELECT CASE WHEN next_unit_id > (SELECT coalesce(max(id), 0) + 1 FROM unit) THEN next_unit_id ELSE 0 END FROM search_state
            """)
        firstUnitID = floor > 0 ? floor : nil
        findSameText = try connection.prepare("SELECT EXISTS (SELECT 1 FROM unit WHERE content_key BETWEEN ?1 AND ?2)")
        insertVariant = try connection.prepare("""
            INSERT INTO variant (unit_id, lang, text, normalized, hash, created_at, created_by, changed_at, changed_by, markup, tokens, id)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            """)
        insertFullText = try SearchTokens.fullTextInserter(on: connection)
        insertPostings = try PostingChunk.inserter(on: connection)
        insertNote = try connection.prepare(
            "INSERT INTO note (unit_id, lang, text, xml_lang, o_encoding, variant_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        insertProperty = try connection.prepare(
            "INSERT INTO prop (unit_id, lang, name, value, xml_lang, o_encoding, variant_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
    }

    func insert(_ unit: PreparedUnit) throws {
        // Asked before the insert, which would find the unit itself.
        var sameText = false
        if unit.probeSameText {
            let range = unit.contentKey.sameTextRange
            findSameText.reset()
            findSameText.bind(1, range.lower)
            findSameText.bind(2, range.upper)
            try findSameText.step()
            sameText = findSameText.int64(0) == 1
        }
        insertUnit.rewind()
        insertUnit.bind(1, unit.contentKey.bytes)
        insertUnit.bind(2, unit.externalID)
        insertUnit.bind(3, unit.origin)
        insertUnit.bind(4, unit.context)
        bind(unit.created, to: insertUnit, at: 5)
        bind(unit.changed, to: insertUnit, at: 7)
        insertUnit.bind(9, unit.sourceLanguage)
        insertUnit.bind(10, firstUnitID)
        try insertUnit.step()
        guard connection.changes > 0 else {
            duplicates += 1
            return
        }
        firstUnitID = nil
        if sameText { keptApart += 1 }
        let unitID = connection.lastInsertRowID
        for variant in unit.variants {
            insertVariant.rewind()
            insertVariant.bind(1, unitID)
            insertVariant.bind(2, variant.language)
            insertVariant.bind(3, variant.text)
            insertVariant.bind(4, variant.lookup)
            insertVariant.bind(5, variant.hash)
            bind(variant.created, to: insertVariant, at: 6)
            bind(variant.changed, to: insertVariant, at: 8)
            insertVariant.bind(10, variant.markup)
            if let search = variant.search { insertVariant.bind(11, search.encoded) } else { insertVariant.bind(11, nil as Int64?) }
            insertVariant.bind(12, variant.id)
            try insertVariant.step()
            if let search = variant.search { try insertFullText(variant.id, search) }
            try addNotes(variant.notes, properties: variant.properties, unit: unitID, variant: (variant.id, variant.language))
        }
        try addNotes(unit.notes, properties: unit.properties, unit: unitID, variant: nil)
        added += 1
    }

    /// Runs SQL in order with the inserts (an index built part way through a bulk write).
    func execute(_ sql: String) throws {
        try connection.execute(sql)
    }

    /// Inserts posting list chunks built on the preparing thread.
    func insert(_ chunks: [PostingChunk]) throws {
        try insertPostings(chunks)
    }

    /// Stores notes and properties of the unit (`variant` nil) or of one of its variants.
    private func addNotes(_ notes: [Note], properties: [Property], unit: Int64, variant: (id: Int64, language: String)?) throws {
        for note in notes {
            insertNote.rewind()
            insertNote.bind(1, unit)
            insertNote.bind(2, variant?.language)
            insertNote.bind(3, note.text)
            insertNote.bind(4, note.language)
            insertNote.bind(5, note.encoding)
            insertNote.bind(6, variant?.id)
            try insertNote.step()
        }
        for property in properties {
            insertProperty.rewind()
            insertProperty.bind(1, unit)
            insertProperty.bind(2, variant?.language)
            insertProperty.bind(3, property.name)
            insertProperty.bind(4, property.value)
            insertProperty.bind(5, property.language)
            insertProperty.bind(6, property.encoding)
            insertProperty.bind(7, variant?.id)
            try insertProperty.step()
        }
    }

    /// Binds a stamp's date and author, NULL for none: every parameter is bound on every use.
    private func bind(_ stamp: PreparedUnit.PreparedStamp?, to statement: SQLiteStatement, at index: Int32) {
        statement.bind(index, stamp?.date)
        statement.bind(index + 1, stamp?.author)
    }
}
