import Foundation
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaText

/// An export of a TM's units, as `glossa export` and the server's export run it: TMX 1.4b with
/// every field, or TSV for spreadsheets, of the units a filter selects.
public struct ExportWorkflow: Sendable {
    /// The file format: TMX or TSV (`FileFormat(path:)` of the output, TMX for anything else).
    public var format: FileFormat
    /// Only these languages; nil for all.
    public var languages: [LanguageTag]?
    /// Which units.
    public var filter = TranslationMemory.UnitFilter()
    /// TMX inline markup: codes kept (level 2) or stripped (level 1).
    public var level = TMXWriter.Level.inline

    /// An export in `format`: TSV for `.tsv`, else TMX.
    public init(format: FileFormat?) {
        self.format = format == .tsv ? .tsv : .tmx
    }

    /// What an export wrote.
    public struct Result: Sendable {
        /// Units written.
        public var written: Int
        /// What the format could not hold as it was (a tab in a TSV cell, a control character
        /// in TMX), one line each.
        public var alterations: [String]
    }

    /// Writes the selected units of `memory` (either store) to `output`; `progress` hears the
    /// units read so far.
    public func run(from memory: any UnitStore, to output: FileHandle, progress: (Int) -> Void = { _ in }) throws -> Result {
        // A TSV table needs its columns before the first row: every language the TM holds.
        let columns = try format == .tsv && languages == nil ? memory.statistics().languages.keys.sorted().map { try LanguageTag($0) } : languages
        let writer = try format.unitWriter(to: output, languages: columns,
                                           sourceLanguage: format == .tmx ? try headerSourceLanguage(memory) : nil, level: level)
        // Reading the TM runs on this thread, writing the file on another, and building the
        // units from the stored bytes on whichever is free: on the writing thread, unless it
        // is behind.
        let pipeline = BatchPipeline<ExportBatch>(name: "glossa.export-writer") { batches in
            for batch in batches {
                switch batch {
                case .stored(let stored): for (_, unit) in stored.units() { try writer.write(unit) }
                case .built(let units): for (_, unit) in units { try writer.write(unit) }
                }
            }
        }
        var read = 0
        if let file = memory as? TranslationMemory {
            // The file's batches come as stored bytes, built into units on the writing thread.
            try file.forEachBatch(filter) { batch in
                try pipeline.send([pipeline.isFull ? .built(batch.units()) : .stored(batch)])
                read += batch.count
                progress(read)
            }
        } else {
            try memory.forEachUnitBatch(filter) { batch in
                try pipeline.send([.built(batch)])
                read += batch.count
                progress(read)
            }
        }
        try pipeline.close()
        try writer.finish()
        return Result(written: writer.unitsWritten, alterations: writer.alterations)
    }

    /// The TMX header's `srclang`: the source language every exported unit records, when they
    /// all record the same one (and it is exported), else the first of `languages`, else none
    /// (`*all*`, each unit naming its own).
    private func headerSourceLanguage(_ memory: any UnitStore) throws -> LanguageTag? {
        let recorded = try memory.sourceLanguages(filter)
        if recorded.count == 1, let common = recorded[0], languages?.contains(where: { $0.covers(common) }) ?? true { return common }
        return languages?.first
    }
}

/// A batch of units for the export's writing thread, built already or still as stored.
private enum ExportBatch: Sendable {
    case stored(StoredUnits)
    case built([(id: Int64, unit: TranslationUnit)])
}
