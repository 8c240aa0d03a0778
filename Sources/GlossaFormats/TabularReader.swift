import GlossaCore
import GlossaText

/// TSV and CSV files whose header row names a language per column (`en<TAB>ru<TAB>kk`).
///
/// Optional columns named `id`, `context` or `note` fill those fields of each unit. TSV cells
/// are taken as they are (no quoting); CSV follows RFC 4180 (quotes, doubled quotes, line
/// breaks inside quoted cells), with commas or, as Excel writes CSV where the decimal
/// separator is a comma (Russia, Germany), semicolons: the header row tells which. An empty
/// cell means the unit has no variant in that language; a row with no text at all is skipped.
public enum TabularReader {
    /// The field separator.
    public enum Dialect: Sendable {
        /// Tab-separated values.
        case tsv
        /// Comma-separated values (RFC 4180), or semicolon-separated (see `RowIterator`).
        case csv
    }

    private enum Column {
        case language(LanguageTag)
        case id, context, note
    }

    /// Reads every unit of `source`, passing each to `body` in file order. Throws
    /// `InputError` at file:line:column for a bad header, a row with the wrong number of
    /// cells, or an unterminated quote.
    public static func read(_ source: SourceText, dialect: Dialect, origin: ImportOrigin,
                            _ body: UnitHandler) throws {
        try read(lines: SourceTextLines(source), dialect: dialect, origin: origin, body)
    }

    /// Streams the units of the file at `path` ("-" for standard input) to `body`, in memory
    /// bounded by the longest row; `name` is the file as messages give it.
    public static func read(file path: String, name: String? = nil, dialect: Dialect, origin: ImportOrigin,
                            _ body: UnitHandler) throws {
        try read(lines: StreamedTextLines(path: path, name: name), dialect: dialect, origin: origin, body)
    }

    /// Reads the units of a table's lines.
    public static func read(lines: some TextLines, dialect: Dialect, origin: ImportOrigin, _ body: UnitHandler) throws {
        var rows = RowIterator(lines: lines, dialect: dialect)
        let file = lines.file
        guard let header = try rows.next() else {
            throw InputError("empty file: expected a header row naming languages (en, ru, …)", file: file, line: 1, column: 1)
        }
        let columns = try parseHeader(header.cells, file: file, line: header.line)
        let languages = columns.compactMap { column -> LanguageTag? in
            if case .language(let tag) = column { return tag }
            return nil
        }
        try origin.limits.checkVariants(count: languages.count, file: file, line: header.line, column: 1)
        // The first language column holds the source, as in a CAT tool's bilingual table.
        let sourceLanguage = languages.first
        while let row = try rows.next() {
            guard row.cells.count == columns.count else {
                throw InputError("expected \(columns.count) cells (\(header.cells.joined(separator: ", "))), found \(row.cells.count)",
                                 file: file, line: row.line, column: RowIterator.column(after: min(columns.count, row.cells.count), of: row.cells))
            }
            var unit = TranslationUnit(variants: [], origin: origin.document, created: origin.created)
            for (index, (column, cell)) in zip(columns, row.cells).enumerated() where !cell.isEmpty {
                try origin.limits.checkText(byteCount: cell.utf8.count, file: file, line: row.line,
                                            column: RowIterator.column(after: index, of: row.cells))
                switch column {
                case .language(let tag): unit.variants.append(Variant(language: tag, text: cell))
                case .id: unit.externalID = cell
                case .context: unit.context = cell
                case .note: unit.notes.append(Note(cell))
                }
            }
            if unit.variants.first?.language == sourceLanguage { unit.sourceLanguage = sourceLanguage }
            if !unit.variants.isEmpty { try body(unit, row.line) }
        }
    }

    private static func parseHeader(_ cells: [String], file: String, line: Int) throws -> [Column] {
        var seen = Set<LanguageTag>()
        var column = 1
        return try cells.map { cell in
            defer { column += cell.unicodeScalars.count + 1 }
            let name = cell.trimmingSpaces
            switch name.lowercased() {
            case "id": return .id
            case "context": return .context
            case "note", "notes": return .note
            default:
                let tag: LanguageTag
                do { tag = try LanguageTag(name) } catch {
                    throw InputError("header: \(error)", file: file, line: line, column: column)
                }
                guard seen.insert(tag).inserted else {
                    throw InputError("header: language \(tag) appears twice", file: file, line: line, column: column)
                }
                return .language(tag)
            }
        }
    }
}

