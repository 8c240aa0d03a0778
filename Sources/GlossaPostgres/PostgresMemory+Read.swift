import GlossaMemory
import Foundation
import GlossaCore
import GlossaText
import PostgresNIO

extension PostgresMemory {
    /// The next `readBatch` units of the cursor `forEachUnitBatch` declared, with their
    /// variants, notes and properties: a fetch and three queries, each a range scan of an index.
    func unitBatch() throws -> [(Int64, TranslationUnit)] {
        try session.run { connection, logger in
            var units: [(Int64, TranslationUnit)] = []
            var positions: [Int64: Int] = [:]
            let unitRows = try await connection.query(PostgresQuery(unsafeSQL: "FETCH \(Self.readBatch) FROM \(Self.unitCursor)"), logger: logger)
            for try await (id, externalID, origin, context, createdAt, createdBy, changedAt, changedBy, source)
                in unitRows.decode((Int64, String?, String?, String?, String?, String?, String?, String?, String?).self) {
                positions[id] = units.count
                units.append((id, TranslationUnit(
                    externalID: externalID, variants: [], sourceLanguage: try source.map { try LanguageTag($0) }, origin: origin,
                    context: context, created: Self.stamp(createdAt, createdBy), changed: Self.stamp(changedAt, changedBy))))
            }
            // Their rows are one range of each unit_id index (rows of units between them that
            // the filter left out are skipped here); a list of ids would be a scan of each table.
            guard let first = units.first?.0, let last = units.last?.0 else { return [] }
            // Which variant of its unit each variant id is, for the notes and properties on it.
            var variantPlaces: [Int64: Int] = [:]
            let variantRows = try await connection.query("""
                SELECT unit_id, id, lang, text, markup, created_at, created_by, changed_at, changed_by
                FROM variant WHERE unit_id BETWEEN \(first) AND \(last) ORDER BY unit_id, id
                """, logger: logger)
            for try await (unitID, id, language, text, markup, createdAt, createdBy, changedAt, changedBy)
                in variantRows.decode((Int64, Int64, String, String, String?, String?, String?, String?, String?).self) {
                guard let position = positions[unitID] else { continue }
                variantPlaces[id] = units[position].1.variants.count
                units[position].1.variants.append(Variant(
                    language: try LanguageTag(language), text: text, markup: markup,
                    created: Self.stamp(createdAt, createdBy), changed: Self.stamp(changedAt, changedBy)))
            }
            // A note or property goes on the variant it names, else on its unit.
            func annotate(unit unitID: Int64, variant variantID: Int64?, unitSide: (inout TranslationUnit) -> Void,
                          variantSide: (inout Variant) -> Void) {
                guard let position = positions[unitID] else { return }
                if let place = variantID.flatMap({ variantPlaces[$0] }) {
                    variantSide(&units[position].1.variants[place])
                } else {
                    unitSide(&units[position].1)
                }
            }
            let noteRows = try await connection.query("""
                SELECT unit_id, variant_id, lang, text, xml_lang, o_encoding
                FROM note WHERE unit_id BETWEEN \(first) AND \(last) ORDER BY unit_id, id
                """, logger: logger)
            for try await (unitID, variantID, _, text, language, encoding)
                in noteRows.decode((Int64, Int64?, String?, String, String?, String?).self) {
                let note = Note(text, language: language, encoding: encoding)
                annotate(unit: unitID, variant: variantID, unitSide: { $0.notes.append(note) }, variantSide: { $0.notes.append(note) })
            }
            let propertyRows = try await connection.query("""
                SELECT unit_id, variant_id, lang, name, value, xml_lang, o_encoding
                FROM prop WHERE unit_id BETWEEN \(first) AND \(last) ORDER BY unit_id, id
                """, logger: logger)
            for try await (unitID, variantID, _, name, value, language, encoding)
                in propertyRows.decode((Int64, Int64?, String?, String, String, String?, String?).self) {
                let property = Property(name, value, language: language, encoding: encoding)
                annotate(unit: unitID, variant: variantID, unitSide: { $0.properties.append(property) },
                         variantSide: { $0.properties.append(property) })
            }
            return units
        }
    }

    /// `sql`, a SELECT from `unit`, with a WHERE clause for `filter` and its binds; more
    /// conditions may follow with AND.
    static func selecting(_ filter: TranslationMemory.UnitFilter, _ sql: String) -> (sql: String, binds: PostgresBindings) {
        var conditions = ["true"]
        var binds = PostgresBindings()
        if let since = filter.since {
            binds.append(Timestamp.format(since))
            conditions.append("greatest(coalesce(created_at, ''), coalesce(changed_at, '')) >= $\(binds.count)")
        }
        if let origin = filter.origin {
            binds.append(origin)
            conditions.append("origin = $\(binds.count)")
        }
        if let unit = filter.unit {
            binds.append(unit)
            conditions.append("id = $\(binds.count)")
        }
        return (sql + " WHERE " + conditions.joined(separator: " AND "), binds)
    }

    /// The source languages recorded on the units matching `filter`, nil for units that record
    /// none, up to two of them: what an export's header can say.
    public func sourceLanguages(_ filter: TranslationMemory.UnitFilter = TranslationMemory.UnitFilter()) throws -> [LanguageTag?] {
        let selection = Self.selecting(filter, "SELECT DISTINCT source_lang FROM unit")
        let query = PostgresQuery(unsafeSQL: selection.sql + " LIMIT 2", binds: selection.binds)
        return try session.run { connection, logger in
            var languages: [LanguageTag?] = []
            for try await (language,) in try await connection.query(query, logger: logger).decode((String?,).self) {
                languages.append(try language.map { try LanguageTag($0) })
            }
            return languages
        }
    }

    /// Counts units and variants per language, as `TranslationMemory.statistics()` does; the
    /// size is the database's.
    public func statistics() throws -> TranslationMemory.Statistics {
        try session.run { connection, logger in
            var statistics = TranslationMemory.Statistics(units: 0, languages: [:], alternatives: [:],
                                                          schemaVersion: PostgresSchema.currentVersion, bytes: 0)
            let totals = try await connection.query("SELECT (SELECT count(*) FROM unit), pg_database_size(current_database())", logger: logger)
            for try await (units, bytes) in totals.decode((Int, Int).self) { (statistics.units, statistics.bytes) = (units, bytes) }
            let languages = try await connection.query(
                "SELECT lang, count(*), count(*) - count(DISTINCT unit_id) FROM variant GROUP BY lang ORDER BY lang", logger: logger)
            for try await (language, count, alternatives) in languages.decode((String, Int, Int).self) {
                statistics.languages[language] = count
                if alternatives > 0 { statistics.alternatives[language] = alternatives }
            }
            return statistics
        }
    }

    /// Whether the TM holds text in `language`, or, when it is a bare language ("en"), in a
    /// regional form of it.
    public func holdsText(in language: LanguageTag) throws -> Bool {
        let tag = language.canonical, bare = language.language == language.canonical
        return try session.value("""
            SELECT EXISTS (SELECT 1 FROM variant WHERE lang = \(tag) OR (\(bare) AND lang LIKE \(tag) || '-%'))
            """, as: Bool.self) ?? false
    }

    /// A stamp from its stored date and author; nil without a date.
    private static func stamp(_ date: String?, _ author: String?) -> Stamp? {
        date.flatMap(Timestamp.parse).map { Stamp(date: $0, author: author) }
    }
}
