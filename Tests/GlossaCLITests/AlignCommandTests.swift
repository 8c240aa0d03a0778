import Foundation
import GlossaTestSupport
import Testing

/// `glossa align` through the real binary: inputs, outputs, the TM, the error paths.
@Suite struct AlignCommandTests {
    let workspace: Workspace
    var folder: URL { workspace.folder }
    init() throws { workspace = try Workspace() }

    func glossa(_ arguments: String...) throws -> CommandResult { try workspace.glossa(arguments) }

    func write(_ text: String, to name: String) throws { try workspace.write(text, to: name) }

    static let english = """
        <html><body><h1>CSTO news</h1>
        <p>On June 19, 2025, a regular meeting of the Committee of Secretaries of the Security Councils was held in Cholpon-Ata. It was attended by the Secretary General Imangali Tasmagambetov.</p>
        <p>The parties discussed 5 issues. They agreed to meet again in Dushanbe.</p>
        </body></html>
        """
    static let russian = """
        <html><body><h1>Новости ОДКБ</h1>
        <p>19 июня 2025 года в Чолпон-Ате состоялось очередное заседание Комитета секретарей советов безопасности. В нём принял участие Генеральный секретарь Имангали Тасмагамбетов.</p>
        <p>Стороны обсудили 5 вопросов и договорились встретиться в Душанбе.</p>
        </body></html>
        """

    @Test func htmlPairAlignsBlocksThenSentences() throws {
        try write(Self.english, to: "en.html")
        try write(Self.russian, to: "ru.html")
        let result = try glossa("align", "en.html", "ru.html", "--from", "en", "--to", "ru", "--format", "json")
        #expect(result.status == 0)
        let beads = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(beads.map { $0["source"] as? [Int] ?? [] } == [[0], [1], [2], [3, 4]])
        #expect(beads.map { $0["target"] as? [Int] ?? [] } == [[0], [1], [2], [3]])
        #expect(beads.allSatisfy { $0["confidence"] is Double && $0["source_text"] is String && $0["target_text"] is String })
    }

    @Test func blocksMergeWhenTheTranslationJoinsParagraphs() throws {
        try write(Self.english, to: "en.html")
        let joined = Self.russian.replacingOccurrences(of: "</p>\n<p>Стороны", with: " Стороны")
        try write(joined, to: "ru.html")
        let result = try glossa("align", "en.html", "ru.html", "--from", "en", "--to", "ru", "--format", "json")
        let beads = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        // Two English paragraphs meet one Russian one; the sentences inside still pair up.
        #expect(beads.map { $0["source"] as? [Int] ?? [] } == [[0], [1], [2], [3, 4]])
        #expect(beads.map { $0["target"] as? [Int] ?? [] } == [[0], [1], [2], [3]])
    }

    @Test func acceptedPairsGoToFilesAndTheTMTheRestToReview() throws {
        try write(Self.english, to: "en.html")
        try write(Self.russian.replacingOccurrences(of: "Стороны обсудили 5 вопросов и договорились встретиться в Душанбе.", with: ""),
                  to: "ru.html")
        let result = try glossa("align", "en.html", "ru.html", "--from", "en", "--to", "ru", "--out", "pairs.tsv",
                                "--review", "review.tsv", "--into-tm", "--tm", "aligned.sqlite")
        #expect(result.status == 0)
        let pairs = try String(contentsOf: folder.appendingPathComponent("pairs.tsv"), encoding: .utf8).split(separator: "\n")
        #expect(pairs.first == "en\tru")
        #expect(pairs.count == 4)
        let review = try String(contentsOf: folder.appendingPathComponent("review.tsv"), encoding: .utf8).split(separator: "\n")
        #expect(review.count == 3)  // header and the two English sentences without translation
        #expect(review[1].hasPrefix("0.25\t3\t\t"))
        let stats = try glossa("stats", "--tm", "aligned.sqlite", "--format", "json")
        #expect(stats.stdout.contains("\"units\" : 3"))
        let tmx = try glossa("align", "en.html", "ru.html", "--from", "en", "--to", "ru", "--out", "pairs.tmx")
        #expect(tmx.status == 0)
        let validation = try Fixtures.validateTMX(folder.appendingPathComponent("pairs.tmx"))
        #expect(validation.status == 0, "\(validation.output)")
    }

    @Test func emptyOneSidedAndMismatchedInputs() throws {
        try write("", to: "empty.txt")
        try write("\n\n", to: "blank.txt")
        let empty = try glossa("align", "empty.txt", "blank.txt", "--from", "en", "--to", "ru")
        #expect(empty.status == 2 && empty.stderr.contains("nothing to align"))
        try write("First line here.\nSecond line here.\n", to: "en.txt")
        let oneSided = try glossa("align", "en.txt", "empty.txt", "--from", "en", "--to", "ru", "--segmented", "--format", "json")
        #expect(oneSided.status == 0)
        let beads = try JSONSerialization.jsonObject(with: Data(oneSided.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(beads.count == 2 && beads.allSatisfy { ($0["target"] as? [Int])?.isEmpty == true })
        try write("This is an English text that claims to be Russian, which it is not at all.\n", to: "fake.ru.txt")
        let mismatched = try glossa("align", "en.txt", "fake.ru.txt", "--from", "en", "--to", "ru")
        #expect(mismatched.status == 2)
        #expect(mismatched.stderr.contains("fake.ru.txt: the text does not look like ru"))
    }
}
