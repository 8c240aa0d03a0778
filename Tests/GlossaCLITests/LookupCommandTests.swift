import Foundation
import GlossaTestSupport
import Testing

/// `glossa lookup`, `concordance`, `analyze` and `pretranslate` through the real binary, on a
/// TM imported from a TSV of real sentences.
@Suite struct LookupCommandTests {
    let workspace: Workspace

    /// The TSV the TM is imported from: units 1–3, unit 2 without Kazakh.
    static let units = """
        en\tru\tkk
        The Collective Security Council met in Minsk.\tСовет коллективной безопасности собрался в Минске.\tҰжымдық қауіпсіздік кеңесі Минскіде жиналды.
        The Council of Foreign Ministers met in Minsk.\tСовет министров иностранных дел собрался в Минске.\t
        The parties discussed regional security.\tСтороны обсудили региональную безопасность.\tТараптар өңірлік қауіпсіздікті талқылады.

        """

    init() throws {
        workspace = try Workspace()
        try workspace.write(Self.units, to: "tm.tsv")
        let imported = try glossa("import", "tm.tsv")
        precondition(imported.status == 0, imported.stderr)
    }

    func glossa(_ arguments: String..., input: String = "") throws -> CommandResult {
        try CommandRunner.run(arguments + ["--tm", "tm.sqlite"], in: workspace.folder, input: input)
    }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func jsonMatchesCarryScoreSourceTargetUnitAndDiff() throws {
        let result = try glossa("lookup", "The Council of Defence Ministers met in Minsk.", "--format", "json")
        #expect(result.status == 0)
        let matches = try #require(try json(result.stdout) as? [[String: Any]])
        #expect(matches.map { $0["score"] as? Int } == [87])
        #expect(matches[0]["target"] as? String == "Совет министров иностранных дел собрался в Минске.")
        #expect(matches[0]["unit"] as? Int == 2 && matches[0]["source_lang"] as? String == "en")
        // Every documented key is there, null where the unit has no such field.
        let keys = ["score", "base", "penalties", "deductions", "context_match", "unit", "id", "source", "source_lang", "target", "adapted", "stored_target", "target_lang",
                    "diff", "alternative", "origin", "created", "created_by", "changed", "changed_by"]
        #expect(Set(matches[0].keys) == Set(keys))
        #expect(matches[0]["id"] is NSNull && matches[0]["changed_by"] is NSNull && matches[0]["origin"] as? String == "tm.tsv")
        let diff = try #require(matches[0]["diff"] as? [[String: Any]])
        #expect(diff.map { $0["text"] as? String } == ["Foreign"] && diff.map { $0["start"] as? Int } == [15])
    }

    @Test func textOutputListsWhatDiffersWithoutColor() throws {
        let result = try glossa("lookup", "The Council of Defence Ministers met in Minsk.")
        #expect(result.status == 0)
        #expect(result.stdout.contains("87%  unit 2  tm.tsv"))
        #expect(result.stdout.contains("  ru  Совет министров иностранных дел собрался в Минске."))
        #expect(result.stdout.contains("differs: Foreign") && !result.stdout.contains("\u{1B}["))
    }

    @Test func otherDirectionsAndNoMatch() throws {
        let back = try json(try glossa("lookup", "Стороны обсудили региональную безопасность.", "--from", "ru", "--to", "kk", "--format", "json").stdout)
        #expect((back as? [[String: Any]])?.first?["target"] as? String == "Тараптар өңірлік қауіпсіздікті талқылады.")
        // Unit 2 has no Kazakh: it is not offered for en→kk.
        let kazakh = try glossa("lookup", "The Council of Foreign Ministers met in Minsk.", "--to", "kk", "--min", "50", "--format", "json")
        #expect((try json(kazakh.stdout) as? [[String: Any]])?.map { $0["unit"] as? Int } == [1])
        let none = try glossa("lookup", "Completely unrelated words here", "--format", "json")
        let empty = try json(none.stdout) as? [Any]
        #expect(none.status == 0 && empty?.isEmpty == true)
    }

