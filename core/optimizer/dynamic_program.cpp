// The optimizer's the expanding-core dynamic program.
#include "core/optimizer/dynamic_program.hpp"

#include "core/optimizer/duals.hpp"
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

// [SECTION] Dynamic programming over the core
//
// An expanding-core dynamic program: start from the break solution (the core items
// that fit in bound order), then widen a window around the break item one item at
// a time, alternately offering the next item after the window ("add it?") and the
// last one before it ("drop it?"). Every state is a whole plan; plans with the same
// count signature are kept only when no cheaper plan has at least their value.
// A state dies when its bound cannot beat the incumbent:
//   under budget: adj + constant + leftover cents x (ratio of the next item to add)
//   over budget:  adj + constant - excess cents x (ratio of the next item to drop).
// This is what makes fill-limited instances (value proportional to price) easy: a
// branch-and-bound search would enumerate plans that differ by a few cents.

constexpr int safe_count = std::numeric_limits<int>::min(); // rule can no longer break

double ratio_of(const FreeItem& item) {
    if (item.cost == 0) {
        return item.adj > 0.0 ? infinity : 0.0;
    }
    return item.adj / static_cast<double>(item.cost);
}

// Index of tracked rule k for an item, or -1: rules are regions (one per item) plus
// the head count (every item).
bool in_rule(const DynamicProgram& dp, std::size_t k, const FreeItem& item) {
    return dp.tracked[k] < 0 || dp.tracked[k] == item.region;
}

double dp_first_bound(const DynamicProgram& dp, const Core& core, const Rules& rules,
                      const Forced& forced, const Multipliers& duals, const DpState& st) {
    const std::int64_t room = rules.budget - forced.cost - st.cost;
    const double base = forced.adj + duals.constant + st.adj;
    const int f = static_cast<int>(core.items.size());
    if (room >= 0) {
        if (dp.t + 1 >= f) {
            return base;
        }
        const double r = ratio_of(core.items[dp.t + 1]);
        return r > 0.0 ? base + static_cast<double>(room) * r : base;
    }
    if (dp.s <= 0) {
        return -infinity; // over budget and nothing left to drop
    }
    const double r = ratio_of(core.items[dp.s - 1]);
    if (!(r > 0.0)) {
        return base; // cannot happen for break-solution items; stay valid anyway
    }
    return r == infinity ? -infinity : base + static_cast<double>(room) * r;
}

// Fenwick tree over the core items outside the window, indexed by cost rank: how
// many of them (cheapest first) fit in a given number of cents.
void fenwick_update(DynamicProgram& dp, int rank, int count, std::int64_t cost) {
    const int n = static_cast<int>(dp.fenwick_count.size()) - 1;
    for (int i = rank + 1; i <= n; i += i & -i) {
        dp.fenwick_count[i] += count;
        dp.fenwick_cost[i] += cost;
    }
}

int fenwick_max_fit(const DynamicProgram& dp, std::int64_t cents) {
    const int n = static_cast<int>(dp.fenwick_count.size()) - 1;
    int step = 1;
    while (step * 2 <= n) {
        step *= 2;
    }
    int at = 0, fit = 0;
    std::int64_t spent = 0;
    for (; step > 0; step /= 2) {
        const int next = at + step;
        if (next <= n && spent + dp.fenwick_cost[next] <= cents) {
            at = next;
            spent += dp.fenwick_cost[next];
            fit += dp.fenwick_count[next];
        }
    }
    return fit;
}

// Second bound of a state, from the count LP (count_duals()): with
// d = value - lambda_k * cost - sigma_k - rho_k[region] for each core item, a
// completion's core part is worth at most
//   head_constant + lambda_k * room + sigma_k * (hires that can still fit) + sum d,
// where the sum is at most the plan's own d, plus every gain from dropping a
// negative-d item before the window, plus every positive-d item after it.
double head_bound(const DynamicProgram& dp, const Core& core, const Rules& rules,
                  const Forced& forced, const DpState& st) {
    if (st.cost > rules.budget - forced.cost && dp.s == 0) {
        return -infinity;
    }
    const std::int64_t before_cost = core.prefix_cost[dp.s];
    const int window_count = st.count - dp.s;
    const int window_capped = st.capped - dp.capped_prefix[dp.s];
    const std::int64_t window_cost = st.cost - before_cost;
    // Hires in capped regions are limited by the caps; the others by what fits.
    // Uncapped hires: the window's, plus what fits from the uncapped items outside it
    // and, for the capped regions, their cheapest items up to each cap (any plan's
    // capped hires cost at least that much).
    const std::int64_t window_uncapped_cost =
        window_cost - (st.capped_cost - dp.capped_prefix_cost[dp.s]);
    const int kmax = (window_count - window_capped) +
                     fenwick_max_fit(dp, rules.budget - forced.cost - window_uncapped_cost);
    const double best_d = st.head + dp.head_prefix_neg[dp.s] + dp.head_suffix_pos[dp.t + 1];
    return dp.head_constant + dp.sigma_k * kmax + best_d;
}

