import Foundation
import GlossaCore
import GlossaFormats
import GlossaText

/// Opens a glossary file of any format Glossa reads, chosen by extension: TBX (`.tbx`,
/// `.xml`), CSV, TSV with a header, and OmegaT's headerless glossary (`.txt`, `.utf8`, or a
/// TSV whose first row names no language), which needs the project's two languages.
public enum GlossaryFile {
    /// A glossary read from disk, with what was not quite right in it.
    public struct Loaded: Sendable {
        public var termbase: Termbase
        /// Problems that did not stop reading: TBX that bends the standard, with its
        /// violations of the core structure and dialect.
        public var warnings: [String]
    }

    /// The glossaries in `folder` (TBX, TSV and CSV files; other files are not taken for
    /// glossaries), sorted by name; none when there is no such folder.
    public static func all(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { ["tbx", "tsv", "csv"].contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted().map { (folder as NSString).appendingPathComponent($0) }
    }

    /// Reads the glossary at `path`. `languages` are needed only for OmegaT's format.
    public static func load(path: String, languages: (source: LanguageTag, target: LanguageTag)? = nil) throws -> Loaded {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(FileManager.default.fileExists(atPath: path) ? "cannot read the glossary" : "no such glossary",
                             file: path)
        }
        let bytes = Array(data)
        switch (path as NSString).pathExtension.lowercased() {
        case "tbx", "xml", "tbxm":
            let result = try TBXReader().read(bytes: bytes, file: path)
            // Real exports are often slightly off the standard: they are used, with a warning
            // per violation.
            let violations = result.isVersion3 ? try TBXValidator().validate(bytes: bytes, file: path).violations : []
            return Loaded(termbase: result.termbase,
                          warnings: result.warnings + violations.map { "\(path):\($0) (glossa terms validate)" })
        case "csv":
            return Loaded(termbase: try GlossaryTable.read(SourceText(bytes: bytes, file: path), dialect: .csv), warnings: [])
        default:
            let source = try SourceText(bytes: bytes, file: path)
            if GlossaryTable.hasHeader(source) {
                return Loaded(termbase: try GlossaryTable.read(source, dialect: .tsv), warnings: [])
            }
            guard let languages else {
                throw InputError("no header row naming languages: for an OmegaT glossary say --from and --to", file: path, line: 1, column: 1)
            }
            return Loaded(termbase: try GlossaryTable.readOmegaT(source, sourceLanguage: languages.source,
                                                                 targetLanguage: languages.target), warnings: [])
        }
    }
}
