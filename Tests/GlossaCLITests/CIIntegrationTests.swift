import Foundation
import GlossaTestSupport
import Testing

/// The ready-made CI integrations: the pre-commit hook (run by pre-commit from PyPI on a
/// sample repository), the GitHub Action's check step, and GitLab's Code Quality report.
@Suite struct CIIntegrationTests {
    let workspace: Workspace
    let glossary = Fixtures.repositoryRoot.appendingPathComponent("glossaries/csto.tbx").path
    init() throws { workspace = try Workspace() }

    /// Runs `program arguments…` in `folder` with the glossa under test first on PATH.
    func run(_ program: String, _ arguments: [String], in folder: URL, environment extra: [String: String] = [:]) throws -> CommandResult {
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = CommandRunner.glossa.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["PRE_COMMIT_HOME"] = workspace.folder.appendingPathComponent("pre-commit-cache").path
        environment["NO_COLOR"] = "1"
        environment["GLOSSA_TM"] = nil
        for (name, value) in [("GIT_AUTHOR_NAME", "Terminologist"), ("GIT_COMMITTER_NAME", "Terminologist"),
                              ("GIT_AUTHOR_EMAIL", "terms@example.org"), ("GIT_COMMITTER_EMAIL", "terms@example.org")] {
            environment[name] = value
        }
        environment.merge(extra) { $1 }
        return try CommandRunner.run(executable: URL(fileURLWithPath: "/usr/bin/env"), [program] + arguments, in: folder, environment: environment)
    }

    /// A git repository in a new folder of the workspace, with `files` committed unless `commit` is false.
    func repository(_ name: String, _ files: [String: String], commit: Bool = true) throws -> URL {
        let folder = workspace.folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(try run("git", ["init", "-q", "-b", "main"], in: folder).status == 0)
        for (path, text) in files { try text.write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8) }
        #expect(try run("git", ["add", "-A"], in: folder).status == 0)
        if commit { #expect(try run("git", ["commit", "-q", "-m", "Start"], in: folder).status == 0) }
        return folder
    }

    @Test func thePreCommitHookRefusesACommitWithADeprecatedTerm() throws {
        let hooks = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        // The hook repository as pre-commit fetches it: the hooks file at a commit.
        let hookRepository = try repository("glossa-hooks", [".pre-commit-hooks.yaml": hooks])
        let revision = try run("git", ["rev-parse", "HEAD"], in: hookRepository).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let sample = try repository("news", [
            ".glossa.yml": "glossaries: [\(glossary)]\n",
            ".pre-commit-config.yaml": "repos:\n- repo: \(hookRepository.path)\n  rev: \(revision)\n  hooks:\n  - id: glossa-check\n",
            "README.md": "# CSTO news\n",
        ])
        #expect(try run("pre-commit", ["install"], in: sample).status == 0)
        try "The First CSTO International Conference on Cyber Security was held in Bishkek.\n"
            .write(to: sample.appendingPathComponent("conference.md"), atomically: true, encoding: .utf8)
        #expect(try run("git", ["add", "conference.md"], in: sample).status == 0)
        let refused = try run("git", ["commit", "-m", "Conference news"], in: sample)
        #expect(refused.status != 0, "\(refused.stdout)\(refused.stderr)")
        #expect((refused.stdout + refused.stderr).contains("conference.md:1:44: error [deprecated-term] 'Cyber Security' is deprecated"),
                "\(refused.stdout)\(refused.stderr)")
        #expect(try run("git", ["log", "--oneline"], in: sample).stdout.split(separator: "\n").count == 1, "nothing was committed")

        // The same hook straight from this repository, as `pre-commit try-repo` runs it.
        let tried = try run("pre-commit", ["try-repo", Fixtures.repositoryRoot.path, "glossa-check", "--files", "conference.md"], in: sample)
        #expect(tried.status == 1, "\(tried.stdout)\(tried.stderr)")

