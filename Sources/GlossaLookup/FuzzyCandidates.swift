import GlossaMemory
import GlossaText

/// The variants of the TM that may score at least a threshold against a query, found from
/// the search index without scanning the TM, then filtered on their stored token ids.
///
/// Why nothing is missed: a score of at least T needs `max(Lq, Lc) − d ≥ T/100 · max(Lq, Lc)`,
/// and since `d ≥ |Lq − Lc|` the candidate's word count lies in `[⌈Lq · T/100⌉, ⌊Lq · 100/T⌋]`;
/// the words an alignment keeps unchanged are shared words, so at least `k = ⌈T/100 · Lq⌉` of
/// the query's `Lq` word occurrences are in the candidate. A candidate holding none of any
/// `Lq − k + 1` of them holds at most `k − 1`: looking up that many is enough, and the index
/// holds every word of every variant, so the rarest ones (the shortest posting lists) can be
/// chosen at query time.
///
/// Counting narrows that further before any variant is read: when the lists of a set S of the
/// query's occurrences have been read, a candidate holds at most `Lq − |S|` shared words
/// outside S, so it needs at least `k − (Lq − |S|)` of S's occurrences (each list counts for
/// as many occurrences as the query has of its word, an upper bound). Lists beyond the first
/// `Lq − k + 1` are read while they are short next to the candidates they can rule out.
/// Survivors are then checked with a distance bounded by what the threshold allows, and only
/// those that pass are scored in full.
///
/// The work is bounded for any query (`FuzzyBudget`): a long query of common words at a low
/// threshold would otherwise read every posting of the TM and score every variant (a
/// 200-word query at 1% took 100 s on a million units). Lists stop being read once the next
/// would pass the posting budget, and past the candidate budget only the candidates sharing
/// the most words are kept. Either makes the search incomplete, which it then says
/// (`isComplete`); at the usual thresholds the rarest lists a query needs are short and
/// neither budget is reached.
struct FuzzyCandidates {
    /// The query's words as vocabulary ids; words the TM never saw get ids no variant holds.
    let queryTokens: [UInt32]
    /// Distinct known tokens, rarest first, with how many times the query holds each and
    /// how many variants hold it.
    private let probes: [(token: UInt32, occurrences: Int, frequency: Int)]
    /// Occurrences of query words no variant holds: they are in no list, so they count as read.
    private let unknownOccurrences: Int
    /// The threshold, and the shared words (`k`) and word counts it asks of a candidate.
    private let minimum: Int
    private let needed: Int
    private let lengths: ClosedRange<Int>
    private let reader: any SearchIndexReader
    private let budget: FuzzyBudget

    init(query words: [String], language: LanguageTag, minimum: Int, reader: any SearchIndexReader, budget: FuzzyBudget = .standard) throws {
        self.reader = reader
        self.minimum = minimum
        self.budget = budget
        let known = try reader.indexedTokens(Set(words), language: language)
        queryTokens = words.enumerated().map { position, word in known[word]?.id ?? UInt32.max - UInt32(position) }
        var occurrences: [UInt32: (count: Int, frequency: Int)] = [:]
        for word in words {
            guard let token = known[word] else { continue }
            occurrences[token.id, default: (0, token.frequency)].count += 1
        }
        probes = occurrences.map { (token: $0.key, occurrences: $0.value.count, frequency: $0.value.frequency) }
            .sorted { ($0.frequency, $0.token) < ($1.frequency, $1.token) }
        unknownOccurrences = words.count - occurrences.values.reduce(0) { $0 + $1.count }
        needed = (minimum * words.count + 99) / 100
        lengths = needed...max(needed, (100 * words.count) / minimum)
    }

