import Foundation
import GlossaText

/// How a termbase says a term may be used (TBX `administrativeStatus`, TBX-Min `usageStatus`).
public enum TermStatus: String, Sendable, Codable, CaseIterable, Comparable {
    /// The term to use.
    case preferred
    /// Acceptable, though not the first choice.
    case admitted
    /// Not to be used; the preferred term of the concept replaces it.
    case deprecated
    /// Replaced by a newer term (an old name of an organisation); not to be used.
    case superseded

    /// Reads the spellings found in TBX v2/v3, TBX-Min and spreadsheets
    /// ("preferredTerm-admn-sts", "notRecommended", "forbidden", …).
    public init?(spelling: String) {
        let value = spelling.trimmingCharacters(in: .whitespaces).lowercased()
        let bare = value.hasSuffix("-admn-sts") ? String(value.dropLast("-admn-sts".count)) : value
        switch bare {
        case "preferred", "preferredterm", "approved": self = .preferred
        case "admitted", "admittedterm", "allowed": self = .admitted
        case "deprecated", "deprecatedterm", "notrecommended", "forbidden", "forbiddenterm", "rejected": self = .deprecated
        case "superseded", "supersededterm", "obsolete": self = .superseded
        default: return nil
        }
    }

    /// May a text use a term of this status?
    public var isApproved: Bool { self == .preferred || self == .admitted }

    /// The TBX-Basic `administrativeStatus` value.
    public var tbxValue: String { "\(rawValue)Term-admn-sts" }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// What form a term has (TBX `termType`).
public enum TermType: String, Sendable, Codable, CaseIterable {
    /// The complete name ("Collective Security Treaty Organization").
    case fullForm
    /// Initial letters read as a word or letter by letter ("CSTO", "ОДКБ").
    case acronym
    /// A shortened written form ("Gen.").
    case abbreviation
    /// A shorter form in use beside the full one ("Kyrgyzstan" beside "Kyrgyz Republic").
    case shortForm
    /// A spelling or other variant.
    case variant
    /// A set phrase.
    case phrase

    /// Reads TBX and spreadsheet spellings, case-insensitively ("Acronym", "full form").
    public init?(spelling: String) {
        let key = spelling.lowercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "_" }
        guard let type = Self.allCases.first(where: { $0.rawValue.lowercased() == key }) else { return nil }
        self = type
    }

    /// Acronyms and abbreviations live beside the full form; they are not rival variants.
    public var isShortened: Bool { self == .acronym || self == .abbreviation }
}

/// One term: a word or phrase that names a concept in one language.
public struct Term: Sendable, Equatable, Codable {
    /// The term as written. A `|` marks the end of a stem for languages without a stemmer
    /// ("Қазақстан|" matches "Қазақстанның"), as memoQ's glossaries do.
    public var text: String
    /// Its language.
    public var language: LanguageTag
    /// How it may be used; nil when the termbase does not say (treated as admitted).
    public var status: TermStatus?
    /// Its form, when given.
    public var type: TermType?
    /// Whether case must match. Nil means the default: acronyms, abbreviations and all-capital
    /// terms ("CSTO", "ОДКБ") are case-sensitive, others are not.
    public var caseSensitive: Bool?
    /// Part of speech ("noun", "properNoun").
    public var partOfSpeech: String?
    /// Notes on usage.
    public var notes: [String]
    /// Line of the term in its glossary file, for messages; 0 when unknown.
    public var line: Int

    public init(_ text: String, language: LanguageTag, status: TermStatus? = nil, type: TermType? = nil,
                caseSensitive: Bool? = nil, partOfSpeech: String? = nil, notes: [String] = [], line: Int = 0) {
        self.text = text
        self.language = language
        self.status = status
        self.type = type
        self.caseSensitive = caseSensitive
        self.partOfSpeech = partOfSpeech
        self.notes = notes
        self.line = line
    }

    /// The status checks apply: unspecified counts as admitted.
    public var effectiveStatus: TermStatus { status ?? .admitted }

    /// The text without the `|` stem markers.
    public var displayText: String { text.replacingOccurrences(of: "|", with: "") }

    /// Whether matching must respect case, after the default rule.
    public var matchesCase: Bool {
        if let caseSensitive { return caseSensitive }
        if type?.isShortened == true { return true }
        let letters = displayText.unicodeScalars.filter { $0.properties.isAlphabetic }
        return letters.count >= 2 && letters.allSatisfy { $0.properties.isUppercase }
    }
}

/// A concept: one meaning, named by terms in several languages.
public struct Concept: Sendable, Equatable, Codable {
    /// Its id in the termbase (TBX `conceptEntry id`).
    public var id: String
    /// Subject field ("international organizations").
    public var subjectField: String?
    /// Definitions by language ("" when the language is not given).
    public var definitions: [String: String]
    /// Notes on the concept.
    public var notes: [String]
    /// Its terms, in every language.
    public var terms: [Term]

    public init(id: String, subjectField: String? = nil, definitions: [String: String] = [:], notes: [String] = [],
                terms: [Term] = []) {
        self.id = id
        self.subjectField = subjectField
        self.definitions = definitions
        self.notes = notes
        self.terms = terms
    }

    /// The terms in `language`, matched on the primary language when no term has the exact tag
    /// (terms in "ru" serve a text in "ru-RU").
    public func terms(in language: LanguageTag) -> [Term] {
        let exact = terms.filter { $0.language == language }
        if !exact.isEmpty { return exact }
        return terms.filter { $0.language.language == language.language }
    }

    /// The term to suggest in `language`: preferred first, then admitted, keeping the form
    /// (acronym for an acronym) when `like` is given and the concept has one.
    public func suggestion(in language: LanguageTag, like term: Term? = nil) -> Term? {
        let approved = terms(in: language).filter { $0.effectiveStatus.isApproved }
            .sorted { $0.effectiveStatus < $1.effectiveStatus }
        if let wanted = term?.type?.isShortened {
            if let same = approved.first(where: { ($0.type?.isShortened ?? false) == wanted }) { return same }
        }
        return approved.first
    }

    /// The full form that an acronym or abbreviation in `language` stands for.
    public func fullForm(in language: LanguageTag) -> Term? {
        terms(in: language).first { $0.type == .fullForm && $0.effectiveStatus.isApproved }
    }
}

/// A termbase: concepts with their terms, as read from TBX or a spreadsheet.
public struct Termbase: Sendable, Equatable, Codable {
    /// Where it was read from, for messages.
    public var name: String
    /// The concepts, in file order.
    public var concepts: [Concept]

    public init(name: String, concepts: [Concept] = []) {
        self.name = name
        self.concepts = concepts
    }

    /// Every language that has at least one term.
    public var languages: [LanguageTag] {
        var seen = Set<LanguageTag>()
        return concepts.flatMap(\.terms).map(\.language).filter { seen.insert($0).inserted }
    }

    /// Adds the concepts of `other` (several glossaries checked together).
    public mutating func merge(_ other: Termbase) {
        concepts += other.concepts
    }
}
