import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GlossaCore
import GlossaFormats
import GlossaLookup
import GlossaMemory
import GlossaPostgres
import GlossaTestSupport
import GlossaText
import GlossaWorkflows
import Synchronization

/// `glossa serve` under load, through the real binary built beside this one, driven by wrk
/// (Debian's): a TM of N units built as the lookup benchmark builds it, fuzzy lookups of its
/// sentences with one word changed, at C connections, alone and while imports of N more units
/// run through the API one after another. Beside them, the rate of the same lookups in this
/// process on one thread: what the server's pool must beat on two cores. With a PostgreSQL
/// server, the same TM copied into a database, and the same lookups against one server on it,
/// then against two servers on it, wrk's connections split between them.
struct ServeBenchmark {
    let units: Int
    let queries: Int
    let connections: Int
    let seconds: Int
    /// A PostgreSQL server (a database's URL on it) where the TM is copied and served too.
    let postgres: String?

    static let token = "bench-token"

    func run() throws {
        let glossa = try glossaBesideBench()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glossa-bench-serve-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tm.sqlite").path

        let corpus = try LookupCorpus()
        let sentences = try corpus.createTM(at: path, units: units, queries: queries).queries
        var generator = SeededRandom(seed: 3)
        let changed = corpus.oneWordChanged(sentences, using: &generator)

        // The same lookups in this process, one after another on one thread.
        let lookup = try TMLookup(memory: SearchableMemory.open(path), from: "en", to: "ru")
        for query in changed.prefix(50) { _ = try lookup.matches(for: query, minimum: 75, maximum: 5) }  // warm the page cache
        var inProcess = try latencies(of: changed) { _ = try lookup.matches(for: $0, minimum: 75, maximum: 5) }
        let inProcessRate = Double(changed.count) / (try time { for query in changed { _ = try lookup.matches(for: query, minimum: 75, maximum: 5) } })
        inProcess.merge(["benchmark": "serve.lookup.in-process", "units": units, "threads": 1, "lookups_per_second": inProcessRate]) { $1 }
        report(inProcess)
        // The floor the pool can reach: the same lookups on every core at once, a connection each,
        // no HTTP. On a machine whose cores share caches or a physical core, this is below 2×.
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let parallelRate = Double(threads * changed.count) / (try inParallel(threads: threads, path: path, queries: changed))
        report(["benchmark": "serve.lookup.in-process-parallel", "units": units, "threads": threads,
                "lookups_per_second": parallelRate, "over_one_thread": parallelRate / inProcessRate])

        let imports = try (0..<2).map { try writeImport(corpus, seed: 7 + UInt64($0), to: folder.appendingPathComponent("import-\($0).tmx")) }
        let tokenFile = folder.appendingPathComponent("token")
        try Data(Self.token.utf8).write(to: tokenFile)
        let server = try ServerProcess(["--tm", path, "--no-access-log", "--token-file", tokenFile.path], in: folder, executable: glossa)
        defer { _ = server.stop() }
        let script = try wrkScript(lookups: changed, in: folder)

        var alone = try wrk(server, script: script)
        alone.merge(["benchmark": "serve.lookup.wrk", "units": units, "in_process_ratio": (alone["requests_per_second"] as? Double ?? 0) / inProcessRate]) { $1 }
        report(alone)

        // The HTTP floor: the cheapest route (/healthz), wrk and the server sharing the cores as
        // they do for lookups. With the parallel lookups' CPU time added to it, the most requests
        // per second these cores could answer if the server spent nothing else.
        var floor = try wrk(server, script: try wrkScript(paths: ["/healthz"], named: "healthz", in: folder))
        let httpRate = floor["requests_per_second"] as? Double ?? 0
        floor.merge(["benchmark": "serve.healthz.wrk"]) { $1 }
        report(floor)
        let ceiling = 1 / (1 / parallelRate + 1 / max(httpRate, 1))
        report(["benchmark": "serve.lookup.ceiling", "requests_per_second": ceiling, "in_process_ratio": ceiling / inProcessRate,
                "server_share_of_ceiling": (alone["requests_per_second"] as? Double ?? 0) / ceiling])

        // Imports one after another, alternating two files, for as long as wrk runs.
        let importer = Importer(server: server, files: imports)
        let thread = Thread { importer.loop() }
        thread.start()
        while !importer.hasStarted { usleep(10_000) }
        var beside = try wrk(server, script: script)
        let done = importer.stop()
        beside.merge(["benchmark": "serve.lookup.wrk-beside-import", "units": units, "imports_finished": done.finished,
                      "units_imported": done.added, "import_seconds": done.seconds]) { $1 }
        report(beside)
        _ = server.stop()
        if let postgres { try servePostgres(postgres, copying: path, script: script, glossa: glossa, in: folder) }
    }

