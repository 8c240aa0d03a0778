import GlossaCore
import GlossaMemory
import GlossaText

/// A phrase of the query (three words or more) that TM segments hold word for word, for a
/// segment no whole match covers: memoQ's longest-substring concordance.
public struct Fragment: Sendable, Equatable, Encodable {
    /// The phrase as the query writes it, and where (code points of the query).
    public let text: String
    public let start: Int
    public let end: Int
    /// Its words.
    public let words: Int
    /// Units that hold it, most recent first, at most `Fragments.unitsPerFragment`.
    public let units: [Holder]
    /// What the phrase is in the target language where the TM or the glossary tells: the
    /// longest stretch of words every holder's translation shares (`PhraseTranslation`), else
    /// the glossary's term for the phrase as the first holder's translation has it.
    @NullWhenAbsent public var translation: String?

    /// A unit holding a fragment.
    public struct Holder: Sendable, Equatable, Encodable {
        public let unit: Int64
        /// The segment holding the phrase, and the phrase in it.
        public let source: String
        public let highlight: TextSpan
        /// Its translation, in the lookup's target language.
        @NullWhenAbsent public var target: String?
        /// Where in `target` the phrase went: the stretch the holders' translations share, and
        /// the glossary's terms for the phrase's concepts.
        public var targetHighlights: [TextSpan] = []

        enum CodingKeys: String, CodingKey { case unit, source, highlight, target, targetHighlights = "target_highlights" }
    }
}

/// Finds a query's fragments in a TM (`Fragment`): the query's words as the search index
/// numbers them, the variants holding its rarer words read from their posting lists, their
/// stored word sequences compared with the query's, and the longest common runs of three
/// words or more kept, longest first, each part of the query in the longest run that covers it.
///
/// Work is bounded: a word held by more than `commonWord` variants is not looked up (a run of
/// such words alone, "of the file", tells a translator nothing), and only the
/// `maximumCandidates` variants holding the most of the query's rarer words are compared.
struct Fragments {
    static let minimumWords = 3
    static let commonWord = 10_000
    static let maximumCandidates = 500
    static let unitsPerFragment = 5

    let reader: any SearchIndexReader
    let scorer: MatchScorer
    let from: LanguageTag
    let to: LanguageTag
    let targetTokenizer: () throws -> MatchTokenizer
    /// The glossary, when there is one.
    let glossary: (any TermFinder)?

