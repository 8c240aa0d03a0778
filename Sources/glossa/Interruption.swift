import Foundation
import GlossaMemory

/// `TranslationMemory.create`, made safe to interrupt: if Ctrl-C or a termination signal ends
/// the process meanwhile, the half-built file is removed first. A failed create leaves no file
/// behind, and an interrupted one must not leave gigabytes of it.
func createTM(at path: String, deferSearchIndex: Bool = false, _ body: (UnitWriter) throws -> Void) throws -> ImportSummary {
    let files = TranslationMemory.temporaryFiles(for: path)
    let signals = [SIGINT, SIGTERM]
    // Handled on a queue: the main thread is inside SQLite, and a signal handler proper could
    // make only async-signal-safe calls.
    let sources = signals.map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            for file in files { unlink(file) }
            Diagnostics.write("glossa: interrupted; \(path) was not created")
            _exit(128 + number)  // the status of a process a signal ended
        }
        source.resume()
        return source
    }
    defer {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
    return try TranslationMemory.create(at: path, deferSearchIndex: deferSearchIndex, body)
}
