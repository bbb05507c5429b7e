// The optimizer's incumbent plans (greedy fills, swaps).
#include "core/optimizer/heuristics.hpp"

#include "core/optimizer/duals.hpp"
#include "core/optimizer/fill_search.hpp"
#include "core/optimizer/pair_exchange.hpp"

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

// [SECTION] Incumbent heuristics

Plan plan_from(const Rules& rules, const std::vector<char>& chosen) {
    Plan plan;
    plan.chosen = chosen;
    plan.count.assign(rules.region_min.size(), 0);
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        if (chosen[i]) {
            plan.cost += rules.candidates[i].cost_cents;
            ++plan.total;
            if (rules.candidates[i].region != no_region) {
                ++plan.count[rules.candidates[i].region];
            }
        }
    }
    return plan;
}

double plan_value(const Rules& rules, const std::vector<char>& chosen) {
    double sum = 0.0;
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        if (chosen[i]) {
            sum += rules.candidates[i].value;
        }
    }
    return sum;
}

void offer(Incumbent& best, const Rules& rules, const Plan& plan) {
    const double value = plan_value(rules, plan.chosen);
    if (!best.has || value > best.value) {
        best.has = true;
        best.value = value;
        best.cost = plan.cost;
        best.chosen = plan.chosen;
    }
}

bool room_for(const Rules& rules, const Plan& plan, const FreeItem& item) {
    return item.cost <= rules.budget - plan.cost &&
           (item.region == no_region || plan.count[item.region] < rules.region_max[item.region]);
}

void add(Plan& plan, const FreeItem& item) {
    plan.chosen[item.index] = 1;
    plan.cost += item.cost;
    ++plan.total;
    if (item.region != no_region) {
        ++plan.count[item.region];
    }
}

// Adds free items in the given order while they fit (the plan meets the minimums
// already, so the result is a valid plan).
void fill(const Core& core, const Rules& rules, Plan& plan, const std::vector<int>& order) {
    for (const int k : order) {
        const auto& item = core.items[k];
        if (!plan.chosen[item.index] && room_for(rules, plan, item)) {
            add(plan, item);
        }
    }
}

// Swap search: replace one hire by one non-hire when that gains value, keeps the
// plan within the budget and keeps every count rule. For each hire the best
// replacement is found by binary search over the non-hires sorted by cost with a
// running best value. Several independent swaps are applied per pass.
void swap_search(const Core& core, const Rules& rules, const Incumbent& best, Plan& plan,
                 const std::vector<int>& refill_order, int max_passes) {
    const std::size_t regions = rules.region_min.size();
    struct Candidate {
        std::int64_t cost;
        double value;
        int item;
    };
    struct Index {
        std::vector<Candidate> by_cost; // ascending cost
        std::vector<int> best;          // best[k]: position of the highest value in [0, k]
        void build() {                  // by_cost is filled in cost order already
            best.assign(by_cost.size(), 0);
            for (std::size_t k = 0; k < by_cost.size(); ++k) {
                best[k] = (k == 0 || by_cost[k].value > by_cost[best[k - 1]].value)
                              ? static_cast<int>(k)
                              : best[k - 1];
            }
        }
        // Highest-value entry costing at most `limit`, or -1.
        [[nodiscard]] int query(std::int64_t limit) const {
            const auto it =
                std::upper_bound(by_cost.begin(), by_cost.end(), limit,
                                 [](std::int64_t v, const Candidate& c) { return v < c.cost; });
            if (it == by_cost.begin()) {
                return -1;
            }
            return by_cost[best[static_cast<std::size_t>(it - by_cost.begin()) - 1]].item;
        }
    };
    struct Move {
        double gain;
        int out, in; // free item positions
    };
    // Items by cost once; each pass filters the non-hires in that order.
    const std::vector<int> cost_order = items_by_cost(core, rules);
    for (int pass = 0; pass < max_passes; ++pass) {
        Index global;
        std::vector<Index> local(regions);
        for (const int position : cost_order) {
            const auto k = static_cast<std::size_t>(position);
            const auto& item = core.items[k];
            if (plan.chosen[item.index]) {
                continue;
            }
            const Candidate c{item.cost, item.value, static_cast<int>(k)};
            if (item.region != no_region) {
                local[item.region].by_cost.push_back(c);
                if (plan.count[item.region] >= rules.region_max[item.region]) {
                    continue; // enters only in exchange for a hire of its own region
                }
            }
            global.by_cost.push_back(c);
        }
        global.build();
        for (auto& index : local) {
            index.build();
        }
        const std::int64_t left = rules.budget - plan.cost;
        std::vector<Move> moves;
        for (std::size_t k = 0; k < core.items.size(); ++k) {
            const auto& out = core.items[k];
            if (!plan.chosen[out.index]) {
                continue;
            }
            const std::int64_t limit = left + out.cost;
            int best_in = -1;
            double best_gain = rules.tolerance(out.value);
            const auto consider = [&](int in) {
                if (in >= 0 && core.items[in].value - out.value > best_gain) {
                    best_gain = core.items[in].value - out.value;
                    best_in = in;
                }
            };
            if (out.region != no_region) {
                consider(local[out.region].query(limit));
            }
            if (out.region == no_region || plan.count[out.region] > rules.region_min[out.region]) {
                consider(global.query(limit));
            }
            if (best_in >= 0) {
                moves.push_back(Move{best_gain, static_cast<int>(k), best_in});
            }
        }
        if (moves.empty()) {
            return;
        }
        std::sort(moves.begin(), moves.end(), [](const Move& a, const Move& b) {
            return a.gain != b.gain ? a.gain > b.gain : a.out < b.out;
        });
        int applied = 0;
        double gained = 0.0;
        for (const auto& move : moves) {
            const auto& out = core.items[move.out];
            const auto& in = core.items[move.in];
            if (!plan.chosen[out.index] || plan.chosen[in.index] ||
                plan.cost - out.cost + in.cost > rules.budget) {
                continue;
            }
            if (in.region != out.region) {
                if (in.region != no_region &&
                    plan.count[in.region] >= rules.region_max[in.region]) {
                    continue;
                }
                if (out.region != no_region &&
                    plan.count[out.region] <= rules.region_min[out.region]) {
                    continue;
                }
            }
            plan.chosen[out.index] = 0;
            plan.cost -= out.cost;
            if (out.region != no_region) {
                --plan.count[out.region];
            }
            --plan.total;
            add(plan, in);
            ++applied;
            gained += move.gain;
        }
        fill(core, rules, plan, refill_order);
        // Stop when a pass no longer pays for itself (the search finishes the job).
        if (applied == 0 || gained <= 1e-7 * best.value) {
            return;
        }
    }
}

