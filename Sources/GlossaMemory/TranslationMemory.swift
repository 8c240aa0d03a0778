import CSQLite
import Foundation
import GlossaCore
import GlossaText

/// A translation memory: an SQLite file of translation units, each with 1…N language
/// variants, their lookup keys and metadata. Opening checks that the file is a Glossa TM of
/// a schema this build knows and migrates older ones. Not thread safe: one instance per task.
public final class TranslationMemory {
    /// The TM file.
    public let path: String
    let connection: SQLiteConnection

    /// How to open a TM.
    public enum Access: Sendable {
        /// Read only; the file must exist.
        case readOnly
        /// Read and write; the file must exist.
        case readWrite
        /// Read and write, creating the file when missing (its folder must exist).
        case create
    }

    /// Opens the TM at `path`; throws `MemoryError` saying what is wrong with the file.
    public init(path: String, access: Access) throws(MemoryError) {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && access != .create { throw MemoryError(path: path, reason: .missing) }
        if !exists { try Self.prepareFolder(for: path) }
        // Reading a TM of an older schema migrates it first (one transaction), when the file
        // can be written; a read-only file of an old schema is refused below.
        if exists && access == .readOnly && Self.isOlderSchema(path) && FileManager.default.isWritableFile(atPath: path) {
            _ = try TranslationMemory(path: path, access: .readWrite)
        }
        do {
            connection = try SQLiteConnection(path: path, readOnly: access == .readOnly, create: access == .create)
            try connection.execute("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000")
            // Readers map the file: a lookup's pages are then memory reads, not a system call
            // each, and connections side by side share the system's copy of them.
            if access == .readOnly { try connection.execute("PRAGMA mmap_size = \(Self.readerMapBytes)") }
            try setUp(writable: access != .readOnly)
        } catch let error as MemoryError {
            throw error
        } catch let error as SQLiteError {
            if error.isNotADatabase { throw MemoryError(path: path, reason: .notADatabase) }
            if error.isBusy { throw MemoryError(path: path, reason: .busy) }
            let readOnlyCodes: Set<Int32> = [SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_IOERR]
            if readOnlyCodes.contains(error.code & 0xFF) { throw MemoryError(path: path, reason: .unwritable(error.message)) }
            throw MemoryError(path: path, reason: .sqlite(error.message))
        } catch {
            throw MemoryError(path: path, reason: .sqlite("\(error)"))
        }
    }

    /// How much of the file a reader maps (address space, not memory): any TM up to 4 GiB.
    static let readerMapBytes = 4 << 30

    /// The schema version of the open file.
    public var schemaVersion: Int64 {
        (try? connection.scalar("PRAGMA user_version")) ?? 0
    }

    /// Whether `path` is a Glossa TM of a schema older than this build's.
    private static func isOlderSchema(_ path: String) -> Bool {
        guard let connection = try? SQLiteConnection(path: path, readOnly: true, create: false),
              let applicationID = try? connection.scalar("PRAGMA application_id"),
              let version = try? connection.scalar("PRAGMA user_version")
        else { return false }
        return applicationID == Schema.applicationID && version < Schema.currentVersion
    }

    /// Checks that the folder that will hold `path` exists and is writable. Only the file is
    /// created: a mistyped folder (or a URL taken for a path) must not become a tree of
    /// folders with an empty TM at its end.
    static func prepareFolder(for path: String) throws(MemoryError) {
        if path.contains("://") {
            throw MemoryError(path: path, reason: .unwritable("a URL, not a file path: a TM is an SQLite file"))
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            throw MemoryError(path: path, reason: .unwritable("there is no folder \(folder) (Glossa creates the TM file, not its folders)"))
        }
        guard isFolder.boolValue else { throw MemoryError(path: path, reason: .unwritable("\(folder) is not a folder")) }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw MemoryError(path: path, reason: .unwritable("folder \(folder) is not writable"))
        }
    }

    /// Checks identity and version, creates the schema in an empty file, migrates old ones.
    private func setUp(writable: Bool) throws {
        let applicationID = try connection.scalar("PRAGMA application_id")
        let version = try connection.scalar("PRAGMA user_version")
        let tables = try connection.scalar("SELECT count(*) FROM sqlite_schema")
        if applicationID != Schema.applicationID {
            guard applicationID == 0, tables == 0 else { throw MemoryError(path: path, reason: .foreignDatabase) }
            guard writable else { throw MemoryError(path: path, reason: .missing) }
            // 16 KiB pages, set before the first table exists: a million-unit TMX export reads
            // the file with a quarter of the system calls and ran 15% faster than with 4 KiB.
            try connection.execute("PRAGMA page_size = 16384; PRAGMA journal_mode = WAL")
        }
        if version > Schema.currentVersion {
            throw MemoryError(path: path, reason: .newerSchema(found: version, supported: Schema.currentVersion))
        }
        if version < Schema.currentVersion {
            guard writable else {
                throw MemoryError(path: path, reason: .sqlite("schema version \(version) needs migrating; open it for writing once"))
            }
            try connection.transaction {
                for migration in Schema.migrations[Int(version)...] { try connection.execute(migration) }
                var rebuildsSearchIndexes = false
                if version > 0 && version < Schema.searchIndexVersion {
                    try SearchIndex.update(connection, from: 0, committed: false)
                } else if version > 0 {
                    // Words cut another way than when they were indexed: ’ and ʼ folded into '
                    // (schema 7), @ a letter to the word cut and the full text cut from the
                    // stored text (8), placeholders no words (10).
                    var changedText: [String] = []
                    if version < Schema.apostropheFoldingVersion {
                        changedText += MatchTokenizer.apostrophes.dropFirst().map { "instr(text, '\($0)')" }
                    }
                    if version < Schema.identityVersion { changedText += ["normalized IS NOT NULL", "instr(text, '@')"] }
                    if version < Schema.placeholderVersion { changedText += ["instr(text, '%')", "instr(text, '{')"] }
                    rebuildsSearchIndexes = try !changedText.isEmpty && connection.scalar(
                        "SELECT EXISTS (SELECT 1 FROM variant WHERE tokens IS NOT NULL AND (\(changedText.joined(separator: " OR "))))") == 1
                }
                if version > 0 && version < Schema.identityVersion { try rekeyUnits() }
                if rebuildsSearchIndexes { try SearchIndex.rebuild(connection) }
                try connection.execute("PRAGMA application_id = \(Schema.applicationID); PRAGMA user_version = \(Schema.currentVersion)")
            }
        }
        if writable { try connection.execute("PRAGMA synchronous = NORMAL") }
    }
}

