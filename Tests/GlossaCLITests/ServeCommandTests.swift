import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GlossaTestSupport
import Testing

/// `glossa serve` through the real binary: a real server on a free port, asked over HTTP, its
/// search page run in headless Chromium, on the TM `LookupCommandTests` imports.
@Suite(.serialized) struct ServeCommandTests {
    let workspace: Workspace
    let server: ServerProcess

    init() throws {
        workspace = try Workspace()
        // The lookup tests' units, and a fourth whose text looks like markup.
        try workspace.write(LookupCommandTests.units + """
            Tags such as <img src=x onerror=alert(1)> are text here.\tТеги вроде <img src=x onerror=alert(1)> здесь просто текст.\t

            """, to: "tm.tsv")
        let imported = try workspace.glossa(["import", "tm.tsv", "--tm", "tm.sqlite"])
        precondition(imported.status == 0, imported.stderr)
        server = try ServerProcess(["--tm", "tm.sqlite"], in: workspace.folder)
    }

    /// Status and body of a request to the server.
    func fetch(_ path: String, method: String = "GET", body: String? = nil, host: String? = nil) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: URL(string: path, relativeTo: server.baseURL)!)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        if let host { request.setValue(host, forHTTPHeaderField: "Host") }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    func json(_ data: Data) throws -> Any { try JSONSerialization.jsonObject(with: data) }

    @Test func lookupAnswersAsTheCommandDoes() async throws {
        let answer = try await fetch("api/lookup?q=The+Council+of+Defence+Ministers+met+in+Minsk.&from=en&to=ru")
        #expect(answer.status == 200)
        let command = try workspace.glossa(["lookup", "The Council of Defence Ministers met in Minsk.", "--tm", "tm.sqlite", "--format", "json"])
        #expect(try json(answer.body) as? NSArray == json(Data(command.stdout.utf8)) as? NSArray)
        let matches = try #require(try json(answer.body) as? [[String: Any]])
        #expect(matches.map { $0["score"] as? Int } == [87] && matches[0]["unit"] as? Int == 2)
        #expect((matches[0]["diff"] as? [[String: Any]])?.map { $0["text"] as? String } == ["Foreign"])
        // %20 spaces, another direction, and the default --to (en from ru).
        let kazakh = try await fetch("api/lookup?q=The%20parties%20discussed%20regional%20security.&to=kk")
        #expect((try json(kazakh.body) as? [[String: Any]])?.first?["target"] as? String == "Тараптар өңірлік қауіпсіздікті талқылады.")
        let back = try await fetch("api/lookup?q=" + "Стороны обсудили региональную безопасность.".addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "&from=ru")
        #expect((try json(back.body) as? [[String: Any]])?.first?["target_lang"] as? String == "en")
        let none = try await fetch("api/lookup?q=Completely+unrelated+words+here")
        #expect(none.status == 200 && String(decoding: none.body, as: UTF8.self) == "[]")
    }

    @Test func batchLookupAnswersEverySegmentInOrder() async throws {
        let answer = try await fetch("api/lookup", method: "POST", body: """
            {"segments": ["Nothing like it at all", "The Collective Security Council met in Minsk."], "to": "kk", "min": 50}
            """)
        #expect(answer.status == 200)
        let lists = try #require(try json(answer.body) as? [[[String: Any]]])
        #expect(lists.count == 2 && lists[0].isEmpty)
        #expect(lists[1].first?["score"] as? Int == 100 && lists[1].first?["target"] as? String == "Ұжымдық қауіпсіздік кеңесі Минскіде жиналды.")
    }

    @Test func concordanceHighlightsHitsBesideTheirTranslations() async throws {
        let answer = try await fetch("api/concordance?q=minsk&max=1")
        let hits = try #require(try json(answer.body) as? [[String: Any]])
        // Newest first, one per page.
        #expect(hits.count == 1 && hits[0]["unit"] as? Int == 2)
        #expect((hits[0]["highlights"] as? [[String: Any]])?.map { $0["text"] as? String } == ["Minsk"])
        #expect(hits[0]["translation"] as? String == "Совет министров иностранных дел собрался в Минске.")
        let second = try json(try await fetch("api/concordance?q=minsk&max=1&page=2").body) as? [[String: Any]]
        #expect(second?.map { $0["unit"] as? Int } == [1])
        let phrase = try json(try await fetch("api/concordance?q=%22regional+security%22&to=kk").body) as? [[String: Any]]
        #expect(phrase?.first?["translation_lang"] as? String == "kk")
    }

    @Test func badRequestsSayWhatIsWrong() async throws {
        let cases: [(path: String, says: String)] = [
            ("api/lookup?from=en", "q="),
            ("api/lookup?q=Minsk&min=0", "min must be a whole number from 1 to 101"),
            ("api/lookup?q=Minsk&penalty=origin%3Dold.tmx", "is no penalty: write CONDITION:POINTS"),
            ("api/lookup?q=Minsk&where=created%3EJune", "a date is written YYYY"),
            ("api/lookup?q=Minsk&max=many", "max must be a whole number"),
            ("api/lookup?q=Minsk&from=ru&to=ru", "from and to are both ru"),
            ("api/lookup?q=Minsk&from=not_a_tag", "unknown language tag"),
            ("api/concordance?q=%22%22", "nothing to search for"),
        ]
        for (path, says) in cases {
            let answer = try await fetch(path)
            let error = (try? json(answer.body) as? [String: String])?["error"] ?? ""
            #expect(answer.status == 400 && error.contains(says), "\(path): \(answer.status) \(error)")
        }
        let outOfBounds = try await fetch("api/lookup", method: "POST", body: #"{"segments": ["Minsk"], "max": 101}"#)
        #expect(outOfBounds.status == 400 && String(decoding: outOfBounds.body, as: UTF8.self).contains("max must be a whole number from 1 to 100"))
        let post = try await fetch("api/lookup", method: "POST", body: "segments: nope")
        #expect(post.status == 400)
        #expect((try json(post.body) as? [String: String])?["error"]?.contains("the body must be JSON") == true)
        let segments = String(repeating: "\"Minsk\",", count: 1001).dropLast()
        let tooMany = try await fetch("api/lookup", method: "POST", body: "{\"segments\": [\(segments)]}")
        #expect(tooMany.status == 400 && String(decoding: tooMany.body, as: UTF8.self).contains("at most 1000 segments a request, not 1001"))
        #expect(try await fetch("api/nothing-here").status == 404)
    }

    @Test func statsListTheLanguagesTheTMHolds() async throws {
        let stats = try #require(try json(try await fetch("api/stats").body) as? [String: Any])
        #expect(stats["units"] as? Int == 4)
        #expect(stats["languages"] as? [String: Int] == ["en": 4, "ru": 4, "kk": 2])
    }

    @Test func termsAnswerAsTheCommandDoesWhenTheServerHasAGlossary() async throws {
        let none = try await fetch("api/terms?q=Collective+Security+Council")
        #expect(none.status == 404 && String(decoding: none.body, as: UTF8.self).contains("--glossary"))
        #expect(server.stop().stderr.contains("no glossary, so /api/terms is off"))

        let glossary = Fixtures.repositoryRoot.appendingPathComponent("glossaries/csto.tbx").path
        let withGlossary = try ServerProcess(["--tm", "tm.sqlite", "--glossary", glossary], in: workspace.folder)
        let sentence = "заседание Комитета секретарей советов безопасности ОДКБ"
        var request = URLRequest(url: URL(string: "api/terms?from=ru&to=en&q=" + sentence.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
                                          relativeTo: withGlossary.baseURL)!)
        request.httpMethod = "GET"
        let (data, _) = try await URLSession.shared.data(for: request)
        let command = try workspace.glossa(["terms", sentence, "--from", "ru", "--to", "en", "--glossary", glossary, "--format", "json"])
        #expect(try json(data) as? NSArray == json(Data(command.stdout.utf8)) as? NSArray)
        #expect((try json(data) as? [[String: Any]])?.map { $0["concept"] as? String } == ["cssc", "csto"])

        // The page lists the terms of the segment looked up, with the translations to use.
        let page = try Browser.dumpDOM(URL(string: "?q=The+Council+of+Foreign+Ministers+met+in+Minsk.&to=ru", relativeTo: withGlossary.baseURL)!)
        #expect(page.contains("<section id=\"glossary\">"))
        #expect(page.contains("<li class=\"term\" data-concept=\"cfm\"><b class=\"preferred\">Council of Foreign Ministers</b>"))
        #expect(page.contains("<span class=\"preferred\" lang=\"ru\">Совет министров иностранных дел</span>"))
        #expect(withGlossary.stop().status == 0)
    }

    @Test func answersOnlyRequestsForThisMachine() async throws {
        // A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) is turned away.
        let port = try #require(server.baseURL.port)
        for path in ["api/stats", "?q=Minsk"] {
            let rebound = try await fetch(path, host: "evil.example:\(port)")
            #expect(rebound.status == 403, "\(path)")
        }
        let refused = try await fetch("api/stats", host: "evil.example:\(port)")
        #expect((try json(refused.body) as? [String: String])?["error"]?.contains("127.0.0.1 or localhost only, not evil.example") == true)
        for host in ["localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)"] {
            #expect(try await fetch("api/stats", host: host).status == 200, "\(host)")
        }
    }

    @Test func seesImportsAndRefusesLookupsWhileTheirIndexesAreDeferred() async throws {
        let query = "api/lookup?q=The+Joint+Staff+met+in+Yerevan.&min=100"
        #expect(String(decoding: try await fetch(query).body, as: UTF8.self) == "[]")
        func units() async throws -> Int? { (try json(try await fetch("api/stats").body) as? [String: Any])?["units"] as? Int }
        #expect(try await units() == 4)
        try workspace.write("en\tru\nThe Joint Staff met in Yerevan.\tОбъединённый штаб собрался в Ереване.\n", to: "more.tsv")
        #expect(try workspace.glossa(["import", "more.tsv", "--tm", "tm.sqlite", "--defer-index"]).status == 0)
        // The counts the server keeps are counted again once another process has committed.
        #expect(try await units() == 5)
        let pending = try await fetch(query)
        #expect(pending.status == 503)
        #expect((try json(pending.body) as? [String: String])?["error"]?.contains("run 'glossa tm index'") == true)
        #expect(try workspace.glossa(["tm", "index", "--tm", "tm.sqlite"]).status == 0)
        let found = try json(try await fetch(query).body) as? [[String: Any]]
        #expect(found?.first?["target"] as? String == "Объединённый штаб собрался в Ереване.")
    }

    @Test func stopsCleanlyOnSIGTERM() throws {
        let (status, stderr) = server.stop()
        #expect(status == 0, "\(stderr)")
    }

    @Test func aPortInUseIsAnInputError() throws {
        let port = try #require(server.baseURL.port)
        let second = try workspace.glossa(["serve", "--tm", "tm.sqlite", "--port", String(port)])
        #expect(second.status == 2 && second.stderr.contains("cannot serve on 127.0.0.1:\(port)"), "\(second.stderr)")
        let noTM = try workspace.glossa(["serve", "--tm", "missing.sqlite", "--port", "0"])
        #expect(noTM.status == 2 && noTM.stderr.contains("missing.sqlite"))
    }

    @Test func searchPageShowsMatchesAndConcordanceInABrowser() throws {
        let lookup = try Browser.dumpDOM(URL(string: "?q=The+Council+of+Defence+Ministers+met+in+Minsk.&min=50", relativeTo: server.baseURL)!)
        #expect(lookup.contains("<body data-ready=\"true\">"))
        // The best match first, the words that differ from the query marked, the translation beside it.
        let first = try #require(lookup.range(of: "<li class=\"hit\" data-score=\"87\" data-unit=\"2\">"))
        #expect(lookup.range(of: "data-score=\"50\"").map { $0.lowerBound > first.lowerBound } ?? false)
        #expect(lookup.contains("The Council of <mark class=\"diff\">Foreign</mark> Ministers met in Minsk."))
        #expect(lookup.contains("Совет министров иностранных дел собрался в Минске."))
        #expect(lookup.contains("2 matches"))

        let concordance = try Browser.dumpDOM(URL(string: "?q=onerror&mode=concordance", relativeTo: server.baseURL)!)
        // A segment's markup-like text stays text: no element is made of it.
        #expect(concordance.contains("Tags such as &lt;img src=x <mark>onerror</mark>=alert(1)&gt; are text here."))
        #expect(!concordance.contains("<img"))
        #expect(concordance.contains("Теги вроде &lt;img src=x onerror=alert(1)&gt; здесь просто текст."))

        let error = try Browser.dumpDOM(URL(string: "?q=Minsk&from=ru&to=ru", relativeTo: server.baseURL)!)
        #expect(error.contains("<p id=\"status\" role=\"status\" class=\"error\">from and to are both ru"))
    }
}