    /// The fragments of `text`, in the order of the query.
    func find(in text: String) throws -> [Fragment] {
        let query = scorer.tokens(of: text.normalized(.nfc))
        guard query.words.count >= Self.minimumWords else { return [] }
        let known = try reader.indexedTokens(Set(query.words), language: from)
        let ids = query.words.enumerated().map { position, word in known[word]?.id ?? UInt32.max - UInt32(position) }
        // Variants holding the rarer words, credited per word: the postings sorted, runs counted.
        var postings: [Int64] = []
        let rare = Set(known.values.filter { $0.frequency <= Self.commonWord }.map(\.id))
        for list in try reader.variants(holding: Array(rare), lengths: 1...1_000_000) { postings += Set(list) }
        postings.sort()
        var credited: [(variant: Int64, credit: Int)] = []
        for variant in postings {
            if credited.last?.variant == variant { credited[credited.count - 1].credit += 1 } else { credited.append((variant, 1)) }
        }
        if credited.count > Self.maximumCandidates {
            credited.sort { ($0.credit, $0.variant) > ($1.credit, $1.variant) }
            credited.removeLast(credited.count - Self.maximumCandidates)
        }
        let candidates = credited.map(\.variant)
        // The longest common runs, per query range, with the variants and where they hold them.
        var runs: [Range<Int>: [(variant: StoredVariant, at: Range<Int>)]] = [:]
        for start in stride(from: 0, to: candidates.count, by: TMLookup.variantBatch) {
            for variant in try reader.variants(Array(candidates[start..<min(start + TMLookup.variantBatch, candidates.count)]))
            where from.covers(variant.language) {
                for (queryRange, variantRange) in Self.commonRuns(ids, variant.tokens, minimum: Self.minimumWords) {
                    runs[queryRange, default: []].append((variant, variantRange))
                }
            }
        }
        // A run's stop words at either end are trimmed while three words are left ("took part
        // in the" is "took part in"); then longest first, a run inside one kept adds nothing.
        let stopWords = ConcordanceRanking.stopWords[from.language] ?? []
        var trimmed: [Range<Int>: [(variant: StoredVariant, at: Range<Int>)]] = [:]
        for (range, holders) in runs {
            var (head, tail) = (0, 0)
            while range.count - head - tail > Self.minimumWords && stopWords.contains(query.words[range.lowerBound + head]) { head += 1 }
            while range.count - head - tail > Self.minimumWords && stopWords.contains(query.words[range.upperBound - 1 - tail]) { tail += 1 }
            let cut = (range.lowerBound + head)..<(range.upperBound - tail)
            trimmed[cut, default: []] += holders.map { ($0.variant, ($0.at.lowerBound + head)..<($0.at.upperBound - tail)) }
        }
        runs = trimmed
        var kept: [Range<Int>] = []
        for range in runs.keys.sorted(by: { ($0.count, -$0.lowerBound) > ($1.count, -$1.lowerBound) })
        where !kept.contains(where: { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }) {
            kept.append(range)
        }
        let textSpans = TextSpan.spans(in: text.normalized(.nfc), utf8: query.ranges)
        var fragments: [Fragment] = []
        for range in kept.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let holders = runs[range]!
            let units = try reader.units(Set(holders.map(\.variant.unitID)))
            var seen = Set<Int64>()
            let chosen = holders.compactMap { holder in units[holder.variant.unitID].map { (holder, $0) } }
                .sorted { ($0.1.lastTouched, $0.1.id) > ($1.1.lastTouched, $1.1.id) }
                .filter { seen.insert($0.1.id).inserted }.prefix(Self.unitsPerFragment)
            var listed = chosen.compactMap { holder, unit -> Fragment.Holder? in
                let source = holder.variant.text.normalized(.nfc)
                let words = scorer.tokens(of: source).ranges
                guard holder.at.upperBound <= words.count else { return nil }
                let span = TextSpan.spans(in: source, utf8: [words[holder.at.lowerBound].lowerBound..<words[holder.at.upperBound - 1].upperBound])[0]
                let target = unit.translation(into: to) { !from.covers($0.language) }?.text
                return Fragment.Holder(unit: unit.id, source: source, highlight: span, target: target)
            }
            let first = textSpans[range.lowerBound], last = textSpans[range.upperBound - 1]
            let phrase = String(text.normalized(.nfc).unicodeScalars.dropFirst(first.start).prefix(last.end - first.start))
            // What the phrase became, where the holders' translations tell.
            let tokenizer = try targetTokenizer()
            let targets = listed.compactMap(\.target).map { tokenizer.tokens(of: $0.normalized(.nfc)) }
            let shared = targets.count == listed.count
                ? PhraseTranslation(phraseWords: range.count, sources: listed.map { scorer.tokens(of: $0.source).words }, translations: targets)
                : nil
            var translation: String?
            if let shared {
                for index in listed.indices {
                    guard let target = listed[index].target?.normalized(.nfc), let found = shared.range(in: targets[index]) else { continue }
                    listed[index].target = target
                    listed[index].targetHighlights = TextSpan.spans(in: target, utf8: [found])
                    if translation == nil { translation = listed[index].targetHighlights[0].text }
                }
            }
            // The glossary's terms for the phrase's concepts, as each translation writes them.
            if let glossary, case let concepts = Set(try glossary.concepts(in: phrase, language: from).map(\.concept)), !concepts.isEmpty {
                for index in listed.indices {
                    guard let target = listed[index].target?.normalized(.nfc) else { continue }
                    let found = try glossary.concepts(in: target, language: to).filter { concepts.contains($0.concept) }.map(\.range)
                    guard !found.isEmpty else { continue }
                    listed[index].target = target
                    let marked = listed[index].targetHighlights
                    let added = TextSpan.spans(in: target, utf8: found).filter { span in
                        !marked.contains { $0.start < span.end && span.start < $0.end }
                    }
                    listed[index].targetHighlights = (marked + added).sorted { $0.start < $1.start }
                    if translation == nil { translation = TextSpan.spans(in: target, utf8: [found[0]])[0].text }
                }
            }
            fragments.append(Fragment(text: phrase, start: first.start, end: last.end, words: range.count, units: listed, translation: translation))
        }
        return fragments
    }

    /// Whether `run` occurs in `words`.
    static func holds(_ words: [String], _ run: [String]) -> Bool {
        PhraseTranslation.position(of: run, in: words) != nil
    }

    /// The maximal runs of at least `minimum` equal tokens `query` and `stored` share: each
    /// as the query's range and the stored range.
    static func commonRuns(_ query: [UInt32], _ stored: [UInt32], minimum: Int) -> [(Range<Int>, Range<Int>)] {
        guard query.count >= minimum, stored.count >= minimum else { return [] }
        var runs: [(Range<Int>, Range<Int>)] = []
        var previous = [Int](repeating: 0, count: stored.count + 1), current = previous
        for i in 1...query.count {
            for j in 1...stored.count {
                current[j] = query[i - 1] == stored[j - 1] ? previous[j - 1] + 1 : 0
                // A run ends here when it cannot go on: the next pair differs, or either ends.
                let length = current[j]
                if length >= minimum && (i == query.count || j == stored.count || query[i] != stored[j]) {
                    runs.append(((i - length)..<i, (j - length)..<j))
                }
            }
            swap(&previous, &current)
        }
        return runs
    }
}
