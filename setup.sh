#!/usr/bin/env bash
# Dateline's one-command set-up for a fresh Debian 12 machine, as root (or with sudo).
#   ./setup.sh run    install what is missing, build the programs (Release), index corpus/, run
#                     a search, and say how to start the server (dateline-serve)
#   ./setup.sh test   install what is missing (and chromium and puppeteer-core for the search
#                     page's browser test), build, run every test through ctest, then again
#                     in an AddressSanitizer + UndefinedBehaviorSanitizer build by clang, with
#                     the libFuzzer targets (fuzz/) run briefly as tests
# A second run installs nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")"

packages=(g++ cmake make pkg-config libxapian-dev xapian-tools libicu-dev
          libboost-program-options-dev doctest-dev nlohmann-json3-dev zlib1g-dev clang-format time
          wamerican wbritish clang libclang-rt-14-dev libsqlite3-dev help2man
          libgumbo-dev libxml2-dev libcld2-dev libcpp-httplib-dev)

# install_missing [more packages...]: the packages above and those given, if absent.
install_missing() {
    local missing=() p
    for p in "${packages[@]}" "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
            missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "setup: installing ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# build DIR BUILD_TYPE [cmake options...]: everything (programs, tests, man pages)
build() {
    local dir=$1 type=$2
    shift 2
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
    cmake --build "$dir" -j"$(nproc)"
}

# build_programs DIR: the programs alone, for a user who does not run the tests
build_programs() {
    cmake -S . -B "$1" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$1" -j"$(nproc)" --target dateline-index dateline-search dateline-serve
}

# The browser test's puppeteer-core (tests/browser/package.json), as package-lock.json pins it.
# A machine whose node already runs it (nodesource's, with its own npm) needs no Debian npm.
install_browser_test() {
    local missing=(chromium)
    command -v node >/dev/null || missing+=(nodejs)
    command -v npm >/dev/null || missing+=(npm)
    install_missing "${missing[@]}"
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
}

case "${1:-}" in
run)
    install_missing
    build_programs build
    ./build/indexer/dateline-index build corpus/ --db build/dateline.db
    ./build/searcher/dateline-search --db build/dateline.db '"troops are at our gates"'
    echo
    echo "The search page and the HTTP API (README, \"HTTP API\"): start the server with"
    echo "  ./build/server/dateline-serve --db build/dateline.db --listen 127.0.0.1:8080"
    echo "then open http://127.0.0.1:8080/ or try"
    echo "  curl 'http://127.0.0.1:8080/api/search?q=Lukashenko&limit=3'"
    ;;
test)
    install_missing
    install_browser_test
    build build Release
    (cd build && ctest --output-on-failure -j"$(nproc)")
    # clang for libFuzzer; a folder of its own, as a CMake cache keeps its compiler.
    build build-sanitize RelWithDebInfo -DCMAKE_CXX_COMPILER="$(command -v clang++)" \
        -DDATELINE_SANITIZE=ON -DDATELINE_FUZZ=ON
    (cd build-sanitize && ctest --output-on-failure -j"$(nproc)")
    ;;
*)
    echo "usage: ./setup.sh run|test" >&2
    exit 2
    ;;
esac
