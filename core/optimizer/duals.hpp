// The optimizer's Lagrange multipliers of the count rows, the count LP and the hire
// counts that can still win (core/optimizer/solver_state.hpp describes the parts).
// Every bound here is valid for any multipliers: minimizing only makes it tighter.
#pragma once

#include "core/optimizer/solver_state.hpp"

#include <cstdint>
#include <vector>

namespace core::detail {

// The fractional knapsack's budget price (ratio of the break item) over the free
// items, on true or adjusted values, within region maximums.
double break_ratio(const Core& core, const Rules& rules, const Forced& forced, bool adjusted,
                   std::int64_t budget);
// The best value (or adjusted value) per cent of a free item.
double max_ratio_of(const Core& core, bool adjusted);
// Positions of the free items, cheapest first (ties by candidate order).
std::vector<int> items_by_cost(const Core& core, const Rules& rules);
// The most free items a plan can add to the forced ones within budget and maximums.
int max_free_hires(const Core& core, const Rules& rules, const Forced& forced);
// Whether the count LP's row "at most kmax more hires" can say more than the first bound.
bool count_row_binds(const Core& core, const Rules& rules, const Forced& forced);
// The count LP's multipliers and root bound.
CountBound count_duals(const Core& core, const Rules& rules, const Forced& forced,
                       const HireCounts& counts);
// Narrows `counts` to the hire counts that can beat the incumbent; false when none
// can (the incumbent is optimal).
bool derive_count_range(HireCounts& counts, const Core& core, const Rules& rules,
                        const Forced& forced, const Incumbent& best);
// Sets `duals`, every free item's adjusted value and the forced hires' adjusted value.
void compute_multipliers(Multipliers& duals, Core& core, Forced& forced, const Rules& rules,
                         const HireCounts& counts);

} // namespace core::detail
