// The optimizer's depth-first branch and bound, resumable node by node.
#include "core/optimizer/solver_state.hpp"

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

void start_search(SolverState& s) {
    const std::size_t f = s.items.size();
    s.take.assign(f, 0);
    s.pending.assign(f, 0);
    s.bound_at.assign(f, 0.0);
    s.pos = 0;
    s.residual = s.budget - s.forced_cost;
    s.value = s.forced_value;
    s.adj = s.forced_adj;
    s.count = s.forced_region_count;
    s.total = s.forced_count;
    s.remaining.assign(s.region_min.size(), 0);
    for (const auto& item : s.items) {
        if (item.region != no_region) {
            ++s.remaining[item.region];
        }
    }
    s.blocked = 0;
    for (std::size_t r = 0; r < s.count.size(); ++r) {
        if (s.count[r] >= s.region_max[r]) {
            ++s.blocked;
        }
    }
    s.bound_valid = false;
}

// Sets up count_bound() when plans that can win have few hires: with the budget price
// count_lambda, the items from position p on, and j of them still to hire, any
// completion adds at most  count_lambda x cents left + (sum of the j largest
// value - count_lambda x cost from p on). Prefix sums of each suffix's best, O(f x J).
void start_count_bound(SolverState& s) {
    const int f = static_cast<int>(s.items.size());
    s.suffix_top = 0;
    s.suffix_best.clear();
    if (s.count_high == unlimited) {
        return;
    }
    const int top = std::min(f, s.count_high - s.forced_count);
    if (top <= 0 || top > 64 || s.count_lambdas.empty() ||
        static_cast<std::int64_t>(f + 1) * (top + 1) > 4'000'000) {
        return;
    }
    s.suffix_top = top;
    // The last few prices only (a reduction again adds three more).
    if (s.count_lambdas.size() > 3) {
        s.count_lambdas.erase(s.count_lambdas.begin(), s.count_lambdas.end() - 3);
    }
    const std::size_t width = static_cast<std::size_t>(top) + 1;
    const std::size_t layer = static_cast<std::size_t>(f + 1) * width;
    s.suffix_best.assign(layer * s.count_lambdas.size(), -infinity);
    for (std::size_t l = 0; l < s.count_lambdas.size(); ++l) {
        const double lambda = s.count_lambdas[l];
        std::vector<double> best; // the suffix's largest values, descending, at most `top`
        s.suffix_best[l * layer + static_cast<std::size_t>(f) * width] = 0.0;
        for (int p = f - 1; p >= 0; --p) {
            const auto& item = s.items[p];
            const double w = item.value - lambda * static_cast<double>(item.cost);
            best.insert(std::upper_bound(best.begin(), best.end(), w, std::greater<>()), w);
            if (static_cast<int>(best.size()) > top) {
                best.pop_back();
            }
            double* row = &s.suffix_best[l * layer + static_cast<std::size_t>(p) * width];
            row[0] = 0.0;
            for (std::size_t j = 0; j < best.size(); ++j) {
                row[j + 1] = row[j] + best[j]; // the rest stay -infinity: too few items
            }
        }
    }
}

// The bound of the current node over hire counts in [count_low, count_high].
double count_bound(const SolverState& s) {
    const int need_low = std::max(0, s.count_low - s.total);
    const int need_high = std::min(s.suffix_top, s.count_high - s.total);
    const std::size_t width = static_cast<std::size_t>(s.suffix_top) + 1;
    const std::size_t layer = (s.items.size() + 1) * width;
    double bound = infinity;
    for (std::size_t l = 0; l < s.count_lambdas.size(); ++l) {
        const double* row = &s.suffix_best[l * layer + static_cast<std::size_t>(s.pos) * width];
        double best = -infinity;
        for (int j = need_low; j <= need_high; ++j) {
            best = std::max(best, row[j]);
        }
        bound = std::min(bound, s.count_lambdas[l] * static_cast<double>(s.residual) + best);
    }
    return s.value + bound;
}

bool counts_met(const SolverState& s) {
    if (s.total < s.min_hires) {
        return false;
    }
    for (std::size_t r = 0; r < s.count.size(); ++r) {
        if (s.count[r] < s.region_min[r]) {
            return false;
        }
    }
    return true;
}

