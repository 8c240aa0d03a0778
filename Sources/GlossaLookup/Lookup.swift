import GlossaCore
import GlossaMemory
import GlossaText

/// A stretch of text, as offsets in Unicode scalars (code points) from its start, with the
/// text it covers: what JSON consumers need to mark a word without re-cutting the text.
public struct TextSpan: Sendable, Equatable, Encodable {
    public let start: Int
    public let end: Int
    public let text: String

    /// The spans of `text` at UTF-8 `ranges`.
    static func spans(in text: String, utf8 ranges: [Range<Int>]) -> [TextSpan] {
        let utf8 = text.utf8
        return ranges.map { range in
            let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            let upper = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
            let start = text.unicodeScalars.distance(from: text.startIndex, to: lower)
            let length = text.unicodeScalars.distance(from: lower, to: upper)
            return TextSpan(start: start, end: start + length, text: String(text[lower..<upper]))
        }
    }
}

/// A TM unit found for a query: its score, the matched source with what differs from the
/// query, the translation, and where and when the unit was made.
public struct LookupMatch: Sendable, Equatable, Encodable {
    /// 0…100; see `MatchScore`.
    public let score: Int
    /// The word score before penalties.
    public let base: Int
    /// What the penalties were for.
    public let penalties: [MatchScore.Penalty]
    /// The unit's id in the TM.
    public let unit: Int64
    /// The unit's tuid or id in the format it came from.
    @NullWhenAbsent public var externalID: String?
    /// The matched segment (NFC), in `sourceLanguage`.
    public let source: String
    public let sourceLanguage: String
    /// Its translation, in `targetLanguage`: plain text, its inline codes as placeholders.
    public let target: String
    public let targetLanguage: String
    /// The translation's inline codes as TMX level-2 markup, when it has any: what a writer
    /// needs to keep or drop them (not in JSON, where `target` shows them as placeholders).
    public let targetMarkup: String?
    /// The words of `source` that differ from the query.
    public let diff: [TextSpan]
    /// Whether `target` is an alternative translation: the unit's second or later variant in
    /// the target language (TMX allows several), listed after its first.
    public let alternative: Bool
    @NullWhenAbsent public var origin: String?
    @NullWhenAbsent public var created: String?
    @NullWhenAbsent public var createdBy: String?
    @NullWhenAbsent public var changed: String?
    @NullWhenAbsent public var changedBy: String?

    enum CodingKeys: String, CodingKey {
        case score, base, penalties, unit, externalID = "id", source, sourceLanguage = "source_lang", target
        case targetLanguage = "target_lang", diff, alternative, origin, created, createdBy = "created_by", changed, changedBy = "changed_by"
    }
}

/// Looks segments up in a TM from one language to another: exact matches through the hash
/// index, fuzzy matches through the search index (see `FuzzyCandidates` for why none is
/// missed), each rescored exactly with `MatchScorer`. Not thread safe: one per task.
public final class TMLookup {
    /// The language looked up in, and the language of the translations shown.
    public let from: LanguageTag, to: LanguageTag
    private let reader: any SearchIndexReader
    private let scorer: MatchScorer
    /// How much one fuzzy search may do.
    public var budget = FuzzyBudget.standard
    /// Whether the last search found every match it was asked for: false when a budget cut
    /// it short (a long query of common words at a low threshold).
    public private(set) var lastSearchWasComplete = true

    /// A lookup in `memory` from `from` to `to`. A language without a region ("en") also
    /// finds its regional forms ("en-GB").
    public init(memory: any UnitStore, from: LanguageTag, to: LanguageTag) throws {
        self.from = from
        self.to = to
        reader = try memory.searchReader()
        scorer = try MatchScorer(language: from)
    }

    /// Matches for `text` scoring at least `minimum`, best first (equal scores: most recently
    /// created or changed first), at most `maximum`, only from units with a translation; a unit
    /// with alternative translations gives a match for each, its first translation first. A
    /// blank query has none (a TM may hold blank segments: a TMX keeps its empty `seg`s).
    ///
    /// `interrupted` is asked between candidates: when it says so (a deadline passed, the
    /// asker has gone), the search stops with `LookupInterrupted`.
    public func matches(for text: String, minimum: Int = 75, maximum: Int = 5,
                        interrupted: () -> Bool = { false }) throws -> [LookupMatch] {
        try reader.reading { try rankedMatches(for: text, minimum: minimum, maximum: maximum, interrupted: interrupted) }
    }

