import GlossaMemory
import Foundation
import GlossaCore
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// One connection to PostgreSQL for code that is not async (the commands, the import
/// workflow): each `run` blocks the calling thread, never an event loop's, until its body is done.
final class PostgresSession: StatementRunner, Sendable {
    let location: PostgresLocation
    let connection: PostgresConnection
    let logger: Logger
    /// Where `run` bodies run: the connection's own event loop, so a query's answer wakes
    /// them without a hop to another thread.
    private let executor: EventLoopTaskExecutor

    /// Connects to `location`; throws `MemoryError` saying what failed (no server, a refused
    /// login, TLS that `sslmode` requires and the server does not offer).
    init(_ location: PostgresLocation) throws {
        self.location = location
        var logger = Logger(label: "glossa.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let configuration = try Self.configuration(location)
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        let executor = EventLoopTaskExecutor(eventLoop)
        self.executor = executor
        connection = try Self.blocking(on: executor) { [logger] in
            try await PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 1, logger: logger)
        } describing: { PostgresFailure.message($0, at: location) }
    }

    /// Closes the connection, waiting until it is closed (PostgresNIO requires a connection
    /// closed before it goes).
    deinit {
        let closing: EventLoopFuture<Void> = connection.close()
        try? closing.wait()
    }

    /// Runs `body` on the connection and waits for it; a PostgreSQL error becomes a `MemoryError`.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T) throws -> T {
        let connection = connection, logger = logger, location = location
        return try Self.blocking(on: executor) { try await body(connection, logger) } describing: { PostgresFailure.message($0, at: location) }
    }

    /// The first column of the first row `query` returns, nil when it returns none.
    func value<T: PostgresDecodable & Sendable>(_ query: PostgresQuery, as type: T.Type = T.self) throws -> T? {
        try run { connection, logger in
            // Every row is read, so the connection is free for the next query.
            var first: T?
            for try await (value,) in try await connection.query(query, logger: logger).decode((T,).self) where first == nil {
                first = value
            }
            return first
        }
    }

    /// Sends `rows` to `table`'s `columns` with one `COPY`.
    func copy(_ rows: CopyRows, into table: String, _ columns: [String]) throws {
        guard rows.count > 0 else { return }
        let buffer = rows.buffer
        try run { connection, logger in
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                try await writer.write(buffer)
            }
        }
    }

    /// Runs one SQL statement that returns no rows.
    func execute(_ sql: String) throws {
        try run { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            return ()
        }
    }

    /// Runs SQL statements one after another, each ending with `;` at the end of a line (the
    /// extended protocol PostgresNIO speaks takes one statement at a time).
    func executeScript(_ script: String) throws {
        let statements = script.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        for statement in statements where !statement.isEmpty {
            try execute(statement.hasSuffix(";") ? String(statement.dropLast()) : statement)
        }
    }

    /// Runs `body` in a read-write transaction (`StatementRunner.inTransaction`).
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try inTransaction(begin: "BEGIN", body)
    }

    /// The connection settings `location` gives: TLS as `sslmode` asks.
    private static func configuration(_ location: PostgresLocation) throws -> PostgresConnection.Configuration {
        if location.isUnixSocket {
            return .init(unixSocketPath: location.socketPath, username: location.user, password: location.password, database: location.database)
        }
        let tls: PostgresConnection.Configuration.TLS
        switch location.tlsMode {
        case .disable: tls = .disable
        case .allow, .prefer, .require:
            var settings = TLSConfiguration.makeClientConfiguration()
            settings.certificateVerification = .none
            let context = try NIOSSLContext(configuration: settings)
            tls = location.tlsMode == .require ? .require(context) : .prefer(context)
        case .verifyCA, .verifyFull:
            var settings = TLSConfiguration.makeClientConfiguration()
            settings.certificateVerification = location.tlsMode == .verifyFull ? .fullVerification : .noHostnameVerification
            if let root = location.rootCertificate { settings.trustRoots = .file(root) }
            tls = .require(try NIOSSLContext(configuration: settings))
        }
        return .init(host: location.host, port: location.port, username: location.user, password: location.password,
                     database: location.database, tls: tls)
    }

    /// Runs `body` on `executor` and blocks this thread until it is done. Not on the
    /// concurrency pool: the caller may itself be one of its threads (a test, a server's
    /// request), and with every such thread waiting, nothing would be left to run `body`.
    private static func blocking<T: Sendable>(on executor: EventLoopTaskExecutor, _ body: @escaping @Sendable () async throws -> T,
                                              describing: @escaping @Sendable (any Error) -> MemoryError) throws -> T {
        let outcome = Mutex<Result<T, MemoryError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: executor) {
            let result: Result<T, MemoryError>
            do {
                result = .success(try await body())
            } catch let error as MemoryError {
                result = .failure(error)
            } catch {
                result = .failure(describing(error))
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try outcome.withLock { $0! }.get()
    }
}

/// Runs a task's jobs on one NIO event loop: a session's work goes on its connection's loop,
/// outside the concurrency pool that blocked callers may be holding. A body run there must
/// never block (it would stall every connection on that loop).
final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        eventLoop.execute { job.runSynchronously(on: executor) }
    }
}

/// What a PostgreSQL failure says, in one line: the server's message and SQLSTATE, or what
/// kept the connection from being made. PostgresNIO's own description hides both.
enum PostgresFailure {
    static func message(_ error: any Error, at location: PostgresLocation) -> MemoryError {
        guard let error = error as? PSQLError else { return MemoryError(path: location.description, reason: .postgres("\(error)")) }
        if let server = error.serverInfo, let message = server[.message] {
            let state = server[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return MemoryError(path: location.description, reason: .postgres("PostgreSQL: \(message)\(state)"))
        }
        switch error.code {
        case .connectionError:
            let cause = error.underlying.map { ": \($0)" } ?? ""
            return MemoryError(path: location.description, reason: .postgres("cannot connect to PostgreSQL\(cause)"))
        case .sslUnsupported:
            return MemoryError(path: location.description, reason: .postgres("the server does not offer TLS, which sslmode=\(location.tlsMode.rawValue) requires"))
        case .authMechanismRequiresPassword:
            return MemoryError(path: location.description, reason: .postgres("the server asks for a password: give it in the URL, PGPASSWORD or ~/.pgpass"))
        default:
            return MemoryError(path: location.description, reason: .postgres("PostgreSQL: \(error.code)"))
        }
    }
}
