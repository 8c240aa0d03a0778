import GlossaQA
import GlossaText
import Testing

/// The pair rules on sentences in the CSTO's style and the member states' languages.
struct PairCheckerTests {
    let checker = PairChecker()

    func findings(_ source: String, _ target: String, _ language: LanguageTag = "ru", plural: Bool = false, codes: Bool = false,
                  rule: QARule? = nil) -> [QAFinding] {
        let pair = SegmentPair(source: source, sourceLanguage: "en", target: target, targetLanguage: language, hasInlineCodes: codes,
                               isPlural: plural)
        return checker.check(pair).filter { rule == nil || $0.rule == rule }
    }

    @Test func numbersCompareAsValuesWrittenTheLanguagesWay() {
        #expect(findings("Exports reached 10,000.5 tonnes.", "Экспорт достиг 10 000,5 тонны.", rule: .numberMismatch).isEmpty)
        #expect(findings("Exports reached 10,000.5 tonnes.", "Экспорт достиг 10\u{00A0}000,5 тонны.", rule: .numberMismatch).isEmpty)
        let wrong = findings("Exports reached 10,000.5 tonnes.", "Экспорт достиг 10 000,6 тонны.", rule: .numberMismatch)
        #expect(wrong.map(\.piece) == ["10 000,6"])
        #expect(wrong.first?.message == "the translation has 10 000,6 where the source has 10,000.5")
        // One separator before three digits: grouping in English, the decimal mark in Russian.
        #expect(findings("The fund holds 1,500 units.", "Фонд содержит 1 500 единиц.", rule: .numberMismatch).isEmpty)
        #expect(findings("The rate rose by 1.5 points.", "Ставка выросла на 1,5 пункта.", rule: .numberMismatch).isEmpty)
        #expect(findings("The rate rose by 1.5 points.", "Ставка выросла на 15 пунктов.", rule: .numberMismatch).count == 1)
    }

    @Test func datesInWordsAndDigitsAreTheSameNumbers() {
        let english = "On June 19, 2025, a regular meeting of the Committee was held."
        #expect(findings(english, "19 июня 2025 года состоялось очередное заседание Комитета.", rule: .numberMismatch).isEmpty)
        #expect(findings(english, "19.06.2025 состоялось очередное заседание Комитета.", rule: .numberMismatch).isEmpty)
        #expect(findings(english, "2025 жылғы 19 маусымда Комитеттің кезекті отырысы өтті.", "kk", rule: .numberMismatch).isEmpty)
        #expect(findings(english, "19 чэрвеня 2025 года адбылося чарговае пасяджэнне Камітэта.", "be", rule: .numberMismatch).isEmpty)
        #expect(findings(english, "2025 թվականի հունիսի 19-ին տեղի ունեցավ Կոմիտեի հերթական նիստը։", "hy", rule: .numberMismatch).isEmpty)
        let wrongDay = findings(english, "20 июня 2025 года состоялось очередное заседание Комитета.", rule: .numberMismatch)
        #expect(wrongDay.map(\.piece) == ["20"])
        let wrongMonth = findings(english, "19 июля 2025 года состоялось очередное заседание Комитета.", rule: .numberMismatch)
        #expect(wrongMonth.map(\.piece) == ["июля"])
        // "May" is a month only beside a number.
        #expect(findings("May 9 is Victory Day.", "9 мая — День Победы.", rule: .numberMismatch).isEmpty)
        #expect(findings("The parties may agree.", "Стороны могут договориться.", rule: .numberMismatch).isEmpty)
    }

