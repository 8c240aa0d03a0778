import GlossaTerminology
import GlossaText

/// The `inconsistent-translation` rule across every pair it is shown (the files of one check,
/// or a whole TM): one source translated two ways, and one translation standing for two
/// sources (Xbench's inconsistency in target and in source).
///
/// Texts compare in a loose form, so that what is one message to a translator is one: white
/// space collapsed, case folded ("Enter Location", "Enter location"), accelerator marks
/// (`_Open`, `&Open`) and end punctuation ("Open…", "Name:") left out. A text with no word
/// longer than three letters keeps its case: "EB" (exabytes) and "Eb" (exabits) are two
/// messages.
///
/// One translation for two sources is often a pair of synonyms ("Delete" and "Remove"), so
/// `record` marks it as the milder finding. Units with different contexts (gettext
/// `msgctxt`) are different messages. Memory: two hash-table entries per distinct text, each
/// and the first translation's first 240 bytes with its place.
public struct TranslationConsistency: Sendable {
    private struct First: Sendable {
        var other: UInt64
        var text: String
        var place: String
    }
    /// Text key → index into `firsts` (an `IntegerTable`: the keys are hashes already, and
    /// Swift's Dictionary would hash them again with SipHash).
    private var bySource = IntegerTable()
    private var byTarget = IntegerTable()
    private var firsts: [First] = []
    /// The last language pair's hash seed (so its keys do not collide with another pair's):
    /// a check meets one or a few pairs, in long runs.
    private var lastSeed: (source: LanguageTag, target: LanguageTag, seed: UInt64)?

    public init() {}

    /// Records a pair at `place` (how a message names it: "unit 12", "a.po:40") and answers
    /// what it is inconsistent with among the pairs recorded before; `milder` marks one
    /// translation standing for two sources.
    public mutating func record(_ pair: SegmentPair, context: String?, place: String)
        -> [(message: String, side: TextFinding.Side, milder: Bool)] {
        let languageSeed: UInt64
        if let last = lastSeed, last.source == pair.sourceLanguage, last.target == pair.targetLanguage {
            languageSeed = last.seed
        } else {
            languageSeed = StableHash(pair.sourceLanguage.canonical + ">" + pair.targetLanguage.canonical).high
            lastSeed = (pair.sourceLanguage, pair.targetLanguage, languageSeed)
        }
        let seed = context.map { languageSeed ^ StableHash($0).high } ?? languageSeed
        guard var source = Self.looseForm(pair.source, foldingCase: true), var target = Self.looseForm(pair.target, foldingCase: true)
        else { return [] }
        // Case counts in both texts when it counts in the source ("EB" and "Eb"): read them again.
        if source.longestWord <= 3, let kept = Self.looseForm(pair.source, foldingCase: false),
           let keptTarget = Self.looseForm(pair.target, foldingCase: false) {
            (source, target) = (kept, keptTarget)
        }
        let sourceKey = StableHash(source.form, seed: seed).high
        let targetKey = StableHash(target.form, seed: seed &+ 1).high
        var found: [(message: String, side: TextFinding.Side, milder: Bool)] = []
        if let first = conflict(sourceKey, other: targetKey, in: \.bySource, text: pair.target, place: place) {
            found.append(("this source is translated differently at \(first.place): «\(Self.excerpt(first.text))»", .target, false))
        }
        if let first = conflict(targetKey, other: sourceKey, in: \.byTarget, text: pair.source, place: place) {
            found.append(("the same translation stands for another source at \(first.place): \"\(Self.excerpt(first.text))\"", .source, true))
        }
        return found
    }

    /// What was recorded first under `key` in `table`, when it went with another text than
    /// `other`; a new key is recorded with `text` (the other side) and `place`.
    private mutating func conflict(_ key: UInt64, other: UInt64, in table: WritableKeyPath<Self, IntegerTable>, text: String,
                                   place: String) -> First? {
        if let index = self[keyPath: table].value(for: key) {
            let first = firsts[Int(index)]
            return first.other == other ? nil : first
        }
        self[keyPath: table].set(Int32(firsts.count), for: key)
        firsts.append(First(other: other, text: Self.opening(text), place: place))
        return nil
    }

