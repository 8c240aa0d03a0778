import Foundation
import GlossaCore
import GlossaSegmentation
import GlossaTestSupport
import Testing
@testable import GlossaFormats

/// One registry tells every command a file's format: by extension, else by its first bytes.
@Suite struct FileFormatTests {
    @Test func extensionsNameTheFormatInAnyCase() {
        #expect(FileFormat(path: "memory.TMX") == .tmx)
        #expect(FileFormat(path: "news.ru-RU.sdlxliff") == .xliff)
        #expect(FileFormat(path: "job.mqxliff") == .xliff)
        #expect(FileFormat(path: "messages.pot") == .po)
        #expect(FileFormat(path: "table.tab") == .tsv)
        #expect(FileFormat(path: "a.MD") == .markdown)
        #expect(FileFormat(path: "news.htm") == .html)
        #expect(FileFormat(path: "README") == nil)
        #expect(FileFormat.document(of: "README") == .text)
    }

    @Test func contentTellsWhatTheNameDoesNot() throws {
        let tmx = try Fixtures.bytes(Fixtures.file("tmx/okapi.tmx"))
        #expect(FileFormat(path: "export.xml", head: tmx) == .tmx)
        #expect(FileFormat(path: "job.xml", head: try Fixtures.bytes(Fixtures.file("xliff/news-2.0.xlf"))) == .xliff)
        #expect(FileFormat(path: "messages", head: try Fixtures.bytes(Fixtures.file("po/apt-gtk20.ru.po"))) == .po)
        #expect(FileFormat(path: "page", head: Array("<!DOCTYPE html><html><p>Hi</p>".utf8)) == .html)
        #expect(FileFormat(path: "notes", head: Array("Just some text.".utf8)) == nil)
        // Trados writes TMX in UTF-16.
        let utf16 = [UInt8]([0xFF, 0xFE]) + "<?xml version=\"1.0\"?><tmx version=\"1.4\">".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(FileFormat(path: "trados.xml", head: utf16) == .tmx)
        // The extension wins: a text file about XLIFF is text.
        #expect(FileFormat(path: "notes.txt", head: Array("<xliff> is a format".utf8)) == .text)
    }

    @Test func aFileOnDiskIsToldByItsHead() throws {
        let folder = try Fixtures.temporaryDirectory()
        let path = folder.appendingPathComponent("memory.xml").path
        try Data(try Fixtures.bytes(Fixtures.file("tmx/okapi.tmx"))).write(to: URL(fileURLWithPath: path))
        #expect(FileFormat.of(file: path) == .tmx)
        #expect(FileFormat.of(file: folder.appendingPathComponent("missing").path) == nil)
    }

    @Test func unitFilesAreReadByTheReaderTheirFormatNames() throws {
        let reader = UnitFileReader(origin: ImportOrigin(document: "test"))
        let tmx = Fixtures.file("tmx/okapi.tmx").path
        var units = 0
        let result = try reader.read(file: tmx, format: .tmx) { _, _ in units += 1 }
        #expect(units > 0 && result.tmxHeader != nil)
        // A document holds sentences, not units: reading one as units is an error naming the file.
        #expect(throws: InputError.self) { try reader.read(file: tmx, name: "news.md", format: .markdown) { _, _ in } }
    }
}
