import Foundation
import GlossaCore
import GlossaMemory
import PostgresNIO

/// Databases made and dropped on a server, for tools that need a TM of their own for a while
/// (the benchmarks): through a connection to the database a URL names, as `createdb` and
/// `dropdb` do.
public enum PostgresDatabases {
    /// Creates the database `name` (letters, digits and `_`) on the server `url` reaches;
    /// returns the URL of the new database.
    public static func create(_ name: String, through url: String) throws -> String {
        try run("CREATE DATABASE \(try identifier(name))", through: url)
        return try self.url(of: name, through: url)
    }

    /// Drops the database `name`, if there is one, on the server `url` reaches.
    public static func drop(_ name: String, through url: String) throws {
        try run("DROP DATABASE IF EXISTS \(try identifier(name))", through: url)
    }

    /// Whether the server `url` reaches has a database `name`.
    public static func exists(_ name: String, through url: String) throws -> Bool {
        try PostgresSession(PostgresLocation(url: url)).value("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = \(try identifier(name)))",
                                                               as: Bool.self) ?? false
    }

    /// The URL of the database `name` on the server `url` reaches.
    public static func url(of name: String, through url: String) throws -> String {
        guard var components = URLComponents(string: url) else { throw InputError("not a PostgreSQL URL") }
        components.percentEncodedPath = "/" + (try identifier(name))
        return components.string ?? url
    }

    private static func run(_ sql: String, through url: String) throws {
        try PostgresSession(PostgresLocation(url: url)).execute(sql)
    }

    /// `name` when it needs no quoting; else an `InputError`.
    private static func identifier(_ name: String) throws -> String {
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }) else {
            throw InputError("'\(name)' is not a database name of lower-case letters, digits and _")
        }
        return name
    }
}