    @Test func smallNumbersMayBeSpelledOutAndPlaceholdersHoldNone() {
        #expect(findings("exponent less than 0", "экспонента меньше нуля", rule: .numberMismatch).isEmpty)
        #expect(findings("Expecting 1 control message, got %d", "Чакалі аднаго кіроўнага паведамлення, а маем %d", "be",
                         rule: .numberMismatch).isEmpty)
        #expect(findings("Copied %1$s of %2$s", "Скопировано %1$s из %2$s", rule: .numberMismatch).isEmpty)
        #expect(findings("{1}CSTO{/1} met", "{1}ОДКБ{/1} собралась", codes: true, rule: .numberMismatch).isEmpty)
        // An Armenian catalog that writes 10,000 as English does.
        #expect(findings("too many named subpatterns (maximum 10,000)", "չափազանց շատ անվանված ենթաշաբլոններ (ոչ ավելի, քան 10,000)", "hy",
                         rule: .numberMismatch).isEmpty)
    }

    @Test func placeholdersKeepTheirKindInAnyOrder() {
        #expect(findings("Copying %s to %s", "Копирование %s в %s", rule: .placeholderMismatch).isEmpty)
        // gettext lets a translation number the arguments of an unnumbered source.
        #expect(findings("%s: %d files", "%2$d файлов: %1$s", rule: .placeholderMismatch).isEmpty)
        #expect(findings("%1$s: %2$d files", "%2$d файлов в %1$s", rule: .placeholderMismatch).isEmpty)
        let missing = findings("Copying %s to %s", "Копирование %s", rule: .placeholderMismatch)
        #expect(missing.map(\.piece) == ["%s"])
        #expect(missing.first?.side == .source)
        let wrongType = findings("%d files", "%s файлов", rule: .placeholderMismatch)
        #expect(wrongType.map(\.piece) == ["%d", "%s"])
        #expect(findings("%(count)d items", "%(count)s элементов", rule: .placeholderMismatch).count == 2)
        #expect(findings("Hello, {name}!", "Привет, {name}!", rule: .placeholderMismatch).isEmpty)
        #expect(findings("Hello, {name}!", "Привет, {имя}!", rule: .placeholderMismatch).map(\.piece) == ["{name}"])
        #expect(findings("The file %1 is in %2", "Файл %1 находится в %2", rule: .placeholderMismatch).isEmpty)
        // A date format is rewritten in the language's order and directives (glib's ru).
        #expect(findings("%a %b %e %H:%M:%S %Y", "%a, %-d %b %Y, %H∶%M∶%S", rule: .placeholderMismatch).isEmpty)
        // A plural message's singular form may leave the count out.
        #expect(findings("%d minute", "одна минута", plural: true, rule: .placeholderMismatch).isEmpty)
        #expect(findings("%d minute", "одна минута", rule: .placeholderMismatch).count == 1)
    }

    @Test func tagsAndInlineCodesAreCountedByKind() {
        let missing = findings("<b>Warning:</b> disk full", "<b>Внимание: диск заполнен", rule: .tagMismatch)
        #expect(missing.map(\.piece) == ["</b>"])
        #expect(findings("<a href=\"https://odkb-csto.org\">CSTO</a> news", "Новости <a href=\"https://odkb-csto.org/ru\">ОДКБ</a>",
                         rule: .tagMismatch).isEmpty)
        // Angle brackets around words are a usage line's words, which translators translate.
        #expect(findings("Usage: %s [<option>...] <file>", "Использование: %s [<параметр>...] <файл>", rule: .tagMismatch).isEmpty)
        #expect(findings("<corrupt GNU_PROPERTY_TYPE, size = %#lx>", "<повреждён GNU_PROPERTY_TYPE, размер = %#lx>", rule: .tagMismatch).isEmpty)
        #expect(findings("{1}CSTO{/1} met", "{1}ОДКБ{/1} собралась", codes: true, rule: .tagMismatch).isEmpty)
        #expect(findings("{1}CSTO{/1} met", "{1}ОДКБ собралась", codes: true, rule: .tagMismatch).map(\.piece) == ["{/1}"])
    }

    @Test func emptyAndUnchangedTranslations() {
        #expect(findings("Browse for other folders", "", rule: .untranslated).count == 1)
        #expect(findings("Browse for other folders", " \n", rule: .untranslated).count == 1)
        #expect(findings("_Browse for other folders", "_Browse for other folders", "hy", rule: .targetEqualsSource).count == 1)
        for kept in ["GNOME", "Bourne Again Shell", "Xft DPI", "Python 3", "exit [n]", "id=", "%s: %s", "CSTO/ОДКБ", "2025", "%H:%M:%S", "calendar:MY", "default:LTR"] {
            #expect(findings(kept, kept, rule: .targetEqualsSource).isEmpty, "\(kept)")
        }
        let allowed = PairChecker(policy: QAPolicy(allowedSame: ["fifo"]))
        #expect(allowed.check(SegmentPair(source: "fifo", sourceLanguage: "en", target: "fifo", targetLanguage: "ru")).isEmpty)
        #expect(findings("fifo", "fifo", rule: .targetEqualsSource).count == 1)
        // English into English is not a translation left undone.
        let british = SegmentPair(source: "Colour settings", sourceLanguage: "en", target: "Colour settings", targetLanguage: "en-GB")
        #expect(checker.check(british).isEmpty)
    }

    @Test func endPunctuationBracketsAndQuotationMarks() {
        let dropped = findings("Could not connect passive socket.", "Не удалось присоединить пассивный сокет", rule: .punctuation)
        #expect(dropped.map(\.message) == ["the source ends with a full stop, the translation with no punctuation"])
        #expect(findings("Loading…", "Загрузка...", rule: .punctuation).isEmpty)
        #expect(findings("character value in \\x{...} sequence is too large", "слишком большое значение символа в последовательности \\x{…}",
                         rule: .punctuation).isEmpty, "a brace ends code, not a sentence")
        #expect(findings("Are you sure?", "Համոզվա՞ծ եք։", "hy", rule: .punctuation).isEmpty)
        #expect(findings("The meeting was held.", "Նիստը կայացավ։", "hy", rule: .punctuation).isEmpty)
        #expect(findings("Close the window (Ctrl+W).", "Закройте окно (Ctrl+W.", rule: .punctuation).map(\.piece) == ["("])
        let quotes = findings("Press \"Yes\".", "Нажмите \"Да\".", rule: .punctuation)
        #expect(quotes.map(\.suggestion) == ["«…»"])
        #expect(findings("Run \"%s --help\".", "Запустите \"%s --help\".", rule: .punctuation).isEmpty, "a command, not Russian words")
        #expect(findings("Default format ('xml' or 'yaml').", "Формат по умолчанию (\"xml\" или \"yaml\").", rule: .punctuation).isEmpty)
        #expect(findings("The «Barrier-2025» exercise", "The «Barrier-2025» exercise", "en", rule: .punctuation).map(\.piece) == ["«"])
    }

    @Test func spacing() {
        #expect(findings("cannot duplicate named pipe %s as fd %d", "не удаётся скопировать именованный конвейер %s  в дескриптор %d",
                         rule: .spacing).map(\.message) == ["a double space"])
        #expect(findings("title: %s", "название : %s", rule: .spacing).map(\.message) == ["a space before ':'"])
        #expect(findings("Login name: ", "Имя пользователя:", rule: .spacing).map(\.message)
            == ["the translation ends with no white space, the source with a space"])
        #expect(findings("Done.\n", "Готово.", rule: .spacing).count == 1)
        #expect(findings("Loading ...", "Загрузка ...", rule: .spacing).isEmpty)
        #expect(findings("Question?", "Question ?", "fr", rule: .spacing).isEmpty, "French spaces before ?")
    }

    @Test func capitalizationAtTheStart() {
        #expect(findings("Cancel the download", "отменить загрузку", rule: .capitalization).map(\.piece) == ["о"])
        #expect(findings("Cancel the download", "Отменить загрузку", rule: .capitalization).isEmpty)
        #expect(findings("January", "январь", rule: .capitalization).isEmpty, "month names are small in Russian")
        #expect(findings("URL is invalid", "адрес URL неверен", rule: .capitalization).isEmpty)
        #expect(findings("Failed to fork (%s)", "fork-ը ձախողվեց (%s)", "hy", rule: .capitalization).map(\.piece) == ["f"])
        #expect(findings("Network", "ქსელი", "ka", rule: .capitalization).isEmpty)
        #expect(findings("%s files", "%s файлов", rule: .capitalization).isEmpty)
        // A translation that starts with a file, a function or an option keeps its case.
        #expect(findings("Don't check for the existence of index.theme", "index.theme файлының бар-жоғын тексермеу", "kk",
                         rule: .capitalization).isEmpty)
        #expect(findings("Error parsing option --gdk-debug", "--gdk-debug опциясын талдау қатесі", "kk", rule: .capitalization).isEmpty)
    }

    @Test func termCase() {
        #expect(Capitalization.termCaseDiffers(written: "Csto", term: "CSTO"))
        #expect(Capitalization.termCaseDiffers(written: "Collective security treaty organization", term: "Collective Security Treaty Organization"))
        #expect(Capitalization.termCaseDiffers(written: "одкб", term: "ОДКБ"))
        #expect(!Capitalization.termCaseDiffers(written: "ОРГАНИЗАЦИИ ДОГОВОРА", term: "Организация Договора"))
        #expect(!Capitalization.termCaseDiffers(written: "Организации Договора", term: "Организация Договора"))
        #expect(!Capitalization.termCaseDiffers(written: "organization", term: "Organization"), "a common noun")
        #expect(!Capitalization.termCaseDiffers(written: "Cybersecurity", term: "cybersecurity"), "a sentence's start")
        #expect(Capitalization.termCaseDiffers(written: "CyberSecurity", term: "cybersecurity"))
    }
}
