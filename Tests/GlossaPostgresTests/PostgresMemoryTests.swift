import Foundation
import GlossaCore
import GlossaFormats
import GlossaTestSupport
import GlossaText
import Synchronization
import Testing
import GlossaMemory
@testable import GlossaPostgres

/// The PostgreSQL store against a real server (a throwaway cluster; each test a database of
/// its own): schema and migrations, all-or-nothing writes, duplicates as the SQLite store
/// counts them, and units read back as the SQLite store reads them.
@Suite struct PostgresMemoryTests {
    let cluster: PostgresCluster
    let url: String

    init() throws {
        cluster = try PostgresCluster.shared.get()
        url = try cluster.createDatabase()
    }

    var database: String { String(url.split(separator: "/").last!.split(separator: "?")[0]) }

    /// Units with every kind of field: the fidelity fixture (notes, properties, codes, dates,
    /// authors, several variants of a language), CAT tools' exports, the LISA TMX kit's import
    /// tests and a real five-language catalog.
    func sampleUnits() throws -> [TranslationUnit] {
        var units: [TranslationUnit] = []
        let files = try ["tmx/fidelity.tmx", "tmx/trados-studio.tmx", "tmx/okapi.tmx"].map(Fixtures.file) + Fixtures.tmxKitFiles()
        for file in files {
            let reader = TMXReader(origin: ImportOrigin(document: file.lastPathComponent), skipInvalid: true)
            _ = try reader.read(file: file.path) { unit, _ in units.append(unit) }
        }
        let table = Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv")
        try TabularReader.read(SourceText(bytes: Fixtures.bytes(table), file: table.lastPathComponent), dialect: .tsv,
                               origin: ImportOrigin(document: "gtk20")) { unit, _ in units.append(unit) }
        return units
    }

    func storedUnits(_ memory: PostgresMemory) throws -> [TranslationUnit] {
        var units: [TranslationUnit] = []
        try memory.forEachUnit { _, unit in units.append(unit) }
        return units
    }

    @Test func aNewDatabaseGetsTheSchemaOnceHoweverManyOpenIt() throws {
        // Servers starting together: each migrates or finds it done, none fails.
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do { _ = try PostgresMemory(url: url) } catch { failures.withLock { $0.append("\(error)") } }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(try cluster.psql("SELECT version FROM glossa_schema", database: database) == "\(PostgresSchema.currentVersion)\n")
        #expect(try PostgresMemory(url: url).unitCount() == 0)
    }

