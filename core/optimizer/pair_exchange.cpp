// The optimizer's pair exchange (two hires out, two non-hires in).
#include "core/optimizer/pair_exchange.hpp"

#include "core/optimizer/heuristics.hpp"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

namespace core::detail {

namespace {

// Two non-hires to bring in, with their cost and value together.
struct InPair {
    std::int64_t cost = 0;
    double value = 0.0;
    int first = 0, second = 0; // core positions
};

// The pairs of non-hires of one region pair (regions sorted, no_region first), by
// ascending cost, with the position of the most valuable pair up to each cost.
struct Bucket {
    int region_a = no_region, region_b = no_region;
    std::vector<InPair> pairs;
    std::vector<int> best;
};

// Whether the plan's counts stay within every region's minimum and maximum when the
// hires of regions (out_a, out_b) leave and those of (in_a, in_b) come in.
bool counts_hold(const Rules& rules, const Plan& plan, int out_a, int out_b, int in_a, int in_b) {
    const int touched[4] = {out_a, out_b, in_a, in_b};
    for (const int region : touched) {
        if (region == no_region) {
            continue;
        }
        const int count = plan.count[region] - (out_a == region) - (out_b == region) +
                          (in_a == region) + (in_b == region);
        if (count < rules.region_min[region] || count > rules.region_max[region]) {
            return false;
        }
    }
    return true;
}

std::vector<Bucket> in_pairs_by_region(const Core& core, const std::vector<int>& outside) {
    std::map<std::pair<int, int>, std::vector<InPair>> by_region;
    for (std::size_t i = 0; i < outside.size(); ++i) {
        for (std::size_t j = i + 1; j < outside.size(); ++j) {
            const FreeItem& a = core.items[outside[i]];
            const FreeItem& b = core.items[outside[j]];
            by_region[std::minmax(a.region, b.region)].push_back(
                {a.cost + b.cost, a.value + b.value, outside[i], outside[j]});
        }
    }
    std::vector<Bucket> buckets;
    for (auto& [regions, pairs] : by_region) {
        Bucket bucket{regions.first, regions.second, std::move(pairs), {}};
        // Ties by cost keep the order of generation, so the search is deterministic.
        std::stable_sort(bucket.pairs.begin(), bucket.pairs.end(),
                         [](const InPair& x, const InPair& y) { return x.cost < y.cost; });
        bucket.best.resize(bucket.pairs.size());
        for (std::size_t k = 0; k < bucket.pairs.size(); ++k) {
            bucket.best[k] =
                (k == 0 || bucket.pairs[k].value > bucket.pairs[bucket.best[k - 1]].value)
                    ? static_cast<int>(k)
                    : bucket.best[k - 1];
        }
        buckets.push_back(std::move(bucket));
    }
    return buckets;
}

// The most valuable pair of the bucket costing at most `cost`, or nullptr.
const InPair* best_within(const Bucket& bucket, std::int64_t cost) {
    const auto end = std::upper_bound(bucket.pairs.begin(), bucket.pairs.end(), cost,
                                      [](std::int64_t c, const InPair& p) { return c < p.cost; });
    if (end == bucket.pairs.begin()) {
        return nullptr;
    }
    return &bucket.pairs[bucket.best[(end - bucket.pairs.begin()) - 1]];
}

void toggle(Plan& plan, const FreeItem& item, int sign) {
    plan.chosen[item.index] = sign > 0 ? 1 : 0;
    plan.cost += sign * item.cost;
    plan.total += sign;
    if (item.region != no_region) {
        plan.count[item.region] += sign;
    }
}

} // namespace

bool pair_exchange(const Core& core, const Rules& rules, Plan& plan, int width, int max_passes) {
    bool improved = false;
    for (int pass = 0; pass < max_passes; ++pass) {
        // The hires and non-hires nearest the break: the last hires and the first
        // non-hires in bound order.
        std::vector<int> inside, outside;
        for (int k = static_cast<int>(core.items.size()) - 1;
             k >= 0 && static_cast<int>(inside.size()) < width; --k) {
            if (plan.chosen[core.items[k].index]) {
                inside.push_back(k);
            }
        }
        for (int k = 0;
             k < static_cast<int>(core.items.size()) && static_cast<int>(outside.size()) < width;
             ++k) {
            if (!plan.chosen[core.items[k].index]) {
                outside.push_back(k);
            }
        }
        if (inside.size() < 2 || outside.size() < 2) {
            break;
        }
        const std::vector<Bucket> buckets = in_pairs_by_region(core, outside);
        const double min_gain = rules.tolerance(plan_value(rules, plan.chosen));
        double best_gain = min_gain;
        int out_a = -1, out_b = -1;
        const InPair* in = nullptr;
        for (std::size_t i = 0; i < inside.size(); ++i) {
            for (std::size_t j = i + 1; j < inside.size(); ++j) {
                const FreeItem& a = core.items[inside[i]];
                const FreeItem& b = core.items[inside[j]];
                const std::int64_t room = rules.budget - plan.cost + a.cost + b.cost;
                for (const Bucket& bucket : buckets) {
                    if (!counts_hold(rules, plan, a.region, b.region, bucket.region_a,
                                     bucket.region_b)) {
                        continue;
                    }
                    const InPair* pair = best_within(bucket, room);
                    if (pair != nullptr && pair->value - a.value - b.value > best_gain) {
                        best_gain = pair->value - a.value - b.value;
                        out_a = inside[i];
                        out_b = inside[j];
                        in = pair;
                    }
                }
            }
        }
        if (in == nullptr) {
            break;
        }
        toggle(plan, core.items[out_a], -1);
        toggle(plan, core.items[out_b], -1);
        toggle(plan, core.items[in->first], +1);
        toggle(plan, core.items[in->second], +1);
        improved = true;
    }
    return improved;
}

} // namespace core::detail
