import GlossaText

extension TranslationMemory {
    /// Checks the TM file: SQLite's own page-level check and foreign keys, then Glossa's
    /// invariants (every unit has a variant and at most one per language, every lookup key and hash matches its text,
    /// every language tag is canonical). Returns one line per problem; empty means sound.
    public func checkIntegrity() throws -> [String] {
        var problems: [String] = []
        let integrity = try connection.prepare("PRAGMA integrity_check")
        while try integrity.step() {
            if let line = integrity.string(0), line != "ok" { problems.append("sqlite: \(line)") }
        }
        let foreignKeys = try connection.prepare("PRAGMA foreign_key_check")
        while try foreignKeys.step() {
            problems.append("row \(foreignKeys.int64(1)) of table \(foreignKeys.string(0) ?? "?") refers to a missing \(foreignKeys.string(2) ?? "?")")
        }
        let empty = try connection.prepare("SELECT id FROM unit WHERE NOT EXISTS (SELECT 1 FROM variant WHERE unit_id = unit.id)")
        while try empty.step() { problems.append("unit \(empty.int64(0)) has no variant") }

        let doubled = try connection.prepare("SELECT unit_id, lang FROM variant GROUP BY unit_id, lang HAVING count(*) > 1")
        while try doubled.step() { problems.append("unit \(doubled.int64(0)) has two variants in \(doubled.string(1) ?? "?")") }

        var tagChecked: [String: Bool] = [:]
        let variants = try connection.prepare("SELECT unit_id, lang, text, normalized, hash FROM variant")
        while try variants.step() {
            let unit = variants.int64(0)
            let language = variants.string(1) ?? ""
            let text = variants.string(2) ?? ""
            let lookup = text.normalizedForLookup()
            let stored = variants.isNull(3) ? text : (variants.string(3) ?? "")
            if !stored.utf8.elementsEqual(lookup.utf8) {
                problems.append("unit \(unit) [\(language)]: stored lookup form differs from its text")
            } else if variants.int64(4) != ExactKey.hash(lookup, language: language).int64 {
                problems.append("unit \(unit) [\(language)]: exact-match hash does not match its language and text")
            }
            if tagChecked[language] == nil {
                tagChecked[language] = (try? LanguageTag(language))?.canonical == language
            }
            if tagChecked[language] == false {
                problems.append("unit \(unit): language tag '\(language)' is not canonical BCP-47")
                tagChecked[language] = true  // report each bad tag once
            }
        }
        return problems
    }
}
