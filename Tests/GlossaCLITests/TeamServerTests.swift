import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GlossaTestSupport
import Testing

/// `glossa serve` as a team's server, through the real binary over real HTTP: token-guarded
/// writes of units, import jobs, exports, and the tmserver API Weblate calls.
@Suite(.serialized) struct TeamServerTests {
    let workspace: Workspace
    let server: ServerProcess
    static let token = "csto-team-2f9c41"

    init() throws {
        workspace = try Workspace.withLookupTM()
        try workspace.write(Self.token + "\n", to: "team.token")
        server = try ServerProcess(["--tm", "tm.sqlite", "--token-file", "team.token"], in: workspace.folder)
    }

    /// Status, headers and body of a request; `token` goes in as a bearer token.
    func fetch(_ path: String, method: String = "GET", body: Data? = nil, token: String? = TeamServerTests.token,
               headers: [String: String] = [:], on base: URL? = nil) async throws -> (status: Int, headers: [String: String], body: Data) {
        var request = URLRequest(url: URL(string: path, relativeTo: base ?? server.baseURL)!)
        request.httpMethod = method
        request.httpBody = body
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        let fields = (http?.allHeaderFields ?? [:]).reduce(into: [String: String]()) { $0[("\($1.key)").lowercased()] = "\($1.value)" }
        return (http?.statusCode ?? 0, fields, data)
    }

