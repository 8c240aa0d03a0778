import Foundation
import GlossaCore
import GlossaFormats
import GlossaSegmentation
import GlossaTerminology
import GlossaText

/// An aligned pair of segment groups, with their text: what `glossa align` reports.
public struct AlignedBead: Sendable, Equatable, Codable {
    /// 0-based indices of the source segments.
    public var source: [Int]
    /// 0-based indices of the target segments.
    public var target: [Int]
    /// How sure the aligner is, 0…1.
    public var confidence: Double
    /// The source segments joined by a space.
    public var sourceText: String
    /// The target segments joined by a space.
    public var targetText: String

    enum CodingKeys: String, CodingKey {
        case source, target, confidence
        case sourceText = "source_text"
        case targetText = "target_text"
    }
}

/// A document cut for alignment: its segments and the blocks they fall in.
public struct SegmentedDocument: Sendable {
    /// Segments (sentences, or lines with `segmented`), in order.
    public var segments: [String]
    /// For each block (paragraph, heading, list item), the range of its segments.
    public var blocks: [Range<Int>]

    public init(segments: [String], blocks: [Range<Int>]) {
        self.segments = segments
        self.blocks = blocks
    }

    /// A document read from `bytes` in `format`, split into sentences by `segmenter`.
    public static func read(bytes: [UInt8], file: String, format: DocumentFormat, segmenter: SentenceSegmenter) throws -> SegmentedDocument {
        let blocks = try DocumentSegmenter(segmenter: segmenter).segment(bytes: bytes, file: file, format: format)
        var document = SegmentedDocument(segments: [], blocks: [])
        for block in blocks {
            let start = document.segments.count
            document.segments += block.sentences.map(\.text)
            document.blocks.append(start..<document.segments.count)
        }
        return document
    }

    /// A file already cut one segment per line (as hunalign takes it): one block, blank lines skipped.
    public static func lines(of source: SourceText) -> SegmentedDocument {
        let segments = source.lines.compactMap { line -> String? in
            let scalars = line.unicodeScalars
            guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
                  let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return nil }
            return String(scalars[first...last])
        }
        return SegmentedDocument(segments: segments, blocks: [0..<segments.count])
    }
}

/// Aligns a document with its translation in two levels: blocks first (a block may merge or
/// split), then the sentences inside each aligned group of blocks.
public struct DocumentAligner {
    public let sourceLanguage: LanguageTag
    public let targetLanguage: LanguageTag
    /// Glossary whose term pairs anchor the alignment.
    public let glossary: Termbase?

    public init(sourceLanguage: LanguageTag, targetLanguage: LanguageTag, glossary: Termbase? = nil) {
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.glossary = glossary
    }

    /// The beads aligning `source` with `target`, covering every segment of both in order.
    public func align(_ source: SegmentedDocument, _ target: SegmentedDocument) throws -> [AlignedBead] {
        let vocabulary = AnchorExtractor.Vocabulary()
        let checker = glossary.map { TermChecker(termbase: $0) }
        let sourceAnchors = try AnchorExtractor(language: sourceLanguage, vocabulary: vocabulary,
                                                terms: try checker?.scanner(for: sourceLanguage))
        let targetAnchors = try AnchorExtractor(language: targetLanguage, vocabulary: vocabulary,
                                                terms: try checker?.scanner(for: targetLanguage))
        // The two sides' anchors are found on two threads; they share only the vocabulary,
        // which interns under a lock.
        nonisolated(unsafe) var sourceItems: [AlignmentItem] = []
        nonisolated(unsafe) var targetItems: [AlignmentItem] = []
        nonisolated(unsafe) let extractors = (sourceAnchors, targetAnchors)
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            if side == 0 {
                sourceItems = source.segments.map { AlignmentItem(length: $0.unicodeScalars.count, anchors: extractors.0.anchors(of: $0)) }
            } else {
                targetItems = target.segments.map { AlignmentItem(length: $0.unicodeScalars.count, anchors: extractors.1.anchors(of: $0)) }
            }
        }
        // The variance comes from the language pair's estimate; the ratio from the two
        // documents themselves, which knows their domain better than any table.
        var model = LengthModel.forPair(source: sourceLanguage.language, target: targetLanguage.language)
        let totals = (sourceItems.reduce(0) { $0 + $1.length }, targetItems.reduce(0) { $0 + $1.length })
        if totals.0 > 200 && totals.1 > 200 { model.ratio = min(2, max(0.5, Double(totals.1) / Double(totals.0))) }
        let aligner = BeadAligner(model: model)

        // Level 1: blocks, each the sum of its sentences.
        func blockItems(_ document: SegmentedDocument, _ items: [AlignmentItem]) -> [AlignmentItem] {
            document.blocks.map { range in
                AlignmentItem(length: items[range].reduce(0) { $0 + $1.length }, anchors: items[range].flatMap(\.anchors).sorted())
            }
        }
        let blockBeads = source.blocks.count > 1 || target.blocks.count > 1
            ? aligner.align(blockItems(source, sourceItems), blockItems(target, targetItems))
            : [Bead(source: 0..<source.blocks.count, target: 0..<target.blocks.count, confidence: 1)]

        // Level 2: sentences inside each group of aligned blocks.
        var beads: [AlignedBead] = []
        for blockBead in blockBeads {
            let sourceRange = Self.segments(of: blockBead.source, in: source)
            let targetRange = Self.segments(of: blockBead.target, in: target)
            for bead in aligner.align(Array(sourceItems[sourceRange]), Array(targetItems[targetRange])) {
                let sourceIndices = Array(bead.source).map { $0 + sourceRange.lowerBound }
                let targetIndices = Array(bead.target).map { $0 + targetRange.lowerBound }
                beads.append(AlignedBead(
                    source: sourceIndices, target: targetIndices,
                    confidence: (bead.confidence * 1000).rounded() / 1000,
                    sourceText: sourceIndices.map { source.segments[$0] }.joined(separator: " "),
                    targetText: targetIndices.map { target.segments[$0] }.joined(separator: " ")))
            }
        }
        return beads
    }

    /// The segments of a range of blocks.
    private static func segments(of blocks: Range<Int>, in document: SegmentedDocument) -> Range<Int> {
        guard !blocks.isEmpty else {
            let at = blocks.lowerBound < document.blocks.count ? document.blocks[blocks.lowerBound].lowerBound : document.segments.count
            return at..<at
        }
        return document.blocks[blocks.lowerBound].lowerBound..<document.blocks[blocks.upperBound - 1].upperBound
    }
}
