import GlossaText

/// A term found in a text.
public struct TermMatch: Sendable, Hashable {
    /// Index into the scanned index's `entries`.
    public let entry: Int
    /// UTF-8 offsets of the matched text.
    public let start: Int
    public let end: Int
}

/// Finds the terms of a `TermIndex` in texts of its language, in one pass over the tokens.
/// Not thread safe (it holds an ICU break iterator, a stemmer and a cache): one per task.
public final class TermScanner {
    /// The index it scans with.
    public let index: TermIndex
    private let keys: TermKeyMaker
    /// Token bytes (by 64-bit FNV-1a hash) → vocabulary id, -1 when no term has the token.
    /// Word frequencies are skewed, so most tokens are looked up without building a string,
    /// folding or stemming.
    private var cache = IntegerTable(capacity: 1 << 10)
    private static let cacheLimit = 200_000
    /// Token ranges and ids of the text being scanned; their storage is reused.
    private var rangeBuffer: [Range<Int>] = []
    private var idBuffer: [Int32] = []

    /// A scanner over `index`.
    public init(index: TermIndex) throws {
        self.index = index
        keys = try TermKeyMaker(language: index.language)
    }

    /// Every occurrence of every term in `text`, overlapping ones included, ordered by start
    /// and then by length, longest first.
    public func matches(in text: String) -> [TermMatch] {
        guard !index.isEmpty else { return [] }
        var text = text
        var ranges = rangeBuffer
        var ids = idBuffer
        text.withUTF8 { utf8 in
            keys.tokenRanges(in: utf8, into: &ranges)
            ids.removeAll(keepingCapacity: true)
            for range in ranges { ids.append(id(of: UnsafeBufferPointer(rebasing: utf8[range]))) }
        }
        defer {
            rangeBuffer = ranges
            idBuffer = ids
        }
        let index = self.index
        // Token strings are needed only for case checks and stem prefixes: made on demand.
        var surfaces: [Int: String] = [:]
        func surface(_ position: Int) -> String {
            if let known = surfaces[position] { return known }
            let made = String(text[utf8: ranges[position]])
            surfaces[position] = made
            return made
        }
        var found: [TermMatch] = []
        let rootHasPrefixEdges = index.hasPrefixEdges && index.prefixEdges[0] != nil
        for first in ranges.indices {
            if ids[first] < 0 && !rootHasPrefixEdges { continue }
            var node: Int32 = 0
            var position = first
            while position < ranges.count {
                guard let next = step(index, from: node, id: ids[position], surface: { surface(position) }) else { break }
                node = next
                for entry in index.ends(at: node) where caseMatches(index.entries[Int(entry)], (first...position).map(surface)) {
                    found.append(TermMatch(entry: Int(entry), start: ranges[first].lowerBound, end: ranges[position].upperBound))
                }
                position += 1
            }
        }
        return found.sorted { ($0.start, $1.end) < ($1.start, $0.end) }
    }

    /// The matches no longer match contains: leftmost first, the longest at each place, so
    /// "CSTO Secretariat" is one term, not "CSTO" inside it.
    public func longestMatches(in text: String) -> [TermMatch] {
        Self.longest(of: matches(in: text))
    }

    /// The longest non-overlapping matches among `matches` (ordered as `matches(in:)` orders them).
    public static func longest(of matches: [TermMatch]) -> [TermMatch] {
        var result: [TermMatch] = []
        for match in matches where result.last.map({ match.start >= $0.end }) ?? true {
            result.append(match)
        }
        return result
    }

    private func id(of token: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = IntegerTable.key(of: token)
        if let id = cache.value(for: hash) { return id }
        let id = index.vocabulary[keys.key(for: String(decoding: token, as: UTF8.self))] ?? -1
        if cache.count >= Self.cacheLimit { cache.removeAll() }
        cache.set(id, for: hash)
        return id
    }

    private func step(_ index: TermIndex, from node: Int32, id: Int32, surface: () -> String) -> Int32? {
        if id >= 0, let child = index.transitions.value(for: TermIndex.edge(node, id)) { return child }
        guard index.hasPrefixEdges, let edges = index.prefixEdges[node] else { return nil }
        let form = TermKeyMaker.folded(surface())
        return edges.first { form.hasPrefix($0.prefix) }?.child
    }

    /// A case-sensitive term's tokens must begin each matched token exactly as written
    /// ("CSTO" matches "CSTO's", not "Csto").
    private func caseMatches(_ entry: IndexedTerm, _ tokens: @autoclosure () -> [String]) -> Bool {
        guard entry.caseSensitive else { return true }
        return zip(entry.surfaces, tokens()).allSatisfy { $1.hasPrefix($0) }
    }
}
