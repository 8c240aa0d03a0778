import Foundation
import GlossaTestSupport
import Testing

/// The server under clients that send too much, too little, or not HTTP at all, over raw
/// sockets (Python's), so the bytes are exactly what such a client sends.
@Suite(.serialized) struct ServerLimitsTests {
    let workspace: Workspace
    let server: ServerProcess

    init() throws {
        workspace = try Workspace.withLookupTM()
        try workspace.write("limits-token\n", to: "team.token")
        server = try ServerProcess(["--tm", "tm.sqlite", "--token-file", "team.token", "--idle-timeout", "2", "--import-limit", "1"],
                                   in: workspace.folder)
    }

    /// Runs `script` with `port` and `raw(bytes)` (what the server answered before closing) defined.
    func python(_ script: String) throws -> [String: Any] {
        let prelude = """
            import json, socket, sys, time
            port = \(server.baseURL.port ?? 0)
            def connect():
                return socket.create_connection(("127.0.0.1", port))
            def raw(data, timeout=10):
                s = connect(); s.settimeout(timeout)
                try:
                    s.sendall(data)
                except OSError:
                    pass
                out = b""
                try:
                    while True:
                        chunk = s.recv(65536)
                        if not chunk: break
                        out += chunk
                except OSError:
                    pass
                s.close()
                head, _, body = out.partition(b"\\r\\n\\r\\n")
                status = int(head.split(b" ")[1]) if head.startswith(b"HTTP/1.1 ") else 0
                return {"status": status, "head": head.decode("latin-1"), "body": body.decode("utf-8", "replace")}

            """
        let result = try CommandRunner.run(executable: URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", prelude + script])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    func error(_ answer: Any?) throws -> String? {
        guard let body = (answer as? [String: Any])?["body"] as? String else { return nil }
        return (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["error"] as? String
    }

    @Test func oversizedAndMalformedRequestsGetTheJSONError() throws {
        let answers = try python("""
            host = b"Host: localhost\\r\\nConnection: close\\r\\n"
            many = b'{"segments": [' + b'"Minsk",' * 400000 + b'"Minsk"]}'
            print(json.dumps({
                "hugeURL": raw(b"GET /api/lookup?q=" + b"a" * (1 << 20) + b" HTTP/1.1\\r\\n" + host + b"\\r\\n"),
                "longURL": raw(b"GET /api/lookup?q=" + b"a" * 40000 + b" HTTP/1.1\\r\\n" + host + b"\\r\\n"),
                "garbage": raw(b"\\x00\\x01\\x02 not HTTP at all\\r\\n\\r\\n"),
                "bigBody": raw(b"POST /api/lookup HTTP/1.1\\r\\n" + host + b"Content-Length: %d\\r\\n\\r\\n" % (17 << 20) + b"[" * (17 << 20)),
                "bigImport": raw(b"POST /api/import?format=tsv HTTP/1.1\\r\\n" + host + b"Authorization: Bearer limits-token\\r\\nContent-Length: %d\\r\\n\\r\\n" % (2 << 20) + b"en\\tru\\n" * (2 << 18)),
                "validJSONPastTheLimit": raw(b"POST /api/lookup HTTP/1.1\\r\\n" + host + b"Content-Length: %d\\r\\n\\r\\n" % len(many) + many),
            }))
            """)
        for (name, status, says) in [("hugeURL", 414, "longer than this server takes"), ("longURL", 414, "URL is longer"),
                                     ("garbage", 400, "not an HTTP/1.1 request"), ("bigBody", 413, "larger than"),
                                     ("bigImport", 413, "larger than the 1 MiB"), ("validJSONPastTheLimit", 400, "at most")] {
            let answer = answers[name] as? [String: Any]
            #expect(answer?["status"] as? Int == status, "\(name): \(answer ?? [:])")
            #expect(try error(answer)?.contains(says) == true, "\(name): \(answer ?? [:])")
        }
        #expect(String(describing: answers["hugeURL"]).contains("application/json"))
    }

    /// 200 connections that send half a request and wait hold nothing a full request needs:
    /// it is answered at once, and the idle ones are closed after --idle-timeout.
    @Test func halfSentRequestsNeitherBlockOthersNorStayOpen() throws {
        let outcome = try python("""
            held = []
            for i in range(200):
                s = connect()
                s.sendall(b"POST /api/lookup HTTP/1.1\\r\\nHost: localhost\\r\\nContent-Length: 100\\r\\n\\r\\n{\\"segm")
                held.append(s)
            for i in range(20):
                s = connect(); s.sendall(b"GET /api/lookup?q=Minsk HTTP/1.1\\r\\nHost: local"); held.append(s)
            start = time.time()
            answer = raw(b"GET /api/lookup?q=The+parties+discussed+regional+security. HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n")
            seconds = time.time() - start
            time.sleep(4)
            def closed_by_server(s):
                s.settimeout(1)
                try:
                    while s.recv(4096):
                        pass
                    return True
                except ConnectionResetError:
                    return True
                except OSError:
                    return False
            closed = sum(1 for s in held if closed_by_server(s))
            print(json.dumps({"answer": answer, "seconds": seconds, "closed": closed}))
            """)
        #expect((outcome["answer"] as? [String: Any])?["status"] as? Int == 200)
        #expect((outcome["seconds"] as? Double ?? 99) < 2)
        #expect(outcome["closed"] as? Int == 220)
    }
}
