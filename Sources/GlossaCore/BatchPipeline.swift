import Foundation

/// Hands batches from the calling thread to a worker thread that consumes them in order,
/// through a bounded queue: two stages of a long import or export run on two cores, and
/// memory stays flat because the producer waits while the queue is full.
///
/// The consumer's first error stops consumption; `send` and `close` throw it. Whatever the
/// consumer touches belongs to the worker thread until `close` returns.
public final class BatchPipeline<Item>: @unchecked Sendable {
    private var consume: (([Item]) throws -> Void)?
    private let condition = NSCondition()
    private var queue: [[Item]] = []
    /// Batches consumed, handed back for the sender's thread to free: memory freed on the
    /// thread that allocated it does not contend for that thread's malloc arena.
    private var consumed: [[Item]] = []
    private let depth: Int
    private var closed = false
    private var finished = false
    private var failure: (any Error)?

    /// Starts the worker thread, named `name`, that passes each batch to `consume`.
    public init(name: String, depth: Int = 8, consume: @escaping ([Item]) throws -> Void) {
        self.consume = consume
        self.depth = depth
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Queues a batch, waiting while the queue is full; throws the consumer's error, if any.
    public func send(_ batch: [Item]) throws {
        condition.lock()
        while queue.count >= depth && failure == nil { condition.wait() }
        if let failure {
            condition.unlock()
            throw failure
        }
        queue.append(batch)
        var done: [[Item]] = []
        swap(&done, &consumed)
        condition.broadcast()
        condition.unlock()
        done.removeAll()  // freed here, outside the lock
    }

    /// Whether `send` would wait now: the worker is behind. A sender with work it could hand
    /// either way does it itself then, rather than wait.
    public var isFull: Bool {
        condition.lock()
        defer { condition.unlock() }
        return queue.count >= depth
    }

    /// Ends the stream and waits until the consumer has taken every batch; throws its error.
    public func close() throws {
        condition.lock()
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        var done: [[Item]] = []
        swap(&done, &consumed)
        let failure = self.failure
        condition.unlock()
        done.removeAll()  // on this thread: the worker may hold the pipeline a moment longer
        if let failure { throw failure }
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty {
                finished = true
                consume = nil  // what it captured is released on this thread, before close returns
                condition.broadcast()
                condition.unlock()
                return
            }
            var batch = queue.removeFirst()
            condition.broadcast()
            let failed = failure != nil
            condition.unlock()
            // After a failure, keep draining so the sender never blocks; consume nothing more.
            if failed { continue }
            do {
                try consume?(batch)
                condition.lock()
                consumed.append(batch)
                // Let go of it before the sender can take it: the sender's release is then the
                // last, and the items are freed on its thread (holding on past the unlock let
                // the worker's release come last now and then, under load).
                batch = []
                condition.unlock()
            } catch {
                condition.lock()
                failure = error
                condition.broadcast()
                condition.unlock()
            }
        }
    }
}
