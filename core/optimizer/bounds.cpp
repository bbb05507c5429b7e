// The optimizer's bound order, the Dantzig bound, reduced-cost fixing.
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

// [SECTION] Bound order and the Dantzig bound

// Sorts the free items into bound order (adjusted value per cent, best first; items
// with no positive adjusted value last; ties by candidate index), unless they are
// already in it, and rebuilds the prefix sums.
void arrange(SolverState& s, bool sorted) {
    const std::size_t f = s.items.size();
    if (!sorted) {
        // Correctly rounded division keeps the order of the exact ratios.
        std::vector<std::pair<double, int>> keyed(f);
        for (std::size_t k = 0; k < f; ++k) {
            const auto& item = s.items[k];
            const double key =
                item.adj > 0.0
                    ? (item.cost > 0 ? item.adj / static_cast<double>(item.cost) : infinity)
                    : -infinity;
            keyed[k] = {key, static_cast<int>(k)};
        }
        std::sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
            if (a.first != b.first) {
                return a.first > b.first;
            }
            return s.items[a.second].index < s.items[b.second].index;
        });
        std::vector<FreeItem> ordered;
        ordered.reserve(f);
        for (const auto& [key, k] : keyed) {
            ordered.push_back(s.items[k]);
        }
        s.items = std::move(ordered);
    }
    s.positive = 0;
    while (static_cast<std::size_t>(s.positive) < f && s.items[s.positive].adj > 0.0) {
        ++s.positive;
    }
    s.prefix_cost.assign(f + 1, 0);
    s.prefix_adj.assign(f + 1, 0.0);
    for (std::size_t k = 0; k < f; ++k) {
        s.prefix_cost[k + 1] = s.prefix_cost[k] + s.items[k].cost;
        s.prefix_adj[k + 1] = s.prefix_adj[k] + std::max(0.0, s.items[k].adj);
    }
}

// Dantzig bound of the free items from `pos` with `residual` cents: whole items in
// bound order while they fit, then a fraction of the next. When a region is full,
// its items are skipped (a linear scan); otherwise prefix sums answer in log time.
// *end: items [pos, *end) were counted whole (pos when unknown).
double dantzig(const SolverState& s, int pos, std::int64_t residual, int* end) {
    const int p = s.positive;
    *end = pos;
    if (pos >= p) {
        return 0.0;
    }
    if (s.blocked == 0) {
        const std::int64_t base = s.prefix_cost[pos];
        const auto it = std::upper_bound(s.prefix_cost.begin() + pos, s.prefix_cost.begin() + p + 1,
                                         base + residual);
        const int e = static_cast<int>(it - s.prefix_cost.begin()) - 1;
        *end = e;
        double bound = s.prefix_adj[e] - s.prefix_adj[pos];
        if (e < p) {
            const auto& item = s.items[e];
            const std::int64_t left = residual - (s.prefix_cost[e] - base);
            bound += static_cast<double>(left) * item.adj / static_cast<double>(item.cost);
        }
        return bound;
    }
    double bound = 0.0;
    std::int64_t left = residual;
    for (int k = pos; k < p; ++k) {
        const auto& item = s.items[k];
        if (item.region != no_region && s.count[item.region] >= s.region_max[item.region]) {
            continue;
        }
        if (item.cost <= left) {
            left -= item.cost;
            bound += item.adj;
        } else {
            return bound + static_cast<double>(left) * item.adj / static_cast<double>(item.cost);
        }
    }
    return bound;
}

// [SECTION] Reduced-cost fixing

// With the root's budget price lambda (the break item's adjusted ratio), every free
// item has a reduced cost d = adj - lambda * cost, and the root bound is
//   forced_adj + constant + lambda * residual + sum max(0, d).
// Forcing an item against the sign of d lowers that bound by |d|; when the lowered
// bound cannot beat the incumbent, the item is fixed. Returns false when the
// incumbent is proven optimal.
bool reduce(SolverState& s, std::optional<CountBound> count) {
    const std::int64_t residual = s.budget - s.forced_cost;
    int end = 0;
    s.blocked = 0;
    const double dantzig_bound = dantzig(s, 0, residual, &end);
    double lambda = 0.0;
    if (end < s.positive) {
        lambda = s.items[end].adj / static_cast<double>(s.items[end].cost);
    }
    double bound = s.forced_adj + s.lagrange_constant + lambda * static_cast<double>(residual);
    for (const auto& item : s.items) {
        bound += std::max(0.0, item.adj - lambda * static_cast<double>(item.cost));
    }
    // Both forms are the same bound; keep the smaller (rounding differs).
    bound = std::min(bound, s.forced_adj + s.lagrange_constant + dantzig_bound);
    // The count LP's bound, with its own reduced values (it also fixes items).
    if (!count && count_row_binds(s)) {
        count = count_duals(s);
    }
    const auto count_d = [&](const FreeItem& item) {
        return item.value - count->lambda * static_cast<double>(item.cost) - count->sigma -
               (item.region == no_region ? 0.0 : count->rho[item.region]);
    };
    if (count) {
        s.count_root = std::min(s.count_root, count->root);
    }
    s.root_bound = std::min(bound, s.count_root);
    const double threshold = s.best_value + s.tolerance(s.best_value);
    if (s.root_bound <= threshold) {
        return false;
    }
    std::vector<FreeItem> kept;
    kept.reserve(s.items.size());
    for (const auto& item : s.items) {
        const double d = item.adj - lambda * static_cast<double>(item.cost);
        const double d2 = count ? count_d(item) : 0.0;
        const bool out =
            (d < 0.0 && bound + d <= threshold) || (d2 < 0.0 && count->root + d2 <= threshold);
        const bool in =
            (d > 0.0 && bound - d <= threshold) || (d2 > 0.0 && count->root - d2 <= threshold);
        if (out && in) {
            return false; // no better plan can either take or leave it
        }
        if (out) {
            continue; // fixed out
        }
        if (in) {
            s.forced_in[item.index] = 1;
            s.forced_cost += item.cost;
            s.forced_value += item.value;
            s.forced_adj += item.adj;
            ++s.forced_count;
            if (item.region != no_region) {
                ++s.forced_region_count[item.region];
            }
            continue;
        }
        kept.push_back(item);
    }
    s.fixed_by_reduction += static_cast<std::int64_t>(s.items.size() - kept.size());
    s.items = std::move(kept);
    // Every better plan holds the fixed-in hires; if they break a rule, none exists.
    if (s.forced_cost > s.budget) {
        return false;
    }
    for (std::size_t r = 0; r < s.region_min.size(); ++r) {
        if (s.forced_region_count[r] > s.region_max[r]) {
            return false;
        }
    }
    arrange(s, true); // filtering keeps the order
    return true;
}

} // namespace core::detail
