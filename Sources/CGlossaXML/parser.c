// Push parsing with libxml2's SAX2 interface, forwarding events to a CGlossaXML_Handler.
#include "CGlossaXML.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

// Expanded text may exceed the bytes read by this factor plus the slack below, no more:
// generous for real documents, fatal for nested-entity bombs.
enum { amplificationFactor = 20, amplificationSlack = 1 << 20, maxAttributes = 256 };

struct CGlossaXML_Parser {
    xmlParserCtxtPtr context;
    int32_t kind;
    CGlossaXML_Handler handler;
    size_t bytesPushed;
    size_t charactersDelivered;
    char *errorMessage;
    int errorCode;
    int32_t errorLine;
    int32_t errorColumn;
    // Whether the error is bytes the document's encoding cannot hold, not its markup.
    int encodingError;
    int stopped;
};

// libxml2's default SAX2 callbacks (document start, DTD declarations, entities) take the
// callback argument to be the parser context, so userData stays the context and Glossa's
// state lives in its _private field.
static CGlossaXML_Parser *fromContext(void *userData) {
    return ((xmlParserCtxtPtr)userData)->_private;
}

static xmlParserInputPtr refuseExternalEntity(const char *url, const char *id, xmlParserCtxtPtr context) {
    (void)url; (void)id; (void)context;
    return NULL;
}

// libxml2's messages may run on over several lines ("Bytes: 0xE9 0x3C …"): a diagnostic is
// one line, so only the first is kept.
static void recordError(CGlossaXML_Parser *parser, int code, const char *message, int line, int column) {
    if (parser->errorMessage != NULL) return;
    parser->errorCode = code;
    parser->errorMessage = strdup(message);
    char *newline = strchr(parser->errorMessage, '\n');
    if (newline != NULL) *newline = '\0';
    size_t length = strlen(parser->errorMessage);
    while (length > 0 && (parser->errorMessage[length - 1] == '\n' || parser->errorMessage[length - 1] == ' '))
        parser->errorMessage[--length] = '\0';
    parser->errorLine = line;
    parser->errorColumn = column;
}

// Records bytes the encoding cannot hold, as one line saying which, at the parser's place.
static void recordEncodingError(CGlossaXML_Parser *parser, int code, const char *what) {
    if (parser->errorMessage != NULL) return;
    recordError(parser, code, what, CGlossaXML_parserLine(parser), CGlossaXML_parserColumn(parser));
    parser->encodingError = 1;
}

static void onStructuredError(void *userData, xmlErrorPtr error) {
    CGlossaXML_Parser *parser = fromContext(userData);
    if (error == NULL || error->level < XML_ERR_FATAL) return;
    const char *message = error->message ? error->message : "malformed document";
    // "Input is not proper UTF-8, indicate encoding !\nBytes: 0xE9 0x3C …": name the byte.
    const char *bytes = strstr(message, "Bytes: ");
    if (strncmp(message, "Input is not proper UTF-8", 25) == 0 && bytes != NULL) {
        char what[160];
        snprintf(what, sizeof what, "invalid UTF-8 (byte %.4s): the file is not in the encoding it declares "
                 "(UTF-8 unless its XML declaration names another)", bytes + 7);
        recordError(parser, error->code, what, error->line, error->int2);
        parser->encodingError = 1;
        return;
    }
    recordError(parser, error->code, message, error->line, error->int2);
}

// Errors libxml2 raises outside the parser context (its decoders converting UTF-16 or a legacy
// charset): without this handler they went to standard error as they were, several raw lines.
static void onGlobalError(void *userData, xmlErrorPtr error) {
    CGlossaXML_Parser *parser = userData;
    if (parser == NULL || error == NULL || error->level < XML_ERR_ERROR) return;
    if (error->domain == XML_FROM_I18N || error->domain == XML_FROM_IO) {
        char what[200], encoding[48] = "the file's encoding";
        xmlParserInputPtr input = parser->context->input;
        if (input && input->buf && input->buf->encoder && input->buf->encoder->name)
            snprintf(encoding, sizeof encoding, "%.40s", input->buf->encoder->name);
        const char *message = error->message ? error->message : "conversion failed";
        const char *bytes = strstr(message, "bytes ");
        // The decoder converts ahead of the parser: the place is where the parser had got to.
        if (bytes != NULL) snprintf(what, sizeof what, "bytes not valid in %s at or after this point (%.40s)", encoding, bytes);
        else snprintf(what, sizeof what, "bytes not valid in %s at or after this point", encoding);
        char *newline = strchr(what, '\n');
        if (newline != NULL) *newline = '\0';
        // snprintf may have cut "…)" off with the line: close what it opened.
        if (bytes != NULL && what[strlen(what) - 1] != ')' && strlen(what) + 1 < sizeof what) strcat(what, ")");
        recordEncodingError(parser, error->code, what);
    }
}