std::vector<int> identity_order(std::size_t n) {
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    return order;
}

// Greedy fills of the cheapest feasible plan (in bound order and in plain value
// per cent order), the better one polished by swaps.
// Greedy in bound order from the pins, keeping enough budget aside for the regions'
// unmet minimums (their cheapest candidates), then meeting them. Much better than
// filling around the cheapest feasible plan when minimums hold good candidates back.
// Returns false when it cannot complete a valid plan (the caller has others).
bool reserve_greedy(const Core& core, const Rules& rules, const Forced& forced,
                    const std::vector<int>& order, Plan& plan) {
    plan = plan_from(rules, forced.in);
    const std::size_t regions = rules.region_min.size();
    std::vector<std::vector<int>> cheapest(regions); // free positions by cost, per region
    for (std::size_t k = 0; k < core.items.size(); ++k) {
        const int r = core.items[k].region;
        if (r != no_region && rules.region_min[r] > plan.count[r]) {
            cheapest[r].push_back(static_cast<int>(k));
        }
    }
    std::vector<int> need(regions, 0);
    for (std::size_t r = 0; r < regions; ++r) {
        need[r] = std::max(0, rules.region_min[r] - plan.count[r]);
        std::sort(cheapest[r].begin(), cheapest[r].end(), [&](int a, int b) {
            return core.items[a].cost != core.items[b].cost
                       ? core.items[a].cost < core.items[b].cost
                       : a < b;
        });
    }
    // Cost of the `count` cheapest unchosen candidates of region r, skipping `except`.
    const auto reserve_of = [&](std::size_t r, int count, int except) {
        std::int64_t sum = 0;
        for (const int k : cheapest[r]) {
            if (count == 0) {
                break;
            }
            if (k == except || plan.chosen[core.items[k].index]) {
                continue;
            }
            sum += core.items[k].cost;
            --count;
        }
        return count == 0 ? sum : std::numeric_limits<std::int64_t>::max() / 4;
    };
    std::vector<std::int64_t> reserve(regions, 0);
    std::int64_t total_reserve = 0;
    for (std::size_t r = 0; r < regions; ++r) {
        reserve[r] = need[r] > 0 ? reserve_of(r, need[r], -1) : 0;
        total_reserve += reserve[r];
    }
    for (const int k : order) {
        const auto& item = core.items[k];
        if (plan.chosen[item.index] || !room_for(rules, plan, item)) {
            continue;
        }
        const int r = item.region;
        std::int64_t reserve_after = total_reserve;
        std::int64_t region_after = 0;
        if (r != no_region && need[r] > 0) {
            region_after = reserve_of(r, need[r] - 1, k);
            reserve_after = total_reserve - reserve[r] + region_after;
        }
        if (plan.cost + item.cost + reserve_after > rules.budget) {
            continue;
        }
        add(plan, item);
        if (r != no_region && need[r] > 0) {
            --need[r];
            reserve[r] = region_after;
            total_reserve = reserve_after;
        }
    }
    for (std::size_t r = 0; r < regions; ++r) {
        for (const int k : cheapest[r]) {
            if (need[r] == 0) {
                break;
            }
            const auto& item = core.items[k];
            if (!plan.chosen[item.index] && room_for(rules, plan, item)) {
                add(plan, item);
                --need[r];
            }
        }
        if (need[r] > 0) {
            return false;
        }
    }
    return plan.total >= rules.min_hires;
}

