/// How large one unit may be when a file is read: the bound that keeps a reader's memory flat
/// whatever a file holds. A 50 MB text node or a unit in 10,000 languages is a broken export
/// or an attack, not a translation; past a limit the reader stops with an error at the place
/// in the file, and the limits are options for the rare TM that needs more.
public struct UnitLimits: Sendable, Equatable {
    /// The most UTF-8 bytes one segment, note or property may hold.
    public var maximumSegmentBytes: Int
    /// The most language variants (translations and their alternatives) one unit may hold.
    public var maximumVariants: Int

    /// Limits far above any real translation unit: a segment of 1 MiB (a long legal article
    /// held as one segment is a few tens of kilobytes) and 1,000 variants (the EU's
    /// TMs hold 24 languages).
    public static let standard = UnitLimits(maximumSegmentBytes: 1 << 20, maximumVariants: 1_000)

    /// The option that raises `maximumSegmentBytes`, named in the error.
    public static let segmentOption = "--max-segment-bytes"
    /// The option that raises `maximumVariants`, named in the error.
    public static let variantsOption = "--max-variants"

    public init(maximumSegmentBytes: Int, maximumVariants: Int) {
        self.maximumSegmentBytes = maximumSegmentBytes
        self.maximumVariants = maximumVariants
    }

    /// Throws when a text of `byteCount` bytes is past the segment limit.
    public func checkText(byteCount: Int, file: String?, line: Int?, column: Int?) throws(InputError) {
        guard byteCount > maximumSegmentBytes else { return }
        throw InputError("a text of more than \(maximumSegmentBytes) bytes: past the limit on one segment (\(Self.segmentOption) raises it)",
                         file: file, line: line, column: column)
    }

    /// Throws when a unit holding `count` variants is past the variant limit.
    public func checkVariants(count: Int, file: String?, line: Int?, column: Int?) throws(InputError) {
        guard count > maximumVariants else { return }
        throw InputError("a unit of more than \(maximumVariants) language variants: past the limit on one unit (\(Self.variantsOption) raises it)",
                         file: file, line: line, column: column)
    }

    /// Checks a whole unit as a reader is about to hand it on: its variant count and every
    /// text it holds (segments with their markup, notes, properties, id and context).
    public func check(_ unit: TranslationUnit, file: String?, line: Int?, column: Int?) throws(InputError) {
        try checkVariants(count: unit.variants.count, file: file, line: line, column: column)
        var largest = max(unit.externalID?.utf8.count ?? 0, unit.context?.utf8.count ?? 0)
        for variant in unit.variants {
            largest = max(largest, variant.text.utf8.count, variant.markup?.utf8.count ?? 0)
            largest = max(largest, Self.largest(variant.notes, variant.properties))
        }
        largest = max(largest, Self.largest(unit.notes, unit.properties))
        try checkText(byteCount: largest, file: file, line: line, column: column)
    }

    private static func largest(_ notes: [Note], _ properties: [Property]) -> Int {
        max(notes.lazy.map(\.text.utf8.count).max() ?? 0, properties.lazy.map(\.value.utf8.count).max() ?? 0)
    }
}
