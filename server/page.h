// The search page's routes: / and the files of server/page/, from bytes built into the binary.
#pragma once

#include <httplib.h>

namespace dateline {

// GET / (index.html) and GET /NAME for each file of server/page/; any other path is left to
// the API or to 404. No file is read at run time, so no path can reach outside the page.
void add_page_routes(httplib::Server& server);

}  // namespace dateline
