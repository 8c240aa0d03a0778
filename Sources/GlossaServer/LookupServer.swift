import Foundation
import GlossaCore
import GlossaLookup
import GlossaMemory
import GlossaTerminology
import GlossaText
import Hummingbird
import Logging
import NIOCore

/// Glossa over HTTP: the TM's lookups as JSON for CAT tools, scripts and the search page,
/// which the server also serves, for translators in a browser.
///
/// - `GET /api/lookup?q=TEXT&from=en&to=ru&min=75&max=5`: the matches, as `glossa lookup
///   --format json` writes them.
/// - `POST /api/lookup` with `{"segments": [...], "from", "to", "min", "max"}`: an array of
///   match arrays, one per segment, in order; at most `batchLimit` segments.
/// - `GET /api/concordance?q=QUERY&from=en&to=ru&page=1&max=20`: the hits, as `glossa
///   concordance --format json` writes them.
/// - `GET /api/terms?q=TEXT&from=en&to=ru`: the glossary terms in the text with their
///   translations (in every other language without `to`), as `glossa terms --format json`;
///   404 when the server has no glossary.
/// - `GET /api/stats`: `{"units": N, "languages": {"en": N, …}}`, variants per language tag.
///
/// `to` defaults as `--to` does. A bad request gets status 400 and `{"error": "…"}`. A server
/// listening on the loopback interface answers requests for 127.0.0.1 or localhost only
/// (`LoopbackHostGuard`).
public struct LookupServer: Sendable {
    /// The TM file, with its search indexes.
    public let memoryPath: String
    /// The glossary `/api/terms` looks terms up in; nil turns it off.
    public let glossary: Termbase?
    /// The address to listen on: 127.0.0.1 for this machine only, 0.0.0.0 for every network.
    public let host: String
    /// The port to listen on; 0 lets the system choose one.
    public let port: Int
    /// How long one lookup request may take before it is given up with status 503.
    public let requestBudget: Duration
    /// Read connections to the TM, each answering one request at a time; nil: one per core.
    public let readers: Int?

    /// The default `requestBudget`: a thousand ordinary lookups take a few seconds.
    public static let defaultRequestBudget = Duration.seconds(10)

