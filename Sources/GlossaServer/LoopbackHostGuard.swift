import Hummingbird

/// Turns away requests whose Host header names another machine, for a server listening on
/// the loopback interface only. Such a server is for this machine's browsers and tools, and
/// without the check a web page from anywhere could read the TM through a DNS name it points
/// at 127.0.0.1 (DNS rebinding): the browser would take the answers for that site's own.
struct LoopbackHostGuard<Context: RequestContext>: RouterMiddleware {
    /// The host names a loopback server answers to.
    static var loopbackNames: Set<String> { ["127.0.0.1", "localhost", "::1"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let host = Self.hostname(of: request.head.authority ?? "")
        guard Self.loopbackNames.contains(host.lowercased()) else {
            return APIAnswer.json(
                ["error": "this server answers requests for 127.0.0.1 or localhost only, not \(host.isEmpty ? "a request without a Host" : host)"],
                status: .forbidden)
        }
        return try await next(request, context)
    }

    /// The host name of an authority, without its port: "localhost:8080" → "localhost",
    /// "[::1]:8080" → "::1".
    static func hostname(of authority: String) -> String {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[authority.index(after: authority.startIndex)..<close])
        }
        return String(authority.prefix { $0 != ":" })
    }
}