    /// Ids of the variants that may reach the threshold, ascending, and whether they are all
    /// of them (false when a budget cut the search short).
    func variantIDs() throws -> (ids: [Int64], isComplete: Bool) {
        let length = queryTokens.count
        guard length > 0 else { return ([], true) }
        var isComplete = true
        // Lists of the rarest words until Lq − k + 1 occurrences are covered: every candidate
        // is in one of them. Sorting the postings by variant groups a variant's credits.
        var read = unknownOccurrences
        var postings: [(variant: Int64, credit: Int)] = []
        var next = 0
        var ids: [Int64] = []
        // The lists the loop below reads whatever it finds in them (those it needs, whose
        // variant counts together stay within the budget) are read at once: one round trip
        // where the store is a server.
        var prefetched: [[Int64]] = []
        do {
            var covered = unknownOccurrences, bound = 0, count = 0
            while covered < length - needed + 1 && count < probes.count
                    && (count == 0 || bound + probes[count].frequency <= budget.maximumPostings) {
                covered += probes[count].occurrences
                bound += probes[count].frequency
                count += 1
            }
            prefetched = try reader.variants(holding: probes.prefix(count).map(\.token), lengths: lengths)
        }
        while read < length - needed + 1 && next < probes.count {
            let probe = probes[next]
            // A list's variant count bounds what reading it costs; the first is always read.
            if next > 0 && postings.count + probe.frequency > budget.maximumPostings {
                isComplete = false
                break
            }
            if next < prefetched.count {
                swap(&ids, &prefetched[next])
            } else {
                ids.removeAll(keepingCapacity: true)
                try reader.variants(holding: probe.token, lengths: lengths, into: &ids)
            }
            postings += ids.lazy.map { ($0, probe.occurrences) }
            read += probe.occurrences
            next += 1
        }
        postings.sort { $0.variant < $1.variant }
        var candidates: [Int64] = [], credits: [Int] = []
        for (id, credit) in postings {
            if candidates.last == id { credits[credits.count - 1] += credit } else {
                candidates.append(id)
                credits.append(credit)
            }
        }
        // More lists while each is short next to the candidates it can rule out: reading a
        // posting costs far less than reading a variant. Which ones is known from their
        // variant counts before any is read, so they are read at once.
        if let first = candidates.first, let last = candidates.last {
            var more: [(token: UInt32, occurrences: Int)] = []
            var postingsBound = postings.count
            while next < probes.count && candidates.count > 64 && probes[next].frequency <= 16 * candidates.count
                    && postingsBound + probes[next].frequency <= budget.maximumPostings {
                more.append((probes[next].token, probes[next].occurrences))
                postingsBound += probes[next].frequency
                next += 1
            }
            let members = CandidateSet(candidates, from: first, to: last)
            for (probe, list) in zip(more, try reader.variants(holding: more.map(\.token), lengths: lengths)) {
                for id in list { if let index = members.index(of: id) { credits[index] += probe.occurrences } }
                read += probe.occurrences
            }
        }
        let required = needed - (length - read)
        var survivors = zip(candidates, credits).filter { $0.1 >= required }
        if survivors.count > budget.maximumCandidates {
            // The most shared words first: the upper bound on a score that can be had cheaply.
            survivors.sort { ($0.1, $1.0) > ($1.1, $0.0) }
            survivors.removeLast(survivors.count - budget.maximumCandidates)
            survivors.sort { $0.0 < $1.0 }
            isComplete = false
        }
        return (survivors.map(\.0), isComplete)
    }

    /// Whether a candidate's word distance to the query is small enough to reach the threshold.
    func mayReach(_ candidate: [UInt32]) -> Bool {
        let limit = MatchScorer.allowedDistance(minimum: minimum, longest: max(queryTokens.count, candidate.count))
        return Self.distance(queryTokens, candidate, limit: limit) != nil
    }

    /// The Levenshtein distance between `a` and `b` if it is at most `limit`, else nil; rows
    /// stop as soon as every cell exceeds the limit.
    static func distance(_ a: [UInt32], _ b: [UInt32], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        let distance = previous[b.count]
        return distance <= limit ? distance : nil
    }
}

/// How much one fuzzy search may do, whatever the query: see `FuzzyCandidates`.
public struct FuzzyBudget: Sendable, Equatable {
    /// Posting-list entries read, at most (bounded before a list is read by its word's
    /// variant count); the rarest list is read whatever its length.
    public var maximumPostings: Int
    /// Variants read and scored, at most.
    public var maximumCandidates: Int

    /// A million postings and 1,000 candidates: under half a second at worst, and never
    /// reached at 50% or more by the queries of the lookup benchmark (see README).
    public static let standard = FuzzyBudget(maximumPostings: 1_000_000, maximumCandidates: 1_000)

    public init(maximumPostings: Int, maximumCandidates: Int) {
        self.maximumPostings = maximumPostings
        self.maximumCandidates = maximumCandidates
    }
}

/// Sorted candidate ids with a bitmap over their range, so testing the ids of a long posting
/// list for membership costs a bit test for most of them.
private struct CandidateSet {
    private let ids: [Int64]
    private let first: Int64
    private var bits: [UInt64]

    init(_ ids: [Int64], from first: Int64, to last: Int64) {
        self.ids = ids
        self.first = first
        bits = [UInt64](repeating: 0, count: Int((last - first) / 64) + 1)
        for id in ids { bits[Int((id - first) / 64)] |= 1 << UInt64((id - first) % 64) }
    }

    /// The position of `id` among the candidates, nil when it is not one.
    func index(of id: Int64) -> Int? {
        let offset = id - first
        guard offset >= 0, Int(offset / 64) < bits.count, bits[Int(offset / 64)] & (1 << UInt64(offset % 64)) != 0 else { return nil }
        var low = 0, high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
