import GlossaCore
import GlossaMemory
import GlossaText

/// What a translator types into a concordance search, turned into a `FullTextQuery` that
/// cannot be a syntax error: words (all must occur, in any order), "quoted phrases" (words
/// in sequence), and a `*` at the end of a word or phrase for a prefix. Words are cut and
/// case-folded by the same ICU tokenizer as the index, so any script works.
public struct ConcordanceQuery: Sendable, Equatable {
    /// The parts searched for, each a phrase of one or more words, maybe a prefix.
    public struct Part: Sendable, Equatable {
        public let text: String
        public let isPrefix: Bool
    }

    public let parts: [Part]

    /// A query of these parts, as parsed.
    init(parts: [Part]) {
        self.parts = parts
    }

    /// Parses `query`; throws `InputError` when it holds nothing to search for.
    public init(parsing query: String) throws {
        var parts: [Part] = []
        var rest = Substring(query)
        while let first = rest.first {
            if first.isWhitespace {
                rest = rest.dropFirst()
                continue
            }
            var text: Substring
            if first == "\"" {
                let body = rest.dropFirst()
                let close = body.firstIndex(of: "\"") ?? body.endIndex
                text = body[..<close]
                rest = close == body.endIndex ? body[close...] : body[body.index(after: close)...]
            } else {
                let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
                text = rest[..<end]
                rest = rest[end...]
            }
            var isPrefix = false
            if rest.first == "*" {
                isPrefix = true
                rest = rest.dropFirst()
            } else if text.hasSuffix("*") {
                isPrefix = true
                text = text.dropLast()
            }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { parts.append(Part(text: trimmed, isPrefix: isPrefix)) }
        }
        guard !parts.isEmpty else { throw InputError("nothing to search for in \"\(query)\"") }
        self.parts = Self.joiningNumberGroups(parts)
    }

    /// Words that are the digit groups of one number ("10 000": one to three digits, then
    /// groups of three), typed with spaces between them, made one part: the number is one
    /// token where the text groups it with U+202F, as Russian does.
    private static func joiningNumberGroups(_ parts: [Part]) -> [Part] {
        func isDigits(_ text: String, _ counts: ClosedRange<Int>) -> Bool {
            counts.contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
        }
        var joined: [Part] = []
        for part in parts {
            if let last = joined.last, !last.isPrefix, isDigits(part.text, 3...3),
               let groups = Optional(last.text.split(separator: " ").map(String.init)),
               isDigits(groups[0], 1...3), groups.dropFirst().allSatisfy({ isDigits($0, 3...3) }) {
                joined[joined.count - 1] = Part(text: last.text + " " + part.text, isPrefix: part.isPrefix)
            } else {
                joined.append(part)
            }
        }
        return joined
    }

    /// The query as the stores search for it: each part written as typed and, when it holds an
    /// apostrophe, with each of `MatchTokenizer.apostrophes`, or a number with its digit groups
    /// parted by U+202F (see `numberSpellings`).
    public var fullText: FullTextQuery {
        FullTextQuery(parts: parts.map { part in
            FullTextQuery.Part(spellings: Self.apostropheSpellings(of: part.text).flatMap(Self.numberSpellings), isPrefix: part.isPrefix)
        })
    }

    /// `text`, and, when it holds a number whose digit groups are parted by spaces, the text
    /// with U+202F between them: the number is then one token in the index, where a space
    /// (or a no-break space) leaves two, so "10 000" finds «10 000 рублей» written either way.
    static func numberSpellings(of text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        func isDigit(_ index: Int) -> Bool {
            scalars.indices.contains(index) && scalars[index].properties.generalCategory == .decimalNumber
        }
        // A space with a digit before it and a group of exactly three digits after it.
        func partsGroups(_ index: Int) -> Bool {
            isDigit(index - 1) && (1...3).allSatisfy { isDigit(index + $0) } && !isDigit(index + 4)
        }
        var narrow = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            narrow.append((scalar == " " || scalar == "\u{00A0}") && partsGroups(index) ? "\u{202F}" : scalar)
        }
        let spelled = String(narrow)
        return spelled == text ? [text] : [text, spelled]
    }

    /// `text` with its apostrophes written each way in turn (a text is consistent, so all
    /// alike), or `text` alone when it has none: "Organization's" alone would miss
    /// "Organization’s" in the full-text index, which keeps words as written.
    static func apostropheSpellings(of text: String) -> [String] {
        let apostrophes = MatchTokenizer.apostrophes
        guard text.unicodeScalars.contains(where: apostrophes.contains) else { return [text] }
        return apostrophes.map { apostrophe in
            String(String.UnicodeScalarView(text.unicodeScalars.map { apostrophes.contains($0) ? apostrophe : $0 }))
        }
    }
}

