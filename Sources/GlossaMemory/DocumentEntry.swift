import GlossaCore

/// One row of `document_entry`, as both stores keep an imported file's header: an attribute,
/// a note or a property, in the order the header had them.
package struct DocumentEntry: Sendable, Equatable {
    /// "attribute", "note" or "prop".
    package let kind: String
    /// The attribute's or property's name; nil for a note.
    package let name: String?
    package let value: String
    package let language: String?
    package let encoding: String?

    package init(kind: String, name: String?, value: String, language: String?, encoding: String?) {
        (self.kind, self.name, self.value, self.language, self.encoding) = (kind, name, value, language, encoding)
    }

    /// The rows of `document`'s header entries.
    package static func rows(of document: SourceDocument) -> [DocumentEntry] {
        document.attributes.map { DocumentEntry(kind: "attribute", name: $0.name, value: $0.value, language: $0.language, encoding: $0.encoding) }
            + document.notes.map { DocumentEntry(kind: "note", name: nil, value: $0.text, language: $0.language, encoding: $0.encoding) }
            + document.properties.map { DocumentEntry(kind: "prop", name: $0.name, value: $0.value, language: $0.language, encoding: $0.encoding) }
    }

    /// Adds this entry back to the header it came from.
    package func add(to document: inout SourceDocument) {
        switch kind {
        case "attribute": document.attributes.append(Property(name ?? "", value, language: language))
        case "note": document.notes.append(Note(value, language: language, encoding: encoding))
        default: document.properties.append(Property(name ?? "", value, language: language, encoding: encoding))
        }
    }
}
