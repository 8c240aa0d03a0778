import Foundation
import GlossaCore
import GlossaFormats
import GlossaLookup
import GlossaMemory
import GlossaTerminology
import GlossaText
import GlossaWorkflows
import Synchronization

/// The TM as the server reads it: a pool of read-only connections (SQLite in WAL mode lets
/// readers run side by side, and beside a writer; PostgreSQL serves each connection with a
/// process of its own), each answering one request at a time, so requests are answered in
/// parallel. A request waits only when every
/// connection is busy. Each query sees the TM as last committed: an import running beside the
/// server shows up once it commits. Lookups are refused (`MemoryError`) while an import with
/// `--defer-index` has left variants out of the search indexes, which they would silently miss.
final class LookupService: Sendable {
    /// The connections not in use, and the requests waiting for one. A lock, not an actor: a
    /// request that finds a free connection takes it without leaving its thread.
    private let pool: Mutex<(idle: [LookupWorker], waiting: [CheckedContinuation<LookupWorker, Never>])>
    /// How long one request's lookups may take, from when they are asked for.
    let budget: Duration

    /// Opens `size` connections to the TM at `location` (a file, a PostgreSQL primary or
    /// standby), which must have its search indexes; `glossary` answers term look-ups; lookups
    /// past `budget` are given up.
    init(location: String, glossary: Termbase?, size: Int, budget: Duration) throws {
        pool = Mutex((try (0..<max(1, size)).map { _ in try LookupWorker(location: location, glossary: glossary) }, []))
        self.budget = budget
    }

    /// The default pool size for the TM at `location`: a file's connections each keep a core
    /// busy, one per core; a database's spend most of a lookup waiting for its round trips to
    /// the server, four per core.
    static func defaultSize(for location: String) -> Int {
        ProcessInfo.processInfo.activeProcessorCount * (TMStores.isDatabase(location) ? 4 : 1)
    }

