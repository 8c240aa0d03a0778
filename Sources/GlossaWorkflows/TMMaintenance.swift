import Foundation
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaText

/// Which units a maintenance command works on: every condition on their metadata holds
/// (`UnitCondition`), and, when given, their ids are among `ids` and a text of theirs (in
/// `language`, or any) matches `text`.
public struct UnitSelection {
    public var conditions: [UnitCondition] = []
    public var ids: Set<Int64> = []
    /// An ICU regular expression, case-insensitive, searched in the units' texts.
    public var text: ICURegex?
    public var language: LanguageTag?

    public init(conditions: [UnitCondition] = [], ids: Set<Int64> = [], text: ICURegex? = nil, language: LanguageTag? = nil) {
        self.conditions = conditions
        self.ids = ids
        self.text = text
        self.language = language
    }

    /// A selection of the units whose text holds `pattern`: literal text, or an ICU regular
    /// expression when `isRegex`; case is ignored.
    public static func pattern(_ pattern: String, isRegex: Bool) throws -> ICURegex {
        do {
            return try ICURegex(isRegex ? pattern : ICURegex.literal(pattern), caseInsensitive: true)
        } catch {
            throw InputError("--text is no regular expression: \(error)")
        }
    }

    /// Whether the unit `id` is selected.
    func selects(_ id: Int64, _ unit: TranslationUnit) -> Bool {
        guard ids.isEmpty || ids.contains(id), conditions.allSatisfy({ $0.holds(for: unit) }) else { return false }
        guard let text else { return true }
        return unit.variants.contains { variant in
            guard language.map({ $0.covers(variant.language) }) ?? true else { return false }
            var utf8 = variant.text
            return utf8.withUTF8 { buffer in
                text.setSubject(buffer)
                return !text.matchRanges().isEmpty
            }
        }
    }
}

/// The TM maintenance of `glossa tm list`, `tm delete` and `tm replace`: each reads the TM
/// once, in id order, then (unless a dry run) writes all its changes in one transaction, so a
/// failure leaves the TM as it was.
public enum TMMaintenance {
    /// Calls `body` with each selected unit and its id, in id order.
    public static func list(_ store: any UnitStore, _ selection: UnitSelection, _ body: (Int64, TranslationUnit) throws -> Void) throws {
        try store.forEachUnit(filter(for: selection)) { id, unit in
            if selection.selects(id, unit) { try body(id, unit) }
        }
    }

    /// The deletion of the selected units: their ids, and (unless `dryRun`) what deleting them
    /// in one transaction did.
    /// `each` hears every unit selected, before anything is deleted.
    public static func delete(_ store: any UnitStore, _ selection: UnitSelection, dryRun: Bool,
                              each: (Int64, TranslationUnit) throws -> Void = { _, _ in }) throws -> (ids: [Int64], summary: ChangeSummary) {
        var changes = UnitChanges()
        try list(store, selection) { id, unit in
            changes.deletions.append(id)
            try each(id, unit)
        }
        return (changes.deletions, dryRun ? ChangeSummary() : try store.apply(changes))
    }

    /// A variant `replace` changed: its unit, language, and text before and after.
    public struct ReplacedText: Sendable, Encodable {
        public let unit: Int64
        public let lang: String
        public let before: String
        public let after: String
    }

    /// Find and replace in the variants in `language` of the selected units: what changed,
    /// and (unless `dryRun`) what writing it in one transaction did. A unit the replacement
    /// would make a duplicate of another stays as it was (`ChangeSummary.unchangedAsDuplicates`).
    /// A unit changed records the change: now, by `author`.
    public static func replace(_ store: any UnitStore, _ selection: UnitSelection, _ replacement: SegmentReplacement,
                               language: LanguageTag, author: String? = nil, dryRun: Bool) throws -> (texts: [ReplacedText], summary: ChangeSummary) {
        var changes = UnitChanges()
        var texts: [ReplacedText] = []
        let stamp = Stamp(date: Date(), author: author)
        try list(store, selection) { id, unit in
            var changed = unit
            changed.changed = stamp
            for (index, variant) in unit.variants.enumerated() where language.covers(variant.language) {
                guard let replaced = replacement.apply(to: variant) else { continue }
                changed.variants[index] = replaced
                texts.append(ReplacedText(unit: id, lang: variant.language.canonical, before: variant.text, after: replaced.text))
            }
            if changed.variants != unit.variants { changes.replacements.append(UnitChanges.Replacement(id: id, original: unit, unit: changed)) }
        }
        return (texts, dryRun ? ChangeSummary() : try store.apply(changes))
    }

