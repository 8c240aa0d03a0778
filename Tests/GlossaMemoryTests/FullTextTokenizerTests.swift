import Foundation
import GlossaTestSupport
import Testing
@testable import GlossaMemory

/// The "glossa_icu" FTS5 tokenizer: ICU word break for every script, case-insensitive, with
/// phrase and prefix queries and highlight offsets in bytes.
@Suite struct FullTextTokenizerTests {
    let connection: SQLiteConnection

    static let rows = [
        "Collective Security Treaty Organization",
        "Организация Договора о коллективной безопасности",
        "Հավաքական անվտանգության պայմանագրի կազմակերպություն",
        "集体安全条约组织",
        "องค์การสนธิสัญญาความมั่นคงร่วมกัน",
        "Café crème au Kazakhstan",
    ]

    init() throws {
        let folder = try Fixtures.temporaryDirectory()
        connection = try SQLiteConnection(path: folder.appendingPathComponent("fts.sqlite").path, readOnly: false, create: true)
        try connection.execute("CREATE VIRTUAL TABLE segment USING fts5(text, tokenize = 'glossa_icu')")
        for row in Self.rows {
            try connection.execute("INSERT INTO segment(text) VALUES ('\(row)')")
        }
    }

    func search(_ query: String, highlight: Bool = false) throws -> [String] {
        let column = highlight ? "highlight(segment, 0, '[', ']')" : "text"
        let statement = try connection.prepare("SELECT \(column) FROM segment WHERE segment MATCH ?1 ORDER BY rowid")
        statement.bind(1, query)
        var found: [String] = []
        while try statement.step() { found.append(statement.string(0) ?? "") }
        return found
    }

    @Test func everyScriptIsSearchable() throws {
        #expect(try search("ОРГАНИЗАЦИЯ") == [Self.rows[1]])
        #expect(try search("organization") == [Self.rows[0]])
        #expect(try search("անվտանգության") == [Self.rows[2]])
        #expect(try search("组织") == [Self.rows[3]])
        #expect(try search("ความมั่นคง") == [Self.rows[4]])
        #expect(try search("CAFÉ") == [Self.rows[5]])
        #expect(try search("cafe").isEmpty)  // diacritics are kept: café is not cafe
    }

    @Test func phrasesPrefixesAndHighlights() throws {
        #expect(try search("\"коллективной безопасности\"") == [Self.rows[1]])
        #expect(try search("\"безопасности коллективной\"").isEmpty)
        #expect(try search("безопас*") == [Self.rows[1]])
        #expect(try search("безопасности", highlight: true) == ["Организация Договора о коллективной [безопасности]"])
        #expect(try search("条约", highlight: true) == ["集体安全[条约]组织"])
    }

    /// A document starting with U+0001 is already cut into folded words separated by U+001F:
    /// empty pieces are no tokens, and the words keep their order for phrase queries.
    @Test func preparedDocumentsAreTakenAsTheirWords() throws {
        try connection.execute("INSERT INTO segment(rowid, text) VALUES (100, char(1) || 'договор' || char(31, 31) || 'одкб' || char(31) || 'csto')")
        try connection.execute("INSERT INTO segment(rowid, text) VALUES (101, char(1) || 'одкб' || char(31))")
        let ids = try connection.prepare("SELECT rowid FROM segment WHERE segment MATCH ?1 ORDER BY rowid")
        func matches(_ query: String) throws -> [Int64] {
            ids.reset()
            ids.bind(1, query)
            var found: [Int64] = []
            while try ids.step() { found.append(ids.int64(0)) }
            return found
        }
        #expect(try matches("одкб") == [100, 101])
        #expect(try matches("\"договор одкб csto\"") == [100])
        #expect(try matches("\"одкб договор\"").isEmpty)
        #expect(try matches("CSTO") == [100])
    }
}
