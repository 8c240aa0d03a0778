import Foundation

/// English–X message pairs from the machine's compiled gettext catalogs (.mo files under
/// /usr/share/locale/X/LC_MESSAGES): real human translations of real software, for the lookup
/// benchmark and the tests that compare the stores on real text.
public enum CatalogPairs {
    public static func load(language: String) throws -> [(en: String, ru: String)] {
        let folder = "/usr/share/locale/\(language)/LC_MESSAGES"
        var pairs: [(en: String, ru: String)] = []
        var seen = Set<String>()
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() where file.hasSuffix(".mo") {
            guard let data = FileManager.default.contents(atPath: "\(folder)/\(file)") else { continue }
            for (source, translation) in messages(in: [UInt8](data)) {
                // Whole sentences only: no context, no plural, no markup or format strings.
                guard source.split(separator: " ").count >= 4, !translation.isEmpty,
                      !source.contains("\u{4}"), !source.contains("\0"), !translation.contains("\0"),
                      !source.contains("%"), !source.contains("<"), !source.contains("\n"), !translation.contains("\n"),
                      seen.insert(source).inserted
                else { continue }
                pairs.append((source, translation))
            }
        }
        return pairs
    }

    /// One message of a compiled catalog, as gettext stores it.
    public struct Message: Sendable {
        /// The catalog's name ("coreutils").
        public var catalog: String
        public var context: String?
        public var source: String
        public var sourcePlural: String?
        /// The translation, or its plural forms.
        public var forms: [String]
    }

    /// Every translated message of the catalogs of `language` (the header left out), in the
    /// order of the files and of their messages.
    public static func allMessages(language: String) -> [Message] {
        let folder = "/usr/share/locale/\(language)/LC_MESSAGES"
        var found: [Message] = []
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() where file.hasSuffix(".mo") {
            guard let data = FileManager.default.contents(atPath: "\(folder)/\(file)") else { continue }
            for (key, translation) in messages(in: [UInt8](data)) where !key.isEmpty && !translation.isEmpty {
                let parts = key.split(separator: "\u{4}", maxSplits: 1, omittingEmptySubsequences: false)
                let context = parts.count == 2 ? String(parts[0]) : nil
                let ids = (parts.last ?? "").split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
                found.append(Message(catalog: String(file.dropLast(3)), context: context, source: ids[0],
                                     sourcePlural: ids.count > 1 ? ids[1] : nil,
                                     forms: translation.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)))
            }
        }
        return found
    }

    /// The (msgid, msgstr) pairs of a .mo file; an unreadable file gives none.
    public static func messages(in bytes: [UInt8]) -> [(String, String)] {
        guard bytes.count >= 28 else { return [] }
        let magic = word(bytes, 0, bigEndian: false)
        let bigEndian = magic == 0xDE12_0495
        guard magic == 0x9504_12DE || bigEndian else { return [] }
        let count = Int(word(bytes, 8, bigEndian: bigEndian))
        let originals = Int(word(bytes, 12, bigEndian: bigEndian)), translations = Int(word(bytes, 16, bigEndian: bigEndian))
        func string(_ table: Int, _ index: Int) -> String? {
            let entry = table + index * 8
            guard entry + 8 <= bytes.count else { return nil }
            let length = Int(word(bytes, entry, bigEndian: bigEndian)), offset = Int(word(bytes, entry + 4, bigEndian: bigEndian))
            guard offset + length <= bytes.count else { return nil }
            return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
        }
        return (0..<count).compactMap { index in
            guard let source = string(originals, index), let translation = string(translations, index) else { return nil }
            return (source, translation)
        }
    }

    private static func word(_ bytes: [UInt8], _ offset: Int, bigEndian: Bool) -> UInt32 {
        let value = bytes[offset..<offset + 4].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
        return bigEndian ? value.byteSwapped : value
    }
}
