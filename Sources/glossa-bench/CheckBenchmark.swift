import Dispatch
import Foundation
import GlossaQA
import GlossaTerminology
import GlossaText

/// Checking: segments per second through `TermChecker` (matcher and rules together),
/// monolingual (English) and bilingual (English with its Russian translation), then bilingual
/// with every translation QA rule too (`bilingual+qa`: pair rules, consistency and length, as
/// `glossa check` runs them) and the QA rules alone (`qa`), with
/// generated glossaries of several sizes, on two threads, one checker each sharing one
/// compiled glossary (its build time is reported apart). Segments are the sample's real sentence pairs; each copy has
/// one English and one Russian word swapped for others and its number added, so the token cache does not see
/// the same text only and each pair is a pair of its own.
struct CheckBenchmark {
    let segments: Int
    let sizes: [Int]
    let runs: Int

    func run() throws {
        let pairs = try samplePairs()
        let words = Array(Set(pairs.flatMap { $0.en.split(separator: " ").map { String($0.filter(\.isLetter)) } }.filter { $0.count > 2 })).sorted()
        let official = try TBXReader().read(file: "glossaries/csto.tbx").termbase
        var generator = SystemRandomNumberGenerator()
        let russianWords = Array(Set(pairs.flatMap { $0.ru.split(separator: " ").map { String($0.filter(\.isLetter)) } }.filter { $0.count > 2 })).sorted()
        // One word of each side swapped, so that each copy is a pair of its own, as in a real
        // TM: the consistency rule sees new texts, not one translation for many sources.
        let segments = (0..<min(self.segments, 200_000)).map { index -> (String, String) in
            // A word of letters only, so that no number, placeholder or end punctuation changes;
            // the copy's index on both sides keeps each pair its own (and its numbers equal).
            func swapWord(_ text: String, from vocabulary: [String]) -> String {
                var words = text.split(separator: " ").map(String.init)
                if let place = words.indices.filter({ words[$0].allSatisfy(\.isLetter) }).randomElement(using: &generator) {
                    words[place] = vocabulary.randomElement(using: &generator)! + " \(index)"
                }
                return words.joined(separator: " ")
            }
            let pair = pairs[index % pairs.count]
            return (swapWord(pair.en, from: words), swapWord(pair.ru, from: russianWords))
        }
        for size in sizes {
            let termbase = generatedGlossary(size: size, words: words, official: official)
            var glossary: CompiledGlossary!
            let indexSeconds = try time { glossary = try CompiledGlossary(termbase: termbase, languages: ["en", "ru"]) }
            for mode in ["monolingual", "bilingual", "bilingual+qa", "qa"] {
                var times: [Double] = []
                var findings = 0
                for _ in 0..<runs {
                    times.append(try time { findings = try check(glossary, mode: mode) { segments[$0 % segments.count] } })
                }
                let seconds = median(times)
                report(["benchmark": "check.\(mode).en-ru", "terms": termbase.concepts.reduce(0) { $0 + $1.terms.count },
                        "segments": self.segments, "threads": 2, "runs": runs, "findings": findings,
                        "index_seconds": indexSeconds, "seconds_median": seconds,
                        "segments_per_second": Double(self.segments) / seconds,
                        "target_min_segments_per_second": size >= 10_000 ? 100_000 : 0])
            }
        }
    }

    /// Checks `self.segments` English segments (with their Russian translation but in
    /// `monolingual` mode) on two threads; returns the number of findings.
    private func check(_ glossary: CompiledGlossary, mode: String, segment: @escaping @Sendable (Int) -> (String, String)) throws -> Int {
        let threads = 2
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: threads)
        defer { counts.deallocate() }
        let total = self.segments
        nonisolated(unsafe) let sink = counts
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let checker = TermChecker(glossary: glossary)
            let qa = PairChecker()
            var consistency = TranslationConsistency()
            var lengths = LengthRatios<Int>()
            var found = 0
            var index = thread
            while index < total {
                let (source, target) = segment(index)
                if mode == "monolingual" {
                    found += (try? checker.check(text: source, language: "en").findings.count) ?? 0
                } else if mode != "qa" {
                    found += (try? checker.check(source: source, sourceLanguage: "en", target: target, targetLanguage: "ru").findings.count) ?? 0
                }
                if mode.hasSuffix("qa") {
                    let pair = SegmentPair(source: source, sourceLanguage: "en", target: target, targetLanguage: "ru")
                    found += qa.check(pair).count
                    found += consistency.record(pair, context: nil, place: "").count
                    lengths.record(source: source, target: target, languages: "en→ru", place: index)
                }
                index += threads
            }
            sink[thread] = found + lengths.outliers().count
        }
        return counts.reduce(0, +)
    }

    /// The official CSTO terms plus `size` generated en/ru concepts of one to three words.
    private func generatedGlossary(size: Int, words: [String], official: Termbase) -> Termbase {
        var termbase = official
        var seen = Set<String>()
        var generator = SystemRandomNumberGenerator()
        while seen.count < size {
            let length = Int.random(in: 1...3, using: &generator)
            let english = (0..<length).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ") + " \(seen.count % 97)"
            guard seen.insert(english).inserted else { continue }
            termbase.concepts.append(Concept(id: "g\(seen.count)", terms: [
                Term(english, language: "en", status: seen.count % 10 == 0 ? .deprecated : .preferred),
                Term("термин \(seen.count)", language: "ru", status: .preferred),
            ]))
        }
        return termbase
    }
}
