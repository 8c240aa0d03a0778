import Foundation
import GlossaCore
import GlossaMemory
import GlossaText
import Hummingbird
import Logging
import NIOCore

/// How every route answers: JSON, and an error as `{"error": "…"}` with the status its kind
/// says. A client reads every status the same way, and no error leaves an empty body.
enum APIAnswer {
    /// What `body` returns as JSON with `status`; its error as `{"error": "…"}`: status 400 for
    /// bad input (a missing parameter, a bad language tag, an unparsable query), the status an
    /// `APIError` names, 503 while the TM cannot answer (search indexes an import deferred,
    /// another writer holding it), else 500, which is logged: the server's fault, not the asker's.
    static func answer(_ logger: Logger, _ body: () async throws -> some Encodable) async -> Response {
        do {
            return json(try await body(), status: .ok)
        } catch {
            return failure(error, logger: logger)
        }
    }

    /// `error` as the JSON error answer.
    static func failure(_ error: any Error, logger: Logger) -> Response {
        let (status, message): (HTTPResponse.Status, String) = switch error {
        case is CancellationError: (.serviceUnavailable, "the asker has gone")  // nobody reads it
        case let error as APIError: (error.status, error.message)
        case let error as InputError: (.badRequest, error.description)
        case let error as TextError: (.badRequest, "\(error)")
        case let error as MemoryError: (.serviceUnavailable, "\(error)")  // the TM's state: indexes pending, another writer
        default: (.internalServerError, "\(error)")
        }
        if status == .internalServerError { logger.error("\(message)") }
        return json(["error": message], status: status)
    }

    /// `value` as a JSON response with `status`; a 500 if it does not encode.
    static func json(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let body = try? encoder.encode(value) else { return Response(status: .internalServerError) }
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The body of `request` decoded from JSON as `T`, at most `limit` bytes; `example` shows
    /// the shape expected in the error for a body that is not it.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int, example: String) async throws -> T {
        let bytes: ByteBuffer
        do { bytes = try await request.body.collect(upTo: limit) } catch is NIOTooManyBytesError {
            throw APIError.bodyTooLarge(limit: limit)
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes.readableBytesView))
        } catch let error as InputError {
            throw error
        } catch let error as DecodingError {
            throw InputError("the body must be JSON: \(example)\(reason(error).map { " (\($0))" } ?? "")")
        }
    }

    /// Where a body departs from the shape expected: the field and what was wrong with it.
    private static func reason(_ error: DecodingError) -> String? {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." }.description
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return context.codingPath.isEmpty ? nil : "\(path(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? nil : "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return nil
        }
    }
}

/// A request the server turns down with a status of its own, and why.
struct APIError: Error {
    let status: HTTPResponse.Status
    let message: String

    /// A body past what the route takes: 413.
    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(status: .contentTooLarge, message: "the body is larger than the \(limit >> 20) MiB this server takes: send less at once")
    }

    /// A lookup past the server's time budget: 503.
    static func overBudget(_ budget: Duration) -> APIError {
        APIError(status: .serviceUnavailable, message: """
            the lookup took longer than this server allows a request (\(budget.components.seconds) s): \
            send fewer or shorter segments at once, or ask with a higher min
            """)
    }

    /// What the server does not hold or offer: 404.
    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, message: message) }
}

/// Every answer the router itself gives, as the routes' JSON error: a path no route has (404,
/// which Hummingbird sends with an empty body), an error thrown past a route (`HTTPError`, a
/// body that cannot be read).
struct JSONErrors<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let noRoute = APIAnswer.json(["error": "this server has no \(request.method) \(request.uri.path): see /openapi.json"], status: .notFound)
        do {
            let response = try await next(request, context)
            return response.status == .notFound && response.body.contentLength == 0 ? noRoute : response
        } catch let error as HTTPError {
            if error.status == .notFound && error.body == nil { return noRoute }
            return APIAnswer.json(["error": error.body ?? error.status.reasonPhrase], status: error.status)
        } catch {
            return APIAnswer.failure(error, logger: context.logger)
        }
    }
}
