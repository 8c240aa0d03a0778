import Foundation

/// One item to align: a sentence or a block, with its length in characters and its anchors.
public struct AlignmentItem: Sendable {
    /// Length in Unicode scalars.
    public var length: Int
    /// Sorted anchor ids (see `AnchorExtractor`).
    public var anchors: [Int32]

    public init(length: Int, anchors: [Int32]) {
        self.length = length
        self.anchors = anchors
    }
}

/// A bead: consecutive source items aligned with consecutive target items (either may be empty).
public struct Bead: Sendable, Equatable {
    /// Indices of the source items.
    public var source: Range<Int>
    /// Indices of the target items.
    public var target: Range<Int>
    /// How sure the aligner is, 0…1.
    public var confidence: Double
}

/// Dynamic programming over two item sequences with beads 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2,
/// scored by a length model and lexical anchors, inside a band around the diagonal so time
/// and memory grow linearly with the length of the documents.
public struct BeadAligner {
    /// The length model for the language pair.
    public var model: LengthModel
    /// Nats gained per strong anchor shared by the two sides of a bead.
    public var anchorReward = 2.0
    /// Nats lost per strong anchor on one side only.
    public var anchorPenalty = 0.8
    /// Nats gained per weak anchor (punctuation) shared.
    public var weakReward = 0.3

    /// Bead shapes with Gale and Church's prior probabilities.
    static let shapes: [(source: Int, target: Int, cost: Double)] = [
        (1, 1, -log(0.89)), (1, 0, -log(0.0099 / 2)), (0, 1, -log(0.0099 / 2)),
        (2, 1, -log(0.089 / 2)), (1, 2, -log(0.089 / 2)), (2, 2, -log(0.011)),
    ]

    public init(model: LengthModel) {
        self.model = model
    }

