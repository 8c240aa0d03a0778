import Foundation

/// Shell commands run once the test process has ended, however it ends (a crash, a failed
/// test's exit, kill -9): a detached shell polls for the process, then runs them. (`atexit`
/// alone does not run when the test runner exits early.)
enum AfterExit {
    /// Starts the shell that runs `command` after this process; through Python, whose child
    /// closes every descriptor but the standard three and leaves this process's session.
    static func run(_ command: String) throws {
        let watcher = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; " + command
        let script = "import subprocess, sys; subprocess.Popen(['/bin/sh', '-c', sys.argv[1]], stdin=subprocess.DEVNULL, "
            + "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True, start_new_session=True)"
        let result = try CommandRunner.run(executable: URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, watcher],
                                           in: URL(fileURLWithPath: "/"))
        guard result.status == 0 else { throw AfterExitFailure(message: "cannot start the watcher that cleans up after the tests: \(result.stderr)") }
    }

    /// `path` quoted for the shell.
    static func quoted(_ path: String) -> String {
        "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

struct AfterExitFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
