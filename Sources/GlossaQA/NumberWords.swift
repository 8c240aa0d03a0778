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
        table(months: true, language: language)?.value(of: Array(word.utf8)).map { $0 + 1 }
    }

    /// The number (0…10) `word` spells in `language`, or nil.
    static func smallNumber(of word: Substring, language: LanguageTag) -> Int? {
        table(months: false, language: language)?.value(of: Array(word.utf8))
    }

    /// The months' or the small numbers' table of `language`'s primary language, or nil.
    static func table(months: Bool, language: LanguageTag) -> WordTable? {
        (months ? monthTables : numberTables)[language.language]
    }

    /// A language's words for numbers, as lower-case UTF-8 stems, matched on a word's bytes.
    struct WordTable: Sendable {
        struct Stem: Sendable {
            var bytes: [UInt8]
            var letters: Int
            var value: Int
            var extra: Int
        }
        /// Longest first, so "лютага" wins over a shorter stem.
        let stems: [Stem]
        /// The lead bytes stems start with, in either case: most words are turned away on it.
        let leads: Set<UInt8>
        /// English month names must be capitalized ("may" is a verb).
        let capitalized: Bool

        init(_ table: [[String]], capitalized: Bool = false, exact: Bool = false) {
            stems = table.enumerated().flatMap { value, forms in
                forms.map { form in
                    Stem(bytes: Array(form.utf8), letters: form.count, value: value,
                         extra: exact ? 0 : form.count <= 2 ? 0 : form.count == 3 ? 2 : 5)
                }
            }.sorted { $0.bytes.count > $1.bytes.count }
            leads = Set(table.flatMap { $0 }.flatMap { form in [form, form.uppercased()].compactMap { $0.utf8.first } })
            self.capitalized = capitalized
        }

        /// The value of the stem `word` (UTF-8) has, or nil.
        func value(of word: [UInt8]) -> Int? {
            guard let first = word.first, leads.contains(first) else { return nil }
            if capitalized, !(first >= 0x41 && first <= 0x5A) { return nil }
            var lowered: [UInt8] = []
            lowered.reserveCapacity(word.count)
            var letters = 0
            for scalar in String(decoding: word, as: UTF8.self).unicodeScalars {
                UTF8.encode(scalar.lowercased) { lowered.append($0) }
                letters += 1
            }
            for stem in stems where lowered.count >= stem.bytes.count && lowered.starts(with: stem.bytes) {
                if letters - stem.letters <= stem.extra { return stem.value }
            }
            return nil
        }
    }

    private static let monthTables: [String: WordTable] = {
        var tables = months.mapValues { WordTable($0) }
        let english = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                       "november", "december"]
        // Names and their abbreviations, whole words: "Jan", "Sept", "June".
        tables["en"] = WordTable(english.map { name in [name, String(name.prefix(3))] + (name == "september" ? ["sept"] : []) },
                                 capitalized: true, exact: true)
        return tables
    }()

    private static let numberTables = smallNumbers.mapValues { WordTable($0) }

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
