import GlossaText

/// Carries a query's numbers into a match's translation when numbers are all that differ
/// between the query and the match's source ("Meeting on 19 June" for "Meeting on 20 June"),
/// as memoQ and Trados do: each number of the source that the query writes otherwise is found
/// in the translation and written as the query has it.
///
/// A source number is found in the translation as written ("2025"), else as the same digits
/// grouped or separated otherwise ("1,000" as "1 000", a date "19.06.2025" as "19/06/2025",
/// which word break cuts into numbers that `slots` joins again):
/// then the query's digits take the places of the translation's, in order, which needs the
/// same count of digits ("1,000" for "2,000", "19.06.2025" for "23.06.2025"). Numbers the
/// query leaves as they are claim their places first, so two equal numbers are not mixed up.
/// When any differing number cannot be placed, nothing is adapted: a half-adapted
/// translation would look finished and be wrong.
enum NumberAdaptation {
    /// `target` (its NFC form) with the query's numbers, or nil when it cannot be adapted;
    /// `source` and `query` have the same words, numbers aside, so the same count of numbers.
    static func adapt(target: String, tokens targetTokens: MatchTokens, source: MatchTokens, query: MatchTokens) -> String? {
        guard source.numbers.count == query.numbers.count, source.numbers != query.numbers else { return nil }
        var bytes = Array(target.normalized(.nfc).utf8)
        let slots = Self.slots(in: bytes, targetTokens)
        var used: [Range<Int>] = []
        func place(_ surface: String) -> Slot? {
            let free = slots.filter { slot in !used.contains { $0.overlaps(slot.range) } }
            return free.first { $0.surface == surface } ?? free.first { digits(of: $0.surface) == digits(of: surface) }
        }
        for (stored, asked) in zip(source.numbers, query.numbers) where stored == asked {
            if let slot = place(stored) { used.append(slot.range) }
        }
        var replacements: [(range: Range<Int>, text: String)] = []
        for (stored, asked) in zip(source.numbers, query.numbers) where stored != asked {
            guard let slot = place(stored) else { return nil }
            used.append(slot.range)
            if slot.surface == stored {
                replacements.append((slot.range, asked))
            } else {
                guard let rewritten = replacingDigits(of: slot.surface, with: asked) else { return nil }
                replacements.append((slot.range, rewritten))
            }
        }
        for (range, text) in replacements.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            bytes.replaceSubrange(range, with: Array(text.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A number of the translation where a source number may go: one number token, or a run
    /// of them that word break cut apart ("1 000" with a no-break space, "19/06/2025").
    struct Slot {
        let range: Range<Int>
        let surface: String
    }

    /// What may part the pieces of one number: spaces (no-break and narrow ones too) and the
    /// marks of dates and groups.
    private static let joiners: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}", "/", ".", ",", "-", "'", "’"]

    /// The translation's number tokens, then each run of two or more parted only by `joiners`.
    static func slots(in bytes: [UInt8], _ tokens: MatchTokens) -> [Slot] {
        let numbers = tokens.words.indices.filter { tokens.words[$0] == MatchTokenizer.numberToken }
        var slots = numbers.map { Slot(range: tokens.ranges[$0], surface: tokens.surfaces[$0]) }
        var start = 0
        while start < numbers.count {
            var end = start
            while end + 1 < numbers.count {
                let gap = String(decoding: bytes[tokens.ranges[numbers[end]].upperBound..<tokens.ranges[numbers[end + 1]].lowerBound], as: UTF8.self)
                guard !gap.isEmpty, gap.unicodeScalars.count <= 2, gap.unicodeScalars.allSatisfy(joiners.contains) else { break }
                end += 1
            }
            if end > start {
                let range = tokens.ranges[numbers[start]].lowerBound..<tokens.ranges[numbers[end]].upperBound
                slots.append(Slot(range: range, surface: String(decoding: bytes[range], as: UTF8.self)))
            }
            start = end + 1
        }
        return slots
    }

    /// The decimal digits of `number`, in order (any script's digits, as their values).
    static func digits(of number: String) -> [Int] {
        number.unicodeScalars.compactMap { $0.properties.numericType == .decimal ? Int($0.properties.numericValue ?? -1) : nil }
    }

    /// `written` with its digits replaced, in order, by those of `number`; nil when their
    /// counts differ.
    static func replacingDigits(of written: String, with number: String) -> String? {
        var replacement = digits(of: number).makeIterator()
        guard digits(of: written).count == digits(of: number).count else { return nil }
        var scalars = String.UnicodeScalarView()
        for scalar in written.unicodeScalars {
            if scalar.properties.numericType == .decimal, let digit = replacement.next() {
                // The translation's own digits (Arabic-Indic, Devanagari…) keep their script.
                let zero = scalar.value - UInt32(scalar.properties.numericValue ?? 0)
                scalars.append(Unicode.Scalar(zero + UInt32(digit)) ?? scalar)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
