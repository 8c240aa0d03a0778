import GlossaText

/// The placeholders and tags of a segment, each as a key that compares across languages:
/// what a translation must keep, in any order.
struct SegmentCodes {
    /// One placeholder or tag as written, and the key it compares by.
    struct Code: Equatable {
        var key: String
        var written: String
        var range: Range<Int>
    }

    /// Software placeholders: `%s`, `%1$d`, `%(name)s`, `%1`, `{0}`, `{name}`.
    var placeholders: [Code] = []
    /// The unit's inline codes and markup tags (`<b>`, `</b>`, `<br/>`).
    var tags: [Code] = []

    /// The codes of `text`; `inlineCodes` says whether `{1}`, `{/1}` and `{2/}` are the unit's
    /// inline codes.
    init(_ text: String, inlineCodes: Bool) {
        var sequential = 0
        for range in Placeholders.ranges(in: text) {
            let written = String(text[utf8: range])
            if let kind = Self.inlineCodeKind(written), inlineCodes {
                tags.append(Code(key: kind, written: written, range: range))
            } else {
                placeholders.append(Code(key: Self.placeholderKey(written, sequential: &sequential), written: written, range: range))
            }
        }
        if text.utf8.contains(UInt8(ascii: "<")) { tags += Self.markupTags(in: text) }
    }

    /// "open", "close" or "isolated" for `{1}`, `{/1}`, `{2/}`; nil for other braces.
    static func inlineCodeKind(_ written: String) -> String? {
        let inner = written.utf8.dropFirst().dropLast()
        guard written.utf8.first == UInt8(ascii: "{"), written.utf8.last == UInt8(ascii: "}"), !inner.isEmpty else { return nil }
        let digits = inner.filter { $0 != UInt8(ascii: "/") }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if inner.first == UInt8(ascii: "/") { return "code:close" }
        return inner.last == UInt8(ascii: "/") ? "code:isolated" : "code:open"
    }

    /// What a placeholder compares by: printf by argument position (counting unnumbered
    /// ones in order, so `%s %d` matches `%2$d %1$s`), length and conversion (`%i` as `%d`);
    /// Python by name and conversion; Qt by number; braces as written without spaces.
    static func placeholderKey(_ written: String, sequential: inout Int) -> String {
        let bytes = Array(written.utf8)
        guard bytes.first == UInt8(ascii: "%"), bytes.count >= 2 else {
            return written.filter { $0 != " " }
        }
        let second = bytes[1]
        if second == UInt8(ascii: "{") { return written }
        let conversion = Self.conversion(bytes)
        if second == UInt8(ascii: "(") {
            let name = bytes.dropFirst(2).prefix { $0 != UInt8(ascii: ")") }
            return "%(" + String(decoding: name, as: UTF8.self) + ")" + conversion
        }
        guard let conversion = conversion.isEmpty ? nil : conversion else {
            // Qt: `%1`, `%L1`.
            return "%" + String(decoding: bytes.filter { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self)
        }
        let position = bytes.dropFirst().prefix { $0 >= 0x30 && $0 <= 0x39 }
        if !position.isEmpty, bytes.count > position.count + 1, bytes[position.count + 1] == UInt8(ascii: "$") {
            return "%" + String(decoding: position, as: UTF8.self) + "$" + conversion
        }
        sequential += 1
        return "%\(sequential)$" + conversion
    }

    /// A printf directive's length and conversion ("ld" of `%-5ld`), `i` read as `d`; empty
    /// when it ends in a digit (Qt).
    static func conversion(_ bytes: [UInt8]) -> String {
        guard let last = bytes.last, !(last >= 0x30 && last <= 0x39) else { return "" }
        let length = bytes.dropLast().reversed().prefix { "hlLqjzt".utf8.contains($0) }.reversed()
        let letter = last == UInt8(ascii: "i") ? UInt8(ascii: "d") : last
        return String(decoding: Array(length) + [letter], as: UTF8.self)
    }

    /// Elements that are markup wherever they stand (HTML and Pango inline markup); another
    /// name is a tag only with quoted attributes, as a closing or empty tag, or closed in the
    /// same text, so "Usage: %s [<option>...] <file>" keeps `<option>` and `<file>` as words a
    /// translator translates.
    static let knownElements: Set<String> = [
        "a", "abbr", "b", "big", "br", "em", "i", "img", "kbd", "li", "p", "s", "small", "span", "strong", "sub", "sup", "tt",
        "u", "ul", "ol",
    ]

    /// The markup tags of `text` as keys `<name>`, `</name>`, `<name/>`.
    static func markupTags(in text: String) -> [Code] {
        let bytes = Array(text.utf8)
        struct Candidate { var name: String; var kind: String; var range: Range<Int>; var hasAttributes: Bool }
        var candidates: [Candidate] = []
        var index = 0
        func isNameByte(_ byte: UInt8) -> Bool {
            (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x30 && byte <= 0x39 || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "_")
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            var cursor = index + 1
            let closing = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "/")
            if closing { cursor += 1 }
            let nameStart = cursor
            guard cursor < bytes.count, (bytes[cursor] | 0x20) >= 0x61 && (bytes[cursor] | 0x20) <= 0x7A else { index += 1; continue }
            while cursor < bytes.count && isNameByte(bytes[cursor]) { cursor += 1 }
            let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased()
            let attributesStart = cursor
            while cursor < bytes.count, cursor - index < 400, bytes[cursor] != UInt8(ascii: ">"), bytes[cursor] != UInt8(ascii: "<") {
                cursor += 1
            }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ">") else { index += 1; continue }
            let empty = bytes[cursor - 1] == UInt8(ascii: "/")
            let attributes = bytes[attributesStart..<(empty ? cursor - 1 : cursor)]
            // An attribute begins after white space and quotes its value: `<file name>` and
            // `<corrupt TYPE, size = %#lx>` are not markup.
            let hasAttributes = attributes.first.map { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A } == true
                && (attributes.firstRange(of: "=\"".utf8) != nil || attributes.firstRange(of: "='".utf8) != nil)
            guard attributes.isEmpty || hasAttributes || (empty && attributes.allSatisfy { $0 == 0x20 }) else { index += 1; continue }
            candidates.append(Candidate(name: name, kind: closing ? "</\(name)>" : empty ? "<\(name)/>" : "<\(name)>",
                                        range: index..<cursor + 1, hasAttributes: hasAttributes))
            index = cursor + 1
        }
        let closed = Set(candidates.filter { $0.kind.hasPrefix("</") }.map(\.name))
        return candidates.filter { candidate in
            knownElements.contains(candidate.name) || candidate.hasAttributes || candidate.kind.hasPrefix("</")
                || candidate.kind.hasSuffix("/>") || closed.contains(candidate.name)
        }.map { Code(key: $0.kind, written: String(text[utf8: $0.range]), range: $0.range) }
    }

    /// The codes of `source` missing from `target`, and those of `target` not in `source`,
    /// each in order, compared by key as multisets.
    static func difference(_ source: [Code], _ target: [Code]) -> (missing: [Code], extra: [Code]) {
        var unmatched = target
        var missing: [Code] = []
        for code in source {
            if let index = unmatched.firstIndex(where: { $0.key == code.key }) {
                unmatched.remove(at: index)
            } else {
                missing.append(code)
            }
        }
        return (missing, unmatched)
    }
}
