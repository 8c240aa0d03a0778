import GlossaText

/// A number of a text as a value, with where it is written.
struct WrittenNumber: Sendable, Equatable {
    /// The value in a canonical decimal form: no grouping, "." before a fraction, no leading
    /// or trailing zeros ("10000.5", "19", "6" for June).
    var value: String
    /// The other reading of a number the language's conventions leave open: "10,000" in
    /// Armenian text is 10 by CLDR, but often 10000 as English writes it.
    var alternative: String? = nil
    /// UTF-8 offsets of what was read as the number.
    var range: Range<Int>
}

/// Reads the numbers of a text as values, the way its language writes them, so that a
/// translation's numbers compare with the source's whatever the conventions: "10,000.5" and
/// «10 000,5» are one value, "19.06.2025", "June 19, 2025" and «19 июня 2025 года» are the
/// same three.
///
/// A number is a run of digits (any script's) with separators between digit groups: `,` `.`
/// `'` `’` and spaces (ordinary, no-break, narrow, thin). Spaces group only 3-digit groups
/// after a first group of at most 3 digits ("10 000", not "2025 100"). The run is read as:
/// - several `.` or `,` not all before 3-digit groups: separate numbers (dates 19.06.2025,
///   versions 1.2.3);
/// - two kinds of separator: the last one is the decimal mark ("10,000.5", "10 000,5");
/// - one `.` or `,` before other than 3 digits: the decimal mark ("2,5", "0.75");
/// - one `.` or `,` before 3 digits: the decimal mark when it is the language's (CLDR through
///   ICU), else grouping (English "1,500" is 1500, Russian "1,500" is 1.5);
/// - otherwise grouping.
/// A month name next to a number counts as the month's number. Signs are not read: "-5" and
/// "5" are the same value, since a dash between numbers is far more often a range.
enum NumberReader {
    /// The numbers zero to ten that `text` spells out as words (see `NumberWords`).
    static func spelledNumbers(in text: String, language: LanguageTag) -> [WrittenNumber] {
        var found: [WrittenNumber] = []
        var offset = 0
        var wordStart: Int?
        func finish(at end: Int) {
            guard let start = wordStart else { return }
            if let value = NumberWords.smallNumber(of: text[utf8: start..<end], language: language) {
                found.append(WrittenNumber(value: String(value), range: start..<end))
            }
            wordStart = nil
        }
        for scalar in text.unicodeScalars {
            if scalar.isLetter || scalar == "'" || scalar == "’" {
                if wordStart == nil { wordStart = offset }
            } else {
                finish(at: offset)
            }
            offset += UTF8.width(scalar)
        }
        finish(at: offset)
        return found
    }

