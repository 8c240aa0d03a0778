import Foundation
import GlossaCore
import GlossaText

/// A unit with everything the TM stores computed: lookup forms, hashes, the content key,
/// formatted dates. Preparing is pure work on the caller's thread; inserting is SQLite's.
package struct PreparedUnit: Sendable {
    package struct PreparedVariant: Sendable {
        /// The row id it will have: assigned before it is sent, so the posting lists can be
        /// built on the preparing thread.
        package var id: Int64 = 0
        package let language: String
        package let text: String
        package let markup: String?
        /// The lookup form, only when it differs from `text`.
        package let lookup: String?
        package let hash: Int64
        /// Nil when the write defers the search indexes.
        package let search: SearchTokens?
        package let created: PreparedStamp?
        package let changed: PreparedStamp?
        package let notes: [Note]
        package let properties: [Property]
    }

    package struct PreparedStamp: Sendable {
        package let date: String
        package let author: String?
    }

    package let contentKey: ContentKey
    /// Whether the writer must look in the TM for a unit of the same text (one the key set in
    /// memory did not see): what counts a unit kept apart by its id or properties.
    package var probeSameText = true
    package let externalID: String?
    package let sourceLanguage: String?
    package let origin: String?
    package let context: String?
    package let created: PreparedStamp?
    package let changed: PreparedStamp?
    package var variants: [PreparedVariant]
    package let notes: [Note]
    package let properties: [Property]
}

/// Turns units into `PreparedUnit`s, remembering recently formatted dates (an import
/// stamps thousands of units with the same few).
package struct UnitPreparer {
    private var formattedDates: [Date: String] = [:]
    /// The search index's vocabulary, grown as units are prepared; nil when the write
    /// defers the search indexes.
    package private(set) var vocabulary: SearchVocabulary?
    /// Buffers reused from unit to unit for the bytes the hashes are taken of.
    private var keyBytes: [UInt8] = [], hashBytes: [UInt8] = []

    package init(vocabulary: SearchVocabulary?) {
        self.vocabulary = vocabulary
    }

    /// A preparer for a store that keeps no search vocabulary of its own.
    package init() {
        self.init(vocabulary: nil)
    }

    /// Checks that `unit` can be stored: throws `InputError` for a unit with no variant.
    static func validate(_ unit: TranslationUnit) throws {
        guard !unit.variants.isEmpty else { throw InputError("a translation unit needs at least one variant") }
    }

    /// Prepares `unit`, its variants in the order it has them; throws as `validate` does.
    package mutating func prepare(_ unit: TranslationUnit) throws -> PreparedUnit {
        try Self.validate(unit)
        var variants: [PreparedUnit.PreparedVariant] = []
        variants.reserveCapacity(unit.variants.count)
        var identities: [StableHash] = []
        identities.reserveCapacity(unit.variants.count)
        for variant in unit.variants {
            let lookup = variant.text.lookupFormIfDifferent()
            let hash = ExactKey.hash(lookup ?? variant.text, language: variant.language.canonical, scratch: &hashBytes)
            identities.append(ContentKey.identity(of: hash, markup: variant.markup, scratch: &hashBytes))
            variants.append(PreparedUnit.PreparedVariant(
                language: variant.language.canonical, text: variant.text, markup: variant.markup, lookup: lookup, hash: hash.int64,
                search: try vocabulary?.tokens(ofNFC: lookup ?? variant.text, stored: lookup == nil ? nil : variant.text,
                                               language: variant.language.canonical),
                created: stamp(variant.created), changed: stamp(variant.changed),
                notes: variant.notes, properties: variant.properties))
        }
        return PreparedUnit(
            contentKey: ContentKey(variants: &identities, unit: unit, scratch: &keyBytes), externalID: unit.externalID,
            sourceLanguage: unit.sourceLanguage?.canonical, origin: unit.origin, context: unit.context,
            created: stamp(unit.created), changed: stamp(unit.changed), variants: variants,
            notes: unit.notes, properties: unit.properties)
    }

    private mutating func stamp(_ stamp: Stamp?) -> PreparedUnit.PreparedStamp? {
        guard let stamp else { return nil }
        if let formatted = formattedDates[stamp.date] { return .init(date: formatted, author: stamp.author) }
        let formatted = Timestamp.format(stamp.date)
        if formattedDates.count < 4096 { formattedDates[stamp.date] = formatted }
        return .init(date: formatted, author: stamp.author)
    }
}

/// The exact-match key of a variant: a stable hash of its language and lookup form, so one
/// integer index serves every language.
package enum ExactKey {
    package static func hash(_ lookupForm: String, language: String) -> StableHash {
        var bytes: [UInt8] = []
        return hash(lookupForm, language: language, scratch: &bytes)
    }

    /// The same hash, with the hashed bytes laid out in `scratch`: a caller hashing many
    /// variants reuses one buffer.
    static func hash(_ lookupForm: String, language: String, scratch: inout [UInt8]) -> StableHash {
        scratch.removeAll(keepingCapacity: true)
        scratch.reserveCapacity(language.utf8.count + 1 + lookupForm.utf8.count)
        var language = language, lookupForm = lookupForm
        language.withUTF8 { scratch.append(contentsOf: $0) }  // a copy of contiguous bytes, not byte by byte
        scratch.append(0)
        lookupForm.withUTF8 { scratch.append(contentsOf: $0) }
        return StableHash(scratch)
    }
}
