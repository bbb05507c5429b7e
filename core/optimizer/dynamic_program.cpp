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

double dp_first_bound(const SolverState& s, const DpState& st) {
    const std::int64_t room = s.rules.budget - s.forced.cost - st.cost;
    const double base = s.forced.adj + s.duals.constant + st.adj;
    const int f = static_cast<int>(s.core.items.size());
    if (room >= 0) {
        if (s.dp.t + 1 >= f) {
            return base;
        }
        const double r = ratio_of(s.core.items[s.dp.t + 1]);
        return r > 0.0 ? base + static_cast<double>(room) * r : base;
    }
    if (s.dp.s <= 0) {
        return -infinity; // over budget and nothing left to drop
    }
    const double r = ratio_of(s.core.items[s.dp.s - 1]);
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
double head_bound(const SolverState& s, const DpState& st) {
    if (st.cost > s.rules.budget - s.forced.cost && s.dp.s == 0) {
        return -infinity;
    }
    const std::int64_t before_cost = s.core.prefix_cost[s.dp.s];
    const int window_count = st.count - s.dp.s;
    const int window_capped = st.capped - s.dp.capped_prefix[s.dp.s];
    const std::int64_t window_cost = st.cost - before_cost;
    // Hires in capped regions are limited by the caps; the others by what fits.
    // Uncapped hires: the window's, plus what fits from the uncapped items outside it
    // and, for the capped regions, their cheapest items up to each cap (any plan's
    // capped hires cost at least that much).
    const std::int64_t window_uncapped_cost =
        window_cost - (st.capped_cost - s.dp.capped_prefix_cost[s.dp.s]);
    const int kmax = (window_count - window_capped) +
                     fenwick_max_fit(s.dp, s.rules.budget - s.forced.cost - window_uncapped_cost);
    const double best_d = st.head + s.dp.head_prefix_neg[s.dp.s] + s.dp.head_suffix_pos[s.dp.t + 1];
    return s.dp.head_constant + s.dp.sigma_k * kmax + best_d;
}

double dp_bound(const SolverState& s, const DpState& st) {
    const double first = dp_first_bound(s, st);
    if (!s.dp.head_bound || !(first > s.best.value)) {
        return first;
    }
    return std::min(first, head_bound(s, st));
}

double head_d(const DynamicProgram& dp, const FreeItem& item) {
    return item.value - dp.lambda_k * static_cast<double>(item.cost) - dp.sigma_k -
           (item.region == no_region ? 0.0 : dp.rho_k[item.region]);
}

// Sets up the second bound: the count LP's multipliers on the core, and the
// structures head_bound() reads. Off when some core item is free (ratios undefined)
// or when the count row is slack (the first bound already has it all).
void start_head_bound(SolverState& s) {
    const int f = static_cast<int>(s.core.items.size());
    s.dp.head_bound = false;
    if (f == 0) {
        return;
    }
    for (const auto& item : s.core.items) {
        if (item.cost == 0) {
            return;
        }
    }
    std::vector<int> in_region(s.rules.region_min.size(), 0);
    for (const auto& item : s.core.items) {
        if (item.region != no_region) {
            ++in_region[item.region];
        }
    }
    std::vector<char> capped_region(s.rules.region_min.size(), 0);
    for (std::size_t r = 0; r < in_region.size(); ++r) {
        const int room = s.rules.region_max[r] == unlimited
                             ? unlimited
                             : s.rules.region_max[r] - s.forced.region_count[r];
        if (room < in_region[r]) {
            capped_region[r] = 1;
        }
    }
    s.dp.head_capped.assign(f, 0);
    s.dp.capped_prefix.assign(f + 1, 0);
    s.dp.capped_prefix_cost.assign(f + 1, 0);
    for (int k = 0; k < f; ++k) {
        const int r = s.core.items[k].region;
        s.dp.head_capped[k] = static_cast<char>(r != no_region && capped_region[r]);
        s.dp.capped_prefix[k + 1] = s.dp.capped_prefix[k] + s.dp.head_capped[k];
        s.dp.capped_prefix_cost[k + 1] =
            s.dp.capped_prefix_cost[k] + (s.dp.head_capped[k] ? s.core.items[k].cost : 0);
    }
    const std::vector<int> order = items_by_cost(s.core, s.rules);
    s.dp.cost_rank.assign(f, 0);
    // The cheapest (maximum - forced) items of each capped region form a fixed pool.
    std::vector<char> pool(f, 0);
    std::vector<int> pool_left(s.rules.region_min.size(), 0);
    for (std::size_t r = 0; r < pool_left.size(); ++r) {
        if (capped_region[r]) {
            pool_left[r] = std::max(0, s.rules.region_max[r] - s.forced.region_count[r]);
        }
    }
    for (int r = 0; r < f; ++r) {
        const int k = order[r];
        s.dp.cost_rank[k] = r;
        if (s.dp.head_capped[k]) {
            const int region = s.core.items[k].region;
            if (pool_left[region] == 0) {
                continue;
            }
            --pool_left[region];
            pool[k] = 1;
        }
    }
    if (!count_row_binds(s)) {
        return;
    }
    const CountBound count = count_duals(s);
    if (!(count.sigma > 0.0)) {
        return;
    }
    s.dp.sigma_k = count.sigma;
    s.dp.lambda_k = count.lambda;
    s.dp.rho_k = count.rho;
    s.dp.head_constant = s.forced.value + count.constant +
                         s.dp.lambda_k * static_cast<double>(s.rules.budget - s.forced.cost);
    s.dp.fenwick_count.assign(f + 1, 0);
    s.dp.fenwick_cost.assign(f + 1, 0);
    for (int k = 0; k < f; ++k) {
        if (!s.dp.head_capped[k] || pool[k]) {
            fenwick_update(s.dp, s.dp.cost_rank[k], 1, s.core.items[k].cost);
        }
    }
    s.dp.head_item_d.assign(f, 0.0);
    s.dp.head_prefix_neg.assign(f + 1, 0.0);
    s.dp.head_suffix_pos.assign(f + 1, 0.0);
    for (int k = 0; k < f; ++k) {
        s.dp.head_item_d[k] = head_d(s.dp, s.core.items[k]);
        s.dp.head_prefix_neg[k + 1] = s.dp.head_prefix_neg[k] + std::max(0.0, -s.dp.head_item_d[k]);
    }
    for (int k = f - 1; k >= 0; --k) {
        s.dp.head_suffix_pos[k] = s.dp.head_suffix_pos[k + 1] + std::max(0.0, s.dp.head_item_d[k]);
    }
    s.dp.head_bound = true;
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
void settle_group(SolverState& s, const std::vector<int>& key, std::vector<DpState>& all,
                  const std::vector<std::size_t>& runs) {
    const auto by_cost = [](const DpState& a, const DpState& b) {
        return a.cost != b.cost ? a.cost < b.cost : a.value > b.value;
    };
    if (runs.size() == 2) {
        std::inplace_merge(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(runs[1]),
                           all.end(), by_cost);
    } else if (runs.size() > 2) {
        std::stable_sort(all.begin(), all.end(), by_cost);
    }
    const bool feasible_counts = key_feasible(s.dp, key);
    const std::int64_t room = s.rules.budget - s.forced.cost;
    std::size_t kept = 0;
    double best_seen = -infinity;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto st = all[i];
        if (!(st.value > best_seen)) {
            continue; // a cheaper plan in this group is worth at least as much
        }
        best_seen = st.value;
        if (feasible_counts && st.cost <= room && s.forced.value + st.value > s.best.value) {
            std::vector<char> chosen = dp_plan(s.dp, s.core, s.forced, st.trail);
            const double value = plan_value(s.rules, chosen);
            if (value > s.best.value) {
                s.best.has = true;
                s.best.value = value;
                s.best.cost = s.forced.cost + st.cost;
                s.best.chosen = std::move(chosen);
            }
        }
        if (dp_bound(s, st) <= s.best.value + s.tolerance(s.best.value)) {
            continue;
        }
        all[kept++] = st;
    }
    all.resize(kept);
}

void start_dp(SolverState& s) {
    const int f = static_cast<int>(s.core.items.size());
    const std::int64_t room = s.rules.budget - s.forced.cost;
    // Break solution: the longest prefix of positive items that fits.
    int b = 0;
    std::int64_t cost = 0;
    double value = 0.0, adj = 0.0;
    while (b < s.core.positive && cost + s.core.items[b].cost <= room) {
        cost += s.core.items[b].cost;
        value += s.core.items[b].value;
        adj += s.core.items[b].adj;
        ++b;
    }
    s.dp.break_at = b;
    s.dp.s = b;
    s.dp.t = b - 1;
    s.dp.add_next = true;
    s.dp.trail.clear();
    s.dp.groups.clear();

    // Tracked rules: regions with a rule and core items, and the head count minimum.
    s.dp.tracked.clear();
    s.dp.tracked_lower.clear();
    s.dp.tracked_upper.clear();
    std::vector<int> core_in_region(s.rules.region_min.size(), 0);
    for (const auto& item : s.core.items) {
        if (item.region != no_region) {
            ++core_in_region[item.region];
        }
    }
    for (std::size_t r = 0; r < s.rules.region_min.size(); ++r) {
        const bool ruled = s.rules.region_min[r] > 0 || s.rules.region_max[r] != unlimited;
        if (ruled && core_in_region[r] > 0) {
            s.dp.tracked.push_back(static_cast<int>(r));
            s.dp.tracked_lower.push_back(s.rules.region_min[r]);
            s.dp.tracked_upper.push_back(s.rules.region_max[r]);
        }
    }
    if (s.counts.low > s.forced.count || s.counts.high != unlimited) {
        s.dp.tracked.push_back(-1);
        s.dp.tracked_lower.push_back(s.counts.low);
        s.dp.tracked_upper.push_back(s.counts.high);
    }
    const std::size_t t = s.dp.tracked.size();
    s.dp.removable.assign(t, 0);
    s.dp.addable.assign(t, 0);
    std::vector<int> key(t, 0);
    for (std::size_t k = 0; k < t; ++k) {
        key[k] = s.dp.tracked[k] < 0 ? s.forced.count : s.forced.region_count[s.dp.tracked[k]];
    }
    for (int j = 0; j < f; ++j) {
        for (std::size_t k = 0; k < t; ++k) {
            if (in_rule(s.dp, k, s.core.items[j])) {
                if (j < b) {
                    ++s.dp.removable[k];
                    ++key[k];
                } else {
                    ++s.dp.addable[k];
                }
            }
        }
    }
    start_head_bound(s);
    const int capped = s.dp.head_bound ? s.dp.capped_prefix[b] : 0;
    const std::int64_t capped_cost = s.dp.head_bound ? s.dp.capped_prefix_cost[b] : 0;
    double head = 0.0;
    if (s.dp.head_bound) {
        for (int k = 0; k < b; ++k) {
            head += s.dp.head_item_d[k];
        }
    }
    std::vector<DpState> first{DpState{cost, value, adj, b, capped, capped_cost, -1, head}};
    if (rekey(s.dp, key)) {
        settle_group(s, key, first, {0});
        if (!first.empty()) {
            s.dp.groups.emplace(key, std::move(first));
        }
    }
    s.dp.live = s.dp.groups.empty() ? 0 : 1;
    if (s.dp.groups.empty()) {
        s.done = true;
    }
}

// One expansion of the window. Returns the number of states it produced.
std::int64_t dp_expand(SolverState& s) {
    const int f = static_cast<int>(s.core.items.size());
    const bool can_add = s.dp.t + 1 < f;
    const bool can_drop = s.dp.s > 0;
    if (s.dp.groups.empty() || (!can_add && !can_drop)) {
        s.done = true;
        return 0;
    }
    const bool add = can_add && (s.dp.add_next || !can_drop);
    s.dp.add_next = !add;
    const int j = add ? ++s.dp.t : --s.dp.s;
    const FreeItem& item = s.core.items[j];
    const int sign = add ? 1 : -1;
    const std::size_t t = s.dp.tracked.size();
    if (s.dp.head_bound && !s.dp.head_capped[j]) {
        fenwick_update(s.dp, s.dp.cost_rank[j], -1, -item.cost);
    }
    for (std::size_t k = 0; k < t; ++k) {
        if (in_rule(s.dp, k, item)) {
            --(add ? s.dp.addable[k] : s.dp.removable[k]);
        }
    }
    struct Bucket {
        std::vector<DpState> states;
        std::vector<std::size_t> runs;
    };
    std::map<std::vector<int>, Bucket> next;
    std::int64_t produced = 0;
    auto old_groups = std::move(s.dp.groups);
    s.dp.groups.clear();
    for (auto& [key, states] : old_groups) {
        // The item keeps its break-solution status...
        std::vector<int> same = key;
        if (rekey(s.dp, same)) {
            auto& bucket = next[same];
            bucket.runs.push_back(bucket.states.size());
            bucket.states.insert(bucket.states.end(), states.begin(), states.end());
            produced += static_cast<std::int64_t>(states.size());
        }
        // ...or is switched (added after the window, dropped before it).
        std::vector<int> moved = key;
        for (std::size_t k = 0; k < t; ++k) {
            if (moved[k] != safe_count && in_rule(s.dp, k, item)) {
                moved[k] += sign;
            }
        }
        if (!rekey(s.dp, moved)) {
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
            if (s.dp.head_bound) {
                n.head += sign * s.dp.head_item_d[j];
                if (s.dp.head_capped[j]) {
                    n.capped += sign;
                    n.capped_cost += sign * item.cost;
                }
            }
            s.dp.trail.emplace_back(j, st.trail);
            n.trail = static_cast<int>(s.dp.trail.size()) - 1;
            bucket.states.push_back(n);
        }
        produced += static_cast<std::int64_t>(states.size());
    }
    old_groups.clear();
    s.dp.live = 0;
    for (auto& [key, bucket] : next) {
        settle_group(s, key, bucket.states, bucket.runs);
        if (!bucket.states.empty()) {
            s.dp.live += static_cast<std::int64_t>(bucket.states.size());
            s.dp.groups.emplace(key, std::move(bucket.states));
        }
    }
    // Incumbent improvements during the expansion may have outdated early survivors.
    for (auto it = s.dp.groups.begin(); it != s.dp.groups.end();) {
        auto& states = it->second;
        std::erase_if(states, [&](const DpState& st) {
            return dp_bound(s, st) <= s.best.value + s.tolerance(s.best.value);
        });
        it = states.empty() ? s.dp.groups.erase(it) : std::next(it);
    }
    if (s.dp.groups.empty() || (s.dp.s == 0 && s.dp.t + 1 >= f)) {
        s.done = true;
    }
    return std::max<std::int64_t>(produced, 1);
}

// Drops trail entries no live state reaches (pruned states leave theirs behind).
void compact_trail(SolverState& s) {
    std::vector<int> remap(s.dp.trail.size(), -1);
    for (const auto& [key, states] : s.dp.groups) {
        for (const auto& st : states) {
            for (int at = st.trail; at >= 0 && remap[at] == -1; at = s.dp.trail[at].second) {
                remap[at] = 0; // reachable
            }
        }
    }
    std::vector<std::pair<int, int>> kept;
    for (std::size_t i = 0; i < s.dp.trail.size(); ++i) {
        if (remap[i] == 0) {
            remap[i] = static_cast<int>(kept.size());
            const int parent = s.dp.trail[i].second;
            kept.emplace_back(s.dp.trail[i].first, parent < 0 ? -1 : remap[parent]);
        }
    }
    for (auto& [key, states] : s.dp.groups) {
        for (auto& st : states) {
            st.trail = st.trail < 0 ? -1 : remap[st.trail];
        }
    }
    s.dp.trail = std::move(kept);
}

double dp_proven_bound(const SolverState& s) {
    double bound = -infinity;
    for (const auto& [key, states] : s.dp.groups) {
        for (const auto& st : states) {
            bound = std::max(bound, dp_bound(s, st));
        }
    }
    return bound;
}

} // namespace core::detail
