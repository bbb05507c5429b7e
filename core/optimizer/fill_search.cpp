// The optimizer's bitset searches that spend the last cents.
#include "core/optimizer/fill_search.hpp"

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

// Sums of up to `depth` items drawn in turn from a list, as one bitset per item
// count over [-offset, bits - offset) (sums outside are dropped), with the item that
// first reached each sum (so a sum can be traced back to distinct items).
class SumTable {
public:
    SumTable(int depth, std::int64_t offset, std::size_t bits)
        : offset_(offset), bits_(bits), words_((bits + 63) / 64),
          reach_(static_cast<std::size_t>(depth) + 1, std::vector<std::uint64_t>(words_, 0)),
          first_(static_cast<std::size_t>(depth) + 1),
          low_(static_cast<std::size_t>(depth) + 1, words_), high_(low_.size(), 0) {
        // Left uninitialized: an entry is read only where its reach bit was set, and
        // large tables are mostly empty (untouched memory costs nothing).
        for (auto& first : first_) {
            first.reset(new std::uint16_t[bits]);
        }
        const auto at = static_cast<std::size_t>(offset);
        reach_[0][at / 64] |= std::uint64_t{1} << (at % 64);
        low_[0] = at / 64;
        high_[0] = at / 64 + 1;
    }

    // Offers item `id` (list position below 65,536, increasing from call to call) of
    // weight w.
    void add(int id, std::int64_t w) {
        // Word i of the shifted source is (src[i - q] << r) | (src[i - q - 1] >> (64 - r)).
        const std::int64_t q = w >= 0 ? w / 64 : -((-w + 63) / 64);
        const auto r = static_cast<int>(w - q * 64);
        const auto words = static_cast<std::int64_t>(words_);
        for (std::size_t k = reach_.size() - 1; k >= 1; --k) {
            if (low_[k - 1] >= high_[k - 1]) {
                continue;
            }
            auto& dst = reach_[k];
            const auto& src = reach_[k - 1];
            const std::int64_t from =
                std::max<std::int64_t>(0, static_cast<std::int64_t>(low_[k - 1]) + q);
            const std::int64_t to = std::min<std::int64_t>(
                words, static_cast<std::int64_t>(high_[k - 1]) + q + (r != 0 ? 1 : 0));
            const auto source = [&](std::int64_t j) {
                return j >= 0 && j < words ? src[static_cast<std::size_t>(j)] : std::uint64_t{0};
            };
            for (std::int64_t i = from; i < to; ++i) {
                std::uint64_t moved = source(i - q) << r;
                if (r != 0) {
                    moved |= source(i - q - 1) >> (64 - r);
                }
                const auto at = static_cast<std::size_t>(i);
                std::uint64_t fresh = moved & ~dst[at];
                if (at + 1 == words_ && bits_ % 64 != 0) {
                    fresh &= (std::uint64_t{1} << (bits_ % 64)) - 1;
                }
                if (fresh == 0) {
                    continue;
                }
                dst[at] |= fresh;
                low_[k] = std::min(low_[k], at);
                high_[k] = std::max(high_[k], at + 1);
                for (; fresh != 0; fresh &= fresh - 1) {
                    first_[k][at * 64 + static_cast<std::size_t>(std::countr_zero(fresh))] =
                        static_cast<std::uint16_t>(id);
                }
            }
        }
    }

    // The largest reachable sum of k items in (low, high], or low when none.
    [[nodiscard]] std::int64_t largest_in(std::size_t k, std::int64_t low,
                                          std::int64_t high) const {
        std::int64_t at = std::min(high + offset_, static_cast<std::int64_t>(bits_) - 1);
        const std::int64_t stop = std::max<std::int64_t>(low + offset_, -1);
        while (at > stop) {
            const auto word = reach_[k][static_cast<std::size_t>(at) / 64];
            const int bit = static_cast<int>(at % 64);
            const std::uint64_t masked = bit == 63 ? word : word & ((std::uint64_t{2} << bit) - 1);
            if (masked != 0) {
                const std::int64_t found = at - bit + (63 - std::countl_zero(masked));
                return found > stop ? found - offset_ : low;
            }
            at -= bit + 1;
        }
        return low;
    }

