import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// What the HTTP layer refuses before any route sees a request, each answered with the JSON
/// error (Hummingbird's own answer is an empty 400):
///
/// - a request line or headers past the parser's limits (80 KiB): 414, the connection closed;
/// - bytes that are not HTTP/1.1: 400, the connection closed.
///
/// It sits after the HTTP codec, where the parser's errors pass on their way to the server;
/// the request never reaches it otherwise.
final class HTTPParseErrors: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let error = error as? HTTPParserError else { return context.fireErrorCaught(error) }
        let (status, message): (HTTPResponse.Status, String) = switch error {
        case .headerOverflow: (.uriTooLong, "the request line or its headers are longer than this server takes (80 KiB): send long text in a POST body")
        default: (.badRequest, "not an HTTP/1.1 request this server can read (\(error))")
        }
        let body = ByteBuffer(string: #"{"error":"\#(message.replacingOccurrences(of: "\"", with: "'"))"}"#)
        let head = HTTPResponse(status: status, headerFields: [
            .contentType: "application/json; charset=utf-8", .contentLength: "\(body.readableBytes)", .connection: "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }
}

/// Requests the routes would take but that are larger than a server should answer: a URI
/// past `uriLimit` bytes gets 414 with the JSON error before any route runs.
struct RequestLimits<Context: RequestContext>: RouterMiddleware {
    /// The longest URI taken: Weblate cuts its texts at 500 characters, a few KiB encoded.
    static var uriLimit: Int { 32 << 10 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.string.utf8.count <= Self.uriLimit else {
            return APIAnswer.json(["error": "the URL is longer than the \(Self.uriLimit >> 10) KiB this server takes: send long text in a POST body"],
                                  status: .uriTooLong)
        }
        return try await next(request, context)
    }
}
