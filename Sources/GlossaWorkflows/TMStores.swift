import GlossaMemory
import GlossaPostgres

/// The one place a TM's location picks its store: a `postgresql://` (or `postgres://`) URL is
/// a PostgreSQL database, anything else an SQLite file.
public enum TMStores {
    /// Whether `location` names a PostgreSQL database rather than a file.
    public static func isDatabase(_ location: String) -> Bool {
        PostgresLocation.isURL(location)
    }

    /// Opens the TM at `location`; a file is opened with `access` (a database is always
    /// read-write, its schema brought up to date).
    public static func open(_ location: String, access: TranslationMemory.Access) throws -> any UnitStore {
        isDatabase(location)
            ? try PostgresMemory(url: location)
            : try TranslationMemory(path: location, access: access)
    }

    /// `location` as messages name it: a URL without its password.
    public static func name(of location: String) -> String {
        PostgresLocation.isURL(location) ? (try? PostgresLocation(url: location).description) ?? "a PostgreSQL URL" : location
    }
}