double dp_bound(const DynamicProgram& dp, const Incumbent& best, const Core& core,
                const Rules& rules, const Forced& forced, const Multipliers& duals,
                const DpState& st) {
    const double first = dp_first_bound(dp, core, rules, forced, duals, st);
    if (!dp.head_bound || !(first > best.value)) {
        return first;
    }
    return std::min(first, head_bound(dp, core, rules, forced, st));
}

double head_d(const DynamicProgram& dp, const FreeItem& item) {
    return item.value - dp.lambda_k * static_cast<double>(item.cost) - dp.sigma_k -
           (item.region == no_region ? 0.0 : dp.rho_k[item.region]);
}

// Sets up the second bound: the count LP's multipliers on the core, and the
// structures head_bound() reads. Off when some core item is free (ratios undefined)
// or when the count row is slack (the first bound already has it all).
void start_head_bound(DynamicProgram& dp, const Core& core, const Rules& rules,
                      const Forced& forced, const HireCounts& counts) {
    const int f = static_cast<int>(core.items.size());
    dp.head_bound = false;
    if (f == 0) {
        return;
    }
    for (const auto& item : core.items) {
        if (item.cost == 0) {
            return;
        }
    }
    std::vector<int> in_region(rules.region_min.size(), 0);
    for (const auto& item : core.items) {
        if (item.region != no_region) {
            ++in_region[item.region];
        }
    }
    std::vector<char> capped_region(rules.region_min.size(), 0);
    for (std::size_t r = 0; r < in_region.size(); ++r) {
        const int room = rules.region_max[r] == unlimited
                             ? unlimited
                             : rules.region_max[r] - forced.region_count[r];
        if (room < in_region[r]) {
            capped_region[r] = 1;
        }
    }
    dp.head_capped.assign(f, 0);
    dp.capped_prefix.assign(f + 1, 0);
    dp.capped_prefix_cost.assign(f + 1, 0);
    for (int k = 0; k < f; ++k) {
        const int r = core.items[k].region;
        dp.head_capped[k] = static_cast<char>(r != no_region && capped_region[r]);
        dp.capped_prefix[k + 1] = dp.capped_prefix[k] + dp.head_capped[k];
        dp.capped_prefix_cost[k + 1] =
            dp.capped_prefix_cost[k] + (dp.head_capped[k] ? core.items[k].cost : 0);
    }
    const std::vector<int> order = items_by_cost(core, rules);
    dp.cost_rank.assign(f, 0);
    // The cheapest (maximum - forced) items of each capped region form a fixed pool.
    std::vector<char> pool(f, 0);
    std::vector<int> pool_left(rules.region_min.size(), 0);
    for (std::size_t r = 0; r < pool_left.size(); ++r) {
        if (capped_region[r]) {
            pool_left[r] = std::max(0, rules.region_max[r] - forced.region_count[r]);
        }
    }
    for (int r = 0; r < f; ++r) {
        const int k = order[r];
        dp.cost_rank[k] = r;
        if (dp.head_capped[k]) {
            const int region = core.items[k].region;
            if (pool_left[region] == 0) {
                continue;
            }
            --pool_left[region];
            pool[k] = 1;
        }
    }
    if (!count_row_binds(core, rules, forced)) {
        return;
    }
    const CountBound count = count_duals(core, rules, forced, counts);
    // No head price, or no choice meets the count rows (root -infinity: its prices
    // are then the cap, not a bound worth its rounding).
    if (!(count.sigma > 0.0) || count.root == -infinity) {
        return;
    }
    dp.sigma_k = count.sigma;
    dp.lambda_k = count.lambda;
    dp.rho_k = count.rho;
    dp.head_constant = forced.value + count.constant +
                       dp.lambda_k * static_cast<double>(rules.budget - forced.cost);
    dp.fenwick_count.assign(f + 1, 0);
    dp.fenwick_cost.assign(f + 1, 0);
    for (int k = 0; k < f; ++k) {
        if (!dp.head_capped[k] || pool[k]) {
            fenwick_update(dp, dp.cost_rank[k], 1, core.items[k].cost);
        }
    }
    dp.head_item_d.assign(f, 0.0);
    dp.head_prefix_neg.assign(f + 1, 0.0);
    dp.head_suffix_pos.assign(f + 1, 0.0);
    for (int k = 0; k < f; ++k) {
        dp.head_item_d[k] = head_d(dp, core.items[k]);
        dp.head_prefix_neg[k + 1] = dp.head_prefix_neg[k] + std::max(0.0, -dp.head_item_d[k]);
    }
    for (int k = f - 1; k >= 0; --k) {
        dp.head_suffix_pos[k] = dp.head_suffix_pos[k + 1] + std::max(0.0, dp.head_item_d[k]);
    }
    dp.head_bound = true;
}

