import Foundation
import GlossaMemory

/// Opening a TM for fuzzy and concordance lookups, as the lookup commands and the server do.
public enum SearchableMemory {
    /// Opens the TM at `path` read-only for search. Variants an import left unindexed
    /// (`--defer-index`) are indexed first when the file can be written: `willIndex` hears how
    /// many, and `progress` the variants indexed so far. A read-only file is opened as it is,
    /// and lookups then refuse it (`TranslationMemory.requireSearchIndex`).
    public static func open(path: String, willIndex: (Int) -> Void = { _ in }, progress: @escaping (Int) -> Void = { _ in }) throws -> TranslationMemory {
        let memory = try TranslationMemory(path: path, access: .readOnly)
        let unindexed = try memory.unindexedVariantCount()
        guard unindexed > 0, FileManager.default.isWritableFile(atPath: memory.path) else { return memory }
        willIndex(unindexed)
        try TranslationMemory(path: path, access: .readWrite).updateSearchIndex(progress: progress)
        return try TranslationMemory(path: path, access: .readOnly)
    }
}