    // Every reachable sum of k items, in increasing order: calls f(sum).
    template <class F>
    void each(std::size_t k, F&& f) const {
        for (std::size_t i = low_[k]; i < high_[k]; ++i) {
            for (std::uint64_t w = reach_[k][i]; w != 0; w &= w - 1) {
                f(static_cast<std::int64_t>(i * 64 +
                                            static_cast<std::size_t>(std::countr_zero(w))) -
                  offset_);
            }
        }
    }

    // The list positions of k distinct items summing to `sum` (reachable).
    [[nodiscard]] std::vector<int> trace(std::size_t k, std::int64_t sum,
                                         const std::vector<std::int64_t>& weights) const {
        std::vector<int> ids;
        for (; k > 0; --k) {
            const int id = first_[k][static_cast<std::size_t>(sum + offset_)];
            ids.push_back(id);
            sum -= weights[static_cast<std::size_t>(id)];
        }
        return ids;
    }

private:
    std::int64_t offset_;
    std::size_t bits_, words_;
    std::vector<std::vector<std::uint64_t>> reach_;
    std::vector<std::unique_ptr<std::uint16_t[]>> first_;
    std::vector<std::size_t> low_, high_; // words [low, high) may hold set bits
};

// Bits in one of the fill searches' bitsets: enough for the last cents of large
// budgets, in proportion to the number of free items (quick for small rosters).
std::int64_t bitset_limit(const Core& core) {
    return std::clamp<std::int64_t>(256 * static_cast<std::int64_t>(core.items.size()), 4096,
                                    std::int64_t{1} << 18);
}

// Replaces the plan by `next` when next keeps the budget and every region rule and
// is worth more.
bool take_if_better(const Rules& rules, Plan& plan, Plan& next) {
    if (next.cost > rules.budget) {
        return false;
    }
    for (std::size_t r = 0; r < next.count.size(); ++r) {
        if (next.count[r] < rules.region_min[r] || next.count[r] > rules.region_max[r]) {
            return false;
        }
    }
    const double before = plan_value(rules, plan.chosen);
    if (!(plan_value(rules, next.chosen) > before + rules.tolerance(before))) {
        return false;
    }
    plan = std::move(next);
    return true;
}

