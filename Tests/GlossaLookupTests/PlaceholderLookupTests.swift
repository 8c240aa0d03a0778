import Foundation
import GlossaCore
import GlossaMemory
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaLookup

/// Software strings with placeholders, from the machine's gettext catalogs: a placeholder is
/// an inline code to lookups, on both stores, so one written another way costs the codes'
/// point and no word.
@Suite struct PlaceholderLookupTests {
    /// English–Russian messages of one line and four words or more that hold placeholders.
    static let messages: [(en: String, ru: String)] = {
        let folder = "/usr/share/locale/ru/LC_MESSAGES"
        var found: [(en: String, ru: String)] = [], seen = Set<String>()
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() where file.hasSuffix(".mo") {
            let bytes = [UInt8](FileManager.default.contents(atPath: "\(folder)/\(file)") ?? Data())
            for (en, ru) in CatalogPairs.messages(in: bytes)
            where !ru.isEmpty && !en.contains("\n") && !en.contains("\u{4}") && !en.contains("\0") && !ru.contains("\0")
                && en.split(separator: " ").count >= 4 && !Placeholders.ranges(in: en).isEmpty && seen.insert(en).inserted {
                found.append((en, ru))
            }
        }
        return found
    }()

    /// `text` with each placeholder written another way: `%s` as `%d`, any other as `%s`.
    static func rewritten(_ text: String) -> String {
        var result = text
        for range in Placeholders.ranges(in: text).reversed() {
            let bytes = Array(result.utf8)
            let placeholder = String(decoding: bytes[range], as: UTF8.self)
            result = String(decoding: bytes[..<range.lowerBound], as: UTF8.self) + (placeholder == "%s" ? "%d" : "%s")
                + String(decoding: bytes[range.upperBound...], as: UTF8.self)
        }
        return result
    }

    @Test(arguments: TestStore.allCases) func aMessageWithItsPlaceholdersWrittenOtherwiseScores99(store: TestStore) throws {
        #expect(Self.messages.count >= 200, "the catalogs hold \(Self.messages.count) messages with placeholders")
        let memory = try store.makeMemory()
        try memory.add(Self.messages.map { TranslationUnit(variants: [Variant(language: "en", text: $0.en), Variant(language: "ru", text: $0.ru)]) })
        let lookup = try TMLookup(memory: memory, from: "en", to: "ru")
        let stored = Set(Self.messages.map { $0.en.normalizedForLookup() })
        var random = SeededRandom(seed: 22)
        var checked = 0
        for message in Self.messages.shuffled(using: &random) where checked < 60 {
            let query = Self.rewritten(message.en)
            guard !stored.contains(query.normalizedForLookup()) else { continue }
            checked += 1
            let best = try #require(try lookup.matches(for: query, minimum: 90, maximum: 1).first, "\(query)")
            #expect(best.score == 99 && best.penalties == [.inlineCodes] && best.diff.isEmpty, "\(query) → \(best.source)")
        }
    }

    @Test(arguments: TestStore.allCases) func aMissingPlaceholderIsACodeDifferenceNotAWord(store: TestStore) throws {
        let memory = try store.makeMemory()
        try memory.add([TranslationUnit(variants: [Variant(language: "en", text: "Could not open the selected file"),
                                                   Variant(language: "ru", text: "Не удалось открыть выбранный файл")])])
        let lookup = try TMLookup(memory: memory, from: "en", to: "ru")
        // Six words each: one changed (83), the codes' point off. Were "%1" a word, the
        // candidate would score 71 and be left out.
        let match = try #require(try lookup.matches(for: "Could not open the requested file %1", minimum: 80).first)
        #expect(match.score == 82 && match.penalties == [.inlineCodes] && match.diff.map(\.text) == ["selected"])
    }
}