extension String {
    /// The string without leading and trailing spaces (U+0020 only: tabs separate cells).
    package var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

/// Splits a tabular source into rows of cells, tracking the line each row starts on. Shared
/// with the glossary tables of GlossaTerminology.
package struct RowIterator {
    package let dialect: TabularReader.Dialect
    private var lines: any TextLines
    /// The number of the last line read.
    private var lineNumber = 0
    /// The CSV field separator: a comma, unless the first row has semicolons and no comma.
    /// That row is a header of language tags and column names, which hold neither.
    private var separator: Unicode.Scalar?

    package init(lines: any TextLines, dialect: TabularReader.Dialect) {
        self.dialect = dialect
        self.lines = lines
    }

    package init(source: SourceText, dialect: TabularReader.Dialect) {
        self.init(lines: SourceTextLines(source), dialect: dialect)
    }

    /// The file name as the user gave it.
    package var file: String { lines.file }

    /// The next non-blank row, or nil at the end.
    package mutating func next() throws -> (cells: [String], line: Int)? {
        while let line = try lines.next() {
            lineNumber += 1
            if Self.isBlank(line) { continue }
            switch dialect {
            case .tsv:
                return (Self.tabSeparatedCells(line), lineNumber)
            case .csv:
                if separator == nil { separator = line.contains(",") || !line.contains(";") ? "," : ";" }
                let first = lineNumber
                return (try csvCells(startingWith: line, line: first), first)
            }
        }
        return nil
    }

    /// Cells between tabs. Offsets come from a scan of the raw bytes; the cells are slices of
    /// the already-validated text, copied without validating again.
    private static func tabSeparatedCells(_ line: Substring) -> [String] {
        var bytes = line
        let tabs: [Int] = bytes.withUTF8 { buffer in
            var offsets: [Int] = []
            for index in 0..<buffer.count where buffer[index] == 0x09 { offsets.append(index) }
            return offsets
        }
        let utf8 = line.utf8
        var cells: [String] = []
        cells.reserveCapacity(tabs.count + 1)
        var start = utf8.startIndex
        for tab in tabs {
            let end = utf8.index(utf8.startIndex, offsetBy: tab)
            cells.append(String(line[start..<end]))
            start = utf8.index(after: end)
        }
        cells.append(String(line[start..<utf8.endIndex]))
        return cells
    }

    /// The column where cell `index` of a row of `cells` begins (one past the row's end when it
    /// has no such cell): where a row with too many or too few cells goes wrong. Counted as the
    /// cells were written unquoted, one separator apart.
    package static func column(after index: Int, of cells: [String]) -> Int {
        cells.prefix(index).reduce(1) { $0 + $1.unicodeScalars.count + 1 } - (index >= cells.count ? 1 : 0)
    }

    /// True when the line holds only spaces and tabs.
    private static func isBlank(_ line: Substring) -> Bool {
        var bytes = line
        return bytes.withUTF8 { buffer in buffer.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    }

    /// RFC 4180 cells; a quoted cell may continue on the following lines.
    private mutating func csvCells(startingWith first: Substring, line: Int) throws -> [String] {
        var cells: [String] = []
        var cell = ""
        var inQuotes = false
        var text = first
        while true {
            var iterator = text.unicodeScalars.makeIterator()
            var previousWasQuote = false
            while let scalar = iterator.next() {
                if inQuotes {
                    if scalar == "\"" {
                        inQuotes = false
                        previousWasQuote = true
                    } else {
                        cell.unicodeScalars.append(scalar)
                    }
                    continue
                }
                switch scalar {
                case "\"":
                    if previousWasQuote { cell.unicodeScalars.append("\"") }  // "" inside quotes
                    inQuotes = true
                case separator:
                    cells.append(cell)
                    cell = ""
                default:
                    cell.unicodeScalars.append(scalar)
                }
                previousWasQuote = false
            }
            guard inQuotes else { break }
            guard let next = try lines.next() else {
                throw InputError("unterminated quoted cell", file: file, line: line, column: 1)
            }
            lineNumber += 1
            cell += "\n"
            text = next
        }
        cells.append(cell)
        return cells
    }
}