    /// The first 240 bytes of a text, cut at a scalar's start: enough for an excerpt, and
    /// cheap for every text recorded, most of which are never reported.
    private static func opening(_ text: String) -> String {
        guard text.utf8.count > 240 else { return text }
        var end = 240
        let bytes = Array(text.utf8.prefix(244))
        while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    private static func excerpt(_ text: String) -> String {
        let line = text.collapsingWhitespace()
        return line.count > 60 ? line.prefix(59) + "…" : line
    }

    /// The form texts compare in (see the type's comment), case-folded or not, with the
    /// letters of its longest word; nil for a text with nothing left. Built on the bytes.
    static func looseForm(_ text: String, foldingCase: Bool) -> (form: [UInt8], longestWord: Int)? {
        var form: [UInt8] = []
        form.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var wordLetters = 0, longestWord = 0
        var previous: UInt8 = 0x20
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    index += 1
                    defer { previous = byte }
                    if byte == 0x20 || (0x09...0x0D).contains(byte) {
                        pendingSpace = !form.isEmpty
                        continue
                    }
                    let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
                    // `_` or `&` before a letter marks a keyboard accelerator ("_Open", "&File").
                    if isLetter, previous == UInt8(ascii: "_") || previous == UInt8(ascii: "&"), form.last == previous { form.removeLast() }
                    if pendingSpace { form.append(0x20); pendingSpace = false }
                    form.append(foldingCase && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    wordLetters = isLetter ? wordLetters + 1 : 0
                    longestWord = max(longestWord, wordLetters)
                    continue
                }
                if (byte == 0xD0 || byte == 0xD1), index + 1 < bytes.count {
                    // Cyrillic's basic letters, folded on their bytes: А–П D0 90–9F → D0 B0–BF,
                    // Р–Я D0 A0–AF → D1 80–8F, Ѐ–Џ D0 80–8F → D1 90–9F.
                    var lead = byte, second = bytes[index + 1]
                    if foldingCase && lead == 0xD0 {
                        switch second {
                        case 0x90...0x9F: second += 0x20
                        case 0xA0...0xAF: (lead, second) = (0xD1, second - 0x20)
                        case 0x80...0x8F: (lead, second) = (0xD1, second + 0x10)
                        default: break
                        }
                    }
                    index += 2
                    if previous == UInt8(ascii: "_") || previous == UInt8(ascii: "&"), form.last == previous { form.removeLast() }
                    if pendingSpace { form.append(0x20); pendingSpace = false }
                    form.append(lead)
                    form.append(second)
                    wordLetters += 1
                    longestWord = max(longestWord, wordLetters)
                    previous = 0x80
                    continue
                }
                let (scalar, length) = bytes.scalar(at: index)
                index += length
                if scalar.isSpace {
                    pendingSpace = !form.isEmpty
                    previous = 0x20
                    wordLetters = 0
                    continue
                }
                if scalar.isLetter, previous == UInt8(ascii: "_") || previous == UInt8(ascii: "&"), form.last == previous { form.removeLast() }
                if pendingSpace { form.append(0x20); pendingSpace = false }
                UTF8.encode(foldingCase ? scalar.lowercased : scalar) { form.append($0) }
                wordLetters = scalar.isLetter ? wordLetters + 1 : 0
                longestWord = max(longestWord, wordLetters)
                previous = 0x80
            }
        }
        let trimmedForm = trimmed(form)
        return trimmedForm.isEmpty ? nil : (trimmedForm, longestWord)
    }

    /// `form` without end punctuation: "Open…", "Name:", "Save." are the messages "Open",
    /// "Name", "Save".
    private static func trimmed(_ form: [UInt8]) -> [UInt8] {
        var form = form
        while let last = form.last, last == 0x2E || last == 0x3A || last == 0x21 || last == 0x3F || last == 0x3B || last == 0x20 {
            form.removeLast()
        }
        // "…" (E2 80 A6) and the Armenian full stop "։" (D6 89).
        while true {
            let count = form.count
            if count >= 3, form[count - 3] == 0xE2, form[count - 2] == 0x80, form[count - 1] == 0xA6 {
                form.removeLast(3)
            } else if count >= 2, form[count - 2] == 0xD6, form[count - 1] == 0x89 {
                form.removeLast(2)
            } else {
                break
            }
        }
        return form
    }
}
