import Foundation
import GlossaCore
import GlossaText

/// A unit as JSON: what the server's API sends and takes, and what `glossa tm list` writes:
///
/// ```json
/// {"id": 7, "variants": {"en": "The CSTO met.", "ru": "ОДКБ собралась."}, "alternatives": {"ru": ["…"]},
///  "origin": "news/2024-05.html", "context": "…", "tuid": "…", "properties": {"x-domain": "defence"},
///  "created": "2024-05-03T10:00:00Z", "created_by": "aigerim", "changed": null, "changed_by": null}
/// ```
///
/// `variants` holds each language's text (a tag in any common spelling, stored canonical);
/// `alternatives` the further translations a language has (TMX allows several). A client sends
/// `variants` and what else it knows, and may name the `author` of its change; `id` and the
/// dates are the server's. Notes and inline codes are not in this shape: a replacement keeps
/// those of each variant whose text it leaves as it was.
public struct UnitDocument: Codable, Sendable {
    public var id: Int64?
    public var variants: [String: String]
    public var alternatives: [String: [String]]?
    public var origin: String?
    public var context: String?
    public var tuid: String?
    public var properties: [String: String]?
    public var created: String?
    public var createdBy: String?
    public var changed: String?
    public var changedBy: String?
    /// Who made the change the request carries (input only).
    public var author: String?

    enum CodingKeys: String, CodingKey {
        case id, variants, alternatives, origin, context, tuid, properties, created, createdBy = "created_by", changed
        case changedBy = "changed_by", author
    }

    /// The document of a stored unit.
    public init(id: Int64, unit: TranslationUnit) {
        self.id = id
        var variants: [String: String] = [:], alternatives: [String: [String]] = [:]
        for variant in unit.variants {
            if variants[variant.language.canonical] == nil {
                variants[variant.language.canonical] = variant.text
            } else {
                alternatives[variant.language.canonical, default: []].append(variant.text)
            }
        }
        self.variants = variants
        self.alternatives = alternatives.isEmpty ? nil : alternatives
        origin = unit.origin
        context = unit.context
        tuid = unit.externalID
        let properties = unit.properties.filter { !$0.isBookkeeping }
        self.properties = properties.isEmpty ? nil : Dictionary(properties.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        created = unit.created.map { Timestamp.format($0.date) }
        createdBy = unit.created?.author
        changed = unit.changed.map { Timestamp.format($0.date) }
        changedBy = unit.changed?.author
    }

    /// The unit a client sent, checked: at least one variant, texts not blank, language tags
    /// valid; `index` places it in a batch for errors. Undated: the route stamps it.
    public func unit(index: Int? = nil) throws -> TranslationUnit {
        let place = index.map { "units[\($0)]: " } ?? ""
        guard !variants.isEmpty else { throw InputError("\(place)a unit needs variants: {\"en\": \"…\", \"ru\": \"…\"}") }
        var built: [Variant] = []
        for (tag, texts) in variants.map({ ($0.key, [$0.value]) }) + (alternatives ?? [:]).map({ ($0.key, $0.value) }) {
            let language: LanguageTag
            do { language = try LanguageTag(tag) } catch { throw InputError("\(place)'\(tag)' is not a language tag: \(error)") }
            for text in texts {
                guard !text.allSatisfy(\.isWhitespace) else { throw InputError("\(place)the \(tag) text is blank") }
                built.append(Variant(language: language, text: text))
            }
        }
        // Languages in a stable order, each language's first text before its alternatives.
        built = built.enumerated().sorted { ($0.element.language.canonical, $0.offset) < ($1.element.language.canonical, $1.offset) }
            .map(\.element)
        return TranslationUnit(
            externalID: tuid, variants: built, origin: origin, context: context,
            properties: (properties ?? [:]).sorted { $0.key < $1.key }.map { Property($0.key, $0.value) })
    }
}