/// A concordance hit: the segment with the query's words marked, and its translation.
public struct ConcordanceHit: Sendable, Equatable, Encodable {
    /// The unit's id in the TM.
    public let unit: Int64
    /// The segment that matched, and its canonical language tag.
    public let text: String
    public let language: String
    /// The words of `text` that matched.
    public let highlights: [TextSpan]
    /// The unit's translation in the requested language, when it has one.
    @NullWhenAbsent public var translation: String?
    @NullWhenAbsent public var translationLanguage: String?
    /// Where in `translation` the phrase went, when the TM tells (`PhraseTranslation`).
    public var translationHighlights: [TextSpan] = []

    enum CodingKeys: String, CodingKey {
        case unit, text, language = "lang", highlights, translation, translationLanguage = "translation_lang"
        case translationHighlights = "translation_highlights"
    }
}

/// Full-text search of one language's segments, each hit shown beside its translation.
public struct Concordance {
    private let reader: any SearchIndexReader
    /// The language searched, and the language of the translations shown.
    public let from: LanguageTag, to: LanguageTag

    /// Cut the segments and their translations, to tell where a phrase went.
    private let sourceWords: MatchTokenizer, targetWords: MatchTokenizer

    /// A search of `memory`'s segments in `from`, showing translations in `to`.
    public init(memory: any UnitStore, from: LanguageTag, to: LanguageTag) throws {
        self.from = from
        self.to = to
        reader = try memory.searchReader()
        sourceWords = try MatchTokenizer(language: from)
        targetWords = try MatchTokenizer(language: to)
    }

    /// Page `page` (from 1) of the hits for `query`, `pageSize` per page, ranked as a
    /// translator reads (see `ConcordanceRanking`), newest first within a rank.
    public func search(_ query: ConcordanceQuery, page: Int = 1, pageSize: Int = 20) throws -> [ConcordanceHit] {
        try reader.reading { try hits(query, page: page, pageSize: pageSize) }
    }

    /// `search(_:page:pageSize:)`, inside its read transaction.
    private func hits(_ query: ConcordanceQuery, page: Int, pageSize: Int) throws -> [ConcordanceHit] {
        let offset = (page - 1) * pageSize
        let ranking = ConcordanceRanking(query, language: from, tokenizer: sourceWords)
        var rows: [ConcordanceRow]
        var ranks: [ConcordanceRanking.Rank] = []
        if let ranking, offset < ConcordanceRanking.window {
            // The newest hits of the query's words, ranked, then the page cut from them.
            let window = try reader.concordance(ranking.required, language: from, limit: ConcordanceRanking.window, offset: 0)
            let ranked = window.map { ($0, ranking.rank($0)) }.enumerated()
                .sorted { ($0.element.1.tier, $0.offset) < ($1.element.1.tier, $1.offset) }.map(\.element)
            rows = Array(ranked.dropFirst(offset).prefix(pageSize)).map(\.0)
            ranks = Array(ranked.dropFirst(offset).prefix(pageSize)).map(\.1)
        } else {
            rows = try reader.concordance(ranking?.required ?? query.fullText, language: from, limit: pageSize, offset: offset)
        }
        let units = try reader.units(Set(rows.map(\.unitID)))
        var hits = rows.enumerated().map { index, row in
            let translation = units[row.unitID]?.translation(into: to) { $0.id != row.variantID }
            let highlights = index < ranks.count ? ranks[index].highlights ?? row.highlights : row.highlights
            return ConcordanceHit(unit: row.unitID, text: row.text, language: row.language,
                                  highlights: TextSpan.spans(in: row.text, utf8: highlights),
                                  translation: translation?.text, translationLanguage: translation?.language)
        }
        markTranslations(of: &hits, query: query, ranks: ranks)
        return hits
    }

