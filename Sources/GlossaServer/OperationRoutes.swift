import Foundation
import GlossaCore
import Hummingbird
import Logging
import NIOCore
import Prometheus

/// What the people who run the server, and those who write clients for it, read:
///
/// - `GET /openapi.json`: the OpenAPI 3.1 description of every route (`OpenAPIDocument`).
/// - `GET /healthz`: `{"status": "ok", "units": N, "store": "sqlite"|"postgresql", "role":
///   null|"primary"|"standby"}` while the TM answers reads (the database lookups read from, for
///   a server reading a standby), else 503 with the error: what a load balancer or an
///   orchestrator polls.
/// - `GET /metrics`: Prometheus's text format: requests and their latency histogram per route,
///   method and status (Hummingbird's `MetricsMiddleware`, through swift-metrics), in-flight
///   requests, and the TM's units and variants per language, counted when scraped.
enum OperationRoutes {
    /// Where the metrics are kept: the front end bootstraps swift-metrics with a Prometheus
    /// factory on it (once per process), and `/metrics` writes it out.
    static let registry = PrometheusCollectorRegistry()

    static func add(to router: Router<BasicRequestContext>, _ parts: ServerParts) {
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        router.get("/healthz") { _, context in
            await APIAnswer.answer(context.logger) {
                let state = try await parts.lookups.state()
                return Health(status: "ok", units: try await parts.lookups.statistics().units, store: state.store, role: state.role)
            }
        }
        let units = registry.makeGauge(name: "glossa_tm_units", help: "Translation units in the TM.")
        router.get("/metrics") { _, context in
            do {
                let statistics = try await parts.lookups.statistics()
                units.set(Int64(statistics.units))
                for (language, count) in statistics.languages {
                    registry.makeGauge(name: "glossa_tm_variants", labels: [("language", language)],
                                       help: "Variants in the TM, per language tag.").set(Int64(count))
                }
            } catch {
                context.logger.warning("metrics: the TM cannot be counted: \(error)")
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }
}

/// What `/healthz` answers.
struct Health: Encodable {
    let status: String
    let units: Int
    let store: String
    @NullWhenAbsent var role: String?
}

/// One line per request on the server's log, at info: method, path (never the query, which
/// holds the translators' text), status, latency and the request's id, which the answer
/// carries as `X-Request-ID` (the client's own, when it sent one). The Authorization header
/// is never logged.
struct AccessLog<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let id = request.headers[.init("X-Request-ID")!].map { String($0.prefix(64)) } ?? context.id
        var response = try await next(request, context)
        response.headers[.init("X-Request-ID")!] = id
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("\(request.method) \(request.uri.path) \(response.status.code) \(String(format: "%.1f", milliseconds)) ms",
                            metadata: ["request": .string(id)])
        return response
    }
}
