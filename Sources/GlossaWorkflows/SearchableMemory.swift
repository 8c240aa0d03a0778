import Foundation
import GlossaMemory

/// Opening a TM for fuzzy and concordance lookups, as the lookup commands and the server do.
public enum SearchableMemory {
    /// Opens the TM at `location` (a file, or a PostgreSQL URL) for search. Variants an import
    /// left unindexed (`--defer-index`, or a PostgreSQL TM migrated from a schema without
    /// search indexes) are indexed first when the TM can be written: `willIndex` hears how
    /// many, and `progress` the variants indexed so far. A read-only file is opened as it is,
    /// and lookups then refuse it (`UnitStore.searchReader`).
    public static func open(_ location: String, willIndex: (Int) -> Void = { _ in },
                            progress: @escaping (Int) -> Void = { _ in }) throws -> any UnitStore {
        let memory = try TMStores.open(location, access: .readOnly)
        let unindexed = try memory.unindexedVariantCount()
        guard unindexed > 0 else { return memory }
        let isDatabase = TMStores.isDatabase(location)
        guard isDatabase || FileManager.default.isWritableFile(atPath: location) else { return memory }
        willIndex(unindexed)
        // A file opened read-only is opened again to write, and then again to read.
        try (isDatabase ? memory : TMStores.open(location, access: .readWrite)).updateSearchIndex(progress: progress)
        return isDatabase ? memory : try TMStores.open(location, access: .readOnly)
    }
}
