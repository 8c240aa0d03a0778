import Foundation
import GlossaTestSupport
import Testing

/// `glossa check`'s translation QA rules through the real binary, on gettext catalogs built
/// from the machine's real translations.
@Suite struct QACommandTests {
    let workspace: Workspace
    let glossary = Fixtures.repositoryRoot.appendingPathComponent("glossaries/csto.tbx").path
    init() throws { workspace = try Workspace() }

    func glossa(_ arguments: String...) throws -> CommandResult { try workspace.glossa(arguments) }

    func findings(_ text: String) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
    }

    /// A PO string literal.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t") + "\""
    }

    /// A catalog in `language` of (msgid, msgstr) entries, each entry's msgid on its own line.
    static func catalog(_ language: String, _ entries: [(String, String)]) -> String {
        var text = "msgid \"\"\nmsgstr \"Language: \(language)\\nContent-Type: text/plain; charset=UTF-8\\n\"\n"
        for (source, target) in entries { text += "\nmsgid \(quoted(source))\nmsgstr \(quoted(target))\n" }
        return text
    }

    @Test func aRealCatalogsSlipsAreFoundAtTheirLines() throws {
        let gtk = CatalogPairs.allMessages(language: "kk").filter { $0.catalog == "gtk20" }
        // gtk20's Kazakh translation of the print-time hint drops three of the English examples.
        let hint = try #require(gtk.first { $0.source.hasPrefix("Specify the time of print") })
        let clean = try #require(gtk.first { $0.source == "Page or_dering:" })
        let catalog = Self.catalog("kk", [
            (clean.source, clean.forms[0]),
            (hint.source, hint.forms[0]),
            ("Copying %s to %s", "%s көшірілуде"),
            ("Page Setup", ""),
        ])
        try workspace.write(catalog, to: "gtk20.kk.po")
        let result = try glossa("check", "gtk20.kk.po", "--glossary", glossary, "--format", "json")
        #expect(result.status == 1, "errors fail the run")
        let found = try findings(result.stdout)
        let byRule = Dictionary(grouping: found) { $0["rule"] as? String ?? "" }
        // The header takes 3 lines and each entry 3: entries start on lines 4, 7, 10 and 13.
        #expect(byRule["number-mismatch"]?.compactMap { $0["line"] as? Int }.allSatisfy { $0 == 7 } == true)
        let numbers = Set(byRule["number-mismatch", default: []].compactMap { $0["term"] as? String })
        #expect(numbers.isSuperset(of: ["2", "35", "4"]), "\(numbers)")
        #expect(byRule["placeholder-mismatch"]?.map { $0["line"] as? Int } == [10])
        #expect(byRule["placeholder-mismatch"]?.first?["suggestion"] as? String == "%s")
        #expect(byRule["untranslated"]?.map { $0["line"] as? Int } == [13])
        #expect(byRule["untranslated"]?.first?["severity"] as? String == "error")
        #expect(!found.contains { $0["line"] as? Int == 4 }, "the clean entry: \(found.filter { $0["line"] as? Int == 4 })")
        #expect(found.allSatisfy { $0.keys.contains("concept") && $0["concept"] is NSNull || $0["rule"] as? String == "missing-target-term" })

        // The same run as SARIF names every rule it can report, QA rules too.
        let sarif = try glossa("check", "gtk20.kk.po", "--glossary", glossary, "--format", "sarif")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids.contains("number-mismatch") && ids.contains("length") && ids.contains("deprecated-term"))
        for result in run["results"] as? [[String: Any]] ?? [] {
            #expect(ids[result["ruleIndex"] as? Int ?? -1] == result["ruleId"] as? String)
        }

        // --terms-only leaves the QA rules out.
        let terms = try glossa("check", "gtk20.kk.po", "--glossary", glossary, "--format", "json", "--terms-only")
        #expect(try findings(terms.stdout).isEmpty && terms.status == 0)
    }

    @Test func settingsTurnRulesOffAndAllowTextsToStay() throws {
        try workspace.write(Self.catalog("ru", [("GNOME Shell", "GNOME Shell"), ("Browse for other folders", "Browse for other folders"),
                                                ("Done.", "Готово")]), to: "a.ru.po")
        let before = try findings(try glossa("check", "a.ru.po", "--glossary", glossary, "--format", "json").stdout)
        #expect(before.compactMap { $0["rule"] as? String }.sorted() == ["punctuation", "target-equals-source"])
        try workspace.write("glossaries: [\(glossary)]\nrules:\n  punctuation: off\nallow-same: [browse for other folders]\n", to: ".glossa.yml")
        let after = try glossa("check", "a.ru.po", "--format", "json")
        #expect(try findings(after.stdout).isEmpty && after.status == 0, "\(after.stdout)")
        try workspace.write("rules:\n  number-mismatches: off\n", to: ".glossa.yml")
        let typo = try glossa("check", "a.ru.po")
        #expect(typo.status == 2)
        #expect(typo.stderr.hasPrefix("glossa: error: .glossa.yml:2:3: unknown rule 'number-mismatches'"), "\(typo.stderr)")
        #expect(typo.stderr.contains("number-mismatch, placeholder-mismatch"))
    }

    @Test func oneSourceTranslatedTwoWaysAcrossFiles() throws {
        try workspace.write(Self.catalog("ru", [("_Open", "_Открыть"), ("Save", "Сохранить")]), to: "a.ru.po")
        try workspace.write(Self.catalog("ru", [("Open…", "Открыть…"), ("Save", "Записать")]), to: "b.ru.po")
        let result = try glossa("check", "a.ru.po", "b.ru.po", "--glossary", glossary, "--format", "json")
        let found = try findings(result.stdout).filter { $0["rule"] as? String == "inconsistent-translation" }
        #expect(found.map { $0["file"] as? String } == ["b.ru.po"])
        #expect(found.map { $0["line"] as? Int } == [7])
        #expect(found.first?["message"] as? String == "this source is translated differently at a.ru.po:7: «Сохранить»")
        #expect(result.status == 0, "a warning does not fail the run at --fail-on error")
    }
}