    /// The best sequence of beads covering both sequences, in order. The band around the
    /// proportional diagonal is 3·√n wide (at least 32): a translation drifts from the
    /// diagonal locally, not by thousands of segments (the block level absorbs large shifts).
    public func align(_ source: [AlignmentItem], _ target: [AlignmentItem]) -> [Bead] {
        let n = source.count, m = target.count
        if n == 0 || m == 0 {
            return (0..<n).map { Bead(source: $0..<$0 + 1, target: 0..<0, confidence: 0.25) }
                + (0..<m).map { Bead(source: n..<n, target: $0..<$0 + 1, confidence: 0.25) }
        }
        let sides = (Side(source), Side(target))
        let width = max(32, Int((Double(max(n, m)).squareRoot() * 3).rounded()))
        let lows = (0...n).map { max(0, $0 * m / n - width) }
        let highs = (0...n).map { min(m, $0 * m / n + width) }
        let span = 2 * width + 2
        var costs = [Double](repeating: .infinity, count: (n + 1) * span)
        var moves = [UInt8](repeating: 255, count: (n + 1) * span)
        func slot(_ i: Int, _ j: Int) -> Int? {
            let offset = j - lows[i]
            return offset >= 0 && j <= highs[i] && offset < span ? i * span + offset : nil
        }
        costs[slot(0, 0)!] = 0
        // The anchor arrays are pinned once for the whole loop.
        sides.0.flat.withUnsafeBufferPointer { left in
        sides.1.flat.withUnsafeBufferPointer { right in
        let anchors = (left, right)
        for i in 0...n {
            for j in lows[i]...highs[i] where !(i == 0 && j == 0) {
                guard let here = slot(i, j) else { continue }
                var best = Double.infinity
                var bestMove: UInt8 = 255
                for (index, shape) in Self.shapes.enumerated() {
                    let si = i - shape.source, tj = j - shape.target
                    guard si >= 0, tj >= 0, let previous = slot(si, tj), costs[previous] < .infinity else { continue }
                    let cost = costs[previous] + shape.cost + beadCost(sides, anchors, si..<i, tj..<j)
                    if cost < best {
                        best = cost
                        bestMove = UInt8(index)
                    }
                }
                costs[here] = best
                moves[here] = bestMove
            }
        }
        }
        }
        var beads: [Bead] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            guard let here = slot(i, j), moves[here] != 255 else { break }
            let shape = Self.shapes[Int(moves[here])]
            let bead = (source: i - shape.source..<i, target: j - shape.target..<j)
            beads.append(Bead(source: bead.source, target: bead.target, confidence: confidence(sides, bead.source, bead.target)))
            i -= shape.source
            j -= shape.target
        }
        return beads.reversed()
    }

    /// One side's items prepared for the inner loop: length prefix sums, and the anchors of
    /// each item and of each pair of neighbours in one flat array with offsets, so a bead
    /// does not allocate. A class, so passing it does not retain four arrays.
    final class Side {
        let prefix: [Int]
        /// Anchors of item i: `flat[starts[i]..<starts[i + 1]]`; of the pair (i, i+1):
        /// `flat[pairStarts[i]..<pairStarts[i + 1]]`.
        let flat: [Int32]
        let starts: [Int]
        let pairStarts: [Int]

        init(_ items: [AlignmentItem]) {
            var prefix = [0]
            for item in items { prefix.append(prefix.last! + item.length) }
            self.prefix = prefix
            var flat: [Int32] = []
            var starts = [0]
            for item in items {
                flat += item.anchors
                starts.append(flat.count)
            }
            var pairStarts = [flat.count]
            for index in items.indices.dropLast() {
                flat += (items[index].anchors + items[index + 1].anchors).sorted()
                pairStarts.append(flat.count)
            }
            self.flat = flat
            self.starts = starts
            self.pairStarts = pairStarts
        }

        func length(_ range: Range<Int>) -> Int { prefix[range.upperBound] - prefix[range.lowerBound] }

        /// The anchors of one item or of a pair of neighbours, as positions in `flat`.
        func anchors(_ range: Range<Int>) -> Range<Int> {
            switch range.count {
            case 1: starts[range.lowerBound]..<starts[range.lowerBound + 1]
            case 2: pairStarts[range.lowerBound]..<pairStarts[range.lowerBound + 1]
            default: 0..<0
            }
        }
    }

    /// Length and anchor cost of putting these items together.
    func beadCost(_ sides: (Side, Side), _ anchors: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>),
                  _ source: Range<Int>, _ target: Range<Int>) -> Double {
        // A segment left untranslated costs its prior only: the length model measures how
        // well two lengths agree, and against nothing it would price an omission so high that
        // merging the segment into a neighbour's bead always looked cheaper.
        guard !source.isEmpty && !target.isEmpty else { return 0 }
        var cost = model.cost(source: sides.0.length(source), target: sides.1.length(target))
        let agreement = Self.agreement(UnsafeBufferPointer(rebasing: anchors.0[sides.0.anchors(source)]),
                                       UnsafeBufferPointer(rebasing: anchors.1[sides.1.anchors(target)]))
        cost -= anchorReward * Double(agreement.strongShared) + weakReward * Double(agreement.weakShared)
        cost += anchorPenalty * Double(agreement.strongUnmatched)
        return cost
    }

    /// Counts of shared anchors (strong and names; weak) and of strong anchors without a
    /// partner, between two sorted anchor lists (multiset intersection).
    static func agreement(_ sides: (Side, Side), _ first: Range<Int>, _ second: Range<Int>)
        -> (strongShared: Int, weakShared: Int, strongUnmatched: Int) {
        sides.0.flat.withUnsafeBufferPointer { left in
            sides.1.flat.withUnsafeBufferPointer { right in
                agreement(UnsafeBufferPointer(rebasing: left[first]), UnsafeBufferPointer(rebasing: right[second]))
            }
        }
    }

    static func agreement(_ a: UnsafeBufferPointer<Int32>, _ b: UnsafeBufferPointer<Int32>)
        -> (strongShared: Int, weakShared: Int, strongUnmatched: Int) {
        func kind(_ id: Int32) -> AnchorKind { AnchorKind(rawValue: id & 3) ?? .weak }
        var x = 0, y = 0
        var strongShared = 0, weakShared = 0, unmatched = 0
        while x < a.count && y < b.count {
            if a[x] == b[y] {
                if kind(a[x]) == .weak { weakShared += 1 } else { strongShared += 1 }
                x += 1
                y += 1
            } else if a[x] < b[y] {
                if kind(a[x]) == .strong { unmatched += 1 }
                x += 1
            } else {
                if kind(b[y]) == .strong { unmatched += 1 }
                y += 1
            }
        }
        while x < a.count { if kind(a[x]) == .strong { unmatched += 1 }; x += 1 }
        while y < b.count { if kind(b[y]) == .strong { unmatched += 1 }; y += 1 }
        return (strongShared, weakShared, unmatched)
    }

    /// Confidence of a bead, 0…1: how well the lengths agree (the length model's two-sided
    /// tail probability) and, when the bead has strong anchors or names, how many of them
    /// found a partner, which then weighs more; a bead merging segments is discounted by its
    /// rarity, and a one-sided bead is never sure.
    func confidence(_ sides: (Side, Side), _ source: Range<Int>, _ target: Range<Int>) -> Double {
        // A segment left without translation may be an omission or a misalignment.
        guard !source.isEmpty && !target.isEmpty else { return 0.25 }
        let lengthAgreement = exp(-model.cost(source: sides.0.length(source), target: sides.1.length(target)))
        let agreement = Self.agreement(sides, sides.0.anchors(source), sides.1.anchors(target))
        let anchored = agreement.strongShared + agreement.strongUnmatched
        let value = anchored == 0 ? lengthAgreement
            : 0.3 * lengthAgreement + 0.7 * Double(agreement.strongShared) / Double(anchored)
        return (source.count == 1 && target.count == 1 ? 1.0 : 0.85) * value
    }
}
