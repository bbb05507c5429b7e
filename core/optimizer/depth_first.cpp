// The optimizer's depth-first branch and bound, resumable node by node.
#include "core/optimizer/depth_first.hpp"

#include "core/optimizer/bounds.hpp"
#include "core/optimizer/heuristics.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

namespace core::detail {

// [SECTION] Depth-first branch and bound

void start_search(DepthFirst& dfs, const Core& core, const Rules& rules, const Forced& forced) {
    const std::size_t f = core.items.size();
    dfs.take.assign(f, 0);
    dfs.pending.assign(f, 0);
    dfs.bound_at.assign(f, 0.0);
    dfs.pos = 0;
    dfs.residual = rules.budget - forced.cost;
    dfs.value = forced.value;
    dfs.adj = forced.adj;
    dfs.count = forced.region_count;
    dfs.total = forced.count;
    dfs.remaining.assign(rules.region_min.size(), 0);
    for (const auto& item : core.items) {
        if (item.region != no_region) {
            ++dfs.remaining[item.region];
        }
    }
    dfs.blocked = 0;
    for (std::size_t r = 0; r < dfs.count.size(); ++r) {
        if (dfs.count[r] >= rules.region_max[r]) {
            ++dfs.blocked;
        }
    }
    dfs.bound_valid = false;
}

// Sets up count_bound() when plans that can win have few hires: with the budget price
// count_lambda, the items from position p on, and j of them still to hire, any
// completion adds at most  count_lambda x cents left + (sum of the j largest
// value - count_lambda x cost from p on). Prefix sums of each suffix's best, O(f x J).
void start_count_bound(SolverState& s) {
    const int f = static_cast<int>(s.core.items.size());
    s.dfs.suffix_top = 0;
    s.dfs.suffix_best.clear();
    if (s.counts.high == unlimited) {
        return;
    }
    const int top = std::min(f, s.counts.high - s.forced.count);
    if (top <= 0 || top > 64 || s.counts.lambdas.empty() ||
        static_cast<std::int64_t>(f + 1) * (top + 1) > 4'000'000) {
        return;
    }
    s.dfs.suffix_top = top;
    // The last few prices only (a reduction again adds three more).
    if (s.counts.lambdas.size() > 3) {
        s.counts.lambdas.erase(s.counts.lambdas.begin(), s.counts.lambdas.end() - 3);
    }
    const std::size_t width = static_cast<std::size_t>(top) + 1;
    const std::size_t layer = static_cast<std::size_t>(f + 1) * width;
    s.dfs.suffix_best.assign(layer * s.counts.lambdas.size(), -infinity);
    for (std::size_t l = 0; l < s.counts.lambdas.size(); ++l) {
        const double lambda = s.counts.lambdas[l];
        std::vector<double> best; // the suffix's largest values, descending, at most `top`
        s.dfs.suffix_best[l * layer + static_cast<std::size_t>(f) * width] = 0.0;
        for (int p = f - 1; p >= 0; --p) {
            const auto& item = s.core.items[p];
            const double w = item.value - lambda * static_cast<double>(item.cost);
            best.insert(std::upper_bound(best.begin(), best.end(), w, std::greater<>()), w);
            if (static_cast<int>(best.size()) > top) {
                best.pop_back();
            }
            double* row = &s.dfs.suffix_best[l * layer + static_cast<std::size_t>(p) * width];
            row[0] = 0.0;
            for (std::size_t j = 0; j < best.size(); ++j) {
                row[j + 1] = row[j] + best[j]; // the rest stay -infinity: too few items
            }
        }
    }
}

// The bound of the current node over hire counts in [count_low, count_high].
double count_bound(const DepthFirst& dfs, const HireCounts& counts, std::size_t items) {
    const int need_low = std::max(0, counts.low - dfs.total);
    const int need_high = std::min(dfs.suffix_top, counts.high - dfs.total);
    const std::size_t width = static_cast<std::size_t>(dfs.suffix_top) + 1;
    const std::size_t layer = (items + 1) * width;
    double bound = infinity;
    for (std::size_t l = 0; l < counts.lambdas.size(); ++l) {
        const double* row = &dfs.suffix_best[l * layer + static_cast<std::size_t>(dfs.pos) * width];
        double best = -infinity;
        for (int j = need_low; j <= need_high; ++j) {
            best = std::max(best, row[j]);
        }
        bound = std::min(bound, counts.lambdas[l] * static_cast<double>(dfs.residual) + best);
    }
    return dfs.value + bound;
}

bool counts_met(const DepthFirst& dfs, const Rules& rules) {
    if (dfs.total < rules.min_hires) {
        return false;
    }
    for (std::size_t r = 0; r < dfs.count.size(); ++r) {
        if (dfs.count[r] < rules.region_min[r]) {
            return false;
        }
    }
    return true;
}

// A region minimum or the overall minimum can no longer be met below this node.
bool counts_unreachable(const DepthFirst& dfs, const Rules& rules, const Core& core,
                        const HireCounts& counts) {
    const int free_left = static_cast<int>(core.items.size()) - dfs.pos;
    if (dfs.total + free_left < counts.low) {
        return true;
    }
    for (std::size_t r = 0; r < dfs.count.size(); ++r) {
        if (dfs.count[r] + dfs.remaining[r] < rules.region_min[r]) {
            return true;
        }
    }
    return false;
}

void record_incumbent(Incumbent& best, const DepthFirst& dfs, const Core& core, const Rules& rules,
                      const Forced& forced) {
    std::vector<char> chosen = forced.in;
    for (int k = 0; k < dfs.pos; ++k) {
        if (dfs.take[k]) {
            chosen[core.items[k].index] = 1;
        }
    }
    const double value = plan_value(rules, chosen);
    if (value > best.value) {
        best.has = true;
        best.value = value;
        best.cost = rules.budget - dfs.residual;
        best.chosen = std::move(chosen);
    }
}

void apply(DepthFirst& dfs, const Rules& rules, const FreeItem& item, int sign) {
    dfs.residual -= sign * item.cost;
    dfs.value += sign * item.value;
    dfs.adj += sign * item.adj;
    dfs.total += sign;
    if (item.region != no_region) {
        const bool was_blocked = dfs.count[item.region] >= rules.region_max[item.region];
        dfs.count[item.region] += sign;
        const bool is_blocked = dfs.count[item.region] >= rules.region_max[item.region];
        dfs.blocked += static_cast<int>(is_blocked) - static_cast<int>(was_blocked);
    }
}

void advance(DepthFirst& dfs, const Core& core) {
    const auto& item = core.items[dfs.pos];
    if (item.region != no_region) {
        --dfs.remaining[item.region];
    }
    ++dfs.pos;
}

// Undoes decisions up to the deepest pending take, switches it to "skip" and
// continues from there. False when the tree is exhausted.
bool backtrack(SolverState& s) {
    while (s.dfs.pos > 0) {
        --s.dfs.pos;
        const auto& item = s.core.items[s.dfs.pos];
        if (item.region != no_region) {
            ++s.dfs.remaining[item.region];
        }
        if (s.dfs.take[s.dfs.pos]) {
            apply(s.dfs, s.rules, item, -1);
            s.dfs.take[s.dfs.pos] = 0;
            if (s.dfs.pending[s.dfs.pos]) {
                s.dfs.pending[s.dfs.pos] = 0;
                if (s.dfs.bound_at[s.dfs.pos] <= s.best.value + s.tolerance(s.best.value)) {
                    continue; // the incumbent improved since; the skip branch cannot win
                }
                advance(s.dfs, s.core);
                s.dfs.bound_valid = false;
                return true;
            }
        }
    }
    return false;
}

void run_depth_first(SolverState& s, std::int64_t stop_at) {
    const int f = static_cast<int>(s.core.items.size());
    s.dfs.started = true;
    while (s.nodes < stop_at) {
        ++s.nodes;
        bool prune = false;
        if (s.dfs.pos == f) {
            if (counts_met(s.dfs, s.rules) && s.dfs.value > s.best.value) {
                record_incumbent(s.best, s.dfs, s.core, s.rules, s.forced);
            }
            prune = true;
        } else if (counts_unreachable(s.dfs, s.rules, s.core, s.counts)) {
            prune = true;
        } else {
            if (!s.dfs.bound_valid || s.dfs.pos >= s.dfs.bound_end) {
                int end = s.dfs.pos;
                const FullRegions full{s.dfs.count, s.rules.region_max, s.dfs.blocked};
                s.dfs.node_bound = s.dfs.adj + s.duals.constant +
                                   dantzig(s.core, s.dfs.pos, s.dfs.residual, &end, &full);
                s.dfs.bound_end = end;
                s.dfs.bound_valid = true;
            }
            if (s.dfs.suffix_top > 0) {
                // Any bound of this node is valid for its subtree too: keep the smaller.
                s.dfs.node_bound =
                    std::min(s.dfs.node_bound, count_bound(s.dfs, s.counts, s.core.items.size()));
            }
            if (s.dfs.node_bound <= s.best.value + s.tolerance(s.best.value)) {
                prune = true;
            }
        }
        if (prune) {
            if (!backtrack(s)) {
                s.done = true;
                return;
            }
            continue;
        }
        const auto& item = s.core.items[s.dfs.pos];
        const bool room_in_region =
            item.region == no_region || s.dfs.count[item.region] < s.rules.region_max[item.region];
        if (item.cost <= s.dfs.residual && room_in_region && s.dfs.total < s.counts.high) {
            s.dfs.take[s.dfs.pos] = 1;
            s.dfs.pending[s.dfs.pos] = 1;
            s.dfs.bound_at[s.dfs.pos] = s.dfs.node_bound;
            const int blocked_before = s.dfs.blocked;
            apply(s.dfs, s.rules, item, +1);
            advance(s.dfs, s.core);
            // Taking an item counted whole in the bound keeps the bound, unless a region
            // just filled up (then recompute: the bound can only drop).
            if (s.dfs.blocked != blocked_before || s.dfs.pos > s.dfs.bound_end) {
                s.dfs.bound_valid = false;
            }
        } else {
            s.dfs.take[s.dfs.pos] = 0;
            s.dfs.pending[s.dfs.pos] = 0;
            advance(s.dfs, s.core);
            s.dfs.bound_valid = false;
        }
    }
}

} // namespace core::detail
