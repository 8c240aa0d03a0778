import GlossaText

/// The `capitalization` rule's two checks: a translation that starts lower-case where the
/// source starts upper-case, and a glossary term written in another case than the glossary's.
public enum Capitalization {
    /// Languages whose script has case but whose sentences do not start with a capital
    /// (Georgian's Mtavruli letters are capitals by Unicode, not by use).
    static let uncapitalized: Set<String> = ["ka"]

    /// English words capitalized in English only: month and weekday names and their
    /// abbreviations, which most other languages write small («июнь», «понедельник»).
    static let lowerCaseInMostLanguages: Set<String> = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        return Set(names + names.map { String($0.prefix(3)) } + ["sept", "tues", "thur", "thurs"])
    }()

    /// Opening marks a sentence may start with before its first letter.
    private static let openers = Set("\"'«“„‘‚([¿¡*-–—".unicodeScalars)

    /// The target's first letter, when the source starts with an upper-case letter and the
    /// target with a lower-case one. Texts that start with a number, a placeholder or a code
    /// are left alone, as are sources starting with an acronym ("URL") and targets starting
    /// with a word cased inside (`iPhone`).
    static func lowerCaseStart(_ pair: SegmentPair) -> Range<Int>? {
        guard !uncapitalized.contains(pair.targetLanguage.language),
              let source = firstWord(of: pair.source), let target = firstWord(of: pair.target) else { return nil }
        let sourceWord = pair.source[utf8: source], targetWord = pair.target[utf8: target]
        guard let first = sourceWord.first, first.isUppercase, let targetFirst = targetWord.first, targetFirst.isLowercase,
              !(sourceWord.count > 1 && sourceWord.allSatisfy(\.isUppercase)),
              !targetWord.dropFirst().contains(where: \.isUppercase),
              !lowerCaseInMostLanguages.contains(sourceWord.lowercased()),
              !startsWithCode(pair.target, at: target)
        else { return nil }
        return target.lowerBound..<target.lowerBound + targetFirst.utf8.count
    }

    /// Whether the token (up to white space) that starts at `word` is code, a file or an
    /// option ("index.theme", "pam_item()", "--gdk-debug"), which keeps its case.
    static func startsWithCode(_ text: String, at word: Range<Int>) -> Bool {
        let before = text.utf8.prefix(word.lowerBound)
        if before.last == UInt8(ascii: "-") { return true }
        let token = text.utf8.dropFirst(word.lowerBound).prefix { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 }
        let marks = "._/(:"
        return token.dropLast().contains { marks.utf8.contains($0) }
    }

    /// The UTF-8 range of the first word, when the text starts with one after white space and
    /// opening marks.
    static func firstWord(of text: String) -> Range<Int>? {
        var offset = 0
        var start: Int?
        for scalar in text.unicodeScalars {
            if start == nil {
                if scalar.isSpace || openers.contains(scalar) {
                    offset += UTF8.width(scalar)
                    continue
                }
                guard scalar.isLetter else { return nil }
                start = offset
            } else if !scalar.isLetter {
                break
            }
            offset += UTF8.width(scalar)
        }
        return start.map { $0..<offset }
    }

    /// Whether `written` (a term as a text has it) differs in case from the glossary's `term`
    /// where case matters: a capital of the term written small ("Csto", "collective security
    /// treaty organization"), or a capital the term lacks past the first letter, in a text not
    /// written all in capitals. Terms whose only capital is their first letter ("Organization")
    /// are left alone: there the capital marks the name and the lower-case word is a common
    /// noun, or the capital starts a sentence. Only the letters before the first other
    /// difference are compared, since inflection changes the ending («Организации»).
    public static func termCaseDiffers(written: Substring, term: String) -> Bool {
        guard !(term.first?.isUppercase == true && !term.dropFirst().contains(where: \.isUppercase)) else { return false }
        let isAllCaps = written.count > 1 && !written.contains(where: \.isLowercase)
        for (index, (found, wanted)) in zip(written, term).enumerated() where found != wanted {
            guard found.lowercased() == wanted.lowercased() else { return false }
            if wanted.isUppercase && found.isLowercase { return true }
            if wanted.isLowercase && found.isUppercase && index > 0 && !isAllCaps { return true }
        }
        return false
    }
}

/// Decides, per file, whether a lower-case start is the file's convention rather than a slip:
/// catalogs of language and script names write them small in Russian and Belarusian
/// («армянский»), and some translators start every option description small. When more than
/// a third of the pairs whose source starts upper-case start lower-case, none of them is
/// reported.
public struct CapitalizationConvention<Item>: Sendable where Item: Sendable {
    private var eligible = 0
    private var held: [Item] = []

    public init() {}

    /// Counts a pair; `finding` is its lower-case-start finding, if it has one.
    public mutating func record(_ pair: SegmentPair, finding: Item?) {
        guard Capitalization.startsUpperCase(pair.source) else { return }
        eligible += 1
        if let finding { held.append(finding) }
    }

    /// The findings to report: none when lower-case starts are the file's convention.
    public func findings() -> [Item] {
        held.count * 3 > eligible ? [] : held
    }
}

extension Capitalization {
    /// Whether `text` starts (after white space and opening marks) with an upper-case letter.
    public static func startsUpperCase(_ text: String) -> Bool {
        firstWord(of: text).map { text[utf8: $0].first?.isUppercase == true } ?? false
    }
}
