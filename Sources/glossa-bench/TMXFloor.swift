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
        for table in tables { insert += try target.copyRows(of: table, from: source, orderedBy: "id") }
        // As an import builds them: two sorter threads, half the cache.
        let index = try time {
            try target.execute("PRAGMA threads = 2; PRAGMA cache_size = -16384")
            for sql in indexes { try target.execute(sql) }
            try target.execute("COMMIT")
        }
        return (insert, index)
    }
}