    /// `matches(for:minimum:maximum:interrupted:)`, inside its read transaction.
    private func rankedMatches(for text: String, minimum: Int, maximum: Int, interrupted: () -> Bool) throws -> [LookupMatch] {
        lastSearchWasComplete = true
        guard maximum > 0, !text.normalizedForLookup().isEmpty else { return [] }
        let scored = try scoredVariants(for: text, minimum: max(1, min(100, minimum)), interrupted: interrupted)
        let units = try reader.units(Set(scored.map(\.unitID)))
        var ranked: [(scored: ScoredVariant, unit: UnitRecord)] = scored.compactMap { scored in units[scored.unitID].map { (scored, $0) } }
        ranked.sort { left, right in
            (left.scored.score.score, left.unit.lastTouched, left.unit.id) > (right.scored.score.score, right.unit.lastTouched, right.unit.id)
        }
        var matches: [LookupMatch] = []
        var seenUnits = Set<Int64>()
        for (scored, unit) in ranked where seenUnits.insert(unit.id).inserted {
            for (index, target) in translations(in: unit).enumerated() {
                matches.append(LookupMatch(
                    score: scored.score.score, base: scored.score.base, penalties: scored.score.penalties, unit: unit.id,
                    externalID: unit.externalID, source: scored.text, sourceLanguage: scored.language, target: target.text,
                    targetLanguage: target.language, targetMarkup: target.markup,
                    diff: TextSpan.spans(in: scored.text, utf8: scored.score.differences), alternative: index > 0,
                    origin: unit.origin, created: unit.created, createdBy: unit.createdBy, changed: unit.changed, changedBy: unit.changedBy))
                if matches.count == maximum { return matches }
            }
        }
        return matches
    }

    /// The best score any unit with a translation reaches for `text` (at least `minimum`), or
    /// nil: what analysis counts.
    public func bestScore(for text: String, minimum: Int) throws -> Int? {
        try matches(for: text, minimum: minimum, maximum: 1).first?.score
    }

    /// The unit's variants in `to` that are not in `from`: its translation and alternatives.
    private func translations(in unit: UnitRecord) -> [UnitRecord.Variant] {
        unit.translations(into: to) { !from.covers($0.language) }
    }

    /// Candidate variants read at once: few enough that `interrupted` is asked every
    /// millisecond or so, enough that a database is asked a few times per lookup.
    static let variantBatch = 256

    /// A variant that reached the threshold, before its unit is read.
    struct ScoredVariant {
        let unitID: Int64
        let language: String
        /// The variant's text in NFC, the form `score.differences` point into.
        let text: String
        let score: MatchScore
    }

    /// Every variant in `from` scoring at least `minimum` against `text`.
    func scoredVariants(for text: String, minimum: Int, interrupted: () -> Bool = { false }) throws -> [ScoredVariant] {
        let lookupForm = text.normalizedForLookup()
        let query = scorer.tokens(of: text)
        var found: [ScoredVariant] = []
        var seen = Set<Int64>()
        // Exact first: one index probe, and the only way to find a segment without words.
        for variant in try reader.variants(reader.exactVariants(lookupForm: lookupForm, language: from)) {
            seen.insert(variant.id)
            found.append(ScoredVariant(
                unitID: variant.unitID, language: variant.language, text: variant.text.normalized(.nfc),
                score: MatchScore(score: 100, base: 100, penalties: [], differences: [])))
        }
        let candidates = try FuzzyCandidates(query: query.words, language: from, minimum: minimum, reader: reader, budget: budget)
        let (ids, isComplete) = try candidates.variantIDs()
        lastSearchWasComplete = isComplete
        // Read a batch at a time: one round trip each where the store is a server.
        let unseen = ids.filter { !seen.contains($0) }
        for start in stride(from: 0, to: unseen.count, by: Self.variantBatch) {
            if interrupted() { throw LookupInterrupted() }
            for variant in try reader.variants(Array(unseen[start..<min(start + Self.variantBatch, unseen.count)]))
            where from.covers(variant.language) && candidates.mayReach(variant.tokens) {
                // One NFC form serves the tokens, the identity check and the spans shown.
                let text = variant.text.normalized(.nfc)
                let score = scorer.score(query: query, candidate: scorer.tokens(of: text), identical: text.normalizedForLookup() == lookupForm)
                guard score.score >= minimum else { continue }
                found.append(ScoredVariant(unitID: variant.unitID, language: variant.language, text: text, score: score))
            }
        }
        return found
    }
}

/// A search stopped because its caller asked it to (a deadline passed, the asker has gone).
public struct LookupInterrupted: Error, Sendable {
    public init() {}
}

extension UnitRecord {
    /// The unit's translation into `language`: its variant with that exact tag, else one in a
    /// regional form of it, among those `allowed`. A blank variant is no translation (an
    /// untranslated TMX `seg` is empty).
    func translation(into language: LanguageTag, where allowed: (Variant) -> Bool) -> Variant? {
        translations(into: language, where: allowed).first
    }

    /// The unit's translation into `language` followed by its alternatives: its variants in
    /// the tag `translation(into:where:)` picks, in the order stored.
    func translations(into language: LanguageTag, where allowed: (Variant) -> Bool) -> [Variant] {
        let candidates = variants.filter { !$0.text.allSatisfy(\.isWhitespace) && allowed($0) }
        guard let best = language.bestCovered(in: candidates, tag: { $0.language }) else { return [] }
        return candidates.filter { $0.language == candidates[best].language }
    }
}
