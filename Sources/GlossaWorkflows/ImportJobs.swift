import Foundation
import GlossaCore
import Synchronization

/// Imports a server runs for its clients, as jobs: a client hands over a file and gets a job id
/// at once, then asks after the job's progress and, once it is done, its report or its error.
/// A platform's request for a large upload would time out waiting for the import; a job does
/// not. Jobs run one at a time, queued with the TM's other writes (`MemoryWrites`); the last
/// `kept` finished ones are remembered.
public actor ImportJobs {
    /// One import, as a client sees it.
    public struct Job: Encodable, Sendable {
        public let id: String
        public var state: State
        /// The name the client gave the file, which errors name too.
        public let file: String
        /// Units read so far.
        public var read: Int
        public let submitted: String
        @NullWhenAbsent public var started: String?
        @NullWhenAbsent public var finished: String?
        /// What the import did, once it has succeeded.
        @NullWhenAbsent public var report: ImportWorkflow.Report?
        /// Why it failed: the import changed nothing.
        @NullWhenAbsent public var error: String?
    }

    /// Where a job is.
    public enum State: String, Encodable, Sendable {
        case queued, running, succeeded, failed
    }

    private let writes: MemoryWrites
    private let kept: Int
    private var jobs: [String: Job] = [:]
    private var finishedOrder: [String] = []
    private var progress: [String: Counter] = [:]
    private var tasks: [String: Task<Void, Never>] = [:]

    /// Jobs importing into the TM `writes` writes to, remembering the last `kept` finished.
    public init(writes: MemoryWrites, kept: Int = 200) {
        self.writes = writes
        self.kept = kept
    }

    /// Queues the import of `spooled`, a file the job removes when done, which the client
    /// named `name`; `workflow` says how to read it (its `files` are set here).
    public func submit(spooled: String, name: String, workflow: ImportWorkflow) -> Job {
        let id = UUID().uuidString.lowercased()
        let counter = Counter()
        let job = Job(id: id, state: .queued, file: name, read: 0, submitted: Timestamp.format(Date()))
        jobs[id] = job
        progress[id] = counter
        var workflow = workflow
        workflow.files = [spooled]
        let importing = workflow
        let writes = writes
        tasks[id] = Task {
            let outcome: Result<ImportWorkflow.Report, JobFailure>
            do {
                var report = try await writes.serialized {
                    Task { await self.started(id) }
                    return try importing.run(into: writes.location) { read in counter.value.withLock { $0 = read } }
                }
                report.warnings = report.warnings.map { $0.replacingOccurrences(of: spooled, with: name) }
                report.skipped = report.skipped.map { .init(file: name, index: $0.index, line: $0.line, reason: $0.reason) }
                outcome = .success(report)
            } catch {
                outcome = .failure(Self.describe(error, file: spooled, as: name))
            }
            try? FileManager.default.removeItem(atPath: spooled)
            self.finished(id, outcome)
        }
        return job
    }

    /// The job `id` as it stands; nil for one this server does not know (or no longer remembers).
    public func job(_ id: String) -> Job? {
        guard var job = jobs[id] else { return nil }
        if job.state == .running, let counter = progress[id] { job.read = counter.value.withLock { $0 } }
        return job
    }

    /// Waits for every job submitted so far to finish: a server stopping drains them.
    public func finishAll() async {
        while let (_, task) = tasks.first {
            await task.value
        }
    }

    private func started(_ id: String) {
        guard jobs[id]?.state == .queued else { return }
        jobs[id]?.state = .running
        jobs[id]?.started = Timestamp.format(Date())
    }

    private func finished(_ id: String, _ outcome: Result<ImportWorkflow.Report, JobFailure>) {
        guard var job = jobs[id] else { return }
        if job.started == nil { job.started = Timestamp.format(Date()) }
        job.finished = Timestamp.format(Date())
        switch outcome {
        case .success(let report):
            job.state = .succeeded
            job.report = report
            job.read = report.read
        case .failure(let failure):
            job.state = .failed
            job.error = failure.message
            job.read = progress[id]?.value.withLock { $0 } ?? job.read
        }
        jobs[id] = job
        progress[id] = nil
        tasks[id] = nil
        finishedOrder.append(id)
        if finishedOrder.count > kept { jobs[finishedOrder.removeFirst()] = nil }
    }

    /// An import's error as its one line, naming the file as the client did, not the spooled copy.
    private static func describe(_ error: any Error, file spooled: String, as name: String) -> JobFailure {
        if var input = error as? InputError, input.file == spooled {
            input.file = name
            return JobFailure(message: input.description)
        }
        return JobFailure(message: "\(error)".replacingOccurrences(of: spooled, with: name))
    }

    /// Why a job failed, as its one line.
    struct JobFailure: Error {
        let message: String
    }

    /// Units a running job has read, written by the import's thread.
    private final class Counter: Sendable {
        let value = Mutex(0)
    }
}
