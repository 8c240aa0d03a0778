import CGlossaICU
import Synchronization

/// Tags already checked: files repeat a handful of tags millions of times, and ICU's
/// registry lookups are linear scans.
private let knownTags = Mutex<[String: String]>([:])

/// A BCP-47 language tag in canonical form ("en", "ru", "en-US", "zh-Hant-TW").
///
/// Spellings found in the wild (`en_US`, `EN-US`, `en-us`) canonicalize to one value, so the
/// TM keys every variant by the same tag. The language must be a registered ISO 639 code and
/// script and region registered too: `xx` or `english` are rejected, not guessed at.
public struct LanguageTag: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The canonical tag.
    public let canonical: String

    /// Parses and canonicalizes `text`; throws `TextError` when it is malformed or unknown.
    public init(_ text: String) throws(TextError) {
        if let cached = knownTags.withLock({ $0[text] }) {
            self.canonical = cached
            return
        }
        let trimmed = text.collapsingWhitespace()
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x20 }) else {
            throw .malformedLanguageTag(text)
        }
        var buffer = [CChar](repeating: 0, count: 160)
        let length = CGlossaICU_canonicalLanguageTag(trimmed, &buffer, Int32(buffer.count))
        guard length > 0 else { throw .malformedLanguageTag(text) }
        let canonical = String(decoding: buffer[..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        try Self.checkRegistered(canonical, original: text)
        self.canonical = canonical
        knownTags.withLock { cache in
            if cache.count < 10_000 { cache[text] = canonical }
        }
    }

    /// The primary language subtag ("en" for "en-US").
    public var language: String {
        guard let dash = canonical.utf8.firstIndex(of: UInt8(ascii: "-")) else { return canonical }
        return String(canonical[..<dash])
    }

    /// Whether text tagged `other` is in this language: the same tag, or, when this tag is
    /// only a language ("en"), any regional form of it ("en-GB"). What a user's `--from en`
    /// or `--langs en,ru` means.
    public func covers(_ other: String) -> Bool {
        other == canonical
            || (language == canonical && other.hasPrefix(canonical) && other.dropFirst(canonical.count).first == "-")
    }

    /// `covers` for a tag.
    public func covers(_ other: LanguageTag) -> Bool { covers(other.canonical) }

    /// Of `items` tagged by `tag`, the position of the one this tag answers for: the exact
    /// tag, else the first it covers ("en" takes "en" before "en-GB"). How a variant is chosen
    /// for `--from en` or `--to ru` when a unit could offer more than one.
    public func bestCovered<C: Collection>(in items: C, tag: (C.Element) -> String) -> C.Index? {
        items.firstIndex { tag($0) == canonical } ?? items.firstIndex { covers(tag($0)) }
    }

    public var description: String { canonical }

    public static func < (lhs: LanguageTag, rhs: LanguageTag) -> Bool {
        lhs.canonical < rhs.canonical
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = try LanguageTag(container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(canonical)
    }

    /// Checks language, script and region subtags against ICU's registries; variants and
    /// extensions are left as ICU accepted them.
    private static func checkRegistered(_ tag: String, original: String) throws(TextError) {
        let subtags = tag.split(separator: "-").map(String.init)
        guard let language = subtags.first else { throw .malformedLanguageTag(original) }
        // "x-…" private use and "qaa"–"qtz" are reserved for local use, so any value is fine.
        if language == "x" || isPrivateUseLanguage(language) { return }
        guard CGlossaICU_isKnownLanguage(language) == 1 else {
            throw .unknownLanguageTag(original, subtag: language)
        }
        for subtag in subtags.dropFirst() {
            if subtag.count == 1 { break }  // an extension or private-use part begins
            if subtag.count == 4, subtag.first!.isUppercase {
                guard CGlossaICU_isKnownScript(subtag) == 1 else { throw .unknownLanguageTag(original, subtag: subtag) }
            } else if subtag.count == 2, subtag.allSatisfy(\.isUppercase) {
                guard CGlossaICU_isKnownRegion(subtag) == 1 else { throw .unknownLanguageTag(original, subtag: subtag) }
            }
        }
    }

    private static func isPrivateUseLanguage(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        return bytes.count == 3 && bytes[0] == UInt8(ascii: "q") && (UInt8(ascii: "a")...UInt8(ascii: "t")).contains(bytes[1])
    }
}

extension LanguageTag: ExpressibleByStringLiteral {
    /// A tag written in code; a malformed literal is a programming error.
    public init(stringLiteral value: String) {
        do { try self.init(value) } catch { preconditionFailure("\(error)") }
    }
}
