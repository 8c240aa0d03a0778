import Foundation
import GlossaCore
import GlossaText
import GlossaXML

/// Find and replace in a TM's segments, as `glossa tm replace` does it: in the text around
/// the inline codes, never in them (nor in software placeholders), in a variant's plain text
/// and in its TMX markup alike.
///
/// Without `matchCase`, matching ignores case and the replacement takes the case of what it
/// replaces, when that is not spelled as FIND was typed: "organization" → "Organisation"
/// writes "Organisation" for "Organization", "ORGANISATION" for "ORGANIZATION", and for
/// "organization" (typed so) "Organisation"; a replacement in capitals or mixed case ("ОДКБ",
/// "iPhone") stays so in lower-case text. With it, only the exact spelling
/// matches and the replacement goes in as written. The replacement is literal text.
public final class SegmentReplacement {
    private let regex: ICURegex
    private let replacement: String
    private let matchCase: Bool
    /// FIND as typed, when it is literal text: a match spelled so takes the replacement as typed.
    private let literal: String?

    /// `find` as literal text, or as an ICU regular expression when `isRegex`; an
    /// `InputError` when the expression does not compile or matches empty text.
    public init(find: String, replacement: String, isRegex: Bool, matchCase: Bool) throws {
        let pattern = isRegex ? find : ICURegex.literal(find)
        guard !find.isEmpty else { throw InputError("nothing to find: FIND is empty") }
        do {
            regex = try ICURegex(pattern, caseInsensitive: !matchCase)
        } catch {
            throw InputError("FIND is no regular expression: \(error)")
        }
        guard !regex.matchesWhole("") else { throw InputError("FIND matches empty text, so it would match everywhere: '\(find)'") }
        self.replacement = replacement
        self.matchCase = matchCase
        literal = isRegex ? nil : find
    }

    /// `variant` with the replacements made in its text (and markup), or nil when nothing in
    /// it matched.
    public func apply(to variant: Variant) -> Variant? {
        guard let text = replaced(inText: variant.text) else { return nil }
        var changed = variant
        changed.text = text
        if let markup = variant.markup {
            guard let newMarkup = replaced(inMarkup: markup) else { return nil }
            changed.markup = newMarkup
        }
        return changed
    }

    /// `text` (codes as placeholders) with the replacements made between its placeholders;
    /// nil when nothing matched.
    public func replaced(inText text: String) -> String? {
        let bytes = Array(text.utf8)
        var runs: [Range<Int>] = []
        var start = 0
        for code in Placeholders.ranges(in: text) {
            runs.append(start..<code.lowerBound)
            start = code.upperBound
        }
        runs.append(start..<bytes.count)
        return rewrite(bytes, runs: runs) { $0 }
    }

    /// TMX level-2 markup with the replacements made in its text, outside every tag and
    /// outside the native code `bpt`, `ept`, `ph`, `it` and `ut` hold; nil when nothing matched.
    public func replaced(inMarkup markup: String) -> String? {
        let bytes = Array(markup.utf8)
        var runs: [Range<Int>] = []
        var index = 0, start = 0, codeDepth = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if codeDepth == 0 && index > start { runs.append(start..<index) }
            let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count - 1
            let tag = String(decoding: bytes[index...end], as: UTF8.self)
            let name = tag.dropFirst(tag.hasPrefix("</") ? 2 : 1).prefix { $0.isLetter }
            if Self.codeElements.contains(String(name)) && !tag.hasSuffix("/>") { codeDepth += tag.hasPrefix("</") ? -1 : 1 }
            index = end + 1
            start = index
        }
        if codeDepth == 0 && start < bytes.count { runs.append(start..<bytes.count) }
        return rewrite(bytes, runs: runs) { XMLEscape.text($0) } unescaping: { Self.unescaped($0) }
    }

    private static let codeElements: Set<String> = ["bpt", "ept", "ph", "it", "ut"]

    /// `bytes` with each run's matches replaced; a run is read through `unescaping` and written
    /// back through `escaping` (markup's text is escaped XML).
    private func rewrite(_ bytes: [UInt8], runs: [Range<Int>], escaping: (String) -> String,
                         unescaping: (String) -> String = { $0 }) -> String? {
        var output: [UInt8] = []
        var position = 0, changed = false
        for run in runs where !run.isEmpty {
            let text = unescaping(String(decoding: bytes[run], as: UTF8.self))
            var utf8 = Array(text.utf8)
            let matches = utf8.withUnsafeBufferPointer { buffer -> [Range<Int>] in
                regex.setSubject(buffer)
                return regex.matchRanges()
            }
            guard !matches.isEmpty else { continue }
            changed = true
            for match in matches.reversed() {
                let found = String(decoding: utf8[match], as: UTF8.self)
                utf8.replaceSubrange(match, with: Array(casedReplacement(for: found).utf8))
            }
            output += bytes[position..<run.lowerBound]
            output += Array(escaping(String(decoding: utf8, as: UTF8.self)).utf8)
            position = run.upperBound
        }
        guard changed else { return nil }
        output += bytes[position...]
        return String(decoding: output, as: UTF8.self)
    }

    /// The replacement in the case of `found` (see the type's comment).
    func casedReplacement(for found: String) -> String {
        guard !matchCase, found != literal, let first = found.first(where: \.isLetter), let head = replacement.first else { return replacement }
        let letters = found.filter(\.isLetter)
        if letters.count > 1 && letters.allSatisfy(\.isUppercase) { return replacement.uppercased() }
        if first.isUppercase { return head.uppercased() + replacement.dropFirst() }
        // In lower case a capitalized word follows it; an acronym or a name like "iPhone"
        // stays as written.
        if head.isUppercase && replacement.dropFirst().filter(\.isLetter).allSatisfy(\.isLowercase) {
            return head.lowercased() + replacement.dropFirst()
        }
        return replacement
    }

    /// XML text with its character references and the five predefined entities decoded.
    static func unescaped(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
            let name = rest[rest.index(after: amp)..<semicolon]
            switch name {
            case "lt": result += "<"
            case "gt": result += ">"
            case "amp": result += "&"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                let number = name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
                result += number.flatMap(Unicode.Scalar.init).map { String($0) } ?? String(rest[amp...semicolon])
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }
}
