import Foundation
import GlossaCore
import GlossaFormats
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaMemory

@Suite struct TranslationMemoryTests {
    let folder: URL
    init() throws { folder = try Fixtures.temporaryDirectory() }

    func path(_ name: String = "tm.sqlite") -> String { folder.appendingPathComponent(name).path }

    func gtkUnits() throws -> [TranslationUnit] {
        let url = Fixtures.file("gtk20-messages.en-ru-kk-hy-be.tsv")
        var units: [TranslationUnit] = []
        try TabularReader.read(SourceText(bytes: Fixtures.bytes(url), file: url.lastPathComponent), dialect: .tsv,
                               origin: ImportOrigin(document: "gtk20")) { unit, _ in units.append(unit) }
        return units
    }

    @Test func importsMultilingualUnitsAndSkipsDuplicates() throws {
        let memory = try TranslationMemory(path: path(), access: .create)
        let units = try gtkUnits()
        let first = try memory.add(units)
        #expect(first == ImportSummary(read: 27, added: 27, duplicates: 0))
        let again = try memory.add(units)
        #expect(again == ImportSummary(read: 27, added: 0, duplicates: 27))
        let stats = try memory.statistics()
        #expect(stats.units == 27)
        #expect(stats.languages == ["be": 27, "en": 27, "hy": 27, "kk": 27, "ru": 27])
        #expect(stats.schemaVersion == Int(Schema.currentVersion))
    }

    @Test func duplicateMeansSameTextsAfterNormalization() throws {
        let memory = try TranslationMemory(path: path(), access: .create)
        let unit = TranslationUnit(variants: [Variant(language: "en", text: "Secretary General"),
                                              Variant(language: "ru", text: "Генеральный секретарь")])
        var spaced = unit
        spaced.variants[0].text = "  Secretary\u{00A0}General "
        var otherTranslation = unit
        otherTranslation.variants[1].text = "Генсек"
        var reordered = unit
        reordered.variants.reverse()
        let summary = try memory.add([unit, spaced, otherTranslation, reordered])
        #expect(summary == ImportSummary(read: 4, added: 2, duplicates: 2))
    }

    @Test func aTMIndexedBeforeApostrophesFoldedIsIndexedAgain() throws {
        // Schema 7 writes ’ as ' in fuzzy-search words. A schema 6 TM holding ’ has its words
        // as they were cut then: its vocabulary says "organization’s". Opening it (the file
        // can be written) migrates it and builds its search indexes again.
        let file = path()
        do {
            let memory = try TranslationMemory(path: file, access: .create)
            _ = try memory.add([TranslationUnit(variants: [Variant(language: "en", text: "In the Organization’s area of responsibility"),
                                                           Variant(language: "ru", text: "В зоне ответственности Организации")])])
            try memory.connection.execute("UPDATE search_token SET token = 'organization’s' WHERE token = 'organization''s'")
            try downgrade(memory, to: 6)
        }
        let migrated = try TranslationMemory(path: file, access: .readOnly)
        #expect(migrated.schemaVersion == Schema.currentVersion)
        #expect(try migrated.checkIntegrity().isEmpty)
        #expect(try migrated.connection.scalar("SELECT count(*) FROM search_token WHERE token = 'organization''s'") == 1)
        #expect(try migrated.connection.scalar("SELECT count(*) FROM search_token WHERE token = 'organization’s'") == 0)
        #expect(try migrated.connection.scalar("SELECT count(*) FROM concordance WHERE concordance MATCH 'responsibility'") == 1)
    }

