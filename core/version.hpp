// The product version, shown in the UI and written into saved state.
#pragma once

#include <string_view>

namespace core {

[[nodiscard]] std::string_view version();

} // namespace core
