import GlossaCore

/// What an importer stamps on every unit it reads: where it came from and when.
public struct ImportOrigin: Sendable {
    /// The origin document recorded on each unit (the file name as given).
    public var document: String
    /// Creation stamp for units whose source carries none.
    public var created: Stamp?

    public init(document: String, created: Stamp? = nil) {
        self.document = document
        self.created = created
    }
}

/// Receives each unit a file reader produces, with the 1-based line where the unit starts in
/// the file (what a terminology finding points at).
public typealias UnitHandler = (TranslationUnit, _ line: Int) throws -> Void