    /// Which unit of a source's several a dedupe keeps.
    public enum Keep: String, Sendable, CaseIterable {
        /// The most recently changed (or created).
        case newest
        /// The first created.
        case oldest
        /// The one CAT tools used most (TMX `usagecount`), the newest of those.
        case mostUsed = "most-used"
    }

    /// One source's units after a dedupe: the unit kept, those merged into it (the same
    /// texts: their properties and notes added to it), and those deleted (other translations).
    public struct DedupedSource: Sendable, Encodable {
        public let source: String
        public let kept: Int64
        public let merged: [Int64]
        public let deleted: [Int64]
    }

    /// Dedupes the selected units by their text in `language`: of units with the same source
    /// (in lookup form), `keep` chooses one; those with the same texts in every language
    /// (duplicates kept apart by their metadata) are merged into it, their properties and
    /// notes added to its own; those with other translations are deleted. All in one
    /// transaction unless `dryRun`.
    public static func dedupe(_ store: any UnitStore, _ selection: UnitSelection, language: LanguageTag, keep: Keep,
                              dryRun: Bool) throws -> (sources: [DedupedSource], summary: ChangeSummary) {
        // Pass one: which sources have several units (a hash of each source, to stay small).
        var count: [StableHash: Int] = [:]
        try list(store, selection) { _, unit in
            if let source = unit.variant(covering: language) { count[StableHash(source.text.normalizedForLookup()), default: 0] += 1 }
        }
        // Pass two: those units, grouped by source.
        var groups: [String: [(id: Int64, unit: TranslationUnit)]] = [:]
        try list(store, selection) { id, unit in
            guard let source = unit.variant(covering: language)?.text.normalizedForLookup(), count[StableHash(source)] ?? 0 > 1 else { return }
            groups[source, default: []].append((id, unit))
        }
        var changes = UnitChanges()
        var sources: [DedupedSource] = []
        for (source, units) in groups.sorted(by: { $0.value[0].id < $1.value[0].id }) where units.count > 1 {
            let winner = units.dropFirst().reduce(units[0]) { best, unit in isPreferred(unit, to: best, keep) ? unit : best }
            let texts = { (unit: TranslationUnit) in unit.variants.map { "\($0.language.canonical)\u{1F}\($0.text.normalizedForLookup())" } }
            var merged = winner.unit
            var mergedIDs: [Int64] = [], deletedIDs: [Int64] = []
            for other in units where other.id != winner.id {
                if texts(other.unit) == texts(winner.unit) {
                    for property in other.unit.properties where !property.isBookkeeping && !merged.properties.contains(property) {
                        merged.properties.append(property)
                    }
                    for note in other.unit.notes where !merged.notes.contains(note) { merged.notes.append(note) }
                    mergedIDs.append(other.id)
                } else {
                    deletedIDs.append(other.id)
                }
                changes.deletions.append(other.id)
            }
            if merged != winner.unit { changes.replacements.append(UnitChanges.Replacement(id: winner.id, original: winner.unit, unit: merged)) }
            sources.append(DedupedSource(source: source, kept: winner.id, merged: mergedIDs, deleted: deletedIDs))
        }
        return (sources, dryRun ? ChangeSummary() : try store.apply(changes))
    }

    /// Whether `keep` prefers `unit` to `other`; equal ones, the later id.
    private static func isPreferred(_ unit: (id: Int64, unit: TranslationUnit), to other: (id: Int64, unit: TranslationUnit), _ keep: Keep) -> Bool {
        func touched(_ unit: TranslationUnit) -> String { max(unit.changedAt ?? "", unit.createdAt ?? "") }
        func uses(_ unit: TranslationUnit) -> Int { Int(unit.propertyValues(named: "tmx:usagecount").first ?? "") ?? 0 }
        switch keep {
        case .newest: return (touched(unit.unit), unit.id) > (touched(other.unit), other.id)
        // A unit without a date is taken for the newest.
        case .oldest: return (unit.unit.createdAt ?? "~", unit.id) < (other.unit.createdAt ?? "~", other.id)
        case .mostUsed: return (uses(unit.unit), touched(unit.unit), unit.id) > (uses(other.unit), touched(other.unit), other.id)
        }
    }

    /// What the stores can narrow before the units are built: one id, one origin.
    private static func filter(for selection: UnitSelection) -> TranslationMemory.UnitFilter {
        let origin = selection.conditions.first { $0.field == .origin && $0.comparison == .equal && !$0.value.contains("*") }?.value
        return TranslationMemory.UnitFilter(origin: origin, unit: selection.ids.count == 1 ? selection.ids.first : nil)
    }
}
