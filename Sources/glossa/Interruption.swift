import Foundation
import GlossaMemory

/// Runs `body`, which writes `files` to move into place later; if Ctrl-C or a termination
/// signal ends the process meanwhile, they are removed first and `outcome` is said ("x.tmx was
/// not written"). A failed write leaves no file behind; an interrupted one must not either.
func removingOnInterruption<T>(_ files: [String], outcome: String, _ body: () throws -> T) throws -> T {
    let signals = [SIGINT, SIGTERM]
    // Handled on a queue: the main thread is inside SQLite or a write, and a signal handler
    // proper could make only async-signal-safe calls.
    let sources = signals.map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            for file in files { unlink(file) }
            Diagnostics.write("glossa: interrupted; \(outcome)")
            _exit(128 + number)  // the status of a process a signal ended
        }
        source.resume()
        return source
    }
    defer {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
    return try body()
}

/// Removes what earlier imports into `path` that were killed left behind, saying so.
func removeAbandonedFiles(for path: String) {
    let removed = TranslationMemory.removeAbandonedFiles(for: path)
    guard !removed.isEmpty else { return }
    Diagnostics.note("removed \(removed.count) files an import killed before it finished left behind (\(removed.joined(separator: ", ")))")
}

/// `TranslationMemory.create`, its temporary files removed if the process is interrupted.
func createTM(at path: String, deferSearchIndex: Bool = false, _ body: (UnitWriter) throws -> Void) throws -> ImportSummary {
    try removingOnInterruption(TranslationMemory.temporaryFiles(for: path), outcome: "\(path) was not created") {
        try TranslationMemory.create(at: path, deferSearchIndex: deferSearchIndex, body)
    }
}
