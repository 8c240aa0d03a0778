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
}

extension TMXWriter: UnitFileWriter {}
extension TSVWriter: UnitFileWriter {}
