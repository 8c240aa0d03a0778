import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GlossaTestSupport
import Testing

/// Several `glossa serve` processes on one PostgreSQL database, as an organisation runs them
/// behind a proxy: what one takes, the others find at once; and a server reading a real
/// streaming standby (`pg_basebackup -R`) while its writes go to the primary.
@Suite struct ReplicaServerTests {
    static let token = "csto-replicas-5e1d"
    let workspace: Workspace
    let cluster: PostgresCluster

    init() throws {
        workspace = try Workspace()
        try workspace.write(Self.token + "\n", to: "team.token")
        try workspace.write(LookupCommandTests.units, to: "tm.tsv")
        cluster = try PostgresCluster.shared.get()
    }

    /// A new database holding the units of `tm.tsv`.
    func database() throws -> String {
        let database = try cluster.createDatabase()
        let imported = try workspace.glossa(["import", "tm.tsv", "--tm", database])
        guard imported.status == 0 else { throw SetUpFailure(description: imported.stderr) }
        return database
    }

    func server(_ arguments: String...) throws -> ServerProcess {
        try ServerProcess(arguments + ["--token-file", "team.token", "--readers", "2"], in: workspace.folder)
    }

    /// Status and body of a request to `server`, with the write token.
    func fetch(_ server: ServerProcess, _ path: String, method: String = "GET", body: String? = nil) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: URL(string: path, relativeTo: server.baseURL)!)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        request.setValue("Bearer \(Self.token)", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    func object(_ data: Data) throws -> [String: Any] { try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]) }

    /// The translations a lookup through `server` finds for `text` at 100%.
    func targets(_ server: ServerProcess, _ text: String) async throws -> [String] {
        let query = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let answer = try await fetch(server, "api/lookup?q=\(query)&to=ru&min=100")
        let matches = try #require(try JSONSerialization.jsonObject(with: answer.body) as? [[String: Any]], "\(answer.status)")
        return matches.compactMap { $0["target"] as? String }
    }

    @Test func serversOnOneDatabaseFindEachOthersWritesAtOnce() async throws {
        let database = try database()
        let first = try server("--tm", database), second = try server("--tm", database)
        let health = try object(try await fetch(second, "healthz").body)
        #expect(health["store"] as? String == "postgresql" && health["role"] as? String == "primary" && health["units"] as? Int == 3)

        let english = "Peacekeepers trained in Armenia."
        let added = try await fetch(first, "api/units", method: "POST", body: """
            {"units": [{"variants": {"en": "\(english)", "ru": "Миротворцы тренировались в Армении."}, "author": "aigerim"}]}
            """)
        #expect(added.status == 200)
        let id = try #require((try object(added.body)["units"] as? [Int])?.first)
        #expect(try await targets(second, english) == ["Миротворцы тренировались в Армении."])
        #expect(try object(try await fetch(second, "api/stats").body)["units"] as? Int == 4)

        // Corrected through the second, deleted through the first: each sees the other's write.
        let corrected = try await fetch(second, "api/units/\(id)", method: "PUT", body: """
            {"variants": {"en": "\(english)", "ru": "Миротворцы провели учения в Армении."}, "author": "bolat"}
            """)
        #expect(try corrected.status == 200 && object(corrected.body)["id"] as? Int == id)
        #expect(try await targets(first, english) == ["Миротворцы провели учения в Армении."])
        #expect(try await fetch(first, "api/units/\(id)", method: "DELETE").status == 204)
        #expect(try await targets(second, english).isEmpty)
        #expect(try await fetch(second, "api/units/\(id)").status == 404)

        // An import job through one server is found through the other once done.
        let job = try await fetch(second, "api/import?format=tsv&name=more.tsv", method: "POST",
                                  body: "en\tru\nThe summit opened in Astana.\tСаммит открылся в Астане.\n")
        #expect(job.status == 202)
        var found: [String] = []
        for _ in 0..<100 where found.isEmpty {
            found = try await targets(first, "The summit opened in Astana.")
            if found.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(found == ["Саммит открылся в Астане."])
        _ = first.stop()
        _ = second.stop()
    }

    @Test func aServerReadingAStandbyFindsWhatThePrimaryTook() async throws {
        let primary = try database()
        let name = String(primary.split(separator: "/").last!.split(separator: "?")[0])
        let standby = cluster.url(database: name, port: try cluster.startStandby())
        let server = try server("--tm", primary, "--read-from", standby)
        let health = try object(try await fetch(server, "healthz").body)
        #expect(health["role"] as? String == "standby" && health["units"] as? Int == 3)

        let english = "The CSTO summit was held in Yerevan."
        let added = try await fetch(server, "api/units", method: "POST", body: """
            {"units": [{"variants": {"en": "\(english)", "ru": "Саммит ОДКБ прошёл в Ереване."}}]}
            """)
        #expect(added.status == 200)
        // Streaming replication is asynchronous: the standby has it a moment later.
        var found: [String] = []
        for _ in 0..<100 where found.isEmpty {
            found = try await targets(server, english)
            if found.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(found == ["Саммит ОДКБ прошёл в Ереване."])
        #expect(try cluster.psql("SELECT count(*) FROM unit", database: name) == "4\n")

        // The standby itself takes no writes: an import into it is refused, and it stays as it was.
        let refused = try workspace.glossa(["import", "tm.tsv", "--tm", standby])
        #expect(refused.status != 0 && refused.stderr.hasPrefix("glossa: error: ") && refused.stderr.contains("read-only"), "\(refused.stderr)")
        _ = server.stop()
    }
}
