import GlossaCore

/// What an importer applies to every unit it reads: where it came from, when, and how large
/// it may be.
public struct ImportOrigin: Sendable {
    /// The origin document recorded on each unit (the file name as given).
    public var document: String
    /// Creation stamp for units whose source carries none.
    public var created: Stamp?
    /// How large one unit may be; a reader stops at the first unit past them.
    public var limits: UnitLimits

    public init(document: String, created: Stamp? = nil, limits: UnitLimits = .standard) {
        self.document = document
        self.created = created
        self.limits = limits
    }
}

/// Receives each unit a file reader produces, with the 1-based line where the unit starts in
/// the file (what a terminology finding points at).
public typealias UnitHandler = (TranslationUnit, _ line: Int) throws -> Void
