import GlossaTerminology
import GlossaText

/// Runs the QA checks that need only one segment pair: numbers, placeholders, tags, empty
/// and unchanged translations, punctuation, spacing and capitalization. Consistency and
/// length need many pairs: see `TranslationConsistency` and `LengthRatios`. Stateless and
/// thread safe.
public struct PairChecker: Sendable {
    /// Which rules run and how loudly.
    public let policy: QAPolicy

    public init(policy: QAPolicy = QAPolicy()) {
        self.policy = policy
    }

    /// The findings of every enabled pair rule, in rule order.
    public func check(_ pair: SegmentPair) -> [QAFinding] {
        var findings: [QAFinding] = []
        func add(_ rule: QARule, _ message: String, _ piece: String, suggestion: String? = nil, side: TextFinding.Side = .target,
                 _ range: Range<Int>) {
            guard let severity = policy.severities[rule] else { return }
            findings.append(QAFinding(rule: rule, severity: severity, message: message, piece: piece, suggestion: suggestion,
                                      side: side, start: range.lowerBound, end: range.upperBound))
        }
        let sourceBlank = pair.source.unicodeScalars.allSatisfy(\.isSpace)
        if pair.target.unicodeScalars.allSatisfy(\.isSpace) {
            if !sourceBlank { add(.untranslated, "the translation is empty", pair.source, side: .source, 0..<pair.source.utf8.count) }
            return findings
        }
        if isUnchanged(pair) {
            add(.targetEqualsSource, "the translation is the source unchanged", pair.target, 0..<pair.target.utf8.count)
        }
        let sourceCodes = SegmentCodes(pair.source, inlineCodes: pair.hasInlineCodes)
        let targetCodes = SegmentCodes(pair.target, inlineCodes: pair.hasInlineCodes)
        if policy.severities[.placeholderMismatch] != nil, !Self.isDateFormat(pair.source) {
            let (missing, extra) = SegmentCodes.difference(sourceCodes.placeholders, targetCodes.placeholders)
            // A plural message's singular form may leave the count out ("одна минута").
            for code in missing where !pair.isPlural {
                add(.placeholderMismatch, "the placeholder \(code.written) is missing from the translation", code.written,
                    suggestion: code.written, side: .source, code.range)
            }
            for code in extra {
                add(.placeholderMismatch, "the placeholder \(code.written) is not in the source", code.written, code.range)
            }
        }
        if policy.severities[.tagMismatch] != nil {
            let (missing, extra) = SegmentCodes.difference(sourceCodes.tags, targetCodes.tags)
            for code in missing {
                add(.tagMismatch, "the tag \(code.written) is missing from the translation", code.written, side: .source, code.range)
            }
            for code in extra { add(.tagMismatch, "the tag \(code.written) is not in the source", code.written, code.range) }
        }
        if policy.severities[.numberMismatch] != nil {
            for mismatch in numberMismatches(pair, sourceCodes: sourceCodes, targetCodes: targetCodes) {
                add(.numberMismatch, mismatch.message, mismatch.piece, suggestion: mismatch.suggestion, side: mismatch.side, mismatch.range)
            }
        }
        if policy.severities[.punctuation] != nil {
            for found in Punctuation.punctuation(pair) { add(.punctuation, found.message, found.piece, suggestion: found.suggestion, found.range) }
        }
        if policy.severities[.spacing] != nil {
            for found in Punctuation.spacing(pair) { add(.spacing, found.message, found.piece, suggestion: found.suggestion, found.range) }
        }
        if policy.severities[.capitalization] != nil, let range = Capitalization.lowerCaseStart(pair) {
            add(.capitalization, "the source starts upper-case, the translation lower-case", String(pair.target[utf8: range]),
                suggestion: String(pair.target[utf8: range]).uppercased(), range)
        }
        return findings
    }

