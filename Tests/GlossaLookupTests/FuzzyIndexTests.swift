import Foundation
import GlossaLookup
import Testing

/// The fuzzy index finds every segment a brute-force scan finds, at every threshold from 50,
/// on thousands of random queries over real UI text.
@Suite struct FuzzyIndexTests {
    static let corpus: [String] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/lookup/corpus.en.txt")
        return String(decoding: FileManager.default.contents(atPath: url.path)!, as: UTF8.self)
            .split(separator: "\n").map(String.init)
    }()

    /// A deterministic generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A corpus segment with up to three random word edits, or (one in ten) unrelated words.
    static func queries(count: Int) -> [String] {
        var random = SplitMix(state: 2025)
        let words = Array(Set(corpus.flatMap { $0.split(separator: " ").map(String.init) })).sorted()
        return (0..<count).map { _ in
            if Int.random(in: 0..<10, using: &random) == 0 {
                return (0..<Int.random(in: 1...8, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
            }
            var tokens = corpus.randomElement(using: &random)!.split(separator: " ").map(String.init)
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let position = Int.random(in: 0..<max(1, tokens.count), using: &random)
                switch Int.random(in: 0..<5, using: &random) {
                case 0 where tokens.count > 1: tokens.remove(at: position)
                case 1: tokens.insert(words.randomElement(using: &random)!, at: position)
                case 2: tokens[position] = words.randomElement(using: &random)!
                case 3: tokens[position] = tokens[position].uppercased()
                default: tokens[position] += "."
                }
            }
            return tokens.joined(separator: " ")
        }
    }

    @Test func recallIsCompleteAgainstBruteForce() throws {
        let scorer = try MatchScorer(language: "en")
        var index = FuzzyIndex()
        for (id, text) in Self.corpus.enumerated() { index.add(id: Int64(id), text: text, scorer: scorer) }
        let stored = Self.corpus.map { (tokens: scorer.tokens(of: $0), form: $0.normalizedForLookup()) }
        var compared = 0, found = 0
        for query in Self.queries(count: 2000) {
            let tokens = scorer.tokens(of: query)
            let scores = stored.map { scorer.score(query: tokens, candidate: $0.tokens, identical: $0.form == query.normalizedForLookup()).score }
            for minimum in [50, 60, 75, 85, 95, 100] {
                let expected = Set(scores.indices.filter { scores[$0] >= minimum }.map(Int64.init))
                let matches = index.matches(for: query, minimum: minimum, scorer: scorer)
                #expect(Set(matches.map(\.id)) == expected, "query '\(query)' at \(minimum)")
                #expect(matches.map(\.score.score) == matches.map(\.score.score).sorted(by: >))
                compared += 1
                found += expected.count
            }
        }
        #expect(compared == 12_000)
        #expect(found > 2_000)  // the queries do hit: the comparison is not vacuous
    }

    @Test func exactTextComesFirstAtOneHundred() throws {
        let scorer = try MatchScorer(language: "en")
        var index = FuzzyIndex()
        for (id, text) in ["Save the file", "Save the files", "save the file", "Close the file"].enumerated() {
            index.add(id: Int64(id), text: text, scorer: scorer)
        }
        let matches = index.matches(for: "Save the file", minimum: 60, scorer: scorer)
        #expect(matches.map(\.id) == [0, 2, 1, 3])
        #expect(matches.map(\.score.score) == [100, 99, 66, 66])
    }
}
