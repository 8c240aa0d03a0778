import Foundation
import GlossaTestSupport
import Testing
@testable import GlossaMemory

/// Statements bind text and blobs from buffers they keep per parameter: values of every
/// length, in any order, must be stored as bound, and a rewound statement must keep them.
@Suite struct SQLiteStatementTests {
    let connection: SQLiteConnection

    init() throws {
        let folder = try Fixtures.temporaryDirectory()
        connection = try SQLiteConnection(path: folder.appendingPathComponent("bind.sqlite").path, readOnly: false, create: true)
        try connection.execute("CREATE TABLE row (id INTEGER PRIMARY KEY, text TEXT, data BLOB)")
    }

    private func rows() throws -> [(text: String?, data: [UInt8]?)] {
        let select = try connection.prepare("SELECT text, data FROM row ORDER BY id")
        var found: [(String?, [UInt8]?)] = []
        while try select.step() {
            found.append((select.string(0), select.isNull(1) ? nil : select.withBlob(1) { Array($0) }))
        }
        return found
    }

    @Test func reusedParametersStoreEachValueAsBound() throws {
        // Long, then shorter (stale bytes must not show), empty, NULL, then longer than any
        // before (the buffer grows), in Cyrillic and Armenian so byte and character counts differ.
        let texts: [String?] = [
            String(repeating: "Организация Договора о коллективной безопасности ", count: 8),
            "ОДКБ", "", nil, "Հավաքական անվտանգության պայմանագրի կազմակերպություն",
            String(repeating: "Committee of Secretaries of the Security Councils ", count: 40),
        ]
        let blobs: [[UInt8]] = [Array(0..<200), [7], [], Array(repeating: 0xFF, count: 3), Array(0..<255), [1, 2, 3]]
        let insert = try connection.prepare("INSERT INTO row (text, data) VALUES (?1, ?2)")
        for (text, blob) in zip(texts, blobs) {
            insert.rewind()
            insert.bind(1, text)
            insert.bind(2, blob)
            try insert.step()
        }
        let stored = try rows()
        #expect(stored.map(\.text) == texts)
        #expect(stored.map(\.data) == blobs.map { Optional($0) })
    }

    @Test func aRewoundStatementKeepsItsBindings() throws {
        let insert = try connection.prepare("INSERT INTO row (text, data) VALUES (?1, ?2)")
        insert.bind(1, "Collective Security Treaty Organization")
        insert.bindText(2, Array("CSTO".utf8))
        try insert.step()
        insert.rewind()
        try insert.step()
        insert.reset()  // clears them
        try insert.step()
        let stored = try rows()
        #expect(stored.map(\.text) == ["Collective Security Treaty Organization", "Collective Security Treaty Organization", nil])
        #expect(try connection.scalar("SELECT count(*) FROM row WHERE data = 'CSTO'") == 2)
    }
}
