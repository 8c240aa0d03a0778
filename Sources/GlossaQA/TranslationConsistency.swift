import GlossaTerminology
import GlossaText

/// The `inconsistent-translation` rule across every pair it is shown (the files of one check,
/// or a whole TM): one source translated two ways, and one translation standing for two
/// sources (Xbench's inconsistency in target and in source).
///
/// Texts compare in a loose form, so that what is one message to a translator is one:
/// case-folded, white space collapsed, accelerator marks (`_Open`, `&Open`) and end
/// punctuation ("Open…", "Name:") left out. Units with different contexts (gettext
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
    /// The hash seed of each language pair, so a pair's keys do not collide with another's.
    private var seeds: [[LanguageTag]: UInt64] = [:]

    public init() {}

    /// Records a pair at `place` (how a message names it: "unit 12", "a.po:40") and answers
    /// what it is inconsistent with among the pairs recorded before.
    public mutating func record(_ pair: SegmentPair, context: String?, place: String) -> [(message: String, side: TextFinding.Side)] {
        let languages = [pair.sourceLanguage, pair.targetLanguage]
        let languageSeed = seeds[languages] ?? StableHash(pair.sourceLanguage.canonical + ">" + pair.targetLanguage.canonical).high
        seeds[languages] = languageSeed
        let seed = context.map { languageSeed ^ StableHash($0).high } ?? languageSeed
        guard let sourceKey = Self.looseKey(pair.source, seed: seed), let targetKey = Self.looseKey(pair.target, seed: seed &+ 1) else { return [] }
        var found: [(message: String, side: TextFinding.Side)] = []
        if let first = conflict(sourceKey, other: targetKey, in: \.bySource, text: pair.target, place: place) {
            found.append(("this source is translated differently at \(first.place): «\(Self.excerpt(first.text))»", .target))
        }
        if let first = conflict(targetKey, other: sourceKey, in: \.byTarget, text: pair.source, place: place) {
            found.append(("the same translation stands for another source at \(first.place): \"\(Self.excerpt(first.text))\"", .source))
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

    /// The hash of the form texts compare in: case-folded, white space collapsed, without
    /// accelerator marks and end punctuation; nil for a text with nothing left. Built on the
    /// bytes: Latin, Cyrillic and Armenian capitals fold by their code point offsets, other
    /// scripts through Unicode's lower-case mapping.
    static func looseKey(_ text: String, seed: UInt64) -> UInt64? {
        var form: [UInt8] = []
        form.reserveCapacity(text.utf8.count)
        var pendingSpace = false
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
                    form.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for offset in 1..<length where index + offset < bytes.count { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                index += length
                let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                if scalar.isSpace {
                    pendingSpace = !form.isEmpty
                    previous = 0x20
                    continue
                }
                if scalar.isLetter, previous == UInt8(ascii: "_") || previous == UInt8(ascii: "&"), form.last == previous { form.removeLast() }
                if pendingSpace { form.append(0x20); pendingSpace = false }
                UTF8.encode(scalar.lowercased) { form.append($0) }
                previous = 0x80
            }
        }
        // End punctuation: "Open…", "Name:", "Save." are the messages "Open", "Name", "Save".
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
        guard !form.isEmpty else { return nil }
        return StableHash(form, seed: seed).high
    }

}