    /// A server for the TM at `memoryPath`, looking terms up in `glossary`, to listen on
    /// `host`:`port` once `run` is called.
    public init(memoryPath: String, glossary: Termbase?, host: String, port: Int, requestBudget: Duration = defaultRequestBudget,
                readers: Int? = nil) {
        self.readers = readers
        self.memoryPath = memoryPath
        self.glossary = glossary
        self.host = host
        self.port = port
        self.requestBudget = requestBudget
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight. `onListening`
    /// hears the port once the server accepts connections.
    public func run(logger: Logger, onListening: @escaping @Sendable (Int) async -> Void) async throws {
        let service = try LookupService(path: memoryPath, glossary: glossary, size: readers ?? LookupService.defaultSize)
        let port = port
        let app = Application(
            router: Self.router(service, loopbackOnly: LoopbackHostGuard<BasicRequestContext>.loopbackNames.contains(host.lowercased()),
                                requestBudget: requestBudget),
            configuration: .init(address: .hostname(host, port: port), serverName: "Glossa"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger)
        try await app.runService()
    }

    /// The routes, answering from `service`; `loopbackOnly` guards them with `LoopbackHostGuard`.
    /// A lookup is given up after `requestBudget`.
    static func router(_ service: LookupService, loopbackOnly: Bool, requestBudget: Duration = defaultRequestBudget) -> Router<BasicRequestContext> {
        let seconds = requestBudget.components.seconds
        let router = Router()
        // Middleware applies to the routes added after it.
        if loopbackOnly { router.add(middleware: LoopbackHostGuard()) }
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: SearchPage.html)))
        }
        router.get("/api/lookup") { request, context in
            let deadline = ContinuousClock.now + requestBudget
            return await answer(context.logger, budgetSeconds: seconds) {
                let query = try FormQuery(request.uri.query)
                let (from, to) = try direction(from: query["from"], to: query["to"])
                return try await service.matches(
                    for: [query.required("q")], from: from, to: to,
                    minimum: query.integer("min", default: Matches.minimum, in: Matches.scores),
                    maximum: query.integer("max", default: Matches.maximum, in: Matches.counts),
                    deadline: deadline)[0]
            }
        }
        router.post("/api/lookup") { request, context in
            // A batch can take seconds: its work stops when the asker closes the connection.
            // Watching for that closes the connection after the answer, so only this route
            // watches, and its answer says so (Connection: close) for clients not to reuse it.
            let deadline = ContinuousClock.now + requestBudget
            let body = request.body
            var response = await answer(context.logger, budgetSeconds: seconds) {
                try await body.consumeWithCancellationOnInboundClose { body in
                    let bytes: ByteBuffer
                    do { bytes = try await body.collect(upTo: Self.bodyLimit) } catch is NIOTooManyBytesError {
                        throw BodyTooLarge()
                    }
                    let batch: BatchLookup
                    do {
                        batch = try JSONDecoder().decode(BatchLookup.self, from: Data(bytes.readableBytesView))
                    } catch {
                        throw InputError("the body must be JSON: {\"segments\": [\"…\"], \"from\": \"en\", \"to\": \"ru\", \"min\": 75, \"max\": 5}")
                    }
                    guard batch.segments.count <= Self.batchLimit else {
                        throw InputError("at most \(Self.batchLimit) segments a request, not \(batch.segments.count): send the rest in more requests")
                    }
                    let (from, to) = try direction(from: batch.from, to: batch.to)
                    return try await service.matches(
                        for: batch.segments, from: from, to: to,
                        minimum: FormQuery.bounded("min", batch.min, default: Matches.minimum, in: Matches.scores),
                        maximum: FormQuery.bounded("max", batch.max, default: Matches.maximum, in: Matches.counts),
                        deadline: deadline)
                }
            }
            response.headers[.connection] = "close"
            return response
        }
        router.get("/api/concordance") { request, context in
            await answer(context.logger, budgetSeconds: seconds) {
                let query = try FormQuery(request.uri.query)
                let (from, to) = try direction(from: query["from"], to: query["to"])
                return try await service.concordance(
                    ConcordanceQuery(parsing: query.required("q")), from: from, to: to,
                    page: query.integer("page", default: 1, in: 1...1_000_000), pageSize: query.integer("max", default: 20, in: 1...200))
            }
        }
        router.get("/api/terms") { request, context in
            await answer(context.logger, budgetSeconds: seconds) {
                let query = try FormQuery(request.uri.query)
                let from = try LanguageTag(query["from"] ?? "en")
                return try await service.foundTerms(in: query.required("q"), language: from, translationsIn: query["to"].map { try LanguageTag($0) })
            }
        }
        router.get("/api/stats") { _, context in
            await answer(context.logger, budgetSeconds: seconds) {
                let statistics = try await service.statistics()
                return Holdings(units: statistics.units, languages: statistics.languages)
            }
        }
        return router
    }

    /// A request's `from` and `to`, defaulting as the commands' `--from` and `--to` do.
    private static func direction(from: String?, to: String?) throws -> (from: LanguageTag, to: LanguageTag) {
        try LanguageDirection.tags(from: from ?? "en", to: to, names: ("from", "to"))
    }

    /// The lowest score (`min`) and most matches (`max`) of a lookup, by default and at most,
    /// the same in a GET and a POST.
    private enum Matches {
        static let minimum = 75, maximum = 5
        static let scores = 1...100, counts = 1...100
    }

    /// Segments one `POST /api/lookup` may hold: a thousand lookups take a few seconds, which
    /// is as long as one request should hold a read connection. The time budget bounds the rest.
    static let batchLimit = 1000

    /// The largest body `POST /api/lookup` takes: a thousand long segments fit well within it.
    static let bodyLimit = 16 << 20

    /// A request body past `bodyLimit`: answered with status 413.
    struct BodyTooLarge: Error {}

    /// The body of `POST /api/lookup`.
    struct BatchLookup: Decodable {
        let segments: [String]
        let from: String?
        let to: String?
        let min: Int?
        let max: Int?
    }

    /// What `GET /api/stats` answers: what the search page offers to look up.
    struct Holdings: Encodable {
        let units: Int
        let languages: [String: Int]
    }

    /// What `body` returns as JSON; its error as `{"error": "…"}`, status 400 for bad input
    /// (a missing parameter, a bad language tag, an unparsable query), 404 for what this
    /// server does not offer, 503 while the TM cannot answer (search indexes an import
    /// deferred, or a lookup past the time budget of `budgetSeconds`), else 500, which is
    /// logged: the server's fault, not the asker's.
    private static func answer(_ logger: Logger, budgetSeconds: Int64, _ body: () async throws -> some Encodable) async -> Response {
        do {
            return json(try await body(), status: .ok)
        } catch {
            let (status, message): (HTTPResponse.Status, String) = switch error {
            case is CancellationError: (.serviceUnavailable, "the asker has gone")  // nobody reads it
            case is BodyTooLarge: (.contentTooLarge, "the body is larger than the \(bodyLimit >> 20) MiB this server takes: send fewer segments at once")
            case is RequestOverBudget:
                (.serviceUnavailable, "the lookup took longer than this server allows a request (\(budgetSeconds) s): send fewer or shorter segments at once, or ask with a higher min")
            case let error as InputError: (.badRequest, error.message)
            case let error as TextError: (.badRequest, "\(error)")
            case let error as Unavailable: (.notFound, error.message)
            case let error as MemoryError: (.serviceUnavailable, "\(error)")  // the TM's state: indexes pending, another writer
            default: (.internalServerError, "\(error)")
            }
            if status == .internalServerError { logger.error("\(message)") }
            return json(["error": message], status: status)
        }
    }

    /// `value` as a JSON response with `status`; a 500 if it does not encode.
    static func json(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let body = try? encoder.encode(value) else { return Response(status: .internalServerError) }
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
