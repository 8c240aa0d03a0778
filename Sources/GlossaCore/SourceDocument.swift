/// What an imported file said about itself as a whole: a TMX header's attributes, notes and
/// properties. Units keep the document's name as their origin.
public struct SourceDocument: Hashable, Sendable, Codable {
    /// The origin name its units carry.
    public var origin: String
    /// The format it came in ("tmx").
    public var format: String
    /// Its header attributes, in document order (`srclang`, `o-tmf`, `creationtool`, …).
    public var attributes: [Property]
    /// Notes on the whole document.
    public var notes: [Note]
    /// Properties of the whole document.
    public var properties: [Property]

    public init(origin: String, format: String, attributes: [Property] = [], notes: [Note] = [], properties: [Property] = []) {
        self.origin = origin
        self.format = format
        self.attributes = attributes
        self.notes = notes
        self.properties = properties
    }
}
