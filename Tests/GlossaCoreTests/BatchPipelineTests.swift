import Foundation
import Testing
@testable import GlossaCore

/// The two-thread hand-off under every import and export: order, errors, and which thread
/// frees what was sent.
@Suite struct BatchPipelineTests {
    /// Records the thread each instance is freed on.
    final class Tracked: @unchecked Sendable {
        static let lock = NSLock()
        nonisolated(unsafe) static var freedOn: [pthread_t] = []
        let value: Int
        init(_ value: Int) { self.value = value }
        deinit {
            Self.lock.lock()
            Self.freedOn.append(pthread_self())
            Self.lock.unlock()
        }
    }

    @Test func batchesArriveInOrderAndAreFreedOnTheSendersThread() throws {
        Tracked.lock.lock()
        Tracked.freedOn = []
        Tracked.lock.unlock()
        let sender = pthread_self()
        var seen: [Int] = []
        var consumerThread: pthread_t?
        do {
            let pipeline = BatchPipeline<Tracked>(name: "test.consumer", depth: 2) { batch in
                consumerThread = pthread_self()
                seen += batch.map(\.value)
            }
            for start in stride(from: 0, to: 1000, by: 10) {
                try pipeline.send((start..<start + 10).map(Tracked.init))
            }
            try pipeline.close()
        }
        #expect(seen == Array(0..<1000))
        #expect(consumerThread.map { pthread_equal($0, sender) == 0 } == true)
        Tracked.lock.lock()
        let freed = Tracked.freedOn
        Tracked.lock.unlock()
        #expect(freed.count == 1000)
        // Memory goes back on the thread that allocated it, not the consumer's.
        #expect(freed.allSatisfy { pthread_equal($0, sender) != 0 })
    }

    struct Failure: Error, Equatable {}

    @Test func theConsumersErrorStopsItAndComesOutOfSendOrClose() throws {
        var consumed = 0
        let pipeline = BatchPipeline<Int>(name: "test.failing", depth: 1) { batch in
            consumed += 1
            if batch == [3] { throw Failure() }
        }
        #expect(throws: Failure.self) {
            for value in 0..<100 { try pipeline.send([value]) }
            try pipeline.close()
        }
        #expect(throws: Failure.self) { try pipeline.close() }
        #expect(consumed == 4)  // nothing after the failing batch
    }
}
