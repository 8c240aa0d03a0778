import Foundation
import GlossaCore
import GlossaText

/// What makes a unit the same as a stored one, so that it is skipped as a duplicate: its texts
/// in lookup form with their inline codes' native data (the markup), language by language in any
/// order, and its id, context and properties, bookkeeping aside (`Property.isBookkeeping`).
///
/// Stored as the text hash's 16 bytes, followed by the other fields' 16 when the unit has any:
/// the units sharing a text are one range of the unique index (`sameTextRange`), which is how
/// an import counts those it keeps apart by their id or properties.
package struct ContentKey: Sendable {
    /// The texts and codes.
    package let text: StableHash
    /// The id, context and properties; nil when the unit has none of them.
    let metadata: StableHash?

    /// One hash of the whole key, for the key set a bulk write keeps in memory.
    package var combined: StableHash {
        guard let metadata else { return text }
        return StableHash(bytes, seed: 2)
    }

    /// The key stored in `unit.content_key`.
    package var bytes: [UInt8] {
        var bytes = text.bytes
        metadata?.append(to: &bytes)
        return bytes
    }

    /// The smallest and largest keys a unit of the same text can have.
    var sameTextRange: (lower: [UInt8], upper: [UInt8]) {
        (text.bytes, text.bytes + [UInt8](repeating: 0xFF, count: 16))
    }

    /// A variant's part of the text hash: its exact-match hash, with its markup when it has codes.
    static func identity(of hash: StableHash, markup: String?, scratch: inout [UInt8]) -> StableHash {
        guard var markup else { return hash }
        scratch.removeAll(keepingCapacity: true)
        hash.append(to: &scratch)
        markup.withUTF8 { scratch.append(contentsOf: $0) }
        return StableHash(scratch, seed: 1)
    }

    /// The key of `unit`, whose variants' `identity` hashes are `variants` (sorted in place).
    init(variants: inout [StableHash], unit: TranslationUnit, scratch: inout [UInt8]) {
        // Sorted, so that the same variants in another order are the same unit; most units
        // have two, in order already or not.
        variants.sort { ($0.high, $0.low) < ($1.high, $1.low) }
        scratch.removeAll(keepingCapacity: true)
        for variant in variants { variant.append(to: &scratch) }
        text = StableHash(scratch)
        metadata = Self.metadata(of: unit)
    }

    /// The key `prepare` gives `unit`, computed on its own (a migration re-keying stored units).
    package init(of unit: TranslationUnit) {
        var scratch: [UInt8] = []
        var identities = unit.variants.map { variant in
            let lookup = variant.text.lookupFormIfDifferent() ?? variant.text
            return Self.identity(of: ExactKey.hash(lookup, language: variant.language.canonical), markup: variant.markup, scratch: &scratch)
        }
        self.init(variants: &identities, unit: unit, scratch: &scratch)
    }

    private static func metadata(of unit: TranslationUnit) -> StableHash? {
        var fields: [String] = []
        if let id = unit.externalID { fields.append("id\u{0}\(id)") }
        if let context = unit.context { fields.append("context\u{0}\(context)") }
        func add(_ properties: [Property], of language: String) {
            for property in properties where !property.isBookkeeping {
                fields.append("\(language)\u{0}\(property.name)\u{0}\(property.value)\u{0}\(property.language ?? "")")
            }
        }
        add(unit.properties, of: "")
        for variant in unit.variants where !variant.properties.isEmpty { add(variant.properties, of: variant.language.canonical) }
        guard !fields.isEmpty else { return nil }
        // Sorted: a variant's properties must not depend on where an export put the variant.
        return StableHash(fields.sorted().joined(separator: "\u{1}"))
    }
}

extension TranslationMemory {
    /// Gives every stored unit the key this schema defines (a migration from before schema 8,
    /// whose keys held the texts only): computed from the stored units into a temporary table,
    /// then written over the old keys, with the unique index built again once.
    func rekeyUnits() throws {
        try connection.execute("""
            DROP INDEX IF EXISTS \(Schema.contentIndex);
            CREATE TEMP TABLE rekeyed (id INTEGER PRIMARY KEY, content_key BLOB NOT NULL)
            """)
        let insert = try connection.prepare("INSERT INTO temp.rekeyed (id, content_key) VALUES (?1, ?2)")
        try forEachUnit { id, unit in
            insert.rewind()
            insert.bind(1, id)
            insert.bind(2, ContentKey(of: unit).bytes)
            try insert.step()
        }
        try connection.execute("""
            UPDATE unit SET content_key = rekeyed.content_key FROM temp.rekeyed WHERE rekeyed.id = unit.id;
            DROP TABLE temp.rekeyed;
            CREATE UNIQUE INDEX \(Schema.contentIndex) ON unit(content_key)
            """)
    }
}