    @Test func aTMIndexedWhilePlaceholdersWereWordsIsIndexedAgain() throws {
        // Schema 10 leaves placeholders (%s, {name}) out of fuzzy-search words. A schema 9 TM
        // holding one has them in its vocabulary ("current", "li"); opening it migrates it and
        // builds its search indexes again, which a TM without % or { does not need.
        let file = path(), plain = path("plain.sqlite")
        for (path, text) in [(file, "Downloading file %(current)li of %(total)li"), (plain, "Downloading the file")] {
            let memory = try TranslationMemory(path: path, access: .create)
            _ = try memory.add([TranslationUnit(variants: [Variant(language: "en", text: text), Variant(language: "ru", text: "Загрузка файла")])])
            try memory.connection.execute("""
                INSERT INTO search_token (lang, token, frequency) VALUES ('en', 'current', 1);
                PRAGMA user_version = 9
                """)
        }
        let migrated = try TranslationMemory(path: file, access: .readWrite)
        #expect(migrated.schemaVersion == Schema.currentVersion)
        #expect(try migrated.checkIntegrity().isEmpty)
        #expect(try migrated.connection.scalar("SELECT count(*) FROM search_token WHERE token IN ('current', 'li', 'total')") == 0)
        #expect(try migrated.connection.scalar("SELECT count(*) FROM search_token WHERE token IN ('downloading', 'file', 'of')") == 3)
        let untouched = try TranslationMemory(path: plain, access: .readWrite)
        #expect(untouched.schemaVersion == Schema.currentVersion)
        #expect(try untouched.connection.scalar("SELECT count(*) FROM search_token WHERE token = 'current'") == 1)
    }

    /// Makes `memory` a TM of schema `version` (6 or 7), as a Glossa of that time wrote it: without
    /// the columns of schemas 8 and 9, its content keys the hash of its texts alone.
    private func downgrade(_ memory: TranslationMemory, to version: Int) throws {
        try memory.connection.execute("""
            ALTER TABLE search_state DROP COLUMN next_unit_id; ALTER TABLE unit DROP COLUMN source_lang; ALTER TABLE note DROP COLUMN variant_id; ALTER TABLE prop DROP COLUMN variant_id;
            UPDATE unit SET content_key = randomblob(16); PRAGMA user_version = \(version)
            """)
    }

    @Test func aTMKeyedBeforeCodesAndIDsCountedIsKeyedAgain() throws {
        // Schema 8 keys a unit by its codes, id and properties too. A schema 7 TM opened for
        // writing gets its units keyed again, so that importing them again adds nothing.
        let file = path()
        let units = try gtkUnits()
        let mail = TranslationUnit(variants: [Variant(language: "en", text: "Write to press@odkb-csto.org")])
        do {
            let memory = try TranslationMemory(path: file, access: .create)
            _ = try memory.add(units + [mail])
            // Schema 7 cut "press@odkb" as three pieces, where ICU sees one word.
            let id = try memory.connection.scalar("SELECT id FROM variant WHERE instr(text, '@')")
            try memory.connection.execute("""
                DELETE FROM concordance WHERE rowid = \(id);
                INSERT INTO concordance (rowid, text) VALUES (\(id), char(1) || 'write' || char(31) || 'to' || char(31) || 'press' || char(31) || 'odkb' || char(31) || 'csto.org')
                """)
            try downgrade(memory, to: 7)
        }
        let migrated = try TranslationMemory(path: file, access: .readWrite)
        #expect(migrated.schemaVersion == Schema.currentVersion)
        #expect(try migrated.checkIntegrity().isEmpty)
        #expect(try migrated.add(units + [mail]) == ImportSummary(read: 28, added: 0, duplicates: 28))
    }

    @Test func whichLanguagesTheTMHoldsTextIn() throws {
        let memory = try TranslationMemory(path: path(), access: .create)
        _ = try memory.add([TranslationUnit(variants: [Variant(language: "en-US", text: "Joint Staff"),
                                                       Variant(language: "ru", text: "Объединённый штаб")])])
        // A bare language covers its regional forms, a regional tag only itself.
        let held = try ["en", "en-US", "ru", "en-GB", "ru-RU", "fr"].map { try memory.holdsText(in: LanguageTag($0)) }
        #expect(held == [true, true, true, false, false, false])
        // A tag is not a prefix: Middle English is not English.
        let middle = try TranslationMemory(path: path("middle.sqlite"), access: .create)
        _ = try middle.add([TranslationUnit(variants: [Variant(language: "enm", text: "Whan that Aprille")])])
        #expect(try middle.holdsText(in: "enm") && !middle.holdsText(in: "en"))
    }

