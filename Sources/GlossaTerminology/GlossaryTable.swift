import Foundation
import GlossaCore
import GlossaFormats
import GlossaText

/// Glossaries as spreadsheets (TSV or CSV) and as OmegaT's glossary files.
///
/// A table's header names its columns: a language tag per term column (`en`, `ru`), and
/// optionally `concept` (rows with the same value are one concept), `status`, `type`,
/// `pos`, `case` (yes/no), `note`, `definition` and `subject`, which apply to every term of
/// the row, or `<lang>:status`, `<lang>:type`, `<lang>:note` for one language's term.
/// OmegaT's glossary has no header: source term, target term and a comment per line, in the
/// project's two languages.
public enum GlossaryTable {
    private enum Column {
        case concept, status, type, partOfSpeech, caseSensitive, note, definition, subject
        case term(LanguageTag)
        case languageStatus(LanguageTag), languageType(LanguageTag), languageNote(LanguageTag)
    }

    /// Reads a table with a header row.
    public static func read(_ source: SourceText, dialect: TabularReader.Dialect) throws -> Termbase {
        var rows = RowIterator(source: source, dialect: dialect)
        guard let header = try rows.next() else {
            throw InputError("empty glossary: expected a header row naming languages (en, ru, …)", file: source.file, line: 1, column: 1)
        }
        let columns = try parseHeader(header.cells, file: source.file, line: header.line)
        guard columns.contains(where: { if case .term = $0 { true } else { false } }) else {
            throw InputError("the header names no language column (en, ru, …)", file: source.file, line: header.line, column: 1)
        }
        var termbase = Termbase(name: source.file)
        var conceptIndex: [String: Int] = [:]
        while let row = try rows.next() {
            guard row.cells.count <= columns.count else {
                throw InputError("expected at most \(columns.count) cells, found \(row.cells.count)", file: source.file, line: row.line,
                                 column: RowIterator.column(after: columns.count, of: row.cells))
            }
            let (conceptID, concept) = try concept(from: row, columns: columns, file: source.file)
            guard !concept.terms.isEmpty else { continue }
            if let conceptID, let index = conceptIndex[conceptID] {
                termbase.concepts[index].terms += concept.terms
                termbase.concepts[index].notes += concept.notes
            } else {
                if let conceptID { conceptIndex[conceptID] = termbase.concepts.count }
                termbase.concepts.append(concept)
            }
        }
        return termbase
    }

    /// Reads an OmegaT glossary: `source<TAB>target[<TAB>comment]` per line, `#` comments.
    public static func readOmegaT(_ source: SourceText, sourceLanguage: LanguageTag, targetLanguage: LanguageTag) throws -> Termbase {
        var termbase = Termbase(name: source.file)
        for (offset, line) in source.lines.enumerated() where !line.hasPrefix("#") {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            guard cells.count >= 2, !cells[0].isEmpty else { continue }
            var concept = Concept(id: "line \(offset + 1)")
            concept.terms.append(Term(cells[0], language: sourceLanguage, line: offset + 1))
            if !cells[1].isEmpty { concept.terms.append(Term(cells[1], language: targetLanguage, line: offset + 1)) }
            if cells.count > 2, !cells[2].isEmpty { concept.notes.append(cells[2]) }
            termbase.concepts.append(concept)
        }
        return termbase
    }

    /// Whether the first row of a TSV file is a glossary header (else it may be OmegaT's format).
    public static func hasHeader(_ source: SourceText) -> Bool {
        guard let first = source.lines.first(where: { !$0.isEmpty && !$0.hasPrefix("#") }) else { return false }
        let cells = first.split(separator: "\t").map { String($0).trimmingSpaces }
        return (try? parseHeader(cells, file: source.file, line: 1))?.contains {
            if case .term = $0 { true } else { false }
        } ?? false
    }

    /// The termbase as a table: one row per concept and rank, a column per language, and
    /// per-language status, type and note columns. `read` gives the same concepts back.
    public static func write(_ termbase: Termbase, dialect: TabularReader.Dialect) -> String {
        let languages = termbase.languages.sorted()
        var header = ["concept"]
        for language in languages {
            header += [language.canonical, "\(language):status", "\(language):type", "\(language):note"]
        }
        header += ["pos", "subject", "note"]
        var rows = [header]
        for concept in termbase.concepts {
            let byLanguage = languages.map { language in concept.terms.filter { $0.language == language } }
            let depth = byLanguage.map(\.count).max() ?? 0
            for rank in 0..<depth {
                var row = [concept.id]
                var partsOfSpeech = Set<String>()
                for terms in byLanguage {
                    guard rank < terms.count else { row += ["", "", "", ""]; continue }
                    let term = terms[rank]
                    row += [term.text, term.status?.rawValue ?? "", term.type?.rawValue ?? "", term.notes.joined(separator: "; ")]
                    if let pos = term.partOfSpeech { partsOfSpeech.insert(pos) }
                }
                row += [partsOfSpeech.sorted().joined(separator: ", "), rank == 0 ? concept.subjectField ?? "" : "",
                        rank == 0 ? concept.notes.joined(separator: "; ") : ""]
                rows.append(row)
            }
        }
        return rows.map { row in row.map { cell(escaping: $0, dialect: dialect) }.joined(separator: dialect == .csv ? "," : "\t") }
            .joined(separator: "\n") + "\n"
    }

