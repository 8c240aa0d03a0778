import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster for the tests: `initdb` in a temporary folder (as `nobody`
/// when the tests run as root, since PostgreSQL refuses root), a server on a free loopback port
/// and a Unix socket in that folder, stopped and removed when the test process exits. Each test
/// takes a database of its own (`createDatabase`). PostgreSQL missing is an error, never a skip:
/// `.ci/run` installs Debian's `postgresql`.
public final class PostgresCluster: @unchecked Sendable {
    /// The cluster the test process shares, started on first use.
    public static let shared: Result<PostgresCluster, any Error> = Result { try PostgresCluster() }

    /// The cluster's folder: its data, its log and its socket.
    public let folder: URL
    /// The loopback TCP port it listens on.
    public let port: Int
    /// The superuser the tests connect as (no password: the cluster trusts local connections).
    public let user = "glossa"
    /// PostgreSQL's programs (initdb, pg_ctl, psql, pg_basebackup).
    public let bin: URL

    /// Creates and starts a cluster; throws saying why it could not.
    public init() throws {
        bin = try Self.binaries()
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("glossa-pg-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        if geteuid() == 0 { guard chown(folder.path, 65534, 65534) == 0 else { throw ClusterError("cannot give \(folder.path) to nobody") } }
        port = try Self.freePort()
        try runAsOwner("initdb", ["-D", data, "-U", user, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"])
        try start(data: data, log: folder.appendingPathComponent("log").path, options: Self.settings + " -c wal_level=replica -c max_wal_senders=4")
        try watch(data: data)
    }

    /// Stops the server of `data` and removes this cluster's folder once the test process has
    /// ended, however it ends (`AfterExit`).
    public func watch(data: String, removing folder: URL? = nil) throws {
        let stop = "\(bin.appendingPathComponent("pg_ctl").path) -D \(data) -m immediate -w stop"
        try AfterExit.run((geteuid() == 0 ? "/usr/sbin/runuser -u nobody -- \(stop)" : stop) + "; rm -rf \((folder ?? self.folder).path)")
    }

    /// The settings the test servers run with: no waiting on the disk, room for the tests'
    /// connections.
    private static let settings = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"

    /// The data folder.
    public var data: String { folder.appendingPathComponent("data").path }

    /// A new, empty database; returns its URL over TCP on loopback.
    public func createDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        _ = try psql("CREATE DATABASE \(name)", database: "postgres")
        return url(database: String(name))
    }

    /// The URL of `database` over TCP on loopback.
    public func url(database: String) -> String {
        url(database: database, port: port)
    }

    /// Runs SQL through `psql` on `database`; returns what it printed (tuples only, unaligned).
    @discardableResult
    public func psql(_ sql: String, database: String) throws -> String {
        try Self.run(bin.appendingPathComponent("psql"), ["-h", folder.path, "-p", String(port), "-U", user, "-d", database,
                                                          "-v", "ON_ERROR_STOP=1", "-At", "-c", sql], asNobody: false)
    }

    /// Starts the server of the cluster in `data` on this cluster's port and folder (or those
    /// given: a standby's), waiting until it accepts connections. Through Python, whose child closes every descriptor but
    /// the standard three: a server that inherited a test's pipe would keep that test's reader
    /// waiting for an end of file that never comes.
    public func start(data: String, log: String, options: String, port: Int? = nil, socketFolder: URL? = nil) throws {
        var command = [bin.appendingPathComponent("pg_ctl").path, "-D", data, "-l", log, "-w", "-t", "60", "-o",
                       "-p \(port ?? self.port) -k \((socketFolder ?? folder).path) -c listen_addresses=127.0.0.1 \(options)", "start"]
        if geteuid() == 0 { command = ["/usr/sbin/runuser", "-u", "nobody", "--"] + command }
        let script = "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, "
            + "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True).returncode)"
        let result = try CommandRunner.run(executable: URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script] + command,
                                           in: URL(fileURLWithPath: "/"))
        guard result.status == 0 else {
            let logged = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw ClusterError("pg_ctl start failed (\(result.status)): \(logged)")
        }
    }

    /// A streaming standby of this cluster, as an operator builds one: `pg_basebackup -R` into a
    /// folder of its own, started on a loopback port of its own, read-only, replaying what this
    /// cluster commits; stopped and removed when the test process ends. Returns its port.
    public func startStandby() throws -> Int {
        let standby = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("glossa-pg-standby-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: standby, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        if geteuid() == 0 { guard chown(standby.path, 65534, 65534) == 0 else { throw ClusterError("cannot give \(standby.path) to nobody") } }
        let data = standby.appendingPathComponent("data").path
        try runAsOwner("pg_basebackup", ["-h", "127.0.0.1", "-p", String(port), "-U", user, "-D", data, "-R", "-X", "stream", "--checkpoint=fast", "--no-sync"])
        let standbyPort = try Self.freePort()
        // A standby needs at least the primary's max_connections.
        try start(data: data, log: standby.appendingPathComponent("log").path, options: Self.settings + " -c hot_standby=on",
                  port: standbyPort, socketFolder: standby)
        try watch(data: data, removing: standby)
        return standbyPort
    }

    /// The URL of `database` on the server at loopback `port` (this cluster's, or a standby's).
    public func url(database: String, port: Int) -> String {
        "postgresql://\(user)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// Runs one of PostgreSQL's programs as the cluster's owner.
    public func runAsOwner(_ program: String, _ arguments: [String]) throws {
        _ = try Self.run(bin.appendingPathComponent(program), arguments, asNobody: geteuid() == 0)
    }

    /// The newest PostgreSQL installed under /usr/lib/postgresql.
    private static func binaries() throws -> URL {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).compactMap(Int.init).sorted()
        guard let newest = versions.last else {
            throw ClusterError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin): apt-get install postgresql")
        }
        return root.appendingPathComponent("\(newest)/bin")
    }

    /// A loopback port nothing listens on now.
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ClusterError("cannot open a socket") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw ClusterError("cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs `program`, as `nobody` through runuser when asked; throws with its output when it fails.
    private static func run(_ program: URL, _ arguments: [String], asNobody: Bool) throws -> String {
        let result = asNobody
            ? try CommandRunner.run(executable: URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", "nobody", "--", program.path] + arguments,
                                    in: URL(fileURLWithPath: "/"))
            : try CommandRunner.run(executable: program, arguments, in: URL(fileURLWithPath: "/"))
        guard result.status == 0 else {
            throw ClusterError("\(program.lastPathComponent) failed (\(result.status)): \(result.stderr)\(result.stdout)")
        }
        return result.stdout
    }
}

/// Why the test cluster could not be made or used.
public struct ClusterError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