    /// Runs `body` with a connection of its own, waiting for one to be free. A file's
    /// connection works on the calling task's thread; a database's waits for its server at
    /// every round trip, so it runs on a thread of its own, leaving the concurrency pool's few
    /// threads (one per core) free for other requests; the task's cancellation reaches it
    /// through `RequestCancellation`.
    func run<T: Sendable>(_ body: @escaping @Sendable (LookupWorker) throws -> T) async throws -> T {
        let worker = await checkOut()
        defer { checkIn(worker) }
        guard let queue = worker.queue else { return try body(worker) }
        let cancellation = RequestCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.async {
                    continuation.resume(with: Result { try RequestCancellation.$current.withValue(cancellation) { try body(worker) } })
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    private func checkOut() async -> LookupWorker {
        if let worker = pool.withLock({ $0.idle.popLast() }) { return worker }
        return await withCheckedContinuation { continuation in
            // One may have come back meanwhile: take it rather than wait for the next.
            let free = pool.withLock { pool -> LookupWorker? in
                if let worker = pool.idle.popLast() { return worker }
                pool.waiting.append(continuation)
                return nil
            }
            if let free { continuation.resume(returning: free) }
        }
    }

    private func checkIn(_ worker: LookupWorker) {
        let waiter = pool.withLock { pool -> CheckedContinuation<LookupWorker, Never>? in
            if pool.waiting.isEmpty {
                pool.idle.append(worker)
                return nil
            }
            return pool.waiting.removeFirst()
        }
        waiter?.resume(returning: worker)
    }

    /// `LookupWorker.matches(for:from:to:policy:minimum:maximum:deadline:)` on a free
    /// connection, given up (`APIError.overBudget`) once `budget` has passed since the call.
    func matches(for segments: [Segment], from: LanguageTag, to: LanguageTag, policy: MatchPolicy,
                 minimum: Int, maximum: Int) async throws -> [[LookupMatch]] {
        let deadline = ContinuousClock.now + budget
        do {
            return try await run {
                try $0.matches(for: segments, from: from, to: to, policy: policy, minimum: minimum, maximum: maximum, deadline: deadline)
            }
        } catch is RequestOverBudget {
            throw APIError.overBudget(budget)
        }
    }

    /// `LookupWorker.fragments(for:from:to:)` on a free connection.
    func fragments(for text: String, from: LanguageTag, to: LanguageTag) async throws -> [Fragment] {
        try await run { try $0.fragments(for: text, from: from, to: to) }
    }

    /// `LookupWorker.concordance(_:from:to:page:pageSize:)` on a free connection.
    func concordance(_ query: ConcordanceQuery, from: LanguageTag, to: LanguageTag, page: Int, pageSize: Int) async throws -> [ConcordanceHit] {
        try await run { try $0.concordance(query, from: from, to: to, page: page, pageSize: pageSize) }
    }

    /// `LookupWorker.foundTerms(in:language:translationsIn:)` on a free connection.
    func foundTerms(in text: String, language: LanguageTag, translationsIn target: LanguageTag?) async throws -> [FoundTerm] {
        try await run { try $0.foundTerms(in: text, language: language, translationsIn: target) }
    }

    /// The unit `id`, on a free connection; nil when there is none.
    func unit(id: Int64) async throws -> TranslationUnit? {
        try await run { try $0.unit(id: id) }
    }

    /// Up to `limit` of the units that meet `conditions` and hold `text` (in `language`, or
    /// any), after skipping `skipping`, in id order, on a free connection: the reading stops
    /// once the page is full.
    func units(meeting conditions: [UnitCondition], holding text: String?, in language: LanguageTag?,
               skipping: Int, limit: Int) async throws -> [UnitDocument] {
        try await run { worker in
            // Compiled on the connection's thread: a compiled expression is not shared.
            let selection = UnitSelection(conditions: conditions, text: try text.map { try UnitSelection.pattern($0, isRegex: false) }, language: language)
            var page: [UnitDocument] = [], skipped = 0
            do {
                try TMMaintenance.list(worker.memory, selection) { id, unit in
                    if RequestCancellation.isCancelled { throw CancellationError() }
                    guard skipped == skipping else {
                        skipped += 1
                        return
                    }
                    page.append(UnitDocument(id: id, unit: unit))
                    if page.count == limit { throw PageFull() }
                }
            } catch is PageFull {}
            return page
        }
    }

    /// `LookupWorker.statistics()` on a free connection.
    func statistics() async throws -> TranslationMemory.Statistics {
        try await run { try $0.statistics() }
    }

    /// `UnitStore.state()` on a free connection.
    func state() async throws -> StoreState {
        try await run { try $0.memory.state() }
    }
}

/// A segment a request looks up, and where it stands in its document.
struct Segment: Sendable, Decodable {
    let text: String
    let context: SegmentContext

    init(_ text: String, context: SegmentContext = SegmentContext()) {
        self.text = text
        self.context = context
    }

    private enum Keys: String, CodingKey { case text, context, prev, next }

    /// A string, or `{"text", "context", "prev", "next"}`: the neighbours and key of a
    /// segment are what make a context (101) match.
    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(text)
            return
        }
        let fields = try decoder.container(keyedBy: Keys.self)
        self.init(try fields.decode(String.self, forKey: .text), context: SegmentContext(
            key: try fields.decodeIfPresent(String.self, forKey: .context), previous: try fields.decodeIfPresent(String.self, forKey: .prev),
            next: try fields.decodeIfPresent(String.self, forKey: .next)))
    }
}

/// One read-only connection to the TM and what it keeps between requests: lookups and
/// concordances per language pair, so requests reuse their statements, and the statistics.
/// Used by one task at a time: `LookupService` hands it out.
final class LookupWorker: @unchecked Sendable {
    let memory: any UnitStore
    /// The thread a database's connection works on (`LookupService.run`); nil for a file.
    let queue: DispatchQueue?
    private var lookups: [LanguagePairKey: TMLookup] = [:]
    private var concordances: [LanguagePairKey: Concordance] = [:]
    /// Nil when the server has no glossary.
    private let terms: TermChecker?
    /// The statistics, counted with a scan of every variant (seconds on a million-unit TM,
    /// and the search page asks on every load), and the `changeCount` they were counted at.
    private var counted: (changes: Int64, statistics: TranslationMemory.Statistics)?

    private struct LanguagePairKey: Hashable {
        let from: LanguageTag, to: LanguageTag
    }