extension TranslationMemory {
    /// Counts of what the TM holds.
    public struct Statistics: Codable, Equatable, Sendable {
        /// Translation units.
        public var units: Int
        /// Variants per language tag.
        public var languages: [String: Int]
        /// Of those, the alternatives per language tag: variants after their unit's first in
        /// that language (languages with none are left out).
        public var alternatives: [String: Int]
        /// Schema version of the file.
        public var schemaVersion: Int
        /// Size of the database file in bytes (without the WAL).
        public var bytes: Int

        public init(units: Int, languages: [String: Int], alternatives: [String: Int], schemaVersion: Int, bytes: Int) {
            self.units = units
            self.languages = languages
            self.alternatives = alternatives
            self.schemaVersion = schemaVersion
            self.bytes = bytes
        }
    }

    /// Counts units and variants per language.
    public func statistics() throws -> Statistics {
        let units = try connection.scalar("SELECT count(*) FROM unit")
        var languages: [String: Int] = [:]
        var alternatives: [String: Int] = [:]
        let statement = try connection.prepare(
            "SELECT lang, count(*), count(*) - count(DISTINCT unit_id) FROM variant GROUP BY lang ORDER BY lang")
        while try statement.step() {
            languages[statement.string(0) ?? ""] = Int(statement.int64(1))
            if statement.int64(2) > 0 { alternatives[statement.string(0) ?? ""] = Int(statement.int64(2)) }
        }
        let pages = try connection.scalar("PRAGMA page_count")
        let pageSize = try connection.scalar("PRAGMA page_size")
        return Statistics(units: Int(units), languages: languages, alternatives: alternatives, schemaVersion: Int(schemaVersion), bytes: Int(pages * pageSize))
    }

    /// Whether the TM holds text in `language`, or, when it is a bare language ("en"), in a
    /// regional form of it: what a command asked for a language the TM lacks warns about.
    /// Quick when it does; a scan of the variants when it does not.
    public func holdsText(in language: LanguageTag) throws -> Bool {
        if language.language == language.canonical {
            // The search vocabulary is keyed by primary language, with an index: a word of the
            // language there means text in it, whichever variant is the first to hold it.
            let vocabulary = try connection.prepare("SELECT EXISTS (SELECT 1 FROM search_token WHERE lang = ?1)")
            vocabulary.bind(1, language.canonical)
            try vocabulary.step()
            if vocabulary.int64(0) == 1 { return true }
        }
        let statement = try connection.prepare(
            "SELECT EXISTS (SELECT 1 FROM variant WHERE \(language.sqlCovering(column: "lang", parameter: 1)))")
        statement.bind(1, language.canonical)
        try statement.step()
        return statement.int64(0) == 1
    }

    /// A number that changes whenever another connection commits to the TM (SQLite's
    /// `data_version`): a reader keeping something derived from the TM knows when to derive it
    /// again. A read-only connection, as the server's readers are, sees every write this way.
    public func changeCount() throws -> Int64 {
        try connection.scalar("PRAGMA data_version")
    }

    /// The ids of units whose variant in `language` has exactly `text` in lookup form
    /// (NFC, white space collapsed), in insertion order.
    public func exactMatches(of text: String, in language: LanguageTag) throws -> [Int64] {
        let reader = try SQLiteIndexReader(self)
        return try reader.exactVariants(lookupForm: text.normalizedForLookup(), language: language).compactMap { try reader.variant($0)?.unitID }
    }

    /// Runs `body` inside one read transaction, or inside the caller's when one is open: its
    /// statements all see one snapshot of the TM, and the file's shared lock is taken once, not
    /// by each statement (a fuzzy lookup runs dozens; each lock is two system calls and a stat).
    public func reading<T>(_ body: () throws -> T) throws -> T {
        guard connection.isAutocommit else { return try body() }
        try connection.execute("BEGIN")
        defer { try? connection.execute("COMMIT") }
        return try body()
    }

    /// `body` in one write transaction; an SQLite failure comes out as a `MemoryError` naming
    /// the file (a full disk, say). Another process writing the TM (an import, `glossa tm
    /// index`) holds the lock for as long as it runs; past the busy timeout that is `.busy`,
    /// not SQLite's "database is locked".
    func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        do {
            return try connection.transaction(body)
        } catch let error as SQLiteError {
            throw MemoryError(path: path, reason: error.isBusy ? .busy : .sqlite(error.message))
        }
    }
}

extension LanguageTag {
    /// `covers` as an SQL condition on a column of canonical tags, with this tag bound to
    /// parameter `?parameter`: the tag itself, and for a bare language its regional forms.
    func sqlCovering(column: String, parameter: Int) -> String {
        language == canonical ? "(\(column) = ?\(parameter) OR \(column) LIKE ?\(parameter) || '-%')" : "\(column) = ?\(parameter)"
    }
}
