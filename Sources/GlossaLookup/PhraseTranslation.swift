import GlossaText

/// What a phrase became in translation, as far as a TM's own units tell: the longest run of
/// words every translation of the units holding the phrase shares (two or more units, with
/// different translations), at most two words longer than the phrase, when the units' sources
/// share nothing more than the phrase and two words around it ("of the"): near-copies share
/// their whole translations, which then tell nothing.
struct PhraseTranslation {
    /// The shared run's words, case-folded, as `MatchTokenizer` cuts them.
    let words: [String]

    /// The translation of a phrase of `phraseWords` words held by units with `sources`
    /// (their words) and `translations` (their tokens in the target language), or nil when
    /// they do not tell.
    init?(phraseWords: Int, sources: [[String]], translations: [MatchTokens]) {
        guard sources.count >= 2, Set(translations.map(\.words)).count >= 2,
              Self.longestSharedRun(sources, longest: phraseWords + 3) <= phraseWords + 2 else { return nil }
        let first = translations[0].words
        let longest = min((translations.map(\.words.count).min() ?? 1) - 1, phraseWords + 2)
        guard longest >= 1 else { return nil }
        for length in stride(from: longest, through: 1, by: -1) {
            for start in 0...(first.count - length) {
                let run = Array(first[start..<start + length])
                if translations.dropFirst().allSatisfy({ Self.position(of: run, in: $0.words) != nil }) {
                    words = run
                    return
                }
            }
        }
        return nil
    }

    /// The UTF-8 range of the shared run in a translation cut as `tokens` (in its NFC form),
    /// nil when it does not hold it.
    func range(in tokens: MatchTokens) -> Range<Int>? {
        Self.position(of: words, in: tokens.words).map { tokens.ranges[$0].lowerBound..<tokens.ranges[$0 + words.count - 1].upperBound }
    }

    /// Where `run` begins in `words`, if it occurs.
    static func position(of run: [String], in words: [String]) -> Int? {
        guard !run.isEmpty, run.count <= words.count else { return nil }
        return (0...(words.count - run.count)).first { Array(words[$0..<$0 + run.count]) == run }
    }

    /// The length of the longest run of words all of `texts` hold, counted up to `longest`.
    static func longestSharedRun(_ texts: [[String]], longest: Int) -> Int {
        guard let first = texts.first else { return 0 }
        var best = 0
        for length in 1...max(1, min(longest, first.count)) where first.count >= length {
            let found = (0...(first.count - length)).contains { start in
                let run = Array(first[start..<start + length])
                return texts.dropFirst().allSatisfy { position(of: run, in: $0) != nil }
            }
            guard found else { break }
            best = length
        }
        return best
    }
}
