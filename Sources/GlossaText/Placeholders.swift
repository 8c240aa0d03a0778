/// Finds the placeholders of software strings and the inline-code placeholders of the TM: the
/// parts of a segment a translator copies as they are, which matching treats as inline codes,
/// not words.
///
/// What counts as one:
/// - the TM's own inline codes: `{1}`, `{/1}`, `{2/}`;
/// - printf, with positions and flags: `%s`, `%d`, `%1$d`, `%-5.2f`, `%lld`, `%@` (Objective-C);
/// - Python's named printf, `%(count)d`, and Qt's numbered arguments, `%1`, `%L2`;
/// - braces (ICU MessageFormat's simple arguments, .NET, Python `str.format`):
///   `{0}`, `{name}`, `{0,number}`, `{1, date, short}`, `{0:.2f}`, `{name!r}`; with `$` or `%` before them
///   (JavaScript templates, Ruby): `${name}`, `%{name}`; doubled (Jinja, Angular): `{{ name }}`.
///
/// Left as text: `%%` (a percent sign), a `%` with a space after it (`50% of`, which printf's
/// space flag would otherwise take), braces around a list (`{bsd,sysv,crc}`) or dots
/// (`{...}`), and an ICU plural or select (`{count, plural, one {…}}`), whose inner messages
/// are words to translate.
public enum Placeholders {
    /// UTF-8 ranges of the placeholders in `text`, in order, not overlapping.
    public static func ranges(in text: String) -> [Range<Int>] {
        var text = text
        return text.withUTF8 { ranges(in: $0) }
    }

    /// The placeholders of `text` as written, in order.
    public static func all(in text: String) -> [String] {
        ranges(in: text).map { String(text[utf8: $0]) }
    }

