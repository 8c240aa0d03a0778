/// An inverted index over the word tokens of one language's segments that finds every
/// segment whose `MatchScore` against a query can reach a threshold, without scanning the rest.
///
/// Why nothing is missed: a score of at least T needs `max(Lq, Lc) − d ≥ T/100 · max(Lq, Lc)`,
/// and since `d ≥ |Lq − Lc|` the candidate's length lies in `[Lq · T/100, Lq · 100/T]`; the
/// tokens an alignment keeps unchanged are shared tokens, so the bag overlap must be at least
/// `k = ⌈T/100 · Lq⌉`. A candidate sharing none of the query's `Lq − k + 1` rarest tokens
/// shares at most `k − 1`: looking those tokens up is enough (prefix filtering), and they are
/// the ones with the shortest posting lists. Candidates are then scored exactly.
public struct FuzzyIndex: Sendable {
    /// A stored segment's tokens, as `MatchScorer.tokens(of:)` cut them.
    public struct Entry: Sendable {
        /// The caller's id for the segment (a TM variant or unit id).
        public let id: Int64
        /// Its tokens.
        public let tokens: MatchScorer.Tokens
        /// Its text in lookup form, for the identical check.
        let lookupForm: String
    }

    private(set) var entries: [Entry] = []
    private var vocabulary: [String: Int32] = [:]
    private var postings: [[Int32]] = []

    public init() {}

    /// Number of segments indexed.
    public var count: Int { entries.count }

    /// Adds a segment.
    public mutating func add(id: Int64, text: String, scorer: MatchScorer) {
        let tokens = scorer.tokens(of: text)
        let index = Int32(entries.count)
        entries.append(Entry(id: id, tokens: tokens, lookupForm: text.normalizedForLookup()))
        for word in Set(tokens.words) {
            if let token = vocabulary[word] {
                postings[Int(token)].append(index)
            } else {
                vocabulary[word] = Int32(postings.count)
                postings.append([index])
            }
        }
    }

    /// A match: the indexed segment's id and its score.
    public struct Match: Sendable, Equatable {
        public let id: Int64
        public let score: MatchScore
    }

    /// Every indexed segment scoring at least `minimum` (1…100) against `query`, best first
    /// (ties in index order).
    public func matches(for query: String, minimum: Int, scorer: MatchScorer) -> [Match] {
        let tokens = scorer.tokens(of: query)
        let lookupForm = query.normalizedForLookup()
        let length = tokens.words.count
        let threshold = Double(max(1, min(100, minimum))) / 100
        var candidates = Set<Int32>()
        if length == 0 {
            // Only a segment without words can score anything: identical text or one penalty away.
            for (index, entry) in entries.enumerated() where entry.tokens.words.isEmpty { candidates.insert(Int32(index)) }
        } else {
            let needed = Int((threshold * Double(length)).rounded(.up))
            // The query's tokens as a bag, rarest first; an unknown token is rarest of all.
            let rarest = tokens.words.sorted { frequency($0) < frequency($1) }
            for word in rarest.prefix(length - needed + 1) {
                guard let token = vocabulary[word] else { continue }
                candidates.formUnion(postings[Int(token)])
            }
        }
        let shortest = Double(length) * threshold, longest = Double(length) / threshold
        var found: [(index: Int32, match: Match)] = []
        for index in candidates {
            let entry = entries[Int(index)]
            let candidateLength = Double(entry.tokens.words.count)
            guard candidateLength >= shortest.rounded(.down), candidateLength <= longest.rounded(.up) else { continue }
            let score = scorer.score(query: tokens, candidate: entry.tokens, identical: entry.lookupForm == lookupForm)
            if score.score >= minimum { found.append((index, Match(id: entry.id, score: score))) }
        }
        return found.sorted { ($0.match.score.score, -$0.index) > ($1.match.score.score, -$1.index) }.map(\.match)
    }

    private func frequency(_ word: String) -> Int {
        vocabulary[word].map { postings[Int($0)].count } ?? 0
    }
}
