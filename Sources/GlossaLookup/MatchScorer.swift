import GlossaText

/// How closely a stored segment matches a query, the way translators know it from OmegaT:
/// `100 · (max(Ls, Lc) − d) / max(Ls, Lc)`, rounded down, with `d` the Levenshtein distance
/// between the two segments' word tokens (ICU word break, case-folded; every number is the
/// same token, punctuation and inline-code placeholders are not tokens), then one point off
/// for each kind of difference the word distance does not see: case, punctuation, numbers,
/// inline codes. Identical text scores 100; text that differs only in those scores 99 to 96,
/// never 100.
public struct MatchScore: Sendable, Equatable {
    /// The score, 0…100.
    public var score: Int
    /// The word-token score before penalties.
    public var base: Int
    /// What the penalties were for.
    public var penalties: [Penalty]
    /// UTF-8 ranges of the candidate's tokens that differ from the query, in the NFC form of
    /// the candidate (the form the TM stores most text in).
    public var differences: [Range<Int>]

    /// A difference the word distance does not count.
    public enum Penalty: String, Sendable, Codable, CaseIterable {
        case caseDifference = "case"
        case punctuation
        case numbers
        case inlineCodes = "inline-codes"
    }
}

/// Scores candidates against one query. Not thread safe (it holds an ICU break iterator): one
/// per task.
public final class MatchScorer {
    /// Cuts text the way the TM's search index does.
    private let tokenizer: MatchTokenizer

    /// A scorer for text in `language`.
    public init(language: LanguageTag) throws {
        tokenizer = try MatchTokenizer(language: language)
    }

    /// The tokens of `text`, as scoring compares them.
    public func tokens(of text: String) -> MatchTokens {
        tokenizer.tokens(of: text)
    }

    /// The score of `candidate` for `query`.
    public func score(query: String, candidate: String) -> MatchScore {
        score(query: tokens(of: query), candidate: tokens(of: candidate), identical: query.normalizedForLookup() == candidate.normalizedForLookup())
    }

    /// The score of tokenized texts; `identical` says whether the texts are equal in lookup form.
    public func score(query: MatchTokens, candidate: MatchTokens, identical: Bool) -> MatchScore {
        if identical { return MatchScore(score: 100, base: 100, penalties: [], differences: []) }
        let (distance, kept) = Self.alignment(query.words, candidate.words)
        let base = Self.baseScore(distance: distance, longest: max(query.words.count, candidate.words.count))
        var penalties: [MatchScore.Penalty] = []
        if distance == 0 && zip(query.surfaces, candidate.surfaces).contains(where: { $0 != $1 && $0.caseFolded() == $1.caseFolded() }) {
            penalties.append(.caseDifference)
        }
        if query.punctuation != candidate.punctuation { penalties.append(.punctuation) }
        if query.numbers != candidate.numbers { penalties.append(.numbers) }
        if query.codes != candidate.codes { penalties.append(.inlineCodes) }
        // Something differs (the texts are not identical): never 100, even if only white space
        // inside a placeholder or a symbol the tokens do not see.
        if penalties.isEmpty && base == 100 { penalties.append(.punctuation) }
        // A candidate word differs when no query word is aligned with it unchanged as written
        // (a number aligned with another number counts as a difference to show).
        var differing: [Int] = []
        var keptIndex = kept.startIndex
        for position in candidate.words.indices {
            if keptIndex < kept.endIndex && kept[keptIndex].candidate == position {
                let pair = kept[keptIndex]
                keptIndex += 1
                if candidate.words[position] != MatchTokenizer.numberToken || query.surfaces[pair.query] == candidate.surfaces[position] { continue }
            }
            differing.append(position)
        }
        return MatchScore(score: max(0, base - penalties.count), base: base, penalties: penalties, differences: differing.map { candidate.ranges[$0] })
    }

    /// OmegaT's score for a word distance: `100 · (longest − distance) / longest`, rounded down.
    public static func baseScore(distance: Int, longest: Int) -> Int {
        longest == 0 ? 100 : (100 * (longest - distance)) / longest
    }

    /// The largest word distance that still reaches `minimum` against a segment of `longest`
    /// words: what a candidate filter may allow.
    public static func allowedDistance(minimum: Int, longest: Int) -> Int {
        (longest * (100 - minimum)) / 100
    }

    /// Levenshtein distance between token sequences, and the pairs of positions a cheapest
    /// alignment keeps unchanged, in order.
    static func alignment(_ query: [String], _ candidate: [String]) -> (distance: Int, kept: [(query: Int, candidate: Int)]) {
        let n = query.count, m = candidate.count
        let width = m + 1
        var table = [Int](repeating: 0, count: (n + 1) * width)
        for i in 0...n { table[i * width] = i }
        for j in 0...m { table[j] = j }
        if n > 0 && m > 0 {
            for i in 1...n {
                for j in 1...m {
                    let substitution = table[(i - 1) * width + j - 1] + (query[i - 1] == candidate[j - 1] ? 0 : 1)
                    table[i * width + j] = min(substitution, table[(i - 1) * width + j] + 1, table[i * width + j - 1] + 1)
                }
            }
        }
        var kept: [(query: Int, candidate: Int)] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            let same = i > 0 && j > 0 && query[i - 1] == candidate[j - 1]
            if i > 0 && j > 0 && table[i * width + j] == table[(i - 1) * width + j - 1] + (same ? 0 : 1) {
                if same { kept.append((i - 1, j - 1)) }
                i -= 1
                j -= 1
            } else if j > 0 && table[i * width + j] == table[i * width + j - 1] + 1 {
                j -= 1
            } else {
                i -= 1
            }
        }
        return (table[n * width + m], kept.reversed())
    }
}
