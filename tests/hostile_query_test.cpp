// End-to-end: hostile queries (huge, deeply nested) get a clear message, never a crash.
#include "tests/cli_util.h"

using namespace cli;
