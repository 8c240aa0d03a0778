import CGlossaXML
import CSQLite
import Foundation
import GlossaCore
import GlossaFormats

/// The least a TMX import could take with the libraries it runs on, beside what Glossa's own
/// reading side takes: libxml2 parsing the file with no callbacks; the TMX reader building
/// units and storing none; SQLite inserting a TM's rows from memory into the same tables and
/// then building the same indexes, with nothing else to do. An import parses on one thread
/// and inserts on the other, then builds the indexes, so max(parse, insert) + index is the
/// floor no import reaches.
struct TMXFloor {
    /// The TMX file.
    let input: String
    /// A TM imported from it with `--defer-index`: the rows to insert again.
    let memory: String

    /// Seconds libxml2 takes to parse `input` with no callbacks set.
    func parseOnly() throws -> Double {
        var handler = CGlossaXML_Handler()
        guard let parser = CGlossaXML_parserCreate(Int32(CGlossaXML_xml), &handler, input),
              let stream = fopen(input, "rb")
        else { throw InputError("cannot parse", file: input) }
        defer { CGlossaXML_parserFree(parser); fclose(stream) }
        var buffer = [CChar](repeating: 0, count: 1 << 16)
        return try time {
            while true {
                let count = fread(&buffer, 1, buffer.count, stream)
                let final = count < buffer.count
                guard CGlossaXML_parserPush(parser, buffer, Int32(count), final ? 1 : 0) == 0 else {
                    throw InputError("not well-formed", file: input)
                }
                if final { return }
            }
        }
    }

    /// Seconds the TMX reader takes to turn `input` into units, storing none.
    func readOnly() throws -> Double {
        try time { _ = try TMXReader(origin: ImportOrigin(document: "units.tmx")).read(file: input) { _, _ in } }
    }

    /// Seconds SQLite takes to insert the rows of `memory`'s units and variants into a new
    /// file with the same tables, page size and settings as an import's, read from memory a
    /// batch at a time (reading is not timed); then to build the same indexes.
    func storeOnly(scratch path: String) throws -> (insert: Double, index: Double) {
        let source = try Database(path: memory, flags: SQLITE_OPEN_READONLY)
        try? FileManager.default.removeItem(atPath: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let target = try Database(path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        try target.execute("PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -32768")
        let tables = ["unit", "variant"]
        let names = tables.map { "'\($0)'" }.joined(separator: ", ")
        for sql in try source.strings("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name IN (\(names))") {
            try target.execute(sql)
        }
        let indexes = try source.strings("SELECT sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(names))")
        try target.execute("BEGIN")
        var insert = 0.0
        for table in tables {
            let columns = try source.strings("SELECT name FROM pragma_table_info('\(table)')")
            let read = try source.prepare("SELECT \(columns.joined(separator: ", ")) FROM \(table) ORDER BY id")
            let write = try target.prepare(
                "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.indices.map { "?\($0 + 1)" }.joined(separator: ", ")))")
            var batch = RowBatch(columns: Int32(columns.count))
            while batch.fill(from: read, rows: 10_000) {
                insert += try time { try batch.insert(with: write, into: target) }
            }
            sqlite3_finalize(read)
            sqlite3_finalize(write)
        }
        // As an import builds them: two sorter threads, half the cache.
        let index = try time {
            try target.execute("PRAGMA threads = 2; PRAGMA cache_size = -16384")
            for sql in indexes { try target.execute(sql) }
            try target.execute("COMMIT")
        }
        return (insert, index)
    }
}

/// Rows read from one statement, held as bytes to bind to another.
private struct RowBatch {
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
private final class Database {
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
