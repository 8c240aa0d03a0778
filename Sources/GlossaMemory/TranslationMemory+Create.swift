import Foundation
import GlossaCore

extension TranslationMemory {
    /// Creates a new TM at `path` holding what `body` writes, all or nothing.
    ///
    /// The units are loaded into a temporary file beside `path` with SQLite's journal off
    /// (nothing there to protect: on any failure the file is deleted), indexes are built once
    /// at the end, the file is switched to WAL, and only then moved to `path`. A failed
    /// create leaves no file behind. Throws `MemoryError` when `path` exists already.
    /// `deferSearchIndex` is `write`'s.
    public static func create(
        at path: String, deferSearchIndex: Bool = false, _ body: (UnitWriter) throws -> Void
    ) throws -> ImportSummary {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw MemoryError(path: path, reason: .sqlite("a file is already there"))
        }
        try prepareFolder(for: path)
        let files = temporaryFiles(for: path), temporary = files[0]
        let cleanUp = { for file in files { try? FileManager.default.removeItem(atPath: file) } }
        cleanUp()
        defer { cleanUp() }
        let summary: ImportSummary
        do {
            let memory = try TranslationMemory(path: temporary, access: .create)
            try memory.connection.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
            summary = try memory.write(deferSearchIndex: deferSearchIndex, body)
            try memory.connection.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
        }  // the TM closes here, before its file moves
        do {
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            throw MemoryError(path: path, reason: .unwritable("cannot move the new TM into place: \(error.localizedDescription)"))
        }
        return summary
    }

    /// The files `create(at:)` builds a new TM in before moving it to `path`, this process's
    /// own: the database and SQLite's journals beside it. What a front end removes when the
    /// process is interrupted, since `create` cannot clean up after a signal.
    public static func temporaryFiles(for path: String) -> [String] {
        let temporary = path + ".glossa-new-\(getpid())"
        return ["", "-wal", "-shm", "-journal"].map { temporary + $0 }
    }

    /// Removes the files a `create(at:)` for `path` left behind in a process that no longer
    /// runs (killed with SIGKILL, or by a power cut, before it could clean up: a million-unit
    /// import leaves hundreds of megabytes) and returns their paths. Those of a running
    /// process, this one included, are its work in progress and are left alone.
    public static func removeAbandonedFiles(for path: String) -> [String] {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = url.lastPathComponent + ".glossa-new-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix(while: \.isNumber)), !isRunning(pid) else { continue }
            let file = (folder as NSString).appendingPathComponent(name)
            if (try? FileManager.default.removeItem(atPath: file)) != nil { removed.append(file) }
        }
        return removed
    }

    /// Whether a process `pid` runs (signal 0 checks without sending; EPERM: it runs as
    /// another user).
    private static func isRunning(_ pid: Int32) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
    }
}
