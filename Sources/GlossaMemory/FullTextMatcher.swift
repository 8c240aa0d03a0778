import GlossaText

/// Decides whether a text matches a `FullTextQuery`, and where, as SQLite's FTS5 does with
/// the glossa_icu tokenizer: words cut by ICU word break (letters, numbers and ideographs; no
/// spaces or punctuation) and folded with NFKC_Casefold; every part must occur as a phrase
/// (its words in sequence) in one of its spellings; a spelling without words matches nothing;
/// and the highlights are the phrase occurrences, overlapping ones merged. A store without
/// FTS5 (PostgreSQL) narrows candidates in its own index by the words `conditions` gives and
/// checks each candidate here, so both stores give the same hits and highlights.
package struct FullTextMatcher {
    /// A spelling of a part, cut into folded words; the last one a prefix when `isPrefix`.
    package struct Phrase: Sendable, Equatable {
        package let words: [String]
        package let isPrefix: Bool

        /// The words a holder of the phrase holds whole, and the prefix one of its words begins with.
        package var wholeWords: [String] { isPrefix ? Array(words.dropLast()) : words }
        package var prefix: String? { isPrefix ? words.last : nil }
    }

    /// Per part, its spellings; a spelling that cuts into no words is left out.
    package let parts: [[Phrase]]
    private let breaker: WordBreaker

    package init(_ query: FullTextQuery) throws {
        let breaker = try WordBreaker(locale: "")
        self.breaker = breaker
        parts = query.parts.map { part in
            part.spellings.compactMap { spelling in
                let words = Self.words(of: spelling, breaker).map(\.form)
                return words.isEmpty ? nil : Phrase(words: words, isPrefix: part.isPrefix)
            }
        }
    }

    /// Whether no text can match: some part has no spelling with words.
    package var matchesNothing: Bool { parts.contains(where: \.isEmpty) }

    /// The UTF-8 ranges of `text` that match the query, in order, or nil when some part does
    /// not occur in it.
    package func highlights(in text: String) -> [Range<Int>]? {
        guard !matchesNothing else { return nil }
        let words = Self.words(of: text, breaker)
        var occurrences: [ClosedRange<Int>] = []
        for part in parts {
            var found = false
            for phrase in part {
                let count = phrase.words.count
                guard count <= words.count else { continue }
                for start in 0...(words.count - count) where Self.phrase(phrase, occursIn: words, at: start) {
                    occurrences.append(start...(start + count - 1))
                    found = true
                }
            }
            guard found else { return nil }
        }
        occurrences.sort { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<Int>] = []
        for occurrence in occurrences {
            if let last = merged.last, occurrence.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, occurrence.upperBound)
            } else {
                merged.append(occurrence)
            }
        }
        return merged.map { words[$0.lowerBound].range.lowerBound..<words[$0.upperBound].range.upperBound }
    }

    private static func phrase(_ phrase: Phrase, occursIn words: [(form: String, range: Range<Int>)], at start: Int) -> Bool {
        for (offset, word) in phrase.words.enumerated() {
            let form = words[start + offset].form
            let isLast = offset == phrase.words.count - 1
            guard isLast && phrase.isPrefix ? form.utf8.starts(with: word.utf8) : form == word else { return false }
        }
        return true
    }

    /// The words of `text` in their folded form, with their UTF-8 ranges in `text`: what the
    /// full-text index holds of it.
    package static func words(of text: String, _ breaker: WordBreaker) -> [(form: String, range: Range<Int>)] {
        var text = text
        return text.withUTF8 { utf8 in
            var words: [(form: String, range: Range<Int>)] = []
            breaker.forEachWord(in: utf8) { range, _ in
                let surface = String(decoding: UnsafeBufferPointer(rebasing: utf8[range]), as: UTF8.self)
                words.append((surface.normalized(.nfkcCasefold), range))
            }
            return words
        }
    }
}