    /// The TM at `path` copied into a database made for the run on `postgres`, then wrk against
    /// one server on it and against two (each with half the connections, at once).
    private func servePostgres(_ postgres: String, copying path: String, script: URL, glossa: URL, in folder: URL) throws {
        let name = "glossa_bench_serve_\(getpid())"
        let database = try PostgresDatabases.create(name, through: postgres)
        defer { try? PostgresDatabases.drop(name, through: postgres) }
        _ = try CopyWorkflow(from: path, to: database).run()
        let servers = try (0..<2).map { _ in try ServerProcess(["--tm", database, "--no-access-log"], in: folder, executable: glossa) }
        defer { for server in servers { _ = server.stop() } }
        var one = try wrk(servers[0], script: script)
        one.merge(["benchmark": "serve.postgres.lookup.wrk", "units": units, "servers": 1]) { $1 }
        report(one)
        // Each wrk's figures as numbers, in the order of `keys`.
        let keys = ["requests", "requests_per_second", "p50_ms", "p99_ms", "max_ms", "errors"]
        let halves = Mutex<[[Double]]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: servers.count) { index in
            do {
                let figures = try wrk(servers[index], script: script, connections: connections / servers.count)
                let numbers = keys.map { (figures[$0] as? Double) ?? Double((figures[$0] as? Int) ?? 0) }
                halves.withLock { $0.append(numbers) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        if let failure = failures.withLock({ $0.first }) { throw InputError(failure) }
        let figures = halves.withLock { $0 }
        func total(_ key: String) -> Double { figures.reduce(0) { $0 + $1[keys.firstIndex(of: key)!] } }
        func most(_ key: String) -> Double { figures.map { $0[keys.firstIndex(of: key)!] }.max() ?? 0 }
        report(["benchmark": "serve.postgres.lookup.wrk-two-servers", "units": units, "servers": servers.count, "connections": connections,
                "requests": Int(total("requests")), "requests_per_second": total("requests_per_second"),
                "p50_ms": most("p50_ms"), "p99_ms": most("p99_ms"), "max_ms": most("max_ms"), "errors": Int(total("errors"))])
    }

    /// Seconds `threads` threads take to run every one of `queries`, each on a connection it
    /// opens (a TMLookup belongs to one thread; opening takes a millisecond).
    private func inParallel(threads: Int, path: String, queries: [String]) throws -> Double {
        let failures = Mutex<[String]>([])
        let seconds = time {
            let group = DispatchGroup()
            for _ in 0..<threads {
                group.enter()
                Thread {
                    defer { group.leave() }
                    do {
                        let lookup = try TMLookup(memory: SearchableMemory.open(path), from: "en", to: "ru")
                        for query in queries { _ = try lookup.matches(for: query, minimum: 75, maximum: 5) }
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }.start()
            }
            group.wait()
        }
        if let failure = failures.withLock({ $0.first }) { throw InputError("a lookup thread failed: \(failure)") }
        return seconds
    }

    /// A TMX file of `units` en-ru units built from the corpus with `seed`, for the API import.
    private func writeImport(_ corpus: LookupCorpus, seed: UInt64, to url: URL) throws -> URL {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let writer = TMXWriter(output: handle, options: .init(sourceLanguage: "en"))
        try writer.writeHeader()
        var generator = SeededRandom(seed: seed)
        for _ in 0..<units {
            let (en, ru) = LookupCorpus.unit(from: corpus.stored, using: &generator)
            _ = try writer.write(TranslationUnit(variants: [Variant(language: "en", text: en), Variant(language: "ru", text: ru)]))
        }
        try writer.finish()
        return url
    }

    /// A wrk script asking the lookups in turn, each thread from its own place in the list, and
    /// writing its summary as one JSON line.
    private func wrkScript(lookups: [String], in folder: URL) throws -> URL {
        try wrkScript(paths: lookups.map { "/api/lookup?min=75&q=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") },
                      named: "lookups", in: folder)
    }

    /// A wrk script asking `paths` in turn, as `wrkScript(lookups:in:)` describes.
    private func wrkScript(paths: [String], named name: String, in folder: URL) throws -> URL {
        let list = folder.appendingPathComponent("\(name).txt")
        try paths.joined(separator: "\n").write(to: list, atomically: true, encoding: .utf8)
        let script = folder.appendingPathComponent("\(name).lua")
        try """
            local paths = {}
            for line in io.lines("\(list.path)") do paths[#paths + 1] = line end
            local next = math.random(#paths)
            request = function()
              next = next % #paths + 1
              return wrk.format("GET", paths[next])
            end
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format('{"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,' ..
                '"errors_connect":%d,"errors_read":%d,"errors_write":%d,"errors_status":%d,"errors_timeout":%d}\\n',
                summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
                e.connect, e.read, e.write, e.status, e.timeout))
            end
            """.write(to: script, atomically: true, encoding: .utf8)
        return script
    }

    /// wrk's figures for `seconds` at `connections` connections (by default the benchmark's)
    /// on two threads.
    private func wrk(_ server: ServerProcess, script: URL, connections: Int? = nil) throws -> [String: Any] {
        let connections = connections ?? self.connections
        let result = try CommandRunner.run(executable: URL(fileURLWithPath: "/usr/bin/env"), [
            "wrk", "-t2", "-c\(connections)", "-d\(seconds)s", "--timeout", "5s", "-s", script.path, server.baseURL.absoluteString,
        ])
        guard result.status == 0, let line = result.stdout.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let figures = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Int] else {
            throw InputError("wrk failed (is Debian's wrk installed?): \(result.stderr)\(result.stdout)")
        }
        let errors = ["connect", "read", "write", "status", "timeout"].reduce(0) { $0 + (figures["errors_" + $1] ?? 0) }
        let duration = Double(figures["duration_us"] ?? 1) / 1e6
        return ["connections": connections, "seconds": duration, "requests": figures["requests"] ?? 0,
                "requests_per_second": Double(figures["requests"] ?? 0) / duration,
                "p50_ms": Double(figures["p50_us"] ?? 0) / 1000, "p99_ms": Double(figures["p99_us"] ?? 0) / 1000,
                "max_ms": Double(figures["max_us"] ?? 0) / 1000, "errors": errors, "non_2xx": figures["errors_status"] ?? 0]
    }
}

/// Imports through `POST /api/import`, one after another, until stopped.
private final class Importer: @unchecked Sendable {
    let server: ServerProcess
    let files: [URL]
    private let lock = NSLock()
    private var stopping = false
    private(set) var hasStarted = false
    private var imported = 0, added = 0, seconds: [Double] = []

