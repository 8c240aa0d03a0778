// Normalization, case folding, transliteration and status names, all on UTF-8.
#include "CGlossaICU.h"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

using icu::CheckedArrayByteSink;
using icu::StringPiece;

const char *CGlossaICU_errorName(int32_t status) {
    return u_errorName(static_cast<UErrorCode>(status));
}

// Reports the sink's outcome in the shim's convention: the full length, and an overflow
// status when dest was too small for it.
static int32_t finishSink(const CheckedArrayByteSink &sink, UErrorCode code, int32_t *status) {
    if (U_SUCCESS(code) && sink.Overflowed()) code = U_BUFFER_OVERFLOW_ERROR;
    *status = code;
    return sink.NumberOfBytesAppended();
}

static const icu::Normalizer2 *normalizerFor(int32_t form, UErrorCode &code) {
    switch (form) {
    case 0: return icu::Normalizer2::getNFCInstance(code);
    case 1: return icu::Normalizer2::getNFDInstance(code);
    case 2: return icu::Normalizer2::getNFKCInstance(code);
    case 3: return icu::Normalizer2::getNFKDInstance(code);
    case 4: return icu::Normalizer2::getNFKCCasefoldInstance(code);
    default: code = U_ILLEGAL_ARGUMENT_ERROR; return nullptr;
    }
}

int32_t CGlossaICU_normalize(int32_t form, const char *src, int32_t srcLength,
                             char *dest, int32_t destCapacity, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    const icu::Normalizer2 *normalizer = normalizerFor(form, code);
    if (U_FAILURE(code)) { *status = code; return 0; }
    CheckedArrayByteSink sink(dest, destCapacity);
    normalizer->normalizeUTF8(0, StringPiece(src, srcLength), sink, nullptr, code);
    return finishSink(sink, code, status);
}

int32_t CGlossaICU_isNormalized(int32_t form, const char *src, int32_t srcLength) {
    UErrorCode code = U_ZERO_ERROR;
    const icu::Normalizer2 *normalizer = normalizerFor(form, code);
    if (U_FAILURE(code)) return 0;
    UBool result = normalizer->isNormalizedUTF8(StringPiece(src, srcLength), code);
    return U_SUCCESS(code) && result ? 1 : 0;
}

int32_t CGlossaICU_hasNFCBoundaryBefore(int32_t codePoint) {
    UErrorCode code = U_ZERO_ERROR;
    const icu::Normalizer2 *normalizer = icu::Normalizer2::getNFCInstance(code);
    return U_SUCCESS(code) && normalizer->hasBoundaryBefore(codePoint) ? 1 : 0;
}

int32_t CGlossaICU_foldCase(const char *src, int32_t srcLength,
                            char *dest, int32_t destCapacity, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    CheckedArrayByteSink sink(dest, destCapacity);
    icu::CaseMap::utf8Fold(U_FOLD_CASE_DEFAULT, StringPiece(src, srcLength), sink, nullptr, code);
    return finishSink(sink, code, status);
}

struct CGlossaICU_Transliterator {
    icu::Transliterator *transliterator;
};

CGlossaICU_Transliterator *CGlossaICU_transliteratorOpen(const char *id, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    icu::Transliterator *t = icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, code);
    *status = code;
    if (U_FAILURE(code) || t == nullptr) { delete t; return nullptr; }
    return new CGlossaICU_Transliterator{t};
}

CGlossaICU_Transliterator *CGlossaICU_transliteratorOpenRules(const char *name, const char *rules, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UParseError parseError;
    icu::Transliterator *t = icu::Transliterator::createFromRules(
        icu::UnicodeString::fromUTF8(name), icu::UnicodeString::fromUTF8(rules), UTRANS_FORWARD, parseError, code);
    *status = code;
    if (U_FAILURE(code) || t == nullptr) { delete t; return nullptr; }
    return new CGlossaICU_Transliterator{t};
}

void CGlossaICU_transliteratorClose(CGlossaICU_Transliterator *t) {
    if (t == nullptr) return;
    delete t->transliterator;
    delete t;
}

int32_t CGlossaICU_convertToUTF8(const char *charset, const char *src, int32_t srcLength,
                                 char *dest, int32_t destCapacity, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &code);
    if (U_FAILURE(code)) { *status = code; return 0; }
    // Stop at the first byte the set cannot map, rather than substituting a character for it.
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &code);
    icu::UnicodeString text(src, srcLength, converter, code);
    ucnv_close(converter);
    if (U_FAILURE(code)) { *status = code; return 0; }
    CheckedArrayByteSink sink(dest, destCapacity);
    text.toUTF8(sink);
    return finishSink(sink, code, status);
}

int32_t CGlossaICU_transliterate(CGlossaICU_Transliterator *t, const char *src, int32_t srcLength,
                                 char *dest, int32_t destCapacity, int32_t *status) {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(StringPiece(src, srcLength));
    t->transliterator->transliterate(text);
    CheckedArrayByteSink sink(dest, destCapacity);
    text.toUTF8(sink);
    return finishSink(sink, U_ZERO_ERROR, status);
}