        try "The First CSTO International Conference on cybersecurity was held in Bishkek.\n"
            .write(to: sample.appendingPathComponent("conference.md"), atomically: true, encoding: .utf8)
        #expect(try run("git", ["add", "conference.md"], in: sample).status == 0)
        let accepted = try run("git", ["commit", "-m", "Conference news"], in: sample)
        #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")
    }

    /// The action's check step, run as GitHub runs a composite step: its script with the
    /// inputs in the environment, `GITHUB_ACTION_PATH` at this repository and `GITHUB_OUTPUT`
    /// a file.
    @Test func theActionsCheckStepWritesSARIFAndReportsTheStatus() throws {
        let action = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("action.yml"), encoding: .utf8)
        let parsed = try CommandRunner.python("""
            import json, sys, yaml
            action = yaml.safe_load(open(sys.argv[1]))
            step = next(s for s in action["runs"]["steps"] if s.get("id") == "check")
            print(json.dumps({"using": action["runs"]["using"], "inputs": sorted(action["inputs"]), "script": step["run"],
                              "uploads": [s["uses"] for s in action["runs"]["steps"] if "uses" in s]}))
            """, arguments: [Fixtures.repositoryRoot.appendingPathComponent("action.yml").path])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let description = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: Any])
        #expect(description["using"] as? String == "composite")
        #expect(description["inputs"] as? [String] == ["args", "fail-on", "paths", "sarif-file", "upload-sarif"])
        #expect((description["uploads"] as? [String])?.contains { $0.hasPrefix("github/codeql-action/upload-sarif@") } == true)
        #expect(action.contains("swift build -c release --product glossa"))
        let script = try #require(description["script"] as? String)

        try workspace.write("The Secretary-General opened the session.\n", to: "news.md")
        // The step runs .build/release/glossa under the action's folder: point it at the glossa under test.
        let actionFolder = workspace.folder.appendingPathComponent("action")
        try FileManager.default.createDirectory(at: actionFolder.appendingPathComponent(".build"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: actionFolder.appendingPathComponent(".build/release"),
                                                   withDestinationURL: CommandRunner.glossa.deletingLastPathComponent())
        let output = workspace.folder.appendingPathComponent("github-output")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let result = try run("bash", ["-c", script], in: workspace.folder, environment: [
            "GITHUB_ACTION_PATH": actionFolder.path, "GITHUB_OUTPUT": output.path,
            "GLOSSA_PATHS": "news.md", "GLOSSA_ARGS": "--glossary \(glossary)", "GLOSSA_FAIL_ON": "error", "GLOSSA_SARIF": "glossa.sarif",
        ])
        #expect(result.status == 0, "the step records the status; a later step fails the job: \(result.stderr)")
        #expect(try String(contentsOf: output, encoding: .utf8) == "status=1\n")
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: workspace.folder.appendingPathComponent("glossa.sarif"))) as? [String: Any])
        let results = (sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]
        #expect(results?.map { $0["ruleId"] as? String } == ["deprecated-term"])
    }

    @Test func gitlabCodeQualityReport() throws {
        try workspace.write("msgid \"\"\nmsgstr \"Language: ru\\n\"\n\nmsgid \"Copying %s to %s\"\nmsgstr \"Копирование %s\"\n", to: "a.ru.po")
        let result = try workspace.glossa(["check", "a.ru.po", "--glossary", glossary, "--format", "gitlab"])
        #expect(result.status == 1)
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(issues.count == 1)
        let issue = try #require(issues.first)
        #expect(issue["check_name"] as? String == "glossa/placeholder-mismatch")
        #expect(issue["severity"] as? String == "major")
        #expect((issue["fingerprint"] as? String)?.count == 32)
        let location = issue["location"] as? [String: Any]
        #expect(location?["path"] as? String == "a.ru.po")
        #expect((location?["lines"] as? [String: Any])?["begin"] as? Int == 4)
        #expect((issue["description"] as? String)?.hasPrefix("the placeholder %s is missing from the translation") == true)
    }
}
