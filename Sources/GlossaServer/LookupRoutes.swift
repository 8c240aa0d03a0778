import Foundation
import GlossaCore
import GlossaLookup
import GlossaText
import Hummingbird
import NIOCore

/// The search page and the read API, answered as the commands' `--format json`:
///
/// - `GET /`: the search page.
/// - `GET /api/lookup?q=TEXT&from=en&to=ru&min=75&max=5`: the matches, as `glossa lookup`;
///   `context`, `prev` and `next` give the segment's context (a 101 match), `penalty` and
///   `where` (each as often as wanted) and `multiple_translations_penalty` add to the server's
///   match policy, as `--penalty`, `--where` and `--multiple-translations-penalty` do.
/// - `POST /api/lookup` with `{"segments": [...], "from", "to", "min", "max", "penalties",
///   "where", "multiple_translations_penalty"}`, each segment a string or `{"text", "context",
///   "prev", "next"}`: an array of match arrays, one per segment, in order; at most
///   `batchLimit` segments.
/// - `GET /api/fragments?q=TEXT&from=en&to=ru`: the phrases of three words or more the text
///   shares with TM segments, as `glossa lookup --fragments` lists them.
/// - `GET /api/concordance?q=QUERY&from=en&to=ru&page=1&max=20`: the hits, as `glossa concordance`.
/// - `GET /api/terms?q=TEXT&from=en&to=ru`: the glossary terms in the text with their
///   translations (in every other language without `to`), as `glossa terms`; 404 without a glossary.
/// - `GET /api/stats`: `{"units": N, "languages": {"en": N, …}}`, variants per language tag.
///
/// `to` defaults as `--to` does.
enum LookupRoutes {
    static func add(to router: Router<BasicRequestContext>, _ parts: ServerParts) {
        let service = parts.lookups
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: SearchPage.html)))
        }
        router.get("/api/lookup") { request, context in
            await APIAnswer.answer(context.logger) {
                let query = try FormQuery(request.uri.query)
                let (from, to) = try direction(from: query["from"], to: query["to"])
                let context = SegmentContext(key: query["context"], previous: query["prev"], next: query["next"])
                return try await service.matches(
                    for: [Segment(query.required("q"), context: context)], from: from, to: to,
                    policy: policy(parts.policy, penalties: query.all("penalty"), filters: query.all("where"),
                                   multipleTranslations: query["multiple_translations_penalty"].map { _ in
                                       try query.integer("multiple_translations_penalty", default: 1, in: Matches.penaltyPoints)
                                   }),
                    minimum: query.integer("min", default: Matches.minimum, in: Matches.scores),
                    maximum: query.integer("max", default: Matches.maximum, in: Matches.counts))[0]
            }
        }
        router.post("/api/lookup") { request, context in
            // A batch can take seconds: its work stops when the asker closes the connection.
            // Watching for that closes the connection after the answer, so only this route
            // watches, and its answer says so (Connection: close) for clients not to reuse it.
            var response = await APIAnswer.answer(context.logger) {
                try await request.body.consumeWithCancellationOnInboundClose { body in
                    var request = request
                    request.body = body
                    let batch = try await APIAnswer.decode(
                        BatchLookup.self, from: request, limit: bodyLimit,
                        example: #"{"segments": ["…", {"text": "…", "prev": "…", "next": "…", "context": "…"}], "from": "en", "to": "ru", "min": 75, "max": 5, "penalties": ["origin=old.tmx:5"], "where": ["lang=kk"]}"#)
                    guard batch.segments.count <= batchLimit else {
                        throw InputError("at most \(batchLimit) segments a request, not \(batch.segments.count): send the rest in more requests")
                    }
                    let (from, to) = try direction(from: batch.from, to: batch.to)
                    return try await service.matches(
                        for: batch.segments, from: from, to: to,
                        policy: policy(parts.policy, penalties: batch.penalties ?? [], filters: batch.where ?? [],
                                       multipleTranslations: try batch.multipleTranslationsPenalty.map {
                                           try FormQuery.bounded("multiple_translations_penalty", $0, default: 1, in: Matches.penaltyPoints)
                                       }),
                        minimum: FormQuery.bounded("min", batch.min, default: Matches.minimum, in: Matches.scores),
                        maximum: FormQuery.bounded("max", batch.max, default: Matches.maximum, in: Matches.counts))
                }
            }
            response.headers[.connection] = "close"
            return response
        }
        router.get("/api/fragments") { request, context in
            await APIAnswer.answer(context.logger) {
                let query = try FormQuery(request.uri.query)
                let (from, to) = try direction(from: query["from"], to: query["to"])
                return try await service.fragments(for: query.required("q"), from: from, to: to)
            }
        }
        router.get("/api/concordance") { request, context in
            await APIAnswer.answer(context.logger) {
                let query = try FormQuery(request.uri.query)
                let (from, to) = try direction(from: query["from"], to: query["to"])
                return try await service.concordance(
                    ConcordanceQuery(parsing: query.required("q")), from: from, to: to,
                    page: query.integer("page", default: 1, in: 1...1_000_000), pageSize: query.integer("max", default: 20, in: 1...200))
            }
        }
        router.get("/api/terms") { request, context in
            await APIAnswer.answer(context.logger) {
                let query = try FormQuery(request.uri.query)
                let from = try LanguageTag(query["from"] ?? "en")
                return try await service.foundTerms(in: query.required("q"), language: from, translationsIn: query["to"].map { try LanguageTag($0) })
            }
        }
        router.get("/api/stats") { _, context in
            await APIAnswer.answer(context.logger) {
                let statistics = try await service.statistics()
                return Holdings(units: statistics.units, languages: statistics.languages)
            }
        }
    }

    /// A request's `from` and `to`, defaulting as the commands' `--from` and `--to` do.
    static func direction(from: String?, to: String?) throws -> (from: LanguageTag, to: LanguageTag) {
        try LanguageDirection.tags(from: from ?? "en", to: to, names: ("from", "to"))
    }

    /// The server's policy with a request's penalties, filters and multiple-translations
    /// penalty: an `InputError` names a condition that does not parse.
    static func policy(_ server: MatchPolicy, penalties: [String], filters: [String], multipleTranslations: Int?) throws -> MatchPolicy {
        server.adding(MatchPolicy(penalties: try penalties.map(MetadataPenalty.init(parsing:)), filters: try filters.map(UnitCondition.init(parsing:))),
                      multipleTranslationsPenalty: multipleTranslations)
    }

    /// The lowest score (`min`) and most matches (`max`) of a lookup, by default and at most,
    /// the same in a GET and a POST; the points a penalty may take.
    enum Matches {
        static let minimum = 75, maximum = 5
        static let scores = 1...101, counts = 1...100, penaltyPoints = 0...100
    }

    /// Segments one `POST /api/lookup` may hold: a thousand lookups take a few seconds, which
    /// is as long as one request should hold a read connection. The time budget bounds the rest.
    static let batchLimit = 1000

    /// The largest JSON body a route takes: a thousand long segments, or units, fit well within it.
    static let bodyLimit = 16 << 20

    /// The body of `POST /api/lookup`.
    struct BatchLookup: Decodable {
        let segments: [Segment]
        let from: String?
        let to: String?
        let min: Int?
        let max: Int?
        let penalties: [String]?
        let `where`: [String]?
        let multipleTranslationsPenalty: Int?

        enum CodingKeys: String, CodingKey {
            case segments, from, to, min, max, penalties, `where`, multipleTranslationsPenalty = "multiple_translations_penalty"
        }
    }

    /// What `GET /api/stats` answers: what the search page offers to look up.
    struct Holdings: Encodable {
        let units: Int
        let languages: [String: Int]
    }
}
