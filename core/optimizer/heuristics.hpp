// The optimizer's incumbent plans: greedy fills, swaps (core/optimizer/
// solver_state.hpp describes the parts). Every plan offered meets every rule.
#pragma once

#include "core/optimizer/solver_state.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace core::detail {

// A plan's cost and counts from its hires (per candidate).
Plan plan_from(const Rules& rules, const std::vector<char>& chosen);
// Its value, summed in candidate order (the same in every build).
double plan_value(const Rules& rules, const std::vector<char>& chosen);
// Makes the plan the incumbent when it is worth more.
void offer(Incumbent& best, const Rules& rules, const Plan& plan);
// Whether the item fits the plan's budget and its region's maximum.
bool room_for(const Rules& rules, const Plan& plan, const FreeItem& item);
void add(Plan& plan, const FreeItem& item);
// Adds free items in the given order while they fit.
void fill(const Core& core, const Rules& rules, Plan& plan, const std::vector<int>& order);
// Replaces hires by non-hires while that gains value within every rule.
void swap_search(const Core& core, const Rules& rules, const Incumbent& best, Plan& plan,
                 const std::vector<int>& refill_order, int max_passes);
std::vector<int> identity_order(std::size_t n);
// Greedy in `order` keeping budget aside for unmet region minimums; false when it
// cannot complete a valid plan.
bool reserve_greedy(const Core& core, const Rules& rules, const Forced& forced,
                    const std::vector<int>& order, Plan& plan);
// The cheapest plan with as many hires as fit; false when not valid.
bool most_hires_plan(const Core& core, const Rules& rules, const Forced& forced, Plan& plan);
void count_first_incumbent(Incumbent& best, const Core& core, const Rules& rules,
                           const Forced& forced);
// The first incumbents; sets `count` when the count LP binds.
void find_incumbent(Incumbent& best, std::optional<CountBound>& count, const Core& core,
                    const Rules& rules, const Forced& forced, const Multipliers& duals,
                    const HireCounts& counts);
// Swaps and swap fills on the incumbent.
void polish_incumbent(Incumbent& best, const Core& core, const Rules& rules);
// Pair exchanges (two hires for two non-hires) on the incumbent, then swap fills.
// Dearer than polish_incumbent(): the solver calls it once a search runs long. True
// when the incumbent improved.
bool exchange_incumbent(Incumbent& best, const Core& core, const Rules& rules);

} // namespace core::detail
