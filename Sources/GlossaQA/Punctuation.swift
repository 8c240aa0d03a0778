import GlossaText

/// The punctuation and spacing checks of a segment pair: end punctuation, brackets and
/// quotation marks (`punctuation`), double spaces, spaces before punctuation and the white
/// space a segment starts and ends with (`spacing`).
enum Punctuation {
    /// One thing found wrong, before the pair checker gives it its rule and severity.
    struct Issue {
        var message: String
        var piece: String
        var suggestion: String?
        var range: Range<Int>

        init(_ message: String, _ piece: String, _ suggestion: String?, _ range: Range<Int>) {
            self.message = message
            self.piece = piece
            self.suggestion = suggestion
            self.range = range
        }
    }

    /// What ends a sentence, by kind, so that marks of other scripts compare: the Armenian
    /// full stop `։` is a period, `…` and `...` are one ellipsis.
    enum Ending: String {
        case period = "a full stop", question = "a question mark", exclamation = "an exclamation mark"
        case colon = "a colon", semicolon = "a semicolon", ellipsis = "an ellipsis", none = "no punctuation"
    }

    /// Languages whose sentences end without punctuation (Thai, Lao, Khmer, Burmese write
    /// none or their own marks), left out of the end punctuation check.
    static let withoutEndPunctuation = ["th", "lo", "km", "my"]

    /// Quotation marks a language's texts should use for its own words, and what to suggest.
    static let quotationMarks: [String: (wrong: [Unicode.Scalar], write: String)] = {
        let guillemets: (wrong: [Unicode.Scalar], write: String) = (["\"", "“", "”"], "«…»")
        var table: [String: (wrong: [Unicode.Scalar], write: String)] = [:]
        for language in ["ru", "be", "uk", "kk", "ky", "tg", "hy"] { table[language] = guillemets }
        table["en"] = (["«", "»", "„"], "“…”")
        return table
    }()

