import GlossaText

/// A full-text word as a 32-bit number: what a database's GIN index of each variant's words
/// holds, since numbers index about twice as fast as text. Two words may share a number; a
/// variant found through one is then ruled out by `FullTextMatcher`, which reads its text, so
/// a search finds exactly what FTS5 finds.
package enum WordHash {
    /// The number of a word as the full-text tokenizer cuts and folds it (UTF-8).
    package static func of(_ word: some Collection<UInt8>) -> Int32 {
        of(StableHash(word))
    }

    /// The number of a word whose `StableHash` is `hash`.
    package static func of(_ hash: StableHash) -> Int32 {
        Int32(truncatingIfNeeded: hash.low)
    }

    /// The distinct numbers of `words`, in the order first met: what a variant's row holds.
    package static func distinct(_ words: some Sequence<some Collection<UInt8>>) -> [Int32] {
        var distinct = Distinct()
        for word in words { distinct.add(StableHash(word)) }
        return distinct.hashes
    }

    /// The distinct numbers of a variant's words, gathered as the words come.
    package struct Distinct {
        /// The numbers so far, in the order first met.
        package private(set) var hashes: [Int32] = []

        package init() {
            hashes.reserveCapacity(32)
        }

        /// Adds the number of the word whose `StableHash` is `hash`. A variant holds a few
        /// dozen words: a scan of them costs less than a set.
        package mutating func add(_ hash: StableHash) {
            let number = WordHash.of(hash)
            if !hashes.contains(number) { hashes.append(number) }
        }
    }
}
