// CGlossaICU: the ICU functions Glossa needs, behind a header that carries no ICU type.
//
// Why a shim: Foundation on Linux ships its own ICU as a clang module; a Swift module that
// sees both Foundation and the system's <unicode/*.h> fails to compile. This header includes
// only <stdint.h>, so any Swift module may import it. All text crosses as UTF-8 and every
// offset is a UTF-8 byte offset, so Swift never converts to UTF-16.
//
// Status values are ICU UErrorCode numbers: 0 success, > 0 failure, < 0 warning.
#ifndef CGLOSSA_ICU_H
#define CGLOSSA_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ICU's name for a status value ("U_ILLEGAL_ARGUMENT_ERROR").
const char *CGlossaICU_errorName(int32_t status);

// MARK: Normalization and case

/// Normalization forms: 0 NFC, 1 NFD, 2 NFKC, 3 NFKD, 4 NFKC_Casefold.
/// Writes the normalized UTF-8 into dest and returns its length; when the result does not fit,
/// returns the needed length and sets *status to U_BUFFER_OVERFLOW_ERROR (15).
int32_t CGlossaICU_normalize(int32_t form, const char *src, int32_t srcLength,
                             char *dest, int32_t destCapacity, int32_t *status);

/// 1 when src is already in the given form (a fast check), else 0.
int32_t CGlossaICU_isNormalized(int32_t form, const char *src, int32_t srcLength);

/// 1 when the code point always starts a new NFC composition (canonical combining class 0 and
/// NFC_Quick_Check Yes), so text made only of such code points is in NFC; else 0.
int32_t CGlossaICU_hasNFCBoundaryBefore(int32_t codePoint);

/// Full Unicode case folding (U_FOLD_CASE_DEFAULT: "ß" → "ss"); same return rules as normalize.
int32_t CGlossaICU_foldCase(const char *src, int32_t srcLength,
                            char *dest, int32_t destCapacity, int32_t *status);

// MARK: Transliteration

typedef struct CGlossaICU_Transliterator CGlossaICU_Transliterator;

/// Opens a transliterator by ICU id ("Any-Latin; Latin-ASCII"); NULL with *status on failure.
CGlossaICU_Transliterator *CGlossaICU_transliteratorOpen(const char *id, int32_t *status);
/// Compiles a transliterator from ICU rules text; NULL with *status on failure.
CGlossaICU_Transliterator *CGlossaICU_transliteratorOpenRules(const char *name, const char *rules, int32_t *status);
void CGlossaICU_transliteratorClose(CGlossaICU_Transliterator *t);
/// Transliterates src; same return rules as normalize. Not thread safe per instance.
int32_t CGlossaICU_transliterate(CGlossaICU_Transliterator *t, const char *src, int32_t srcLength,
                                 char *dest, int32_t destCapacity, int32_t *status);

// MARK: Character sets

/// Converts src from a legacy character set (an IANA or ICU name: "KOI8-R", "windows-1251",
/// "ISO-8859-1") to UTF-8; same return rules as normalize. A name ICU does not know sets
/// *status to U_FILE_ACCESS_ERROR (4); a byte sequence the set has no character for, to
/// U_INVALID_CHAR_FOUND (10), U_TRUNCATED_CHAR_FOUND (11) or U_ILLEGAL_CHAR_FOUND (12).
int32_t CGlossaICU_convertToUTF8(const char *charset, const char *src, int32_t srcLength,
                                 char *dest, int32_t destCapacity, int32_t *status);

// MARK: Language tags

/// Canonical BCP-47 form of tag ("en_us" → "en-US"). Returns its length, or -1 when tag is not
/// well-formed BCP-47 (including underscores as separators, which are accepted).
int32_t CGlossaICU_canonicalLanguageTag(const char *tag, char *dest, int32_t destCapacity);
/// 1 when ICU knows the ISO 639 language code (2 or 3 letters, lowercase), as a language of
/// its own or as an alias, else 0.
int32_t CGlossaICU_isKnownLanguage(const char *code);
/// 1 when ICU knows the ISO 3166 region code (2 letters, uppercase), else 0.
int32_t CGlossaICU_isKnownRegion(const char *code);
/// 1 when code names an ISO 15924 script ("Latn", "Cyrl"), else 0.
int32_t CGlossaICU_isKnownScript(const char *code);
/// The locale's decimal (symbol 0) or grouping (symbol 1) separator from CLDR, as UTF-8 with no
/// terminator: "," and " " (no-break space) for "ru", "." and "," for "en". Returns its length,
/// or -1.
int32_t CGlossaICU_numberSymbol(const char *locale, int32_t symbol, char *dest, int32_t destCapacity);

// MARK: Break iteration

typedef struct CGlossaICU_BreakIterator CGlossaICU_BreakIterator;

enum { CGlossaICU_wordBreak = 0, CGlossaICU_sentenceBreak = 1 };

/// Opens a word or sentence break iterator for a locale ("en", "ru", "th").
CGlossaICU_BreakIterator *CGlossaICU_breakIteratorOpen(int32_t kind, const char *locale, int32_t *status);
void CGlossaICU_breakIteratorClose(CGlossaICU_BreakIterator *it);
/// Sets the text (copied, so the caller's buffer may go away) and rewinds to offset 0.
void CGlossaICU_breakIteratorSetText(CGlossaICU_BreakIterator *it, const char *utf8, int64_t length,
                                     int32_t *status);
/// Fills up to `capacity` next boundaries (UTF-8 offsets) and their rule statuses (word
/// break: 0–99 none, 100s number, 200s letter, 300s kana, 400s ideograph); returns how many,
/// fewer than `capacity` only at the end. One call per batch, not two per boundary. With a
/// null `statuses`, rule statuses are not looked up.
int32_t CGlossaICU_breakIteratorFill(CGlossaICU_BreakIterator *it, int64_t *offsets, int32_t *statuses, int32_t capacity);

// MARK: Regular expressions (ICU syntax, as SRX rules use)

typedef struct CGlossaICU_Regex CGlossaICU_Regex;

enum { CGlossaICU_regexCaseInsensitive = 2 };

/// Compiles an ICU regular expression; on failure NULL, *status, and *errorOffset (in code points).
CGlossaICU_Regex *CGlossaICU_regexOpen(const char *pattern, int32_t patternLength, uint32_t flags,
                                       int32_t *status, int32_t *errorOffset);
void CGlossaICU_regexClose(CGlossaICU_Regex *re);
/// Sets the subject text (copied) and resets the search position.
void CGlossaICU_regexSetText(CGlossaICU_Regex *re, const char *utf8, int64_t length, int32_t *status);
/// Finds the next match; 1 with its UTF-8 start and end, or 0 when there is none.
int32_t CGlossaICU_regexFindNext(CGlossaICU_Regex *re, int64_t *start, int64_t *end);
/// 1 when the pattern matches starting exactly at offset (the text before it stays visible to
/// look-behind, and ^ does not match there unless it is a line start), else 0.
int32_t CGlossaICU_regexMatchesAt(CGlossaICU_Regex *re, int64_t offset);
/// 1 when the pattern matches the whole text, else 0.
int32_t CGlossaICU_regexMatchesWhole(CGlossaICU_Regex *re);

#ifdef __cplusplus
}
#endif

#endif
