import Foundation
import Testing
@testable import GlossaCore

/// A file's lines streamed from disk are the lines `SourceText` gives of the same file held
/// whole, across chunk boundaries, with either line ending, a BOM, or none at the end.
@Suite struct TextLinesTests {
    func file(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "glossa-lines-\(UUID().uuidString).txt"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func streamed(_ bytes: [UInt8]) throws -> [String] {
        let path = try file(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lines = try StreamedTextLines(path: path, name: "t.tsv")
        var result: [String] = []
        while let line = try lines.next() { result.append(String(line)) }
        return result
    }

    func whole(_ bytes: [UInt8]) throws -> [String] {
        var lines = SourceTextLines(try SourceText(bytes: bytes, file: "t.tsv"))
        var result: [String] = []
        while let line = try lines.next() { result.append(String(line)) }
        return result
    }

    @Test func streamedLinesAreTheLinesOfTheWholeText() throws {
        let long = String(repeating: "Организация Договора о коллективной безопасности ", count: 40_000)  // 3.6 MB: several chunks
        let samples = [
            "en\tru\nCSTO\tОДКБ\n",
            "en\tru\r\nCSTO\tОДКБ\r\nno final break",
            "\u{FEFF}en\tru\n\n\nCSTO\tОДКБ\n",
            "",
            "\n",
            "a\n\(long)\n\(long)\r\nb",
        ]
        for sample in samples {
            let bytes = Array(sample.utf8)
            #expect(try streamed(bytes) == whole(bytes), "\(sample.prefix(40))")
            #expect(try streamed(bytes).count == sample.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).count - (sample.utf8.last == 0x0A || sample.isEmpty ? 1 : 0))
        }
        #expect(try streamed(Array("\u{FEFF}en\tru\n".utf8)).first == "en\tru")
    }

    @Test func aUTF16FileIsDecodedWhole() throws {
        let text = "en\tru\nCSTO\tОДКБ\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try streamed(bytes) == ["en\tru", "CSTO\tОДКБ"])
    }

    @Test func invalidUTF8IsReportedAtItsLineAndColumnPastTheFirstChunk() throws {
        let filler = String(repeating: "Совет коллективной безопасности\n", count: 40_000)  // past 1 MiB
        let bytes = Array(filler.utf8) + Array("ОДКБ ".utf8) + [0xE9, 0x0A]
        #expect(throws: InputError("invalid UTF-8 (byte 0xE9)", file: "t.tsv", line: 40_001, column: 6)) { try streamed(bytes) }
    }

    @Test func aBinaryFileIsNamedNotRead() throws {
        #expect(throws: InputError.self) { try streamed([0x50, 0x4B, 0x03, 0x04, 0, 0]) }
    }
}
