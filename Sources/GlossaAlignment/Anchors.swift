import Foundation
import GlossaTerminology
import GlossaText
import Synchronization

/// How much an anchor says.
public enum AnchorKind: Int32, Sendable {
    /// Numbers: expected on both sides, so one missing on the other side counts against a bead.
    case strong = 0
    /// Punctuation: a small hint.
    case weak = 1
    /// Names, untranslated tokens and glossary concepts: a match is strong evidence, but such
    /// words are often translated ("Republic", "CSTO" → «ОДКБ» without a glossary), so one
    /// without a partner costs nothing.
    case name = 2
}

/// Lexical anchors: what a sentence and its translation share across scripts. Each anchor is
/// a key; a segment's anchors are a sorted multiset of interned key ids.
///
/// - numbers: every run of digits, leading zeros dropped ("19.06.2025" and "19 июня 2025");
/// - Latin-script tokens left untranslated: acronyms and tokens with digits in Latin text,
///   every Latin-script word in text of another script ("COVID-19" in a Russian sentence);
/// - names: capitalized words of five letters or more, not first in the sentence, reduced to a
///   consonant skeleton of their ASCII transliteration ("Tasmagambetov" and «Тасмагамбетов»
///   both give "tsmg"; "Dushanbe" and «Душанбе» both "dsnb");
/// - glossary concepts found on both sides (CSTO ↔ ОДКБ);
/// - punctuation that survives translation: ? ! ( % and quotation marks (weak anchors).
public final class AnchorExtractor {
    /// Interned anchor keys, shared by both sides of an alignment.
    public final class Vocabulary: Sendable {
        private let ids = Mutex<[String: Int32]>([:])
        public init() {}

        /// The id of `key`; its low two bits say its kind.
        func id(_ key: String, kind: AnchorKind) -> Int32 {
            ids.withLock { ids in
                if let id = ids[key] { return id }
                let id = Int32(ids.count * 4) + kind.rawValue
                ids[key] = id
                return id
            }
        }
    }

    private let language: LanguageTag
    private let vocabulary: Vocabulary
    private let breaker: WordBreaker
    private let terms: TermScanner?
    private let latinScript: Bool

    /// An extractor for text in `language`; `terms` finds glossary concepts in it.
    public init(language: LanguageTag, vocabulary: Vocabulary, terms: TermScanner?) throws {
        self.language = language
        self.vocabulary = vocabulary
        self.terms = terms
        breaker = try WordBreaker(locale: language.canonical)
        latinScript = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "tr", "uz", "az"].contains(language.language)
    }

    /// The anchors of one segment, as sorted ids.
    public func anchors(of text: String) -> [Int32] {
        var result: [Int32] = []
        var first = true
        for token in breaker.tokens(in: text) {
            defer { if token.kind != .other { first = false } }
            switch token.kind {
            case .number:
                for run in token.text.split(whereSeparator: { !$0.isASCII || !$0.isNumber }) {
                    let digits = run.drop { $0 == "0" }
                    result.append(vocabulary.id("n:" + (digits.isEmpty ? "0" : digits), kind: .strong))
                }
            case .word:
                if let key = latinKey(token.text) { result.append(vocabulary.id("l:" + key, kind: .name)) }
                if !first, let key = nameKey(token.text) { result.append(vocabulary.id("t:" + key, kind: .name)) }
            case .other:
                if let key = punctuationKey(token.text) { result.append(vocabulary.id("p:" + key, kind: .weak)) }
            }
        }
        if let terms {
            for match in terms.longestMatches(in: text) {
                result.append(vocabulary.id("g:\(terms.index.entries[match.entry].concept)", kind: .name))
            }
        }
        return result.sorted()
    }

    /// An untranslated Latin-script token: in Latin text only acronyms and tokens with digits
    /// count (other words are translated), elsewhere any Latin word.
    private func latinKey(_ word: String) -> String? {
        let scalars = word.unicodeScalars
        guard scalars.allSatisfy({ $0.isASCII }), scalars.contains(where: { $0.properties.isAlphabetic }) else { return nil }
        if latinScript {
            let letters = scalars.filter { $0.properties.isAlphabetic }
            let acronym = letters.count >= 2 && letters.allSatisfy { $0.properties.isUppercase }
            guard acronym || scalars.contains(where: { $0.properties.numericType != nil }) else { return nil }
        }
        return word.lowercased()
    }

    /// The consonant skeleton of a capitalized name, the same whatever script it is written in.
    private func nameKey(_ word: String) -> String? {
        guard let initial = word.unicodeScalars.first, initial.properties.isUppercase,
              word.unicodeScalars.filter({ $0.properties.isAlphabetic }).count >= 5 else { return nil }
        let ascii = (word.unicodeScalars.allSatisfy(\.isASCII) ? word : Transliterator.toASCIILatin.transliterate(word)).lowercased()
        // English spellings of Cyrillic sounds, reduced the way the transliteration writes them.
        // English spellings of Cyrillic sounds become what the transliteration writes: the
        // h of kh, zh, sh, ch is dropped with the vowels below, and ts is c.
        var skeleton = ""
        var previous: Character = " "
        for character in ascii where character.isLetter {
            if previous == "t" && character == "s" { skeleton.removeLast(); skeleton.append("c") }
            else if !"aeiouyhjw".contains(character) { skeleton.append(character) }
            previous = character
        }
        guard skeleton.count >= 3 else { return nil }
        return String(skeleton.prefix(4))
    }

    private func punctuationKey(_ token: String) -> String? {
        switch token {
        case "?", "!", "(", "%": token
        case "\"", "«", "»", "“", "”", "„": "quote"
        default: nil
        }
    }
}
