// The "glossa_icu" FTS5 tokenizer: ICU word boundaries over the UTF-8 text itself (UText), so
// the offsets FTS5 needs for highlight() and snippet() are byte offsets without conversion.
//
// A document that begins with U+0001 is already tokenized: its tokens, folded, separated by
// U+001F. The TM's importer cuts every text into words anyway and hands FTS5 that form, so
// the writer thread does not run the break iterator a second time; queries, highlight() and
// 'rebuild' see the stored text and take the ICU path, which gives the same tokens.
#include "CGlossaFTS.h"

#include <sqlite3.h>
#include <cstring>
#include <string>

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

namespace {

struct Tokenizer {
    icu::BreakIterator *iterator;
    const icu::Normalizer2 *fold;
};

int create(void *, const char **arguments, int count, Fts5Tokenizer **out) {
    UErrorCode code = U_ZERO_ERROR;
    icu::Locale locale(count > 0 ? arguments[0] : "");
    icu::BreakIterator *iterator = icu::BreakIterator::createWordInstance(locale, code);
    const icu::Normalizer2 *fold = icu::Normalizer2::getNFKCCasefoldInstance(code);
    if (U_FAILURE(code) || iterator == nullptr || fold == nullptr) {
        delete iterator;
        return SQLITE_ERROR;
    }
    *out = reinterpret_cast<Fts5Tokenizer *>(new Tokenizer{iterator, fold});
    return SQLITE_OK;
}

void destroy(Fts5Tokenizer *tokenizer) {
    Tokenizer *self = reinterpret_cast<Tokenizer *>(tokenizer);
    delete self->iterator;
    delete self;
}

int tokenizePrepared(void *context, const char *text, int length,
                     int (*token)(void *, int, const char *, int, int, int)) {
    const char *end = text + length;
    for (const char *start = text + 1; start < end;) {
        // memchr: the byte-by-byte loop was a twentieth of an import's writer thread.
        const char *separator = static_cast<const char *>(std::memchr(start, '\x1F', end - start));
        const char *stop = separator != nullptr ? separator : end;
        if (stop > start) {
            int result = token(context, 0, start, static_cast<int>(stop - start), static_cast<int>(start - text),
                               static_cast<int>(stop - text));
            if (result != SQLITE_OK) return result;
        }
        start = stop + 1;
    }
    return SQLITE_OK;
}

int tokenize(Fts5Tokenizer *tokenizer, void *context, int flags, const char *text, int length,
             int (*token)(void *, int, const char *, int, int, int)) {
    if ((flags & FTS5_TOKENIZE_DOCUMENT) && length > 0 && text[0] == '\x01') return tokenizePrepared(context, text, length, token);
    Tokenizer *self = reinterpret_cast<Tokenizer *>(tokenizer);
    UErrorCode code = U_ZERO_ERROR;
    UText *utext = utext_openUTF8(nullptr, text, length, &code);
    if (U_FAILURE(code)) return SQLITE_ERROR;
    self->iterator->setText(utext, code);
    int result = SQLITE_OK;
    std::string folded;
    int32_t start = self->iterator->first();
    for (int32_t end = self->iterator->next(); end != icu::BreakIterator::DONE && result == SQLITE_OK;
         start = end, end = self->iterator->next()) {
        // Rule status below 100 is "none": spaces and punctuation, not searchable.
        if (self->iterator->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
        folded.clear();
        icu::StringByteSink<std::string> sink(&folded);
        UErrorCode foldCode = U_ZERO_ERROR;
        self->fold->normalizeUTF8(0, icu::StringPiece(text + start, end - start), sink, nullptr, foldCode);
        if (U_FAILURE(foldCode)) { result = SQLITE_ERROR; break; }
        result = token(context, 0, folded.data(), static_cast<int>(folded.size()), start, end);
    }
    utext_close(utext);
    return result;
}

fts5_api *api(sqlite3 *connection) {
    fts5_api *pointer = nullptr;
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(connection, "SELECT fts5(?1)", -1, &statement, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, reinterpret_cast<void *>(&pointer), "fts5_api_ptr", nullptr);
        sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    return pointer;
}

}  // namespace

extern "C" int CGlossaFTS_registerICUTokenizer(void *connection) {
    fts5_api *fts = api(static_cast<sqlite3 *>(connection));
    if (fts == nullptr) return SQLITE_ERROR;
    fts5_tokenizer methods = {create, destroy, tokenize};
    return fts->xCreateTokenizer(fts, "glossa_icu", nullptr, &methods, nullptr);
}
