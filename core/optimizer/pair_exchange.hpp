// The optimizer's pair exchange: a local search that swaps two hires for two
// non-hires when that gains value (core/optimizer/solver_state.hpp describes the
// parts). The swap search and the swap fill move one hire at a time or only spend
// the last cents; on rosters priced per engagement plus a fee (value = cost - fee up
// to the cent's rounding), the better plan often differs in two hires at once.
#pragma once

#include "core/optimizer/solver_state.hpp"

namespace core::detail {

// Exchanges two hires for two non-hires (free items only, the `width` hires and
// non-hires nearest the break in bound order) while that gains value, keeps the plan
// within the budget and keeps every region's minimum and maximum; the head count
// never changes. At most `max_passes` exchanges, the best one first. True when it
// improved the plan.
bool pair_exchange(const Core& core, const Rules& rules, Plan& plan, int width, int max_passes);

} // namespace core::detail
