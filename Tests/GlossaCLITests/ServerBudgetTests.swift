import Foundation
import GlossaTestSupport
import Testing

/// The server under the worst lookups: a long segment of common words at 1% against a TM of
/// common words, batched. Each request has a time budget, and a POST's work stops when its
/// client goes, so the next asker is answered at once.
@Suite(.serialized) struct ServerBudgetTests {
    let workspace: Workspace
    static let words = ["council", "security", "collective", "treaty", "member", "states", "ministers", "defence",
                        "secretary", "general", "meeting", "summit", "forces", "border", "Minsk", "Moscow"]

    init() throws {
        workspace = try Workspace()
        var random = SeededRandom(seed: 19)
        var table = "en\tru\n"
        for row in 0..<20_000 {
            let words = (0..<12).map { _ in Self.words.randomElement(using: &random)! }
            table += words.joined(separator: " ") + " \(row).\tСовет \(row).\n"
        }
        try workspace.write(table, to: "common.tsv")
        let imported = try workspace.glossa(["import", "common.tsv", "--tm", "tm.sqlite"])
        precondition(imported.status == 0, imported.stderr)
    }

    /// A POST body of `count` segments of 200 common words each, at 1% (1.6 MB for a thousand:
    /// one lookup's worth of work a segment, minutes in a debug build).
    static func worstBatch(_ count: Int) -> String {
        var random = SeededRandom(seed: 7)
        let segments = (0..<count).map { _ in "\"" + (0..<200).map { _ in words.randomElement(using: &random)! }.joined(separator: " ") + "\"" }
        return "{\"segments\": [\(segments.joined(separator: ","))], \"min\": 1, \"max\": 5}"
    }

    /// Asks `server` for `path` (a POST of the file `body` when given) from Python, timed there:
    /// a process of its own, so the time is the server's and not this test runner's, whose
    /// threads the other suites keep busy.
    func fetch(_ server: ServerProcess, _ path: String, body: String? = nil) throws -> (status: Int, body: String, seconds: Double) {
        let script = """
            import json, sys, time, urllib.request, urllib.error
            url, body = sys.argv[1], (open(sys.argv[2], 'rb').read() if len(sys.argv) > 2 else None)
            started = time.monotonic()
            try:
                response = urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=300)
                status, text = response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                status, text = error.code, error.read().decode()
            print(json.dumps({"status": status, "body": text, "seconds": time.monotonic() - started}))
            """
        var arguments = ["-c", script, URL(string: path, relativeTo: server.baseURL)!.absoluteString]
        if let body {
            try workspace.write(body, to: "body.json")
            arguments.append("body.json")
        }
        let run = try CommandRunner.run(executable: URL(fileURLWithPath: "/usr/bin/python3"), arguments, in: workspace.folder)
        let answer = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        return (answer["status"] as? Int ?? 0, answer["body"] as? String ?? run.stderr, answer["seconds"] as? Double ?? .infinity)
    }

    @Test func aRequestPastItsBudgetIsGivenUpWith503() throws {
        let server = try ServerProcess(["--tm", "tm.sqlite", "--request-timeout", "1"], in: workspace.folder)
        defer { _ = server.stop() }
        // Minutes of work in a debug build; given up after a second (and what a loaded machine adds).
        let answer = try fetch(server, "api/lookup", body: Self.worstBatch(300))
        #expect(answer.status == 503)
        #expect(answer.body.contains("longer than this server allows a request (1 s)"), "\(answer.body)")
        #expect(answer.seconds < 3, "\(answer.seconds) s")
    }

    @Test func requestsAreAnsweredInParallelBesideALongBatch() throws {
        let server = try ServerProcess(["--tm", "tm.sqlite", "--request-timeout", "600", "--readers", "2"], in: workspace.folder)
        defer { _ = server.stop() }
        try workspace.write(Self.worstBatch(1_000), to: "batch.json")
        // A batch of minutes' work in flight on one connection, lookups asked on another meanwhile.
        let script = """
            import json, sys, threading, time, urllib.request
            base = sys.argv[1]
            body = open('batch.json', 'rb').read()
            threading.Thread(target=lambda: urllib.request.urlopen(urllib.request.Request(base + 'api/lookup', data=body), timeout=600), daemon=True).start()
            time.sleep(1)
            seconds = []
            for _ in range(5):
                started = time.monotonic()
                urllib.request.urlopen(base + 'api/lookup?q=council+security+meeting&min=50', timeout=600).read()
                seconds.append(time.monotonic() - started)
            print(max(seconds))
            """
        let run = try CommandRunner.run(executable: URL(fileURLWithPath: "/usr/bin/python3"), ["-c", script, server.baseURL.absoluteString],
                                        in: workspace.folder)
        let slowest = Double(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .infinity
        #expect(slowest < 2, "a lookup beside the batch took \(slowest) s: \(run.stderr)")
    }

    @Test func aBatchWhoseClientHasGoneStopsAndTheNextAskerIsAnswered() throws {
        // One read connection: a batch still running would hold every other request.
        let server = try ServerProcess(["--tm", "tm.sqlite", "--request-timeout", "600", "--readers", "1"], in: workspace.folder)
        defer { _ = server.stop() }
        // A client that sends a batch of minutes' work and hangs up after a second.
        let body = Self.worstBatch(1_000)
        try workspace.write(body, to: "batch.json")
        let script = """
            import socket, sys, time
            port = int(sys.argv[1]); body = open('batch.json', 'rb').read()
            s = socket.create_connection(('127.0.0.1', port))
            s.sendall(b'POST /api/lookup HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Type: application/json\\r\\nContent-Length: %d\\r\\n\\r\\n' % len(body) + body)
            time.sleep(1)
            s.close()
            """
        let hungUp = try CommandRunner.run(executable: URL(fileURLWithPath: "/usr/bin/python3"),
                                           ["-c", script, String(server.baseURL.port ?? 0)], in: workspace.folder)
        #expect(hungUp.status == 0, "\(hungUp.stderr)")
        let next = try fetch(server, "api/stats")
        #expect(next.status == 200)
        #expect(next.seconds < 3, "the next request waited \(next.seconds) s")
        // One such segment alone takes a bounded time: the fuzzy search bounds its work
        // (0.2 s in a release build, a few times that in a debug one).
        let one = try fetch(server, "api/lookup", body: Self.worstBatch(1))
        #expect(one.status == 200 && one.seconds < 5, "\(one.status) after \(one.seconds) s")
    }
}
