import Foundation
import GlossaCore
import GlossaTerminology
import GlossaWorkflows
import GlossaLookup
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import Prometheus

/// Glossa over HTTP for a translation team: the TM's lookups as JSON for CAT tools, scripts
/// and the search page (which it serves too), the tmserver API Weblate and amaGama clients
/// speak, and, with a token, writes: units added, corrected and deleted, files imported as
/// jobs, the TM exported. Routes: `LookupRoutes`, `UnitRoutes`, `TransferRoutes`,
/// `TMServerRoutes`, `OperationRoutes`; every error answers `{"error": "…"}` (`APIAnswer`).
///
/// Reads run in parallel on a pool of read connections (`LookupService`), writes one at a
/// time on a thread of their own (`MemoryWrites`). Tokens guard writes, and reads when a read
/// token is set (`AccessGuard`). A server listening on the loopback interface answers requests
/// for 127.0.0.1 or localhost only (`LoopbackHostGuard`).
public struct TMServer: Sendable {
    /// The TM, with its search indexes: a file, or a PostgreSQL URL.
    public let location: String
    /// Where lookups read from, when not from `location`: a PostgreSQL streaming standby of
    /// the primary `location` names, which takes the writes.
    public var readLocation: String?
    /// The glossary `/api/terms` looks terms up in; nil turns it off.
    public let glossary: Termbase?
    /// The address to listen on: 127.0.0.1 for this machine only, 0.0.0.0 for every network.
    public let host: String
    /// The port to listen on; 0 lets the system choose one.
    public let port: Int
    /// How long one lookup request may take before it is given up with status 503.
    public let requestBudget: Duration
    /// Read connections to the TM, each answering one request at a time; nil: one per core for
    /// a file, four per core for a database.
    public let readers: Int?
    /// The tokens writes and reads need.
    public var access = AccessTokens(write: nil, read: nil)
    /// The penalties and filters of every lookup (the project's `.glossa.yml` and the
    /// command line's); a request adds its own.
    public var policy = MatchPolicy.standard
    /// The largest file `POST /api/import` takes, in bytes.
    public var importLimit = TMServer.defaultImportLimit
    /// Whether each request gets a line on the log (`AccessLog`).
    public var accessLog = true
    /// How long a connection may send nothing before it is closed: a client that opens
    /// connections and sends half a request holds nothing past it.
    public var idleTimeout = TMServer.defaultIdleTimeout

    /// The default `idleTimeout`: longer than any pause of a client that means to finish.
    public static let defaultIdleTimeout = Duration.seconds(60)

    /// The default `requestBudget`: a thousand ordinary lookups take a few seconds.
    public static let defaultRequestBudget = Duration.seconds(10)
    /// The default `importLimit`: 1 GiB, a TMX of a few million units.
    public static let defaultImportLimit = 1 << 30

    /// A server for the TM at `location`, looking terms up in `glossary`, to listen on
    /// `host`:`port` once `run` is called.
    public init(location: String, glossary: Termbase?, host: String, port: Int, requestBudget: Duration = defaultRequestBudget,
                readers: Int? = nil) {
        self.readers = readers
        self.location = location
        self.glossary = glossary
        self.host = host
        self.port = port
        self.requestBudget = requestBudget
    }

    /// The metrics `/metrics` shows: the front end bootstraps swift-metrics with a Prometheus
    /// factory on this registry, once per process, before `run`.
    public static var metricsRegistry: PrometheusCollectorRegistry { OperationRoutes.registry }

    /// Whether `host` is this machine's loopback interface only.
    public static func isLoopback(_ host: String) -> Bool {
        LoopbackHostGuard<BasicRequestContext>.loopbackNames.contains(host.lowercased())
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight and the import jobs
    /// queued. `onListening` hears the port once the server accepts connections.
    public func run(logger: Logger, onListening: @escaping @Sendable (Int) async -> Void) async throws {
        let writes = MemoryWrites(location: location)
        let parts = try ServerParts(
            lookups: LookupService(location: readLocation ?? location, glossary: glossary,
                                   size: readers ?? LookupService.defaultSize(for: readLocation ?? location), budget: requestBudget),
            writes: writes, jobs: ImportJobs(writes: writes), importLimit: importLimit, logger: logger, policy: policy)
        let port = port
        let idleTimeout = idleTimeout
        // One thread does the network I/O, which is light; lookups run on the concurrency pool,
        // one per core. A second I/O thread on two cores measured no faster and its switches
        // raised p99 (wrk at 64 connections: 3,530 and 2,770/s, p99 32-38 ms, against
        // 3,055 and 3,000/s, p99 53-56 ms).
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let app = Application(
            router: Self.router(parts, loopbackOnly: Self.isLoopback(host), access: access, accessLog: accessLog),
            server: .http1(configuration: .init(additionalChannelHandlers: [HTTPParseErrors()], idleTimeout: .nanoseconds(Int64(idleTimeout.components.seconds) * 1_000_000_000))),
            configuration: .init(address: .hostname(host, port: port), serverName: "Glossa"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            eventLoopGroupProvider: .shared(group),
            logger: logger)
        do {
            try await app.runService()
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        await parts.jobs.finishAll()
        try? await group.shutdownGracefully()
    }

    /// The routes, answering from `parts`; `loopbackOnly` guards them with `LoopbackHostGuard`,
    /// `access` with `AccessGuard`.
    static func router(_ parts: ServerParts, loopbackOnly: Bool, access: AccessTokens, accessLog: Bool) -> Router<BasicRequestContext> {
        let router = Router()
        // Middleware applies to the routes added after it, outermost first.
        if accessLog { router.add(middleware: AccessLog()) }
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: JSONErrors())
        router.add(middleware: RequestLimits())
        if loopbackOnly { router.add(middleware: LoopbackHostGuard()) }
        router.add(middleware: AccessGuard(tokens: access))
        LookupRoutes.add(to: router, parts)
        UnitRoutes.add(to: router, parts)
        MaintenanceRoutes.add(to: router, parts)
        TransferRoutes.add(to: router, parts)
        for base in ["/tmserver", "/api/v1"] { TMServerRoutes.add(to: router, base: base, parts) }
        OperationRoutes.add(to: router, parts)
        return router
    }
}

/// What the routes answer from.
struct ServerParts: Sendable {
    let lookups: LookupService
    let writes: MemoryWrites
    let jobs: ImportJobs
    let importLimit: Int
    let logger: Logger
    /// The penalties and filters every lookup takes; a request adds its own.
    var policy = MatchPolicy.standard
}
