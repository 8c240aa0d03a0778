import CGlossaICU
import Testing
@testable import GlossaText

@Suite struct NormalizationTests {
    @Test func composesDecomposedCyrillicAndLatin() {
        // "й" as и + combining breve, "é" as e + combining acute: what some editors and PDFs produce.
        let decomposed = "\u{0438}\u{0306}од, caf\u{0065}\u{0301}"
        #expect(decomposed.normalized(.nfc) == "йод, café")
        #expect(decomposed.normalized(.nfc).unicodeScalars.count == 9)
        #expect("йод".normalized(.nfd).unicodeScalars.count == 4)
    }

    @Test func compatibilityFormsFoldLigaturesAndWidth() {
        #expect("ﬁnal ＣＳＴＯ".normalized(.nfkc) == "final CSTO")
        #expect("ﬁ".normalized(.nfc) == "ﬁ")
        #expect("ﬁ".normalized(.nfkd) == "fi")
    }

    @Test func asciiAndEmptyPassThrough() {
        #expect("".normalized(.nfc) == "")
        #expect("CSTO".normalized(.nfkd) == "CSTO")
    }

    @Test func fullCaseFolding() {
        #expect("Straße".caseFolded() == "strasse")
        #expect("ОДКБ Комитет".caseFolded() == "одкб комитет")
        #expect("ՀԱՊԿ".caseFolded() == "հապկ")
        #expect("ΣΊΣΥΦΟΣ".caseFolded() == "σίσυφοσ")
        #expect("".caseFolded() == "")
    }

    @Test(arguments: [
        "Генеральный секретарь ОДКБ", "Ұжымдық қауіпсіздік туралы шарт ұйымы", "Арганізацыя Дагавора аб калектыўнай бяспецы",
        "Հավաքական անվտանգության պայմանագրի կազմակերպություն", "Résumé naïve", "«ОДКБ»",
    ])
    func composedTextIsItsOwnLookupForm(text: String) {
        #expect(text.lookupFormIfDifferent() == nil)
        #expect(text.normalized(.nfc).utf8.elementsEqual(text.utf8))
    }

    @Test(arguments: [
        ("и\u{0306}", "й"),                  // Cyrillic with a combining breve
        ("\u{0430}\u{0483}\u{0301}", "\u{0430}\u{0483}\u{0301}"),  // Cyrillic titlo: a combining mark, left to ICU
        ("e\u{0301}", "é"),
        ("\u{2126}", "\u{03A9}"),            // OHM SIGN is a singleton: NFC gives Greek Omega
        ("Ա\u{0301}", "Ա\u{0301}"),
    ])
    func decomposedTextIsComposed(text: String, expected: String) {
        #expect(text.normalizedForLookup().utf8.elementsEqual(expected.normalized(.nfc).utf8))
        #expect(text.normalizedForLookup().utf8.elementsEqual(text.normalized(.nfc).utf8))
    }

    @Test func lookupFormCollapsesSpacesAndComposes() {
        // The seed page has double spaces and no-break spaces between words.
        let text = "  the VI meeting\u{00A0}\u{00A0}of the Interstate\tWorking Group  "
        #expect(text.normalizedForLookup() == "the VI meeting of the Interstate Working Group")
        #expect("e\u{0301}\n\n".normalizedForLookup() == "é")
    }

    @Test func everyUnicodeSpaceCollapsesAndNothingElse() {
        // The byte-level collapser must agree with Unicode's White_Space property everywhere.
        let spaces = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter { $0.properties.isWhitespace }
        #expect(spaces.count == 25)
        for space in spaces {
            let text = "\(space)ОДКБ\(space)\(space)CSTO\(space)"
            #expect(text.collapsingWhitespace() == "ОДКБ CSTO", "U+\(String(space.value, radix: 16))")
            #expect(text.normalizedForLookup() == "ОДКБ CSTO")
        }
        for notSpace in ["\u{200B}", "\u{180E}", "\u{FEFF}", "\u{1C}"] {
            #expect("a\(notSpace)b".collapsingWhitespace() == "a\(notSpace)b")
        }
    }

    @Test func everyCharacterTheScanCallsComposedHasAnNFCBoundaryBeforeIt() {
        // The lookup form skips ICU for text made only of such characters: ICU must agree
        // for each one, or decomposed text would be stored as it came.
        var admitted = 0
        for scalar in (0x80...0x10FFFF).compactMap(Unicode.Scalar.init) where !scalar.properties.isWhitespace {
            guard String(scalar).lookupScan.composed else { continue }
            admitted += 1
            #expect(CGlossaICU_hasNFCBoundaryBefore(Int32(scalar.value)) == 1, "U+\(String(scalar.value, radix: 16))")
        }
        #expect(admitted > 1000)
        for text in ["Ұжымдық қауіпсіздік", "Арганізацыя Дагавора", "Հավաքական", "18–19 июня «ОДКБ»", "naïve"] {
            #expect(text.lookupScan == String.LookupScan(collapsed: true, composed: true), "\(text)")
        }
        for text in ["и\u{0306}", "\u{0430}\u{0483}", "ΣΊΣΥΦΟΣ", "\u{2126}", "中文"] {
            #expect(!text.lookupScan.composed, "\(text)")
        }
    }

