import Foundation
import GlossaTestSupport
import Testing

/// Pathological inputs cost bounded time and memory: a text node of 50 MB in every format is
/// refused at its place by the segment limit before it costs more than the limit, a unit in
/// 10,000 languages by the variant limit, and a table's import memory does not grow with its
/// rows. Each run under GNU time, as a user's shell would start it.
@Suite struct BoundedInputTests {
    let workspace: Workspace
    var folder: URL { workspace.folder }
    init() throws { workspace = try Workspace() }

    func glossa(_ arguments: String...) throws -> CommandResult { try workspace.glossa(arguments) }

    /// A text of 50 MB: words, so that nothing downstream takes it for one token.
    static let huge = String(repeating: "CSTO ", count: 10_000_000)

    /// Imports `file` into a TM of one unit and expects the error `message` at `place`, in
    /// under 5 s and 300 MB, with the TM as it was.
    func expectRefused(_ file: String, at place: String, _ message: String, extra: [String] = []) throws {
        try workspace.write("en\tru\nCollective Security Treaty Organization\tОрганизация Договора о коллективной безопасности\n", to: "seed.tsv")
        #expect(try glossa("import", "seed.tsv", "--tm", "t.sqlite").status == 0)
        let run = try workspace.measured(["import", file, "--tm", "t.sqlite"] + extra)
        #expect(run.result.status == 2)
        #expect(run.result.stderr == "glossa: error: \(file):\(place): \(message)\n")
        #expect(run.kilobytes < 300_000, "peak RSS \(run.kilobytes) KB")
        #expect(run.seconds < 5, "\(run.seconds) s")
        let stats = try glossa("stats", "--tm", "t.sqlite", "--format", "json").stdout
        #expect(stats.contains("\"units\" : 1") || stats.contains("\"units\":1"), "\(stats)")
    }

    static let segmentMessage = "a text of more than 1048576 bytes: past the limit on one segment (--max-segment-bytes raises it)"

    @Test func aHugeTMXSegmentIsRefusedWhereItPassesTheLimit() throws {
        try workspace.write("<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu><tuv xml:lang=\"en\"><seg>\(Self.huge)</seg></tuv></tu></body></tmx>", to: "huge.tmx")
        // The parser's column when the gathered text first passed 1 MiB.
        let run = try glossa("import", "huge.tmx", "--tm", "x.sqlite")
        #expect(run.stderr.hasPrefix("glossa: error: huge.tmx:2:"))
        let column = run.stderr.split(separator: ":")[4]
        #expect(Int(column).map { $0 > 1 << 20 && $0 < 1 << 21 } == true, "\(run.stderr)")
        try expectRefused("huge.tmx", at: "2:\(column)", "tu 1: " + Self.segmentMessage)
    }

    @Test func aHugeTMXNoteIsRefusedToo() throws {
        try workspace.write("<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu><note>\(Self.huge)</note><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu></body></tmx>", to: "note.tmx")
        let run = try workspace.measured(["import", "note.tmx", "--tm", "t.sqlite"])
        #expect(run.result.stderr.hasPrefix("glossa: error: note.tmx:2:") && run.result.stderr.hasSuffix(Self.segmentMessage + "\n"))
        #expect(run.kilobytes < 300_000)
    }

    @Test func aHugeXLIFFSourceIsRefused() throws {
        try workspace.write("""
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" target-language="ru" original="n" datatype="plaintext"><body>
        <trans-unit id="1"><source>\(Self.huge)</source></trans-unit></body></file></xliff>
        """, to: "huge.xlf")
        let run = try workspace.measured(["import", "huge.xlf", "--tm", "t.sqlite"])
        #expect(run.result.status == 2)
        #expect(run.result.stderr.hasPrefix("glossa: error: huge.xlf:2:") && run.result.stderr.hasSuffix(Self.segmentMessage + "\n"), "\(run.result.stderr)")
        #expect(run.kilobytes < 300_000, "peak RSS \(run.kilobytes) KB")
        #expect(run.seconds < 5)
    }