static void ignoreGenericError(void *context, const char *message, ...) {
    (void)context; (void)message;
}

static void failAndStop(CGlossaXML_Parser *parser, const char *message) {
    recordError(parser, 0, message, CGlossaXML_parserLine(parser), CGlossaXML_parserColumn(parser));
    CGlossaXML_parserStop(parser);
}

static void onStartElementNs(void *userData, const xmlChar *localName, const xmlChar *prefix,
                             const xmlChar *uri, int namespaceCount, const xmlChar **namespaces,
                             int attributeCount, int defaultedCount, const xmlChar **attributes) {
    (void)namespaceCount; (void)namespaces; (void)defaultedCount;
    CGlossaXML_Parser *parser = fromContext(userData);
    if (parser->stopped || parser->handler.startElement == NULL) return;
    if (attributeCount > maxAttributes) { failAndStop(parser, "too many attributes on one element"); return; }

    // libxml2 gives (local, prefix, uri, value start, value end) per attribute.
    CGlossaXML_Attribute attributesOut[maxAttributes];
    for (int i = 0; i < attributeCount; i++) {
        const xmlChar **a = attributes + 5 * i;
        attributesOut[i] = (CGlossaXML_Attribute){(const char *)a[1], (const char *)a[0], (const char *)a[3],
                                                  (int32_t)(a[4] - a[3])};
    }
    parser->handler.startElement(parser->handler.context, (const char *)localName, (const char *)prefix,
                                 (const char *)uri, attributesOut, attributeCount);
}

static void onEndElementNs(void *userData, const xmlChar *localName, const xmlChar *prefix, const xmlChar *uri) {
    (void)prefix; (void)uri;
    CGlossaXML_Parser *parser = fromContext(userData);
    if (parser->stopped || parser->handler.endElement == NULL) return;
    parser->handler.endElement(parser->handler.context, (const char *)localName);
}

static void onHTMLStartElement(void *userData, const xmlChar *name, const xmlChar **attributes) {
    CGlossaXML_Parser *parser = fromContext(userData);
    if (parser->stopped || parser->handler.startElement == NULL) return;
    int32_t count = 0;
    if (attributes != NULL) while (attributes[2 * count] != NULL) count++;
    CGlossaXML_Attribute attributesOut[maxAttributes];
    int32_t kept = count < maxAttributes ? count : maxAttributes;
    for (int32_t i = 0; i < kept; i++) {
        // HTML allows attributes without a value (<option selected>).
        const char *value = attributes[2 * i + 1] ? (const char *)attributes[2 * i + 1] : "";
        attributesOut[i] = (CGlossaXML_Attribute){NULL, (const char *)attributes[2 * i], value, (int32_t)strlen(value)};
    }
    parser->handler.startElement(parser->handler.context, (const char *)name, NULL, NULL, attributesOut, kept);
}

static void onHTMLEndElement(void *userData, const xmlChar *name) {
    CGlossaXML_Parser *parser = fromContext(userData);
    if (parser->stopped || parser->handler.endElement == NULL) return;
    parser->handler.endElement(parser->handler.context, (const char *)name);
}

static void onCharacters(void *userData, const xmlChar *text, int length) {
    CGlossaXML_Parser *parser = fromContext(userData);
    if (parser->stopped || parser->handler.characters == NULL) return;
    parser->charactersDelivered += (size_t)length;
    if (parser->charactersDelivered > amplificationFactor * parser->bytesPushed + amplificationSlack) {
        failAndStop(parser, "entity expansion limit exceeded (possible entity bomb)");
        return;
    }
    parser->handler.characters(parser->handler.context, (const char *)text, length);
}

