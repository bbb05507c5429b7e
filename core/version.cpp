#include "core/version.hpp"

namespace core {

std::string_view version() {
    return "0.1.0";
}

} // namespace core
