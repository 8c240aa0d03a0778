/// Characters a TM's text may hold, for property tests of everything that cuts text.
public enum TextSamples {
    /// Every script Glossa claims, every Unicode space, and characters of every punctuation,
    /// symbol, mark and format class, ASCII whole: what a TM's text may put between words.
    public static let everyClass: [String] = {
        let ascii = (0x21...0x7E).map { String(UnicodeScalar(UInt8($0))) }
        let scripts = ["Организация", "ОДКБ", "Ұжымдық", "Арганізацыя", "ՀԱՊԿ", "Հավաքական", "Тоҷикистон", "Кыргыз", "Ёё",
                       "déjà", "Ärzte", "ǅ", "ภาษาไทย", "中文", "日本語", "한국어", "العربية", "עברית", "Ελλάδα"]
        let spaces = ["\u{00A0}", "\u{1680}", "\u{2000}", "\u{2002}", "\u{2007}", "\u{2009}", "\u{200A}", "\u{202F}",
                      "\u{205F}", "\u{3000}", "\t", "\n", "\r\n", "\u{2028}", "\u{0085}"]
        let punctuation = ["‿", "⁀", "–", "—", "‐", "‑", "«", "»", "‹", "›", "‘", "’", "‚", "“", "”", "„", "…", "¡", "¿", "§", "¶",
                           "·", "׳", "״", "։", "՝", "՜", "՞", "、", "。", "·", "٫", "٬", "⁄", "‧", "︓", "﹒", "．", "＇"]
        let symbols = ["±", "×", "÷", "¬", "≠", "∞", "¢", "£", "¥", "€", "₽", "₸", "֏", "^", "`", "¨", "¯", "´", "©", "®", "°",
                       "№", "™", "‰", "′", "″", "😀", "👍🏽", "🇷🇺"]
        let marks = ["\u{0301}", "\u{0483}", "\u{0487}", "҂", "\u{20DD}", "\u{00AD}", "\u{200B}", "\u{200C}", "\u{200D}",
                     "\u{2060}", "\u{FEFF}", "\u{E000}"]
        return ascii + scripts + spaces + punctuation + symbols + marks + ["1", "2025", "a", "я", " ", "  "]
    }()

    /// A random text of 1…`length` pieces of `everyClass`.
    public static func randomText(upTo length: Int = 14, using random: inout SeededRandom) -> String {
        (0..<Int.random(in: 1...length, using: &random)).map { _ in everyClass.randomElement(using: &random)! }.joined()
    }
}
