import Foundation
import GlossaCore
import GlossaMemory
import GlossaTestSupport
import GlossaWorkflows
import Hummingbird
import Logging
import Testing
@testable import GlossaServer

/// The OpenAPI document and the router agree: a route added without its description, or a
/// description left behind by a route removed, fails here.
@Suite struct OpenAPIDocumentTests {
    /// The router a server builds, on a TM of one unit.
    func router() throws -> Router<BasicRequestContext> {
        let path = try Fixtures.temporaryDirectory().appendingPathComponent("tm.sqlite").path
        _ = try TranslationMemory(path: path, access: .create).add([
            TranslationUnit(variants: [Variant(language: "en", text: "Minsk"), Variant(language: "ru", text: "Минск")])])
        let writes = MemoryWrites(location: path)
        let parts = ServerParts(lookups: try LookupService(location: path, glossary: nil, size: 1, budget: .seconds(1)), writes: writes,
                                jobs: ImportJobs(writes: writes), importLimit: 1 << 20, logger: Logger(label: "test"))
        return TMServer.router(parts, loopbackOnly: true, access: AccessTokens(write: nil, read: nil), accessLog: false)
    }

    /// "METHOD /path/{parameter}" without a trailing slash, as both sides write it.
    func route(_ method: String, _ path: String) -> String {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        return method.uppercased() + " " + trimmed.replacing(/:(\w+)/) { "{\($0.1)}" }
    }

    @Test func everyRouteIsDocumentedAndNothingElse() throws {
        let served = Set(try router().routes.map { route($0.method.rawValue, $0.path.description) })
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        let documented = Set(paths.flatMap { path, operations in operations.keys.filter(methods.contains).map { route($0, path) } })
        #expect(served.subtracting(documented).isEmpty, "served but not documented")
        #expect(documented.subtracting(served).isEmpty, "documented but not served")
        #expect(served.count > 15)
    }
}