    @Test func aHugePOMsgidIsRefusedAtItsEntry() throws {
        try workspace.write("msgid \"\"\nmsgstr \"Language: ru\\n\"\n\nmsgid \"\(Self.huge)\"\nmsgstr \"ОДКБ\"\n", to: "huge.po")
        try expectRefused("huge.po", at: "4:1", Self.segmentMessage)
    }

    @Test func aHugeTableCellIsRefusedAtItsColumn() throws {
        try workspace.write("en\tru\nCSTO\t\(Self.huge)\n", to: "huge.tsv")
        try expectRefused("huge.tsv", at: "2:6", Self.segmentMessage)
        // Raised, the same file imports.
        let raised = try glossa("import", "huge.tsv", "--tm", "t.sqlite", "--max-segment-bytes", "60000000", "--defer-index")
        #expect(raised.status == 0, "\(raised.stderr)")
    }

    @Test func aUnitInTenThousandLanguagesIsRefusedOrImportedInBoundedMemory() throws {
        let variants = (0..<10_000).map { "<tuv xml:lang=\"en-x-v\($0)\"><seg>Variant \($0) of the CSTO text</seg></tuv>" }.joined()
        try workspace.write("<tmx version=\"1.4\"><header srclang=\"en\"/><body><tu>\(variants)</tu></body></tmx>", to: "wide.tmx")
        let column = 1 + "<tmx version=\"1.4\"><header srclang=\"en\"/><body><tu>".count
            + (0..<1_000).map { "<tuv xml:lang=\"en-x-v\($0)\"><seg>Variant \($0) of the CSTO text</seg></tuv>".count }.reduce(0, +)
            + "<tuv xml:lang=\"en-x-v1000\">".count - 1
        try expectRefused("wide.tmx", at: "1:\(column)",
                          "tu 1: a unit of more than 1000 language variants: past the limit on one unit (--max-variants raises it)")
        // A word table per language tag met took 1.4 GB for this unit; raised, it imports in bounded memory.
        let raised = try workspace.measured(["import", "wide.tmx", "--tm", "t.sqlite", "--max-variants", "10000"])
        #expect(raised.result.status == 0, "\(raised.result.stderr)")
        #expect(raised.kilobytes < 300_000, "peak RSS \(raised.kilobytes) KB")
        #expect(try glossa("tm", "check", "--tm", "t.sqlite").status == 0)
        // Skipping invalid units skips it alone.
        let skipped = try glossa("import", "wide.tmx", "--tm", "s.sqlite", "--skip-invalid", "--format", "json")
        #expect(skipped.stdout.contains("past the limit on one unit"))
    }

    @Test func aTableImportsInMemoryThatDoesNotGrowWithItsRows() throws {
        // Rows of 8 KB, so that both tables fill SQLite's page cache while the duplicate keys
        // (32 bytes a unit) stay small: what is left to grow is what holds the file.
        let paragraph = String(repeating: "The Collective Security Council of the CSTO met in Minsk. ", count: 140)
        func table(_ rows: Int) -> String {
            "en\tru\n" + (0..<rows).map { "\(paragraph)\($0)\tСовет коллективной безопасности ОДКБ \($0)\n" }.joined()
        }
        try workspace.write(table(6_000), to: "small.tsv")
        try workspace.write(table(12_000), to: "large.tsv")
        let small = try workspace.measured(["import", "small.tsv", "--tm", "s.sqlite", "--defer-index"])
        let large = try workspace.measured(["import", "large.tsv", "--tm", "l.sqlite", "--defer-index"])
        #expect(small.result.status == 0 && large.result.status == 0)
        // 50 MB more of table cost 100 MB more when the file was read whole.
        #expect(large.kilobytes - small.kilobytes < 16_000, "\(small.kilobytes) KB → \(large.kilobytes) KB")
    }
}
