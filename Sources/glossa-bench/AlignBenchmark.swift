import Foundation
import Glibc
import GlossaAlignment
import GlossaCore
import GlossaTerminology

/// Sentence alignment of a long document pair: the gold set's perturbed CSTO news (real
/// sentences with merges, omissions and additions) repeated to N source sentences, aligned
/// one segment per line with the CSTO glossary, at N/2 and N to show time and memory growing
/// linearly.
struct AlignBenchmark {
    let sentences: Int
    let runs: Int

    func run() throws {
        let folder = "Tests/Fixtures/alignment/"
        guard let english = FileManager.default.contents(atPath: folder + "news.en-ru.en.txt"),
              let russian = FileManager.default.contents(atPath: folder + "news.en-ru.ru.txt") else {
            throw InputError("run glossa-bench from the repository root (needs \(folder))")
        }
        let source = SegmentedDocument.lines(of: try SourceText(bytes: english, file: "en"))
        let target = SegmentedDocument.lines(of: try SourceText(bytes: russian, file: "ru"))
        let glossary = try TBXReader().read(file: "glossaries/csto.tbx").termbase
        for size in [sentences / 2, sentences] {
            let copies = max(1, size / source.segments.count)
            let segments = (Array(repeating: source.segments, count: copies).flatMap { $0 },
                            Array(repeating: target.segments, count: copies).flatMap { $0 })
            let documents = (SegmentedDocument(segments: segments.0, blocks: [0..<segments.0.count]),
                             SegmentedDocument(segments: segments.1, blocks: [0..<segments.1.count]))
            var times: [Double] = []
            var beads = 0
            for _ in 0..<runs {
                times.append(try time {
                    beads = try DocumentAligner(sourceLanguage: "en", targetLanguage: "ru", glossary: glossary)
                        .align(documents.0, documents.1).count
                })
            }
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            report(["benchmark": "align.en-ru", "source_sentences": documents.0.segments.count,
                    "target_sentences": documents.1.segments.count, "beads": beads, "runs": runs,
                    "seconds_median": median(times), "peak_rss_megabytes": Double(usage.ru_maxrss) / 1024,
                    "target_max_seconds": 5.0])
        }
    }
}
