import Foundation
import GlossaTestSupport

/// Headless Chromium for the search page's tests: a page's DOM once its scripts have run, or
/// a translator's steps on it, driven over the DevTools protocol on a pipe (no WebSocket
/// library needed: Python's standard library talks to it).
enum Browser {
    /// The browser on PATH.
    static func executable() throws -> String {
        let names = ["chromium", "chromium-browser", "google-chrome"]
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        guard let executable = names.lazy.flatMap({ name in folders.map { "\($0)/\(name)" } })
            .first(where: FileManager.default.isExecutableFile(atPath:))
        else { throw BrowserMissing() }
        return executable
    }

    /// The page at `url` as the browser's DOM holds it once its scripts have run.
    static func dumpDOM(_ url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable())
        let profile = try Fixtures.temporaryDirectory()
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=\(profile.path)",
                             "--virtual-time-budget=10000", "--dump-dom", url.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: dom, as: UTF8.self)
    }

    /// One step of a visit: the page to open, and the body of an async JavaScript function run
    /// on it once it has loaded, whose string result the step returns.
    struct Step: Encodable {
        let url: String
        let script: String
    }

    /// Opens each step's page in turn in one browser (so local storage carries over) and runs
    /// its script; the scripts' results, in order.
    static func visit(_ steps: [Step]) throws -> [String] {
        let profile = try Fixtures.temporaryDirectory()
        let plan = String(decoding: try JSONEncoder().encode(steps), as: UTF8.self)
        let result = try CommandRunner.run(executable: URL(fileURLWithPath: "/usr/bin/env"),
                                           ["python3", "-c", driver, try executable(), profile.path, plan])
        guard result.status == 0, let answers = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String] else {
            throw BrowserFailure(description: "the browser's steps failed: \(result.stderr)\(result.stdout)")
        }
        return answers
    }

    /// Chromium with --remote-debugging-pipe reads the protocol's JSON messages, each ended by
    /// a NUL byte, on its file descriptor 3 and writes its own on 4.
    private static let driver = #"""
        import json, os, subprocess, sys, time
        chromium, profile, plan = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
        to_browser, browser_in = os.pipe()
        browser_out, from_browser = os.pipe()
        def descriptors():
            # Copied out of the way first: a pipe may already be 3 or 4, and dup2 onto itself
            # would leave it closed on exec.
            reading, writing = os.dup(to_browser), os.dup(from_browser)
            os.dup2(reading, 3)
            os.dup2(writing, 4)
        browser = subprocess.Popen([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                    "--remote-debugging-pipe", "--user-data-dir=" + profile, "about:blank"],
                                   preexec_fn=descriptors, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser); os.close(from_browser)
        pending, counter = b"", 0
        def send(method, params=None, session=None):
            global pending, counter
            counter += 1
            message = {"id": counter, "method": method, "params": params or {}}
            if session: message["sessionId"] = session
            os.write(browser_in, json.dumps(message).encode() + b"\0")
            while True:
                while b"\0" in pending:
                    raw, _, pending = pending.partition(b"\0")
                    answer = json.loads(raw)
                    if answer.get("id") == counter:
                        if "error" in answer: raise SystemExit(method + ": " + json.dumps(answer["error"]))
                        return answer["result"]
                chunk = os.read(browser_out, 1 << 20)
                if not chunk: raise SystemExit("the browser closed its pipe")
                pending += chunk
        def evaluate(expression, session):
            result = send("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True}, session)
            if "exceptionDetails" in result: raise SystemExit("script: " + json.dumps(result["exceptionDetails"])[:2000])
            return result["result"].get("value")
        target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        answers = []
        for step in plan:
            send("Page.navigate", {"url": step["url"]}, session)
            deadline = time.time() + 20
            while evaluate("location.href + ' ' + document.readyState", session) != step["url"] + " complete":
                if time.time() > deadline: raise SystemExit("the page did not load: " + step["url"])
                time.sleep(0.05)
            answers.append(evaluate("(async () => {\n" + step["script"] + "\n})()", session))
        send("Browser.close")
        browser.wait(timeout=20)
        print(json.dumps(answers))
        """#

    struct BrowserMissing: Error, CustomStringConvertible {
        var description: String { "no chromium on PATH: install it (apt-get install chromium; .ci/run does)" }
    }

    struct BrowserFailure: Error, CustomStringConvertible {
        let description: String
    }
}
