import NIOCore
import PostgresNIO

/// The statements every lookup runs, prepared once per connection: the server then parses
/// and plans each once, not on every lookup (planning was about a third of a lookup's time in
/// the database). Named by type (`PostgresPreparedStatement.name`), so every connection that
/// runs one prepares it under the same name.
enum LookupStatements {
    /// Ids of the variants in one language whose lookup form has a hash and a text.
    struct ExactVariants: PostgresPreparedStatement {
        static let sql = """
            SELECT id FROM variant WHERE hash = $1 AND lang = $2 AND coalesce(normalized, text) = $3 ORDER BY id
            """
        typealias Row = Int64
        let hash: Int64, language: String, lookupForm: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 3)
            bindings.append(hash)
            bindings.append(language)
            bindings.append(lookupForm)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Int64.self) }
    }

    /// The vocabulary entries of some words in one language.
    struct IndexedTokens: PostgresPreparedStatement {
        static let sql = "SELECT token, id, frequency FROM search_token WHERE lang = $1 AND token = ANY($2::text[])"
        typealias Row = (String, Int32, Int64)
        let language: String, words: [String]

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(language)
            bindings.append(words)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// The posting lists of some tokens, in chunks by word count.
    struct Postings: ListStatement {
        static let sql = "SELECT token, postings FROM fuzzy_posting WHERE token = ANY($1::integer[])"
        typealias Row = (Int32, ByteBuffer)
        let list: [Int32]

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Variants by id, with their token ids.
    struct Variants: ListStatement {
        static let sql = "SELECT id, unit_id, lang, text, tokens FROM variant WHERE id = ANY($1::bigint[])"
        typealias Row = (Int64, Int64, String, String, ByteBuffer?)
        let list: [Int64]

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// The variants of some units, in unit and id order.
    struct UnitVariants: ListStatement {
        static let sql = "SELECT unit_id, id, lang, text, markup FROM variant WHERE unit_id = ANY($1::bigint[]) ORDER BY unit_id, id"
        typealias Row = (Int64, Int64, String, String, String?)
        let list: [Int64]

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Units by id: what a match shows of its unit, with the unit's own properties (one
    /// round trip: the properties as two arrays).
    struct Units: ListStatement {
        static let sql = """
            SELECT id, external_id, origin, created_at, created_by, changed_at, changed_by, context,
                   ARRAY(SELECT name FROM prop p WHERE p.unit_id = u.id AND p.lang IS NULL ORDER BY p.id),
                   ARRAY(SELECT value FROM prop p WHERE p.unit_id = u.id AND p.lang IS NULL ORDER BY p.id)
            FROM unit u WHERE id = ANY($1::bigint[])
            """
        typealias Row = (Int64, String?, String?, String?, String?, String?, String?, String?, [String], [String])
        let list: [Int64]

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }
}

/// A prepared statement whose one parameter is an array.
protocol ListStatement: PostgresPreparedStatement {
    associatedtype Element: PostgresArrayEncodable
    var list: [Element] { get }
}

extension ListStatement {
    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        try bindings.append(list)
        return bindings
    }
}
