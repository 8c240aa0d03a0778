import Foundation
import GlossaCore
import GlossaTestSupport
import Testing
import GlossaMemory
@testable import GlossaPostgres

/// `--tm postgresql://…` read as libpq reads a connection URL.
@Suite struct PostgresLocationTests {
    @Test func urlsGiveEachPartWithLibpqsDefaults() throws {
        let full = try PostgresLocation(url: "postgresql://translator:s%40cret@db.example.org:6432/csto?sslmode=require", environment: [:])
        #expect(full.user == "translator" && full.password == "s@cret" && full.host == "db.example.org")
        #expect(full.port == 6432 && full.database == "csto" && full.tlsMode == .require)
        // The short scheme, no port (5432), no database (the user's name), sslmode prefer.
        let short = try PostgresLocation(url: "postgres://glossa@localhost", environment: [:])
        #expect(short.port == 5432 && short.database == "glossa" && short.tlsMode == .prefer && short.password == nil)
        // A Unix socket's folder, percent-encoded as the host or given as ?host=.
        let socket = try PostgresLocation(url: "postgresql://glossa@%2Fvar%2Frun%2Fpostgresql/tm", environment: [:])
        #expect(socket.isUnixSocket && socket.socketPath == "/var/run/postgresql/.s.PGSQL.5432")
        let query = try PostgresLocation(url: "postgresql:///tm?host=/tmp/pg&port=5433&user=ci", environment: [:])
        #expect(query.socketPath == "/tmp/pg/.s.PGSQL.5433" && query.user == "ci" && query.database == "tm")
        // Descriptions, which messages and logs print, never hold the password.
        #expect(!full.description.contains("s@cret") && !full.description.contains("cret"))
        #expect(full.description == "postgresql://translator@db.example.org:6432/csto")
    }

    @Test func passwordsComeFromTheEnvironmentOrThePasswordFile() throws {
        let environment = ["PGPASSWORD": "from-env"]
        #expect(try PostgresLocation(url: "postgresql://a@h/db", environment: environment).password == "from-env")
        #expect(try PostgresLocation(url: "postgresql://a:inline@h/db", environment: environment).password == "inline")

        let folder = try Fixtures.temporaryDirectory()
        let file = folder.appendingPathComponent("pgpass").path
        try "# comment\nother:*:*:*:no\nh:5432:db:a:pa\\:ss\n*:*:*:a:fallback\n".write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        #expect(try PostgresLocation(url: "postgresql://a@h/db", environment: ["PGPASSFILE": file]).password == "pa:ss")
        #expect(try PostgresLocation(url: "postgresql://a@elsewhere/x", environment: ["PGPASSFILE": file]).password == "fallback")
        // As libpq does, a password file others can read is ignored.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(try PostgresLocation(url: "postgresql://a@h/db", environment: ["PGPASSFILE": file]).password == nil)
    }

    @Test func malformedURLsAreInputErrors() {
        #expect(throws: InputError.self) { try PostgresLocation(url: "mysql://a@h/db", environment: [:]) }
        #expect(throws: InputError.self) { try PostgresLocation(url: "postgresql://a@h/db?sslmode=always", environment: [:]) }
        #expect(throws: InputError.self) { try PostgresLocation(url: "postgresql://a@h:99999/db", environment: [:]) }
        #expect(throws: InputError.self) { try PostgresLocation(url: "postgresql://a@h/db?colour=blue", environment: [:]) }
        #expect(PostgresLocation.isURL("POSTGRES://h/db") && !PostgresLocation.isURL("tm/postgres.sqlite"))
    }
}
