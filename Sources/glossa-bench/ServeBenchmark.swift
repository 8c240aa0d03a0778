import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GlossaCore
import GlossaLookup
import GlossaMemory
import GlossaTestSupport
import GlossaText

/// `glossa serve` under load, through the real binary built beside this one: a TM of N
/// units built as the lookup benchmark builds it, the server on a free port, and over HTTP
/// fuzzy lookups (TM sentences with one word changed) and concordance searches. Figures: one
/// client's latency (the whole round trip through URLSession, JSON included) beside the same
/// lookups in this process and beside fetching the search page (what HTTP and the client cost
/// alone), and the requests per second C clients get at once.
struct ServeBenchmark {
    let units: Int
    let requests: Int
    let clients: Int

    func run() throws {
        let glossa = try glossaBesideBench()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glossa-bench-serve-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tm.sqlite").path

        let corpus = try LookupCorpus()
        let sentences = try corpus.createTM(at: path, units: units, queries: requests).queries
        var generator = SeededRandom(seed: 3)
        let changed = corpus.oneWordChanged(sentences, using: &generator)
        let phrases = changed.map { "\"" + $0.split(separator: " ").prefix(2).joined(separator: " ") + "\"" }

        let lookup = try TMLookup(memory: TranslationMemory(path: path, access: .readOnly), from: "en", to: "ru")
        var inProcess = try latencies(of: changed) { _ = try lookup.matches(for: $0, minimum: 75, maximum: 5) }
        inProcess.merge(["benchmark": "serve.lookup.in-process", "units": units]) { $1 }
        report(inProcess)

        let server = try ServerProcess(["--tm", path], in: folder, executable: glossa)
        defer { _ = server.stop() }
        // What HTTP and the client cost by themselves: the search page, served from memory.
        var baseline = try latencies(of: changed.map { _ in server.baseURL }) { _ = try Self.get($0) }
        baseline.merge(["benchmark": "serve.page", "units": units, "clients": 1]) { $1 }
        report(baseline)
        let lookups = changed.map { url(server, "api/lookup", ["q": $0, "min": "75"]) }
        var single = try latencies(of: lookups) { _ = try Self.get($0) }
        single.merge(["benchmark": "serve.lookup", "units": units, "clients": 1]) { $1 }
        report(single)
        var concordance = try latencies(of: phrases.map { url(server, "api/concordance", ["q": $0]) }) { _ = try Self.get($0) }
        concordance.merge(["benchmark": "serve.concordance", "units": units, "clients": 1]) { $1 }
        report(concordance)

        // Each client asks its share of the lookups one after another, all clients at once.
        let failures = Failures()
        let seconds = time {
            DispatchQueue.concurrentPerform(iterations: clients) { client in
                for index in stride(from: client, to: lookups.count, by: clients) {
                    do { _ = try Self.get(lookups[index]) } catch { failures.add(error) }
                }
            }
        }
        if let error = failures.first { throw error }
        report(["benchmark": "serve.lookup.concurrent", "units": units, "clients": clients, "requests": lookups.count,
                "seconds": seconds, "requests_per_second": Double(lookups.count) / seconds])
    }

    /// `path` on the server with `parameters` in its query, every character of theirs but
    /// letters and digits escaped ("+" would be a space, "&" the next parameter).
    private func url(_ server: ServerProcess, _ path: String, _ parameters: [String: String]) -> URL {
        let query = parameters.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        return URL(string: path + "?" + query.joined(separator: "&"), relativeTo: server.baseURL)!
    }

    /// The body of a GET that must answer 200.
    private static func get(_ url: URL) throws -> Data {
        let answer = Answer()
        URLSession.shared.dataTask(with: url) { data, response, error in
            answer.result = if let error { .failure(error) } else if (response as? HTTPURLResponse)?.statusCode == 200 {
                .success(data ?? Data())
            } else {
                .failure(InputError("\(url) answered \((response as? HTTPURLResponse)?.statusCode ?? 0)"))
            }
            answer.done.signal()
        }.resume()
        answer.done.wait()
        return try answer.result.get()
    }

    /// A request's outcome: set before `done` is signalled, read after it is waited for.
    private final class Answer: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var result: Result<Data, any Error> = .success(Data())
    }

    /// Errors the concurrent clients met.
    private final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var errors: [any Error] = []

        func add(_ error: any Error) {
            lock.lock()
            errors.append(error)
            lock.unlock()
        }

        var first: (any Error)? {
            lock.lock()
            defer { lock.unlock() }
            return errors.first
        }
    }
}
