import CGlossaFTS
import CSQLite

/// An error from SQLite: its result code and message.
public struct SQLiteError: Error, Equatable, CustomStringConvertible {
    /// SQLite's extended result code.
    public let code: Int32
    /// SQLite's message.
    public let message: String

    public var description: String { message }

    /// True for "file is not a database".
    public var isNotADatabase: Bool { code & 0xFF == SQLITE_NOTADB }

    /// True when another connection held the lock past the busy timeout.
    public var isBusy: Bool { code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED }
}

/// A thin wrapper over one SQLite connection: prepared statements, transactions and the raw
/// handle for hot loops. Not thread safe: one connection per task.
final class SQLiteConnection: StatementRunner {
    let handle: OpaquePointer

    /// Process-wide settings, made once before the first connection opens.
    private static let configured: Void = { _ = CSQLite_disableMemoryStatistics() }()

    /// Opens `path`; `create` makes the file if missing, `readOnly` forbids writes.
    init(path: String, readOnly: Bool, create: Bool) throws {
        Self.configured
        var handle: OpaquePointer?
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(handle)
            throw SQLiteError(code: code, message: message)
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
        // FTS5 tables tokenized with ICU word break ("glossa_icu") work on every connection.
        // Debian's SQLite has FTS5; without it only such tables would fail, not the TM.
        _ = CGlossaFTS_registerICUTokenizer(UnsafeMutableRawPointer(handle))
    }

    deinit { sqlite3_close_v2(handle) }

    /// The database file's path; nil for an in-memory or temporary database.
    var path: String? {
        guard let name = sqlite3_db_filename(handle, "main"), name.pointee != 0 else { return nil }
        return String(cString: name)
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(errorMessage)
            throw SQLiteError(code: code, message: message)
        }
    }

    /// Compiles a statement for repeated use.
    func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw lastError(code) }
        return SQLiteStatement(statement, connection: self)
    }

    /// The first column of the first row of a query, as an integer (0 when there is no row).
    func scalar(_ sql: String) throws -> Int64 {
        let statement = try prepare(sql)
        defer { statement.reset() }
        return try statement.step() ? statement.int64(0) : 0
    }

    /// Runs `body` in a write transaction (`StatementRunner.inTransaction`).
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try inTransaction(begin: "BEGIN IMMEDIATE", body)
    }

    /// Whether no transaction is open (each statement is then one of its own).
    var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// Rows changed by the last statement.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// The rowid of the last row inserted.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    func lastError(_ code: Int32) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)))
    }
}

/// A prepared statement; bind with 1-based indexes, read columns with 0-based ones.
///
/// Text and blobs are bound from buffers the statement owns, one per parameter, kept from
/// use to use (`SQLITE_STATIC`). With `SQLITE_TRANSIENT` SQLite allocated a copy of every
/// value and freed it at the next bind: a tenth of the instructions of an import's writer
/// thread. A buffer is rewritten only when its parameter is bound again, and SQLite reads
/// bound values only while a step runs.
final class SQLiteStatement {
    private let statement: OpaquePointer
    private let connection: SQLiteConnection
    /// Per parameter (index - 1), the buffer its text or blob was last copied into. Unchecked
    /// exclusivity: a statement is used by one thread, and the dynamic check on every bind
    /// cost twice what the copy did.
    @exclusivity(unchecked) private var buffers: [UnsafeMutableRawBufferPointer] = []

    init(_ statement: OpaquePointer, connection: SQLiteConnection) {
        self.statement = statement
        self.connection = connection
    }

    deinit {
        sqlite3_finalize(statement)
        for buffer in buffers { buffer.deallocate() }
    }

    /// Clears bindings and rewinds, ready for the next use.
    func reset() {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    /// Rewinds, keeping the bindings: for hot loops that bind every parameter on every use
    /// (clearing them was a percent of an import's writer thread).
    func rewind() {
        sqlite3_reset(statement)
    }

    func bind(_ index: Int32, _ value: String?) {
        guard var text = value else { sqlite3_bind_null(statement, index); return }
        text.withUTF8 { bindText(index, UnsafeRawBufferPointer($0)) }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        guard let value else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_int64(statement, index, value)
    }

    /// Binds UTF-8 bytes as text.
    func bindText(_ index: Int32, _ utf8: [UInt8]) {
        utf8.withUnsafeBytes { bindText(index, $0) }
    }

    /// Binds a blob; an empty one stays an empty blob, not NULL.
    func bind(_ index: Int32, _ bytes: [UInt8]) {
        guard !bytes.isEmpty else { sqlite3_bind_zeroblob(statement, index, 0); return }
        bytes.withUnsafeBytes { _ = sqlite3_bind_blob(statement, index, staged($0, at: index), Int32($0.count), nil) }
    }

    private func bindText(_ index: Int32, _ utf8: UnsafeRawBufferPointer) {
        // An empty buffer may have no address, which SQLite would take for NULL.
        guard !utf8.isEmpty else { sqlite3_bind_text(statement, index, "", 0, CSQLite_transient()); return }
        _ = sqlite3_bind_text(statement, index, staged(utf8, at: index).assumingMemoryBound(to: CChar.self), Int32(utf8.count), nil)
    }

    /// `bytes` copied into the buffer of parameter `index`, grown when too small.
    private func staged(_ bytes: UnsafeRawBufferPointer, at index: Int32) -> UnsafeRawPointer {
        let slot = Int(index) - 1
        if slot >= buffers.count {
            buffers.append(contentsOf: repeatElement(UnsafeMutableRawBufferPointer(start: nil, count: 0), count: slot + 1 - buffers.count))
        }
        if buffers[slot].count < bytes.count {
            buffers[slot].deallocate()
            buffers[slot] = .allocate(byteCount: max(256, bytes.count + bytes.count / 2), alignment: 8)
        }
        let buffer = buffers[slot].baseAddress!
        buffer.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        return UnsafeRawPointer(buffer)
    }

    /// Advances to the next row: true when there is one, false when done.
    @discardableResult
    func step() throws -> Bool {
        let code = sqlite3_step(statement)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.lastError(code)
        }
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Calls `body` with a text column's UTF-8 bytes, or nil for NULL, valid only inside the
    /// call: for comparing with what was read before without building a string.
    func withText<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>?) throws -> T) rethrows -> T {
        guard let text = sqlite3_column_text(statement, column) else { return try body(nil) }
        return try body(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column))))
    }

    /// Calls `body` with a blob column's bytes (empty for NULL), valid only inside the call.
    func withBlob<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let count = Int(sqlite3_column_bytes(statement, column))
        return try body(UnsafeRawBufferPointer(start: sqlite3_column_blob(statement, column), count: count))
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }
}
