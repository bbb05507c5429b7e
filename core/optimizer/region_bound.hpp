// The optimizer's region-completion bound: at a depth-first node whose hires left must
// all go to regions still below their minimum (core/optimizer/solver_state.hpp
// describes the parts).
#pragma once

#include "core/optimizer/solver_state.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace core::detail {

// Sets up region_completion() for the current core (after start_count_bound(): it reads
// the count bound's prices). Leaves it inactive when no region has a minimum left or
// its tables would be large.
void start_region_tails(RegionTails& tails, const Core& core, const Rules& rules,
                        const Forced& forced, const HireCounts& counts);

// What the short regions' items from a position on can add to a plan that hires
// exactly each short region's shortfall g_r more, all from them: it costs at least
// `least_cost`, and for each budget price lambda (tails.lambdas) it is worth at most
// lambda x cents left + terms[l], the sum of each region's g_r largest value - lambda x
// cost (lambda = 0: the g_r most valuable, which shows when the cents left cannot be
// spent). `possible` is false when a region has too few items left.
struct RegionCompletion {
    bool possible = true;
    std::int64_t least_cost = 0;
    std::array<double, 4> terms{}; // per price, rounding slack included
};

// The completion after the items before `pos`, with hires per region `count`.
RegionCompletion region_completion(const RegionTails& tails, const std::vector<int>& count, int pos,
                                   const Rules& rules);

// The most a plan with `value` taken and `residual` cents left can be worth when its
// hires left are exactly that completion (-infinity when it cannot be made).
double completion_bound(const RegionTails& tails, const RegionCompletion& completion,
                        std::int64_t residual, double value);

// The first core position from `pos` on whose take branch can beat `floor` at a node
// (hires per region `count`, `residual` cents left, `value` taken) whose hires left
// are the short regions' shortfalls (`owed`) or one more: an item of a short region,
// or, when not owed, an item elsewhere that fits with the completion left after it
// (`completion`, at `pos`) and whose bound then exceeds `floor`. The core's size when
// there is none. The other items' take branches would be pruned at once.
int next_promising(const RegionTails& tails, const RegionCompletion& completion, bool owed,
                   const Core& core, const std::vector<int>& count, int pos, std::int64_t residual,
                   double value, double floor, const Rules& rules);

} // namespace core::detail
