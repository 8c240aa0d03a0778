import GlossaCore

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