    /// The termbase as an OmegaT glossary from `source` to `target`: every pair of a source
    /// term and the preferred target term of its concept.
    public static func writeOmegaT(_ termbase: Termbase, source: LanguageTag, target: LanguageTag) -> String {
        var lines: [String] = []
        for concept in termbase.concepts {
            guard let translation = concept.suggestion(in: target) else { continue }
            for term in concept.terms(in: source) where term.effectiveStatus.isApproved {
                let comment = (concept.notes + term.notes).joined(separator: "; ")
                lines.append([term.text, translation.text, comment].map { cell(escaping: $0, dialect: .tsv) }.joined(separator: "\t"))
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    private static func cell(escaping text: String, dialect: TabularReader.Dialect) -> String {
        switch dialect {
        case .tsv:
            // isNewline: "\r\n" is one Character, neither "\r" nor "\n".
            return String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
        case .csv:
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    private static func parseHeader(_ cells: [String], file: String, line: Int) throws -> [Column] {
        var column = 1
        return try cells.map { cell in
            defer { column += cell.unicodeScalars.count + 1 }
            let name = cell.trimmingSpaces
            switch name.lowercased() {
            case "concept", "id", "concept id": return .concept
            case "status", "usage", "administrativestatus": return .status
            case "type", "termtype": return .type
            case "pos", "partofspeech", "part of speech": return .partOfSpeech
            case "case", "case sensitive", "casesensitive": return .caseSensitive
            case "note", "notes", "comment": return .note
            case "definition": return .definition
            case "subject", "subjectfield", "domain": return .subject
            default:
                let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
                let tag: LanguageTag
                do { tag = try LanguageTag(parts[0]) } catch {
                    throw InputError("header: '\(name)' is neither a language tag nor a known column (\(error))",
                                     file: file, line: line, column: column)
                }
                guard parts.count == 2 else { return .term(tag) }
                switch parts[1].lowercased() {
                case "status": return .languageStatus(tag)
                case "type": return .languageType(tag)
                case "note", "notes": return .languageNote(tag)
                default: throw InputError("header: unknown column '\(name)'", file: file, line: line, column: column)
                }
            }
        }
    }

    private static func concept(from row: (cells: [String], line: Int), columns: [Column], file: String) throws
        -> (id: String?, concept: Concept) {
        var conceptID: String?
        var concept = Concept(id: "row \(row.line)")
        // What the row says of all its terms; a language's own column overrides status and type.
        var status: TermStatus?, type: TermType?, partOfSpeech: String?, caseSensitive: Bool?
        var terms: [LanguageTag: Term] = [:]
        var order: [LanguageTag] = []
        func edit(_ language: LanguageTag, _ change: (inout Term) -> Void) {
            change(&terms[language, default: Term("", language: language, line: row.line)])
        }
        for (index, (column, raw)) in zip(columns, row.cells).enumerated() {
            let value = raw.trimmingSpaces
            guard !value.isEmpty else { continue }
            let place = (file: file, line: row.line, column: RowIterator.column(after: index, of: row.cells))
            switch column {
            case .concept: conceptID = value; concept.id = value
            case .status: status = try Self.status(value, at: place)
            case .type: type = try Self.type(value, at: place)
            case .partOfSpeech: partOfSpeech = value
            case .caseSensitive: caseSensitive = ["yes", "true", "1", "y"].contains(value.lowercased())
            case .note: concept.notes.append(value)
            case .definition: concept.definitions[""] = value
            case .subject: concept.subjectField = value
            case .term(let language):
                edit(language) { $0.text = value }
                order.append(language)
            case .languageStatus(let language):
                let own = try Self.status(value, at: place)
                edit(language) { $0.status = own }
            case .languageType(let language):
                let own = try Self.type(value, at: place)
                edit(language) { $0.type = own }
            case .languageNote(let language):
                edit(language) { $0.notes.append(value) }
            }
        }
        concept.terms = order.compactMap { language in
            guard var term = terms[language], !term.text.isEmpty else { return nil }
            term.status = term.status ?? status
            term.type = term.type ?? type
            term.partOfSpeech = partOfSpeech
            term.caseSensitive = caseSensitive
            return term
        }
        return (conceptID, concept)
    }

    private static func status(_ value: String, at place: (file: String, line: Int, column: Int)) throws -> TermStatus {
        guard let status = TermStatus(spelling: value) else {
            throw InputError("unknown status '\(value)' (preferred, admitted, deprecated, superseded)",
                             file: place.file, line: place.line, column: place.column)
        }
        return status
    }

    private static func type(_ value: String, at place: (file: String, line: Int, column: Int)) throws -> TermType {
        guard let type = TermType(spelling: value) else {
            throw InputError("unknown term type '\(value)' (\(TermType.allCases.map(\.rawValue).joined(separator: ", ")))",
                             file: place.file, line: place.line, column: place.column)
        }
        return type
    }
}