    /// The numbers of `text`, in order, leaving out those inside `excluded` ranges
    /// (placeholders: `%1$s` holds no number).
    static func numbers(in text: String, language: LanguageTag, excluding excluded: [Range<Int>] = []) -> [WrittenNumber] {
        var bytes = text
        return bytes.withUTF8 { utf8 -> [WrittenNumber] in
            guard utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 || $0 >= 0xD8 }) else { return [] }
            var reader = Reader(bytes: utf8, language: language, excluded: excluded)
            return reader.read()
        }
    }

    /// One pass over a text's bytes.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let language: LanguageTag
        let excluded: [Range<Int>]
        var found: [WrittenNumber] = []
        /// Where each number run is, its suffix included: the words beside them may be month
        /// names ("June 19", «19 июня»).
        var runs: [Range<Int>] = []
        /// The language's separators, asked for at the first number.
        lazy var symbols = NumberSymbols.of(language)
        /// The language's month names, asked for at the first word beside a number.
        lazy var months = NumberWords.table(months: true, language: language)

        init(bytes: UnsafeBufferPointer<UInt8>, language: LanguageTag, excluded: [Range<Int>]) {
            self.bytes = bytes
            self.language = language
            self.excluded = excluded
        }

        /// The digit's value, or nil: below U+0660 only ASCII digits exist, so most scalars
        /// never reach Unicode's property tables.
        static func digit(_ scalar: Unicode.Scalar) -> Int? {
            if scalar.value < 0x660 { return scalar.value >= 0x30 && scalar.value <= 0x39 ? Int(scalar.value - 0x30) : nil }
            guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue else { return nil }
            return Int(value)
        }

        static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\u{00A0}" || scalar == "\u{202F}" || scalar == "\u{2009}"
        }

        static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "," || scalar == "." || scalar == "'" || scalar == "’" || isSpace(scalar)
        }

        mutating func read() -> [WrittenNumber] {
            var index = 0
            var skip = excluded.makeIterator()
            var nextExcluded = skip.next()
            while index < bytes.count {
                while let range = nextExcluded, range.upperBound <= index { nextExcluded = skip.next() }
                if let range = nextExcluded, range.contains(index) {
                    index = range.upperBound
                    continue
                }
                let byte = bytes[index]
                if byte >= 0x30 && byte <= 0x39 {
                    index = readNumber(from: index)
                } else if byte < 0xD9 {
                    // Scalars below U+0660 (one and two bytes: Latin, Cyrillic, Armenian) hold
                    // no digit but ASCII's.
                    index += byte < 0xC0 ? 1 : 2
                } else {
                    let (scalar, length) = bytes.scalar(at: index)
                    index = Self.digit(scalar) != nil ? readNumber(from: index) : index + length
                }
            }
            addMonths()
            return found
        }

        /// Reads the number run that starts at `start` and returns where it ends; letters
        /// written onto it ("21st", "5th") are its suffix, not a word.
        mutating func readNumber(from start: Int) -> Int {
            // Most numbers are ASCII digits alone ("2025", "19"): read them without the groups.
            var end = start
            while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
            if end > start && !separatorThenDigit(at: end) {
                let digits = UnsafeBufferPointer(rebasing: bytes[start..<end])
                let significant = digits.drop { $0 == 0x30 }
                found.append(WrittenNumber(value: significant.isEmpty ? "0" : String(decoding: significant, as: UTF8.self), range: start..<end))
                return finishRun(start: start, end: end)
            }
            var groups: [(digits: String, range: Range<Int>)] = []
            var separators: [Unicode.Scalar] = []
            var index = start
            // ASCII digits of the group being read: digits of any script become their values.
            var digitBytes: [UInt8] = []
            var groupStart = start
            while index < bytes.count {
                let (scalar, length) = bytes.scalar(at: index)
                if let value = Self.digit(scalar) {
                    digitBytes.append(UInt8(0x30 + value))
                    index += length
                    continue
                }
                guard Self.isSeparator(scalar), index + length < bytes.count else { break }
                let after = index + length
                let following = countDigits(from: after)
                guard following > 0 else { break }
                if Self.isSpace(scalar) {
                    // Spaces group only "10 000 000": a first group of 1–3 digits, then groups of 3.
                    let firstOK = groups.isEmpty ? digitBytes.count <= 3 : digitBytes.count == 3
                    guard firstOK, following == 3, separators.allSatisfy(Self.isSpace) else { break }
                }
                groups.append((String(decoding: digitBytes, as: UTF8.self), groupStart..<index))
                separators.append(scalar)
                digitBytes.removeAll(keepingCapacity: true)
                index = after
                groupStart = after
            }
            groups.append((String(decoding: digitBytes, as: UTF8.self), groupStart..<index))
            let symbols = self.symbols
            for (value, range) in Self.values(groups: groups, separators: separators, symbols: symbols) {
                var number = WrittenNumber(value: value, range: range)
                // One "," or "." before three digits: the other reading too.
                if separators.count == 1, separators[0] == "," || separators[0] == ".", groups[1].digits.count == 3, groups[0].digits.count <= 3 {
                    let other = value.contains(".") ? Self.canonical(groups[0].digits + groups[1].digits, "") : Self.canonical(groups[0].digits, groups[1].digits)
                    number.alternative = other
                }
                found.append(number)
            }
            return finishRun(start: start, end: index)
        }

        /// Whether a separator and a digit follow at `index` (ASCII ones, a no-break, narrow or
        /// thin space, `’`), or a digit of another script: the number may go on.
        func separatorThenDigit(at index: Int) -> Bool {
            func digit(_ at: Int) -> Bool { at < bytes.count && (bytes[at] >= 0x30 && bytes[at] <= 0x39 || bytes[at] >= 0xD9) }
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case 0x2C, 0x2E, 0x27, 0x20: return digit(index + 1)
            case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0xA0 && digit(index + 2)
            case 0xE2:
                return index + 2 < bytes.count && bytes[index + 1] == 0x80 && [0xAF, 0x89, 0x99].contains(bytes[index + 2]) && digit(index + 3)
            default: return bytes[index] >= 0xD9
            }
        }

        /// Takes the letters written onto a number ("21st", "1990s", "3D") as its suffix,
        /// records the run, and returns where it ends.
        mutating func finishRun(start: Int, end: Int) -> Int {
            var index = end
            while index < bytes.count {
                let (next, nextLength) = bytes.scalar(at: index)
                guard next.isLetter else { break }
                index += nextLength
            }
            runs.append(start..<index)
            return index
        }

        func countDigits(from start: Int) -> Int {
            var index = start, count = 0
            while index < bytes.count {
                let (scalar, length) = bytes.scalar(at: index)
                guard Self.digit(scalar) != nil else { break }
                count += 1
                index += length
            }
            return count
        }

        /// The value or values of a run, by the rules in the type's comment.
        static func values(groups: [(digits: String, range: Range<Int>)], separators: [Unicode.Scalar],
                           symbols: NumberSymbols) -> [(String, Range<Int>)] {
            let whole = groups[0].range.lowerBound..<groups[groups.count - 1].range.upperBound
            guard let last = separators.last else { return [(canonical(groups[0].digits, ""), whole)] }
            let kinds = Set(separators.map { isSpace($0) ? " " : $0 })
            let laterGroupsOfThree = groups.dropFirst().allSatisfy { $0.digits.count == 3 } && groups[0].digits.count <= 3
            // Grouping before a decimal mark: "10 000,5", "1,234,567.89".
            let groupedBeforeLast = groups.dropFirst().dropLast().allSatisfy { $0.digits.count == 3 } && groups[0].digits.count <= 3
            let separate = groups.map { (canonical($0.digits, ""), $0.range) }
            if kinds.count == 1 {
                if isSpace(last) || last == "'" || last == "’" { return [(canonical(groups.map(\.digits).joined(), ""), whole)] }
                if separators.count > 1 {
                    return laterGroupsOfThree ? [(canonical(groups.map(\.digits).joined(), ""), whole)] : separate
                }
                let isDecimal = groups[1].digits.count != 3 || last == symbols.decimal || groups[0].digits.count > 3
                return isDecimal ? [(canonical(groups[0].digits, groups[1].digits), whole)]
                    : [(canonical(groups[0].digits + groups[1].digits, ""), whole)]
            }
            // Two kinds: grouping, then the decimal mark last ("10,000.5", "10 000,5").
            let grouping = separators.dropLast()
            guard last == "." || last == ",", grouping.allSatisfy({ $0 != last }), groupedBeforeLast else {
                return separate
            }
            let integer = groups.dropLast().map(\.digits).joined()
            return [(canonical(integer, groups[groups.count - 1].digits), whole)]
        }

        /// "007" → "7", "10" + "50" → "10.5".
        static func canonical(_ integer: String, _ fraction: String) -> String {
            let whole = integer.drop { $0 == "0" }
            let decimals = fraction.reversed().drop { $0 == "0" }.reversed()
            return (whole.isEmpty ? "0" : String(whole)) + (decimals.isEmpty ? "" : "." + String(decimals))
        }

        /// Month names beside a number ("June 19", «19 июня», "19 June, 2025") add the month's
        /// number: the word just before or after a run, past white space and `,` `.` `-`.
        mutating func addMonths() {
            guard !runs.isEmpty, let months else { return }
            var words: [Range<Int>] = []
            for run in runs {
                if let before = wordBefore(run.lowerBound), words.last != before { words.append(before) }
                if let after = wordAfter(run.upperBound) { words.append(after) }
            }
            for range in words {
                guard let month = months.value(of: Array(bytes[range])) else { continue }
                found.append(WrittenNumber(value: String(month + 1), range: range))
            }
            found.sort { $0.range.lowerBound < $1.range.lowerBound }
        }

        /// Whether the byte may stand between a number and its month: white space, `,` `.` `-`,
        /// and the bytes of a no-break space.
        static func isGap(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x2C || byte == 0x2E || byte == 0x2D || byte == 0xC2 || byte == 0xA0
        }

        func wordBefore(_ position: Int) -> Range<Int>? {
            var end = position
            while end > 0, position - end < 4, Self.isGap(bytes[end - 1]) { end -= 1 }
            var start = end
            while start > 0 {
                var lead = start - 1
                while lead > 0, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
                guard bytes.scalar(at: lead).0.isLetter else { break }
                start = lead
            }
            return start < end ? start..<end : nil
        }

        func wordAfter(_ position: Int) -> Range<Int>? {
            var start = position
            while start < bytes.count, start - position < 4, Self.isGap(bytes[start]) { start += 1 }
            var end = start
            while end < bytes.count {
                let (next, length) = bytes.scalar(at: end)
                guard next.isLetter else { break }
                end += length
            }
            return start < end ? start..<end : nil
        }
    }
}
