import GlossaCore
import GlossaText

/// Splits a block of text into sentences for one language: ICU's sentence rules with
/// Glossa's abbreviation lists, or the rules of an SRX file when the user brings one.
/// Not thread safe: use one per task.
public final class SentenceSegmenter {
    /// The language whose rules apply.
    public let language: LanguageTag
    private let strategy: Strategy

    private enum Strategy {
        case icu(BreakIterator, abbreviations: Set<[UInt8]>)
        case srx([CompiledRule])
    }

    private struct CompiledRule {
        let isBreak: Bool
        let before: ICURegex?
        let after: ICURegex?
    }

    /// A segmenter for `language`; with `srx`, its rules for that language replace ICU's.
    /// Throws `InputError` when an SRX rule does not compile (with the rule's line).
    public init(language: LanguageTag, srx: SRXDocument? = nil) throws {
        self.language = language
        if let srx {
            strategy = .srx(try srx.rules(for: language).map { rule throws(InputError) in
                do {
                    return CompiledRule(isBreak: rule.isBreak,
                                        before: rule.before.isEmpty ? nil : try ICURegex(rule.before),
                                        after: rule.after.isEmpty ? nil : try ICURegex(rule.after))
                } catch {
                    throw InputError("\(error)", file: srx.file, line: rule.line, column: rule.column)
                }
            })
        } else {
            let abbreviations = Set(Abbreviations.list(for: language).map { Array($0.utf8) })
            strategy = .icu(try BreakIterator(.sentence, locale: language.language), abbreviations: abbreviations)
        }
    }

    /// The sentences of `text` as UTF-8 ranges, trimmed of surrounding white space; empty
    /// pieces are dropped.
    public func sentenceRanges(in text: String) -> [Range<Int>] {
        var text = text
        return text.withUTF8 { utf8 in
            let breaks: [Int]
            switch strategy {
            case .icu(let iterator, let abbreviations):
                breaks = iterator.boundaries(in: utf8).map(\.offset)
                    .filter { !Self.isSuppressed(breakAt: $0, in: utf8, abbreviations: abbreviations) }
            case .srx(let rules):
                breaks = Self.srxBreaks(in: utf8, rules: rules)
            }
            var ranges: [Range<Int>] = []
            var start = 0
            for end in breaks + [utf8.count] where end > start {
                if let trimmed = Self.trimmed(start..<end, in: utf8) { ranges.append(trimmed) }
                start = end
            }
            return ranges
        }
    }

    /// The sentences of `text` as strings.
    public func sentences(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        return sentenceRanges(in: text).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// True when the text before `offset` ends in an abbreviation or an initial, so ICU's
    /// break there is wrong.
    private static func isSuppressed(breakAt offset: Int, in utf8: UnsafeBufferPointer<UInt8>,
                                     abbreviations: Set<[UInt8]>) -> Bool {
        guard offset < utf8.count else { return false }
        var end = offset
        while end > 0, isSpace(utf8[end - 1]) { end -= 1 }
        guard end > 0, utf8[end - 1] == UInt8(ascii: ".") else { return false }
        var start = end
        while start > 0, !isSpace(utf8[start - 1]) { start -= 1 }
        // Opening brackets and quotes are not part of the abbreviation: "(см. рис. 2)".
        while start < end, openers.contains(utf8[start]) { start += 1 }
        let token = Array(utf8[start..<end])
        if abbreviations.contains(token) { return true }
        // Two-word entries such as "т. е." span one space.
        if start > 1, isSpace(utf8[start - 1]) {
            var previous = start - 1
            while previous > 0, !isSpace(utf8[previous - 1]) { previous -= 1 }
            if abbreviations.contains(Array(utf8[previous..<end])) { return true }
        }
        return isInitial(token)
    }

    private static let openers: Set<UInt8> = Set("([{\"'".utf8) // multi-byte quotes are handled below

    /// One capital letter and a full stop ("И.", "J."), possibly after an opening quote.
    private static func isInitial(_ token: [UInt8]) -> Bool {
        let letters = String(decoding: token.dropLast(), as: UTF8.self)
            .drop { "«“„‘".contains($0) }
        return letters.count == 1 && letters.first!.isUppercase
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Applies SRX rules in order: at each candidate position the first rule whose patterns
    /// match decides; positions no rule speaks for do not break.
    private static func srxBreaks(in utf8: UnsafeBufferPointer<UInt8>, rules: [CompiledRule]) -> [Int] {
        var decided: [Int: Bool] = [:]
        for rule in rules {
            rule.before?.setSubject(utf8)
            rule.after?.setSubject(utf8)
            let candidates: [Int] = if let before = rule.before {
                before.matchRanges().map(\.upperBound)
            } else {
                (1..<max(utf8.count, 1)).filter { utf8[$0] & 0xC0 != 0x80 }
            }
            for position in candidates where position > 0 && position < utf8.count && decided[position] == nil {
                if rule.after?.matches(at: position) ?? true { decided[position] = rule.isBreak }
            }
        }
        return decided.filter(\.value).keys.sorted()
    }

    /// The range without leading and trailing white space (Unicode spaces included), or nil
    /// when nothing is left.
    private static func trimmed(_ range: Range<Int>, in utf8: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let piece = String(decoding: UnsafeBufferPointer(rebasing: utf8[range]), as: UTF8.self)
        guard let first = piece.unicodeScalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = piece.unicodeScalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return nil }
        let lower = range.lowerBound + piece.utf8.distance(from: piece.startIndex, to: first)
        let upper = range.lowerBound + piece.utf8.distance(from: piece.startIndex, to: piece.unicodeScalars.index(after: last))
        return lower..<upper
    }
}
