import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GlossaTestSupport
import Testing

/// Context matches, several translations and the match policy through the real binary: a PO
/// catalog's keys, a CSTO news page aligned and then analysed and pre-translated, and the
/// penalties and filters of the command line and of `.glossa.yml`.
@Suite struct MatchPolicyCommandTests {
    let workspace = try! Workspace()

    func glossa(_ arguments: String...) throws -> CommandResult {
        try CommandRunner.run(arguments + ["--tm", "tm.sqlite"], in: workspace.folder)
    }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// glib's month names as its Russian catalog translates them, by context.
    static let months = """
        msgid ""
        msgstr ""
        "Content-Type: text/plain; charset=UTF-8\\n"
        "Language: ru\\n"

        msgctxt "full month name"
        msgid "May"
        msgstr "Май"

        msgctxt "full month name with day"
        msgid "May"
        msgstr "Мая"

        msgctxt "abbreviated month name"
        msgid "May"
        msgstr "Май"

        msgid "The Council met on 19 June 2025 in Minsk."
        msgstr "Совет собрался 19 июня 2025 года в Минске."

        """

    @Test func aCatalogsKeysGiveContextMatches() throws {
        try workspace.write(Self.months, to: "glib20.ru.po")
        #expect(try glossa("import", "glib20.ru.po").status == 0)
        let keyed = try #require(try json(try glossa("lookup", "May", "--context", "full month name with day", "--format", "json").stdout) as? [[String: Any]])
        #expect(keyed.map { $0["score"] as? Int } == [101, 99, 99])
        #expect(keyed.first?["target"] as? String == "Мая" && keyed.first?["context_match"] as? Bool == true)
        let text = try glossa("lookup", "May", "--context", "full month name with day")
        #expect(text.stdout.hasPrefix("101%  unit 2  context match"), "\(text.stdout)")
        #expect(text.stdout.contains("99%  unit") && text.stdout.contains("(−multiple-translations 1)"))
        // Without the penalty the two other translations are plain 100s.
        let free = try json(try glossa("lookup", "May", "--multiple-translations-penalty", "0", "--format", "json").stdout) as? [[String: Any]]
        #expect(free?.map { $0["score"] as? Int } == [100, 100, 100])
        // Only numbers differ: the translation gets the query's, and pretranslate writes it.
        let dated = try glossa("lookup", "The Council met on 23 June 2024 in Minsk.")
        #expect(dated.stdout.hasPrefix("99%  unit 4  numbers adapted"), "\(dated.stdout)")
        #expect(dated.stdout.contains("ru  Совет собрался 23 июня 2024 года в Минске."))
        try workspace.write("The Council met on 23 June 2024 in Minsk.\n", to: "news.txt")
        #expect(try glossa("pretranslate", "news.txt", "--min", "95", "--out", "news.xlf").status == 0)
        #expect(try String(contentsOf: workspace.folder.appendingPathComponent("news.xlf"), encoding: .utf8)
            .contains("<target>Совет собрался 23 июня 2024 года в Минске.</target>"))
    }

    @Test func anAlignedPageAnalysesAsContextMatchesAndPretranslatesAsTranslated() throws {
        let english = Fixtures.file("alignment/news-clean.en-ru.en.txt").path, russian = Fixtures.file("alignment/news-clean.en-ru.ru.txt").path
        let aligned = try glossa("align", english, russian, "--from", "en", "--to", "ru", "--into-tm")
        #expect(aligned.status == 0, "\(aligned.stderr)")
        let analysis = try #require(try json(try glossa("analyze", english, "--format", "json").stdout) as? [String: Any])
        let bands = try #require((analysis["total"] as? [String: Any])?["bands"] as? [[String: Any]])
        let segments = Dictionary(uniqueKeysWithValues: bands.map { ($0["band"] as? String ?? "", $0["segments"] as? Int ?? -1) })
        // Every pair the aligner accepted comes back between the same neighbours: a 101.
        let stored = try #require(try json(try glossa("stats", "--format", "json").stdout) as? [String: Any])
        #expect((segments["101"] ?? 0) > 10, "\(segments)")
        #expect(segments["101"] == stored["units"] as? Int, "\(segments) \(stored)")
        let pretranslated = try glossa("pretranslate", english, "--out", "news.ru.xlf")
        #expect(pretranslated.stderr.contains("segments: \(segments["101"]!) in context"), "\(pretranslated.stderr)")
        // The same sentences in another order are exact matches, not context ones.
        let lines = try String(contentsOfFile: english, encoding: .utf8).split(separator: "\n")
        try workspace.write(lines.reversed().joined(separator: "\n") + "\n", to: "reordered.txt")
        let reordered = try #require(try json(try glossa("analyze", "reordered.txt", "--format", "json").stdout) as? [String: Any])
        let reorderedBands = try #require((reordered["total"] as? [String: Any])?["bands"] as? [[String: Any]])
        #expect(reorderedBands.first { $0["band"] as? String == "101" }?["segments"] as? Int ?? -1 < segments["101"]! / 2)
    }

    @Test func aPretranslatedDocumentImportedBackGivesContextMatches() throws {
        // The CSTO page's English, pre-translated from the sample TM (its exact matches), the
        // XLIFF imported back into a TM of its own, then the page analysed against it.
        let seed = Fixtures.repositoryRoot.appendingPathComponent("tm/seed/csto-news-2025-06.en-ru.tsv").path
        #expect(try glossa("import", seed).status == 0)
        let english = Fixtures.file("alignment/news-clean.en-ru.en.txt").path
        #expect(try glossa("pretranslate", english, "--out", "news.ru.xlf").status == 0)
        let xliff = try String(contentsOf: workspace.folder.appendingPathComponent("news.ru.xlf"), encoding: .utf8)
        #expect(xliff.contains("<note category=\"x-context-pre\">") && xliff.contains("<note category=\"x-context-post\">"))
        let back = try CommandRunner.run(["import", "news.ru.xlf", "--tm", "back.sqlite"], in: workspace.folder)
        #expect(back.status == 0, "\(back.stderr)")
        let analysis = try #require(try json(try CommandRunner.run(["analyze", english, "--format", "json", "--tm", "back.sqlite"],
                                                                   in: workspace.folder).stdout) as? [String: Any])
        let bands = try #require((analysis["total"] as? [String: Any])?["bands"] as? [[String: Any]])
        let context = bands.first { $0["band"] as? String == "101" }?["segments"] as? Int ?? 0
        let translated = xliff.components(separatedBy: "<segment state=\"translated\">").count - 1
        #expect(translated > 10 && context == translated, "\(bands)")
    }

    @Test func penaltiesAndFiltersComeFromTheSettingsFileAndTheCommandLine() throws {
        try workspace.write("""
            en\tru
            The CSTO Secretary General met the ministers.\tГенеральный секретарь ОДКБ встретился с министрами.

            """, to: "csto-2024.tsv")
        try workspace.write("""
            en\tru
            The CSTO Secretary General met the ministers.\tГенсек ОДКБ встретился с министрами.

            """, to: "legacy-2019.tsv")
        #expect(try glossa("import", "csto-2024.tsv", "legacy-2019.tsv").status == 0)
        try workspace.write("""
            lookup:
              multiple-translations-penalty: 0
              penalties: ["origin=legacy-*:5"]

            """, to: ".glossa.yml")
        let query = "The CSTO Secretary General met the ministers."
        let matches = try #require(try json(try glossa("lookup", query, "--format", "json").stdout) as? [[String: Any]])
        #expect(matches.map { $0["score"] as? Int } == [100, 95] && matches.map { $0["origin"] as? String } == ["csto-2024.tsv", "legacy-2019.tsv"])
        // The command line adds to the file.
        let filtered = try json(try glossa("lookup", query, "--where", "origin=legacy-*", "--penalty", "lang=ru:3", "--format", "json").stdout)
        #expect((filtered as? [[String: Any]])?.map { $0["score"] as? Int } == [92])
        // A setting that means nothing is an error at its place, and the lookup does not run.
        try workspace.write("lookup:\n  penalties: [\"origin=legacy-*\"]\n", to: ".glossa.yml")
        let wrong = try glossa("lookup", query)
        #expect(wrong.status != 0 && wrong.stdout.isEmpty)
        #expect(wrong.stderr.hasPrefix("glossa: error: .glossa.yml:2:15: 'origin=legacy-*' is no penalty"), "\(wrong.stderr)")
        let typo = try glossa("lookup", query, "--where", "created>last year", "--config", "none.yml")
        #expect(typo.status != 0, "\(typo.stderr)")
    }
}

