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
double dp_first_bound(const SolverState& s, const DpState& st);
// Fenwick tree over the core items outside the window, by cost rank: adds `count`
// items of total `cost` at a rank; how many of the cheapest fit in `cents`.
void fenwick_update(DynamicProgram& dp, int rank, int count, std::int64_t cost);
int fenwick_max_fit(const DynamicProgram& dp, std::int64_t cents);
double head_bound(const SolverState& s, const DpState& st);
// A state's bound: no plan it leads to is worth more.
double dp_bound(const SolverState& s, const DpState& st);
// An item's reduced value in the count LP (the second bound).
double head_d(const DynamicProgram& dp, const FreeItem& item);
void start_head_bound(SolverState& s);
// Collapses a group key's counts that can no longer break their rule; false when a
// rule can no longer be met.
bool rekey(const DynamicProgram& dp, std::vector<int>& key);
// Whether a group's counts meet every tracked rule.
bool key_feasible(const DynamicProgram& dp, const std::vector<int>& key);
// The plan (per candidate) of the state whose last decision is `trail`.
std::vector<char> dp_plan(const DynamicProgram& dp, const Core& core, const Forced& forced,
                          int trail);
void settle_group(SolverState& s, const std::vector<int>& key, std::vector<DpState>& all,
                  const std::vector<std::size_t>& runs);
// Starts from the break solution (s.dp).
void start_dp(SolverState& s);
// One expansion of the window; the number of states it produced.
std::int64_t dp_expand(SolverState& s);
void compact_trail(SolverState& s);
// The largest bound of a live state.
double dp_proven_bound(const SolverState& s);

} // namespace core::detail