    /// The end of `text` past closing quotes, brackets and white space: its kind and where it is.
    static func ending(of text: String) -> (Ending, Range<Int>) {
        let scalars = text.unicodeScalars
        var end = scalars.endIndex
        var utf8End = text.utf8.count
        // Closing quotes and brackets, not `}` or `>`, which end code ("\\x{…}", "<%s>").
        let closers = "\"'»”’)]".unicodeScalars
        while end > scalars.startIndex {
            let before = scalars.index(before: end)
            guard scalars[before].isSpace || closers.contains(scalars[before]) else { break }
            end = before
            utf8End -= UTF8.width(scalars[before])
        }
        guard end > scalars.startIndex else { return (.none, utf8End..<utf8End) }
        let lastIndex = scalars.index(before: end)
        let last = scalars[lastIndex]
        let range = utf8End - UTF8.width(last)..<utf8End
        switch last {
        case ".":
            let isEllipsis = text.utf8.count >= 3 && utf8End >= 3 && Array(text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: utf8End - 3)...].prefix(3)) == [0x2E, 0x2E, 0x2E]
            return isEllipsis ? (.ellipsis, utf8End - 3..<utf8End) : (.period, range)
        case "։", "。", "।", "۔", "｡": return (.period, range)
        case "?", "？", "؟", "՞": return (.question, range)
        case "!", "！", "՜": return (.exclamation, range)
        case ":", "：": return (.colon, range)
        case ";", "；": return (.semicolon, range)
        case "…": return (.ellipsis, range)
        default: return (.none, range)
        }
    }

    /// Findings of the `punctuation` rule.
    static func punctuation(_ pair: SegmentPair) -> [Issue] {
        var found: [Issue] = []
        let target = pair.target
        if !withoutEndPunctuation.contains(pair.targetLanguage.language) {
            let (sourceEnd, _) = ending(of: pair.source)
            var (targetEnd, range) = ending(of: target)
            // Armenian marks a question on the stressed word (՞) and ends it with a full stop.
            if sourceEnd == .question, targetEnd == .period, target.unicodeScalars.contains("՞") { targetEnd = .question }
            // Greek's question mark is the semicolon.
            if sourceEnd == .question, targetEnd == .semicolon, pair.targetLanguage.language == "el" { targetEnd = .question }
            if sourceEnd != targetEnd {
                found.append(Issue("the source ends with \(sourceEnd.rawValue), the translation with \(targetEnd.rawValue)",
                              String(target[utf8: range]), nil, range))
            }
        }
        let sourceBalances = balances(pair.source), targetBalances = balances(target)
        for (kind, (open, close)) in bracketPairs.enumerated() {
            let sourceBalance = sourceBalances[kind], targetBalance = targetBalances[kind]
            if targetBalance.count != sourceBalance.count, targetBalance.count != 0, let place = targetBalance.place {
                found.append(Issue("unbalanced \(open)\(close) in the translation (the source's are balanced\(sourceBalance.count == 0 ? "" : " otherwise"))",
                                   String(target[utf8: place]), nil, place))
            }
        }
        if straightQuotes(in: target) % 2 == 1, straightQuotes(in: pair.source) % 2 == 0,
           let index = target.utf8.firstIndex(of: UInt8(ascii: "\"")) {
            let offset = target.utf8.distance(from: target.utf8.startIndex, to: index)
            found.append(Issue("an unpaired \" in the translation", "\"", nil, offset..<offset + 1))
        }
        if let style = quotationMarks[pair.targetLanguage.language], let misuse = wrongQuote(in: target, style.wrong) {
            found.append(Issue("\(pair.targetLanguage.language) texts quote with \(style.write)", String(target[utf8: misuse]), style.write, misuse))
        }
        return found
    }

    /// The brackets whose balance is checked: round, square, and guillemets.
    static let bracketPairs: [(open: Unicode.Scalar, close: Unicode.Scalar)] = [("(", ")"), ("[", "]"), ("«", "»")]

    /// For each of `bracketPairs`, the opening marks less the closing ones and where the
    /// first unmatched one is, in one pass over the bytes (« and » are C2 AB and C2 BB).
    static func balances(_ text: String) -> [(count: Int, place: Range<Int>?)] {
        var depth = [0, 0, 0]
        var opened: [[Range<Int>]] = [[], [], []]
        var unmatchedClose: [Range<Int>?] = [nil, nil, nil]
        var text = text
        text.withUTF8 { bytes in
            for index in bytes.indices {
                let kind: Int, isOpen: Bool, width: Int
                switch bytes[index] {
                case 0x28: (kind, isOpen, width) = (0, true, 1)
                case 0x29: (kind, isOpen, width) = (0, false, 1)
                case 0x5B: (kind, isOpen, width) = (1, true, 1)
                case 0x5D: (kind, isOpen, width) = (1, false, 1)
                case 0xC2 where index + 1 < bytes.count && (bytes[index + 1] == 0xAB || bytes[index + 1] == 0xBB):
                    (kind, isOpen, width) = (2, bytes[index + 1] == 0xAB, 2)
                default: continue
                }
                if isOpen {
                    depth[kind] += 1
                    opened[kind].append(index..<index + width)
                } else {
                    depth[kind] -= 1
                    if opened[kind].popLast() == nil, unmatchedClose[kind] == nil { unmatchedClose[kind] = index..<index + width }
                }
            }
        }
        return (0..<3).map { (depth[$0], opened[$0].first ?? unmatchedClose[$0]) }
    }

    static func straightQuotes(in text: String) -> Int {
        text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }
    }

    /// The first of `wrong` marks that opens a quotation of words in a script other than
    /// Latin (for languages written in one), or any of them (for English): a Russian text that
    /// quotes `"--help"` writes a command, not Russian. Straight quotes pair in order, the
    /// first opening; `“` opens and `”` closes.
    static func wrongQuote(in text: String, _ wrong: [Unicode.Scalar]) -> Range<Int>? {
        // Every quotation mark is `"` or starts with the byte C2 or E2.
        guard text.utf8.contains(where: { $0 == 0x22 || $0 == 0xC2 || $0 == 0xE2 }) else { return nil }
        var offset = 0
        var open: (offset: Int, width: Int)?
        var quotesOwnScript = false
        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            defer { offset += width }
            guard wrong.contains(scalar) else {
                if open != nil, scalar.value >= 0x370, scalar.isLetter { quotesOwnScript = true }
                continue
            }
            if scalar == "«" || scalar == "»" || scalar == "„" { return offset..<offset + width }
            if let opened = open, scalar != "“" {
                if quotesOwnScript { return opened.offset..<opened.offset + opened.width }
                open = nil
            } else if scalar != "”" {
                open = (offset, width)
                quotesOwnScript = false
            }
        }
        return nil
    }

    /// Findings of the `spacing` rule.
    static func spacing(_ pair: SegmentPair) -> [Issue] {
        var found: [Issue] = []
        let source = pair.source, target = pair.target
        if let start = doubleSpace(in: target), doubleSpace(in: source) == nil {
            found.append(Issue("a double space", "  ", " ", start..<start + 2))
        }
        // French and Breton set a space before two-part marks.
        let spacedBefore = ["fr", "br"].contains(pair.targetLanguage.language) ? ",.)" : ",.;:!?)"
        if let (mark, range) = spaceBefore(in: target, marks: spacedBefore), count(" \(mark)", in: source) < count(" \(mark)", in: target) {
            found.append(Issue("a space before '\(mark)'", " \(mark)", mark, range))
        }
        let (sourceLeading, sourceTrailing) = edges(of: source), (targetLeading, targetTrailing) = edges(of: target)
        if sourceLeading != targetLeading {
            found.append(Issue("the translation starts with \(describe(targetLeading)), the source with \(describe(sourceLeading))",
                          targetLeading, sourceLeading, 0..<targetLeading.utf8.count))
        }
        if sourceTrailing != targetTrailing {
            let end = target.utf8.count
            found.append(Issue("the translation ends with \(describe(targetTrailing)), the source with \(describe(sourceTrailing))",
                          targetTrailing, sourceTrailing, end - targetTrailing.utf8.count..<end))
        }
        return found
    }

    /// Where the first two ASCII spaces in a row are.
    static func doubleSpace(in text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count > 1 else { return nil }
            return (1..<bytes.count).first { bytes[$0] == 0x20 && bytes[$0 - 1] == 0x20 }.map { $0 - 1 }
        }
    }

    /// The first space-then-mark in `text` (a mark after a word, not "a . b" in a path).
    static func spaceBefore(in text: String, marks: String) -> (String, Range<Int>)? {
        var text = text
        let markBytes = Array(marks.utf8)
        return text.withUTF8 { bytes -> (String, Range<Int>)? in
            guard bytes.count > 2 else { return nil }
            for index in 2..<bytes.count where bytes[index - 1] == 0x20 && bytes[index - 2] != 0x20 && markBytes.contains(bytes[index]) {
                // "Loading ..." and " .txt" are not a space before a full stop.
                if bytes[index] == UInt8(ascii: "."), index + 1 < bytes.count, bytes[index + 1] != 0x20 { continue }
                return (String(Unicode.Scalar(bytes[index])), index - 1..<index + 1)
            }
            return nil
        }
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.utf8.count < needle.utf8.count ? 0 : text.components(separatedBy: needle).count - 1
    }

    /// The white space a text starts and ends with (all of it, for a blank text: leading).
    static func edges(of text: String) -> (leading: String, trailing: String) {
        let scalars = text.unicodeScalars
        let leading = scalars.prefix { $0.isSpace }
        guard leading.endIndex < scalars.endIndex else { return (String(leading), "") }
        var start = scalars.endIndex
        while start > scalars.startIndex, scalars[scalars.index(before: start)].isSpace { start = scalars.index(before: start) }
        return (String(leading), String(scalars[start...]))
    }

    static func describe(_ space: String) -> String {
        if space.isEmpty { return "no white space" }
        let newlines = space.filter(\.isNewline).count
        if newlines == space.count { return newlines == 1 ? "a line break" : "\(newlines) line breaks" }
        return newlines == 0 ? (space.count == 1 ? "a space" : "\(space.count) spaces") : "white space"
    }
}
