// The optimizer's region-completion bound.
#include "core/optimizer/region_bound.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <limits>
#include <vector>

namespace core::detail {

namespace {

constexpr std::int64_t unreachable_cost = std::numeric_limits<std::int64_t>::max();
// At most this many table entries in all (8 MB of doubles and costs).
constexpr std::size_t max_entries = 1'000'000;
// next_promising() looks at no more items than this in one call.
constexpr int max_looked = 256;
constexpr std::size_t max_prices = std::tuple_size_v<decltype(RegionCompletion::terms)>;

// Keeps `kept` as the `top` smallest (by `before`) of what was offered, in order.
template <typename T, typename Before>
void keep_top(std::vector<T>& kept, T offered, int top, Before before) {
    kept.insert(std::upper_bound(kept.begin(), kept.end(), offered, before), offered);
    if (static_cast<int>(kept.size()) > top) {
        kept.pop_back();
    }
}

} // namespace

void start_region_tails(RegionTails& tails, const Core& core, const Rules& rules,
                        const Forced& forced, const HireCounts& counts) {
    tails = RegionTails{};
    tails.lambdas.push_back(0.0);
    for (const double lambda : counts.lambdas) {
        if (lambda > 0.0 && tails.lambdas.size() < max_prices) {
            tails.lambdas.push_back(lambda);
        }
    }
    const std::size_t prices = tails.lambdas.size();
    std::vector<std::vector<int>> positions(rules.region_min.size());
    for (std::size_t k = 0; k < core.items.size(); ++k) {
        if (core.items[k].region != no_region) {
            positions[core.items[k].region].push_back(static_cast<int>(k));
        }
    }
    std::size_t entries = 0;
    for (std::size_t r = 0; r < rules.region_min.size(); ++r) {
        const int top = rules.region_min[r] - forced.region_count[r];
        if (top <= 0) {
            continue;
        }
        RegionTails::Region region;
        region.region = static_cast<int>(r);
        region.top = top;
        region.positions = std::move(positions[r]);
        entries += (region.positions.size() + 1) * static_cast<std::size_t>(top + 1) * (prices + 1);
        if (entries > max_entries) {
            return; // inactive
        }
        tails.regions.push_back(std::move(region));
    }
    if (tails.regions.empty()) {
        return;
    }
    tails.slot.assign(rules.region_min.size(), -1);
    for (std::size_t t = 0; t < tails.regions.size(); ++t) {
        tails.slot[static_cast<std::size_t>(tails.regions[t].region)] = static_cast<int>(t);
    }
    for (const int k : core.by_cost) { // one pass, whatever the number of regions
        const int region = core.items[k].region;
        if (region != no_region && tails.slot[static_cast<std::size_t>(region)] >= 0) {
            tails.regions[static_cast<std::size_t>(tails.slot[static_cast<std::size_t>(region)])]
                .by_cost.push_back(k);
        }
    }
    // Every node's residual is at most the root's (the room left by the forced hires).
    PriceScale scale(core);
    const std::int64_t room = rules.budget - forced.cost;
    for (const double lambda : tails.lambdas) {
        tails.slack.push_back(rounding_slack(core.items.size(), scale.at(lambda, room)));
    }
    for (auto& region : tails.regions) {
        const std::size_t n = region.positions.size();
        const std::size_t width = static_cast<std::size_t>(region.top) + 1;
        region.cheapest.assign((n + 1) * width, unreachable_cost);
        region.best.assign(prices * (n + 1) * width, -infinity);
        std::vector<std::int64_t> cheap;
        std::vector<std::vector<double>> largest(prices);
        for (std::size_t i = n + 1; i-- > 0;) {
            if (i < n) {
                const auto& item = core.items[region.positions[i]];
                keep_top(cheap, item.cost, region.top, std::less<>());
                for (std::size_t l = 0; l < prices; ++l) {
                    const double term =
                        item.value - tails.lambdas[l] * static_cast<double>(item.cost);
                    keep_top(largest[l], term, region.top, std::greater<>());
                }
            }
            std::int64_t* costs = &region.cheapest[i * width];
            costs[0] = 0;
            for (std::size_t j = 0; j < cheap.size(); ++j) {
                costs[j + 1] = costs[j] + cheap[j];
            }
            for (std::size_t l = 0; l < prices; ++l) {
                double* sums = &region.best[(l * (n + 1) + i) * width];
                sums[0] = 0.0;
                for (std::size_t j = 0; j < largest[l].size(); ++j) {
                    sums[j + 1] = sums[j] + largest[l][j];
                }
            }
        }
    }
    tails.active = true;
}

RegionCompletion region_completion(const RegionTails& tails, const std::vector<int>& count, int pos,
                                   const Rules& rules) {
    const std::size_t prices = tails.lambdas.size();
    RegionCompletion out;
    for (std::size_t l = 0; l < prices; ++l) {
        out.terms[l] = tails.slack[l];
    }
    for (const auto& region : tails.regions) {
        const int gap = rules.region_min[region.region] - count[region.region];
        if (gap <= 0) {
            continue;
        }
        const std::size_t n = region.positions.size();
        const std::size_t width = static_cast<std::size_t>(region.top) + 1;
        const auto i = static_cast<std::size_t>(
            std::lower_bound(region.positions.begin(), region.positions.end(), pos) -
            region.positions.begin());
        const std::int64_t cost = region.cheapest[i * width + static_cast<std::size_t>(gap)];
        if (cost == unreachable_cost) {
            out.possible = false; // too few items left in the region
            return out;
        }
        out.least_cost += cost;
        for (std::size_t l = 0; l < prices; ++l) {
            out.terms[l] += region.best[(l * (n + 1) + i) * width + static_cast<std::size_t>(gap)];
        }
    }
    return out;
}

double completion_bound(const RegionTails& tails, const RegionCompletion& completion,
                        std::int64_t residual, double value) {
    if (!completion.possible || completion.least_cost > residual) {
        return -infinity;
    }
    double bound = infinity;
    for (std::size_t l = 0; l < tails.lambdas.size(); ++l) {
        bound =
            std::min(bound, tails.lambdas[l] * static_cast<double>(residual) + completion.terms[l]);
    }
    return value + bound;
}

int next_promising(const RegionTails& tails, const RegionCompletion& completion, bool owed,
                   const Core& core, const std::vector<int>& count, int pos, std::int64_t residual,
                   double value, double floor, const Rules& rules) {
    int next = static_cast<int>(core.items.size());
    for (const auto& region : tails.regions) {
        if (count[region.region] < rules.region_min[region.region]) {
            const auto at = std::lower_bound(region.positions.begin(), region.positions.end(), pos);
            if (at != region.positions.end()) {
                next = std::min(next, *at);
            }
        }
    }
    if (owed || !completion.possible) {
        return next;
    }
    // Items elsewhere: the completion leaves them at most residual - least_cost, and at
    // the price 0 they must be worth more than `floor` less the completion's most. So
    // only items that cheap are looked at, most expensive first, while some item that
    // cheap is worth that much (the running maximum of by_cost_max_value).
    const std::int64_t most = residual - completion.least_cost;
    const double least_value = floor - value - completion.terms[0];
    const auto promising = [&](int k) {
        const auto& item = core.items[k];
        return item.cost <= most && item.value > least_value &&
               completion_bound(tails, completion, residual - item.cost, value + item.value) >
                   floor;
    };
    auto i = std::upper_bound(core.by_cost.begin(), core.by_cost.end(), most,
                              [&](std::int64_t cost, int k) { return cost < core.items[k].cost; }) -
             core.by_cost.begin();
    const int first_short = next;
    for (int looked = 0;
         i-- > 0 && core.by_cost_max_value[static_cast<std::size_t>(i)] > least_value;) {
        if (++looked > max_looked) {
            // Too many to look at in cost order: look in position order instead, as far
            // as a node's share of work allows (the items passed all fail).
            int k = pos;
            while (k < first_short && k < pos + max_looked && !promising(k)) {
                ++k;
            }
            return k;
        }
        const int k = core.by_cost[static_cast<std::size_t>(i)];
        if (k >= pos && k < next && promising(k)) {
            next = k;
        }
    }
    return next;
}

} // namespace core::detail
