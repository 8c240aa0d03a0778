// CGlossaXML: libxml2's streaming (push) parsers for XML and HTML behind a header that carries
// no libxml2 type (Debian's libxml2 headers include ICU's, which clash with Foundation's).
//
// Safety is not optional here: no document ever loads a DTD or an external entity (the entity
// loader refuses every URL and the network is off), and expansion of internal entities is
// bounded, so a "billion laughs" file stops with an error instead of eating the machine.
#ifndef CGLOSSA_XML_H
#define CGLOSSA_XML_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An attribute as the parser holds it, without a copy: `prefix` ("xml" of "xml:lang") is NULL
/// without one (always for HTML); `value` is not NUL-terminated.
typedef struct CGlossaXML_Attribute {
    const char *prefix;
    const char *localName;
    const char *value;
    int32_t valueLength;
} CGlossaXML_Attribute;

/// Callbacks for one parse; any may be NULL. Strings are UTF-8 and live only for the call.
typedef struct CGlossaXML_Handler {
    void *context;
    /// An element starts. `prefix` and `uri` are NULL without a namespace (and always for HTML).
    void (*startElement)(void *context, const char *localName, const char *prefix, const char *uri,
                         const CGlossaXML_Attribute *attributes, int32_t attributeCount);
    void (*endElement)(void *context, const char *localName);
    /// Character data, CDATA included, with entities expanded; may come in several pieces.
    void (*characters)(void *context, const char *text, int32_t length);
} CGlossaXML_Handler;

typedef struct CGlossaXML_Parser CGlossaXML_Parser;

enum { CGlossaXML_xml = 0, CGlossaXML_html = 1 };

/// Creates a push parser for XML or HTML. `fileName` is used in libxml2's own messages only.
CGlossaXML_Parser *CGlossaXML_parserCreate(int32_t kind, const CGlossaXML_Handler *handler,
                                           const char *fileName);
void CGlossaXML_parserFree(CGlossaXML_Parser *parser);

/// Feeds the next chunk (terminate = 1 with the last one). Returns 0, or 1 once the document
/// has proved malformed (see the error functions); later calls then do nothing.
int32_t CGlossaXML_parserPush(CGlossaXML_Parser *parser, const char *chunk, int32_t length,
                              int32_t terminate);

/// Stops the parse from inside a callback (the handler found something it cannot accept).
void CGlossaXML_parserStop(CGlossaXML_Parser *parser);

/// Where the parser is now (1-based), usable inside callbacks.
int32_t CGlossaXML_parserLine(CGlossaXML_Parser *parser);
int32_t CGlossaXML_parserColumn(CGlossaXML_Parser *parser);

/// The first fatal error: message (without trailing newline), line and column; NULL if none.
const char *CGlossaXML_parserErrorMessage(CGlossaXML_Parser *parser);
int32_t CGlossaXML_parserErrorLine(CGlossaXML_Parser *parser);
int32_t CGlossaXML_parserErrorColumn(CGlossaXML_Parser *parser);
/// Whether the error is bytes the document's encoding cannot hold (not its markup).
int32_t CGlossaXML_parserErrorIsEncoding(CGlossaXML_Parser *parser);

#ifdef __cplusplus
}
#endif

#endif