    @Test func lookupFormAgreesWithCollapsingThenICU() {
        // Every character of the first planes, alone, before a combining mark, and between
        // double spaces: the one-pass scan must give what collapsing and ICU's NFC give.
        for scalar in (0...0x3400).compactMap(Unicode.Scalar.init) {
            for text in ["a\(scalar)b", "\(scalar)\u{0301}", "  x\(scalar)  \(scalar)\u{0308} "] {
                let expected = text.collapsingWhitespace().normalized(.nfc)
                #expect(text.normalizedForLookup().utf8.elementsEqual(expected.utf8), "U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test func longTextGrowsTheBuffer() {
        // Each "ﷺ" expands to 18 code points under NFKC, far beyond the first buffer guess.
        let text = String(repeating: "ﷺ", count: 200)
        let folded = text.normalized(.nfkc)
        #expect(folded.unicodeScalars.count == 200 * 18)
    }
}

@Suite struct TransliterationTests {
    @Test(arguments: [
        ("Имангали Тасмагамбетов", "Imangali Tasmagambetov"),
        ("Чолпон-Ата", "Colpon-Ata"),
        ("Душанбе", "Dusanbe"),
        ("ՀԱՊԿ", "HAPK"),
        ("Ұжымдық қауіпсіздік", "Uzymdyk kauipsizdik"),
        ("Қазақстан", "Kazakstan"),
        ("CSTO", "CSTO"),
    ])
    func toASCIILatin(source: String, expected: String) {
        #expect(Transliterator.toASCIILatin.transliterate(source) == expected)
    }

    @Test func unknownTransformIsAnError() {
        #expect(throws: TextError.self) { try Transliterator(id: "Klingon-Latin") }
    }
}

@Suite struct StableHashTests {
    @Test func sameInputSameHashDifferentInputDifferentHash() {
        #expect(StableHash("ОДКБ") == StableHash("ОДКБ"))
        #expect(StableHash("ОДКБ") != StableHash("ОДКБ "))
        #expect(StableHash("a", seed: 1) != StableHash("a", seed: 2))
        #expect(StableHash("").bytes.count == 16)
    }

    @Test func valueIsFixedAcrossProcesses() {
        // Persisted in TM files: this value must never change between builds or machines.
        let first = StableHash("Collective Security Treaty Organization")
        let again = StableHash(Array("Collective Security Treaty Organization".utf8))
        #expect(first == again)
        #expect(StableHash("") == StableHash([UInt8]()))
    }

    @Test func knownValues() {
        // MurmurHash3 x64-128 of "" with seed 0 is all zeros; these pin the on-disk format.
        #expect(StableHash("") == StableHash(high: 0, low: 0))
        let hash = StableHash("The quick brown fox jumps over the lazy dog")
        #expect(String(hash.high, radix: 16) == "e34bbc7bbc071b6c")
        #expect(String(hash.low, radix: 16) == "7a433ca9c49a9347")
    }

    @Test func everyTailLengthChangesTheHash() {
        var seen = Set<StableHash>()
        let text = Array("Комитет секретарей советов безопасности".utf8)
        for length in 0...text.count { seen.insert(StableHash(text[..<length])) }
        #expect(seen.count == text.count + 1)
    }
}

@Suite struct StableHashSetTests {
    @Test func insertsOnceAndFindsWhatItHolds() {
        var set = StableHashSet(capacity: 4)
        let hashes = (0..<5000).map { StableHash("сегмент \($0)") }
        let first = hashes.map { set.insert($0) }
        let again = hashes.shuffled().map { set.insert($0) }
        #expect(first.allSatisfy { $0 } && !again.contains(true))
        #expect(set.count == hashes.count)
        #expect(hashes.allSatisfy { set.contains($0) })
        #expect(!set.contains(StableHash("сегмент 5000")))
    }

    @Test func theZeroHashIsAnElementLikeAnyOther() {
        var set = StableHashSet()
        let zero = StableHash(high: 0, low: 0)
        #expect(!set.contains(zero))
        let added = set.insert(zero), addedAgain = set.insert(zero)
        #expect(added && !addedAgain)
        #expect(set.contains(zero) && set.count == 1)
        // Same slot as zero (low bits), different hash: both stay apart.
        let sameSlot = StableHash(high: 1, low: 0)
        let addedSameSlot = set.insert(sameSlot)
        #expect(addedSameSlot && set.contains(sameSlot) && set.count == 2)
    }
}
