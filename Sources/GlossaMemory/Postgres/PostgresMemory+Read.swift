import Foundation
import GlossaCore
import GlossaText
import PostgresNIO

extension PostgresMemory {
    /// Up to `readBatch` units with ids above `after`, with their variants, notes and
    /// properties: four queries, each a range scan of an index.
    func unitBatch(after: Int64) throws -> [(Int64, TranslationUnit)] {
        let limit = Self.readBatch
        return try session.run { connection, logger in
            var units: [(Int64, TranslationUnit)] = []
            var positions: [Int64: Int] = [:]
            let unitRows = try await connection.query("""
                SELECT id, external_id, origin, context, created_at, created_by, changed_at, changed_by, source_lang
                FROM unit WHERE id > \(after) ORDER BY id LIMIT \(limit)
                """, logger: logger)
            for try await (id, externalID, origin, context, createdAt, createdBy, changedAt, changedBy, source)
                in unitRows.decode((Int64, String?, String?, String?, String?, String?, String?, String?, String?).self) {
                positions[id] = units.count
                units.append((id, TranslationUnit(
                    externalID: externalID, variants: [], sourceLanguage: try source.map { try LanguageTag($0) }, origin: origin,
                    context: context, created: Self.stamp(createdAt, createdBy), changed: Self.stamp(changedAt, changedBy))))
            }
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
            let noteRows = try await connection.query("""
                SELECT unit_id, variant_id, lang, text, xml_lang, o_encoding
                FROM note WHERE unit_id BETWEEN \(first) AND \(last) ORDER BY unit_id, id
                """, logger: logger)
            for try await (unitID, variantID, _, text, language, encoding)
                in noteRows.decode((Int64, Int64?, String?, String, String?, String?).self) {
                guard let position = positions[unitID] else { continue }
                let note = Note(text, language: language, encoding: encoding)
                if let place = variantID.flatMap({ variantPlaces[$0] }) {
                    units[position].1.variants[place].notes.append(note)
                } else {
                    units[position].1.notes.append(note)
                }
            }
            let propertyRows = try await connection.query("""
                SELECT unit_id, variant_id, lang, name, value, xml_lang, o_encoding
                FROM prop WHERE unit_id BETWEEN \(first) AND \(last) ORDER BY unit_id, id
                """, logger: logger)
            for try await (unitID, variantID, _, name, value, language, encoding)
                in propertyRows.decode((Int64, Int64?, String?, String, String, String?, String?).self) {
                guard let position = positions[unitID] else { continue }
                let property = Property(name, value, language: language, encoding: encoding)
                if let place = variantID.flatMap({ variantPlaces[$0] }) {
                    units[position].1.variants[place].properties.append(property)
                } else {
                    units[position].1.properties.append(property)
                }
            }
            return units
        }
    }

    /// A stamp from its stored date and author; nil without a date.
    private static func stamp(_ date: String?, _ author: String?) -> Stamp? {
        date.flatMap(Timestamp.parse).map { Stamp(date: $0, author: author) }
    }
}
