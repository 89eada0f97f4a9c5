// End-to-end: indexers killed at random points, searches during updates, a second writer.
#include "tests/cli_util.h"

using namespace cli;
