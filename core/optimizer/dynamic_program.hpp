// The optimizer's expanding-core dynamic program (core/optimizer/solver_state.hpp
// describes the parts).
#pragma once

#include "core/optimizer/solver_state.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace core::detail {

double ratio_of(const FreeItem& item);
// Whether tracked rule k (a region, or -1: the head count) counts the item.
bool in_rule(const DynamicProgram& dp, std::size_t k, const FreeItem& item);
double dp_first_bound(const DynamicProgram& dp, const Core& core, const Rules& rules,
                      const Forced& forced, const Multipliers& duals, const DpState& st);
// Fenwick tree over the core items outside the window, by cost rank: adds `count`
// items of total `cost` at a rank; how many of the cheapest fit in `cents`.
void fenwick_update(DynamicProgram& dp, int rank, int count, std::int64_t cost);
int fenwick_max_fit(const DynamicProgram& dp, std::int64_t cents);
double head_bound(const DynamicProgram& dp, const Core& core, const Rules& rules,
                  const Forced& forced, const DpState& st);
// A state's bound: no plan it leads to is worth more.
double dp_bound(const DynamicProgram& dp, const Incumbent& best, const Core& core,
                const Rules& rules, const Forced& forced, const Multipliers& duals,
                const DpState& st);
// An item's reduced value in the count LP (the second bound).
double head_d(const DynamicProgram& dp, const FreeItem& item);
void start_head_bound(DynamicProgram& dp, const Core& core, const Rules& rules,
                      const Forced& forced, const HireCounts& counts);
// Collapses a group key's counts that can no longer break their rule; false when a
// rule can no longer be met.
bool rekey(const DynamicProgram& dp, std::vector<int>& key);
// Whether a group's counts meet every tracked rule.
bool key_feasible(const DynamicProgram& dp, const std::vector<int>& key);
// The plan (per candidate) of the state whose last decision is `trail`.
std::vector<char> dp_plan(const DynamicProgram& dp, const Core& core, const Forced& forced,
                          int trail);
void settle_group(DynamicProgram& dp, Incumbent& best, const Core& core, const Rules& rules,
                  const Forced& forced, const Multipliers& duals, const std::vector<int>& key,
                  std::vector<DpState>& all, const std::vector<std::size_t>& runs);
// Starts from the break solution; true when no state can beat the incumbent (it is
// optimal).
bool start_dp(DynamicProgram& dp, Incumbent& best, const Core& core, const Rules& rules,
              const Forced& forced, const Multipliers& duals, const HireCounts& counts);
struct DpExpansion {
    std::int64_t produced = 0; // states it produced (at least 1 when it expanded)
    bool finished = false;     // no plan better than the incumbent is left
};
// One expansion of the window.
DpExpansion dp_expand(DynamicProgram& dp, Incumbent& best, const Core& core, const Rules& rules,
                      const Forced& forced, const Multipliers& duals);
// Drops trail entries no live state reaches.
void compact_trail(DynamicProgram& dp);
// The largest bound of a live state.
double dp_proven_bound(const DynamicProgram& dp, const Incumbent& best, const Core& core,
                       const Rules& rules, const Forced& forced, const Multipliers& duals);

} // namespace core::detail
