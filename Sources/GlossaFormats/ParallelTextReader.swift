import GlossaCore
import GlossaText

/// N plain-text files that are translations of each other line by line (line 7 of `news.en`
/// translates line 7 of `news.ru`), as aligners and MT corpora keep them.
public enum ParallelTextReader {
    /// Reads one unit per line number. Lines blank in every file are skipped; a line blank in
    /// some files gives a unit without those languages. Throws `InputError` when the files
    /// differ in line count (naming both counts) or are not UTF-8.
    public static func read(_ sources: [(source: SourceText, language: LanguageTag)], origin: ImportOrigin,
                            _ body: (TranslationUnit) throws -> Void) throws {
        let columns = sources.map { (lines: Self.contentLines($0.source), language: $0.language, file: $0.source.file) }
        guard let first = columns.first else { return }
        for column in columns.dropFirst() where column.lines.count != first.lines.count {
            throw InputError("has \(column.lines.count) lines but \(first.file) has \(first.lines.count); line-aligned files must have the same number of lines",
                             file: column.file)
        }
        for index in first.lines.indices {
            let variants = columns.compactMap { column -> Variant? in
                let text = column.lines[index]
                return text.allSatisfy(\.isWhitespace) ? nil : Variant(language: column.language, text: text)
            }
            if variants.isEmpty { continue }
            // The first file's language is the source, when that line has text in it.
            let source = variants.first?.language == columns[0].language ? columns[0].language : nil
            let unit = TranslationUnit(variants: variants, sourceLanguage: source, origin: origin.document, context: nil, created: origin.created,
                                       properties: [Property("line", String(index + 1))])
            try origin.limits.check(unit, file: first.file, line: index + 1, column: 1)
            try body(unit)
        }
    }

    /// The lines, without a final empty line left by the file's last line break.
    private static func contentLines(_ source: SourceText) -> [String] {
        var lines = source.lines.map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