// Fill search on a plan whose hires all cost at most its cheapest non-hire (the
// cheapest plan with the most hires): exchange up to `depth` hires for as many
// non-hires so that the plan spends more of its budget, keeping its head count.
// This is what a plan needs when every dollar is worth about the same and each hire
// brings a bonus: the best plan fills the budget to the cent. With p the cheapest
// non-hire's price, an exchange of k for k raises the cost by
//   sum over ins of (cost - p) + sum over outs of (p - cost),
// both sides >= 0, so each side's sums by item count fit in a bitset over
// [0, budget left]; the `width` candidates priced nearest p on each side take part
// (within region rules for any exchange of `depth`). Applied only when it gains
// value. Returns true when it improved the plan.
bool fill_search(const Core& core, const Rules& rules, Plan& plan, int depth, int width) {
    const std::int64_t left = rules.budget - plan.cost;
    if (left <= 0) {
        return false;
    }
    std::vector<int> outs, ins;
    std::int64_t pivot = std::numeric_limits<std::int64_t>::max();
    std::int64_t top = std::numeric_limits<std::int64_t>::min();
    for (std::size_t k = 0; k < core.items.size(); ++k) {
        const auto& item = core.items[k];
        const int r = item.region;
        if (plan.chosen[item.index]) {
            top = std::max(top, item.cost);
            if (r == no_region || plan.count[r] - depth >= rules.region_min[r]) {
                outs.push_back(static_cast<int>(k));
            }
        } else {
            pivot = std::min(pivot, item.cost);
            if (r == no_region || rules.region_max[r] == unlimited ||
                plan.count[r] + depth <= rules.region_max[r]) {
                ins.push_back(static_cast<int>(k));
            }
        }
    }
    if (outs.empty() || ins.empty() || top > pivot) {
        return false;
    }
    // Candidates priced within the budget left of p (and near enough to keep the
    // bitsets small), nearest first (ties by position).
    const std::int64_t max_bits = bitset_limit(core);
    const std::int64_t within = std::min(left, max_bits - 1);
    const auto distance = [&](int k) {
        const std::int64_t d = core.items[k].cost - pivot;
        return d < 0 ? -d : d;
    };
    const auto nearest = [&](std::vector<int>& list) {
        std::erase_if(list, [&](int k) { return distance(k) > within; });
        const auto keep = std::min(list.size(), static_cast<std::size_t>(width));
        std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(keep),
                          list.end(), [&](int a, int b) {
                              return distance(a) != distance(b) ? distance(a) < distance(b) : a < b;
                          });
        list.resize(keep);
    };
    nearest(outs);
    nearest(ins);
    if (outs.empty() || ins.empty()) {
        return false;
    }
    std::int64_t span = 0;
    std::vector<std::int64_t> out_w, in_w;
    for (const int k : outs) {
        out_w.push_back(distance(k));
        span = std::max(span, out_w.back());
    }
    for (const int k : ins) {
        in_w.push_back(distance(k));
        span = std::max(span, in_w.back());
    }
    const auto bits = static_cast<std::size_t>(std::min({left, depth * span, max_bits - 1}) + 1);
    SumTable out_sums(depth, 0, bits), in_sums(depth, 0, bits);
    for (std::size_t k = 0; k < outs.size(); ++k) {
        out_sums.add(static_cast<int>(k), out_w[k]);
    }
    for (std::size_t k = 0; k < ins.size(); ++k) {
        in_sums.add(static_cast<int>(k), in_w[k]);
    }
    // The largest in + out <= left for each k: outs rising, ins falling.
    std::int64_t best_rise = 0, best_out = 0, best_in = 0;
    std::size_t best_k = 0;
    std::vector<std::int64_t> out_list, in_list;
    for (std::size_t k = 1; k <= static_cast<std::size_t>(depth) && best_rise < left; ++k) {
        out_list.clear();
        in_list.clear();
        out_sums.each(k, [&](std::int64_t sum) { out_list.push_back(sum); });
        in_sums.each(k, [&](std::int64_t sum) { in_list.push_back(sum); });
        auto j = in_list.size();
        for (const std::int64_t out_sum : out_list) {
            while (j > 0 && in_list[j - 1] > left - out_sum) {
                --j;
            }
            if (j == 0) {
                break;
            }
            if (in_list[j - 1] + out_sum > best_rise) {
                best_rise = in_list[j - 1] + out_sum;
                best_out = out_sum;
                best_in = in_list[j - 1];
                best_k = k;
            }
        }
    }
    if (best_k == 0) {
        return false;
    }
    Plan next = plan;
    for (const int id : out_sums.trace(best_k, best_out, out_w)) {
        const auto& item = core.items[outs[static_cast<std::size_t>(id)]];
        next.chosen[item.index] = 0;
        next.cost -= item.cost;
        --next.total;
        if (item.region != no_region) {
            --next.count[item.region];
        }
    }
    for (const int id : in_sums.trace(best_k, best_in, in_w)) {
        add(next, core.items[ins[static_cast<std::size_t>(id)]]);
    }
    return take_if_better(rules, plan, next);
}

