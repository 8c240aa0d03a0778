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
    /// 0…101: the word score (`MatchScore`), 101 for a context match, less the policy's
    /// deductions.
    public let score: Int
    /// The word score before penalties.
    public let base: Int
    /// What the word score's penalties were for (a point each).
    public let penalties: [MatchScore.Penalty]
    /// What the match policy took off, and why (`MatchPolicy`).
    public let deductions: [Deduction]
    /// Whether the unit was stored in the query's context: an exact match that scores 101.
    public let contextMatch: Bool
    /// The unit's id in the TM.
    public let unit: Int64
    /// The unit's tuid or id in the format it came from.
    @NullWhenAbsent public var externalID: String?
    /// The matched segment (NFC), in `sourceLanguage`.
    public let source: String
    public let sourceLanguage: String
    /// Its translation, in `targetLanguage`: plain text, its inline codes as placeholders;
    /// with the query's numbers when `adapted`.
    public let target: String
    /// Whether `target` has the query's numbers in place of the stored ones: numbers were all
    /// that differed (`NumberAdaptation`).
    public let adapted: Bool
    /// The translation as the TM holds it, when `target` was adapted.
    @NullWhenAbsent public var storedTarget: String?
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
        case score, base, penalties, deductions, contextMatch = "context_match", unit, externalID = "id", source
        case sourceLanguage = "source_lang", target, adapted, storedTarget = "stored_target", targetLanguage = "target_lang", diff
        case alternative, origin, created
        case createdBy = "created_by", changed, changedBy = "changed_by"
    }
}

/// The score of an exact match stored in the query's context (memoQ's context match, Trados's
/// in-context exact).
public let contextMatchScore = 101

/// Looks segments up in a TM from one language to another: exact matches through the hash
/// index, fuzzy matches through the search index (see `FuzzyCandidates` for why none is
/// missed), each rescored exactly with `MatchScorer`. Not thread safe: one per task.
public final class TMLookup {
    /// The language looked up in, and the language of the translations shown.
    public let from: LanguageTag, to: LanguageTag
    private let reader: any SearchIndexReader
    private let scorer: MatchScorer
    /// Cuts translations for `NumberAdaptation`; made when first needed.
    private var targetWords: MatchTokenizer?
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
    /// created or changed first), at most `maximum`, only from units with a translation that
    /// `policy` admits; a unit with alternative translations gives a match for each, its first
    /// translation first. An exact match from a unit stored in `context` scores 101. A match
    /// whose only difference is in numbers has the query's numbers in its translation
    /// (`NumberAdaptation`), marked `adapted`, at the score the numbers' penalty gives. A
    /// source the TM holds several different translations of takes the policy's
    /// multiple-translations penalty on each (a context match only when its own unit holds
    /// several), and a unit its metadata penalties; the score after them must still reach
    /// `minimum`. A blank query has none (a TM may hold blank segments:
    /// a TMX keeps its empty `seg`s).
    ///
    /// `interrupted` is asked between candidates: when it says so (a deadline passed, the
    /// asker has gone), the search stops with `LookupInterrupted`.
    public func matches(for text: String, context: SegmentContext = SegmentContext(), policy: MatchPolicy = .standard,
                        minimum: Int = 75, maximum: Int = 5, interrupted: () -> Bool = { false }) throws -> [LookupMatch] {
        try reader.reading {
            try rankedMatches(for: text, context: context, policy: policy, minimum: minimum, maximum: maximum, interrupted: interrupted)
        }
    }

