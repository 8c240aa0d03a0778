import GlossaText

/// Where a term of an index comes from, and what matching it needs.
public struct IndexedTerm: Sendable {
    /// Index of the concept in the termbase.
    public let concept: Int
    /// Index of the term in the concept's `terms`.
    public let term: Int
    /// The term's tokens as written, for the case check of case-sensitive terms.
    let surfaces: [String]
    let caseSensitive: Bool
    /// Whether the term may be used (preferred or admitted).
    let isApproved: Bool
}

/// The terms of one language compiled into a token automaton: a trie over token keys, so a
/// text is scanned once whatever the number of terms. Immutable and shareable between
/// threads; each thread scans with its own `TermScanner`.
public struct TermIndex: Sendable {
    /// The language whose terms it holds.
    public let language: LanguageTag
    /// The terms, referred to by `TermMatch.entry`.
    public let entries: [IndexedTerm]
    /// Token keys that occur in some term, numbered.
    let vocabulary: [String: Int32]
    /// Trie edges: (node << 32 | token id) → child node. Node 0 is the root.
    let transitions: IntegerTable
    /// Edges for `|`-marked stems: the folded token must start with the prefix.
    let prefixEdges: [Int32: [(prefix: String, child: Int32)]]
    /// Entries that end at node n: `acceptingEntries[acceptingOffsets[n]..<acceptingOffsets[n + 1]]`.
    private let acceptingOffsets: [Int32]
    private let acceptingEntries: [Int32]
    /// Whether any term has a `|` stem marker (most glossaries have none, and the scanner
    /// then never looks for prefix edges).
    let hasPrefixEdges: Bool

    /// Compiles the terms of `termbase` in `language` (matching the primary language, so a
    /// "ru" glossary serves "ru-RU" text).
    public init(termbase: Termbase, language: LanguageTag) throws {
        self.language = language
        let keys = try TermKeyMaker(language: language)
        var vocabulary: [String: Int32] = [:]
        var transitions = IntegerTable()
        var prefixEdges: [Int32: [(prefix: String, child: Int32)]] = [:]
        var accepting: [Int32: [Int32]] = [:]
        var entries: [IndexedTerm] = []
        var nodeCount: Int32 = 1

        for (conceptIndex, concept) in termbase.concepts.enumerated() {
            for (termIndex, term) in concept.terms.enumerated() where term.language.language == language.language {
                let tokens = Self.tokens(of: term, keys: keys)
                guard !tokens.isEmpty else { continue }
                var node: Int32 = 0
                for token in tokens {
                    if token.isPrefix {
                        if let edge = prefixEdges[node]?.first(where: { $0.prefix == token.keys[0] }) {
                            node = edge.child
                        } else {
                            prefixEdges[node, default: []].append((token.keys[0], nodeCount))
                            node = nodeCount
                            nodeCount += 1
                        }
                        continue
                    }
                    // The stem is the main key; the folded word is a second one, because a
                    // stemmer may cut a term's base form further than its inflections
                    // (Snowball: "кыргызстан" → "кыргызста", "кыргызстане" → "кыргызстан").
                    let ids = token.keys.map { key in
                        vocabulary[key] ?? {
                            let id = Int32(vocabulary.count)
                            vocabulary[key] = id
                            return id
                        }()
                    }
                    let child = ids.lazy.compactMap { transitions.value(for: Self.edge(node, $0)) }.first ?? {
                        nodeCount += 1
                        return nodeCount - 1
                    }()
                    for id in ids where transitions.value(for: Self.edge(node, id)) == nil { transitions.set(child, for: Self.edge(node, id)) }
                    node = child
                }
                accepting[node, default: []].append(Int32(entries.count))
                entries.append(IndexedTerm(concept: conceptIndex, term: termIndex, surfaces: tokens.map(\.surface),
                                           caseSensitive: term.matchesCase, isApproved: term.effectiveStatus.isApproved))
            }
        }
        self.vocabulary = vocabulary
        self.transitions = transitions
        self.prefixEdges = prefixEdges
        var offsets = [Int32](repeating: 0, count: Int(nodeCount) + 1)
        var flat: [Int32] = []
        for node in 0..<Int(nodeCount) {
            offsets[node] = Int32(flat.count)
            flat += accepting[Int32(node)] ?? []
        }
        offsets[Int(nodeCount)] = Int32(flat.count)
        acceptingOffsets = offsets
        acceptingEntries = flat
        hasPrefixEdges = !prefixEdges.isEmpty
        self.entries = entries
    }

    /// The entries whose terms end at `node`.
    func ends(at node: Int32) -> ArraySlice<Int32> {
        acceptingEntries[Int(acceptingOffsets[Int(node)])..<Int(acceptingOffsets[Int(node) + 1])]
    }

    /// True when no term of the language was indexed.
    public var isEmpty: Bool { entries.isEmpty }

    /// The trie edge key for a token id leaving a node.
    static func edge(_ node: Int32, _ id: Int32) -> UInt64 {
        UInt64(UInt32(node)) << 32 | UInt64(UInt32(id))
    }

    /// A term cut into tokens, each with its keys (stem first, then the folded word when it
    /// differs); a token followed by `|` is a stem prefix with its folded form as only key.
    private static func tokens(of term: Term, keys: TermKeyMaker) -> [(keys: [String], surface: String, isPrefix: Bool)] {
        var result: [(keys: [String], surface: String, isPrefix: Bool)] = []
        for piece in keys.pieces(of: term.text.normalized(.nfc)) {
            if piece.surface == "|" {
                if let last = result.popLast() { result.append(([TermKeyMaker.folded(last.surface)], last.surface, true)) }
                continue
            }
            let key = keys.key(for: piece.surface)
            let folded = TermKeyMaker.folded(piece.surface)
            result.append((key == folded ? [key] : [key, folded], piece.surface, false))
        }
        return result
    }
}
