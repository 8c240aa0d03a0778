import GlossaCore
import GlossaMemory
import GlossaTestSupport
import GlossaText

/// The data of the lookup benchmarks: English–Russian message pairs from the machine's gettext
/// catalogs, shuffled, a tenth held out of the TM for unrelated queries. A TM unit is two or
/// three pairs joined (about 21 words), practically never the same twice.
struct LookupCorpus {
    let stored: [(en: String, ru: String)]
    let unseen: [(en: String, ru: String)]
    /// Words of stored English texts, for queries with one word changed.
    let words: [String]

    init() throws {
        var random = SeededRandom(seed: 2026)
        let pairs = try CatalogPairs.load(language: "ru").shuffled(using: &random)
        guard pairs.count > 1000 else { throw InputError("too few en-ru gettext messages on this machine (\(pairs.count))") }
        let heldOut = pairs.count / 10
        stored = Array(pairs[heldOut...])
        unseen = Array(pairs[..<heldOut])
        words = Array(Set(stored.prefix(5000).flatMap { $0.en.split(separator: " ").map(String.init) })).sorted()
    }

    /// Generates `units` units in order, the same on every run, passing each to `body`; returns
    /// every (units/queries)th English text, `queries` of them, to look up.
    func generate(units: Int, queries: Int, _ body: (String, String) throws -> Void) rethrows -> [String] {
        var generator = SeededRandom(seed: 1)
        var sentences: [String] = []
        for index in 0..<units {
            let (en, ru) = Self.unit(from: stored, using: &generator)
            if index % max(1, units / queries) == 0 && sentences.count < queries { sentences.append(en) }
            try body(en, ru)
        }
        return sentences
    }

    /// Creates a TM at `path` of `units` en-ru units as `generate` makes them; returns its
    /// `queries` English texts to look up, and what the import did.
    func createTM(at path: String, units: Int, queries: Int) throws -> (queries: [String], summary: ImportSummary) {
        var sentences: [String] = []
        let english: LanguageTag = "en", russian: LanguageTag = "ru"
        let summary = try TranslationMemory.create(at: path) { writer in
            sentences = try generate(units: units, queries: queries) { en, ru in
                try writer.add(TranslationUnit(variants: [Variant(language: english, text: en), Variant(language: russian, text: ru)]))
            }
        }
        return (sentences, summary)
    }

    /// `sentences` with one word each replaced by a word of the TM's.
    func oneWordChanged(_ sentences: [String], using generator: inout SeededRandom) -> [String] {
        sentences.map { sentence in
            var tokens = sentence.split(separator: " ").map(String.init)
            tokens[Int.random(in: 0..<tokens.count, using: &generator)] = words.randomElement(using: &generator)!
            return tokens.joined(separator: " ")
        }
    }

    /// `count` English texts built like the TM's units from the pairs held out of it.
    func unrelated(_ count: Int, using generator: inout SeededRandom) -> [String] {
        (0..<count).map { _ in Self.unit(from: unseen, using: &generator).en }
    }

    /// Two or three catalog pairs joined into a unit. Appended rather than mapped and joined:
    /// this runs on the importing thread, where the arrays cost 1.7% of its instructions.
    static func unit(from pairs: [(en: String, ru: String)], using generator: inout SeededRandom) -> (en: String, ru: String) {
        var en = "", ru = ""
        for index in 0..<Int.random(in: 2...3, using: &generator) {
            let pair = pairs.randomElement(using: &generator)!
            if index > 0 {
                en += " "
                ru += " "
            }
            en += pair.en
            ru += pair.ru
        }
        return (en, ru)
    }
}
