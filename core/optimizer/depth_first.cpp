// The optimizer's depth-first branch and bound, resumable node by node.
#include "core/optimizer/depth_first.hpp"

#include "core/optimizer/bounds.hpp"
#include "core/optimizer/heuristics.hpp"
#include "core/optimizer/region_bound.hpp"

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
    dfs.missing = 0;
    for (std::size_t r = 0; r < dfs.count.size(); ++r) {
        if (dfs.count[r] >= rules.region_max[r]) {
            ++dfs.blocked;
        }
        dfs.missing += std::max(0, rules.region_min[r] - dfs.count[r]);
    }
    dfs.bound_valid = false;
    dfs.skip_until = -1;
    dfs.skip_step = 1;
}

// Sets up count_bound() when plans that can win have few hires: with the budget price
// count_lambda, the items from position p on, and j of them still to hire, any
// completion adds at most  count_lambda x cents left + (sum of the j largest
// value - count_lambda x cost from p on). Prefix sums of each suffix's best, O(f x J).
void start_count_bound(DepthFirst& dfs, HireCounts& counts, const Core& core,
                       const Forced& forced) {
    const int f = static_cast<int>(core.items.size());
    dfs.suffix_top = 0;
    dfs.suffix_best.clear();
    dfs.suffix_peak.clear();
    dfs.suffix_slack.clear();
    if (counts.high == unlimited) {
        return;
    }
    // Up to 128 more hires (each count then costs the same at a node: count_bound() looks
    // up one entry per price); at most 650,000 entries per price (16 MB for three).
    const int top = std::min(f, counts.high - forced.count);
    if (top <= 0 || top > 128 || counts.lambdas.empty() ||
        static_cast<std::int64_t>(f + 1) * (top + 1) > 650'000) {
        return;
    }
    dfs.suffix_top = top;
    // The last few prices only (a reduction again adds three more).
    if (counts.lambdas.size() > 3) {
        counts.lambdas.erase(counts.lambdas.begin(), counts.lambdas.end() - 3);
    }
    const std::size_t width = static_cast<std::size_t>(top) + 1;
    const std::size_t layer = static_cast<std::size_t>(f + 1) * width;
    dfs.suffix_best.assign(layer * counts.lambdas.size(), -infinity);
    dfs.suffix_peak.assign(static_cast<std::size_t>(f + 1) * counts.lambdas.size(), 0);
    // Every node's residual is at most the root's (the room left by the forced hires).
    const PriceScale scale(core);
    for (std::size_t l = 0; l < counts.lambdas.size(); ++l) {
        const double lambda = counts.lambdas[l];
        dfs.suffix_slack.push_back(
            rounding_slack(static_cast<std::size_t>(top), scale.at(lambda, dfs.residual)));
        std::vector<double> best; // the suffix's largest values, descending, at most `top`
        dfs.suffix_best[l * layer + static_cast<std::size_t>(f) * width] = 0.0;
        for (int p = f - 1; p >= 0; --p) {
            const auto& item = core.items[p];
            const double w = item.value - lambda * static_cast<double>(item.cost);
            best.insert(std::upper_bound(best.begin(), best.end(), w, std::greater<>()), w);
            if (static_cast<int>(best.size()) > top) {
                best.pop_back();
            }
            double* row = &dfs.suffix_best[l * layer + static_cast<std::size_t>(p) * width];
            row[0] = 0.0;
            int peak = 0;
            for (std::size_t j = 0; j < best.size(); ++j) {
                row[j + 1] = row[j] + best[j]; // the rest stay -infinity: too few items
                peak += best[j] > 0.0 ? 1 : 0;
            }
            dfs.suffix_peak[l * static_cast<std::size_t>(f + 1) + static_cast<std::size_t>(p)] =
                peak;
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
        // row[j] is the sum of the j largest terms, which come in descending order: it
        // rises while they are positive and falls after (row[j] = -infinity past the
        // suffix's size). So its largest value on [need_low, need_high] is at the first
        // non-positive term's index clamped to the range.
        const int peak = dfs.suffix_peak[l * (items + 1) + static_cast<std::size_t>(dfs.pos)];
        const double best =
            need_low > need_high ? -infinity : row[std::clamp(peak, need_low, need_high)];
        bound = std::min(bound, counts.lambdas[l] * static_cast<double>(dfs.residual) + best +
                                    dfs.suffix_slack[l]);
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
    // Fewer hires left than the region minimums miss.
    if (dfs.missing > counts.high - dfs.total) {
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
                      const Forced& forced, int also, int and_also) {
    std::vector<char> chosen = forced.in;
    for (int k = 0; k < dfs.pos; ++k) {
        if (dfs.take[k]) {
            chosen[core.items[k].index] = 1;
        }
    }
    std::int64_t cost = rules.budget - dfs.residual;
    for (const int extra : {also, and_also}) {
        if (extra >= 0) {
            chosen[core.items[extra].index] = 1;
            cost += core.items[extra].cost;
        }
    }
    const double value = plan_value(rules, chosen);
    if (value > best.value) {
        best.has = true;
        best.value = value;
        best.cost = cost;
        best.chosen = std::move(chosen);
    }
}

namespace {

// Hires the region minimums still miss at the current node (dfs.missing), and the first
// two regions that miss some (enough for the last one or two hires, which can meet at
// most two).
struct Shortfall {
    int missing = 0;
    int first = no_region, second = no_region;
};

Shortfall shortfall(const DepthFirst& dfs, const Rules& rules) {
    Shortfall out;
    out.missing = dfs.missing;
    for (std::size_t r = 0; r < dfs.count.size() && out.second == no_region; ++r) {
        if (dfs.count[r] < rules.region_min[r]) {
            (out.first == no_region ? out.first : out.second) = static_cast<int>(r);
        }
    }
    return out;
}

} // namespace

// Below a node with one hire left there are only its own plan and that plan with one of
// the items left: the best of them is found by one scan, where the search would spend
// two nodes on each item. Returns the nodes the scan counts for: one per 64 items, so
// that node limits still grow with the work (a scanned item costs far less than a node,
// and the engines' turns are shared by nodes: counting more would starve the search).
std::int64_t finish_last_hire(const DepthFirst& dfs, Incumbent& best, const Core& core,
                              const Rules& rules, const Forced& forced) {
    const int f = static_cast<int>(core.items.size());
    // One more hire meets at most one missing region hire.
    const Shortfall gap = shortfall(dfs, rules);
    double best_value = counts_met(dfs, rules) ? dfs.value : -infinity;
    int best_item = -1;
    if (gap.missing <= 1 && dfs.total + 1 >= rules.min_hires) {
        // Items from k on are worth at most suffix_max_value[k]: stop when that cannot win.
        const double floor = std::max(best_value, best.value) - dfs.value;
        for (int k = dfs.pos; k < f && core.suffix_max_value[k] > floor; ++k) {
            const auto& item = core.items[k];
            if (item.cost > dfs.residual || (gap.missing == 1 && item.region != gap.first) ||
                (item.region != no_region &&
                 dfs.count[item.region] >= rules.region_max[item.region])) {
                continue;
            }
            if (dfs.value + item.value > best_value) {
                best_value = dfs.value + item.value;
                best_item = k;
            }
        }
    }
    if (best_value > best.value) {
        record_incumbent(best, dfs, core, rules, forced, best_item);
    }
    return 1 + (f - dfs.pos) / 64;
}

// Below a node with two hires left there are its own plan, that plan with one of the
// items left, and with two of them. When a region minimum is still short (the search,
// in bound order, meets the covered regions' cheap items last and branches most
// there) and no region maximum can bind, the best of them comes from one pass over
// the items that fit in cost order: for each first item, the most valuable partner
// that still fits (prefix maxima of the partners; the two best are kept, so that an
// item is never paired with itself). The shortfall picks the lists: one region short
// by one hire gives the first items; short by two, both come from it; two regions
// short by one, one from each. Without a shortfall the search's own bounds prune these
// subtrees sooner than a pass over the core (measured). Returns false when it does not
// apply; else *credit is the nodes it counts for (one per 32 items of the core).
bool finish_last_two(DepthFirst& dfs, Incumbent& best, const Core& core, const Rules& rules,
                     const Forced& forced, std::int64_t* credit) {
    for (std::size_t r = 0; r < dfs.count.size(); ++r) {
        if (rules.region_max[r] != unlimited && dfs.count[r] + 2 > rules.region_max[r]) {
            return false;
        }
    }
    // The passes go over every item that fits, whatever its position: worth it on
    // small cores only, and counted by the core's size.
    const Shortfall gap = shortfall(dfs, rules);
    const int f = static_cast<int>(core.items.size());
    if (f > 1024 || gap.missing == 0) {
        return false;
    }
    *credit = 1 + f / 32;
    if (gap.missing > 2) {
        return true; // no plan below meets the minimums
    }
    // First items: the short region's; partners: any, the same region (short by two) or
    // the other short region.
    const int first_region = gap.first;
    const int partner_region =
        gap.missing == 2 ? (gap.second != no_region ? gap.second : gap.first) : no_region;
    const auto usable = [&](int k, int region) {
        return k >= dfs.pos && (region == no_region || core.items[k].region == region);
    };
    // A region's own items, cheapest first, when the region tables have them.
    const auto in_cost_order = [&](int region) -> const std::vector<int>& {
        if (region != no_region && dfs.tails.active) {
            const int slot = dfs.tails.slot[static_cast<std::size_t>(region)];
            if (slot >= 0) {
                return dfs.tails.regions[static_cast<std::size_t>(slot)].by_cost;
            }
        }
        return core.by_cost;
    };
    auto& partners = dfs.partners;
    partners.clear();
    for (const int k : in_cost_order(partner_region)) {
        if (core.items[k].cost > dfs.residual) {
            break;
        }
        if (usable(k, partner_region)) {
            partners.push_back(k);
        }
    }
    const std::size_t m = partners.size();
    dfs.prefix_best.resize(m);
    dfs.prefix_second.resize(m);
    DepthFirst::Ranked top, second;
    for (std::size_t i = 0; i < m; ++i) {
        const DepthFirst::Ranked item{core.items[partners[i]].value, partners[i]};
        if (item.value > top.value) {
            second = top;
            top = item;
        } else if (item.value > second.value) {
            second = item;
        }
        dfs.prefix_best[i] = top;
        dfs.prefix_second[i] = second;
    }
    double best_value = counts_met(dfs, rules) ? dfs.value : -infinity;
    int first = -1, other = -1;
    const bool singles = gap.missing <= 1 && dfs.total + 1 >= rules.min_hires;
    // Pairs, each found from its first item: partners are among partners[0, j], j falling
    // as the first item's cost rises.
    std::ptrdiff_t j = static_cast<std::ptrdiff_t>(m) - 1;
    for (const int k : in_cost_order(first_region)) {
        const auto& item = core.items[k];
        if (item.cost > dfs.residual) {
            break;
        }
        if (!usable(k, first_region)) {
            continue;
        }
        if (singles && dfs.value + item.value > best_value) {
            best_value = dfs.value + item.value;
            first = k;
            other = -1;
        }
        const std::int64_t room = dfs.residual - item.cost;
        while (j >= 0 && core.items[partners[static_cast<std::size_t>(j)]].cost > room) {
            --j;
        }
        if (j < 0) {
            continue; // no partner fits; singles may still follow
        }
        const auto at = static_cast<std::size_t>(j);
        const auto& partner =
            dfs.prefix_best[at].at == k ? dfs.prefix_second[at] : dfs.prefix_best[at];
        if (dfs.value + item.value + partner.value > best_value) {
            best_value = dfs.value + item.value + partner.value;
            first = k;
            other = partner.at;
        }
    }
    if (best_value > best.value) {
        record_incumbent(best, dfs, core, rules, forced, first, other);
    }
    return true;
}

namespace {

// Items skipped in one node at most (run_depth_first()).
constexpr int max_skip = 64;

// A region whose minimum the current node has not met yet.
bool short_region(const DepthFirst& dfs, const Rules& rules, int region) {
    return region != no_region && dfs.count[region] < rules.region_min[region];
}

} // namespace

void apply(DepthFirst& dfs, const Rules& rules, const FreeItem& item, int sign) {
    dfs.skip_until = -1; // the plan changes
    dfs.skip_step = 1;
    dfs.residual -= sign * item.cost;
    dfs.value += sign * item.value;
    dfs.adj += sign * item.adj;
    dfs.total += sign;
    if (item.region != no_region) {
        const bool was_blocked = dfs.count[item.region] >= rules.region_max[item.region];
        // A hire counts toward its region's minimum while the region is below it.
        const bool below = dfs.count[item.region] < rules.region_min[item.region];
        dfs.count[item.region] += sign;
        if (sign > 0 ? below : dfs.count[item.region] < rules.region_min[item.region]) {
            dfs.missing -= sign;
        }
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
bool backtrack(DepthFirst& dfs, const Core& core, const Rules& rules, const Incumbent& best) {
    while (dfs.pos > 0) {
        --dfs.pos;
        const auto& item = core.items[dfs.pos];
        if (item.region != no_region) {
            ++dfs.remaining[item.region];
        }
        if (dfs.take[dfs.pos]) {
            apply(dfs, rules, item, -1);
            dfs.take[dfs.pos] = 0;
            if (dfs.pending[dfs.pos]) {
                dfs.pending[dfs.pos] = 0;
                if (dfs.bound_at[dfs.pos] <= best.value + rules.tolerance(best.value)) {
                    continue; // the incumbent improved since; the skip branch cannot win
                }
                advance(dfs, core);
                dfs.bound_valid = false;
                return true;
            }
        }
    }
    return false;
}

bool run_depth_first(DepthFirst& dfs, Incumbent& best, std::int64_t& nodes, std::int64_t stop_at,
                     const Core& core, const Rules& rules, const Forced& forced,
                     const HireCounts& counts, const Multipliers& duals) {
    const int f = static_cast<int>(core.items.size());
    dfs.started = true;
    while (nodes < stop_at) {
        ++nodes;
        bool prune = false;
        if (dfs.pos == f || dfs.total >= counts.high ||
            core.suffix_min_cost[dfs.pos] > dfs.residual) {
            // A leaf: no item left, no hire left that can win, or no item left that fits
            // (skipping the rest one node at a time would only walk to the same plan).
            if (counts_met(dfs, rules) && dfs.value > best.value) {
                record_incumbent(best, dfs, core, rules, forced);
            }
            prune = true;
        } else if (counts_unreachable(dfs, rules, core, counts)) {
            prune = true;
        } else {
            if (!dfs.bound_valid || dfs.pos >= dfs.bound_end) {
                int end = dfs.pos;
                const FullRegions full{dfs.count, rules.region_max, dfs.blocked};
                dfs.node_bound =
                    dfs.adj + duals.constant + dantzig(core, dfs.pos, dfs.residual, &end, &full);
                dfs.bound_end = end;
                dfs.bound_valid = true;
            }
            if (dfs.suffix_top > 0) {
                // Any bound of this node is valid for its subtree too: keep the smaller.
                dfs.node_bound =
                    std::min(dfs.node_bound, count_bound(dfs, counts, core.items.size()));
            }
            if (dfs.tails.active && dfs.missing > 0 && dfs.missing == counts.high - dfs.total) {
                const auto completion = region_completion(dfs.tails, dfs.count, dfs.pos, rules);
                dfs.node_bound =
                    std::min(dfs.node_bound,
                             completion_bound(dfs.tails, completion, dfs.residual, dfs.value));
            }
            if (dfs.node_bound <= best.value + rules.tolerance(best.value)) {
                prune = true;
            } else if (counts.high - dfs.total == 1) {
                nodes += finish_last_hire(dfs, best, core, rules, forced) - 1;
                prune = true;
            } else if (std::int64_t credit = 0;
                       counts.high - dfs.total == 2 &&
                       finish_last_two(dfs, best, core, rules, forced, &credit)) {
                nodes += credit - 1;
                prune = true;
            }
        }
        if (prune) {
            if (!backtrack(dfs, core, rules, best)) {
                return true;
            }
            continue;
        }
        const int hires_left = counts.high - dfs.total;
        const bool owed = dfs.missing > 0 && dfs.missing == hires_left;
        if (owed || (dfs.missing > 0 && dfs.missing == hires_left - 1 && dfs.tails.active)) {
            // Items whose take branch is pruned at once are skipped in this node (not a
            // node each): with every hire left owed to a short region, the other
            // regions' items; with one hire left beyond those, the items elsewhere that
            // leave no completion worth more than the incumbent.
            // A node skips 1, 2, 4, ... up to max_skip items of the stretch, so that the
            // skip branch's own bound still gets its say (it often prunes within a few
            // items); the stretch is kept until a take or a backtrack changes the plan
            // (an older incumbent only skips less).
            if (dfs.skip_until <= dfs.pos) {
                const double floor = best.value + rules.tolerance(best.value);
                if (dfs.tails.active) {
                    const RegionCompletion completion =
                        owed ? RegionCompletion{}
                             : region_completion(dfs.tails, dfs.count, dfs.pos, rules);
                    dfs.skip_until = next_promising(dfs.tails, completion, owed, core, dfs.count,
                                                    dfs.pos, dfs.residual, dfs.value, floor, rules);
                } else {
                    dfs.skip_until = dfs.pos;
                    while (dfs.skip_until < f &&
                           !short_region(dfs, rules, core.items[dfs.skip_until].region)) {
                        ++dfs.skip_until;
                    }
                }
            }
            const int stop = std::min(dfs.skip_until, dfs.pos + dfs.skip_step);
            dfs.skip_step = std::min(2 * dfs.skip_step, max_skip);
            while (dfs.pos < stop) {
                dfs.take[dfs.pos] = 0;
                dfs.pending[dfs.pos] = 0;
                advance(dfs, core);
                dfs.bound_valid = false;
            }
            if (dfs.pos < dfs.skip_until || dfs.pos == f) {
                continue; // a new node further on, or a leaf
            }
        }
        const auto& item = core.items[dfs.pos];
        const bool room_in_region =
            item.region == no_region || dfs.count[item.region] < rules.region_max[item.region];
        if (item.cost <= dfs.residual && room_in_region && dfs.total < counts.high) {
            dfs.take[dfs.pos] = 1;
            dfs.pending[dfs.pos] = 1;
            dfs.bound_at[dfs.pos] = dfs.node_bound;
            const int blocked_before = dfs.blocked;
            apply(dfs, rules, item, +1);
            advance(dfs, core);
            // Taking an item counted whole in the bound keeps the bound, unless a region
            // just filled up (then recompute: the bound can only drop).
            if (dfs.blocked != blocked_before || dfs.pos > dfs.bound_end) {
                dfs.bound_valid = false;
            }
        } else {
            dfs.take[dfs.pos] = 0;
            dfs.pending[dfs.pos] = 0;
            advance(dfs, core);
            dfs.bound_valid = false;
        }
    }
    return false;
}

} // namespace core::detail
