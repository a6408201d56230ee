#include "util.h"

const char *says(void) { return nope; }
