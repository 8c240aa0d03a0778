import Foundation
import GlossaCore
import GlossaLookup
import GlossaText
import Hummingbird

/// The API of translate-toolkit's tmserver and amaGama, which Weblate's "tmserver" machine
/// translation service and amaGama clients call, served at a `base` (`/tmserver`, `/api/v1`):
///
/// - `GET {base}/languages/` → `{"sourceLanguages": [...], "targetLanguages": [...]}`: the TM's
///   languages as these clients write them (lower case, `_` between subtags: `pt_br`), and
///   each one's bare language too (`pt`), which Weblate tries when a regional form is missing.
/// - `GET {base}/{source}/{target}/unit/{text}?min_similarity=70&max_candidates=5` → a list of
///   `{"source", "target", "quality", "rank"}`, best first: the TM's fuzzy matches of the text.
///   The text is percent-encoded, `/` as `%2F`; the codes are read in any spelling (`pt_br`,
///   `zh_hans`, `en-US`) and looked up as the TM's canonical tags.
enum TMServerRoutes {
    /// The lowest similarity and the most candidates when a request names none, as amaGama's.
    static let minimumSimilarity = 70, maximumCandidates = 5

    static func add(to router: Router<BasicRequestContext>, base: String, _ parts: ServerParts) {
        // The router takes the path with and without its trailing slash alike.
        router.get("\(base)/languages/") { _, context in
            await APIAnswer.answer(context.logger) {
                let tags = try await parts.lookups.statistics().languages.keys.map { try LanguageTag($0) }
                let codes = Set(tags.flatMap { [clientCode($0.canonical), clientCode($0.language)] }).sorted()
                return ["sourceLanguages": codes, "targetLanguages": codes]
            }
        }
        router.get("\(base)/:source/:target/unit/:text") { request, context in
            await APIAnswer.answer(context.logger) {
                let query = try FormQuery(request.uri.query)
                let source = try language(context.parameters.get("source"))
                let target = try language(context.parameters.get("target"))
                guard let text = context.parameters.get("text")?.removingPercentEncoding, !text.allSatisfy(\.isWhitespace) else {
                    throw InputError("the unit's text must be percent-encoded UTF-8, and not blank")
                }
                let (from, to) = try LookupRoutes.direction(from: source, to: target)
                let matches = try await parts.lookups.matches(
                    for: [Segment(text)], from: from, to: to, policy: parts.policy,
                    minimum: query.integer("min_similarity", default: minimumSimilarity, in: 0...100).clamped(to: 1...100),
                    maximum: query.integer("max_candidates", default: maximumCandidates, in: 1...100))[0]
                // These clients know scores up to 100: a context match is their best.
                return matches.map { Candidate(source: $0.source, target: $0.target, quality: min(100, $0.score), rank: Double($0.score)) }
            }
        }
    }

    /// A language code as these clients send and compare them: lower case, `_` between subtags.
    static func clientCode(_ tag: String) -> String {
        tag.lowercased().replacingOccurrences(of: "-", with: "_")
    }

    /// A client's language code (percent-encoded in the path) as a tag.
    private static func language(_ code: String?) throws -> String {
        guard let code = code?.removingPercentEncoding, !code.isEmpty else { throw InputError("a language code is missing from the path") }
        return try LanguageTag(code.replacingOccurrences(of: "_", with: "-")).canonical
    }

    /// One match, as these clients read it.
    struct Candidate: Encodable {
        let source: String
        let target: String
        /// The match score, 0…100.
        let quality: Int
        let rank: Double
    }
}

extension Comparable {
    /// The value, moved into `range` when it lies outside.
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