    /// Opens the TM at `location`, which must have its search indexes; `glossary` answers term
    /// look-ups (a checker of its own: a checker is not shared between threads).
    init(location: String, glossary: Termbase?) throws {
        memory = try TMStores.open(location, access: .readOnly)
        queue = TMStores.isDatabase(location) ? DispatchQueue(label: "glossa.lookup-connection") : nil
        try memory.requireSearchIndex()
        terms = glossary.map { TermChecker(termbase: $0) }
    }

    /// `TMLookup.matches(for:context:policy:minimum:maximum:)` for each of `segments`, in
    /// order, given up at `deadline` (`RequestOverBudget`) or when the calling task is
    /// cancelled, as it is when the asker has gone (`CancellationError`).
    func matches(for segments: [Segment], from: LanguageTag, to: LanguageTag, policy: MatchPolicy, minimum: Int, maximum: Int,
                 deadline: ContinuousClock.Instant) throws -> [[LookupMatch]] {
        let lookup = try lookup(from: from, to: to)
        let interrupted = { RequestCancellation.isCancelled || ContinuousClock.now >= deadline }
        do {
            return try segments.map { segment in
                if interrupted() { throw LookupInterrupted() }
                return try lookup.matches(for: segment.text, context: segment.context, policy: policy, minimum: minimum, maximum: maximum,
                                          interrupted: interrupted)
            }
        } catch is LookupInterrupted {
            if RequestCancellation.isCancelled { throw CancellationError() }
            throw RequestOverBudget()
        }
    }

    /// `TMLookup.fragments(for:glossary:)`, with the server's glossary when it has one.
    func fragments(for text: String, from: LanguageTag, to: LanguageTag) throws -> [Fragment] {
        try lookup(from: from, to: to).fragments(for: text, glossary: terms)
    }

    /// This connection's lookup from `from` to `to`, made on first use.
    func lookup(from: LanguageTag, to: LanguageTag) throws -> TMLookup {
        try memory.requireSearchIndex()
        let key = LanguagePairKey(from: from, to: to)
        let lookup = try lookups[key] ?? TMLookup(memory: memory, from: from, to: to)
        lookups[key] = lookup
        return lookup
    }

    /// `Concordance.search(_:page:pageSize:)`.
    func concordance(_ query: ConcordanceQuery, from: LanguageTag, to: LanguageTag, page: Int, pageSize: Int) throws -> [ConcordanceHit] {
        try memory.requireSearchIndex()
        let key = LanguagePairKey(from: from, to: to)
        let concordance = try concordances[key] ?? Concordance(memory: memory, from: from, to: to)
        concordances[key] = concordance
        return try concordance.search(query, page: page, pageSize: pageSize)
    }

    /// `TermChecker.foundTerms(in:language:translationsIn:)`; `Unavailable` without a glossary.
    func foundTerms(in text: String, language: LanguageTag, translationsIn target: LanguageTag?) throws -> [FoundTerm] {
        guard let terms else { throw APIError.notFound("this server has no glossary: start glossa serve with --glossary FILE") }
        return try terms.foundTerms(in: text, language: language, translationsIn: target)
    }

    /// The unit `id`; nil when there is none.
    func unit(id: Int64) throws -> TranslationUnit? {
        try memory.unit(id: id)
    }

    /// Variants per language tag, and units: counted again only once the TM has been written to.
    func statistics() throws -> TranslationMemory.Statistics {
        let changes = try memory.changeCount()
        if let counted, counted.changes == changes { return counted.statistics }
        let statistics = try memory.statistics()
        counted = (changes, statistics)
        return statistics
    }
}

/// Whether the request a lookup works for was cancelled (its client went away), asked from
/// the thread the lookup runs on: the task's own flag where it runs on the task, else the one
/// `LookupService.run` binds.
final class RequestCancellation: Sendable {
    @TaskLocal static var current: RequestCancellation?
    private let flag = Atomic<Bool>(false)

    func cancel() {
        flag.store(true, ordering: .relaxed)
    }

    /// Whether the calling task, or the request bound to this thread, was cancelled.
    static var isCancelled: Bool {
        Task.isCancelled || current?.flag.load(ordering: .relaxed) == true
    }
}

/// What stops a listing once its page is full.
private struct PageFull: Error {}

/// A request that ran past the server's time budget (`LookupService` says which).
struct RequestOverBudget: Error {}