    func json(_ data: Data) throws -> Any { try JSONSerialization.jsonObject(with: data) }
    func object(_ data: Data) throws -> [String: Any] { try #require(try json(data) as? [String: Any]) }
    func body(_ text: String) -> Data { Data(text.utf8) }

    func units() async throws -> Int { try object(try await fetch("api/stats").body)["units"] as? Int ?? -1 }

    @Test func writesNeedTheWriteToken() async throws {
        let unit = body(#"{"units": [{"variants": {"en": "Peacekeepers trained in Armenia.", "ru": "Миротворцы тренировались в Армении."}}]}"#)
        for token in [nil, "guess", Self.token + "x", String(Self.token.dropLast())] {
            let refused = try await fetch("api/units", method: "POST", body: unit, token: token)
            #expect(refused.status == 401, "\(token ?? "no token")")
            #expect(refused.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
            #expect(try object(refused.body)["error"] as? String == "writing needs the write token: Authorization: Bearer TOKEN")
        }
        #expect(try await fetch("api/units/1", method: "DELETE", token: nil).status == 401)
        #expect(try await units() == 3)
        // Reads stay open without a read token; POST /api/lookup is a read.
        #expect(try await fetch("api/lookup?q=The+parties+discussed+regional+security.", token: nil).status == 200)
        #expect(try await fetch("api/lookup", method: "POST", body: body(#"{"segments": ["Minsk"]}"#), token: nil).status == 200)

        // A server started without a token takes no writes, and says how to allow them.
        let closed = try ServerProcess(["--tm", "tm.sqlite"], in: workspace.folder)
        let answer = try await fetch("api/units", method: "POST", body: unit, on: closed.baseURL)
        #expect(answer.status == 403)
        #expect((try object(answer.body)["error"] as? String)?.contains("GLOSSA_TOKEN") == true)
        // GLOSSA_TOKEN sets the token as --token-file does.
        let fromEnvironment = try ServerProcess(["--tm", "tm.sqlite"], in: workspace.folder, environment: ["GLOSSA_TOKEN": "from-env"])
        #expect(try await fetch("api/units/1", method: "PUT", body: body("{}"), token: "from-env", on: fromEnvironment.baseURL).status == 400)
        #expect(try await fetch("api/units/1", method: "PUT", body: body("{}"), on: fromEnvironment.baseURL).status == 401)
    }

    @Test func addedUnitsAreFoundAndABatchIsAllOrNothing() async throws {
        let added = try await fetch("api/units", method: "POST", body: body("""
            {"units": [
              {"variants": {"en": "Peacekeepers trained in Armenia.", "ru": "Миротворцы тренировались в Армении."},
               "origin": "news/2024-05.html", "author": "aigerim", "properties": {"x-domain": "defence"}},
              {"variants": {"en": "The parties discussed regional security.", "ru": "Стороны обсудили региональную безопасность.",
                            "kk": "Тараптар өңірлік қауіпсіздікті талқылады."}}
            ]}
            """))
        #expect(added.status == 200)
        let summary = try object(added.body)
        #expect(summary["added"] as? Int == 1 && summary["duplicates"] as? Int == 1)
        #expect(summary["units"] as? [Int] == [4, 3])
        let matches = try #require(try json(try await fetch("api/lookup?q=Peacekeepers+trained+in+Belarus.&to=ru&min=50").body) as? [[String: Any]])
        #expect(matches.first?["unit"] as? Int == 4 && matches.first?["created_by"] as? String == "aigerim")
        #expect(matches.first?["origin"] as? String == "news/2024-05.html")

        // One bad unit turns the whole batch away, saying which.
        let bad = try await fetch("api/units", method: "POST", body: body("""
            {"units": [{"variants": {"en": "Exercises were held.", "ru": "Учения прошли."}}, {"variants": {"en_XX-??": "x"}}]}
            """))
        #expect(bad.status == 400)
        #expect((try object(bad.body)["error"] as? String)?.hasPrefix("units[1]: 'en_XX-??' is not a language tag") == true)
        let blank = try await fetch("api/units", method: "POST", body: body(#"{"units": [{"variants": {"en": "  "}}]}"#))
        #expect(blank.status == 400)
        let shapeless = try await fetch("api/units", method: "POST", body: body(#"{"units": [{"texts": {}}]}"#))
        #expect((try object(shapeless.body)["error"] as? String)?.contains("units[0].variants is missing") == true)
        #expect(try await units() == 4)
    }

    @Test func aUnitIsReadCorrectedAndDeletedByID() async throws {
        let original = try object(try await fetch("api/units/2").body)
        #expect(original["id"] as? Int == 2)
        #expect(original["variants"] as? [String: String] == [
            "en": "The Council of Foreign Ministers met in Minsk.", "ru": "Совет министров иностранных дел собрался в Минске."])
        #expect(original["origin"] as? String == "tm.tsv")

        let corrected = try await fetch("api/units/2", method: "PUT", body: body("""
            {"variants": {"en": "The Council of Defence Ministers met in Minsk.", "ru": "Совет министров обороны собрался в Минске."},
             "author": "bolat"}
            """))
        #expect(corrected.status == 200)
        let stored = try object(corrected.body)
        #expect(stored["id"] as? Int == 2 && stored["changed_by"] as? String == "bolat" && stored["origin"] as? String == "tm.tsv")
        let found = try #require(try json(try await fetch("api/lookup?q=The+Council+of+Defence+Ministers+met+in+Minsk.").body) as? [[String: Any]])
        #expect(found.first?["score"] as? Int == 100 && found.first?["unit"] as? Int == 2)
        #expect(found.first?["target"] as? String == "Совет министров обороны собрался в Минске.")
        let old = try #require(try json(try await fetch("api/concordance?q=foreign").body) as? [Any])
        #expect(old.isEmpty)

        // The same texts as unit 1: a conflict, and unit 2 stays as it was.
        let clash = try await fetch("api/units/2", method: "PUT", body: body("""
            {"variants": {"en": "The Collective Security Council met in Minsk.", "ru": "Совет коллективной безопасности собрался в Минске.",
                          "kk": "Ұжымдық қауіпсіздік кеңесі Минскіде жиналды."}}
            """))
        #expect(clash.status == 409)
        #expect((try object(clash.body)["error"] as? String)?.hasPrefix("unit 1 ") == true)

        // A lookup first, so a read connection has run its statements; the deletion is seen.
        #expect(try await fetch("api/lookup?q=The+Council+of+Defence+Ministers+met+in+Minsk.").status == 200)
        let deleted = try await fetch("api/units/2", method: "DELETE")
        #expect(deleted.status == 204 && deleted.body.isEmpty)
        #expect(try await fetch("api/units/2").status == 404)
        #expect(try await fetch("api/units/2", method: "DELETE").status == 404)
        #expect(try await fetch("api/units/2", method: "PUT", body: body(#"{"variants": {"en": "x"}}"#)).status == 404)
        let gone = try #require(try json(try await fetch("api/lookup?q=The+Council+of+Defence+Ministers+met+in+Minsk.").body) as? [Any])
        #expect(gone.isEmpty)
        #expect(try await fetch("api/units/zero").status == 400)
        // A new unit never takes a deleted one's id.
        let again = try await fetch("api/units", method: "POST", body: body(#"{"units": [{"variants": {"en": "Minsk", "ru": "Минск"}}]}"#))
        #expect(try object(again.body)["units"] as? [Int] == [4])
    }

    /// Polls the job at `location` until it is done.
    func finished(_ location: String) async throws -> [String: Any] {
        for _ in 0..<200 {
            let job = try object(try await fetch(String(location.dropFirst())).body)
            if job["state"] as? String == "succeeded" || job["state"] as? String == "failed" { return job }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the job did not finish")
        return [:]
    }

    @Test func maintenanceIsAWriteWithADryRun() async throws {
        let replace = body(#"{"find": "met", "replace": "convened", "lang": "en", "dry_run": true}"#)
        #expect(try await fetch("api/maintenance/replace", method: "POST", body: replace, token: nil).status == 401)
        let preview = try object(try await fetch("api/maintenance/replace", method: "POST", body: replace).body)
        #expect((preview["changes"] as? [[String: Any]])?.map { $0["after"] as? String }
                == ["The Collective Security Council convened in Minsk.", "The Council of Foreign Ministers convened in Minsk."])
        #expect((preview["summary"] as? [String: Any])?["replaced"] as? Int == 0)
        let done = try object(try await fetch("api/maintenance/replace", method: "POST",
                                               body: body(#"{"find": "met", "replace": "convened", "lang": "en", "author": "editor"}"#)).body)
        #expect((done["summary"] as? [String: Any])?["replaced"] as? Int == 2)
        let found = try #require(try json(try await fetch("api/lookup?q=The+Collective+Security+Council+convened+in+Minsk.&to=ru").body) as? [[String: Any]])
        #expect(found.first?["score"] as? Int == 100 && found.first?["unit"] as? Int == 1)
        // A delete needs a selection; its dry run changes nothing.
        #expect(try await fetch("api/maintenance/delete", method: "POST", body: body("{}")).status == 400)
        let doomed = try object(try await fetch("api/maintenance/delete", method: "POST", body: body(#"{"text": "regional", "dry_run": true}"#)).body)
        let stillThere = try await units()
        #expect(doomed["units"] as? [Int] == [3] && stillThere == 3)
        #expect(try object(try await fetch("api/maintenance/delete", method: "POST", body: body(#"{"text": "regional"}"#)).body)["units"] as? [Int] == [3])
        #expect(try await units() == 2)
        let dedupe = try object(try await fetch("api/maintenance/dedupe", method: "POST", body: body(#"{"keep": "oldest"}"#)).body)
        #expect((dedupe["sources"] as? [Any])?.isEmpty == true)
        #expect(try await fetch("api/maintenance/dedupe", method: "POST", body: body(#"{"keep": "best"}"#)).status == 400)
        // An import that keeps what the TM holds.
        let tsv = body("en\tru\nThe Council of Foreign Ministers convened in Minsk.\tДругой перевод.\n")
        let job = try await finished(try #require(try await fetch("api/import?format=tsv&on_conflict=keep", method: "POST", body: tsv).headers["location"]))
        #expect((job["report"] as? [String: Any])?["leftOutByPolicy"] as? Int == 1, "\(job)")
        #expect(try await fetch("api/import?format=tsv&on_conflict=never", method: "POST", body: tsv).status == 400)
    }

    @Test func importsRunAsJobsThatReport() async throws {
        let tmx = try Data(contentsOf: Fixtures.file("tmx/fidelity.tmx"))
        let accepted = try await fetch("api/import?name=fidelity.tmx", method: "POST", body: tmx,
                                       headers: ["Content-Type": "application/x-tmx+xml"])
        #expect(accepted.status == 202)
        let location = try #require(accepted.headers["location"])
        #expect(location.hasPrefix("/api/jobs/"))
        let job = try await finished(location)
        #expect(job["state"] as? String == "succeeded", "\(job)")
        let report = try #require(job["report"] as? [String: Any])
        // As glossa import counts the file: one unit repeats another, two codes are ill-paired.
        #expect(report["added"] as? Int == 6 && report["read"] as? Int == 7 && report["illPairedCodes"] as? Int == 2)
        #expect((report["warnings"] as? [String])?.allSatisfy { $0.hasPrefix("fidelity.tmx:37:") } == true, "\(report)")
        #expect(job["file"] as? String == "fidelity.tmx" && job["finished"] is String)
        #expect(try await units() == 9)
        // Told by its first bytes, without a format.
        let again = try await finished(try #require(try await fetch("api/import", method: "POST", body: tmx).headers["location"]))
        #expect((again["report"] as? [String: Any])?["duplicates"] as? Int == 7)
        #expect(again["file"] as? String == "upload")

        // A broken file fails its job at its place, under the name the client gave, and changes nothing.
        var broken = String(decoding: tmx, as: UTF8.self)
        broken = broken.replacingOccurrences(of: "</body>", with: "<tu><tuv xml:lang=\"en\"><seg>Unclosed</tuv></tu></body>")
        let failed = try await finished(try #require(
            try await fetch("api/import?format=tmx&name=june.tmx", method: "POST", body: body(broken)).headers["location"]))
        #expect(failed["state"] as? String == "failed")
        #expect((failed["error"] as? String)?.hasPrefix("june.tmx:") == true, "\(failed)")
        #expect(try await units() == 9)

        #expect(try await fetch("api/import?format=md", method: "POST", body: body("# Title")).status == 415)
        #expect(try await fetch("api/import?format=tmx", method: "POST", body: Data()).status == 400)
        #expect(try await fetch("api/import", method: "POST", body: tmx, token: nil).status == 401)
        #expect(try await fetch("api/jobs/no-such-job").status == 404)
    }

    @Test func exportsStreamTheTM() async throws {
        let tsv = try await fetch("api/export?format=tsv&langs=en,ru")
        #expect(tsv.status == 200 && tsv.headers["content-type"]?.hasPrefix("text/tab-separated-values") == true)
        let lines = String(decoding: tsv.body, as: UTF8.self).split(separator: "\n")
        #expect(lines.first == "en\tru" && lines.count == 4)
        let tmx = try await fetch("api/export")
        let document = String(decoding: tmx.body, as: UTF8.self)
        #expect(document.hasPrefix("<?xml") && document.contains("<tmx version=\"1.4\">"))
        #expect(document.components(separatedBy: "<tu").count - 1 == 3 + document.components(separatedBy: "<tuv").count - 1)
        #expect(try await fetch("api/export?format=xliff").status == 400)
        #expect(try await fetch("api/export?since=yesterday").status == 400)
        let none = try await fetch("api/export?format=tsv&langs=en,ru&origin=elsewhere")
        #expect(String(decoding: none.body, as: UTF8.self) == "en\tru\n")
    }

    /// What Weblate's tmserver service sends (weblate/machinery/tmserver.py): the base URL
    /// joined with each part quoted with no safe characters (`/` as %2F), the text cut at 500
    /// characters with carriage returns made spaces, language codes lower case with `_`, and
    /// its Accept and Referer headers; it reads `sourceLanguages`, `targetLanguages`, and each
    /// candidate's `quality`, `target` and `source`.
    @Test func weblatesTMServerClientGetsItsMatches() async throws {
        let added = try await fetch("api/units", method: "POST", body: body("""
            {"units": [{"variants": {"en": "The CSTO/ODKB secretariat met in Minsk.", "pt-BR": "O secretariado da OTSC/ODKB reuniu-se em Minsk."}}]}
            """))
        #expect(added.status == 200)
        let client = """
            import json, sys, urllib.parse, urllib.request
            base = sys.argv[1].rstrip("/")
            def url(*parts):
                return "/".join([base] + [urllib.parse.quote(part, b"") for part in parts])
            def get(address):
                request = urllib.request.Request(address, headers={"Referer": "https://weblate.example.org/", "Accept": "application/json; charset=utf-8"})
                with urllib.request.urlopen(request, timeout=10) as response:
                    return json.load(response)
            languages = get(url("languages", ""))
            pairs = [(s, t) for s in languages["sourceLanguages"] for t in languages["targetLanguages"]]
            text = "The CSTO/ODKB secretariat met in\\rMinsk today."
            out = []
            for source, target in [("en", "pt_br"), ("pt_br", "en"), ("en", "ru")]:
                payload = get(url(source, target, "unit", text[:500].replace("\\r", " ").encode()))
                out.append([{"text": line["target"], "quality": int(line["quality"]), "source": line["source"]} for line in payload])
            print(json.dumps({"pairs": pairs, "answers": out}))
            """
        for base in ["tmserver", "api/v1"] {
            let result = try CommandRunner.run(executable: URL(fileURLWithPath: "/usr/bin/env"),
                                               ["python3", "-c", client, server.baseURL.appendingPathComponent(base).absoluteString])
            #expect(result.status == 0, "\(result.stderr)")
            let answer = try object(Data(result.stdout.utf8))
            let pairs = try #require(answer["pairs"] as? [[String]])
            #expect(pairs.contains(["en", "pt_br"]) && pairs.contains(["en", "pt"]) && pairs.contains(["ru", "kk"]))
            #expect(!pairs.contains { $0.contains { $0.contains("-") || $0 != $0.lowercased() } })
            let answers = try #require(answer["answers"] as? [[[String: Any]]])
            #expect(answers[0].first?["text"] as? String == "O secretariado da OTSC/ODKB reuniu-se em Minsk.")
            #expect((answers[0].first?["quality"] as? Int ?? 0) >= 75)
            #expect(answers[0].first?["source"] as? String == "The CSTO/ODKB secretariat met in Minsk.")
            #expect(answers[1].isEmpty && answers[2].isEmpty)
        }
        // The amaGama parameters.
        let strict = try await fetch("tmserver/en/pt_br/unit/The%20CSTO%2FODKB%20secretariat%20met%20in%20Minsk%20today.?min_similarity=95")
        #expect((try json(strict.body) as? [Any])?.isEmpty == true)
        let exact = try #require(try json(try await fetch("api/v1/en/ru/unit/The%20parties%20discussed%20regional%20security.?max_candidates=1").body) as? [[String: Any]])
        #expect(exact.count == 1 && exact[0]["quality"] as? Int == 100 && exact[0]["rank"] as? Double == 100)
        #expect(try await fetch("tmserver/xx_!!/ru/unit/Minsk").status == 400)
    }

    /// Every route /openapi.json documents answers, with a made-up but well-formed request:
    /// none is missing (the router's own 404) and none fails with a 500.
    @Test func everyDocumentedRouteAnswers() async throws {
        let document = try object(try await fetch("openapi.json", token: nil).body)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var asked = 0
        for (path, operations) in paths {
            let concrete = path.replacingOccurrences(of: "{id}", with: "1").replacingOccurrences(of: "{source}", with: "en")
                .replacingOccurrences(of: "{target}", with: "ru").replacingOccurrences(of: "{text}", with: "Minsk")
            for method in operations.keys where ["get", "post", "put", "delete"].contains(method) {
                let answer = try await fetch(String(concrete.dropFirst()) + (method == "get" ? "?q=Minsk" : ""), method: method.uppercased(),
                                             body: method == "post" || method == "put" ? body(#"{"units": [], "segments": []}"#) : nil)
                let said = String(decoding: answer.body, as: UTF8.self)
                #expect(answer.status != 500 && !said.contains("this server has no \(method.uppercased())"), "\(method) \(path): \(answer.status) \(said)")
                asked += 1
            }
        }
        #expect(asked >= 19)
    }

    /// A translator in the browser: saves the token and their name in the page's settings,
    /// adds a unit, finds it with a word changed (origin, author and the unit's alternative
    /// translation shown beside it), and corrects its translation in place.
    @Test func theSearchPageAddsAndCorrectsUnitsWithTheTokenInItsSettings() async throws {
        let alternative = try await fetch("api/units", method: "POST", body: body("""
            {"units": [{"variants": {"en": "The Joint Staff met in Yerevan.", "ru": "Объединённый штаб собрался в Ереване."},
                        "alternatives": {"ru": ["Совещание Объединённого штаба прошло в Ереване."]}, "origin": "news/yerevan.html"}]}
            """))
        #expect(try object(alternative.body)["units"] as? [Int] == [4])
        let base = server.baseURL.absoluteString
        let wait = """
            const wait = async (done) => { for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 50)); };
            const status = () => document.getElementById("status").textContent;
            await wait(() => document.body.dataset.ready === "true");
            """
        let answers = try Browser.visit([
            .init(url: base, script: wait + """
                document.getElementById("token").value = "\(Self.token)";
                document.getElementById("author").value = "aigerim";
                document.getElementById("settings").requestSubmit();
                document.getElementById("add-source").value = "Peacekeepers trained in Armenia.";
                document.getElementById("add-target").value = "Миротворцы тренировались в Армении.";
                document.getElementById("add").requestSubmit();
                await wait(() => /^(Added|Not added|The TM)/.test(status()));
                return status();
                """),
            .init(url: base + "?q=Peacekeepers+trained+in+Belarus.&to=ru&min=50", script: wait + """
                const hit = document.querySelector("li.hit");
                const shown = hit.querySelector(".meta").textContent;
                hit.querySelector("button.edit").click();
                hit.querySelector("textarea.correction").value = "Миротворцы прошли подготовку в Армении.";
                hit.querySelector("button.edit").click();
                await wait(() => /^(Saved|Not saved)/.test(status()));
                return [shown, status(), hit.textContent].join("\\n");
                """),
            .init(url: base + "?q=The+Joint+Staff+met+in+Yerevan.&to=ru", script: wait + """
                const hits = document.querySelectorAll("li.hit");
                return hits.length + "\\n" + status() + "\\n" + Array.from(hits[0].querySelectorAll(".segment")).map((s) => s.className + ": " + s.textContent).join("\\n");
                """),
        ])
        #expect(answers.first == "Added unit 5.")
        let found = answers[1].split(separator: "\n").map(String.init)
        #expect(found.first?.contains("unit 5") == true && found.first?.contains("by aigerim") == true, "\(answers[1])")
        #expect(found.dropFirst().first == "Saved the correction to unit 5.", "\(answers[1])")
        #expect(answers[1].contains("Миротворцы прошли подготовку в Армении."))
        let corrected = try object(try await fetch("api/units/5").body)
        #expect((corrected["variants"] as? [String: String])?["ru"] == "Миротворцы прошли подготовку в Армении.")
        #expect((corrected["variants"] as? [String: String])?["en"] == "Peacekeepers trained in Armenia.")
        #expect(corrected["changed_by"] as? String == "aigerim" && corrected["created_by"] as? String == "aigerim")
        // One match for the unit, its alternative translation beside the first.
        let lines = answers[2].split(separator: "\n").map(String.init)
        #expect(lines.prefix(2) == ["1", "1 match"], "\(answers[2])")
        #expect(lines.contains { $0.hasPrefix("segment alternative: ru") && $0.contains("Совещание Объединённого штаба прошло в Ереване.") },
                "\(answers[2])")
    }

    @Test func everyErrorIsJSON() async throws {
        let unknown = try await fetch("api/nothing-here")
        #expect(unknown.status == 404 && unknown.headers["content-type"]?.hasPrefix("application/json") == true)
        #expect((try object(unknown.body)["error"] as? String)?.contains("/api/nothing-here") == true)
        let notJSON = try await fetch("api/units", method: "POST", body: body("units: none"))
        #expect(notJSON.status == 400)
        #expect((try object(notJSON.body)["error"] as? String)?.hasPrefix("the body must be JSON") == true)
    }
}

/// Servers that guard reads, and the refusal to serve a network with no token at all.
@Suite(.serialized) struct ServerAccessTests {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace.withLookupTM()
        try workspace.write("writer-7d1\n", to: "write.token")
        try workspace.write("reader-33a\n", to: "read.token")
    }

    func status(_ url: URL, _ method: String = "GET", token: String?) async throws -> Int {
        var request = URLRequest(url: url)
        request.httpMethod = method
        if method != "GET" { request.httpBody = Data(#"{"units": [{"variants": {"en": "Minsk", "ru": "Минск"}}]}"#.utf8) }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        return ((try await URLSession.shared.data(for: request)).1 as? HTTPURLResponse)?.statusCode ?? 0
    }

    @Test func aReadTokenGuardsReadsButNotThePage() async throws {
        let server = try ServerProcess(["--tm", "tm.sqlite", "--token-file", "write.token", "--read-token-file", "read.token"], in: workspace.folder)
        let lookup = server.baseURL.appendingPathComponent("api/lookup").appending(queryItems: [URLQueryItem(name: "q", value: "Minsk")])
        #expect(try await status(lookup, token: nil) == 401)
        #expect(try await status(lookup, token: "wrong") == 401)
        #expect(try await status(lookup, token: "reader-33a") == 200)
        #expect(try await status(lookup, token: "writer-7d1") == 200)
        #expect(try await status(server.baseURL.appendingPathComponent("tmserver/languages/"), token: nil) == 401)
        #expect(try await status(server.baseURL, token: nil) == 200)
        let units = server.baseURL.appendingPathComponent("api/units")
        #expect(try await status(units, "POST", token: "reader-33a") == 401)
        #expect(try await status(units, "POST", token: "writer-7d1") == 200)
    }

    @Test func aNetworkServerWithoutTokensIsRefusedUnlessReadsAreMadeAnonymous() throws {
        let refused = try workspace.glossa(["serve", "--tm", "tm.sqlite", "--host", "0.0.0.0", "--port", "0"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--allow-anonymous-reads"), "\(refused.stderr)")
        let open = try ServerProcess(["--tm", "tm.sqlite", "--host", "0.0.0.0", "--allow-anonymous-reads"], in: workspace.folder)
        let stopped = open.stop()
        #expect(stopped.stderr.contains("no token is set: anyone who reaches port"))
        let guarded = try ServerProcess(["--tm", "tm.sqlite", "--host", "0.0.0.0", "--token-file", "write.token"], in: workspace.folder)
        #expect(guarded.stop().status == 0)
    }
}

/// Schemathesis (PyPI) sends the server requests generated from /openapi.json, every route
/// with a write token: none may get a 500, and the TM stays sound.
@Suite struct GeneratedRequestTests {
    @Test func schemathesisFindsNoServerError() throws {
        let workspace = try Workspace.withLookupTM()
        try workspace.write("schemathesis-token\n", to: "team.token")
        let server = try ServerProcess(["--tm", "tm.sqlite", "--token-file", "team.token", "--no-access-log"], in: workspace.folder)
        let run = try CommandRunner.run(executable: URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", "-c", "import sys; from schemathesis.cli import schemathesis as cli; sys.argv[0] = 'st'; cli()",
            "run", server.baseURL.appendingPathComponent("openapi.json").absoluteString, "--checks", "not_a_server_error",
            "--max-examples", "25", "--generation-deterministic", "--request-timeout", "20",
            "--header", "Authorization: Bearer schemathesis-token",
        ], in: workspace.folder)
        #expect(run.status == 0, "\(run.stdout.suffix(3000))")
        #expect(run.stdout.contains("passed"), "\(run.stdout.suffix(3000))")
        let stopped = server.stop()
        #expect(stopped.status == 0 && !stopped.stderr.contains(" error "), "\(stopped.stderr.suffix(2000))")
        let check = try workspace.glossa(["tm", "check", "--tm", "tm.sqlite"])
        #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
    }
}

extension Workspace {
    /// A workspace whose tm.sqlite holds `LookupCommandTests.units`, for a server to serve.
    static func withLookupTM() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write(LookupCommandTests.units, to: "tm.tsv")
        let imported = try workspace.glossa(["import", "tm.tsv", "--tm", "tm.sqlite"])
        guard imported.status == 0 else { throw SetUpFailure(description: imported.stderr) }
        return workspace
    }
}

/// A test's setting up that failed, with what the command said.
struct SetUpFailure: Error, CustomStringConvertible {
    let description: String
}
