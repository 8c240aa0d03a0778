/// Why a TM could not be opened or changed. The description is one line naming the file.
public struct MemoryError: Error, Equatable, CustomStringConvertible {
    /// The TM file.
    public let path: String
    /// What is wrong.
    public let reason: Reason

    /// The kinds of failure.
    public enum Reason: Equatable, Sendable {
        /// No TM at the path, and the command does not create one.
        case missing
        /// The file exists but is not an SQLite database at all.
        case notADatabase
        /// An SQLite database, but another application's.
        case foreignDatabase
        /// Written by a newer Glossa whose schema this build does not know.
        case newerSchema(found: Int64, supported: Int64)
        /// The file or its folder cannot be created or written.
        case unwritable(String)
        /// Variants imported with the search indexes deferred, not indexed yet.
        case searchIndexPending(Int)
        /// Another process kept the TM locked for writing past the busy timeout.
        case busy
        /// Any other SQLite failure.
        case sqlite(String)
        /// A failure of the PostgreSQL server or of the connection to it.
        case postgres(String)
    }

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .missing:
            return "\(path): no translation memory here (create one with 'glossa import')"
        case .notADatabase:
            return "\(path): not a Glossa translation memory (not an SQLite database)"
        case .foreignDatabase:
            return "\(path): not a Glossa translation memory (an SQLite database of another application)"
        case .newerSchema(let found, let supported):
            return "\(path): translation memory has schema version \(found), newer than this Glossa supports (\(supported)); upgrade Glossa"
        case .unwritable(let why):
            return "\(path): cannot write the translation memory: \(why)"
        case .searchIndexPending(let count):
            return "\(path): \(count) variants are not in the search indexes yet (imported with --defer-index); run 'glossa tm index'"
        case .busy:
            return "\(path): another process is writing to this translation memory (an import or 'glossa tm index'); try again when it has finished"
        case .sqlite(let message), .postgres(let message):
            return "\(path): \(message)"
        }
    }
}
