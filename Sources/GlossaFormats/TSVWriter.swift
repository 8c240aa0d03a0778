import Foundation
import GlossaCore
import GlossaText

/// Writes units as TSV for spreadsheets and quick diffs: a header of language tags, then one
/// row per unit with the plain text of each language (empty where the unit has none). Tabs
/// and line breaks inside a segment cannot live in a TSV cell: they become spaces, and
/// `alteredCells` counts where that happened. A cell holds one variant: a unit's alternative
/// translations are left out, counted in `alternativesLeftOut`. `TabularReader` reads the
/// result back.
public final class TSVWriter {
    private let output: FileHandle
    private let languages: [LanguageTag]
    private var buffer: [UInt8] = []
    /// Rows written so far.
    public private(set) var unitsWritten = 0
    /// Cells whose tabs or line breaks were replaced.
    public private(set) var alteredCells = 0
    /// Alternative translations not written: the unit's second or later variant in a column's language.
    public private(set) var alternativesLeftOut = 0

    /// A writer of `languages` columns, in that order.
    public init(output: FileHandle, languages: [LanguageTag]) {
        self.output = output
        self.languages = languages
        buffer.reserveCapacity(1 << 20)
        buffer.append(contentsOf: languages.map(\.canonical).joined(separator: "\t").utf8)
        buffer.append(0x0A)
    }

    /// Writes a unit's row; a unit with none of the languages is skipped.
    @discardableResult
    public func write(_ unit: TranslationUnit) throws -> Bool {
        let chosen = languages.map { unit.variant(covering: $0) }
        let cells = chosen.map { $0?.text ?? "" }
        guard cells.contains(where: { !$0.isEmpty }) else { return false }
        for case let variant? in chosen {
            alternativesLeftOut += unit.variants.count { $0.language == variant.language } - 1
        }
        for (index, cell) in cells.enumerated() {
            if index > 0 { buffer.append(0x09) }
            var altered = false
            for byte in cell.utf8 {
                if byte == 0x09 || byte == 0x0A || byte == 0x0D {
                    buffer.append(0x20)
                    altered = true
                } else {
                    buffer.append(byte)
                }
            }
            if altered { alteredCells += 1 }
        }
        buffer.append(0x0A)
        unitsWritten += 1
        if buffer.count >= 1 << 20 { try flush() }
        return true
    }

    /// Writes what is buffered.
    public func finish() throws {
        try flush()
    }

    private func flush() throws {
        try output.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