    @Test func exactLookupIsNormalizedAndPerLanguage() throws {
        let memory = try TranslationMemory(path: path(), access: .create)
        // "й" decomposed (и + breve) must find the composed form, and spaces fold.
        _ = try memory.add([TranslationUnit(variants: [Variant(language: "en", text: "CSTO Joint Staff"),
                                                       Variant(language: "ru", text: "Объединённый штаб ОДКБ")])])
        #expect(try memory.exactMatches(of: "CSTO  Joint Staff ", in: "en").count == 1)
        #expect(try memory.exactMatches(of: "Объединённый штаб ОДКБ", in: "ru").count == 1)
        #expect(try memory.exactMatches(of: "CSTO Joint Staff", in: "ru").isEmpty)
        #expect(try memory.exactMatches(of: "CSTO joint staff", in: "en").isEmpty)
        _ = try memory.add([TranslationUnit(variants: [Variant(language: "ru", text: "Мой\u{0438}\u{0306}")])])
        #expect(try memory.exactMatches(of: "Мой\u{0439}", in: "ru").count == 1)
    }

    @Test func failedWriteLeavesTheTMAsItWas() throws {
        let memory = try TranslationMemory(path: path(), access: .create)
        _ = try memory.add(try gtkUnits().prefix(5))
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            _ = try memory.write { writer in
                for unit in try gtkUnits() { try writer.add(unit) }
                throw Stop()
            }
        }
        #expect(try memory.statistics().units == 5)
        // A unit without a variant is bad input, and also rolls everything back.
        let empty = TranslationUnit(variants: [])
        #expect(throws: InputError.self) { _ = try memory.add(try gtkUnits() + [empty]) }
        #expect(try memory.statistics().units == 5)
        #expect(try memory.checkIntegrity().isEmpty)
    }

    @Test func deferredWriteChecksUnitsAtOnceAndDropsRepeatsOnTheWriterThread() throws {
        // Without the search indexes the writer thread prepares the units: a bad unit must
        // still fail in `add`, where the caller knows its line, and repeats must still go.
        let memory = try TranslationMemory(path: path(), access: .create)
        let units = try gtkUnits()
        var spaced = units[0]
        spaced.variants[0].text = " " + spaced.variants[0].text + "  "
        let summary = try memory.write(deferSearchIndex: true) { writer in
            for unit in units + units + [spaced] { try writer.add(unit) }
        }
        #expect(summary == ImportSummary(read: 55, added: 27, duplicates: 28))
        let empty = TranslationUnit(variants: [])
        var failedInAdd = false
        #expect(throws: InputError.self) {
            _ = try memory.write(deferSearchIndex: true) { writer in
                try writer.add(TranslationUnit(variants: [Variant(language: "en", text: "kept only if all goes well")]))
                do { try writer.add(empty) } catch {
                    failedInAdd = true
                    throw error
                }
            }
        }
        #expect(failedInAdd)
        #expect(try memory.statistics().units == 27)
        #expect(try memory.checkIntegrity().isEmpty)
    }

    @Test func bulkLoadIntoAnEmptyTMKeepsEveryIndex() throws {
        let memory = try TranslationMemory(path: path(), access: .create)
        let indexCount = "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL"
        let before = try memory.connection.scalar(indexCount)
        #expect(before == 6)
        // A failed first load rolls back the dropped indexes too.
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            _ = try memory.write { writer in
                for unit in try gtkUnits() { try writer.add(unit) }
                throw Stop()
            }
        }
        #expect(try memory.connection.scalar(indexCount) == before)
        #expect(try memory.statistics().units == 0)
        // A successful one rebuilds them, and they are used and enforced afterwards.
        let units = try gtkUnits()
        #expect(try memory.add(units + units) == ImportSummary(read: 54, added: 27, duplicates: 27))
        #expect(try memory.connection.scalar(indexCount) == before)
        #expect(try memory.add(units).duplicates == 27)
        #expect(try memory.exactMatches(of: units[3].variants[2].text, in: "kk").count == 1)
        #expect(try memory.checkIntegrity().isEmpty)
    }

    @Test(arguments: [true, false])
    func aBulkLoadPastItsKeysInMemoryTurnsToTheUniqueIndex(deferSearchIndex: Bool) throws {
        // Five content keys in memory, then the unique index, built on the units loaded so
        // far, catches repeats: of the set's units and of those after it.
        let units = try gtkUnits()
        let input = Array(units[..<8]) + [units[2]] + Array(units[8...]) + [units[1], units[20], units[26]]
        let memory = try TranslationMemory(path: path(), access: .create)
        let summary = try memory.write(deferSearchIndex: deferSearchIndex, keysInMemory: 5) { writer in
            for unit in input { try writer.add(unit) }
        }
        #expect(summary == ImportSummary(read: 31, added: 27, duplicates: 4))
        // The file is the one a load that held every key in memory writes.
        let reference = try TranslationMemory(path: path("reference.sqlite"), access: .create)
        _ = try reference.write(deferSearchIndex: deferSearchIndex) { writer in for unit in input { try writer.add(unit) } }
        let schema = "SELECT type, name, sql FROM sqlite_schema ORDER BY name"
        func rows(_ tm: TranslationMemory, _ sql: String) throws -> [String] {
            let statement = try tm.connection.prepare(sql)
            var result: [String] = []
            while try statement.step() { result.append((0..<3).map { statement.string(Int32($0)) ?? "" }.joined(separator: "|")) }
            return result
        }
        #expect(try rows(memory, schema) == rows(reference, schema))
        let contents = "SELECT id, hex(content_key), external_id, '' FROM unit ORDER BY id"
        #expect(try rows(memory, contents) == rows(reference, contents))
        #expect(try memory.exactMatches(of: units[20].variants[1].text, in: units[20].variants[1].language) == [21])
        #expect(try memory.add([units[3]]).duplicates == 1)
        #expect(try memory.checkIntegrity().isEmpty)
    }

    @Test func aTMAnotherProcessIsWritingIsSaidToBeBusy() throws {
        let memory = try TranslationMemory(path: path(), access: .create)
        _ = try memory.add(try gtkUnits().prefix(2))
        // Another connection holds the write lock, as an import in another process would.
        let other = try SQLiteConnection(path: path(), readOnly: false, create: false)
        try other.execute("BEGIN IMMEDIATE")
        defer { try? other.execute("ROLLBACK") }
        let writer = try TranslationMemory(path: path(), access: .readWrite)
        try writer.connection.execute("PRAGMA busy_timeout = 50")
        #expect(throws: MemoryError(path: path(), reason: .busy)) { _ = try writer.add(try gtkUnits().suffix(1)) }
        #expect("\(MemoryError(path: "tm.sqlite", reason: .busy))".hasPrefix("tm.sqlite: another process is writing to this translation memory"))
        // Reading is not held up.
        #expect(try writer.statistics().units == 2)
    }

    @Test func createBuildsANewTMAsideAndMovesItIntoPlace() throws {
        let target = path("new/csto.sqlite")
        // Only the file is made: a missing folder is a mistyped path, not one to create.
        #expect(throws: MemoryError.self) { _ = try TranslationMemory.create(at: target) { _ in } }
        #expect(!FileManager.default.fileExists(atPath: path("new")))
        try FileManager.default.createDirectory(atPath: path("new"), withIntermediateDirectories: false)
        let summary = try TranslationMemory.create(at: target) { writer in
            for unit in try gtkUnits() + gtkUnits() { try writer.add(unit) }
        }
        #expect(summary == ImportSummary(read: 54, added: 27, duplicates: 27))
        #expect(try FileManager.default.contentsOfDirectory(atPath: path("new")) == ["csto.sqlite"])
        let memory = try TranslationMemory(path: target, access: .readWrite)
        do {
            let mode = try memory.connection.prepare("PRAGMA journal_mode")
            #expect(try mode.step())
            #expect(mode.string(0) == "wal")
        }
        #expect(try memory.connection.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL") == 6)
        #expect(try memory.checkIntegrity().isEmpty)
        #expect(try memory.add(try gtkUnits()).duplicates == 27)
    }

    @Test func failedCreateLeavesNoFile() throws {
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            _ = try TranslationMemory.create(at: path("failed.sqlite")) { writer in
                for unit in try gtkUnits() { try writer.add(unit) }
                throw Stop()
            }
        }
        #expect(throws: InputError.self) {
            _ = try TranslationMemory.create(at: path("failed.sqlite")) { try $0.add(TranslationUnit(variants: [])) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        // An existing file is never replaced.
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path("kept.sqlite")))
        #expect(throws: MemoryError.self) { _ = try TranslationMemory.create(at: path("kept.sqlite")) { _ in } }
        #expect(FileManager.default.contents(atPath: path("kept.sqlite")) == Data("keep me".utf8))
    }

    @Test func documentHeadersAreStoredOnceAndRolledBackWithTheUnits() throws {
        let memory = try TranslationMemory(path: path(), access: .create)
        let header = SourceDocument(origin: "trados.tmx", format: "tmx",
                                    attributes: [Property("o-tmf", "SDL TM8 Format"), Property("srclang", "EN-US")],
                                    notes: [Note("Exported for review", language: "en")],
                                    properties: [Property("x-TMName", "CSTO en-ru")])
        _ = try memory.write { writer in
            writer.add(header)
            for unit in try gtkUnits() { try writer.add(unit) }
        }
        #expect(try memory.documents() == [header])
        _ = try memory.write { writer in writer.add(header) }
        #expect(try memory.documents() == [header])
        struct Stop: Error {}
        var other = header
        other.origin = "other.tmx"
        #expect(throws: Stop.self) { _ = try memory.write { writer in writer.add(other); throw Stop() } }
        #expect(try memory.documents() == [header])
        #expect(try memory.checkIntegrity().isEmpty)
    }

    @Test func metadataIsStored() throws {
        let memory = try TranslationMemory(path: path(), access: .create)
        let date = Timestamp.parse("20250619T120000Z")!
        let unit = TranslationUnit(
            externalID: "news-42", variants: [Variant(language: "en", text: "Dear colleagues,", notes: ["speech opening"],
                                                      properties: [Property("state", "final")])],
            origin: "csto-news-2025-06.txt", context: "speech", created: Stamp(date: date, author: "editor"),
            notes: ["from the June page"], properties: [Property("x-domain", "security")])
        _ = try memory.add([unit])
        let row = try memory.connection.prepare("SELECT external_id, origin, context, created_at, created_by FROM unit")
        #expect(try row.step())
        #expect([row.string(0), row.string(1), row.string(2), row.string(3), row.string(4)] ==
                ["news-42", "csto-news-2025-06.txt", "speech", "2025-06-19T12:00:00Z", "editor"])
        #expect(try memory.connection.scalar("SELECT count(*) FROM note") == 2)
        #expect(try memory.connection.scalar("SELECT count(*) FROM prop WHERE lang = 'en' AND name = 'state'") == 1)
    }

    @Test func unitsReadInBatchesComeBackWhole() throws {
        // Notes and properties on units and on variants, some units with none, a language a
        // note names but no variant has, and batch boundaries between all of them.
        let date = Timestamp.parse("20250619T120000Z")!
        func unit(_ index: Int) -> TranslationUnit {
            let even = index % 2 == 0
            let english = Variant(language: "en", text: "Collective Security Treaty Organization \(index)",
                                  changed: even ? Stamp(date: date, author: "editor") : nil,
                                  notes: even ? [Note("checked", language: "en")] : [])
            let russian = Variant(language: "ru", text: "Организация Договора о коллективной безопасности \(index)",
                                  properties: index % 3 == 1 ? [Property("state", "final")] : [])
            let notes: [Note] = index == 5 ? ["from the June page", Note("для kk", language: "ru")] : []
            let properties: [Property] = even ? [] : [Property("x-domain", "security"), Property("x-file", "news.html")]
            return TranslationUnit(
                externalID: index % 3 == 0 ? nil : "news-\(index)", variants: [english, russian],
                origin: "csto-news-2025-06.txt", context: index == 4 ? "speech" : nil,
                created: Stamp(date: date.addingTimeInterval(Double(index))), notes: notes, properties: properties)
        }
        let units = (0..<7).map(unit)
        let memory = try TranslationMemory(path: path(), access: .create)
        _ = try memory.add(units)
        var sizes: [Int] = [], read: [TranslationUnit] = [], ids: [Int64] = []
        try memory.forEachBatch(size: 3) { batch in
            sizes.append(batch.count)
            for (id, unit) in batch.units() {
                ids.append(id)
                read.append(unit)
            }
        }
        #expect(sizes == [3, 3, 1])
        #expect(read == units)
        #expect(ids == Array(1...7))
        var one: [TranslationUnit] = []
        try memory.forEachUnit(TranslationMemory.UnitFilter(origin: "csto-news-2025-06.txt")) { _, unit in one.append(unit) }
        #expect(one == units)
    }

    @Test func aUnitWithoutStampsGetsNoneFromTheUnitBefore() throws {
        // Statements are reused row after row: what one unit binds must not carry over.
        let stamp = Stamp(date: Timestamp.parse("20250619T120000Z")!, author: "editor")
        let stamped = TranslationUnit(
            variants: [Variant(language: "en", text: "Joint Staff", created: stamp, changed: stamp)],
            created: stamp, changed: stamp)
        let bare = TranslationUnit(variants: [Variant(language: "en", text: "Secretariat")])
        for deferred in [false, true] {
            let file = path(deferred ? "deferred.sqlite" : "indexed.sqlite")
            let memory = try TranslationMemory(path: file, access: .create)
            _ = try memory.write(deferSearchIndex: deferred) { writer in
                for unit in [stamped, bare, stamped, bare] { try writer.add(unit) }
            }
            var read: [TranslationUnit] = []
            try memory.forEachUnit { _, unit in read.append(unit) }
            #expect(read.count == 2)
            #expect(read.first?.created == stamp && read.first?.variants.first?.changed == stamp)
            #expect(read.last?.created == nil && read.last?.changed == nil)
            #expect(read.last?.variants.first?.created == nil && read.last?.variants.first?.changed == nil)
        }
    }

    @Test func reopensWhatItWrote() throws {
        do {
            let memory = try TranslationMemory(path: path(), access: .create)
            _ = try memory.add(try gtkUnits())
        }
        let reopened = try TranslationMemory(path: path(), access: .readOnly)
        #expect(try reopened.statistics().units == 27)
        #expect(try reopened.connection.scalar("PRAGMA journal_mode") == 0)  // text "wal" reads as 0
        let mode = try reopened.connection.prepare("PRAGMA journal_mode")
        #expect(try mode.step())
        #expect(mode.string(0) == "wal")
    }

    @Test func refusesWhatIsNotAGlossaTM() throws {
        let notDatabase = path("notes.sqlite")
        try Data("Not a database, just text.\n".utf8).write(to: URL(fileURLWithPath: notDatabase))
        #expect(throws: MemoryError(path: notDatabase, reason: .notADatabase)) {
            _ = try TranslationMemory(path: notDatabase, access: .readWrite)
        }

        let foreign = path("other.sqlite")
        do {
            let connection = try SQLiteConnection(path: foreign, readOnly: false, create: true)
            try connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        }
        #expect(throws: MemoryError(path: foreign, reason: .foreignDatabase)) {
            _ = try TranslationMemory(path: foreign, access: .create)
        }

        let newer = path("newer.sqlite")
        do {
            _ = try TranslationMemory(path: newer, access: .create)
            let connection = try SQLiteConnection(path: newer, readOnly: false, create: false)
            try connection.execute("PRAGMA user_version = 99")
        }
        #expect(throws: MemoryError(path: newer, reason: .newerSchema(found: 99, supported: Schema.currentVersion))) {
            _ = try TranslationMemory(path: newer, access: .readOnly)
        }

        #expect(throws: MemoryError(path: path("missing.sqlite"), reason: .missing)) {
            _ = try TranslationMemory(path: path("missing.sqlite"), access: .readOnly)
        }
        #expect(!FileManager.default.fileExists(atPath: path("missing.sqlite")))
    }

    @Test func migratesAVersionOneTM() throws {
        let old = path("v1.sqlite")
        do {
            // A TM as the first release wrote it: schema 1, one unit.
            let connection = try SQLiteConnection(path: old, readOnly: false, create: true)
            try connection.execute(Schema.migrations[0])
            try connection.execute("PRAGMA application_id = \(Schema.applicationID); PRAGMA user_version = 1")
            try connection.execute("INSERT INTO unit (id, content_key) VALUES (1, x'01')")
            let hash = ExactKey.hash("Secretary General", language: "en").int64
            try connection.execute("INSERT INTO variant (unit_id, lang, text, hash) VALUES (1, 'en', 'Secretary General', \(hash))")
        }
        // Opening it to read migrates it (a read-only file of an old schema would be refused).
        let memory = try TranslationMemory(path: old, access: .readOnly)
        #expect(memory.schemaVersion == Schema.currentVersion)
        #expect(try memory.exactMatches(of: "Secretary General", in: "en") == [1])
        // The search indexes are built from the old variants.
        let reader = try SQLiteIndexReader(memory)
        let token = try #require(try reader.indexedToken("secretary", language: "en"))
        var holders: [Int64] = []
        try reader.variants(holding: token.id, lengths: 2...2, into: &holders)
        #expect(token.frequency == 1 && holders == [1])
        #expect(try memory.concordance(#""general""#, language: "en", limit: 5, offset: 0).map(\.text) == ["Secretary General"])
        #expect(try memory.connection.scalar("SELECT count(*) FROM pragma_table_info('variant') WHERE name = 'markup'") == 1)
        let problems = try memory.checkIntegrity()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func unwritableLocationIsAnError() throws {
        do {
            _ = try TranslationMemory(path: "/proc/glossa/tm.sqlite", access: .create)
            Issue.record("created a TM under /proc")
        } catch {
            guard case .unwritable = error.reason else { Issue.record("\(error)"); return }
            #expect(error.description.hasPrefix("/proc/glossa/tm.sqlite: cannot write"))
        }
    }

    @Test func integrityCheckFindsTamperedRows() throws {
        let memory = try TranslationMemory(path: path(), access: .create)
        _ = try memory.add(try gtkUnits())
        #expect(try memory.checkIntegrity().isEmpty)
        try memory.connection.execute("UPDATE variant SET text = text || ' (edited by hand)' WHERE lang = 'kk' AND unit_id = 3")
        try memory.connection.execute("INSERT INTO unit (content_key) VALUES (x'00')")
        try memory.connection.execute("UPDATE variant SET lang = 'EN' WHERE lang = 'en' AND unit_id = 1")
        let problems = try memory.checkIntegrity()
        // The retagged variant breaks three rules: its hash covers the language, 'EN' is not
        // canonical, and its search tokens belong to the "en" vocabulary. The edited text no
        // longer matches its hash, its search tokens, or the full-text index, and its unit's content
        // key no longer matches its texts.
        #expect(problems.count == 8, "\(problems)")
        #expect(problems.contains { $0 == "unit 3: content key does not match its texts, codes, id and properties" })
        #expect(problems.contains { $0.contains("unit 1 [EN]: exact-match hash") })
        #expect(problems.contains { $0.contains("unit 1 [EN]: fuzzy-search tokens") })
        #expect(problems.contains { $0.contains("unit 3 [kk]: exact-match hash") })
        #expect(problems.contains { $0.contains("unit 3 [kk]: fuzzy-search tokens") })
        #expect(problems.contains { $0.hasPrefix("concordance: the full-text index does not match") })
        #expect(problems.contains { $0.contains("has no variant") })
        #expect(problems.contains { $0.contains("'EN' is not canonical") })
    }
}
