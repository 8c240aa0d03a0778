import Foundation
import GlossaCore
import GlossaText

/// A writer of units to a file format, fed one unit at a time.
public protocol UnitFileWriter: AnyObject {
    /// Writes one unit; returns false when the unit had nothing to write (no selected language).
    @discardableResult
    func write(_ unit: TranslationUnit) throws -> Bool
    /// Ends the document and writes what is buffered.
    func finish() throws
    /// Units written so far.
    var unitsWritten: Int { get }
    /// What the format could not hold as stored and was written otherwise, a line each, for
    /// the user to be warned of; empty when everything went out as it was.
    var alterations: [String] { get }
}

extension TMXWriter: UnitFileWriter {
    public var alterations: [String] {
        replacedCharacters == 0 ? []
            : ["\(replacedCharacters) characters XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF) written as U+FFFD"]
    }
}

extension TSVWriter: UnitFileWriter {
    public var alterations: [String] {
        (alteredCells == 0 ? [] : ["\(alteredCells) cells had tabs or line breaks, written as spaces"])
            + (alternativesLeftOut == 0 ? [] : ["\(alternativesLeftOut) alternative translations left out (a TSV cell holds one; export TMX to keep them)"])
    }
}

extension FileFormat {
    /// The format units are written in to a file named `path`: TMX or TSV as its extension
    /// says, else `otherwise` (standard output, `.txt`, no extension).
    public static func unitOutput(path: String?, otherwise: FileFormat) -> FileFormat {
        switch path.flatMap(FileFormat.init(path:)) {
        case .tmx: .tmx
        case .tsv: .tsv
        default: otherwise
        }
    }

    /// A writer of units in this format (TSV for `.tsv`, TMX for any other) to `output`, its
    /// header written: `languages` are the TSV's columns (the TMX's languages, nil for all),
    /// `sourceLanguage` the TMX header's `srclang` (nil: `*all*`).
    public func unitWriter(to output: FileHandle, languages: [LanguageTag]?, sourceLanguage: LanguageTag?,
                           level: TMXWriter.Level = .inline) throws -> any UnitFileWriter {
        if self == .tsv { return TSVWriter(output: output, languages: languages ?? []) }
        let writer = TMXWriter(output: output, options: TMXWriter.Options(level: level, sourceLanguage: sourceLanguage, languages: languages))
        try writer.writeHeader()
        return writer
    }
}
