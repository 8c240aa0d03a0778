import GlossaText

/// Abbreviations after which a full stop does not end a sentence, per language.
///
/// ICU's own lists (`@ss=standard`) know only a few English titles and nothing Russian, and
/// its filter matches any text ending in an entry ("друг." ends in "г."), so Glossa checks
/// whole whitespace-delimited tokens itself. Entries that commonly end a sentence too
/// ("etc.", "и т.д.", "p.m.") are left out on purpose: a wrong break is easier to fix in a
/// CAT tool than two sentences glued together. A single capital letter with a full stop
/// (an initial: "И. Тасмагамбетов", "J. Smith") never ends a sentence in any language.
public enum Abbreviations {
    /// The list for a language; empty for languages without one (initials still apply).
    public static func list(for language: LanguageTag) -> Set<String> {
        switch language.language {
        case "en": english
        case "ru": russian
        case "be", "kk", "ky", "tg": russian.union(cyrillicCommon)
        default: []
        }
    }

    static let english: Set<String> = [
        "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Sr.", "Jr.", "St.", "Mt.", "Gen.", "Col.", "Lt.", "Capt.",
        "Sgt.", "Maj.", "Adm.", "Rep.", "Sen.", "Gov.", "Pres.", "Amb.", "Hon.", "Rev.", "Messrs.",
        "e.g.", "i.e.", "cf.", "viz.", "vs.", "approx.", "No.", "Nos.", "no.", "Vol.", "vol.", "pp.", "p.",
        "Fig.", "fig.", "Art.", "art.", "para.", "Para.", "Sec.", "sec.", "Ch.", "ch.", "Ed.", "ed.", "eds.",
        "Inc.", "Ltd.", "Co.", "Corp.", "Bros.", "U.S.", "U.K.", "U.N.", "E.U.",
        "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
        "est.", "dept.", "Dept.", "Univ.", "Assn.", "Ave.", "Blvd.", "Rd.",
    ]

    static let russian: Set<String> = [
        "г.", "гг.", "т.е.", "т. е.", "т.к.", "им.", "ст.", "ул.", "пр.", "просп.", "пер.", "пл.", "д.", "кв.",
        "корп.", "стр.", "с.", "пос.", "обл.", "р-н", "респ.", "см.", "ср.", "напр.", "рис.", "табл.", "гл.",
        "п.", "пп.", "ч.", "разд.", "прил.", "изд.", "ред.", "вып.", "т.", "млн.", "млрд.", "тыс.", "руб.",
        "коп.", "долл.", "проф.", "акад.", "доц.", "ген.", "полк.", "г-н", "г-жа", "тов.", "св.", "англ.",
        "рус.", "лат.", "мин.", "сек.", "в.", "вв.", "н.э.", "до н.э.", "№",
    ]

    /// Abbreviations shared by the Cyrillic-script languages of the region beyond Russian's.
    static let cyrillicCommon: Set<String> = ["ж.", "жж.", "б.", "бб."]
}
