#ifndef CGLOSSAFTS_H
#define CGLOSSAFTS_H

// An SQLite FTS5 tokenizer over ICU word break, so full-text search works for Chinese, Thai,
// Armenian, Cyrillic and accented text alike. Like CGlossaICU, the header carries no ICU or
// SQLite type: the connection is passed as an opaque pointer.

#ifdef __cplusplus
extern "C" {
#endif

/// Registers the tokenizer "glossa_icu" on the connection (a `sqlite3 *`): tokens are ICU
/// word-break words and numbers, NFKC-case-folded; its optional argument is the locale whose
/// dictionary rules to use ("th", "zh"). Returns an SQLite result code.
int CGlossaFTS_registerICUTokenizer(void *connection);

#ifdef __cplusplus
}
#endif

#endif
