import Foundation
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaText
import GlossaWorkflows
import Hummingbird
import NIOCore

/// Whole files in and out:
///
/// - `POST /api/import?format=tmx&name=june.tmx&origin=…&skip_invalid=true&include_unconfirmed=true`
///   with a TMX, XLIFF, PO, TSV or CSV file as the body: the body is written to a file as it
///   arrives (never held whole; at most `importLimit` bytes, else 413), then imported as a job
///   queued behind the TM's other writes. Answers 202 at once with the job and its `Location`.
///   The format is `format`'s, else the Content-Type's, else what the first bytes show (TMX,
///   XLIFF, PO); `name` names the file in errors and, without `origin`, on its units.
/// - `GET /api/jobs/{id}`: the job: `queued`, `running` (with the units `read` so far),
///   `succeeded` with the import's report, or `failed` with its error (the TM unchanged).
/// - `GET /api/export?format=tmx|tsv&langs=en,ru&since=2024-06-01&origin=…`: the TM's units
///   as `glossa export` writes them, streamed from a file the export writes first.
enum TransferRoutes {
    static func add(to router: Router<BasicRequestContext>, _ parts: ServerParts) {
        router.post("/api/import") { request, context in
            do {
                let query = try FormQuery(request.uri.query)
                let format = try uploadFormat(query["format"], contentType: request.headers[.contentType])
                let name = query["name"] ?? "upload" + (format.map { "." + $0.rawValue } ?? "")
                var workflow = ImportWorkflow(files: [])
                workflow.origin = query["origin"] ?? (name as NSString).lastPathComponent
                workflow.skipInvalid = try query.flag("skip_invalid")
                workflow.includeUnconfirmed = try query.flag("include_unconfirmed")
                if let policy = query["on_conflict"] {
                    guard let chosen = ConflictPolicy(rawValue: policy) else {
                        throw InputError("on_conflict must be add, overwrite, keep or newest, not \"\(policy)\"")
                    }
                    workflow.onConflict = chosen
                }
                let spooled = try await spool(request.body, format: format, limit: parts.importLimit)
                let job = await parts.jobs.submit(spooled: spooled, name: name, workflow: workflow)
                var response = APIAnswer.json(job, status: .accepted)
                response.headers[.location] = "/api/jobs/\(job.id)"
                return response
            } catch {
                return APIAnswer.failure(error, logger: context.logger)
            }
        }
        router.get("/api/jobs/:id") { _, context in
            await APIAnswer.answer(context.logger) {
                let id = context.parameters.get("id") ?? ""
                guard let job = await parts.jobs.job(id) else { throw APIError.notFound("this server has no job '\(id)' (it remembers the last 200)") }
                return job
            }
        }
        router.get("/api/export") { request, context in
            do {
                return try await export(request, location: parts.writes.location)
            } catch {
                return APIAnswer.failure(error, logger: context.logger)
            }
        }
    }

    /// The format an upload is declared in: `format`'s, else the Content-Type's; nil leaves it
    /// to the file's first bytes. Only formats that hold units are taken.
    static func uploadFormat(_ format: String?, contentType: String?) throws -> FileFormat? {
        let declared: FileFormat?
        if let format {
            guard let named = FileFormat(rawValue: format.lowercased()) else { throw unitFormats(given: "format=\(format)") }
            declared = named
        } else {
            declared = contentType.flatMap(FileFormat.init(mediaType:))
        }
        guard let declared else { return nil }
        guard declared.holdsUnits else { throw unitFormats(given: declared.rawValue) }
        return declared
    }

    private static func unitFormats(given: String) -> APIError {
        APIError(status: .unsupportedMediaType, message: "an import takes TMX, XLIFF, PO, TSV or CSV (format=tmx|xliff|po|tsv|csv), not \(given)")
    }

    /// Writes `body` to a new temporary file named for `format`, as it arrives; at most
    /// `limit` bytes. The import job removes the file when it is done.
    static func spool(_ body: RequestBody, format: FileFormat?, limit: Int) async throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("glossa-import-\(UUID().uuidString)" + (format.map { "." + $0.rawValue } ?? "")).path
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw APIError(status: .init(code: 507, reasonPhrase: "Insufficient Storage"), message: "the server cannot write the upload to \(path)")
        }
        defer { try? handle.close() }
        do {
            var written = 0
            for try await buffer in body {
                written += buffer.readableBytes
                if written > limit { throw APIError.bodyTooLarge(limit: limit) }
                try handle.write(contentsOf: buffer.readableBytesView)
            }
            guard written > 0 else { throw InputError("the body is empty: send the file to import as the body") }
            return path
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// The export a query asks for, written to a temporary file on a thread of its own, then
    /// streamed from it; the file is removed once sent.
    static func export(_ request: Request, location: String) async throws -> Response {
        let query = try FormQuery(request.uri.query)
        let format = try query["format"].map { name in
            guard let format = FileFormat(rawValue: name.lowercased()), format == .tmx || format == .tsv else {
                throw InputError("format must be tmx or tsv, not '\(name)'")
            }
            return format
        } ?? .tmx
        var workflow = ExportWorkflow(format: format)
        workflow.languages = try query["langs"].map { list in
            try list.split(separator: ",").map { try LanguageTag(String($0).trimmingCharacters(in: .whitespaces)) }
        }
        let since = try query["since"].map { text in
            guard let date = Timestamp.parse(text + "T00:00:00Z") ?? Timestamp.parse(text) else {
                throw InputError("since takes a date as YYYY-MM-DD, not '\(text)'")
            }
            return date
        }
        workflow.filter = TranslationMemory.UnitFilter(since: since, origin: query["origin"])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("glossa-export-\(UUID().uuidString).\(format.rawValue)").path
        let exporting = workflow
        try await Thread.run {
            guard FileManager.default.createFile(atPath: file, contents: nil), let handle = FileHandle(forWritingAtPath: file) else {
                throw APIError(status: .init(code: 507, reasonPhrase: "Insufficient Storage"), message: "the server cannot write the export")
            }
            defer { try? handle.close() }
            _ = try exporting.run(from: TMStores.open(location, access: .readOnly), to: handle)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
        let body = ResponseBody(contentLength: size) { writer in
            defer { try? FileManager.default.removeItem(atPath: file) }
            guard let handle = FileHandle(forReadingAtPath: file) else { return }
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        let type = format == .tsv ? "text/tab-separated-values; charset=utf-8" : "application/x-tmx+xml; charset=utf-8"
        return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"glossa.\(format.rawValue)\""],
                        body: body)
    }
}

extension Thread {
    /// Runs `body` on a new thread, off the threads that answer requests, and waits for it.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}

extension FormQuery {
    /// Whether the query sets `name` to true (`true`, `1`, `yes`); false when absent.
    func flag(_ name: String) throws -> Bool {
        guard let value = self[name]?.lowercased() else { return false }
        switch value {
        case "true", "1", "yes", "": return true
        case "false", "0", "no": return false
        default: throw InputError("\(name) must be true or false, not '\(value)'")
        }
    }
}
