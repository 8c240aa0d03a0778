import GlossaText

/// Numbers written as words in the languages Glossa's news is written in: month names, so
/// that a date written in words ("June 19, 2025", «19 июня 2025 года», «2025 жылғы 19 маусым»)
/// reads as the same numbers as one written in digits (19.06.2025), and the numbers zero to
/// ten, which a translation often spells out ("less than 0", «меньше нуля»).
///
/// A word is matched by its stem, since it is inflected («июня», «нуля»): a word may run at
/// most five letters past a stem, two past a stem of three letters («июня»), none past a
/// shorter one (Kazakh «он», ten, is not «онда», there). English month names must be capitalized ("may" is a verb) and take their
/// three-letter abbreviations too.
enum NumberWords {
    /// The month (1…12) `word` names in `language`, or nil.
    static func month(of word: Substring, language: LanguageTag) -> Int? {
        let primary = language.language
        if primary == "en" {
            guard word.unicodeScalars.first.map({ $0.value >= 0x41 && $0.value <= 0x5A }) == true else { return nil }
            let lowered = word.lowercased()
            return english[lowered] ?? english[String(lowered.prefix(3))].flatMap { lowered.count <= 4 ? $0 : nil }
        }
        return monthStems[primary].flatMap { match(word, in: $0) }.map { $0 + 1 }
    }

    /// The number (0…10) `word` spells in `language`, or nil.
    static func smallNumber(of word: Substring, language: LanguageTag) -> Int? {
        numberStems[language.language].flatMap { match(word, in: $0) }
    }

    /// A stem as lower-case UTF-8, the value it stands for, and how many letters may follow it.
    struct Stem {
        var bytes: [UInt8]
        var index: Int
        var extra: Int
    }

    /// A language's table as stems, longest first.
    private static func stems(_ table: [[String]]) -> [Stem] {
        table.enumerated().flatMap { index, forms in
            forms.map { Stem(bytes: Array($0.utf8), index: index, extra: $0.count <= 2 ? 0 : $0.count == 3 ? 2 : 5) }
        }.sorted { $0.bytes.count > $1.bytes.count }
    }

    private static let monthStems = months.mapValues(stems)
    private static let numberStems = smallNumbers.mapValues(stems)

    /// The value of the stem `word` has, lower-casing the word's letters one by one.
    private static func match(_ word: Substring, in stems: [Stem]) -> Int? {
        var lowered: [UInt8] = []
        var letters = 0
        for scalar in word.unicodeScalars {
            UTF8.encode(scalar.lowercased) { lowered.append($0) }
            letters += 1
        }
        for stem in stems where lowered.count >= stem.bytes.count && lowered.starts(with: stem.bytes) {
            let stemLetters = stem.bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            if letters - stemLetters <= stem.extra { return stem.index }
        }
        return nil
    }

    /// Zero to ten; short words listed in their forms.
    private static let smallNumbers: [String: [[String]]] = [
        "en": [["zero", "none"], ["one"], ["two"], ["three"], ["four"], ["five"], ["six"], ["seven"], ["eight"], ["nine"], ["ten"]],
        "ru": [["нол", "нул", "ноль"], ["один", "одна", "одно", "одни", "одно", "одног", "одной", "одном", "одним", "одну"],
               ["два", "две", "двух", "двум", "двумя"], ["три", "трех", "трёх", "трем", "трём", "тремя"], ["четыр", "четвер"],
               ["пять", "пяти", "пятью"], ["шесть", "шести"], ["семь", "семи"], ["восем", "восьм"], ["девят"], ["десят", "десять"]],
        "be": [["нул", "ноль", "нуль"], ["адзін", "адна", "адно", "адны", "аднаг", "адной", "адным", "адну"], ["два", "дзве", "двух"],
               ["тры", "трох"], ["чатыр"], ["пяць", "пяці"], ["шэсць", "шасці"], ["сем", "сямі"], ["восем", "васьм"], ["дзевяц"],
               ["дзесяц"]],
        "uk": [["нул", "нуль"], ["один", "одна", "одне", "одног", "одній", "одним", "одну"], ["два", "дві", "двох"], ["три", "трьох"],
               ["чотир"], ["п'ять", "п’ять"], ["шість", "шести"], ["сім", "семи"], ["вісім", "восьми"], ["дев'ят", "дев’ят"],
               ["десят"]],
        "kk": [["нөл"], ["бір"], ["екі"], ["үш"], ["төрт"], ["бес"], ["алты"], ["жеті"], ["сегіз"], ["тоғыз"], ["он"]],
        "ky": [["нөл"], ["бир"], ["эки"], ["үч"], ["төрт"], ["беш"], ["алты"], ["жети"], ["сегиз"], ["тогуз"], ["он"]],
        "tg": [["сифр"], ["як"], ["ду"], ["се"], ["чор"], ["панҷ"], ["шаш"], ["ҳафт"], ["ҳашт"], ["нӯҳ"], ["даҳ"]],
        "hy": [["զրո"], ["մեկ"], ["երկու"], ["երեք"], ["չորս"], ["հինգ"], ["վեց"], ["յոթ"], ["ութ"], ["ինը"], ["տաս"]],
    ]

    private static let english: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december"]
        var table: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            table[name] = index + 1
            table[String(name.prefix(3))] = index + 1
        }
        table["sept"] = 9
        return table
    }()

    /// Russian stems, which Kyrgyz and Tajik news use for months too.
    private static let russian: [[String]] = [
        ["январ"], ["феврал"], ["март"], ["апрел"], ["май", "мая", "мае", "маю"], ["июн"], ["июл"], ["август"], ["сентябр"],
        ["октябр"], ["ноябр"], ["декабр"],
    ]

    private static let months: [String: [[String]]] = [
        "ru": russian,
        "ky": russian,
        "tg": russian,
        "be": [["студзен"], ["лютага", "люты"], ["сакавік"], ["красавік"], ["май", "мая", "маі"], ["чэрвен"], ["ліпен"],
               ["жнів", "жніўн"], ["верас"], ["кастрычнік"], ["лістапад"], ["снеж"]],
        "uk": [["січн"], ["лютий", "лютого", "лютому"], ["берез"], ["квітн"], ["травн"], ["червн"], ["липн"], ["серпн"],
               ["вересн"], ["жовтн"], ["листопад"], ["грудн"]],
        "kk": [["қаңтар"], ["ақпан"], ["наурыз"], ["сәуір"], ["мамыр"], ["маусым"], ["шілде"], ["тамыз"], ["қыркүйек"],
               ["қазан"], ["қараша"], ["желтоқсан"]],
        "hy": [["հունվար"], ["փետրվար"], ["մարտ"], ["ապրիլ"], ["մայիս"], ["հունիս"], ["հուլիս"], ["օգոստոս"], ["սեպտեմբեր"],
               ["հոկտեմբեր"], ["նոյեմբեր"], ["դեկտեմբեր"]],
    ]
}
