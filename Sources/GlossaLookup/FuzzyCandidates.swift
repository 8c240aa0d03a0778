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
/// chosen at query time. Candidates are then checked with a distance bounded by what the
/// threshold allows, and only the survivors are scored in full.
struct FuzzyCandidates {
    /// The query's words as vocabulary ids; words the TM never saw get ids no variant holds.
    let queryTokens: [UInt32]
    private let probes: [UInt32]
    private let lengths: ClosedRange<Int>
    private let reader: IndexReader

    init(query words: [String], language: LanguageTag, minimum: Int, reader: IndexReader) throws {
        self.reader = reader
        var known: [String: IndexReader.IndexedToken?] = [:]
        for word in words where known[word] == nil { known[word] = try reader.indexedToken(word, language: language) }
        queryTokens = words.enumerated().map { position, word in known[word]??.id ?? UInt32.max - UInt32(position) }
        let length = words.count
        guard length > 0 else {
            probes = []
            lengths = 0...0
            return
        }
        let needed = (minimum * length + 99) / 100
        lengths = needed...(100 * length) / minimum
        let rarestFirst = words.sorted { (known[$0]??.frequency ?? 0) < (known[$1]??.frequency ?? 0) }
        var probes: [UInt32] = []
        for word in rarestFirst.prefix(length - needed + 1) {
            if let token = known[word]??.id, !probes.contains(token) { probes.append(token) }
        }
        self.probes = probes
    }

    /// Ids of the variants holding one of the probed words within the length window, ascending.
    func variantIDs() throws -> [Int64] {
        var ids: [Int64] = []
        for token in probes { try reader.variants(holding: token, lengths: lengths, into: &ids) }
        ids.sort()
        var unique: [Int64] = []
        unique.reserveCapacity(ids.count)
        for id in ids where unique.last != id { unique.append(id) }
        return unique
    }

    /// Whether a candidate's word distance to the query is small enough to reach `minimum`.
    func mayReach(_ minimum: Int, candidate: [UInt32]) -> Bool {
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