    @Test func aNewerSchemaAndAForeignDatabaseAreRefused() throws {
        _ = try PostgresMemory(url: url)
        try cluster.psql("UPDATE glossa_schema SET version = 99", database: database)
        #expect(throws: MemoryError(path: try PostgresLocation(url: url).description,
                                    reason: .newerSchema(found: 99, supported: Int64(PostgresSchema.currentVersion)))) {
            try PostgresMemory(url: url)
        }
        let other = try cluster.createDatabase()
        let otherName = String(other.split(separator: "/").last!.split(separator: "?")[0])
        try cluster.psql("CREATE TABLE unit (id int)", database: otherName)
        let error = #expect(throws: MemoryError.self) { try PostgresMemory(url: other) }
        #expect(error?.description.contains("not a Glossa translation memory") == true)
    }

    /// Schema 1 held units without search indexes; schema 2 held the full-text words as text,
    /// and its indexes (here made stale on purpose) are built again.
    @Test(arguments: [1, 2])
    func aTMOfAnOlderSchemaIsMigratedThenIndexedForSearch(from version: Int) throws {
        let english = "The Secretary General of the CSTO met the ministers", russian = "Генеральный секретарь ОДКБ встретился с министрами"
        let hashes = [ExactKey.hash(english, language: "en").int64, ExactKey.hash(russian, language: "ru").int64]
        try cluster.psql("CREATE TABLE glossa_schema (version integer NOT NULL); INSERT INTO glossa_schema VALUES (1);\n"
                         + PostgresSchema.migrations[0], database: database)
        try cluster.psql("""
            INSERT INTO unit (id, content_key) VALUES (1, '\\x01');
            INSERT INTO variant (id, unit_id, lang, text, hash) VALUES (1, 1, 'en', '\(english)', \(hashes[0])), (2, 1, 'ru', '\(russian)', \(hashes[1]));
            UPDATE store_state SET next_unit_id = 2, next_variant_id = 3;
            """, database: database)
        if version == 2 {
            try cluster.psql(PostgresSchema.migrations[1] + """
                UPDATE variant SET tokens = '\\x01', words = ARRAY['elsewhere'];
                INSERT INTO search_token VALUES (1, 'en', 'secretary', 5);
                INSERT INTO fuzzy_posting VALUES (1, 1, '\\x01');
                INSERT INTO concordance_word VALUES ('elsewhere');
                UPDATE store_state SET pending_from = NULL;
                UPDATE glossa_schema SET version = 2;
                """, database: database)
        }
        let memory = try PostgresMemory(url: url)
        #expect(try cluster.psql("SELECT version FROM glossa_schema", database: database) == "\(PostgresSchema.currentVersion)\n")
        // Lookups refuse the TM until its variants are indexed, as they refuse a deferred import.
        #expect(try memory.unindexedVariantCount() == 2)
        #expect(throws: MemoryError.self) { _ = try memory.searchReader() }
        #expect(try memory.updateSearchIndex { _ in } == 2)
        let reader = try memory.searchReader()
        #expect(try reader.exactVariants(lookupForm: english, language: "en") == [1])
        let token = try #require(try reader.indexedTokens(["secretary", "glossa"], language: "en")["secretary"])
        var holders: [Int64] = []
        try reader.variants(holding: token.id, lengths: 9...9, into: &holders)
        #expect(token.frequency == 1 && holders == [1])
        let query = FullTextQuery(parts: [.init(spellings: ["секретарь ОДКБ"], isPrefix: false), .init(spellings: ["мин"], isPrefix: true)])
        let hits = try reader.concordance(query, language: "ru", limit: 5, offset: 0)
        #expect(hits.map(\.variantID) == [2])
        let bytes = Array(russian.utf8)
        #expect(hits.first?.highlights.map { String(decoding: bytes[$0], as: UTF8.self) } == ["секретарь ОДКБ", "министрами"])
    }

    /// Schema 4 leaves placeholders (%s, {name}) out of fuzzy-search words: a schema 3 TM
    /// holding one has its fuzzy index built again before lookups; one without is left as it is.
    @Test(arguments: [true, false])
    func aTMIndexedWhilePlaceholdersWereWordsIsIndexedAgain(holdsPlaceholders: Bool) throws {
        let english = holdsPlaceholders ? "Downloading file %(current)li of %(total)li" : "Downloading the file"
        _ = try PostgresMemory(url: url).add([TranslationUnit(variants: [Variant(language: "en", text: english),
                                                                        Variant(language: "ru", text: "Загрузка файла")])])
        try cluster.psql("INSERT INTO search_token VALUES (100, 'en', 'current', 1); UPDATE glossa_schema SET version = 3", database: database)
        let memory = try PostgresMemory(url: url)
        #expect(try cluster.psql("SELECT version FROM glossa_schema", database: database) == "\(PostgresSchema.currentVersion)\n")
        #expect(try memory.unindexedVariantCount() == (holdsPlaceholders ? 2 : 0))
        _ = try memory.updateSearchIndex { _ in }
        #expect(try memory.checkIntegrity() == [])
        let stale = try cluster.psql("SELECT count(*) FROM search_token WHERE token IN ('current', 'li', 'total')", database: database)
        #expect(stale == (holdsPlaceholders ? "0\n" : "1\n"))
        #expect(try memory.searchReader().indexedTokens(["downloading", "file"], language: "en").count == 2)
    }

    @Test func theIntegrityCheckFindsAnIndexThatDisagreesWithItsText() throws {
        let memory = try PostgresMemory(url: url)
        _ = try memory.write { writer in try sampleUnits().forEach(writer.add) }
        #expect(try memory.checkIntegrity() == [])
        let variant = try cluster.psql("SELECT min(id) FROM variant WHERE lang = 'en'", database: database).trimmingCharacters(in: .newlines)
        let unit = try cluster.psql("SELECT unit_id FROM variant WHERE id = \(variant)", database: database).trimmingCharacters(in: .newlines)
        try cluster.psql("UPDATE variant SET words = ARRAY[1, 2] WHERE id = \(variant)", database: database)
        #expect(try memory.checkIntegrity().contains { $0.hasPrefix("unit \(unit) [en]: full-text words do not match") })
        try cluster.psql("UPDATE variant SET text = text || ' more' WHERE id = \(variant)", database: database)
        let problems = try memory.checkIntegrity()
        for problem in ["content key does not match", "exact-match hash does not match", "fuzzy-search tokens do not match"] {
            #expect(problems.contains { $0.hasPrefix("unit \(unit)") && $0.contains(problem) }, "\(problems)")
        }
        try cluster.psql("UPDATE store_state SET next_variant_id = 1", database: database)
        #expect(try memory.checkIntegrity().contains { $0.hasPrefix("store_state:") })
    }

    @Test func unitsReadBackAsTheSQLiteStoreReadsThem() throws {
        let units = try sampleUnits()
        let memory = try PostgresMemory(url: url)
        let written = try memory.write { writer in try units.forEach(writer.add) }

        let sqlite = try TranslationMemory(path: Fixtures.temporaryDirectory().appendingPathComponent("tm.sqlite").path, access: .create)
        let reference = try sqlite.write { writer in try units.forEach(writer.add) }
        #expect(written == reference)
        var expected: [TranslationUnit] = []
        try sqlite.forEachUnit { _, unit in expected.append(unit) }
        let stored = try storedUnits(memory)
        #expect(stored.count == expected.count && stored.count > 60)
        for (got, want) in zip(stored, expected) { #expect(got == want) }
        // The same units again are duplicates, counted as the SQLite store counts them.
        let again = try memory.write { writer in try units.forEach(writer.add) }
        let referenceAgain = try sqlite.write { writer in try units.forEach(writer.add) }
        #expect(again == referenceAgain && again.added == 0)
    }

    /// A load into an empty TM catches duplicates in memory, and past its key set in the
    /// unique index it builds mid-way: the counts are the SQLite store's either way.
    @Test func aLoadWhoseKeySetFillsUpCountsAsTheSQLiteStoreDoes() throws {
        let units = try sampleUnits()
        let repeated = units + units.prefix(40) + units.reversed().prefix(10)
        let memory = try PostgresMemory(url: url)
        // Batches of 2,000 units: a key set of 10 fills in the first and is given up at the second.
        let written = try memory.write(keysInMemory: 10) { writer in
            for _ in 0..<(PostgresUnitWriter.batchSize / units.count + 1) { try repeated.forEach(writer.add) }
        }
        let sqlite = try TranslationMemory(path: Fixtures.temporaryDirectory().appendingPathComponent("tm.sqlite").path, access: .create)
        let reference = try sqlite.write { writer in
            for _ in 0..<(PostgresUnitWriter.batchSize / units.count + 1) { try repeated.forEach(writer.add) }
        }
        #expect(written == reference && written.duplicates > 0 && written.keptApart > 0)
        #expect(try cluster.psql("SELECT count(*) FROM pg_indexes WHERE indexname = 'unit_content'", database: database) == "1\n")
        #expect(try storedUnits(memory).count == reference.added)
    }

    /// Into a TM that holds units, and into an empty one (the bulk load, whose rows are made
    /// and sent on threads of their own): a failure mid-way writes nothing.
    @Test(arguments: [false, true])
    func aFailedWriteLeavesTheTMAsItWas(empty: Bool) throws {
        let memory = try PostgresMemory(url: url)
        let units = try sampleUnits()
        if !empty { _ = try memory.write { writer in try writer.add(units[0]) } }
        let stored = empty ? 0 : 1
        // Past a full batch, so rows have reached the server before the failure.
        #expect(throws: InputError.self) {
            try memory.write { writer in
                for index in 0..<(PostgresUnitWriter.batchSize + 10) {
                    try writer.add(TranslationUnit(variants: [Variant(language: "en", text: "Sentence \(index)")]))
                }
                throw InputError("the file was cut short", file: "news.tmx", line: 9, column: 1)
            }
        }
        #expect(try memory.unitCount() == stored)
        // PostgreSQL's text holds no U+0000: a clear error, and nothing written.
        let error = #expect(throws: MemoryError.self) {
            try memory.write { writer in
                for index in 0..<(PostgresUnitWriter.batchSize + 10) {
                    try writer.add(TranslationUnit(variants: [Variant(language: "en", text: index == 1500 ? "a\u{0}b" : "Sentence \(index)")]))
                }
            }
        }
        #expect(error?.description.contains("U+0000") == true)
        #expect(try memory.unitCount() == stored)
        #expect(try memory.checkIntegrity() == [])
        let next = try memory.write { writer in try units.forEach(writer.add) }
        #expect(next.added > 0 && next.read == units.count)
        #expect(try memory.unitCount() == stored + next.added)
    }

    @Test func benchmarksMakeAndDropDatabasesOfTheirOwn() throws {
        let name = "made_\(getpid())"
        let made = try PostgresDatabases.create(name, through: url)
        #expect(made.contains("/\(name)?") && made.hasSuffix("sslmode=disable"))
        #expect(try PostgresMemory(url: made).unitCount() == 0)
        try PostgresDatabases.drop(name, through: url)
        let gone = #expect(throws: MemoryError.self) { try PostgresMemory(url: made) }
        #expect(gone?.description.contains("does not exist") == true)
        #expect(throws: InputError.self) { try PostgresDatabases.create("Robert'); DROP TABLE unit; --", through: url) }
    }

    @Test func fileHeadersAreKeptOnceEach() throws {
        let memory = try PostgresMemory(url: url)
        let header = SourceDocument(origin: "news.tmx", format: "tmx", attributes: [Property("creationtool", "Trados")],
                                    notes: [Note("Reviewed", language: "en")], properties: [Property("x-client", "CSTO")])
        _ = try memory.write { $0.add(header) }
        _ = try memory.write { $0.add(header) }
        #expect(try memory.documents() == [header])
    }
}
