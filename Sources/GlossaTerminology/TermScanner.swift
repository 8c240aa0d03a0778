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
    /// Token as written → vocabulary id (-1 when no term has it). Word frequencies are
    /// skewed, so most tokens skip folding and stemming.
    private var cache: [String: Int32] = [:]
    private static let cacheLimit = 200_000

    /// A scanner over `index`.
    public init(index: TermIndex) throws {
        self.index = index
        keys = try TermKeyMaker(language: index.language)
    }

    /// Every occurrence of every term in `text`, overlapping ones included, ordered by start
    /// and then by length, longest first.
    public func matches(in text: String) -> [TermMatch] {
        guard !index.isEmpty else { return [] }
        let pieces = keys.pieces(of: text)
        let ids = pieces.map(id(of:))
        var folded = [String?](repeating: nil, count: pieces.count)
        var found: [TermMatch] = []
        for first in pieces.indices {
            if ids[first] < 0 && index.prefixEdges[0] == nil { continue }
            var node: Int32 = 0
            var position = first
            while position < pieces.count {
                guard let next = step(from: node, id: ids[position], position: position, pieces: pieces, folded: &folded)
                else { break }
                node = next
                if let ends = index.accepting[node] {
                    for entry in ends where caseMatches(index.entries[Int(entry)], pieces[first...position]) {
                        found.append(TermMatch(entry: Int(entry), start: pieces[first].start, end: pieces[position].end))
                    }
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

    private func id(of piece: TermKeyMaker.Piece) -> Int32 {
        if let id = cache[piece.surface] { return id }
        let id = index.vocabulary[keys.key(for: piece.surface)] ?? -1
        if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[piece.surface] = id
        return id
    }

    private func step(from node: Int32, id: Int32, position: Int, pieces: [TermKeyMaker.Piece],
                      folded: inout [String?]) -> Int32? {
        if id >= 0, let child = index.transitions[TermIndex.edge(node, id)] { return child }
        guard let edges = index.prefixEdges[node] else { return nil }
        let form = folded[position] ?? TermKeyMaker.folded(pieces[position].surface)
        folded[position] = form
        return edges.first { form.hasPrefix($0.prefix) }?.child
    }

    /// A case-sensitive term's tokens must begin each matched token exactly as written
    /// ("CSTO" matches "CSTO's", not "Csto").
    private func caseMatches(_ entry: IndexedTerm, _ tokens: ArraySlice<TermKeyMaker.Piece>) -> Bool {
        guard entry.caseSensitive else { return true }
        return zip(entry.surfaces, tokens).allSatisfy { $1.surface.hasPrefix($0) }
    }
}
