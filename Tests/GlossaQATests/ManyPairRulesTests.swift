import GlossaQA
import GlossaTestSupport
import GlossaText
import Testing

/// The rules that compare many pairs: consistency, length, and the capitalization convention
/// of a file, on made-up pairs and on the machine's real gettext catalogs.
struct ManyPairRulesTests {
    func pair(_ source: String, _ target: String, _ language: LanguageTag = "ru") -> SegmentPair {
        SegmentPair(source: source, sourceLanguage: "en", target: target, targetLanguage: language)
    }

    @Test func oneSourceTwoTranslationsAndOneTranslationTwoSources() {
        var consistency = TranslationConsistency()
        #expect(consistency.record(pair("_Open", "_Открыть"), context: nil, place: "a.po:10").isEmpty)
        // Accelerators, case and end punctuation do not make another message.
        #expect(consistency.record(pair("Open…", "открыть"), context: nil, place: "a.po:20").isEmpty)
        let other = consistency.record(pair("Open", "Открыть файл"), context: nil, place: "b.po:5")
        #expect(other.map(\.message) == ["this source is translated differently at a.po:10: «_Открыть»"])
        #expect(other.map(\.side) == [.target] && other.map(\.milder) == [false])
        let reverse = consistency.record(pair("Show", "Открыть"), context: nil, place: "b.po:9")
        #expect(reverse.map(\.message) == ["the same translation stands for another source at a.po:10: \"_Open\""])
        #expect(reverse.map(\.milder) == [true], "one translation for two sources is often synonyms")
        // Title case and sentence case are one message.
        #expect(consistency.record(pair("Enter Location", "Орналасуды енгізіңіз", "kk"), context: nil, place: "gtk30.po:1050").isEmpty)
        #expect(consistency.record(pair("Enter location", "Орналасуды енгізіңіз", "kk"), context: nil, place: "gtk30.po:1053").isEmpty)
        // Another context is another message: glib's "May" the month and the short month.
        #expect(consistency.record(pair("Open", "Раскрыть"), context: "menu", place: "c.po:1").isEmpty)
        // Capitals past the first letter count: glib's exabytes and exabits.
        #expect(consistency.record(pair("EB", "ЭБ"), context: nil, place: "glib20.po:856").isEmpty)
        #expect(consistency.record(pair("Eb", "Эбит"), context: nil, place: "glib20.po:866").isEmpty)
        // Another language is another translation.
        #expect(consistency.record(pair("Open", "Ашу", "kk"), context: nil, place: "d.po:1").isEmpty)
    }

    @Test func lengthOutliersAgainstTheLanguagePairsOwnRatio() throws {
        let pairs = CatalogPairs.allMessages(language: "ru").filter { $0.source.count >= 40 && $0.sourcePlural == nil }.prefix(3_000)
        #expect(pairs.count == 3_000)
        var lengths = LengthRatios<String>()
        for (index, message) in pairs.enumerated() {
            lengths.record(source: message.source, target: message.forms[0], languages: "en→ru", place: "real \(index)")
        }
        let real = lengths.outliers()
        // Real human translations: few outliers, and the usual range is about a Russian translation's length.
        #expect(real.count < pairs.count / 50, "\(real.count)")
        let usual = try #require(real.first?.usual)
        #expect(usual.contains(1.15) && usual.lowerBound > 0.4 && usual.upperBound < 2.5, "\(usual)")
        // A translation that lost its second half, and one with a paragraph pasted twice.
        let source = "The Committee of Secretaries of the Security Councils discussed the situation in the region and adopted decisions."
        lengths.record(source: source, target: "Комитет секретарей советов безопасности.", languages: "en→ru", place: "cut")
        lengths.record(source: source, target: String(repeating: "Комитет секретарей советов безопасности обсудил обстановку в регионе. ", count: 4),
                       languages: "en→ru", place: "doubled")
        let places = lengths.outliers().map(\.place)
        #expect(places.contains("cut") && places.contains("doubled"))
        // Too few pairs to know the usual ratio: nothing is reported.
        var few = LengthRatios<String>()
        few.record(source: source, target: "Комитет.", languages: "en→ru", place: "alone")
        #expect(few.outliers().isEmpty)
    }

    @Test func aFileThatStartsSmallByConventionIsNotReported() throws {
        let checker = PairChecker(policy: QAPolicy(severities: [.capitalization: .warning]))
        func reported(_ catalog: String, _ language: String) throws -> (findings: Int, messages: Int) {
            var convention = CapitalizationConvention<String>()
            let messages = CatalogPairs.allMessages(language: language).filter { $0.catalog == catalog }
            for message in messages {
                let pair = SegmentPair(source: message.source, sourceLanguage: "en", target: message.forms[0], targetLanguage: try LanguageTag(language))
                convention.record(pair, finding: checker.check(pair).first.map { _ in message.source })
            }
            return (convention.findings().count, messages.count)
        }
        // Language names are adjectives in Russian, written small: «армянский».
        let names = try reported("iso_639", "ru")
        #expect(names.messages > 400 && names.findings == 0)
        // gas writes its messages capitalized; the few that are not are reported.
        let gas = try reported("gas", "ru")
        #expect(gas.findings > 0 && gas.findings < gas.messages / 20)
    }

    /// The machine's catalogs were compiled by msgfmt, which checks C format strings: the
    /// placeholder rule must be quiet on them, and must catch each placeholder taken out.
    @Test func placeholdersOnRealCatalogs() throws {
        let checker = PairChecker(policy: QAPolicy(severities: [.placeholderMismatch: .error]))
        var messages = 0, reported = 0, removed = 0, caught = 0
        for language in ["ru", "kk", "be", "hy"] {
            for message in CatalogPairs.allMessages(language: language) {
                messages += 1
                let tag = try LanguageTag(language)
                let pair = SegmentPair(source: message.source, sourceLanguage: "en", target: message.forms[0], targetLanguage: tag,
                                       isPlural: message.sourcePlural != nil)
                let found = checker.check(pair)
                reported += found.isEmpty ? 0 : 1
                // Date formats are left to the translator's order and directives.
                guard found.isEmpty, message.sourcePlural == nil, !PairChecker.isDateFormat(pair.source),
                      let first = Placeholders.ranges(in: pair.target).first else { continue }
                var cut = pair
                cut.target = String(pair.target[utf8: 0..<first.lowerBound]) + String(pair.target[utf8: first.upperBound..<pair.target.utf8.count])
                // A translation that was only a placeholder is empty now: the untranslated rule's.
                guard !cut.target.allSatisfy(\.isWhitespace) else { continue }
                removed += 1
                caught += checker.check(cut).isEmpty ? 0 : 1
            }
        }
        #expect(messages > 80_000)
        #expect(reported * 1_000 < messages, "\(reported) of \(messages) messages reported")
        #expect(removed > 10_000 && caught == removed, "\(caught) of \(removed) removed placeholders caught")
    }
}
