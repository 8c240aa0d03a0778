import GlossaCore
import GlossaText

/// Reads gettext PO files, where software keeps its translations, as translation units.
///
/// Each translated entry is a unit: `msgid` in the source language, `msgstr` (or `msgstr[0]`)
/// in the catalog's language (the header's `Language:`, else the one given). `msgctxt` is
/// the unit's context; translator (`#`) and extracted (`#.`) comments are notes; references
/// (`#:`) and flags (`#,`) are the properties `po:reference` and `po:flags`. Plural forms stay
/// on the one unit: `msgid_plural` is the property `po:msgid_plural` and `msgstr[n]` (n ≥ 1)
/// the target variant's properties `po:msgstr[n]`. Fuzzy entries are skipped unless asked
/// for (then marked `po:fuzzy`), as are untranslated and obsolete (`#~`) ones, and the header.
public struct POReader {
    /// Where units come from.
    public var origin: ImportOrigin
    /// The language of `msgid`.
    public var sourceLanguage: LanguageTag
    /// The catalog's language when its header does not say.
    public var fallbackLanguage: LanguageTag?
    /// The option that sets `fallbackLanguage` in the command reading the catalog: what the
    /// error for a catalog of unknown language tells the user to give.
    public var fallbackOption: String
    /// Import fuzzy entries too.
    public var includeFuzzy: Bool
    /// Pass untranslated entries too, as units with only their source variant.
    public var includeUntranslated: Bool

    public init(origin: ImportOrigin, sourceLanguage: LanguageTag, fallbackLanguage: LanguageTag? = nil,
                fallbackOption: String = "--lang", includeFuzzy: Bool = false, includeUntranslated: Bool = false) {
        self.includeUntranslated = includeUntranslated
        self.origin = origin
        self.sourceLanguage = sourceLanguage
        self.fallbackLanguage = fallbackLanguage
        self.fallbackOption = fallbackOption
        self.includeFuzzy = includeFuzzy
    }

    /// An entry as written.
    struct Entry {
        var line = 0
        var context: String?
        var id: String?
        var plural: String?
        var strings: [Int: String] = [:]
        var comments: [String] = []
        var extracted: [String] = []
        var references: [String] = []
        var flags: [String] = []
        var obsolete = false
    }

    /// The text of a PO file's `bytes` in the character set its header declares
    /// (`Content-Type: text/plain; charset=KOI8-R`), as msgfmt reads it: older catalogs are in
    /// KOI8-R, windows-1251, ISO-8859-x. UTF-8 (and UTF-16 with a BOM) when it declares none,
    /// or UTF-8, or the template's placeholder `CHARSET`.
    public static func sourceText(bytes: some Collection<UInt8>, file: String) throws -> SourceText {
        guard let charset = declaredCharset(bytes), !["utf-8", "utf8", "charset"].contains(charset.lowercased()) else {
            return try SourceText(bytes: bytes, file: file)
        }
        do {
            return try SourceText(bytes: LegacyCharset.utf8(Array(bytes), from: charset), file: file)
        } catch let error as TextError {
            throw InputError("the header declares charset=\(charset): \(error)", file: file)
        }
    }

