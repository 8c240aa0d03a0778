import Foundation

/// Paths to the data tests read: the shared seed and reference files beside the repository,
/// and the fixtures committed under Tests/.
public enum Fixtures {
    /// The repository root (found from this source file's path).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the repository (CI lays it there).
    public static let shared: URL = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// The real English CSTO news page the project is built around.
    public static let seedPage: URL = shared.appendingPathComponent("seed/csto-news-2025-06.txt")

    /// OmegaT's default SRX rules.
    public static let omegatSRX: URL = shared.appendingPathComponent("reference/omegat-defaultRules.srx")

    /// A file under Tests/Fixtures.
    public static func file(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(name)
    }

    /// The bytes of a file.
    public static func bytes(_ url: URL) throws -> [UInt8] {
        Array(try Data(contentsOf: url))
    }

    /// A new empty directory for one test, in the test process's own folder, which is removed
    /// once the process has ended (a suite writes gigabytes: left behind, runs fill the disk).
    public static func temporaryDirectory() throws -> URL {
        let url = try processFolder.get().appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The test process's temporary folder, made on first use.
    private static let processFolder: Result<URL, any Error> = Result {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("glossa-test-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try AfterExit.run("rm -rf " + AfterExit.quoted(url.path))
        return url
    }
}

extension Fixtures {
    /// The LISA TMX Compliance Kit (public domain).
    public static let tmxKit: URL = shared.appendingPathComponent("reference/tmx-compliance-kit")

    /// The kit's import test files, by name.
    public static func tmxKitFiles(prefix: String = "ImportTest") throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: tmxKit.path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".tmx") }.sorted()
            .map { tmxKit.appendingPathComponent($0) }
    }
}

extension Fixtures {
    /// Runs xmllint on a TMX file against the public TMX 1.4b DTD, never fetching the file's
    /// own DTD; returns its exit code and messages.
    public static func validateTMX(_ url: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmllint", "--noout", "--nonet", "--dtdvalid",
                             shared.appendingPathComponent("reference/schemas/tmx14.dtd").path, url.path]
        let pipe = Pipe()
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
