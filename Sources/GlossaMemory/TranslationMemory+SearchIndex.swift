extension TranslationMemory {
    /// How many variants lack the search indexes (fuzzy and concordance) because an import
    /// deferred them; 0 when the TM is ready for lookups.
    public func unindexedVariantCount() throws -> Int {
        guard let pending = try SearchIndex.pendingFrom(connection) else { return 0 }
        return Int(try connection.scalar("SELECT count(*) FROM variant WHERE id >= \(pending) AND tokens IS NULL"))
    }

    /// Builds the search indexes of the variants an import deferred, in one transaction;
    /// `progress` hears how many are done. Returns how many were indexed.
    @discardableResult
    public func updateSearchIndex(progress: (Int) -> Void = { _ in }) throws -> Int {
        try writeTransaction {
            guard let pending = try SearchIndex.pendingFrom(connection) else { return 0 }
            var done = 0
            try SearchIndex.update(connection, from: pending, committed: true) { done = $0; progress($0) }
            return done
        }
    }

    /// Throws `MemoryError` when some variants are not in the search indexes yet: fuzzy and
    /// concordance lookups would silently miss them.
    public func requireSearchIndex() throws {
        let count: Int
        do { count = try unindexedVariantCount() } catch { throw MemoryError(path: path, reason: .sqlite("\(error)")) }
        if count > 0 { throw MemoryError(path: path, reason: .searchIndexPending(count)) }
    }
}
