import Foundation
import GlossaMemory
import GlossaPostgres

/// The two stores a TM lives in, for suites that run every test once on each: one suite, two
/// stores, so both must give the same answers.
public enum TestStore: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgresql

    /// A new, empty TM in this store: a file in a temporary folder, or a database of its own
    /// in the test process's cluster.
    public func makeMemory() throws -> any UnitStore {
        switch self {
        case .sqlite:
            let path = try Fixtures.temporaryDirectory().appendingPathComponent("tm.sqlite").path
            return try TranslationMemory(path: path, access: .create)
        case .postgresql:
            return try PostgresMemory(url: try PostgresCluster.shared.get().createDatabase())
        }
    }

    /// Where a command finds a new, empty TM in this store (`--tm`): a file `name` in the
    /// command's folder (created by the first import), or a new database's URL.
    public func makeLocation(named name: String) throws -> String {
        switch self {
        case .sqlite: name
        case .postgresql: try PostgresCluster.shared.get().createDatabase()
        }
    }

    public var description: String { rawValue }
}
