// The complete list of what JavaScript can call (embind). The same file is linked
// into the app (for the page's glue) and into the standalone API module
// (microreach_api, for node tests and embedders). Documented in docs/api.md.
#include "core/version.hpp"

#include <emscripten/bind.h>

#include <string>

namespace {

std::string version() { return std::string(core::version()); }

}  // namespace

EMSCRIPTEN_BINDINGS(microreach) {
    emscripten::function("version", &version);
}