// Swap fill: up to `depth` single swaps at once (a hire for a non-hire priced within
// `reach` cents of it), so that the plan spends more of its budget, keeping its
// head count. Swaps stay within one region, or between regions whose counts have
// room for `depth` changes either way (and candidates without a region). Their
// price changes are small, so the bitset of sums is small; any sum in
// (0, budget left] is a plan that spends more. Applied only when it gains value.
bool swap_fill(const Core& core, const Rules& rules, Plan& plan, int depth, std::int64_t reach) {
    const std::int64_t left = rules.budget - plan.cost;
    if (left <= 0) {
        return false;
    }
    const std::size_t regions = rules.region_min.size();
    std::vector<char> flexible(regions, 0);
    for (std::size_t r = 0; r < regions; ++r) {
        flexible[r] = static_cast<char>(
            plan.count[r] - depth >= rules.region_min[r] &&
            (rules.region_max[r] == unlimited || plan.count[r] + depth <= rules.region_max[r]));
    }
    // Class: -1 for the flexible ones, else the region.
    const auto class_of = [&](const FreeItem& item) {
        return item.region == no_region || flexible[item.region] ? -1 : item.region;
    };
    const std::vector<int> order = items_by_cost(core, rules);
    std::vector<std::vector<int>> hires(regions + 1), others(regions + 1);
    for (const int k : order) {
        const auto& item = core.items[k];
        const auto c = static_cast<std::size_t>(class_of(item) + 1);
        (plan.chosen[item.index] ? hires[c] : others[c]).push_back(k);
    }
    struct Swap {
        int out, in;
    };
    std::vector<Swap> swaps;
    std::vector<std::int64_t> weights;
    // Enough swaps to make many sums, few enough to stay quick.
    constexpr std::size_t min_swaps = 400, max_swaps = 20'000;
    const std::int64_t max_reach = bitset_limit(core) / (2 * depth);
    const auto collect = [&](std::int64_t within) {
        swaps.clear();
        weights.clear();
        for (std::size_t c = 0; c <= regions && swaps.size() <= max_swaps; ++c) {
            const auto& h = hires[c];
            const auto& o = others[c];
            std::size_t lo = 0;
            for (const int i : h) {
                const std::int64_t ci = core.items[i].cost;
                while (lo < o.size() && core.items[o[lo]].cost < ci - within) {
                    ++lo;
                }
                for (std::size_t j = lo; j < o.size() && core.items[o[j]].cost <= ci + within;
                     ++j) {
                    const std::int64_t delta = core.items[o[j]].cost - ci;
                    if (delta != 0) {
                        swaps.push_back({i, o[j]});
                        weights.push_back(delta);
                    }
                }
                if (swaps.size() > max_swaps) {
                    break;
                }
            }
        }
    };
    std::int64_t spread = 0; // no swap changes the price by more
    if (!order.empty()) {
        spread = core.items[order.back()].cost - core.items[order.front()].cost;
    }
    reach = std::min(reach, std::max<std::int64_t>(spread, 1));
    collect(reach);
    while (swaps.size() < min_swaps && reach < std::min(max_reach, spread)) {
        reach *= 2;
        collect(reach);
    }
    while (swaps.size() > max_swaps && reach > 1) {
        reach /= 2;
        collect(reach);
    }
    if (swaps.empty() || swaps.size() > max_swaps) {
        return false;
    }
    // Two swaps in a sum may share a candidate: then drop one of them and retry.
    std::vector<char> dropped(swaps.size(), 0);
    for (int attempt = 0; attempt < 8; ++attempt) {
        const std::int64_t offset = depth * reach;
        SumTable sums(depth, offset, static_cast<std::size_t>(2 * offset + 1));
        for (std::size_t k = 0; k < swaps.size(); ++k) {
            if (!dropped[k]) {
                sums.add(static_cast<int>(k), weights[k]);
            }
        }
        std::int64_t best = 0;
        std::size_t best_k = 0;
        for (std::size_t k = 1; k <= static_cast<std::size_t>(depth); ++k) {
            const std::int64_t found = sums.largest_in(k, best, std::min(left, offset));
            if (found > best) {
                best = found;
                best_k = k;
            }
        }
        if (best_k == 0) {
            return false;
        }
        Plan next = plan;
        bool clash = false;
        for (const int id : sums.trace(best_k, best, weights)) {
            const Swap swap = swaps[static_cast<std::size_t>(id)];
            const auto& out = core.items[swap.out];
            const auto& in = core.items[swap.in];
            if (!next.chosen[out.index] || next.chosen[in.index]) {
                // Keep the earlier swap; no other swap may reuse the shared candidate.
                const bool shares_out = !next.chosen[out.index];
                for (std::size_t k = 0; k < swaps.size(); ++k) {
                    if (static_cast<int>(k) != id &&
                        (shares_out ? swaps[k].out == swap.out : swaps[k].in == swap.in)) {
                        dropped[k] = 1;
                    }
                }
                dropped[static_cast<std::size_t>(id)] = 1;
                clash = true;
                break;
            }
            next.chosen[out.index] = 0;
            next.cost -= out.cost;
            --next.total;
            if (out.region != no_region) {
                --next.count[out.region];
            }
            add(next, in);
        }
        if (clash) {
            continue;
        }
        return take_if_better(rules, plan, next);
    }
    return false;
}

} // namespace core::detail
