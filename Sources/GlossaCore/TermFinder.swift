import GlossaText

/// Finds a glossary's terms in a text: what a lookup asks to tell how a phrase of a query
/// went into the TM's translations (the same concept found on both sides).
public protocol TermFinder {
    /// The concepts whose terms `text` (in `language`) holds, and the UTF-8 range of each find.
    func concepts(in text: String, language: LanguageTag) throws -> [(concept: String, range: Range<Int>)]
}
