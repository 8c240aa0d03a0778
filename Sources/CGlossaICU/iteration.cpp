// Break iterators and regular expressions over UTF-8 text (ICU's UText), so offsets are bytes.
#include "CGlossaICU.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/parseerr.h>
#include <unicode/uregex.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

// A private copy of the caller's text with the UText that reads it; ICU keeps pointers into
// the bytes, and Swift's buffers do not outlive the call.
// The buffer and the UText are reused from one text to the next: a scanner sets millions of
// short texts, and a malloc plus a UText per text showed in profiles.
struct OwnedText {
    char *bytes = nullptr;
    int64_t length = 0;
    int64_t capacity = 0;
    UText *text = nullptr;

    bool assign(const char *utf8, int64_t count, UErrorCode &code) {
        if (count > capacity || bytes == nullptr) {
            int64_t size = count > 64 ? count : 64;
            char *larger = static_cast<char *>(realloc(bytes, size));
            if (larger == nullptr) { code = U_MEMORY_ALLOCATION_ERROR; return false; }
            bytes = larger;
            capacity = size;
        }
        if (count > 0) memcpy(bytes, utf8, count);
        length = count;
        text = utext_openUTF8(text, bytes, count, &code);
        return U_SUCCESS(code);
    }
    void release() {
        if (text != nullptr) utext_close(text);
        free(bytes);
        text = nullptr; bytes = nullptr; length = 0; capacity = 0;
    }
};

struct CGlossaICU_BreakIterator {
    icu::BreakIterator *iterator;
    OwnedText owned;
};

CGlossaICU_BreakIterator *CGlossaICU_breakIteratorOpen(int32_t kind, const char *locale, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    icu::Locale loc(locale);
    icu::BreakIterator *iterator = kind == CGlossaICU_sentenceBreak
        ? icu::BreakIterator::createSentenceInstance(loc, code)
        : icu::BreakIterator::createWordInstance(loc, code);
    *status = code;
    if (U_FAILURE(code) || iterator == nullptr) { delete iterator; return nullptr; }
    return new CGlossaICU_BreakIterator{iterator, OwnedText()};
}

void CGlossaICU_breakIteratorClose(CGlossaICU_BreakIterator *it) {
    if (it == nullptr) return;
    delete it->iterator;
    it->owned.release();
    delete it;
}

void CGlossaICU_breakIteratorSetText(CGlossaICU_BreakIterator *it, const char *utf8, int64_t length,
                                     int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    if (it->owned.assign(utf8, length, code)) {
        it->iterator->setText(it->owned.text, code);
        it->iterator->first();
    }
    *status = code;
}

int32_t CGlossaICU_breakIteratorFill(CGlossaICU_BreakIterator *it, int64_t *offsets, int32_t *statuses, int32_t capacity) {
    int32_t count = 0;
    while (count < capacity) {
        int32_t next = it->iterator->next();
        if (next == icu::BreakIterator::DONE) break;
        offsets[count] = next;
        if (statuses != nullptr) statuses[count] = it->iterator->getRuleStatus();
        count++;
    }
    return count;
}

struct CGlossaICU_Regex {
    URegularExpression *regex;
    OwnedText owned;
};

CGlossaICU_Regex *CGlossaICU_regexOpen(const char *pattern, int32_t patternLength, uint32_t flags,
                                       int32_t *status, int32_t *errorOffset) {
    UErrorCode code = U_ZERO_ERROR;
    UParseError parseError;
    icu::UnicodeString source = icu::UnicodeString::fromUTF8(icu::StringPiece(pattern, patternLength));
    URegularExpression *regex = uregex_open(source.getBuffer(), source.length(), flags, &parseError, &code);
    *status = code;
    *errorOffset = parseError.offset;
    if (U_FAILURE(code)) { uregex_close(regex); return nullptr; }
    return new CGlossaICU_Regex{regex, OwnedText()};
}

void CGlossaICU_regexClose(CGlossaICU_Regex *re) {
    if (re == nullptr) return;
    uregex_close(re->regex);
    re->owned.release();
    delete re;
}

void CGlossaICU_regexSetText(CGlossaICU_Regex *re, const char *utf8, int64_t length, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    if (re->owned.assign(utf8, length, code)) uregex_setUText(re->regex, re->owned.text, &code);
    *status = code;
}

int32_t CGlossaICU_regexFindNext(CGlossaICU_Regex *re, int64_t *start, int64_t *end) {
    UErrorCode code = U_ZERO_ERROR;
    if (!uregex_findNext(re->regex, &code) || U_FAILURE(code)) return 0;
    *start = uregex_start64(re->regex, 0, &code);
    *end = uregex_end64(re->regex, 0, &code);
    return U_SUCCESS(code) ? 1 : 0;
}

int32_t CGlossaICU_regexMatchesAt(CGlossaICU_Regex *re, int64_t offset) {
    UErrorCode code = U_ZERO_ERROR;
    uregex_setRegion64(re->regex, offset, re->owned.length, &code);
    uregex_useTransparentBounds(re->regex, true, &code);
    uregex_useAnchoringBounds(re->regex, false, &code);
    UBool found = uregex_lookingAt64(re->regex, -1, &code);
    return U_SUCCESS(code) && found ? 1 : 0;
}

int32_t CGlossaICU_regexMatchesWhole(CGlossaICU_Regex *re) {
    UErrorCode code = U_ZERO_ERROR;
    UBool found = uregex_matches64(re->regex, 0, &code);
    return U_SUCCESS(code) && found ? 1 : 0;
}
