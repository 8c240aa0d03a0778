import GlossaCore
import Testing
@testable import GlossaFormats

/// Find and replace as `glossa tm replace` makes it: case-aware, around inline codes and
/// placeholders, in a segment's text and its TMX markup alike.
@Suite struct SegmentReplacementTests {
    func replacing(_ find: String, _ replacement: String, regex: Bool = false, matchCase: Bool = false) throws -> SegmentReplacement {
        try SegmentReplacement(find: find, replacement: replacement, isRegex: regex, matchCase: matchCase)
    }

    @Test func theReplacementTakesTheCaseOfWhatItReplaces() throws {
        let organisation = try replacing("organisation", "organization")
        #expect(organisation.replaced(inText: "The Organisation's members; the organisation; THE ORGANISATION")
                == "The Organization's members; the organization; THE ORGANIZATION")
        // What is spelled as FIND was typed takes the replacement as typed.
        #expect(try replacing("ОДКБ", "Организации").replaced(inText: "новости ОДКБ, одкб") == "новости Организации, организации")
        // An acronym stays one in lower-case text; --match-case finds the spelling only.
        #expect(try replacing("csto", "ОДКБ").replaced(inText: "csto and CSTO") == "ОДКБ and ОДКБ")
        #expect(try replacing("CSTO", "ОДКБ", matchCase: true).replaced(inText: "csto and CSTO") == "csto and ОДКБ")
        #expect(try replacing("Генсек", "Генеральный секретарь").replaced(inText: "Генсек ОДКБ") == "Генеральный секретарь ОДКБ")
        #expect(try replacing("x", "y").replaced(inText: "nothing here") == nil)
    }

    @Test func codesAndPlaceholdersAreNeverTouched() throws {
        // "b" is in the code's native data (<b>) and in the placeholder's letters: neither changes.
        let variant = Variant(language: "en", text: "Press {1}Subscribe{/1} to get %s by mail",
                              markup: "Press <bpt i=\"1\">&lt;b&gt;</bpt>Subscribe<ept i=\"1\">&lt;/b&gt;</ept> to get %s by mail")
        let changed = try #require(try replacing("b", "B", matchCase: true).apply(to: variant))
        #expect(changed.text == "Press {1}SuBscriBe{/1} to get %s By mail")
        #expect(changed.markup == "Press <bpt i=\"1\">&lt;b&gt;</bpt>SuBscriBe<ept i=\"1\">&lt;/b&gt;</ept> to get %s By mail")
        // Text that needs escaping goes back into the markup escaped.
        let ampersand = try #require(try replacing("and", "&").apply(to: Variant(language: "en", text: "Sales {1}and{/1} marketing",
            markup: "Sales <bpt i=\"1\">&lt;u&gt;</bpt>and<ept i=\"1\">&lt;/u&gt;</ept> marketing")))
        #expect(ampersand.markup == "Sales <bpt i=\"1\">&lt;u&gt;</bpt>&amp;<ept i=\"1\">&lt;/u&gt;</ept> marketing")
        #expect(try replacing("1", "2").replaced(inText: "Step {1}1{/1}") == "Step {1}2{/1}")
    }

    @Test func regularExpressionsAndLiteralText() throws {
        #expect(try replacing("Secretar(y|ies) General", "Secretary-General", regex: true)
            .replaced(inText: "The Secretary General met the Secretaries General") == "The Secretary-General met the Secretary-General")
        // Literal text: its regex characters are text, even \E.
        #expect(try replacing("a.b\\E(c)", "x").replaced(inText: "a.b\\E(c) and aXb\\E(c)") == "x and aXb\\E(c)")
        #expect(throws: InputError.self) { try replacing("(", "x", regex: true) }
        #expect(throws: InputError.self) { try replacing("x*", "y", regex: true) }
        #expect(throws: InputError.self) { try replacing("", "y") }
    }
}
