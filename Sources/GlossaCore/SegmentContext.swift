import GlossaText

/// Where a segment stands: the key of the string it translates (a PO `msgctxt`, an XLIFF
/// `resname`, a TMX `x-context`) and the source segments before and after it in its document.
/// An exact match whose unit was stored in the same context is a context match (101), the
/// match memoQ calls context and Trados in-context exact (ICE).
public struct SegmentContext: Sendable, Hashable, Codable {
    /// The string's key.
    public var key: String?
    /// The source segment before it, and the one after; "" at the start or end of a document.
    public var previous: String?
    public var next: String?

    public init(key: String? = nil, previous: String? = nil, next: String? = nil) {
        self.key = key
        self.previous = previous
        self.next = next
    }

    /// The unit properties that keep a segment's neighbours (TMX props, as Okapi writes them).
    public static let previousProperty = "x-context-pre", nextProperty = "x-context-post"

    /// The unit properties a key may be kept in besides the unit's context: XLIFF 1.2's
    /// `resname` and 2.0's `name`, as `XLIFFReader` keeps them.
    public static let keyProperties = ["xliff:resname", "xliff:name"]

    /// Whether nothing is given.
    public var isEmpty: Bool { key == nil && previous == nil && next == nil }

    /// Whether `unit` was stored in this context: each part given is the unit's too, the
    /// neighbours compared in lookup form. Nothing given, nothing agrees.
    public func agrees(with unit: some UnitFacts) -> Bool {
        guard !isEmpty else { return false }
        if let key, unit.context != key && !Self.keyProperties.contains(where: { unit.propertyValues(named: $0).contains(key) }) {
            return false
        }
        for (given, property) in [(previous, Self.previousProperty), (next, Self.nextProperty)] {
            guard let given else { continue }
            guard let stored = unit.propertyValues(named: property).first,
                  stored.normalizedForLookup() == given.normalizedForLookup() else { return false }
        }
        return true
    }

    /// The properties that keep this context's neighbours on a unit (its key goes in the unit's
    /// `context`).
    public var neighbourProperties: [Property] {
        [(previous, Self.previousProperty), (next, Self.nextProperty)].compactMap { value, name in value.map { Property(name, $0) } }
    }

    /// The context of the segment at `index` of a document's `segments`: its neighbours, ""
    /// at either end.
    public static func neighbours(of index: Int, in segments: [String]) -> SegmentContext {
        SegmentContext(previous: index > 0 ? segments[index - 1] : "", next: index + 1 < segments.count ? segments[index + 1] : "")
    }
}
