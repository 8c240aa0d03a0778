import Foundation
import GlossaCore
import GlossaFormats
import GlossaSegmentation

/// Segmentation of English plain text: the sample page repeated to the size asked for.
struct SegmentBenchmark {
    let megabytes: Int
    let runs: Int

    func run() throws {
        let page = try samplePairs().map(\.en).joined(separator: "\n\n") + "\n\n"
        let copies = max(1, megabytes * 1_000_000 / page.utf8.count)
        let bytes = Array(String(repeating: page, count: copies).utf8)
        let segmenter = DocumentSegmenter(segmenter: try SentenceSegmenter(language: "en"))
        var times: [Double] = []
        var sentences = 0
        for _ in 0..<runs {
            times.append(try time {
                let blocks = try segmenter.segment(bytes: bytes, file: "bench.txt", format: .text)
                sentences = blocks.reduce(0) { $0 + $1.sentences.count }
            })
        }
        let seconds = median(times)
        report(["benchmark": "segment.text.en", "bytes": bytes.count, "sentences": sentences, "runs": runs,
                "seconds_median": seconds, "megabytes_per_second": Double(bytes.count) / 1e6 / seconds,
                "sentences_per_second": Double(sentences) / seconds, "target_min_megabytes_per_second": 20.0])
    }
}
