import Testing
@testable import GlossaText

/// The placeholders of software strings, from the machine's gettext catalogs and the formats
/// the big localization platforms know, against the text around them that is not one.
@Suite struct PlaceholdersTests {
    @Test(arguments: [
        // printf: libc, apt, psmisc (positions, flags, width, precision, length).
        ("%1$s: definition does not end with `END %1$s'", ["%1$s", "%1$s"]),
        ("Progress: [%3li%%]", ["%3li"]),
        ("CPU Times: %6.2f %-8lu %+d %#x %'d %*d %.*s %lld %zu %@", ["%6.2f", "%-8lu", "%+d", "%#x", "%'d", "%*d", "%.*s", "%lld", "%zu", "%@"]),
        // Python's named printf (python-apt), and an escaped percent before a parenthesis (git).
        ("Downloading file %(current)li of %(total)li with %(speed)s/s", ["%(current)li", "%(total)li", "%(speed)s"]),
        ("%%(body) does not take arguments", []),
        // Qt's numbered arguments.
        ("Could not open the requested file %1", ["%1"]),
        ("Copied %L1 of %2 files", ["%L1", "%2"]),
        // Braces: .NET and ICU, Python str.format, JavaScript and Ruby, Jinja and Angular.
        ("{0} files in {1}", ["{0}", "{1}"]),
        ("Hello, {name}! You have {count, number} messages and {total:.2f} in {user.name!r}", ["{name}", "{count, number}", "{total:.2f}", "{user.name!r}"]),
        ("Welcome back, ${firstName}. %{count} new", ["${firstName}", "%{count}"]),
        ("Signed in as {{ user }} on {{site}}", ["{{ user }}", "{{site}}"]),
        // The TM's inline codes.
        ("Press {1}Save{/1} or {2/}", ["{1}", "{/1}", "{2/}"]),
        // Not placeholders: percentages, a brace of prose, a plural message's inner texts.
        ("Prices rose 50% of the time, by 10%, 20%-30% or 5 %.", []),
        ("a set { a, b } and {} and { x} and {...} at start", []),
        ("--check is not supported with --algorithm={bsd,sysv,crc}", []),
        ("Sent on {0, date, short} at {1,time}: {2,number,#,##0.0}", ["{0, date, short}", "{1,time}", "{2,number,#,##0.0}"]),
        ("{count, plural, one {# file} other {# files}}", []),
        ("Организация Договора о коллективной безопасности", []),
    ])
    func placeholdersAreFound(text: String, expected: [String]) {
        #expect(Placeholders.all(in: text) == expected)
    }

    @Test func rangesAreUTF8OffsetsAfterOtherScripts() {
        let text = "Файл «%1$s» сохранён в {folder}"
        let ranges = Placeholders.ranges(in: text)
        #expect(ranges.map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) } == ["%1$s", "{folder}"])
    }

    @Test func matchTokensKeepPlaceholdersAsCodesNotWords() throws {
        let tokens = try MatchTokenizer(language: "en").tokens(of: "Downloading file %(current)li of %(total)li")
        #expect(tokens.words == ["downloading", "file", "of"])
        #expect(tokens.codes == ["%(current)li", "%(total)li"])
        #expect(tokens.numbers.isEmpty)
    }
}
