// Only the C shim CGlossaXML includes libxml2: Debian's libxml2 headers pull in ICU's ucnv.h.
#include <libxml/parser.h>