    /// `matches(for:context:policy:minimum:maximum:interrupted:)`, inside its read transaction.
    private func rankedMatches(for text: String, context: SegmentContext, policy: MatchPolicy, minimum: Int, maximum: Int,
                               interrupted: () -> Bool) throws -> [LookupMatch] {
        lastSearchWasComplete = true
        guard maximum > 0, !text.normalizedForLookup().isEmpty else { return [] }
        let scored = try scoredVariants(for: text, minimum: max(1, min(100, minimum)), interrupted: interrupted)
        let units = try reader.units(Set(scored.map(\.unitID)))
        // The best-scoring variant of each unit the policy admits, with the unit's translations.
        var best: [Int64: (scored: ScoredVariant, unit: UnitRecord, translations: [UnitRecord.Variant])] = [:]
        for variant in scored {
            guard let unit = units[variant.unitID], best[unit.id].map({ $0.scored.score.score < variant.score.score }) ?? true,
                  policy.admits(unit) else { continue }
            let translations = translations(in: unit)
            if !translations.isEmpty { best[unit.id] = (variant, unit, translations) }
        }
        // Several different translations of one source: each takes the penalty. Each unit's
        // source and translations in lookup form, made once.
        let forms = best.mapValues { entry in
            (source: entry.scored.text.normalizedForLookup(), targets: Set(entry.translations.map { $0.text.normalizedForLookup() }))
        }
        var translationsOfSource: [String: Set<String>] = [:]
        for form in forms.values { translationsOfSource[form.source, default: []].formUnion(form.targets) }
        var ranked: [(scored: ScoredVariant, unit: UnitRecord, translations: [UnitRecord.Variant], score: Int, deductions: [Deduction], inContext: Bool)] = []
        for (scored, unit, translations) in best.values {
            var deductions = policy.deductions(for: unit)
            // The context tells which translation is meant: a context match takes no
            // multiple-translations penalty (unless the unit itself holds several).
            let inContext = scored.score.score == 100 && context.agrees(with: unit)
            let form = forms[unit.id]!
            let severalTranslations = (inContext ? form.targets : translationsOfSource[form.source]!).count > 1
            if policy.multipleTranslationsPenalty > 0 && severalTranslations {
                deductions.insert(Deduction(reason: Deduction.multipleTranslations, points: policy.multipleTranslationsPenalty), at: 0)
            }
            let score = max(0, (inContext ? contextMatchScore : scored.score.score) - deductions.reduce(0) { $0 + $1.points })
            if score >= minimum { ranked.append((scored, unit, translations, score, deductions, inContext)) }
        }
        ranked.sort { left, right in (left.score, left.unit.lastTouched, left.unit.id) > (right.score, right.unit.lastTouched, right.unit.id) }
        var matches: [LookupMatch] = []
        for entry in ranked {
            let (scored, unit) = (entry.scored, entry.unit)
            // Numbers all that differ: the translation gets the query's (not one with inline
            // codes, whose markup would then disagree with its text).
            let numbersOnly = scored.score.base == 100 && scored.score.penalties == [.numbers]
            let numbers = numbersOnly ? (source: scorer.tokens(of: scored.text), query: scorer.tokens(of: text)) : nil
            for (index, target) in entry.translations.enumerated() {
                let adapted = try numbers.flatMap { numbers in
                    try target.markup == nil ? NumberAdaptation.adapt(target: target.text, tokens: targetTokenizer().tokens(of: target.text),
                                                                      source: numbers.source, query: numbers.query) : nil
                }
                matches.append(LookupMatch(
                    score: entry.score, base: scored.score.base, penalties: scored.score.penalties, deductions: entry.deductions,
                    contextMatch: entry.inContext, unit: unit.id, externalID: unit.externalID, source: scored.text,
                    sourceLanguage: scored.language, target: adapted ?? target.text, adapted: adapted != nil,
                    storedTarget: adapted == nil ? nil : target.text, targetLanguage: target.language, targetMarkup: target.markup,
                    diff: TextSpan.spans(in: scored.text, utf8: scored.score.differences), alternative: index > 0,
                    origin: unit.origin, created: unit.created, createdBy: unit.createdBy, changed: unit.changed, changedBy: unit.changedBy))
                if matches.count == maximum { return matches }
            }
        }
        return matches
    }

    /// The phrases of three words or more `text` shares with TM segments (`Fragments`), for
    /// a segment no whole match covers; `glossary` tells how their terms were translated.
    public func fragments(for text: String, glossary: (any TermFinder)? = nil) throws -> [Fragment] {
        try reader.reading {
            try Fragments(reader: reader, scorer: scorer, from: from, to: to, targetTokenizer: targetTokenizer, glossary: glossary).find(in: text)
        }
    }

    /// The tokenizer of the target language.
    private func targetTokenizer() throws -> MatchTokenizer {
        if let targetWords { return targetWords }
        let tokenizer = try MatchTokenizer(language: to)
        targetWords = tokenizer
        return tokenizer
    }

    /// The best score any unit with a translation reaches for `text` in `context` (at least
    /// `minimum`), or nil: what analysis counts.
    public func bestScore(for text: String, context: SegmentContext = SegmentContext(), policy: MatchPolicy = .standard,
                          minimum: Int) throws -> Int? {
        try matches(for: text, context: context, policy: policy, minimum: minimum, maximum: 1).first?.score
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
