// Snowball's libstemmer (Debian: libstemmer-dev), which ships no pkg-config file.
#include <libstemmer.h>