// The cheapest plan with as many hires as fit: each region's cheapest candidates
// up to its unmet minimum, then the cheapest of the rest within region maximums and
// the budget. False when that does not give a valid plan.
bool most_hires_plan(const Core& core, const Rules& rules, const Forced& forced, Plan& plan) {
    plan = plan_from(rules, forced.in);
    const std::vector<int> order = items_by_cost(core, rules);
    std::vector<int> need(rules.region_min.size(), 0);
    for (std::size_t r = 0; r < need.size(); ++r) {
        need[r] = std::max(0, rules.region_min[r] - plan.count[r]);
    }
    for (const int k : order) {
        const auto& item = core.items[k];
        if (item.region != no_region && need[item.region] > 0) {
            if (!room_for(rules, plan, item)) {
                return false;
            }
            add(plan, item);
            --need[item.region];
        }
    }
    for (const int k : order) {
        const auto& item = core.items[k];
        if (plan.chosen[item.index] || (item.region != no_region &&
                                        plan.count[item.region] >= rules.region_max[item.region])) {
            continue;
        }
        if (item.cost > rules.budget - plan.cost) {
            break;
        }
        add(plan, item);
    }
    return plan.total >= rules.min_hires;
}

// When the count LP's head-count row binds, value comes with each hire: start from
// the plan with the most hires and raise its value by exchanges.
void count_first_incumbent(Incumbent& best, const Core& core, const Rules& rules,
                           const Forced& forced) {
    Plan plan;
    if (!most_hires_plan(core, rules, forced, plan)) {
        return;
    }
    const std::vector<int> bound_order = identity_order(core.items.size());
    fill_search(core, rules, plan, 3, 192);
    swap_search(core, rules, best, plan, bound_order, 12);
    for (int round = 0; round < 4 && swap_fill(core, rules, plan, 3, 1000); ++round) {
    }
    offer(best, rules, plan);
}

void find_incumbent(Incumbent& best, std::optional<CountBound>& count, const Core& core,
                    const Rules& rules, const Forced& forced, const Multipliers& duals,
                    const HireCounts& counts) {
    const std::vector<int> bound_order = identity_order(core.items.size());
    Plan first = plan_from(rules, rules.min_plan);
    fill(core, rules, first, bound_order);
    offer(best, rules, first);
    if (Plan reserved; reserve_greedy(core, rules, forced, bound_order, reserved)) {
        offer(best, rules, reserved);
    }
    bool multipliers = duals.sigma != 0.0;
    for (const double rho : duals.rho) {
        multipliers = multipliers || rho != 0.0;
    }
    if (multipliers) {
        // With count multipliers the bound order differs from plain value per cent.
        std::vector<std::pair<double, int>> keyed(core.items.size());
        for (std::size_t k = 0; k < core.items.size(); ++k) {
            const auto& item = core.items[k];
            keyed[k] = {item.cost > 0 ? item.value / static_cast<double>(item.cost) : infinity,
                        static_cast<int>(k)};
        }
        std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        std::vector<int> ratio_order;
        ratio_order.reserve(keyed.size());
        for (const auto& entry : keyed) {
            ratio_order.push_back(entry.second);
        }
        Plan second = plan_from(rules, rules.min_plan);
        fill(core, rules, second, ratio_order);
        offer(best, rules, second);
    }
    if (count_row_binds(core, rules, forced)) {
        count = count_duals(core, rules, forced, counts);
        if (count->sigma > 0.0) {
            count_first_incumbent(best, core, rules, forced);
        }
    }
}

// Swaps on the incumbent, then swap fills that spend its last cents (with a fee per
// hire, the best plans spend the budget almost to the cent with few hires).
void polish_incumbent(Incumbent& best, const Core& core, const Rules& rules) {
    Plan plan = plan_from(rules, best.chosen);
    swap_search(core, rules, best, plan, identity_order(core.items.size()), 12);
    for (int round = 0; round < 4 && swap_fill(core, rules, plan, 3, 1000); ++round) {
    }
    offer(best, rules, plan);
}

bool exchange_incumbent(Incumbent& best, const Core& core, const Rules& rules) {
    Plan plan = plan_from(rules, best.chosen);
    if (!pair_exchange(core, rules, plan, 128, 32)) {
        return false;
    }
    // The exchanged plan may leave cents a single swap can spend.
    for (int round = 0; round < 4 && swap_fill(core, rules, plan, 3, 1000); ++round) {
    }
    const double before = best.value;
    offer(best, rules, plan);
    return best.value > before;
}

} // namespace core::detail
