import Foundation

/// Runs the built `glossa` executable as a user would: a real process, real files, exit code,
/// standard output and standard error apart.
public struct CommandResult: Sendable {
    /// The exit code.
    public let status: Int32
    /// What the command printed on standard output.
    public let stdout: String
    /// What the command printed on standard error.
    public var stderr: String
}

public enum CommandRunner {
    /// The `glossa` binary built beside the test bundle.
    public static let glossa: URL = {
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundleFolder.appendingPathComponent("glossa"),
                          bundleFolder.deletingLastPathComponent().appendingPathComponent("glossa"),
                          Fixtures.repositoryRoot.appendingPathComponent(".build/debug/glossa")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }()

    /// Runs `glossa arguments…` in `folder` with `environment` added (NO_COLOR is always set
    /// and GLOSSA_TM removed unless given) and `input` on standard input.
    public static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:],
                           input: String = "") throws -> CommandResult {
        var env = ProcessInfo.processInfo.environment
        env["GLOSSA_TM"] = nil
        env["NO_COLOR"] = "1"
        env.merge(environment) { $1 }
        return try run(executable: glossa, arguments, in: folder, environment: env, input: input)
    }

    /// Runs any program (`python3` through `/usr/bin/env`, GNU `time`, `script`) with
    /// `arguments` in `folder` (nil: the current one), with `environment` when given (else this
    /// process's), `input` on standard input.
    public static func run(executable: URL, _ arguments: [String], in folder: URL? = nil, environment: [String: String]? = nil,
                           input: String = "") throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        if let environment { process.environment = environment }
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        let errData = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension CommandRunner {
    /// Runs a Python 3 `script` with `arguments` (what another implementation, such as
    /// translate-toolkit, makes of Glossa's files).
    public static func python(_ script: String, arguments: [String]) throws -> CommandResult {
        try run(executable: URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script] + arguments)
    }
}

/// A temporary folder to run `glossa` in, with the files a test writes there.
public struct Workspace: Sendable {
    /// The folder.
    public let folder: URL

    /// A new empty folder.
    public init() throws {
        folder = try Fixtures.temporaryDirectory()
    }

    /// Runs `glossa arguments…` in the folder.
    public func glossa(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.run(arguments, in: folder)
    }

    /// Writes `text` to the file `name` in the folder.
    public func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    /// Runs `glossa arguments…` under GNU time: what it printed (time's own line taken off
    /// standard error), its peak resident memory in kilobytes, and its wall-clock seconds.
    public func measured(_ arguments: [String]) throws -> (result: CommandResult, kilobytes: Int, seconds: Double) {
        let started = Date()
        var result = try CommandRunner.run(executable: URL(fileURLWithPath: "/usr/bin/time"),
                                           ["-f", "%M"] + [CommandRunner.glossa.path] + arguments, in: folder)
        let seconds = Date().timeIntervalSince(started)
        var lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        while lines.last == "" { lines.removeLast() }
        let kilobytes = lines.popLast().flatMap { Int($0) } ?? .max
        // GNU time says so when the command failed; that line is not the command's.
        if lines.last?.hasPrefix("Command exited with non-zero status") == true { lines.removeLast() }
        result.stderr = lines.map { $0 + "\n" }.joined()
        return (result, kilobytes, seconds)
    }
}

/// A `glossa serve` running in the background for a test, on a port the system chose: started
/// as a user would start it, asked over real HTTP, stopped with SIGTERM.
public final class ServerProcess: @unchecked Sendable {
    /// Where it listens, as it said on standard output ("http://127.0.0.1:PORT/").
    public let baseURL: URL
    private let process: Process
    private let errors: Pipe

    /// Starts `glossa serve --port 0 arguments…` in `folder` (the `glossa` at `executable`,
    /// with `environment` added to this process's) and waits until it says where it listens;
    /// throws, with what it wrote on standard error, if it ends first.
    public init(_ arguments: [String], in folder: URL, environment extra: [String: String] = [:],
                executable: URL = CommandRunner.glossa) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["GLOSSA_TM"] = nil
        environment["NO_COLOR"] = "1"
        environment["GLOSSA_TOKEN"] = nil
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let output = Pipe()
        errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        var said = Data()
        while !said.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // it ended
            said.append(chunk)
        }
        let line = String(decoding: said, as: UTF8.self)
        guard let start = line.range(of: "http://"), let url = URL(string: String(line[start.lowerBound...].prefix { !$0.isWhitespace })) else {
            process.waitUntilExit()
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw ServerStartFailure(status: process.terminationStatus, stderr: stderr)
        }
        baseURL = url
    }

    /// Sends SIGTERM and waits for the server to end: its exit status and standard error.
    public func stop() -> (status: Int32, stderr: String) {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}

/// A `glossa serve` that ended before it listened.
public struct ServerStartFailure: Error, CustomStringConvertible {
    public let status: Int32
    public let stderr: String
    public var description: String { "glossa serve exited with \(status): \(stderr)" }
}
