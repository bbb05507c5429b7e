// The optimizer's bound order, the Dantzig bound, reduced-cost fixing.
#include "core/optimizer/bounds.hpp"

#include "core/optimizer/duals.hpp"

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
void arrange(Core& core, bool sorted) {
    const std::size_t f = core.items.size();
    if (!sorted) {
        // Correctly rounded division keeps the order of the exact ratios.
        std::vector<std::pair<double, int>> keyed(f);
        for (std::size_t k = 0; k < f; ++k) {
            const auto& item = core.items[k];
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
            return core.items[a.second].index < core.items[b.second].index;
        });
        std::vector<FreeItem> ordered;
        ordered.reserve(f);
        for (const auto& [key, k] : keyed) {
            ordered.push_back(core.items[k]);
        }
        core.items = std::move(ordered);
    }
    core.positive = 0;
    while (static_cast<std::size_t>(core.positive) < f && core.items[core.positive].adj > 0.0) {
        ++core.positive;
    }
    core.prefix_cost.assign(f + 1, 0);
    core.prefix_adj.assign(f + 1, 0.0);
    for (std::size_t k = 0; k < f; ++k) {
        core.prefix_cost[k + 1] = core.prefix_cost[k] + core.items[k].cost;
        core.prefix_adj[k + 1] = core.prefix_adj[k] + std::max(0.0, core.items[k].adj);
    }
    core.suffix_min_cost.assign(f + 1, std::numeric_limits<std::int64_t>::max());
    core.suffix_max_value.assign(f + 1, -infinity);
    for (std::size_t k = f; k-- > 0;) {
        core.suffix_min_cost[k] = std::min(core.suffix_min_cost[k + 1], core.items[k].cost);
        core.suffix_max_value[k] = std::max(core.suffix_max_value[k + 1], core.items[k].value);
    }
    core.by_cost.resize(f);
    std::iota(core.by_cost.begin(), core.by_cost.end(), 0);
    std::stable_sort(core.by_cost.begin(), core.by_cost.end(),
                     [&](int a, int b) { return core.items[a].cost < core.items[b].cost; });
    core.by_cost_max_value.resize(f);
    for (std::size_t i = 0; i < f; ++i) {
        const double value = core.items[core.by_cost[i]].value;
        core.by_cost_max_value[i] = i == 0 ? value : std::max(core.by_cost_max_value[i - 1], value);
    }
}

// Dantzig bound of the free items from `pos` with `residual` cents: whole items in
// bound order while they fit, then a fraction of the next. When a region is full,
// its items are skipped (a linear scan); otherwise prefix sums answer in log time.
// *end: items [pos, *end) were counted whole (pos when unknown).
double dantzig(const Core& core, int pos, std::int64_t residual, int* end,
               const FullRegions* full) {
    const int p = core.positive;
    *end = pos;
    if (pos >= p) {
        return 0.0;
    }
    if (full == nullptr || full->blocked == 0) {
        const std::int64_t base = core.prefix_cost[pos];
        const auto it = std::upper_bound(core.prefix_cost.begin() + pos,
                                         core.prefix_cost.begin() + p + 1, base + residual);
        const int e = static_cast<int>(it - core.prefix_cost.begin()) - 1;
        *end = e;
        double bound = core.prefix_adj[e] - core.prefix_adj[pos];
        if (e < p) {
            const auto& item = core.items[e];
            const std::int64_t left = residual - (core.prefix_cost[e] - base);
            bound += static_cast<double>(left) * item.adj / static_cast<double>(item.cost);
        }
        return bound;
    }
    double bound = 0.0;
    std::int64_t left = residual;
    for (int k = pos; k < p; ++k) {
        const auto& item = core.items[k];
        if (item.region != no_region && full->count[item.region] >= full->max[item.region]) {
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
bool reduce(Core& core, Forced& forced, const Rules& rules, const Multipliers& duals,
            const HireCounts& counts, const Incumbent& best, std::optional<CountBound> count) {
    const std::int64_t residual = rules.budget - forced.cost;
    int end = 0;
    const double dantzig_bound = dantzig(core, 0, residual, &end);
    double lambda = 0.0;
    if (end < core.positive) {
        lambda = core.items[end].adj / static_cast<double>(core.items[end].cost);
    }
    double bound = forced.adj + duals.constant + lambda * static_cast<double>(residual);
    for (const auto& item : core.items) {
        bound += std::max(0.0, item.adj - lambda * static_cast<double>(item.cost));
    }
    // Both forms are the same bound; keep the smaller (rounding differs).
    bound = std::min(bound, forced.adj + duals.constant + dantzig_bound);
    // The count LP's bound, with its own reduced values (it also fixes items).
    if (!count && count_row_binds(core, rules, forced)) {
        count = count_duals(core, rules, forced, counts);
    }
    const auto count_d = [&](const FreeItem& item) {
        return item.value - count->lambda * static_cast<double>(item.cost) - count->sigma -
               (item.region == no_region ? 0.0 : count->rho[item.region]);
    };
    if (count) {
        core.count_root = std::min(core.count_root, count->root);
    }
    core.root_bound = std::min(bound, core.count_root);
    const double threshold = best.value + rules.tolerance(best.value);
    if (core.root_bound <= threshold) {
        return false;
    }
    std::vector<FreeItem> kept;
    kept.reserve(core.items.size());
    for (const auto& item : core.items) {
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
            forced.in[item.index] = 1;
            forced.cost += item.cost;
            forced.value += item.value;
            forced.adj += item.adj;
            ++forced.count;
            if (item.region != no_region) {
                ++forced.region_count[item.region];
            }
            continue;
        }
        kept.push_back(item);
    }
    forced.fixed += static_cast<std::int64_t>(core.items.size() - kept.size());
    core.items = std::move(kept);
    // Every better plan holds the fixed-in hires; if they break a rule, none exists.
    if (forced.cost > rules.budget) {
        return false;
    }
    for (std::size_t r = 0; r < rules.region_min.size(); ++r) {
        if (forced.region_count[r] > rules.region_max[r]) {
            return false;
        }
    }
    arrange(core, true); // filtering keeps the order
    return true;
}

} // namespace core::detail
