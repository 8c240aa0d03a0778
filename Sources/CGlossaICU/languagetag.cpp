// BCP-47 language tags: canonical form, the registries ICU knows, and a locale's number symbols.
#include "CGlossaICU.h"

#include <string.h>
#include <string>

#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>
#include <unicode/uscript.h>

int32_t CGlossaICU_canonicalLanguageTag(const char *tag, char *dest, int32_t destCapacity) {
    std::string hyphenated(tag);
    if (hyphenated.empty()) return -1;
    for (char &c : hyphenated) if (c == '_') c = '-';

    char localeID[ULOC_FULLNAME_CAPACITY];
    int32_t parsedLength = 0;
    UErrorCode code = U_ZERO_ERROR;
    uloc_forLanguageTag(hyphenated.c_str(), localeID, sizeof localeID, &parsedLength, &code);
    // ICU parses the longest well-formed prefix; anything left over means a malformed tag.
    if (U_FAILURE(code) || parsedLength != static_cast<int32_t>(hyphenated.size())) return -1;

    int32_t length = uloc_toLanguageTag(localeID, dest, destCapacity, /*strict*/ true, &code);
    if (U_FAILURE(code) || code == U_STRING_NOT_TERMINATED_WARNING) return -1;
    return length;
}

static int32_t listContains(const char *const *list, const char *code) {
    for (; *list != nullptr; ++list) if (strcmp(*list, code) == 0) return 1;
    return 0;
}

int32_t CGlossaICU_isKnownLanguage(const char *code) {
    // ICU's list leaves out codes CLDR treats as aliases, though IANA registers them and
    // files carry them (Tagalog "tl", which Android and Google use; "sh"); ICU still maps
    // those to an ISO 639-2 code.
    return listContains(uloc_getISOLanguages(), code) || uloc_getISO3Language(code)[0] != '\0';
}

int32_t CGlossaICU_isKnownRegion(const char *code) {
    return listContains(uloc_getISOCountries(), code);
}

int32_t CGlossaICU_isKnownScript(const char *code) {
    return u_getPropertyValueEnum(UCHAR_SCRIPT, code) != UCHAR_INVALID_CODE ? 1 : 0;
}

int32_t CGlossaICU_numberSymbol(const char *locale, int32_t symbol, char *dest, int32_t destCapacity) {
    UErrorCode code = U_ZERO_ERROR;
    UNumberFormat *format = unum_open(UNUM_DECIMAL, nullptr, 0, locale, nullptr, &code);
    if (U_FAILURE(code)) return -1;
    UChar buffer[16];
    int32_t length = unum_getSymbol(format, symbol == 0 ? UNUM_DECIMAL_SEPARATOR_SYMBOL : UNUM_GROUPING_SEPARATOR_SYMBOL,
                                    buffer, 16, &code);
    unum_close(format);
    if (U_FAILURE(code) || length > 16) return -1;
    int32_t written = 0;
    u_strToUTF8(dest, destCapacity, &written, buffer, length, &code);
    return U_FAILURE(code) || code == U_STRING_NOT_TERMINATED_WARNING ? -1 : written;
}
