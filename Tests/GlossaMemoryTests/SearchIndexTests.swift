import Foundation
import GlossaCore
import GlossaFormats
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaMemory

/// The search index the TM keeps: what an import writes matches what the stored text gives.
@Suite struct SearchIndexTests {
    let folder: URL
    init() throws { folder = try Fixtures.temporaryDirectory() }

    func gtkMemory() throws -> TranslationMemory {
        let url = Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv")
        let memory = try TranslationMemory(path: folder.appendingPathComponent("tm.sqlite").path, access: .create)
        _ = try memory.write { writer in
            try TabularReader.read(SourceText(bytes: Fixtures.bytes(url), file: url.lastPathComponent), dialect: .tsv,
                                   origin: ImportOrigin(document: "gtk20")) { unit, _ in try writer.add(unit) }
            // Inline codes, a number, full-width and accented letters: where cutting and folding differ most.
            try writer.add(TranslationUnit(variants: [
                Variant(language: "en", text: "Click {1}Save{/1} to keep ２ copies of the Ｆile — déjà vu."),
                Variant(language: "ru", text: "Нажмите {1}Сохранить{/1}, чтобы сохранить 2 копии ФАЙЛА.")]))
        }
        return memory
    }

    @Test func preTokenizedFullTextAgreesWithTheStoredText() throws {
        let memory = try gtkMemory()
        // FTS5 re-reads every stored text through the glossa_icu tokenizer and compares the
        // tokens with the index the importer wrote from its own cut.
        try memory.connection.execute("INSERT INTO concordance (concordance, rank) VALUES ('integrity-check', 1)")
        // The check can fail: index one text as if it were another.
        try memory.connection.execute("INSERT INTO concordance (rowid, text) VALUES (1, char(1) || 'unrelated')")
        #expect(throws: SQLiteError.self) {
            try memory.connection.execute("INSERT INTO concordance (concordance, rank) VALUES ('integrity-check', 1)")
        }
    }

    @Test(arguments: [false, true])
    func theIndexesAgreeWithAnyText(deferred: Bool) throws {
        // Random text of every script and character class, its lookup form often not the text
        // itself (runs of spaces, tabs, U+202F between thousands), in every language Glossa
        // claims: the full-text index FTS5 checks against the stored text, the fuzzy tokens
        // against the lookup form, and concordance finds an @ (a letter to ICU).
        var random = SeededRandom(seed: 19)
        let languages: [LanguageTag] = ["en", "ru", "hy", "be", "kk", "ky", "tg"]
        let units = (0..<600).map { index in
            TranslationUnit(variants: languages.shuffled(using: &random).prefix(2).map { language in
                Variant(language: language, text: TextSamples.randomText(using: &random) + (index % 3 == 0 ? "  \t10\u{202F}000 " : ""))
            })
        } + [TranslationUnit(variants: [Variant(language: "en", text: "write to a @ b now"), Variant(language: "ru", text: "Цена 10\u{202F}000 рублей")])]
        let memory = try TranslationMemory(path: folder.appendingPathComponent("any.sqlite").path, access: .create)
        _ = try memory.write(deferSearchIndex: deferred) { writer in for unit in units { try writer.add(unit) } }
        if deferred { _ = try memory.updateSearchIndex() }
        #expect(try memory.checkIntegrity() == [])
        // The last unit is the newest: first among the hits.
        #expect(try memory.concordance("\"@\"", language: "en", limit: 5, offset: 0).first?.text == "write to a @ b now")
        // FTS5 highlights the token it matched: the number, not the word after it.
        let number = try memory.concordance("\"10\u{202F}000\"", language: "ru", limit: 5, offset: 0)
        #expect(number.first?.text == "Цена 10\u{202F}000 рублей")
        #expect(!number.isEmpty && number.allSatisfy { String(decoding: Array($0.text.utf8)[$0.highlights[0]], as: UTF8.self) == "10\u{202F}000" })
    }

    @Test func aDeferredImportOfDuplicatesOnlyLeavesNothingUnindexedAndTheFullTextCheckOn() throws {
        let memory = try gtkMemory()
        let url = Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv")
        let summary = try memory.write(deferSearchIndex: true) { writer in
            try TabularReader.read(SourceText(bytes: Fixtures.bytes(url), file: url.lastPathComponent), dialect: .tsv,
                                   origin: ImportOrigin(document: "gtk20")) { unit, _ in try writer.add(unit) }
        }
        #expect(summary.added == 0 && summary.duplicates > 20)
        #expect(try memory.unindexedVariantCount() == 0)
        #expect(try memory.checkIntegrity().isEmpty)
        // The check still runs FTS5's: a full-text entry that disagrees with its text is found.
        try memory.connection.execute("INSERT INTO concordance (rowid, text) VALUES (1, char(1) || 'unrelated')")
        #expect(try memory.checkIntegrity().contains { $0.hasPrefix("concordance:") })
    }

    @Test func aBulkLoadLeavesOneFullTextSegmentAndMergingOnForLaterWrites() throws {
        let memory = try gtkMemory()
        func segments() throws -> Int64 {
            try memory.connection.scalar("SELECT count(DISTINCT segid) FROM concordance_idx")
        }
        #expect(try segments() == 1)
        let config = try memory.connection.prepare("SELECT k, v FROM concordance_config WHERE k IN ('automerge', 'crisismerge', 'hashsize')")
        var settings: [String: Int64] = [:]
        while try config.step() { settings[config.string(0) ?? ""] = config.int64(1) }
        #expect(settings == ["automerge": 4, "crisismerge": 16, "hashsize": 1 << 20])
        // A later write into the filled index adds segments the usual way, and finds its text.
        for round in 0..<3 {
            _ = try memory.add([TranslationUnit(variants: [Variant(language: "en", text: "Secretaries meeting \(round)")])])
        }
        #expect(try segments() > 1)
        #expect(try memory.connection.scalar("SELECT count(*) FROM concordance WHERE concordance MATCH 'secretaries'") == 3)
        #expect(try memory.checkIntegrity().isEmpty)
    }

    @Test func tokenIDsFollowTheMatchTokenizer() throws {
        let memory = try gtkMemory()
        let reader = try SQLiteIndexReader(memory)
        let tokenizer = try MatchTokenizer(language: "en")
        let statement = try memory.connection.prepare("SELECT id, text FROM variant WHERE lang = 'en'")
        var checked = 0
        while try statement.step() {
            let text = statement.string(1) ?? ""
            let stored = try #require(try reader.variant(statement.int64(0))).tokens
            let expected = try tokenizer.tokens(of: text).words.map { try #require(try reader.indexedToken($0, language: "en")).id }
            #expect(stored == expected, "\(text)")
            checked += 1
        }
        #expect(checked > 20)
    }

    @Test func drainedPostingsComeByWordCountThenVariant() {
        // One frequent token (a list long enough for the counting sort) and one rare one.
        var random = SeededRandom(seed: 4)
        var accumulator = PostingAccumulator()
        var expected: [(length: Int, variant: Int64)] = []
        for variant in Int64(1)...2000 {
            let length = Int.random(in: 1...40, using: &random) * (variant % 97 == 0 ? 50 : 1)
            let rare = variant % 500 == 0
            accumulator.add(variant: variant, SearchTokens(encoded: [], distinct: rare ? [3, 9] : [9], length: length, fullText: []))
            expected.append((min(length, SearchIndex.longestLength), variant))
        }
        let chunks = accumulator.drain()
        #expect(chunks.map(\.token) == [3, 9])
        func decoded(_ chunk: PostingChunk) -> [Int64] {
            var result: [Int64] = []
            chunk.postings.withUnsafeBytes { PostingList.decode($0, lengths: 0...SearchIndex.longestLength, into: &result) }
            return result
        }
        let byLength = expected.sorted { ($0.length, $0.variant) < ($1.length, $1.variant) }.map(\.variant)
        #expect(decoded(chunks[1]) == byLength)
        #expect(decoded(chunks[0]) == byLength.filter { $0 % 500 == 0 })
        #expect(chunks[0].first == 500 && chunks[1].first == 1)
    }

    @Test func postingListsRoundTripByWordCount() {
        // Ids of one to eight bytes as varints, deltas included.
        let entries = [(5, 3), (7, 3), (9, 12), (1_000_000, 3), (2, 1500), (1 << 52 + 7, 12), (127, 0), (128, 0)]
            .map { PostingList.entry(variant: Int64($0.0), length: $0.1) }.sorted()
        let bytes = entries.withUnsafeBufferPointer { PostingList.encode($0) }
        func decode(_ lengths: ClosedRange<Int>) -> [Int64] {
            var result: [Int64] = []
            bytes.withUnsafeBytes { PostingList.decode($0, lengths: lengths, into: &result) }
            return result
        }
        #expect(decode(0...2000) == [127, 128, 5, 7, 1_000_000, 9, 1 << 52 + 7, 2])
        #expect(decode(3...3) == [5, 7, 1_000_000])
        #expect(decode(4...1023) == [9, 1 << 52 + 7, 2])  // longer segments share the last group
        #expect(decode(13...20).isEmpty)
    }
}