    @Test func fromRussianLooksUpEnglishUnlessToSaysOtherwise() throws {
        let lookup = try json(try glossa("lookup", "Стороны обсудили региональную безопасность.", "--from", "ru", "--format", "json").stdout)
        #expect((lookup as? [[String: Any]])?.first?["target_lang"] as? String == "en")
        let text = try glossa("concordance", "Минске", "--from", "ru")
        #expect(text.stdout.contains("  en  The Collective Security Council met in Minsk."))
        let english = try glossa("concordance", "безопасности")
        #expect(english.status == 0 && english.stdout == "No en segment matches безопасности.\n")
        let same = try glossa("lookup", "Стороны", "--from", "ru", "--to", "ru")
        #expect(same.status == 2 && same.stderr.contains("--from and --to are both ru") && same.stdout.isEmpty)
    }

    @Test func segmentsWithLineBreaksStayOneIndentedBlock() throws {
        try workspace.write("""
            msgid ""
            msgstr "Language: ru\\n"

            msgid "Your branch is ahead.\\n  (use \\"git push\\" to publish)"
            msgstr "Ваша ветка опережает.\\n  (используйте «git push», чтобы опубликовать)"

            """, to: "git.ru.po")
        #expect(try glossa("import", "git.ru.po").status == 0)
        let hits = try glossa("concordance", "publish")
        #expect(hits.stdout.contains("""
              en  Your branch is ahead.
                    (use "git push" to [publish])
              ru  Ваша ветка опережает.
                    (используйте «git push», чтобы опубликовать)

            """), "\(hits.stdout)")
        let match = try glossa("lookup", "Your branch is ahead.\n  (use \"git push\" to publish)")
        #expect(match.stdout.contains("  ru  Ваша ветка опережает.\n        (используйте"), "\(match.stdout)")
    }

    @Test func blankSegmentsAreNoMatchAndNoTranslation() throws {
        // A TMX keeps an untranslated unit's empty seg, and a blank one: neither is a match
        // for an empty query nor a translation to offer.
        try workspace.write("""
            <tmx version="1.4"><header/><body>
            <tu><tuv xml:lang="en"><seg>The Joint Staff met in Minsk.</seg></tuv><tuv xml:lang="ru"><seg/></tuv></tu>
            <tu><tuv xml:lang="en"><seg>   </seg></tuv><tuv xml:lang="ru"><seg>Пусто</seg></tuv></tu>
            </body></tmx>
            """, to: "blank.tmx")
        #expect(try glossa("import", "blank.tmx").status == 0)
        let untranslated = try json(try glossa("lookup", "The Joint Staff met in Minsk.", "--format", "json").stdout) as? [Any]
        #expect(untranslated?.isEmpty == true)
        for query in ["", "   "] {
            #expect((try json(try glossa("lookup", query, "--format", "json").stdout) as? [Any])?.isEmpty == true)
        }
        let hit = try json(try glossa("concordance", "Joint", "--format", "json").stdout) as? [[String: Any]]
        #expect(hit?.count == 1 && hit?.first?["translation"] is NSNull)
    }

    @Test func aLanguageTheTMLacksIsWarnedAbout() throws {
        // Asked for Belarusian, or British English, from a TM of en, ru and kk: the answer is
        // still "no match", and standard error says why, naming what the TM has.
        let lookup = try glossa("lookup", "The parties discussed regional security.", "--to", "be")
        #expect(lookup.status == 0 && lookup.stdout == "No match of 75% or more.\n")
        #expect(lookup.stderr == "glossa: warning: tm.sqlite holds no be text (it has en, kk, ru)\n")
        let concordance = try glossa("concordance", "Minsk", "--from", "en-GB", "--to", "kk")
        #expect(concordance.stderr == "glossa: warning: tm.sqlite holds no en-GB text (it has en, kk, ru)\n")
        let export = try glossa("export", "--out", "en-be.tmx", "--langs", "en,be")
        #expect(export.status == 0 && export.stderr.contains("holds no be text"))
        // A bare language takes its regional forms, and what the TM has is not warned about.
        #expect(try glossa("lookup", "Minsk", "--from", "kk", "--to", "en").stderr.isEmpty)
    }

    @Test func batchAnswersOneJSONArrayPerLineInOrder() throws {
        let result = try glossa("lookup", "--batch", "-", input: """
            The parties discussed regional security.
            Nothing like this

            The Collective Security Council met in Minsk

            """)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 4)
        let scores = try lines.map { line in try (json(String(line)) as? [[String: Any]] ?? []).map { $0["score"] as? Int } }
        #expect(scores == [[100], [], [], [99]])
    }

    @Test func batchFilesFromWindowsAndEmptyOnesAreReadLineByLine() throws {
        // Saved on Windows ("\r\n", a BOM), as UTF-16 by Excel, and empty: the same answers
        // as from standard input, one per query.
        let queries = ["The parties discussed regional security.", "Nothing like this", "", "The Collective Security Council met in Minsk"]
        try workspace.write("\u{FEFF}" + queries.joined(separator: "\r\n") + "\r\n", to: "windows.txt")
        let utf16: [UInt8] = [0xFF, 0xFE] + queries.joined(separator: "\r\n").utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        try Data(utf16).write(to: workspace.folder.appendingPathComponent("excel.txt"))
        try workspace.write("", to: "empty.txt")
        for file in ["windows.txt", "excel.txt"] {
            let result = try glossa("lookup", "--batch", file)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            let scores = try lines.map { line in try (json(String(line)) as? [[String: Any]] ?? []).map { $0["score"] as? Int } }
            #expect(scores == [[100], [], [], [99]], "\(file)")
        }
        let empty = try glossa("lookup", "--batch", "empty.txt")
        #expect(empty.status == 0 && empty.stdout.isEmpty)
    }

    @Test func batchFromStandardInputAnswersEachLineAsItComes() throws {
        // A tool keeps one process open: it sends a segment and waits for its answer before
        // sending the next, with standard input still open.
        let process = Process()
        process.executableURL = CommandRunner.glossa
        process.arguments = ["lookup", "--batch", "-", "--tm", "tm.sqlite"]
        process.currentDirectoryURL = workspace.folder
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var received = Data()
        func nextAnswer() -> String? {
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if let end = received.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: received[..<end], as: UTF8.self)
                    received = Data(received[(end + 1)...])
                    return line
                }
                // Wait for data at most a tenth of a second at a time: a process that held its
                // answers back would otherwise block this read for good.
                var ready = pollfd(fd: output.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&ready, 1, 100) > 0 else { continue }
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { return nil }
                received.append(chunk)
            }
            return nil
        }
        for (query, unit) in [("The parties discussed regional security.", 3), ("The Collective Security Council met in Minsk.", 1)] {
            input.fileHandleForWriting.write(Data((query + "\n").utf8))
            let answer = try #require(nextAnswer())
            #expect((try json(answer) as? [[String: Any]])?.first?["unit"] as? Int == unit)
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func batchProgressGoesToATerminalOnly() throws {
        try workspace.write((1...300).map { "Segment number \($0) of the batch" }.joined(separator: "\n") + "\n", to: "queries.txt")
        let plain = try glossa("lookup", "--batch", "queries.txt")
        #expect(plain.status == 0 && plain.stderr.isEmpty && plain.stdout.split(separator: "\n").count == 300)
        // Under script(1) standard error is a pseudo-terminal (standard output goes to a file).
        let terminal = try CommandRunner.run(
            executable: URL(fileURLWithPath: "/usr/bin/script"),
            ["-qec", "\(CommandRunner.glossa.path) lookup --batch queries.txt --tm tm.sqlite > out.jsonl", "/dev/null"], in: workspace.folder)
        #expect(terminal.status == 0)
        #expect(terminal.stdout.contains("looking up: 100 segments"))
        let written = try String(contentsOf: workspace.folder.appendingPathComponent("out.jsonl"), encoding: .utf8)
        #expect(written.split(separator: "\n").count == 300 && !written.contains("looking up"))
    }

    @Test func badArgumentsExitTwoWithOneLine() throws {
        for arguments in [["lookup"], ["lookup", "x", "--min", "0"], ["lookup", "x", "--from", "not a tag!"], ["concordance", "\"\""]] {
            let result = try CommandRunner.run(arguments + ["--tm", "tm.sqlite"], in: workspace.folder)
            #expect(result.status == 2, "\(arguments)")
            #expect(!result.stderr.isEmpty && result.stdout.isEmpty, "\(arguments)")
        }
        let missing = try CommandRunner.run(["lookup", "x", "--tm", "missing.sqlite"], in: workspace.folder)
        #expect(missing.status == 2 && missing.stderr.contains("missing.sqlite"))
    }

    @Test func concordanceShowsHitsBesideTheirTranslation() throws {
        let text = try glossa("concordance", "minsk")
        #expect(text.status == 0)
        #expect(text.stdout.contains("  en  The Council of Foreign Ministers met in [Minsk].\n  ru  Совет министров иностранных дел собрался в Минске."))
        let hits = try #require(try json(try glossa("concordance", "қауіпсіздік*", "--from", "kk", "--to", "en", "--format", "json").stdout) as? [[String: Any]])
        #expect(hits.allSatisfy { Set($0.keys) == ["unit", "text", "lang", "highlights", "translation", "translation_lang", "translation_highlights"] })
        // Unit 2 has no Kazakh: its hit for an English word shows a null translation.
        let untranslated = try #require(try json(try glossa("concordance", "foreign", "--to", "kk", "--format", "json").stdout) as? [[String: Any]])
        #expect(untranslated.count == 1 && untranslated[0]["translation"] is NSNull && untranslated[0]["translation_lang"] is NSNull)
        #expect(hits.map { $0["unit"] as? Int } == [3, 1])
        #expect(hits.map { $0["translation"] as? String } == ["The parties discussed regional security.", "The Collective Security Council met in Minsk."])
        let page = try glossa("concordance", "the", "--max", "2", "--page", "2", "--format", "json")
        #expect((try json(page.stdout) as? [[String: Any]])?.map { $0["unit"] as? Int } == [1])
    }

    @Test func analyzeReportsBandsPerFileAndInTotal() throws {
        try workspace.write("The Council of Foreign Ministers met in Minsk. The parties discussed regional cooperation. It rained.\n", to: "a.txt")
        try workspace.write("It rained.\n", to: "b.txt")
        let result = try glossa("analyze", "a.txt", "b.txt", "--format", "json")
        #expect(result.status == 0)
        let output = try #require(try json(result.stdout) as? [String: Any])
        let total = try #require(output["total"] as? [String: Any])
        let bands = try #require(total["bands"] as? [[String: Any]])
        #expect(bands.map { $0["band"] as? String } == ["repetitions", "101", "100", "95-99", "85-94", "75-84", "50-74", "no-match"])
        #expect(bands.map { $0["segments"] as? Int } == [1, 0, 1, 0, 0, 1, 0, 1])
        #expect(bands.map { $0["words"] as? Int } == [2, 0, 8, 0, 0, 5, 0, 2])
        #expect((output["files"] as? [[String: Any]])?.map { $0["words"] as? Int } == [15, 2])
        let text = try glossa("analyze", "a.txt")
        #expect(text.stdout.contains("75–84%                 1         5") && text.stdout.contains("Total                  3        15"))
    }

    @Test func pretranslationIsXLIFFTwoThatImportsBack() throws {
        try workspace.write("The Council of Foreign Ministers met in Minsk.\n\nThe parties discussed regional cooperation.\n\nIt rained.\n", to: "doc.txt")
        let result = try glossa("pretranslate", "doc.txt", "--min", "75", "--out", "doc.ru.xlf")
        #expect(result.status == 0 && result.stderr.contains("3 segments: 0 in context, 1 exact, 1 fuzzy"))
        let xliff = try String(contentsOf: workspace.folder.appendingPathComponent("doc.ru.xlf"), encoding: .utf8)
        #expect(xliff.contains(#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">"#))
        #expect(xliff.contains(#"<segment state="translated">"#) && xliff.contains(#"<segment state="initial">"#))
        #expect(xliff.contains("<target>Стороны обсудили региональную безопасность.</target>"))
        #expect(xliff.contains("80% match, TM unit 3 from tm.tsv"))
        // Glossa's own XLIFF reader takes it back, handed back unfinished: three units, and
        // only the exact match's target is a translation. The fuzzy match's (the old sentence's
        // translation, state initial) would teach the TM a wrong one, unless asked for.
        func languages(_ arguments: [String]) throws -> [String: Int]? {
            let imported = try CommandRunner.run(["import", "doc.ru.xlf"] + arguments, in: workspace.folder)
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(imported.stdout.hasSuffix(arguments.contains("--include-fuzzy") ? "duplicates skipped\n"
                : ", 1 unconfirmed translations left out (--include-fuzzy takes them)\n"), "\(imported.stdout)")
            let stats = try json(try CommandRunner.run(["stats", "--format", "json"] + arguments.suffix(2), in: workspace.folder).stdout) as? [String: Any]
            return stats?["languages"] as? [String: Int]
        }
        #expect(try languages(["--tm", "back.sqlite"]) == ["en": 3, "ru": 1])
        #expect(try languages(["--include-fuzzy", "--tm", "all.sqlite"]) == ["en": 3, "ru": 2])
    }

    @Test func pretranslationLeavesAMatchsInlineCodesOut() throws {
        try workspace.write("""
            <tmx version="1.4"><header/><body><tu>
            <tuv xml:lang="en"><seg>The <bpt i="1">&lt;b&gt;</bpt>CSTO<ept i="1">&lt;/b&gt;</ept> Secretary General arrived.<ph x="2">&lt;br/&gt;</ph></seg></tuv>
            <tuv xml:lang="ru"><seg>Прибыл Генеральный секретарь <bpt i="1">&lt;b&gt;</bpt>ОДКБ<ept i="1">&lt;/b&gt;</ept>.<ph x="2">&lt;br/&gt;</ph></seg></tuv>
            </tu></body></tmx>
            """, to: "codes.tmx")
        #expect(try glossa("import", "codes.tmx").status == 0)
        try workspace.write("The CSTO Secretary General arrived.\n", to: "arrival.txt")
        let result = try glossa("pretranslate", "arrival.txt", "--min", "90", "--out", "arrival.xlf")
        #expect(result.status == 0 && result.stderr.contains("1 segments: 0 in context, 0 exact, 1 fuzzy"), "\(result.stderr)")
        let xliff = try String(contentsOf: workspace.folder.appendingPathComponent("arrival.xlf"), encoding: .utf8)
        #expect(xliff.contains("<target>Прибыл Генеральный секретарь ОДКБ.</target>"), "\(xliff)")
        // Lookup still shows where the codes were.
        let lookup = try json(try glossa("lookup", "The CSTO Secretary General arrived.", "--format", "json").stdout)
        #expect((lookup as? [[String: Any]])?.first?["target"] as? String == "Прибыл Генеральный секретарь {1}ОДКБ{/1}.{2/}")
    }

    @Test func aDeferredImportIsIndexedByTMIndexOrByTheFirstLookup() throws {
        let deferred = try CommandRunner.run(["import", "tm.tsv", "--tm", "deferred.sqlite", "--defer-index"], in: workspace.folder)
        #expect(deferred.status == 0, "\(deferred.stderr)")
        let stats = try CommandRunner.run(["stats", "--tm", "deferred.sqlite", "--format", "json"], in: workspace.folder)
        #expect((try json(stats.stdout) as? [String: Any])?["unindexed"] as? Int == 8)
        let indexed = try CommandRunner.run(["tm", "index", "--tm", "deferred.sqlite", "--format", "json"], in: workspace.folder)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect((try json(indexed.stdout) as? [String: Any])?["indexed"] as? Int == 8)
        let again = try CommandRunner.run(["tm", "index", "--tm", "deferred.sqlite"], in: workspace.folder)
        #expect(again.stdout.contains("0 variants indexed"))
        let after = try CommandRunner.run(["stats", "--tm", "deferred.sqlite", "--format", "json"], in: workspace.folder)
        #expect((try json(after.stdout) as? [String: Any])?["unindexed"] as? Int == 0)

        _ = try CommandRunner.run(["import", "tm.tsv", "--tm", "lazy.sqlite", "--defer-index"], in: workspace.folder)
        let lookup = try CommandRunner.run(["lookup", "The Council of Defence Ministers met in Minsk.", "--tm", "lazy.sqlite", "--format", "json"],
                                           in: workspace.folder)
        #expect(lookup.status == 0 && lookup.stderr.contains("indexing 8 variants"), "\(lookup.stderr)")
        #expect((try json(lookup.stdout) as? [[String: Any]])?.map { $0["score"] as? Int } == [87])
        let check = try CommandRunner.run(["tm", "check", "--tm", "lazy.sqlite"], in: workspace.folder)
        #expect(check.status == 0 && check.stdout.contains("ok"))
    }
}