/// The same over HTTP: a server's policy from its command line, and each request's context,
/// penalties and filters, in a GET and in a batch.
@Suite struct MatchPolicyServerTests {
    @Test func aServerTakesItsPolicyAndEachRequestsContext() async throws {
        let workspace = try Workspace()
        try workspace.write(MatchPolicyCommandTests.months, to: "glib20.ru.po")
        #expect(try workspace.glossa(["import", "glib20.ru.po", "--tm", "tm.sqlite"]).status == 0)
        let server = try ServerProcess(["--tm", "tm.sqlite", "--multiple-translations-penalty", "2"], in: workspace.folder)
        func get(_ path: String, body: String? = nil) async throws -> Any {
            var request = URLRequest(url: URL(string: path, relativeTo: server.baseURL)!)
            if let body {
                request.httpMethod = "POST"
                request.httpBody = Data(body.utf8)
            }
            return try JSONSerialization.jsonObject(with: try await URLSession.shared.data(for: request).0)
        }
        let keyed = try #require(try await get("api/lookup?q=May&context=full+month+name+with+day") as? [[String: Any]])
        #expect(keyed.map { $0["score"] as? Int } == [101, 98, 98] && keyed.first?["target"] as? String == "Мая")
        // A request's penalties add to the server's, and its filters leave units out.
        let penalized = try #require(try await get("api/lookup?q=May&penalty=origin%3Dglib20.ru.po:3&penalty=lang%3Dru:1&min=50") as? [[String: Any]])
        #expect(penalized.map { $0["score"] as? Int } == [94, 94, 94])
        let none = try #require(try await get("api/lookup?q=May&where=origin%3Dother.po&multiple_translations_penalty=0") as? [[String: Any]])
        #expect(none.isEmpty)
        // A batch gives each segment its own context.
        let batch = try #require(try await get("api/lookup", body: """
            {"segments": ["May", {"text": "May", "context": "abbreviated month name"}], "multiple_translations_penalty": 0}
            """) as? [[[String: Any]]])
        #expect(batch.map { $0.map { $0["score"] as? Int } } == [[100, 100, 100], [101, 100, 100]])
        #expect(batch[1].first?["context_match"] as? Bool == true)

        // The search page, in headless Chromium: the context from its address, the context
        // match marked, what the policy took off shown, the refining fields kept open.
        let page = try Browser.dumpDOM(URL(string: "?q=May&context=full+month+name+with+day&penalty=lang%3Dru:1&min=90", relativeTo: server.baseURL)!)
        #expect(page.contains("<body data-ready=\"true\">"))
        let first = try #require(page.range(of: "<li class=\"hit\" data-score=\"100\""), "\(page)")
        #expect(page[first.lowerBound...].prefix(400).contains("<span class=\"context\">context match</span>"))
        #expect(page.contains("<span class=\"deductions\">−2 multiple-translations, −1 lang=ru</span>"))
        #expect(page.contains("<details class=\"wide\" id=\"refine\" open=\"\">"))
        #expect(page.contains("3 matches"))
        let dated = try Browser.dumpDOM(URL(string: "?q=The+Council+met+on+23+June+2024+in+Minsk.", relativeTo: server.baseURL)!)
        #expect(dated.contains("<span class=\"adapted\">numbers adapted</span>"), "\(dated)")
        #expect(dated.contains("title=\"The TM has: Совет собрался 19 июня 2025 года в Минске.\""))
        #expect(dated.contains("Совет собрался 23 июня 2024 года в Минске."))
    }
}

/// Fragments from the command line, over HTTP and on the page, on the CSTO sample.
@Suite struct FragmentCommandTests {
    @Test func aSegmentWithoutAMatchShowsTheTMsPhrases() async throws {
        let workspace = try Workspace()
        let seed = Fixtures.repositoryRoot.appendingPathComponent("tm/seed/csto-news-2025-06.en-ru.tsv").path
        #expect(try workspace.glossa(["import", seed, "--tm", "tm.sqlite"]).status == 0)
        let query = "A delegation of the Interstate Working Group met the CSTO Joint Staff in Minsk yesterday."
        let command = try workspace.glossa(["lookup", query, "--fragments", "--format", "json", "--tm", "tm.sqlite"])
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(command.stdout.utf8)) as? [String: Any])
        #expect((answer["matches"] as? [Any])?.isEmpty == true)
        let fragments = try #require(answer["fragments"] as? [[String: Any]])
        #expect(fragments.map { $0["text"] as? String }.contains("Interstate Working Group"), "\(fragments)")
        // One unit holds the Committee's name: the TM cannot tell its translation, the
        // glossary can, in the inflected form the translation has.
        let glossary = Fixtures.repositoryRoot.appendingPathComponent("glossaries/csto.tbx").path
        let committee = try workspace.glossa(["lookup", "Yesterday the Committee of Secretaries of the Security Councils discussed drones.",
                                              "--fragments", "--glossary", glossary, "--format", "json", "--tm", "tm.sqlite"])
        let named = try #require((try JSONSerialization.jsonObject(with: Data(committee.stdout.utf8)) as? [String: Any])?["fragments"] as? [[String: Any]])
        #expect(named.first?["text"] as? String == "Committee of Secretaries of the Security Councils", "\(named)")
        #expect(named.first?["translation"] as? String == "Комитета секретарей советов безопасности")
        let holders = try #require(named.first?["units"] as? [[String: Any]])
        #expect(holders.count == 1 && (holders[0]["target_highlights"] as? [[String: Any]])?.map { $0["text"] as? String }
                == ["Комитета секретарей советов безопасности", "КССБ"])
        let text = try workspace.glossa(["lookup", query, "--fragments", "--tm", "tm.sqlite"])
        #expect(text.stdout.contains("fragment  \"Interstate Working Group\"  3 words") && text.stdout.contains("[Interstate Working Group]"))
        let server = try ServerProcess(["--tm", "tm.sqlite"], in: workspace.folder)
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let (data, _) = try await URLSession.shared.data(from: URL(string: "api/fragments?q=\(encoded)", relativeTo: server.baseURL)!)
        #expect(try JSONSerialization.jsonObject(with: data) as? NSArray == fragments as NSArray)
        let page = try Browser.dumpDOM(URL(string: "?q=\(encoded)", relativeTo: server.baseURL)!)
        #expect(page.contains("No match of 75% or more.") && page.contains("fragments:"), "\(page)")
        #expect(page.contains("<li class=\"hit fragment\">") && page.contains("<mark>Interstate Working Group</mark>"))
        // A concordance marks where the phrase went in the translations, when the TM tells.
        let concordance = try Browser.dumpDOM(URL(string: "?q=%22Collective+Security+Treaty+Organization%22&mode=concordance", relativeTo: server.baseURL)!)
        #expect(concordance.contains("<mark class=\"went\">Организации Договора о коллективной безопасности</mark>"), "\(concordance)")
    }
}
