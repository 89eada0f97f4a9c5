// End-to-end: messy and hostile input files; each is named in a message and the good input
// beside it is indexed.
#include "tests/cli_util.h"

using namespace cli;
