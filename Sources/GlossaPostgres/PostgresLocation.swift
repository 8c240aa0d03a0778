import GlossaMemory
import Foundation
import GlossaCore

/// Where a TM held in PostgreSQL lives, as a `postgresql://` (or `postgres://`) URL gives it,
/// read the way libpq reads one: user, password, host (a name, an address, or a folder holding
/// the server's Unix socket, percent-encoded or as `?host=`), port (5432), database (the user's
/// name when absent) and `sslmode`. A password missing from the URL comes from `PGPASSWORD`,
/// else from the password file (`PGPASSFILE`, else `~/.pgpass`).
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection uses TLS: libpq's `sslmode` values.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tlsMode: TLSMode
    /// The CA certificates to verify the server with (`sslrootcert`), for `verify-ca` and
    /// `verify-full`; the system's when nil.
    public var rootCertificate: String?

    /// Whether `host` names the folder of a Unix socket rather than a machine.
    public var isUnixSocket: Bool { host.hasPrefix("/") }

    /// The socket file a server listening in folder `host` on `port` creates.
    public var socketPath: String { "\(host)/.s.PGSQL.\(port)" }

    /// Whether `text` is a PostgreSQL URL rather than a file path.
    public static func isURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://")
    }

    /// Reads `url`; `environment` supplies `PGPASSWORD`, `PGPASSFILE`, `PGUSER`, `USER` and
    /// `HOME`. Throws `InputError` for what is not a PostgreSQL URL or holds an unknown setting.
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isURL(url), let components = URLComponents(string: url) else {
            throw InputError("not a PostgreSQL URL: write postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=…]")
        }
        var settings: [String: String] = [:]
        for item in components.queryItems ?? [] { settings[item.name] = item.value ?? "" }
        let known: Set = ["host", "port", "user", "password", "dbname", "sslmode", "sslrootcert", "application_name", "connect_timeout"]
        if let unknown = settings.keys.sorted().first(where: { !known.contains($0) }) {
            throw InputError("the PostgreSQL URL's setting '\(unknown)' is not one Glossa reads (\(known.sorted().joined(separator: ", ")))")
        }
        host = settings["host"] ?? components.percentEncodedHost.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
            ?? "localhost"
        if let text = settings["port"] ?? components.port.map(String.init) {
            guard let number = Int(text), (1...65535).contains(number) else { throw InputError("the PostgreSQL URL's port '\(text)' is not a port number") }
            port = number
        } else {
            port = 5432
        }
        user = settings["user"] ?? components.percentEncodedUser?.removingPercentEncoding ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        let path = components.percentEncodedPath.dropFirst()
        database = settings["dbname"] ?? (path.isEmpty ? user : String(path).removingPercentEncoding ?? String(path))
        let mode = settings["sslmode"] ?? "prefer"
        guard let tlsMode = TLSMode(rawValue: mode) else {
            throw InputError("sslmode '\(mode)' is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.tlsMode = tlsMode
        rootCertificate = settings["sslrootcert"]
        password = settings["password"] ?? components.percentEncodedPassword?.removingPercentEncoding ?? environment["PGPASSWORD"]
        if password == nil {
            let file = environment["PGPASSFILE"] ?? environment["HOME"].map { "\($0)/.pgpass" }
            password = file.flatMap { PasswordFile(path: $0)?.password(host: host, port: port, database: database, user: user) }
        }
    }

    /// The URL without its password, for messages and logs.
    public var description: String {
        let hostPart = isUnixSocket ? "?host=\(host)" : ""
        let address = isUnixSocket ? "" : (host.contains(":") ? "[\(host)]" : host) + (port == 5432 ? "" : ":\(port)")
        return "postgresql://\(user)@\(address)/\(database)\(hostPart)" + (isUnixSocket && port != 5432 ? "&port=\(port)" : "")
    }
}

/// libpq's password file: lines of `host:port:database:user:password`, `*` matching anything,
/// `\` escaping `:` and `\`. Like libpq, a file others may read is ignored.
struct PasswordFile {
    private let entries: [[String]]

    /// The file at `path`; nil when it is missing, unreadable or readable by others.
    init?(path: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        entries = text.split(whereSeparator: \.isNewline).compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = Self.fields(of: line)
            return fields.count == 5 ? fields : nil
        }
    }

    /// The password of the first entry that matches.
    func password(host: String, port: Int, database: String, user: String) -> String? {
        let wanted = [host, String(port), database, user]
        return entries.first { entry in
            zip(entry, wanted).allSatisfy { $0 == "*" || $0 == $1 || ($0 == "localhost" && $1.hasPrefix("/")) }
        }?[4]
    }

    /// The fields of one line, unescaped.
    private static func fields(of line: Substring) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