// Collapses counts that can no longer break their rule to safe_count. Returns false
// when a rule can no longer be met.
bool rekey(const DynamicProgram& dp, std::vector<int>& key) {
    for (std::size_t k = 0; k < key.size(); ++k) {
        if (key[k] == safe_count) {
            continue;
        }
        const int lower = dp.tracked_lower[k], upper = dp.tracked_upper[k];
        if (key[k] + dp.addable[k] < lower) {
            return false;
        }
        if (upper != unlimited && key[k] - dp.removable[k] > upper) {
            return false;
        }
        if (key[k] - dp.removable[k] >= lower &&
            (upper == unlimited || key[k] + dp.addable[k] <= upper)) {
            key[k] = safe_count;
        }
    }
    return true;
}

bool key_feasible(const DynamicProgram& dp, const std::vector<int>& key) {
    for (std::size_t k = 0; k < key.size(); ++k) {
        if (key[k] != safe_count &&
            (key[k] < dp.tracked_lower[k] ||
             (dp.tracked_upper[k] != unlimited && key[k] > dp.tracked_upper[k]))) {
            return false;
        }
    }
    return true;
}

std::vector<char> dp_plan(const DynamicProgram& dp, const Core& core, const Forced& forced,
                          int trail) {
    std::vector<char> chosen = forced.in;
    for (int k = 0; k < dp.break_at; ++k) {
        chosen[core.items[k].index] = 1;
    }
    for (int at = trail; at >= 0; at = dp.trail[at].second) {
        const int index = core.items[dp.trail[at].first].index;
        chosen[index] = static_cast<char>(!chosen[index]);
    }
    return chosen;
}

// Merges the runs of one group (each sorted by cost), keeps the Pareto states that
// can still beat the incumbent, and offers feasible ones as incumbents.
void settle_group(DynamicProgram& dp, Incumbent& best, const Core& core, const Rules& rules,
                  const Forced& forced, const Multipliers& duals, const std::vector<int>& key,
                  std::vector<DpState>& all, const std::vector<std::size_t>& runs) {
    const auto by_cost = [](const DpState& a, const DpState& b) {
        return a.cost != b.cost ? a.cost < b.cost : a.value > b.value;
    };
    if (runs.size() == 2) {
        std::inplace_merge(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(runs[1]),
                           all.end(), by_cost);
    } else if (runs.size() > 2) {
        std::stable_sort(all.begin(), all.end(), by_cost);
    }
    const bool feasible_counts = key_feasible(dp, key);
    const std::int64_t room = rules.budget - forced.cost;
    std::size_t kept = 0;
    double best_seen = -infinity;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto st = all[i];
        if (!(st.value > best_seen)) {
            continue; // a cheaper plan in this group is worth at least as much
        }
        best_seen = st.value;
        if (feasible_counts && st.cost <= room && forced.value + st.value > best.value) {
            std::vector<char> chosen = dp_plan(dp, core, forced, st.trail);
            const double value = plan_value(rules, chosen);
            if (value > best.value) {
                best.has = true;
                best.value = value;
                best.cost = forced.cost + st.cost;
                best.chosen = std::move(chosen);
            }
        }
        if (dp_bound(dp, best, core, rules, forced, duals, st) <=
            best.value + rules.tolerance(best.value)) {
            continue;
        }
        all[kept++] = st;
    }
    all.resize(kept);
}