/// `check --format html` in headless Chromium: a page that stands alone, its findings grouped
/// by rule and file, and its filters.
@Suite struct HTMLReportTests {
    let workspace: Workspace
    let glossary = Fixtures.repositoryRoot.appendingPathComponent("glossaries/csto.tbx").path
    init() throws { workspace = try Workspace() }

    @Test func theReportRendersGroupsAndFiltersInTheBrowser() throws {
        try workspace.write(QACommandTests.catalog("ru", [
            ("On June 19, 2025, the Committee met.", "20 июня 2025 года Комитет собрался."),
            ("Copying %s to %s", "Копирование %s"),
            ("The Committee of Secretaries of the Security Councils met.", "Состоялось заседание комитета."),
            ("Done.", "Готово"),
        ]), to: "news.ru.po")
        let result = try workspace.glossa(["check", "news.ru.po", "--glossary", glossary, "--format", "html", "--output", "report.html"])
        #expect(result.status == 1)
        let page = try String(contentsOf: workspace.folder.appendingPathComponent("report.html"), encoding: .utf8)
        // Self-contained: nothing is fetched.
        #expect(!page.contains("src=\"http") && !page.contains("href=\"http") && !page.contains("<link"))
        #expect(page.contains("<mark>20</mark>"))

        let url = workspace.folder.appendingPathComponent("report.html").absoluteString
        let answers = try Browser.visit([
            .init(url: url, script: """
                const sections = [...document.querySelectorAll("section.rule")].map(s => s.dataset.rule);
                const shown = document.querySelectorAll("article.finding:not([hidden])").length;
                const pair = document.querySelector("section[data-rule=number-mismatch] dl.pair")?.textContent ?? "";
                return JSON.stringify({sections, shown, pair, output: document.getElementById("shown").textContent});
                """),
            .init(url: url + "#severity=error&rule=placeholder-mismatch", script: """
                const visible = [...document.querySelectorAll("article.finding:not([hidden])")].map(a => a.dataset.rule);
                const sections = [...document.querySelectorAll("section.rule:not([hidden])")].map(s => s.dataset.rule);
                return JSON.stringify({visible, sections});
                """),
            .init(url: url, script: """
                const box = document.querySelector("input[name=severity][value=error]");
                box.checked = false;
                box.dispatchEvent(new Event("change", {bubbles: true}));
                const visible = [...document.querySelectorAll("article.finding:not([hidden])")].map(a => a.dataset.severity);
                return JSON.stringify({visible, hash: location.hash});
                """),
        ])
        let first = try #require(try JSONSerialization.jsonObject(with: Data(answers[0].utf8)) as? [String: Any])
        let sections = first["sections"] as? [String] ?? []
        #expect(sections.contains("number-mismatch") && sections.contains("placeholder-mismatch")
                && sections.contains("missing-target-term") && sections.contains("punctuation"), "\(sections)")
        #expect((first["pair"] as? String)?.contains("20 июня 2025 года") == true)
        #expect(first["output"] as? String == "\(first["shown"] as? Int ?? -1) shown")

        let filtered = try #require(try JSONSerialization.jsonObject(with: Data(answers[1].utf8)) as? [String: Any])
        #expect(filtered["visible"] as? [String] == ["placeholder-mismatch"])
        #expect(filtered["sections"] as? [String] == ["placeholder-mismatch"])

        let withoutErrors = try #require(try JSONSerialization.jsonObject(with: Data(answers[2].utf8)) as? [String: Any])
        let severities = withoutErrors["visible"] as? [String] ?? []
        #expect(!severities.isEmpty && !severities.contains("error"), "\(severities)")
        #expect(withoutErrors["hash"] as? String == "#severity=warning,note")
    }
}