CGlossaXML_Parser *CGlossaXML_parserCreate(int32_t kind, const CGlossaXML_Handler *handler, const char *fileName) {
    xmlInitParser();
    xmlSetExternalEntityLoader(refuseExternalEntity);

    CGlossaXML_Parser *parser = calloc(1, sizeof *parser);
    if (parser == NULL) return NULL;
    parser->kind = kind;
    parser->handler = *handler;

    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    if (kind == CGlossaXML_html) {
        xmlSAX2InitHtmlDefaultSAXHandler(&sax);
        sax.startElement = onHTMLStartElement;
        sax.endElement = onHTMLEndElement;
        sax.characters = onCharacters;
        sax.cdataBlock = onCharacters;
        sax.ignorableWhitespace = onCharacters;
        sax.comment = NULL;
        sax.processingInstruction = NULL;
        sax.error = NULL;
        sax.warning = NULL;
        // Without a declared charset, read UTF-8 (HTML5's practice) rather than libxml2's HTML4
        // default of Latin-1; a <meta charset> in the document still switches the decoder.
        parser->context = htmlCreatePushParserCtxt(&sax, NULL, NULL, 0, fileName, XML_CHAR_ENCODING_UTF8);
        if (parser->context != NULL)
            htmlCtxtUseOptions(parser->context, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
    } else {
        xmlSAXVersion(&sax, 2);
        sax.startElementNs = onStartElementNs;
        sax.endElementNs = onEndElementNs;
        sax.startElement = NULL;
        sax.endElement = NULL;
        sax.characters = onCharacters;
        sax.cdataBlock = onCharacters;
        sax.ignorableWhitespace = onCharacters;
        sax.comment = NULL;
        sax.processingInstruction = NULL;
        sax.externalSubset = NULL;
        sax.serror = onStructuredError;
        sax.error = NULL;
        sax.warning = NULL;
        parser->context = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, fileName);
        // NOENT expands internal entities into text; external ones reach only the refusing loader.
        if (parser->context != NULL)
            xmlCtxtUseOptions(parser->context, XML_PARSE_NONET | XML_PARSE_NOENT | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    }
    if (parser->context == NULL) { free(parser); return NULL; }
    parser->context->_private = parser;
    return parser;
}

void CGlossaXML_parserFree(CGlossaXML_Parser *parser) {
    if (parser == NULL) return;
    // The default start-document callback made an (element-free) document to hold the DTD.
    if (parser->context->myDoc != NULL) xmlFreeDoc(parser->context->myDoc);
    parser->context->myDoc = NULL;
    if (parser->kind == CGlossaXML_html) htmlFreeParserCtxt(parser->context);
    else xmlFreeParserCtxt(parser->context);
    free(parser->errorMessage);
    free(parser);
}

int32_t CGlossaXML_parserPush(CGlossaXML_Parser *parser, const char *chunk, int32_t length, int32_t terminate) {
    if (parser->stopped || parser->errorMessage != NULL) return 1;
    parser->bytesPushed += (size_t)length;
    // The handlers are the calling thread's: set for this chunk, and taken back after it.
    xmlSetStructuredErrorFunc(parser, onGlobalError);
    xmlSetGenericErrorFunc(NULL, ignoreGenericError);
    int code = parser->kind == CGlossaXML_html
        ? htmlParseChunk(parser->context, chunk, length, terminate)
        : xmlParseChunk(parser->context, chunk, length, terminate);
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlSetGenericErrorFunc(NULL, NULL);
    if (parser->kind == CGlossaXML_xml && parser->errorMessage == NULL &&
        (code != 0 || !parser->context->wellFormed)) {
        xmlErrorPtr last = xmlCtxtGetLastError(parser->context);
        recordError(parser, last ? last->code : 0, last && last->message ? last->message : "malformed document",
                    last ? last->line : CGlossaXML_parserLine(parser), last ? last->int2 : 0);
    }
    // A document that stops inside an element (a download or copy cut short) gets whatever
    // libxml2 met last: "Extra content at the end of the document" from its push parser, or a
    // complaint about the tag or entity the end cut through. A genuine error stops the parse
    // where it is; this one has consumed the input. Say what happened, naming the root (the
    // innermost name may be a tag cut in two).
    xmlParserInputPtr input = parser->context->input;
    int consumed = input && input->cur && input->end && input->cur >= input->end;
    if (terminate && parser->errorMessage && !parser->encodingError && parser->errorCode != XML_ERR_TAG_NAME_MISMATCH
        && (consumed || parser->errorCode == XML_ERR_DOCUMENT_END)
        && parser->context->nameNr > 0 && parser->context->nameTab[0]) {
        char message[160];
        snprintf(message, sizeof message, "the file ends before the document does (<%.60s> is not closed): is it cut short?",
                 (const char *)parser->context->nameTab[0]);
        free(parser->errorMessage);
        parser->errorMessage = NULL;
        recordError(parser, XML_ERR_DOCUMENT_END, message, CGlossaXML_parserLine(parser), CGlossaXML_parserColumn(parser));
    }
    return parser->errorMessage != NULL ? 1 : 0;
}

void CGlossaXML_parserStop(CGlossaXML_Parser *parser) {
    parser->stopped = 1;
    xmlStopParser(parser->context);
}

int32_t CGlossaXML_parserLine(CGlossaXML_Parser *parser) {
    return parser->context->input ? parser->context->input->line : 0;
}

int32_t CGlossaXML_parserColumn(CGlossaXML_Parser *parser) {
    return parser->context->input ? parser->context->input->col : 0;
}

const char *CGlossaXML_parserErrorMessage(CGlossaXML_Parser *parser) { return parser->errorMessage; }
int32_t CGlossaXML_parserErrorLine(CGlossaXML_Parser *parser) { return parser->errorLine; }
int32_t CGlossaXML_parserErrorColumn(CGlossaXML_Parser *parser) { return parser->errorColumn; }
int32_t CGlossaXML_parserErrorIsEncoding(CGlossaXML_Parser *parser) { return parser->encodingError; }