bool start_dp(DynamicProgram& dp, Incumbent& best, const Core& core, const Rules& rules,
              const Forced& forced, const Multipliers& duals, const HireCounts& counts) {
    const int f = static_cast<int>(core.items.size());
    const std::int64_t room = rules.budget - forced.cost;
    // Break solution: the longest prefix of positive items that fits.
    int b = 0;
    std::int64_t cost = 0;
    double value = 0.0, adj = 0.0;
    while (b < core.positive && cost + core.items[b].cost <= room) {
        cost += core.items[b].cost;
        value += core.items[b].value;
        adj += core.items[b].adj;
        ++b;
    }
    dp.break_at = b;
    dp.s = b;
    dp.t = b - 1;
    dp.add_next = true;
    dp.trail.clear();
    dp.groups.clear();

    // Tracked rules: regions with a rule and core items, and the head count minimum.
    dp.tracked.clear();
    dp.tracked_lower.clear();
    dp.tracked_upper.clear();
    std::vector<int> core_in_region(rules.region_min.size(), 0);
    for (const auto& item : core.items) {
        if (item.region != no_region) {
            ++core_in_region[item.region];
        }
    }
    for (std::size_t r = 0; r < rules.region_min.size(); ++r) {
        const bool ruled = rules.region_min[r] > 0 || rules.region_max[r] != unlimited;
        if (ruled && core_in_region[r] > 0) {
            dp.tracked.push_back(static_cast<int>(r));
            dp.tracked_lower.push_back(rules.region_min[r]);
            dp.tracked_upper.push_back(rules.region_max[r]);
        }
    }
    if (counts.low > forced.count || counts.high != unlimited) {
        dp.tracked.push_back(-1);
        dp.tracked_lower.push_back(counts.low);
        dp.tracked_upper.push_back(counts.high);
    }
    const std::size_t t = dp.tracked.size();
    dp.removable.assign(t, 0);
    dp.addable.assign(t, 0);
    std::vector<int> key(t, 0);
    for (std::size_t k = 0; k < t; ++k) {
        key[k] = dp.tracked[k] < 0 ? forced.count : forced.region_count[dp.tracked[k]];
    }
    for (int j = 0; j < f; ++j) {
        for (std::size_t k = 0; k < t; ++k) {
            if (in_rule(dp, k, core.items[j])) {
                if (j < b) {
                    ++dp.removable[k];
                    ++key[k];
                } else {
                    ++dp.addable[k];
                }
            }
        }
    }
    start_head_bound(dp, core, rules, forced, counts);
    const int capped = dp.head_bound ? dp.capped_prefix[b] : 0;
    const std::int64_t capped_cost = dp.head_bound ? dp.capped_prefix_cost[b] : 0;
    double head = 0.0;
    if (dp.head_bound) {
        for (int k = 0; k < b; ++k) {
            head += dp.head_item_d[k];
        }
    }
    std::vector<DpState> first{DpState{cost, value, adj, b, capped, capped_cost, -1, head}};
    if (rekey(dp, key)) {
        settle_group(dp, best, core, rules, forced, duals, key, first, {0});
        if (!first.empty()) {
            dp.groups.emplace(key, std::move(first));
        }
    }
    dp.live = dp.groups.empty() ? 0 : 1;
    return dp.groups.empty();
}

