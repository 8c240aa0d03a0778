import GlossaText

/// How closely a stored segment matches a query, the way translators know it from OmegaT:
/// `100 · (max(Ls, Lc) − d) / max(Ls, Lc)`, with `d` the Levenshtein distance between the
/// two segments' word tokens (ICU word break, case-folded; numbers are tokens, punctuation and
/// inline-code placeholders are not), then penalties of one point each for differences the
/// word distance does not see: case, punctuation, numbers, inline codes. Identical text
/// scores 100; text that differs only in those scores 99 to 96, never 100.
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
    private let breaker: WordBreaker

    /// A scorer for text in `language`.
    public init(language: LanguageTag) throws {
        breaker = try WordBreaker(locale: language.canonical)
    }

    /// A segment cut into what scoring compares.
    public struct Tokens: Sendable {
        /// Case-folded words and numbers: what the distance counts.
        public let words: [String]
        /// The same tokens as written, for the case check.
        let surfaces: [String]
        /// UTF-8 ranges of the words in the text.
        let ranges: [Range<Int>]
        /// Punctuation tokens, in order.
        let punctuation: [String]
        /// Numbers, in order.
        let numbers: [String]
        /// Inline-code placeholders ({1}, {/1}, {2/}), in order.
        let codes: [String]
    }

    /// The tokens of `text`, with ranges in its NFC form (the placeholders' ranges and the
    /// words' must be offsets into the same text).
    public func tokens(of text: String) -> Tokens {
        let text = text.normalized(.nfc)
        var words: [String] = [], surfaces: [String] = [], ranges: [Range<Int>] = []
        var punctuation: [String] = [], numbers: [String] = [], codes: [String] = []
        let placeholders = Self.placeholderRanges(in: text)
        for token in breaker.tokens(in: text) {
            if placeholders.contains(where: { $0.overlaps(token.start..<token.end) }) { continue }
            switch token.kind {
            case .word, .number:
                words.append(token.kind == .number ? token.text : token.text.caseFolded())
                surfaces.append(token.text)
                ranges.append(token.start..<token.end)
                if token.kind == .number { numbers.append(token.text) }
            case .other:
                punctuation.append(token.text)
            }
        }
        codes = placeholders.map { String(text[utf8: $0]) }
        return Tokens(words: words, surfaces: surfaces, ranges: ranges, punctuation: punctuation, numbers: numbers, codes: codes)
    }

    /// The score of `candidate` for `query`.
    public func score(query: String, candidate: String) -> MatchScore {
        score(query: tokens(of: query), candidate: tokens(of: candidate), identical: query.normalizedForLookup() == candidate.normalizedForLookup())
    }

    /// The score of tokenized texts; `identical` says whether the texts are equal in lookup form.
    public func score(query: Tokens, candidate: Tokens, identical: Bool) -> MatchScore {
        if identical { return MatchScore(score: 100, base: 100, penalties: [], differences: []) }
        let (distance, differing) = Self.distance(query.words, candidate.words)
        let longest = max(query.words.count, candidate.words.count)
        let base = longest == 0 ? 100 : Int((100 * Double(longest - distance) / Double(longest)).rounded(.down))
        var penalties: [MatchScore.Penalty] = []
        if distance == 0 && query.surfaces != candidate.surfaces { penalties.append(.caseDifference) }
        if query.punctuation != candidate.punctuation { penalties.append(.punctuation) }
        if query.numbers != candidate.numbers { penalties.append(.numbers) }
        if query.codes != candidate.codes { penalties.append(.inlineCodes) }
        // Something differs (the texts are not identical): never 100, even if only white space
        // inside a placeholder or a symbol the tokens do not see.
        if penalties.isEmpty && distance == 0 { penalties.append(.punctuation) }
        let score = max(0, base - penalties.count)
        return MatchScore(score: score, base: base, penalties: penalties, differences: differing.map { candidate.ranges[$0] })
    }

    /// Levenshtein distance between token sequences, and the candidate tokens that are not
    /// matched unchanged on a cheapest alignment.
    static func distance(_ query: [String], _ candidate: [String]) -> (Int, [Int]) {
        let n = query.count, m = candidate.count
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in 0...n { table[i][0] = i }
        for j in 0...m { table[0][j] = j }
        if n > 0 && m > 0 {
            for i in 1...n {
                for j in 1...m {
                    let substitution = table[i - 1][j - 1] + (query[i - 1] == candidate[j - 1] ? 0 : 1)
                    table[i][j] = min(substitution, table[i - 1][j] + 1, table[i][j - 1] + 1)
                }
            }
        }
        var differing: [Int] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            if i > 0 && j > 0 && table[i][j] == table[i - 1][j - 1] + (query[i - 1] == candidate[j - 1] ? 0 : 1) {
                if query[i - 1] != candidate[j - 1] { differing.append(j - 1) }
                i -= 1
                j -= 1
            } else if j > 0 && table[i][j] == table[i][j - 1] + 1 {
                differing.append(j - 1)
                j -= 1
            } else {
                i -= 1
            }
        }
        return (table[n][m], differing.reversed())
    }

    /// UTF-8 ranges of inline-code placeholders: `{1}`, `{/1}`, `{2/}`.
    static func placeholderRanges(in text: String) -> [Range<Int>] {
        let bytes = Array(text.utf8)
        var ranges: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{") {
                var end = index + 1
                if end < bytes.count && bytes[end] == UInt8(ascii: "/") { end += 1 }
                let digitsStart = end
                while end < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
                if end > digitsStart {
                    if end < bytes.count && bytes[end] == UInt8(ascii: "/") && bytes[digitsStart - 1] != UInt8(ascii: "/") { end += 1 }
                    if end < bytes.count && bytes[end] == UInt8(ascii: "}") {
                        ranges.append(index..<end + 1)
                        index = end + 1
                        continue
                    }
                }
            }
            index += 1
        }
        return ranges
    }
}