    /// Whether the translation is the source as it is, for a text that should have changed.
    /// Left alone: a text the policy allows to stay; names (every word capitalized, an
    /// acronym or a number: "Bourne Again Shell", "Xft DPI", "Python 3"); code and command
    /// synopses (brackets, `|`, `=`, `--`, `_` or `:` inside a word, paths: "exit [n]", "id=",
    /// "calendar:MY"); a text with no word
    /// of two letters.
    func isUnchanged(_ pair: SegmentPair) -> Bool {
        guard pair.sourceLanguage.language != pair.targetLanguage.language else { return false }
        // Most translations differ from their source in the first bytes: compare before trimming.
        guard pair.source.utf8.count - pair.target.utf8.count < 16, pair.target.utf8.count - pair.source.utf8.count < 16 else { return false }
        let source = pair.source.trimmingWhitespace(), target = pair.target.trimmingWhitespace()
        guard source == target, !policy.allowedSame.contains(source.lowercased()) else { return false }
        var withoutCodes = ""
        var copied = 0
        for range in Placeholders.ranges(in: source) {
            withoutCodes += source[utf8: copied..<range.lowerBound] + " "
            copied = range.upperBound
        }
        withoutCodes += source[utf8: copied..<source.utf8.count]
        let characters = Array(withoutCodes)
        // `_` or `:` inside a word: an identifier ("initialize_job_control", gettext's "calendar:MY").
        let joinsWord = characters.indices.dropFirst().dropLast().contains { index in
            (characters[index] == "_" || characters[index] == ":") && characters[index - 1].isLetter && !characters[index + 1].isWhitespace
        }
        let isCode = joinsWord || withoutCodes.contains { "[]|=<>{}\\/".contains($0) } || withoutCodes.contains("--")
        if isCode { return false }
        let words = withoutCodes.split { $0.isWhitespace || $0 == "(" || $0 == ")" || $0 == "," || $0 == ":" || $0 == "%" }
        let isName = words.allSatisfy { word in
            word.first?.isUppercase == true || word.contains(where: \.isNumber) || word.allSatisfy { !$0.isLetter }
        }
        return !isName && words.contains { $0.filter(\.isLetter).count >= 2 }
    }

    /// Whether `text` is a strftime date format ("%a %b %e %H:%M:%S %Y"), which a translation
    /// rewrites in its own order and directives: it holds a directive that is not printf's.
    public static func isDateFormat(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.indices.dropLast().contains { index in
            bytes[index] == UInt8(ascii: "%") && (index == 0 || bytes[index - 1] != UInt8(ascii: "%"))
                && "HMSYmZTRrjUWyCDkVGgz".utf8.contains(bytes[index + 1])
        }
    }

    private struct NumberMismatch {
        var message: String
        var piece: String
        var suggestion: String?
        var side: TextFinding.Side
        var range: Range<Int>
    }

    /// Numbers of the source not in the translation and the other way round; a missing and an
    /// extra one in the same order are reported together, as the one written wrong.
    private func numberMismatches(_ pair: SegmentPair, sourceCodes: SegmentCodes, targetCodes: SegmentCodes) -> [NumberMismatch] {
        let sourceNumbers = NumberReader.numbers(in: pair.source, language: pair.sourceLanguage,
                                                 excluding: (sourceCodes.placeholders + sourceCodes.tags).map(\.range).sorted { $0.lowerBound < $1.lowerBound })
        let targetNumbers = NumberReader.numbers(in: pair.target, language: pair.targetLanguage,
                                                 excluding: (targetCodes.placeholders + targetCodes.tags).map(\.range).sorted { $0.lowerBound < $1.lowerBound })
        guard !(sourceNumbers.isEmpty && targetNumbers.isEmpty) else { return [] }
        var unmatched = targetNumbers
        var missing: [WrittenNumber] = []
        for number in sourceNumbers {
            let index = unmatched.firstIndex { $0.value == number.value }
                ?? unmatched.firstIndex { $0.value == number.alternative || $0.alternative == number.value }
            if let index { unmatched.remove(at: index) } else { missing.append(number) }
        }
        // Zero to ten may be spelled out on the other side ("less than 0", «меньше нуля»).
        func spelled(_ numbers: inout [WrittenNumber], in text: String, _ language: LanguageTag) {
            guard numbers.contains(where: { $0.value.count == 1 || $0.value == "10" }) else { return }
            var words = NumberReader.spelledNumbers(in: text, language: language)
            numbers.removeAll { number in
                guard let index = words.firstIndex(where: { $0.value == number.value }) else { return false }
                words.remove(at: index)
                return true
            }
        }
        spelled(&missing, in: pair.target, pair.targetLanguage)
        spelled(&unmatched, in: pair.source, pair.sourceLanguage)
        var mismatches: [NumberMismatch] = []
        for (wrong, extra) in zip(missing, unmatched) {
            let written = String(pair.target[utf8: extra.range]), expected = String(pair.source[utf8: wrong.range])
            mismatches.append(NumberMismatch(message: "the translation has \(written) where the source has \(expected)",
                                             piece: written, suggestion: nil, side: .target, range: extra.range))
        }
        for number in missing.dropFirst(unmatched.count) {
            let written = String(pair.source[utf8: number.range])
            mismatches.append(NumberMismatch(message: "the number \(written) is not in the translation", piece: written,
                                             suggestion: nil, side: .source, range: number.range))
        }
        for number in unmatched.dropFirst(missing.count) {
            let written = String(pair.target[utf8: number.range])
            mismatches.append(NumberMismatch(message: "the translation has the number \(written), which the source does not",
                                             piece: written, suggestion: nil, side: .target, range: number.range))
        }
        return mismatches
    }
}

extension String {
    /// The text without leading and trailing white space.
    func trimmingWhitespace() -> String {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return String(self[start..<max(start, end)])
    }
}
