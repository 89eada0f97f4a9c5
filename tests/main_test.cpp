#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "src/base/asan_options.h"  // record_test runs check_index in-process
