import GlossaTerminology
import GlossaText
import Testing

/// The checks on real CSTO sentences: true positives, and the false positives users complain about.
@Suite struct TermCheckerTests {
    static let csto = Termbase(name: "csto", concepts: [
        Concept(id: "csto", terms: [
            Term("Collective Security Treaty Organization", language: "en", status: .preferred, type: .fullForm),
            Term("CSTO", language: "en", status: .preferred, type: .acronym),
            Term("Collective Security Treaty Organisation", language: "en", status: .deprecated, type: .fullForm),
            Term("Организация Договора о коллективной безопасности", language: "ru", status: .preferred, type: .fullForm),
            Term("ОДКБ", language: "ru", status: .preferred, type: .acronym),
        ]),
        Concept(id: "secretary-general", terms: [
            Term("Secretary General", language: "en", status: .preferred),
            Term("Secretary-General", language: "en", status: .deprecated),
            Term("Генеральный секретарь", language: "ru", status: .preferred),
            Term("Генсек", language: "ru", status: .deprecated),
        ]),
        Concept(id: "ict", terms: [
            Term("ICT", language: "en", status: .preferred, type: .acronym),
            Term("ICT", language: "kk", status: .preferred, type: .acronym),
        ]),
    ])

    let checker = TermChecker(termbase: csto)

    @Test func deprecatedTermSuggestsThePreferredOne() throws {
        let findings = try checker.check(text: "The CSTO Secretary-General spoke.", language: "en").findings
        #expect(findings.map(\.rule) == [.deprecatedTerm])
        #expect(findings.first?.term == "Secretary-General")
        #expect(findings.first?.suggestion == "Secretary General")
        #expect(findings.first?.severity == .error)
    }

    @Test func approvedTranslationInInflectedFormPasses() throws {
        let result = try checker.check(
            source: "The Secretary General of the CSTO took part.", sourceLanguage: "en",
            target: "В заседании принял участие Генерального секретаря ОДКБ.", targetLanguage: "ru")
        #expect(result.findings.isEmpty)
    }

    @Test func missingTranslationIsReportedOnce() throws {
        let result = try checker.check(
            source: "The CSTO and the CSTO again.", sourceLanguage: "en",
            target: "Организация провела учения.", targetLanguage: "ru")
        #expect(result.findings.map(\.rule) == [.missingTargetTerm])
        #expect(result.findings.first?.suggestion == "ОДКБ")
        #expect(result.findings.first?.message.contains("'ОДКБ'") == true)
    }

    @Test func anyApprovedSynonymSatisfiesTheTarget() throws {
        let base = Termbase(name: "t", concepts: [Concept(id: "joint-staff", terms: [
            Term("CSTO Joint Staff", language: "en", status: .preferred),
            Term("Объединённый штаб ОДКБ", language: "ru", status: .preferred),
            Term("Объединенный штаб ОДКБ", language: "ru", status: .admitted),
        ])])
        let checker = TermChecker(termbase: base)
        let result = try checker.check(source: "The CSTO Joint Staff planned it.", sourceLanguage: "en",
                                       target: "Это спланировал Объединенный штаб ОДКБ.", targetLanguage: "ru")
        #expect(result.findings.isEmpty)
    }

    @Test func countsAreNotCompared() throws {
        let result = try checker.check(
            source: "The CSTO said the CSTO would act.", sourceLanguage: "en",
            target: "ОДКБ заявила, что будет действовать.", targetLanguage: "ru")
        #expect(result.findings.isEmpty)
    }

    @Test func deprecatedTargetTermIsNotAlsoMissing() throws {
        let result = try checker.check(
            source: "The Secretary General spoke.", sourceLanguage: "en", target: "Выступил Генсек.", targetLanguage: "ru")
        #expect(result.findings.map(\.rule) == [.deprecatedTargetTerm])
        #expect(result.findings.first?.suggestion == "Генеральный секретарь")
        #expect(result.findings.first?.side == .target)
    }

    @Test func acronymKeptAsItIs() throws {
        let result = try checker.check(source: "ICT security matters.", sourceLanguage: "en",
                                       target: "Ақпараттық-коммуникациялық технологиялар қауіпсіздігі.", targetLanguage: "kk")
        #expect(result.findings.map(\.rule) == [.acronymNotKept])
        let kept = try checker.check(source: "ICT security matters.", sourceLanguage: "en",
                                     target: "ICT қауіпсіздігі маңызды.", targetLanguage: "kk")
        #expect(kept.findings.isEmpty)
    }

    @Test func policyTurnsRulesOffAndIgnoresTerms() throws {
        var severities = CheckPolicy().severities
        severities[.deprecatedTerm] = nil
        let quiet = TermChecker(termbase: Self.csto, policy: CheckPolicy(severities: severities))
        #expect(try quiet.check(text: "The Secretary-General spoke.", language: "en").findings.isEmpty)
        let ignoring = TermChecker(termbase: Self.csto, policy: CheckPolicy(ignored: ["secretary-general"]))
        #expect(try ignoring.check(text: "The Secretary-General spoke.", language: "en").findings.isEmpty)
    }

    @Test func variantsOfOneConceptInOneDocument() throws {
        let base = Termbase(name: "t", concepts: [Concept(id: "kg", terms: [
            Term("Kyrgyz Republic", language: "en", status: .preferred, type: .fullForm),
            Term("Kyrgyzstan", language: "en", status: .admitted, type: .shortForm),
        ]), Concept(id: "csto", terms: [
            Term("Collective Security Treaty Organization", language: "en", status: .preferred, type: .fullForm),
            Term("CSTO", language: "en", status: .preferred, type: .acronym),
        ])])
        let checker = TermChecker(termbase: base)
        var tracker = VariantTracker<Int>()
        let texts = ["The Collective Security Treaty Organization (CSTO) met in the Kyrgyz Republic.",
                     "Kyrgyzstan chaired the CSTO meeting.", "Delegates arrived in Kyrgyzstan."]
        for (line, text) in texts.enumerated() {
            tracker.record(try checker.check(text: text, language: "en").occurrences, in: text) { _ in line + 1 }
        }
        let findings = tracker.findings(termbase: base, severity: .warning)
        // Acronym and full form side by side are not variants; the two names of one country are.
        #expect(findings.map(\.place) == [2, 3])
        #expect(findings.allSatisfy { $0.finding.suggestion == "Kyrgyz Republic" && $0.finding.rule == .inconsistentVariants })
    }
}