    /// Marks where the phrase searched for went in each hit's translation, when the hits
    /// holding it tell (`PhraseTranslation`): a quoted phrase, or several words as typed.
    private func markTranslations(of hits: inout [ConcordanceHit], query: ConcordanceQuery, ranks: [ConcordanceRanking.Rank]) {
        let phrase: [String]
        var holders: [Int]
        if query.parts.count == 1, !query.parts[0].isPrefix {
            phrase = sourceWords.tokens(of: query.parts[0].text).words
            holders = Array(hits.indices)
        } else {
            phrase = query.parts.flatMap { sourceWords.tokens(of: $0.text).words }
            holders = ranks.indices.filter { ranks[$0].tier == 0 }
        }
        holders = holders.filter { hits[$0].translation != nil }
        guard phrase.count >= 2, holders.count >= 2 else { return }
        let targets = holders.map { targetWords.tokens(of: hits[$0].translation!.normalized(.nfc)) }
        guard let shared = PhraseTranslation(phraseWords: phrase.count, sources: holders.map { sourceWords.tokens(of: hits[$0].text).words },
                                             translations: targets) else { return }
        for index in hits.indices {
            guard let translation = hits[index].translation else { continue }
            let nfc = translation.normalized(.nfc)
            if let range = shared.range(in: targetWords.tokens(of: nfc)) {
                hits[index].translation = nfc
                hits[index].translationHighlights = TextSpan.spans(in: nfc, utf8: [range])
            }
        }
    }
}

/// How a concordance of several words ranks its hits, as a translator reads them: the words as
/// the exact phrase typed first, then all of them close together (within three words more
/// than the query's), then anywhere; newest first within each. A stop word ("the", "of", "и")
/// is neither required nor highlighted nor ranked on, save inside the exact phrase, which is
/// marked whole. The newest `window` hits are ranked; pages beyond them go on newest first.
/// A query of one part (one word, one "quoted phrase") needs no ranking.
struct ConcordanceRanking {
    /// What a hit must hold: the query's parts without its stop words.
    let required: FullTextQuery
    /// The query's words in order, case-folded, stop words included: the exact phrase.
    private let phrase: [String]
    /// The words ranked on: those of the required parts.
    private let content: Set<String>
    private let tokenizer: MatchTokenizer

    /// The hits ranked per search.
    static let window = 300

    /// A hit's rank: 0 the exact phrase, 1 all words close, 2 anywhere; and the phrase's span
    /// when it holds it.
    struct Rank {
        let tier: Int
        let highlights: [Range<Int>]?
    }

    /// The ranking of `query` in `language`, whose words `tokenizer` cuts (the search's own),
    /// or nil when it needs none (one part, or a prefix).
    init?(_ query: ConcordanceQuery, language: LanguageTag, tokenizer: MatchTokenizer) {
        guard query.parts.count > 1, !query.parts.contains(where: \.isPrefix) else { return nil }
        self.tokenizer = tokenizer
        let stopWords = Self.stopWords[language.language] ?? []
        let words = query.parts.map { tokenizer.tokens(of: $0.text).words }
        phrase = words.flatMap { $0 }
        var kept = query.parts.indices.filter { !(words[$0].count == 1 && stopWords.contains(words[$0][0])) }
        if kept.isEmpty { kept = Array(query.parts.indices) }
        content = Set(kept.flatMap { words[$0] })
        required = ConcordanceQuery(parts: kept.map { query.parts[$0] }).fullText
    }

    /// The rank of a hit.
    func rank(_ row: ConcordanceRow) -> Rank {
        let tokens = tokenizer.tokens(of: row.text)
        let words = tokens.words
        if phrase.count <= words.count {
            for start in 0...(words.count - phrase.count) where Array(words[start..<start + phrase.count]) == phrase {
                return Rank(tier: 0, highlights: [tokens.ranges[start].lowerBound..<tokens.ranges[start + phrase.count - 1].upperBound])
            }
        }
        // The shortest stretch holding every content word.
        let positions = words.indices.filter { content.contains(words[$0]) }
        var shortest = Int.max
        for (index, start) in positions.enumerated() {
            var seen = Set<String>()
            for end in positions[index...] {
                seen.insert(words[end])
                if seen.count == content.count {
                    shortest = min(shortest, end - start + 1)
                    break
                }
            }
        }
        return Rank(tier: shortest <= phrase.count + 3 ? 1 : 2, highlights: nil)
    }

    /// Words too common to rank on, by language: the articles, prepositions and conjunctions
    /// of the TM's main languages.
    static let stopWords: [String: Set<String>] = [
        "en": ["a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "and", "or", "is", "are", "was", "be", "as", "from", "that", "this", "it"],
        "ru": ["и", "в", "во", "на", "с", "со", "по", "к", "о", "об", "из", "за", "для", "от", "а", "но", "что", "не"],
    ]
}