    /// UTF-8 ranges of the placeholders in `bytes`.
    public static func ranges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == percent || byte == openBrace || byte == dollar else {
                index += 1
                continue
            }
            let scanner = Scanner(bytes: bytes)
            let end: Int? = switch byte {
            case percent: scanner.percentPlaceholder(at: index)
            case dollar: scanner.isByte(openBrace, at: index + 1) ? scanner.bracePlaceholder(at: index + 1) : nil
            default: scanner.bracePlaceholder(at: index)
            }
            if let end {
                found.append(index..<end)
                index = end
            } else {
                // `%%` is one percent sign: its second `%` begins nothing.
                index += byte == percent && scanner.isByte(percent, at: index + 1) ? 2 : 1
            }
        }
        return found
    }

    private static let percent = UInt8(ascii: "%"), openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    private static let dollar = UInt8(ascii: "$")

    /// Reads one placeholder from a position; each function answers the end of the one that
    /// begins there, or nil.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>

        func isByte(_ byte: UInt8, at index: Int) -> Bool {
            index < bytes.count && bytes[index] == byte
        }

        func isDigit(at index: Int) -> Bool {
            index < bytes.count && (0x30...0x39).contains(bytes[index])
        }

        func isNameByte(at index: Int) -> Bool {
            guard index < bytes.count else { return false }
            let byte = bytes[index]
            return (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }

        /// The end of the digits from `index` (`index` itself when there are none).
        func digits(from index: Int) -> Int {
            var end = index
            while isDigit(at: end) { end += 1 }
            return end
        }

        /// The end of the name from `index` (letters, digits, `_`, and `.` after the first).
        func name(from index: Int) -> Int {
            guard !isByte(UInt8(ascii: "."), at: index) else { return index }
            var end = index
            while isNameByte(at: end) { end += 1 }
            return end
        }

        /// `%…` at `start`: Ruby's `%{name}`, Python's `%(name)d`, printf, or Qt's `%1`.
        func percentPlaceholder(at start: Int) -> Int? {
            var index = start + 1
            if isByte(Placeholders.openBrace, at: index) { return bracePlaceholder(at: index) }
            if isByte(UInt8(ascii: "("), at: index) {
                let nameEnd = name(from: index + 1)
                guard nameEnd > index + 1, isByte(UInt8(ascii: ")"), at: nameEnd) else { return nil }
                return printfConversion(from: nameEnd + 1)
            }
            // printf's argument position, `%2$s`.
            let position = digits(from: index)
            if position > index && isByte(Placeholders.dollar, at: position) { index = position + 1 }
            if let end = printfConversion(from: index) { return end }
            // Qt: `%1` to `%99`, `%L1` for a localized number.
            let qtStart = isByte(UInt8(ascii: "L"), at: start + 1) ? start + 2 : start + 1
            let qtEnd = digits(from: qtStart)
            return qtEnd > qtStart && qtEnd - qtStart <= 2 ? qtEnd : nil
        }

        /// Flags, width, precision, length and conversion of a printf directive from `index`.
        func printfConversion(from start: Int) -> Int? {
            var index = start
            while index < bytes.count && "-+0#'".utf8.contains(bytes[index]) { index += 1 }
            if isByte(UInt8(ascii: "*"), at: index) { index += 1 } else { index = digits(from: index) }
            if isByte(UInt8(ascii: "."), at: index) {
                index += 1
                if isByte(UInt8(ascii: "*"), at: index) { index += 1 } else { index = digits(from: index) }
            }
            while index < bytes.count && "hlLqjzt".utf8.contains(bytes[index]) { index += 1 }
            guard index < bytes.count, "diouxXeEfFgGaAcspn@".utf8.contains(bytes[index]) else { return nil }
            return index + 1
        }

        /// `{…}` at `start`: an inline code (`{1}`, `{/1}`, `{2/}`), a doubled `{{ name }}`, or a
        /// named or numbered argument with an optional format (`{0,number}`, `{0:.2f}`, `{x!r}`).
        func bracePlaceholder(at start: Int) -> Int? {
            var index = start + 1
            if isByte(Placeholders.openBrace, at: index) {
                index += 1
                while isByte(UInt8(ascii: " "), at: index) { index += 1 }
                let nameEnd = name(from: index)
                guard nameEnd > index else { return nil }
                index = nameEnd
                while isByte(UInt8(ascii: " "), at: index) { index += 1 }
                return isByte(Placeholders.closeBrace, at: index) && isByte(Placeholders.closeBrace, at: index + 1) ? index + 2 : nil
            }
            if isByte(UInt8(ascii: "/"), at: index) {
                let end = digits(from: index + 1)
                return end > index + 1 && isByte(Placeholders.closeBrace, at: end) ? end + 1 : nil
            }
            let nameEnd = name(from: index)
            guard nameEnd > index else { return nil }
            index = nameEnd
            if isByte(UInt8(ascii: "/"), at: index) && digits(from: start + 1) == nameEnd { index += 1 }
            if isByte(UInt8(ascii: "!"), at: index) { index += 2 }
            if isByte(UInt8(ascii: ","), at: index) {
                // ICU: a simple argument's type, then its style; a shell's `{bsd,sysv,crc}` is
                // no argument, and a plural or select holds messages to translate.
                index += 1
                while isByte(UInt8(ascii: " "), at: index) { index += 1 }
                let typeEnd = name(from: index)
                guard Self.argumentTypes.contains(String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<typeEnd]), as: UTF8.self)) else {
                    return nil
                }
                index = typeEnd
            }
            if isByte(UInt8(ascii: ":"), at: index) || isByte(UInt8(ascii: ","), at: index) {
                // A format or style runs to the closing brace; one with braces inside is no
                // placeholder.
                while index < bytes.count && bytes[index] != Placeholders.closeBrace {
                    if bytes[index] == Placeholders.openBrace { return nil }
                    index += 1
                }
            }
            return isByte(Placeholders.closeBrace, at: index) ? index + 1 : nil
        }

        /// The types of ICU MessageFormat's simple arguments (`{0,number,integer}`).
        static let argumentTypes: Set<String> = ["number", "date", "time", "spellout", "ordinal", "duration"]
    }
}
