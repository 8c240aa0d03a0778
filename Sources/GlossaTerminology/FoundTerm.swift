import GlossaText

/// A glossary term found in a text, with its approved translations: what `glossa terms` and
/// the server's `/api/terms` answer, so a translator sees which official name to use.
public struct FoundTerm: Encodable, Sendable, Equatable {
    /// A term of the same concept in another language.
    public struct Translation: Encodable, Sendable, Equatable {
        public let term: String
        public let language: String
        public let status: String
    }

    /// The term as the glossary writes it, and as the text has it (an inflected form).
    public let term: String
    public let found: String
    /// UTF-8 offsets of `found` in the text.
    public let start: Int
    public let end: Int
    public let status: String
    public let type: String?
    public let concept: String
    public let translations: [Translation]
}

extension TermChecker {
    /// The glossary terms in `text`, written in `language`, the longest at each place, each
    /// with its concept's terms in `target`, or in every other language when `target` is nil.
    public func foundTerms(in text: String, language: LanguageTag, translationsIn target: LanguageTag?) throws -> [FoundTerm] {
        try occurrences(in: text, language: language).map { occurrence in
            let concept = termbase.concepts[occurrence.conceptIndex]
            let translations = concept.terms.filter { term in
                term.language.language != language.language && (target.map { term.language.language == $0.language } ?? true)
            }
            return FoundTerm(term: occurrence.term.displayText, found: Self.slice(text, occurrence.match),
                             start: occurrence.match.start, end: occurrence.match.end, status: occurrence.term.effectiveStatus.rawValue,
                             type: occurrence.term.type?.rawValue, concept: concept.id,
                             translations: translations.map { .init(term: $0.displayText, language: $0.language.canonical,
                                                                    status: $0.effectiveStatus.rawValue) })
        }
    }
}
