import Foundation
import Hummingbird

/// Who may read and who may write, by bearer token (`Authorization: Bearer …`). A write needs
/// the write token; without one configured, writes are off. A read needs the read or the write
/// token when a read token is configured, else nothing. Tokens are compared in constant time
/// and never logged.
public struct AccessTokens: Sendable {
    /// The token writes need; nil turns writes off.
    let write: [UInt8]?
    /// The token reads need (the write token serves too); nil leaves reads open.
    let read: [UInt8]?

    /// Access with these tokens; blank ones count as none.
    public init(write: String?, read: String?) {
        func bytes(_ token: String?) -> [UInt8]? {
            guard let token = token?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else { return nil }
            return Array(token.utf8)
        }
        self.write = bytes(write)
        self.read = bytes(read)
    }

    /// Whether any token is configured: a server beyond loopback without one is open to anyone.
    public var guardsAnything: Bool { write != nil || read != nil }

    /// What a request may do, from its Authorization header.
    enum Grant: Comparable { case none, read, write }

    func grant(authorization: String?) -> Grant {
        guard let authorization, authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else {
            return read == nil ? .read : .none
        }
        let given = Array(authorization.utf8.dropFirst(7))
        if let write, Self.same(given, write) { return .write }
        if let read, Self.same(given, read) { return .read }
        return read == nil ? .read : .none
    }

    /// Whether `a` and `b` are equal, in time that depends only on their lengths: a client
    /// timing answers learns nothing of where a guess first differs.
    static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0 && a.count == b.count
    }
}

/// Turns away requests their token does not allow: 401 with `WWW-Authenticate: Bearer` for a
/// missing or wrong token, 403 for a write to a server that takes none. What writes is told by
/// the route: any method but GET, HEAD and OPTIONS, save the reads sent as POST (batch lookups).
/// The page, `/healthz` and `/openapi.json` are open to all: they hold nothing of the TM.
struct AccessGuard<Context: RequestContext>: RouterMiddleware {
    let tokens: AccessTokens

    /// Paths that read though their method is POST.
    static var readsByPost: Set<String> { ["/api/lookup"] }
    /// Paths anyone may read.
    static var open: Set<String> { ["/", "/healthz", "/openapi.json"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        let writes = ![.get, .head, .options].contains(request.method) && !Self.readsByPost.contains(path)
        if !writes && Self.open.contains(path) { return try await next(request, context) }
        let grant = tokens.grant(authorization: request.headers[.authorization])
        if writes && tokens.write == nil {
            return APIAnswer.json(["error": "this server takes no writes: start glossa serve with GLOSSA_TOKEN set, or --token-file FILE"],
                                  status: .forbidden)
        }
        guard grant >= (writes ? .write : .read) else {
            var response = APIAnswer.json(
                ["error": writes ? "writing needs the write token: Authorization: Bearer TOKEN"
                                 : "this server needs a token to read: Authorization: Bearer TOKEN"],
                status: .unauthorized)
            response.headers[.wwwAuthenticate] = "Bearer realm=\"glossa\""
            return response
        }
        return try await next(request, context)
    }
}
