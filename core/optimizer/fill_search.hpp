// The optimizer's bitset searches that spend a plan's last cents (core/optimizer/
// solver_state.hpp describes the parts). They change a plan only when it gains value
// and keeps every rule.
#pragma once

#include "core/optimizer/solver_state.hpp"

#include <cstdint>

namespace core::detail {

// Bits in one of the fill searches' bitsets.
std::int64_t bitset_limit(const Core& core);
// Exchanges up to `depth` hires for as many non-hires priced near the cheapest
// non-hire (`width` on each side). True when it improved the plan.
bool fill_search(const Core& core, const Rules& rules, Plan& plan, int depth, int width);
// Up to `depth` single swaps (a hire for a non-hire within `reach` cents). True when
// it improved the plan.
bool swap_fill(const Core& core, const Rules& rules, Plan& plan, int depth, std::int64_t reach);

} // namespace core::detail
