import CSQLite
import GlossaCore

// What the floors (`TMXFloor`, `LookupFloor`) share: SQLite through its raw handle, and rows
// copied from one TM into another with only the inserts timed.

/// Rows read from one statement, held as bytes to bind to another.
struct RowBatch {
    let columns: Int32
    private var bytes: [UInt8] = []
    private var values: [(type: Int32, integer: Int64, offset: Int, length: Int)] = []
    /// Whether the statement has run out: stepping it again would start it over.
    private var finished = false

    init(columns: Int32) { self.columns = columns }

    /// Replaces the batch with up to `rows` rows of `statement`; false when none was left.
    mutating func fill(from statement: OpaquePointer, rows: Int) -> Bool {
        bytes.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        var count = 0
        while !finished, count < rows {
            guard sqlite3_step(statement) == SQLITE_ROW else {
                finished = true
                break
            }
            for column in 0..<columns {
                let type = sqlite3_column_type(statement, column)
                switch type {
                case SQLITE_TEXT, SQLITE_BLOB:
                    let length = Int(sqlite3_column_bytes(statement, column))
                    let pointer = type == SQLITE_TEXT
                        ? UnsafeRawPointer(sqlite3_column_text(statement, column)) : sqlite3_column_blob(statement, column)
                    values.append((type, 0, bytes.count, length))
                    if let pointer { bytes.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: length)) }
                default:
                    values.append((type, sqlite3_column_int64(statement, column), 0, 0))
                }
            }
            count += 1
        }
        return count > 0
    }

    /// Inserts the batch's rows with `statement`.
    func insert(with statement: OpaquePointer, into database: Database) throws {
        try bytes.withUnsafeBytes { arena in
            for row in stride(from: 0, to: values.count, by: Int(columns)) {
                for column in 0..<Int(columns) {
                    let value = values[row + column], index = Int32(column + 1)
                    let pointer = arena.baseAddress.map { $0 + value.offset }
                    switch value.type {
                    case SQLITE_TEXT: sqlite3_bind_text(statement, index, pointer, Int32(value.length), nil)
                    case SQLITE_BLOB: sqlite3_bind_blob(statement, index, pointer, Int32(value.length), nil)
                    case SQLITE_NULL: sqlite3_bind_null(statement, index)
                    default: sqlite3_bind_int64(statement, index, value.integer)
                    }
                }
                guard sqlite3_step(statement) == SQLITE_DONE else { throw database.error() }
                sqlite3_reset(statement)
            }
        }
    }
}

/// A raw SQLite handle: the floor measures SQLite itself, not Glossa's wrapper.
final class Database {
    let handle: OpaquePointer

    init(path: String, flags: Int32) throws {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let handle else {
            throw InputError("cannot open", file: path)
        }
        self.handle = handle
    }

    deinit { sqlite3_close(handle) }

    func execute(_ sql: String) throws {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw error() }
    }

    func prepare(_ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw error() }
        return statement
    }

    /// The first column of every row of `sql`.
    func strings(_ sql: String) throws -> [String] {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        var result: [String] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            result.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
        }
        return result
    }

    func error() -> InputError { InputError("SQLite: \(String(cString: sqlite3_errmsg(handle)))") }
}

extension Database {
    /// Inserts the rows of `table` in `source`, ordered by `order`, into the same table here, a
    /// batch read into memory at a time, and returns the seconds the inserts took (reading is
    /// not timed).
    func copyRows(of table: String, from source: Database, orderedBy order: String) throws -> Double {
        let columns = try source.strings("SELECT name FROM pragma_table_info('\(table)')")
        let read = try source.prepare("SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY \(order)")
        let write = try prepare(
            "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.indices.map { "?\($0 + 1)" }.joined(separator: ", ")))")
        defer {
            sqlite3_finalize(read)
            sqlite3_finalize(write)
        }
        var batch = RowBatch(columns: Int32(columns.count))
        var seconds = 0.0
        while batch.fill(from: read, rows: 10_000) {
            seconds += try time { try batch.insert(with: write, into: self) }
        }
        return seconds
    }
}
