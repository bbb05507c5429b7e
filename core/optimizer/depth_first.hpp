// The optimizer's depth-first branch and bound, resumable node by node
// (core/optimizer/solver_state.hpp describes the parts).
#pragma once

#include "core/optimizer/solver_state.hpp"

#include <cstdint>

namespace core::detail {

// Puts the search at its root: the forced hires taken, every free item open.
void start_search(DepthFirst& dfs, const Core& core, const Rules& rules, const Forced& forced);
// Sets up count_bound() when plans that can win have few hires (after start_search():
// it reads the root's residual budget).
void start_count_bound(DepthFirst& dfs, HireCounts& counts, const Core& core, const Forced& forced);
// The bound of the current node over the hire counts that can win (`items` free items).
double count_bound(const DepthFirst& dfs, const HireCounts& counts, std::size_t items);
// Whether the current node's hires meet every minimum.
bool counts_met(const DepthFirst& dfs, const Rules& rules);
// Whether a minimum can no longer be met below the current node.
bool counts_unreachable(const DepthFirst& dfs, const Rules& rules, const Core& core,
                        const HireCounts& counts);
// Makes the current node's plan (with core items `also` and `and_also` too, each when
// >= 0) the incumbent when it is worth more.
void record_incumbent(Incumbent& best, const DepthFirst& dfs, const Core& core, const Rules& rules,
                      const Forced& forced, int also = -1, int and_also = -1);
// Takes (sign +1) or gives back (-1) an item at the current node.
void apply(DepthFirst& dfs, const Rules& rules, const FreeItem& item, int sign);
// Moves past the current item.
void advance(DepthFirst& dfs, const Core& core);
// Undoes decisions up to the deepest pending take and switches it to "skip"; false
// when the tree is exhausted.
bool backtrack(DepthFirst& dfs, const Core& core, const Rules& rules, const Incumbent& best);
// Explores nodes (counted in `nodes`) until `nodes` reaches stop_at or the tree is
// exhausted; true when it is (no plan better than the incumbent is left).
bool run_depth_first(DepthFirst& dfs, Incumbent& best, std::int64_t& nodes, std::int64_t stop_at,
                     const Core& core, const Rules& rules, const Forced& forced,
                     const HireCounts& counts, const Multipliers& duals);

} // namespace core::detail