// A region minimum or the overall minimum can no longer be met below this node.
bool counts_unreachable(const SolverState& s) {
    const int free_left = static_cast<int>(s.items.size()) - s.pos;
    if (s.total + free_left < s.count_low) {
        return true;
    }
    for (std::size_t r = 0; r < s.count.size(); ++r) {
        if (s.count[r] + s.remaining[r] < s.region_min[r]) {
            return true;
        }
    }
    return false;
}

void record_incumbent(SolverState& s) {
    std::vector<char> chosen = s.forced_in;
    for (int k = 0; k < s.pos; ++k) {
        if (s.take[k]) {
            chosen[s.items[k].index] = 1;
        }
    }
    const double value = plan_value(s, chosen);
    if (value > s.best_value) {
        s.has_incumbent = true;
        s.best_value = value;
        s.best_cost = s.budget - s.residual;
        s.best_chosen = std::move(chosen);
    }
}

void apply(SolverState& s, const FreeItem& item, int sign) {
    s.residual -= sign * item.cost;
    s.value += sign * item.value;
    s.adj += sign * item.adj;
    s.total += sign;
    if (item.region != no_region) {
        const bool was_blocked = s.count[item.region] >= s.region_max[item.region];
        s.count[item.region] += sign;
        const bool is_blocked = s.count[item.region] >= s.region_max[item.region];
        s.blocked += static_cast<int>(is_blocked) - static_cast<int>(was_blocked);
    }
}

void advance(SolverState& s) {
    const auto& item = s.items[s.pos];
    if (item.region != no_region) {
        --s.remaining[item.region];
    }
    ++s.pos;
}

// Undoes decisions up to the deepest pending take, switches it to "skip" and
// continues from there. False when the tree is exhausted.
bool backtrack(SolverState& s) {
    while (s.pos > 0) {
        --s.pos;
        const auto& item = s.items[s.pos];
        if (item.region != no_region) {
            ++s.remaining[item.region];
        }
        if (s.take[s.pos]) {
            apply(s, item, -1);
            s.take[s.pos] = 0;
            if (s.pending[s.pos]) {
                s.pending[s.pos] = 0;
                if (s.bound_at[s.pos] <= s.best_value + s.tolerance(s.best_value)) {
                    continue; // the incumbent improved since; the skip branch cannot win
                }
                advance(s);
                s.bound_valid = false;
                return true;
            }
        }
    }
    return false;
}

void run_depth_first(SolverState& s, std::int64_t stop_at) {
    const int f = static_cast<int>(s.items.size());
    s.dfs_started = true;
    while (s.nodes < stop_at) {
        ++s.nodes;
        bool prune = false;
        if (s.pos == f) {
            if (counts_met(s) && s.value > s.best_value) {
                record_incumbent(s);
            }
            prune = true;
        } else if (counts_unreachable(s)) {
            prune = true;
        } else {
            if (!s.bound_valid || s.pos >= s.bound_end) {
                int end = s.pos;
                s.node_bound = s.adj + s.lagrange_constant + dantzig(s, s.pos, s.residual, &end);
                s.bound_end = end;
                s.bound_valid = true;
            }
            if (s.suffix_top > 0) {
                // Any bound of this node is valid for its subtree too: keep the smaller.
                s.node_bound = std::min(s.node_bound, count_bound(s));
            }
            if (s.node_bound <= s.best_value + s.tolerance(s.best_value)) {
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
        const auto& item = s.items[s.pos];
        const bool room_in_region =
            item.region == no_region || s.count[item.region] < s.region_max[item.region];
        if (item.cost <= s.residual && room_in_region && s.total < s.count_high) {
            s.take[s.pos] = 1;
            s.pending[s.pos] = 1;
            s.bound_at[s.pos] = s.node_bound;
            const int blocked_before = s.blocked;
            apply(s, item, +1);
            advance(s);
            // Taking an item counted whole in the bound keeps the bound, unless a region
            // just filled up (then recompute: the bound can only drop).
            if (s.blocked != blocked_before || s.pos > s.bound_end) {
                s.bound_valid = false;
            }
        } else {
            s.take[s.pos] = 0;
            s.pending[s.pos] = 0;
            advance(s);
            s.bound_valid = false;
        }
    }
}

} // namespace core::detail
