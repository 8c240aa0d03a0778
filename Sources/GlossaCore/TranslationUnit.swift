import Foundation
import GlossaText

/// A named value attached to a unit or variant (TMX `prop`, XLIFF state, import provenance).
public struct Property: Hashable, Sendable, Codable {
    /// The property's name, as the source format spelled it ("x-context", "file").
    public var name: String
    /// Its value.
    public var value: String
    /// The language the value is written in, when the source said (TMX `prop xml:lang`).
    public var language: String?
    /// The value's original encoding, when the source said (TMX `prop o-encoding`).
    public var encoding: String?

    public init(_ name: String, _ value: String, language: String? = nil, encoding: String? = nil) {
        self.name = name
        self.value = value
        self.language = language
        self.encoding = encoding
    }

    /// Whether the property records how a unit was handled rather than what it is: the
    /// attributes of a TMX `tu` or `tuv` other than its id (`tmx:usagecount`, `tmx:creationtool`,
    /// …), workflow states (XLIFF state, Trados confirmation, memoQ and Phrase status, PO's
    /// fuzzy flag) and positions (a line number, PO source references). Two units that differ
    /// only in such properties are the same unit; any other property tells units apart.
    public var isBookkeeping: Bool {
        name.hasPrefix("tmx:") || Self.bookkeepingNames.contains(name)
    }

    private static let bookkeepingNames: Set<String> = [
        "line", "po:reference", "po:fuzzy", "xliff:state", "xliff:state-qualifier", "xliff:subState", "xliff:approved",
        "sdl:conf", "mq:status", "m:confirmed",
    ]
}

/// A note for people: a translator's comment, a reviewer's remark.
public struct Note: Hashable, Sendable, Codable, ExpressibleByStringLiteral {
    /// The note.
    public var text: String
    /// The language it is written in, when the source said (TMX `note xml:lang`).
    public var language: String?
    /// Its original encoding, when the source said (TMX `note o-encoding`).
    public var encoding: String?

    public init(_ text: String, language: String? = nil, encoding: String? = nil) {
        self.text = text
        self.language = language
        self.encoding = encoding
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }
}

/// Who touched something and when: creation or last change of a unit or variant.
public struct Stamp: Hashable, Sendable, Codable {
    /// When it happened.
    public var date: Date
    /// Who did it (a user id or tool name), if known.
    public var author: String?

    public init(date: Date, author: String? = nil) {
        self.date = date
        self.author = author
    }
}

/// One language version of a unit: a segment of text in one language.
public struct Variant: Hashable, Sendable, Codable {
    /// The language of the text.
    public var language: LanguageTag
    /// The segment as written (not normalized), inline codes shown as placeholders ({1}, {/1},
    /// {2/}): what matching and search see.
    public var text: String
    /// The segment with its inline codes as TMX level-2 markup (the inner XML of `seg`), when
    /// it has codes; nil for plain text.
    public var markup: String?
    /// Creation, if the source recorded it per variant.
    public var created: Stamp?
    /// Last change, if the source recorded it per variant.
    public var changed: Stamp?
    /// Notes on this variant.
    public var notes: [Note]
    /// Properties of this variant.
    public var properties: [Property]

    public init(language: LanguageTag, text: String, markup: String? = nil, created: Stamp? = nil, changed: Stamp? = nil,
                notes: [Note] = [], properties: [Property] = []) {
        self.language = language
        self.text = text
        self.markup = markup
        self.created = created
        self.changed = changed
        self.notes = notes
        self.properties = properties
    }
}

/// A translation unit: the same segment in one or more languages, with where it came from.
///
/// A unit is not a source/target pair: it holds 1…N variants, so one unit serves en→ru,
/// ru→kk and every other direction between the languages it has. A language may have several
/// variants (TMX allows `tuv+`): the first is the translation, the others its alternatives.
public struct TranslationUnit: Hashable, Sendable, Codable {
    /// The id the source format gave the unit (TMX `tuid`, XLIFF id), if any.
    public var externalID: String?
    /// The language versions, in the order the source gave them; several in one language are
    /// a translation and its alternatives.
    public var variants: [Variant]
    /// The language the unit was translated from (TMX `srclang`, the XLIFF source, the PO
    /// msgid's), when the source said; nil when it did not or said `*all*`.
    public var sourceLanguage: LanguageTag?
    /// The document or file the unit came from.
    public var origin: String?
    /// Context that disambiguates the segment (a PO msgctxt, a key, a neighbouring segment).
    public var context: String?
    /// Creation of the unit.
    public var created: Stamp?
    /// Last change of the unit.
    public var changed: Stamp?
    /// Notes on the unit.
    public var notes: [Note]
    /// Free key/value properties of the unit.
    public var properties: [Property]

    public init(externalID: String? = nil, variants: [Variant], sourceLanguage: LanguageTag? = nil, origin: String? = nil,
                context: String? = nil, created: Stamp? = nil, changed: Stamp? = nil, notes: [Note] = [], properties: [Property] = []) {
        self.externalID = externalID
        self.variants = variants
        self.sourceLanguage = sourceLanguage
        self.origin = origin
        self.context = context
        self.created = created
        self.changed = changed
        self.notes = notes
        self.properties = properties
    }

    /// The (first) variant in `language`, if the unit has one.
    public func variant(in language: LanguageTag) -> Variant? {
        variants.first { $0.language == language }
    }

    /// The (first) variant `language` covers: the exact tag, else a regional form of a bare
    /// language ("en" finds "en-GB").
    public func variant(covering language: LanguageTag) -> Variant? {
        language.bestCovered(in: variants) { $0.language.canonical }.map { variants[$0] }
    }
}
