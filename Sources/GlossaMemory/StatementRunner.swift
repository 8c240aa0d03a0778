/// A connection that runs SQL statements: the SQLite file's and PostgreSQL's, which wrap work
/// in a transaction the same way.
package protocol StatementRunner {
    /// Runs one statement that returns no rows.
    func execute(_ sql: String) throws
}

extension StatementRunner {
    /// Runs `body` between `begin` and COMMIT; rolled back when it throws, so the database is
    /// exactly as before on any error.
    package func inTransaction<T>(begin: String, _ body: () throws -> T) throws -> T {
        try execute(begin)
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}