    /// The `charset=` of the header, looked for in the file's first bytes (a header opens the
    /// file, and its field names are ASCII in every set a catalog may be in).
    static func declaredCharset(_ bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(8192))[...]
        let key = Array("charset=".utf8)
        guard let start = head.indices.first(where: { head[$0...].starts(with: key) }) else { return nil }
        let name = head[(start + key.count)...].prefix { byte in
            byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: ";")
        }
        return name.isEmpty ? nil : String(decoding: name, as: UTF8.self)
    }

    /// Passes each translated entry of `source` to `body` as a unit, and returns how many fuzzy
    /// entries it left out. Throws `InputError` with file:line:column for syntax errors, or
    /// when no language is known.
    @discardableResult
    public func read(_ source: SourceText, _ body: UnitHandler) throws -> Int {
        var leftOut = 0
        let entries = try Self.entries(source, limits: origin.limits)
        let header = entries.first { $0.id == "" && $0.context == nil }
        let language: LanguageTag
        if let declared = header?.strings[0].flatMap(Self.headerLanguage), !declared.isEmpty {
            do { language = try LanguageTag(declared) } catch {
                throw InputError("header Language: \(error)", file: source.file, line: header?.line, column: 1)
            }
        } else if let fallbackLanguage {
            language = fallbackLanguage
        } else {
            throw InputError("the header names no Language: say \(fallbackOption) L", file: source.file, line: header?.line ?? 1, column: 1)
        }
        for entry in entries where !entry.obsolete && entry.id?.isEmpty == false {
            guard let id = entry.id else { continue }
            guard let translation = entry.strings[0], !translation.isEmpty else {
                if includeUntranslated {
                    let unit = TranslationUnit(variants: [Variant(language: sourceLanguage, text: id)], sourceLanguage: sourceLanguage,
                                               origin: origin.document, context: entry.context, created: origin.created)
                    try body(unit, entry.line)
                }
                continue
            }
            let fuzzy = entry.flags.contains("fuzzy")
            if fuzzy && !includeFuzzy {
                leftOut += 1
                continue
            }
            var target = Variant(language: language, text: translation)
            for (index, text) in entry.strings.sorted(by: { $0.key < $1.key }) where index > 0 {
                target.properties.append(Property("po:msgstr[\(index)]", text))
            }
            var properties: [Property] = []
            if let plural = entry.plural { properties.append(Property("po:msgid_plural", plural)) }
            if !entry.references.isEmpty { properties.append(Property("po:reference", entry.references.joined(separator: " "))) }
            let otherFlags = entry.flags.filter { $0 != "fuzzy" }
            if !otherFlags.isEmpty { properties.append(Property("po:flags", otherFlags.joined(separator: ", "))) }
            if fuzzy { properties.append(Property("po:fuzzy", "yes")) }
            let unit = TranslationUnit(
                variants: [Variant(language: sourceLanguage, text: id), target], sourceLanguage: sourceLanguage, origin: origin.document,
                context: entry.context, created: origin.created,
                notes: (entry.comments + entry.extracted).map { Note($0) }, properties: properties)
            try origin.limits.check(unit, file: source.file, line: entry.line, column: 1)
            try body(unit, entry.line)
        }
        return leftOut
    }

    /// The `Language:` field of a header msgstr.
    static func headerLanguage(_ header: String) -> String? {
        for line in header.split(separator: "\n") where line.hasPrefix("Language:") {
            return line.dropFirst("Language:".count).trimmingCharacters(in: " ")
        }
        return nil
    }

    /// Splits the file into entries.
    static func entries(_ source: SourceText, limits: UnitLimits = .standard) throws -> [Entry] {
        var entries: [Entry] = []
        var entry = Entry()
        var field: (keyword: String, index: Int)?
        var sawKeyword = false

        func finishEntry() throws {
            // What msgfmt refuses too: half an entry is a damaged file, not an untranslated message.
            if sawKeyword && !entry.obsolete {
                if entry.id == nil {
                    throw InputError("\(entry.context == nil ? "msgstr" : "msgctxt") with no msgid", file: source.file, line: entry.line, column: 1)
                }
                if entry.strings.isEmpty { throw InputError("msgid with no msgstr", file: source.file, line: entry.line, column: 1) }
            }
            if sawKeyword { entries.append(entry) }
            entry = Entry()
            field = nil
            sawKeyword = false
        }

        for (offset, rawLine) in source.lines.enumerated() {
            let lineNumber = offset + 1
            var line = rawLine.trimmedSlice(of: " \t")
            if line.isEmpty { try finishEntry(); continue }
            if line.hasPrefix("#~") {
                if sawKeyword && !entry.obsolete { try finishEntry() }
                entry.obsolete = true
                line = line.dropFirst(2).trimmedSlice(of: " ")
                if line.isEmpty || line.hasPrefix("#") { continue }
            } else if line.hasPrefix("#") {
                // A comment after the strings starts the next entry.
                if sawKeyword { try finishEntry() }
                let body = line.dropFirst(2).trimmingCharacters(in: " ")
                switch line.dropFirst().first {
                case ".": entry.extracted.append(body)
                case ":": entry.references += body.split(separator: " ").map(String.init)
                case ",": entry.flags += body.split(separator: ",").map { $0.trimmingCharacters(in: " ") }
                case "|": break  // previous msgid: history, not content
                default: entry.comments.append(String(line.dropFirst().trimmingCharacters(in: " ")))
                }
                continue
            }
            if line.first == "\"" {
                guard let current = field else {
                    throw InputError("a string with no keyword before it", file: source.file, line: lineNumber, column: 1)
                }
                try append(try unquote(line, file: source.file, line: lineNumber), to: &entry, field: current, limits: limits,
                           file: source.file, line: lineNumber)
                continue
            }
            let keyword = line.prefix { !$0.isWhitespace && $0 != "\"" }
            let rest = line.dropFirst(keyword.count).drop { $0 == " " || $0 == "\t" }
            let parsed: (String, Int)
            switch keyword {
            case "msgctxt", "msgid":
                // msgctxt or msgid after a msgstr begins the next entry.
                if sawKeyword && !entry.strings.isEmpty { try finishEntry() }
                parsed = (String(keyword), 0)
            case "msgid_plural", "msgstr":
                parsed = (String(keyword), 0)
            default:
                if keyword.hasPrefix("msgstr["), keyword.hasSuffix("]"), let index = Int(keyword.dropFirst(7).dropLast()) {
                    parsed = ("msgstr", index)
                } else {
                    throw InputError("unknown keyword '\(keyword)'", file: source.file, line: lineNumber, column: 1)
                }
            }
            if entry.line == 0 { entry.line = lineNumber }
            sawKeyword = true
            field = parsed
            switch parsed.0 {
            case "msgctxt": entry.context = ""
            case "msgid": entry.id = ""
            case "msgid_plural": entry.plural = ""
            default: entry.strings[parsed.1] = ""
            }
            try append(try unquote(rest, file: source.file, line: lineNumber, column: keyword.count + 2), to: &entry, field: parsed,
                       limits: limits, file: source.file, line: lineNumber)
        }
        try finishEntry()
        return entries
    }

    /// Appends a string's text to its field of the entry: a field past the segment limit
    /// stops the file at the line that took it there.
    private static func append(_ text: String, to entry: inout Entry, field: (keyword: String, index: Int),
                               limits: UnitLimits, file: String, line: Int) throws {
        let joined: String
        switch field.keyword {
        case "msgctxt": joined = (entry.context ?? "") + text; entry.context = joined
        case "msgid": joined = (entry.id ?? "") + text; entry.id = joined
        case "msgid_plural": joined = (entry.plural ?? "") + text; entry.plural = joined
        default: joined = (entry.strings[field.index] ?? "") + text; entry.strings[field.index] = joined
        }
        try limits.checkText(byteCount: joined.utf8.count, file: file, line: line, column: 1)
    }

    /// The content of a C-style quoted string, escapes resolved as gettext resolves them:
    /// `\n`, `\t`, `\"`, `\\` and the other C letters, and octal (`\303`) and hex (`\xC3`)
    /// bytes, which must form UTF-8. Any other escape is an error, as msgfmt makes it: `\q`
    /// standing for "q" would import a typo as text.
    static func unquote(_ quoted: Substring, file: String, line: Int, column: Int = 1) throws -> String {
        // The line's own bytes where they are contiguous (always, for text read from a file):
        // a copy would double what a megabyte-long msgid costs.
        if let text = try quoted.utf8.withContiguousStorageIfAvailable({ try unquote(bytes: $0, file: file, line: line, column: column) }) {
            return text
        }
        return try Array(quoted.utf8).withUnsafeBufferPointer { try unquote(bytes: $0, file: file, line: line, column: column) }
    }

    private static func unquote(bytes: UnsafeBufferPointer<UInt8>, file: String, line: Int, column: Int) throws -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 1
        /// An error at `position` of `bytes`, counted in characters as columns are.
        func failure(_ message: String, at position: Int) -> InputError {
            InputError(message, file: file, line: line, column: column + String(decoding: bytes[..<min(position, bytes.count)], as: UTF8.self).count)
        }
        guard bytes.first == UInt8(ascii: "\"") else { throw failure("expected a quoted string", at: 0) }
        while true {
            guard index < bytes.count else { throw failure("the string has no closing quote", at: bytes.count) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            index += 1
            guard byte == UInt8(ascii: "\\") else {
                result.append(byte)
                continue
            }
            guard index < bytes.count else { throw failure("the string has no closing quote", at: bytes.count) }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "n"): result.append(0x0A)
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "r"): result.append(0x0D)
            case UInt8(ascii: "a"): result.append(0x07)
            case UInt8(ascii: "b"): result.append(0x08)
            case UInt8(ascii: "f"): result.append(0x0C)
            case UInt8(ascii: "v"): result.append(0x0B)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): result.append(escape)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(escape - UInt8(ascii: "0"))
                for _ in 0..<2 {
                    guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[index]) else { break }
                    value = value * 8 + Int(bytes[index] - UInt8(ascii: "0"))
                    index += 1
                }
                guard value <= 0xFF else { throw failure("octal escape beyond a byte", at: index - 4) }
                result.append(UInt8(value))
            case UInt8(ascii: "x"):
                var value = 0, digits = 0
                while digits < 2, index < bytes.count, let digit = Int(String(UnicodeScalar(bytes[index])), radix: 16) {
                    value = value * 16 + digit
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { throw failure("\\x with no hex digits", at: index - 2) }
                result.append(UInt8(value))
            default:
                throw failure("invalid escape \\\(String(decoding: [escape], as: UTF8.self))", at: index - 2)
            }
        }
        guard index == bytes.count - 1 else { throw failure("text after the closing quote", at: index + 1) }
        guard let text = String(validating: result, as: UTF8.self) else {
            throw failure("escaped bytes that are not UTF-8", at: 0)
        }
        return text
    }
}

private extension StringProtocol {
    /// The text without the ASCII characters of `set` at either end, as a slice of it: no copy
    /// of a megabyte-long line. Looks at the end bytes only: trimming through reversed
    /// Characters walked every grapheme of the line, 80% of the time such a catalog took.
    func trimmedSlice(of set: String) -> Substring {
        let text = Substring(self), bytes = Set(set.utf8), utf8 = text.utf8
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, bytes.contains(utf8[start]) { start = utf8.index(after: start) }
        while end > start, bytes.contains(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return text[start..<end]
    }

    /// The text without the ASCII characters of `set` at either end.
    func trimmingCharacters(in set: String) -> String { String(trimmedSlice(of: set)) }
}
