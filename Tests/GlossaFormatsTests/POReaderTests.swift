import Foundation
import GlossaCore
import GlossaTestSupport
import GlossaText
import Testing
@testable import GlossaFormats

@Suite struct POReaderTests {
    func read(_ text: String? = nil, includeFuzzy: Bool = false, fallback: LanguageTag? = nil,
              limits: UnitLimits = .standard) throws -> [TranslationUnit] {
        let source = try text.map { SourceText(text: $0, file: "t.po") }
            ?? SourceText(bytes: Fixtures.bytes(Fixtures.file("po/apt-gtk20.ru.po")), file: "apt-gtk20.ru.po")
        var units: [TranslationUnit] = []
        try POReader(origin: ImportOrigin(document: "apt", limits: limits), sourceLanguage: "en", fallbackLanguage: fallback,
                     includeFuzzy: includeFuzzy).read(source) { unit, _ in units.append(unit) }
        return units
    }

    @Test func aLongStringIsReadInTimeLinearInItsLength() throws {
        // Trimming each line went through every character of it, backwards: an 8 MB msgid took
        // seconds in a release build. Now a line's ends are all that is looked at.
        let text = String(repeating: "Организация Договора о коллективной безопасности ", count: 50_000)  // 4.5 MB
        let start = Date()
        let catalog = "msgid \"\"\nmsgstr \"Language: ru\\n\"\n\n  msgid \"\(text)\"  \nmsgstr \"ОДКБ\"\n"
        let units = try read(catalog, limits: UnitLimits(maximumSegmentBytes: 1 << 23, maximumVariants: 2))
        #expect(Date().timeIntervalSince(start) < 3)
        #expect(units.first?.variants.first?.text == text)
        // Past the segment limit, the entry is refused where the text passed it.
        #expect(throws: InputError("a text of more than 1048576 bytes: past the limit on one segment (--max-segment-bytes raises it)",
                                   file: "t.po", line: 4, column: 1)) { try read(catalog) }
    }

    @Test func realCatalogEntries() throws {
        let units = try read()
        #expect(units.count == 3)
        #expect(units.allSatisfy { $0.variants.map(\.language.canonical) == ["en", "ru"] })
        #expect(units[0].variants.map(\.text) == ["  Candidate: ", "  Кандидат: "])
        #expect(units[0].notes == [Note("Translator: keep the two leading spaces, apt aligns its output on them.")])
        #expect(units[0].properties == [Property("po:reference", "cmdline/apt-cache.cc:1597")])
    }

    @Test func pluralFormsStayOnOneUnit() throws {
        let plural = try read()[1]
        #expect(plural.variants[0].text == "%i package can be upgraded. Run 'apt list --upgradable' to see it.\n")
        #expect(plural.variants[1].text == "Может быть обновлён %i пакет. Запустите «apt list --upgradable» для показа.\n")
        #expect(plural.properties.contains(Property("po:msgid_plural", "%i packages can be upgraded. Run 'apt list --upgradable' to see them.\n")))
        #expect(plural.properties.contains(Property("po:flags", "c-format")))
        #expect(plural.variants[1].properties == [
            Property("po:msgstr[1]", "Может быть обновлено %i пакета. Запустите «apt list --upgradable» для их показа.\n"),
            Property("po:msgstr[2]", "Может быть обновлено %i пакетов. Запустите «apt list --upgradable» для их показа.\n"),
        ])
    }

    @Test func contextAndExtractedComments() throws {
        let accelerator = try read()[2]
        #expect(accelerator.context == "Accelerator")
        #expect(accelerator.notes == [Note("Shown in the keyboard shortcuts editor")])
        #expect(accelerator.variants.map(\.text) == ["Disabled", "Выключен"])
    }

    @Test func fuzzyOnlyWhenAsked() throws {
        let units = try read(includeFuzzy: true)
        #expect(units.count == 4)
        #expect(units[3].variants[0].text == "%lu downgraded; ")
        #expect(units[3].properties.contains(Property("po:fuzzy", "yes")))
        #expect(!units.contains { $0.variants[0].text == "Obsolete message" || $0.variants[0].text == "Untranslated entry" })
    }

    @Test func languageFromTheOptionWhenTheHeaderIsSilent() throws {
        let po = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"Yes\"\nmsgstr \"Иә\"\n"
        #expect(throws: InputError.self) { _ = try read(po) }
        #expect(try read(po, fallback: "kk").first?.variants.last?.language == "kk")
    }

    @Test func syntaxErrorsSayWhere() {
        #expect(throws: InputError("unknown keyword 'msgtxt'", file: "t.po", line: 3, column: 1)) {
            _ = try read("msgid \"\"\nmsgstr \"Language: ru\\n\"\nmsgtxt \"x\"\n")
        }
        #expect(throws: InputError("expected a quoted string", file: "t.po", line: 4, column: 7)) {
            _ = try read("msgid \"\"\nmsgstr \"Language: ru\\n\"\n\nmsgid Yes\nmsgstr \"Да\"\n")
        }
        #expect(throws: InputError("a string with no keyword before it", file: "t.po", line: 1, column: 1)) {
            _ = try read("\"orphan\"\n")
        }
    }

    @Test func aCatalogIsReadInTheCharsetItsHeaderDeclares() throws {
        let url = Fixtures.file("po/grep.ru.koi8-r.po")
        let bytes = try Fixtures.bytes(url)
        #expect(throws: InputError.self) { try SourceText(bytes: bytes, file: "grep.ru.koi8-r.po") }  // not UTF-8
        var units: [TranslationUnit] = []
        try POReader(origin: ImportOrigin(document: "grep"), sourceLanguage: "en")
            .read(POReader.sourceText(bytes: bytes, file: url.lastPathComponent)) { unit, _ in units.append(unit) }
        #expect(units.count == 6)
        #expect(units[0].variant(in: "ru")?.text.hasPrefix("\nУправление контекстом:\n  -B, --before-context=ЧИС") == true)
        // A set ICU does not know, and bytes the declared set has no character for, are errors naming it.
        func declaring(_ charset: String) -> [UInt8] {
            let koi8 = Array("charset=KOI8-R".utf8)
            let start = bytes.indices.first { bytes[$0...].starts(with: koi8) }!
            return Array(bytes[..<start]) + Array("charset=\(charset)".utf8) + Array(bytes[(start + koi8.count)...])
        }
        #expect(throws: InputError("the header declares charset=KOI9: unknown character set 'KOI9'", file: "x.po")) {
            try POReader.sourceText(bytes: declaring("KOI9"), file: "x.po")
        }
        #expect(throws: InputError.self) { try POReader.sourceText(bytes: declaring("UTF-8"), file: "x.po") }
        do {
            _ = try POReader.sourceText(bytes: declaring("Shift_JIS"), file: "x.po")
            Issue.record("KOI8-R bytes read as Shift_JIS")
        } catch let error as InputError {
            #expect(error.message.hasPrefix("the header declares charset=Shift_JIS: bytes that are not Shift_JIS text"))
        }
    }

    @Test func escapesResolveAsGettextResolvesThem() throws {
        // The C letters, an escaped quote and backslash, and UTF-8 written as octal or hex
        // bytes (as some generators write non-ASCII text).
        let po = #"""
            msgid ""
            msgstr "Language: ru\n"

            msgid "Caf\303\251 \x41\tB \"q\" \\ \a\b\f\v\r\n"
            msgstr "Кафе"
            """#
        #expect(try read(po).first?.variants.first?.text == "Café A\tB \"q\" \\ \u{7}\u{8}\u{C}\u{B}\r\n")
    }

    @Test func damagedEntriesAreErrorsWithPlace() throws {
        // What msgfmt refuses: a typo'd escape would otherwise go into the TM as text, and half
        // an entry would vanish without a word.
        let header = "msgid \"\"\nmsgstr \"Language: ru\\n\"\n\n"
        #expect(throws: InputError("invalid escape \\q", file: "t.po", line: 4, column: 14)) {
            _ = try read(header + "msgid \"Press \\q\"\nmsgstr \"x\"\n")
        }
        #expect(throws: InputError("the string has no closing quote", file: "t.po", line: 5, column: 18)) {
            _ = try read(header + "msgid \"Open\"\nmsgstr \"Открыть\\\"\n")
        }
        #expect(throws: InputError("text after the closing quote", file: "t.po", line: 4, column: 13)) {
            _ = try read(header + "msgid \"Open\" x\nmsgstr \"Открыть\"\n")
        }
        #expect(throws: InputError("escaped bytes that are not UTF-8", file: "t.po", line: 5, column: 8)) {
            _ = try read(header + "msgid \"Open\"\nmsgstr \"\\320\"\n")
        }
        #expect(throws: InputError("msgstr with no msgid", file: "t.po", line: 4, column: 1)) {
            _ = try read(header + "msgstr \"Открыть\"\n")
        }
        #expect(throws: InputError("msgid with no msgstr", file: "t.po", line: 4, column: 1)) {
            _ = try read(header + "msgid \"Open\"\n\nmsgid \"Close\"\nmsgstr \"Закрыть\"\n")
        }
        // An obsolete entry may be partial: it is history, and skipped.
        #expect(try read(header + "#~ msgid \"Old\"\n\nmsgid \"Open\"\nmsgstr \"Открыть\"\n").count == 1)
    }
}
