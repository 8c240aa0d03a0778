import Foundation
import GlossaText

/// The `length` rule: translations much longer or shorter than the language pair's usual
/// ratio, learnt from the pairs checked (a TM's own units, or the files of one check).
///
/// A pair is measured in Unicode scalars when its source has at least 20 (short strings vary
/// too much to tell). The usual ratio is the median of log(target/source) per language pair
/// and its spread the median absolute deviation (robust: the outliers sought do not move
/// them); a pair is reported beyond 4 deviations (at least ±0.35, a factor of 1.4). The
/// median is read from a histogram of all pairs, so memory stays bounded: the first 1,000
/// pairs of a language pair are kept, and after them only those more than 2.5 deviations
/// from the first 1,000's estimate, the candidates. At least 30 pairs are needed.
public struct LengthRatios<Place: Sendable>: Sendable {
    /// A pair reported, with its ratio and the usual range.
    public struct Outlier: Sendable {
        public var place: Place
        public var ratio: Double
        public var usual: ClosedRange<Double>
        public var languages: String
    }

    private struct Sample: Sendable {
        var logRatio: Float
        var place: Place
    }

    private struct Direction: Sendable {
        var histogram = [Int](repeating: 0, count: LengthRatios.binCount)
        var count = 0
        var samples: [Sample] = []
        var prior: (median: Double, spread: Double)?
    }

    static var binCount: Int { 800 }
    static var binWidth: Double { 0.01 }
    static var minimumSourceLength: Int { 20 }
    private var directions: [String: Direction] = [:]

    public init() {}

    /// Records a pair's lengths at `place`.
    public mutating func record(source: String, target: String, languages: String, place: Place) {
        let sourceLength = Self.scalarCount(source)
        guard sourceLength >= Self.minimumSourceLength else { return }
        let targetLength = max(Self.scalarCount(target), 1)
        let logRatio = log(Double(targetLength) / Double(sourceLength))
        var direction = directions[languages] ?? Direction()
        direction.histogram[Self.bin(logRatio)] += 1
        direction.count += 1
        if let prior = direction.prior {
            if abs(logRatio - prior.median) > 2.5 * prior.spread { direction.samples.append(Sample(logRatio: Float(logRatio), place: place)) }
        } else {
            direction.samples.append(Sample(logRatio: Float(logRatio), place: place))
            if direction.samples.count == 1_000 {
                let values = direction.samples.map { Double($0.logRatio) }
                direction.prior = Self.statistics(values)
            }
        }
        directions[languages] = direction
    }

    /// The pairs beyond the usual range of their language pair, in the order recorded.
    public func outliers() -> [Outlier] {
        var found: [Outlier] = []
        for (languages, direction) in directions.sorted(by: { $0.key < $1.key }) where direction.count >= 30 {
            let (median, spread) = Self.histogramStatistics(direction.histogram)
            let limit = max(4 * spread, 0.35)
            let usual = exp(median - limit)...exp(median + limit)
            for sample in direction.samples where abs(Double(sample.logRatio) - median) > limit {
                found.append(Outlier(place: sample.place, ratio: exp(Double(sample.logRatio)), usual: usual, languages: languages))
            }
        }
        return found
    }

    /// The Unicode scalars of `text`, counted as the UTF-8 bytes that start one.
    private static func scalarCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
    }

    private static func bin(_ logRatio: Double) -> Int {
        min(max(Int((logRatio / binWidth).rounded(.down)) + binCount / 2, 0), binCount - 1)
    }

    private static func center(_ bin: Int) -> Double { (Double(bin - binCount / 2) + 0.5) * binWidth }

    /// Median and scaled median absolute deviation of `values`.
    private static func statistics(_ values: [Double]) -> (median: Double, spread: Double) {
        let sorted = values.sorted()
        let median = sorted[sorted.count / 2]
        let deviations = sorted.map { abs($0 - median) }.sorted()
        return (median, max(1.4826 * deviations[deviations.count / 2], 0.05))
    }

    /// The same, read from a histogram.
    private static func histogramStatistics(_ histogram: [Int]) -> (median: Double, spread: Double) {
        let total = histogram.reduce(0, +)
        var seen = 0
        var medianBin = 0
        for (bin, count) in histogram.enumerated() {
            seen += count
            if seen * 2 >= total { medianBin = bin; break }
        }
        let median = center(medianBin)
        let deviations = histogram.indices.map { (abs(center($0) - median), histogram[$0]) }.sorted { $0.0 < $1.0 }
        seen = 0
        for (deviation, count) in deviations {
            seen += count
            if seen * 2 >= total { return (median, max(1.4826 * deviation, 0.05)) }
        }
        return (median, 0.05)
    }
}