    init(server: ServerProcess, files: [URL]) {
        self.server = server
        self.files = files
    }

    func loop() {
        var index = 0
        while !lock.withLock({ stopping }) {
            let start = DispatchTime.now().uptimeNanoseconds
            guard let location = submit(files[index % files.count]) else { return }
            lock.withLock { hasStarted = true }
            guard let job = finished(location) else { return }
            lock.withLock {
                imported += 1
                added += (job["report"] as? [String: Any])?["added"] as? Int ?? 0
                seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            index += 1
        }
    }

    /// Stops after the import running; what was imported meanwhile.
    func stop() -> (finished: Int, added: Int, seconds: Double) {
        lock.withLock {
            stopping = true
            return (imported, added, seconds.isEmpty ? 0 : median(seconds))
        }
    }

    private func submit(_ file: URL) -> String? {
        var request = URLRequest(url: URL(string: "api/import?format=tmx", relativeTo: server.baseURL)!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(ServeBenchmark.token)", forHTTPHeaderField: "Authorization")
        guard let (_, response) = try? synchronous({ URLSession.shared.uploadTask(with: request, fromFile: file, completionHandler: $0) }) else { return nil }
        return (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Location")
    }

    private func finished(_ location: String) -> [String: Any]? {
        while true {
            let url = URL(string: String(location.dropFirst()), relativeTo: server.baseURL)!
            guard let (data, _) = try? synchronous({ URLSession.shared.dataTask(with: url, completionHandler: $0) }),
                  let job = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
            if job["state"] as? String == "succeeded" || job["state"] as? String == "failed" { return job }
            usleep(100_000)
        }
    }

    /// The data and response of a URLSession task, waited for.
    private func synchronous(_ task: (@escaping @Sendable (Data?, URLResponse?, (any Error)?) -> Void) -> URLSessionTask) throws -> (Data, URLResponse?) {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: (Data?, URLResponse?, (any Error)?) = (nil, nil, nil)
        task { data, response, error in
            outcome = (data, response, error)
            done.signal()
        }.resume()
        done.wait()
        if let error = outcome.2 { throw error }
        return (outcome.0 ?? Data(), outcome.1)
    }
}