DpExpansion dp_expand(DynamicProgram& dp, Incumbent& best, const Core& core, const Rules& rules,
                      const Forced& forced, const Multipliers& duals) {
    const int f = static_cast<int>(core.items.size());
    const bool can_add = dp.t + 1 < f;
    const bool can_drop = dp.s > 0;
    if (dp.groups.empty() || (!can_add && !can_drop)) {
        return {0, true};
    }
    const bool add = can_add && (dp.add_next || !can_drop);
    dp.add_next = !add;
    const int j = add ? ++dp.t : --dp.s;
    const FreeItem& item = core.items[j];
    const int sign = add ? 1 : -1;
    const std::size_t t = dp.tracked.size();
    if (dp.head_bound && !dp.head_capped[j]) {
        fenwick_update(dp, dp.cost_rank[j], -1, -item.cost);
    }
    for (std::size_t k = 0; k < t; ++k) {
        if (in_rule(dp, k, item)) {
            --(add ? dp.addable[k] : dp.removable[k]);
        }
    }
    struct Bucket {
        std::vector<DpState> states;
        std::vector<std::size_t> runs;
    };
    std::map<std::vector<int>, Bucket> next;
    std::int64_t produced = 0;
    auto old_groups = std::move(dp.groups);
    dp.groups.clear();
    for (auto& [key, states] : old_groups) {
        // The item keeps its break-solution status...
        std::vector<int> same = key;
        if (rekey(dp, same)) {
            auto& bucket = next[same];
            bucket.runs.push_back(bucket.states.size());
            bucket.states.insert(bucket.states.end(), states.begin(), states.end());
            produced += static_cast<std::int64_t>(states.size());
        }
        // ...or is switched (added after the window, dropped before it).
        std::vector<int> moved = key;
        for (std::size_t k = 0; k < t; ++k) {
            if (moved[k] != safe_count && in_rule(dp, k, item)) {
                moved[k] += sign;
            }
        }
        if (!rekey(dp, moved)) {
            continue;
        }
        auto& bucket = next[moved];
        bucket.runs.push_back(bucket.states.size());
        for (const auto& st : states) {
            DpState n = st;
            n.cost += sign * item.cost;
            n.value += sign * item.value;
            n.adj += sign * item.adj;
            n.count += sign;
            if (dp.head_bound) {
                n.head += sign * dp.head_item_d[j];
                if (dp.head_capped[j]) {
                    n.capped += sign;
                    n.capped_cost += sign * item.cost;
                }
            }
            dp.trail.emplace_back(j, st.trail);
            n.trail = static_cast<int>(dp.trail.size()) - 1;
            bucket.states.push_back(n);
        }
        produced += static_cast<std::int64_t>(states.size());
    }
    old_groups.clear();
    dp.live = 0;
    for (auto& [key, bucket] : next) {
        settle_group(dp, best, core, rules, forced, duals, key, bucket.states, bucket.runs);
        if (!bucket.states.empty()) {
            dp.live += static_cast<std::int64_t>(bucket.states.size());
            dp.groups.emplace(key, std::move(bucket.states));
        }
    }
    // Incumbent improvements during the expansion may have outdated early survivors.
    for (auto it = dp.groups.begin(); it != dp.groups.end();) {
        auto& states = it->second;
        std::erase_if(states, [&](const DpState& st) {
            return dp_bound(dp, best, core, rules, forced, duals, st) <=
                   best.value + rules.tolerance(best.value);
        });
        it = states.empty() ? dp.groups.erase(it) : std::next(it);
    }
    const bool finished = dp.groups.empty() || (dp.s == 0 && dp.t + 1 >= f);
    return {std::max<std::int64_t>(produced, 1), finished};
}

// Drops trail entries no live state reaches (pruned states leave theirs behind).
void compact_trail(DynamicProgram& dp) {
    std::vector<int> remap(dp.trail.size(), -1);
    for (const auto& [key, states] : dp.groups) {
        for (const auto& st : states) {
            for (int at = st.trail; at >= 0 && remap[at] == -1; at = dp.trail[at].second) {
                remap[at] = 0; // reachable
            }
        }
    }
    std::vector<std::pair<int, int>> kept;
    for (std::size_t i = 0; i < dp.trail.size(); ++i) {
        if (remap[i] == 0) {
            remap[i] = static_cast<int>(kept.size());
            const int parent = dp.trail[i].second;
            kept.emplace_back(dp.trail[i].first, parent < 0 ? -1 : remap[parent]);
        }
    }
    for (auto& [key, states] : dp.groups) {
        for (auto& st : states) {
            st.trail = st.trail < 0 ? -1 : remap[st.trail];
        }
    }
    dp.trail = std::move(kept);
}

double dp_proven_bound(const DynamicProgram& dp, const Incumbent& best, const Core& core,
                       const Rules& rules, const Forced& forced, const Multipliers& duals) {
    double bound = -infinity;
    for (const auto& [key, states] : dp.groups) {
        for (const auto& st : states) {
            bound = std::max(bound, dp_bound(dp, best, core, rules, forced, duals, st));
        }
    }
    return bound;
}

} // namespace core::detail
