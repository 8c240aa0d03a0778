// Only the C shim CGlossaICU includes ICU; no Swift module imports this one (see DESIGN.md:
// Foundation on Linux carries its own ICU headers and the two sets clash in one Swift module).
#include <unicode/utypes.h>
