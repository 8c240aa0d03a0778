import GlossaCore
import GlossaText

/// How much of a segment a TM already covers, in the bands CAT tools quote and plan with.
public enum MatchBand: String, Sendable, CaseIterable, Codable {
    /// The same segment (in lookup form) occurred earlier in the analysed files.
    case repetitions
    /// An exact match stored in the segment's context (between the same neighbours).
    case context = "101"
    case exact = "100"
    case high = "95-99"
    case good = "85-94"
    case fair = "75-84"
    case low = "50-74"
    case noMatch = "no-match"

    /// The band of a best TM score (nil: nothing of 50 or more).
    public init(score: Int?) {
        switch score ?? 0 {
        case contextMatchScore...: self = .context
        case 100...: self = .exact
        case 95..<100: self = .high
        case 85..<95: self = .good
        case 75..<85: self = .fair
        case 50..<75: self = .low
        default: self = .noMatch
        }
    }

    /// The band's name for people.
    public var label: String {
        switch self {
        case .repetitions: "Repetitions"
        case .context: "Context (101%)"
        case .exact: "100%"
        case .high: "95–99%"
        case .good: "85–94%"
        case .fair: "75–84%"
        case .low: "50–74%"
        case .noMatch: "No match"
        }
    }
}

/// Segments and words counted in one band.
public struct BandCount: Sendable, Equatable, Encodable {
    public let band: MatchBand
    public var segments = 0
    public var words = 0
}

/// The counts per band of one file, or of all of them.
public struct AnalysisReport: Sendable, Equatable, Encodable {
    /// The file, or nil for the total.
    public let file: String?
    /// Every band, in order, zeros included.
    public internal(set) var bands: [BandCount] = MatchBand.allCases.map { BandCount(band: $0) }

    /// Segments and words in all bands.
    public var segments: Int { bands.reduce(0) { $0 + $1.segments } }
    public var words: Int { bands.reduce(0) { $0 + $1.words } }

    mutating func add(_ band: MatchBand, words: Int) {
        let index = MatchBand.allCases.firstIndex(of: band)!
        bands[index].segments += 1
        bands[index].words += words
    }

    enum CodingKeys: String, CodingKey { case file, bands, segments, words }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(bands, forKey: .bands)
        try container.encode(segments, forKey: .segments)
        try container.encode(words, forKey: .words)
    }
}

/// Analyses documents against the TM as CAT tools do before a job: every segment's best
/// match puts it and its words in a band, an exact match stored between the same neighbouring
/// segments in the context band (101); a segment seen before in the same analysis is a
/// repetition instead (its first occurrence carries the match). Words are what scoring
/// counts: ICU word-break words and numbers, inline codes left out.
public struct Analysis {
    private let lookup: TMLookup
    private let policy: MatchPolicy
    private let tokenizer: MatchTokenizer
    private var seen = Set<String>()
    /// The counts over every file analysed so far.
    public private(set) var total = AnalysisReport(file: nil)

    /// An analysis through `lookup` (its languages and TM), scoring by `policy`.
    public init(lookup: TMLookup, policy: MatchPolicy = .standard) throws {
        self.lookup = lookup
        self.policy = policy
        tokenizer = try MatchTokenizer(language: lookup.from)
    }

    /// Counts the segments of one file, in order, and adds them to `total`; `progress` hears
    /// how many segments of the file are done.
    public mutating func add(file: String, segments: [String], progress: (Int) -> Void = { _ in }) throws -> AnalysisReport {
        var report = AnalysisReport(file: file)
        for (index, segment) in segments.enumerated() {
            defer { progress(index + 1) }
            let words = tokenizer.tokens(of: segment).words.count
            let band: MatchBand = seen.insert(segment.normalizedForLookup()).inserted
                ? MatchBand(score: try lookup.bestScore(for: segment, context: .neighbours(of: index, in: segments), policy: policy, minimum: 50))
                : .repetitions
            report.add(band, words: words)
            total.add(band, words: words)
        }
        return report
    }
}
