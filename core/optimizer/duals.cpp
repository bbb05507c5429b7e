// The optimizer's Lagrange multipliers of the count rows, the count LP, hire counts.
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

// [SECTION] Lagrange multipliers of the count rows
//
// The LP relaxation keeps one budget row and the count rows (region minimums and
// maximums, the minimum head count).
// For a budget price lambda, the best choice under the count rows alone is greedy
// (the rows form a laminar family): each region's best minimum, then the best of
// the rest up to the caps. h(lambda) = lambda * budget + that best value is convex
// and piecewise linear, and its minimum is the LP bound. The count rows' duals at
// the minimizing lambda are read off the greedy thresholds. Any multipliers give a
// valid bound, so the search below never depends on this being solved exactly.
struct CountDuals {
    double lambda = 0.0;     // the budget price evaluated
    double value = infinity; // dual objective at lambda (an upper bound on the LP)
    std::int64_t cost = 0;   // cost of the greedy choice at lambda
    double sigma = 0.0;
    std::vector<double> rho;
    // What rounding can have taken off `value`: a bound is value + slack. Kept apart so
    // that the search over lambda compares the values themselves.
    double slack = 0.0;
    // False when no choice meets the count rows within the budget, whatever the price
    // (value is then -infinity): the LP is infeasible.
    bool feasible = true;
};

class LagrangeDual {
public:
    // The count rows of the problem, on true values; kmax >= 0 adds the derived row
    // "at most kmax more hires fit".
    // kmin >= 0 raises the minimum number of free hires the same way.
    LagrangeDual(const Core& core, const Rules& rules, const Forced& forced,
                 const HireCounts& counts, int kmax = -1, int kmin = -1)
        : core_(core), rules_(rules), scale_(core) {
        const std::size_t regions = rules.region_min.size();
        const std::size_t f = core.items.size();
        const bool head_limit = kmax >= 0;
        budget_ = rules.budget - forced.cost;
        values_.reserve(f);
        double top_value = 0.0;
        for (const auto& item : core.items) {
            values_.push_back(item.value);
            top_value = std::max(top_value, std::fabs(item.value));
        }
        // Costs are whole cents, so two items' order by value - price x cost changes at
        // prices of at most the largest value difference, and an item's sign at most at
        // the largest value: past this price the greedy choice never changes again.
        price_cap_ = 2.0 * top_value + 1.0;
        size_.assign(regions, 0);
        for (const auto& item : core.items) {
            if (item.region != no_region) {
                ++size_[item.region];
            }
        }
        lower_.assign(regions, 0);
        upper_.assign(regions, 0);
        ruled_.assign(regions, 0);
        members_.assign(regions, {});
        for (std::size_t r = 0; r < regions; ++r) {
            lower_[r] =
                std::min(size_[r], std::max(0, rules.region_min[r] - forced.region_count[r]));
            const int room = rules.region_max[r] == unlimited
                                 ? size_[r]
                                 : std::max(0, rules.region_max[r] - forced.region_count[r]);
            upper_[r] = std::max(lower_[r], std::min(size_[r], room));
            ruled_[r] = lower_[r] > 0 || upper_[r] < size_[r];
        }
        for (std::size_t k = 0; k < f; ++k) {
            const int r = core.items[k].region;
            if (r != no_region && ruled_[r]) {
                members_[r].push_back(static_cast<int>(k));
            } else {
                unruled_.push_back(static_cast<int>(k));
            }
        }
        // The first Lagrangian has no derived "at most this many fit" row: it would tie
        // the adjusted ratios of strongly correlated items together and blind the
        // search order and the reduced costs. The count LP (count_duals()) adds it.
        kmax_ = head_limit ? std::min(kmax, static_cast<int>(f)) : static_cast<int>(f);
        // The derived minimum count (count_low) enters, the derived maximum does not:
        // like kmax above, it would tie strongly correlated items together (measured:
        // the benchmark's strongly correlated family stops at the node limit with it).
        kmin_ = std::min(kmax_, std::max({0, kmin, counts.low - forced.count}));
        w_.assign(f, 0.0);
        taken_.assign(f, 0);
    }

    [[nodiscard]] int kmax() const { return kmax_; }
    [[nodiscard]] double price_cap() const { return price_cap_; }
    [[nodiscard]] int kmin() const { return kmin_; }
    [[nodiscard]] const std::vector<int>& lower() const { return lower_; }
    [[nodiscard]] const std::vector<int>& upper() const { return upper_; }
    [[nodiscard]] const std::vector<char>& ruled() const { return ruled_; }

    // The magnitudes of every term of the dual at these multipliers, summed: the
    // scale of its rounding (rounding_slack()).
    [[nodiscard]] double magnitude(double lambda, double sigma,
                                   const std::vector<double>& rho) const {
        double sum = scale_.at(lambda, budget_) +
                     std::fabs(sigma) * static_cast<double>(values_.size() + kmax_ + kmin_);
        for (std::size_t r = 0; r < rho.size(); ++r) {
            sum += std::fabs(rho[r]) * (size_[r] + upper_[r] + lower_[r]);
        }
        return sum;
    }

    CountDuals evaluate(double lambda) {
        const auto& items = core_.items;
        const std::size_t f = items.size();
        const std::size_t regions = members_.size();
        for (std::size_t k = 0; k < f; ++k) {
            w_[k] = values_[k] - lambda * static_cast<double>(items[k].cost);
            taken_[k] = 0;
        }
        if (CountDuals quick; unconstrained(lambda, quick)) {
            return quick;
        }
        const auto better = [&](int a, int b) {
            return w_[a] != w_[b] ? w_[a] > w_[b] : a < b;
        };
        pool_.clear();
        int mandatory = 0;
        std::vector<double> excluded_max(regions, -infinity);
        int all_positive = 0;
        for (const int p : positive_in_) {
            all_positive += p;
        }
        for (std::size_t k = 0; k < f; ++k) {
            if (items[k].region == no_region && w_[k] > 0.0) {
                ++all_positive;
            }
        }
        const bool head_binds = all_positive < kmin_ || all_positive > kmax_;
        for (std::size_t r = 0; r < regions; ++r) {
            if (!ruled_[r]) {
                continue;
            }
            auto& m = members_[r];
            if (!head_binds && lower_[r] <= positive_in_[r] && positive_in_[r] <= upper_[r]) {
                // This region's rule does not bind: its positive items are simply taken
                // with the rest of the pool (the pool cannot ask for more than them).
                pool_.insert(pool_.end(), m.begin(), m.end());
                continue;
            }
            const auto lo = m.begin() + lower_[r];
            const auto hi = m.begin() + upper_[r];
            if (lo != m.end()) {
                std::nth_element(m.begin(), lo, m.end(), better);
            }
            if (hi != m.end() && hi != lo) {
                std::nth_element(lo, hi, m.end(), better);
            }
            for (auto it = m.begin(); it != lo; ++it) {
                taken_[*it] = 1;
            }
            mandatory += lower_[r];
            pool_.insert(pool_.end(), lo, hi);
            for (auto it = hi; it != m.end(); ++it) {
                excluded_max[r] = std::max(excluded_max[r], w_[*it]);
            }
        }
        pool_.insert(pool_.end(), unruled_.begin(), unruled_.end());
        const int pool_size = static_cast<int>(pool_.size());
        int positives = 0;
        for (const int k : pool_) {
            positives += w_[k] > 0.0 ? 1 : 0;
        }
        const int lo = std::max(0, kmin_ - mandatory);
        const int hi = std::max(lo, kmax_ - mandatory);
        const int t = std::min(pool_size, std::clamp(positives, lo, hi));
        if (t == positives) {
            std::partition(pool_.begin(), pool_.end(), [&](int k) { return w_[k] > 0.0; });
        } else if (t < pool_size && t > 0) {
            std::nth_element(pool_.begin(), pool_.begin() + t, pool_.end(), better);
        }
        double selected_min = infinity, unselected_max = -infinity;
        for (int k = 0; k < pool_size; ++k) {
            const int item = pool_[k];
            if (k < t) {
                taken_[item] = 1;
                selected_min = std::min(selected_min, w_[item]);
            } else {
                unselected_max = std::max(unselected_max, w_[item]);
            }
        }
        CountDuals out;
        out.lambda = lambda;
        // sigma: the price of one more hire overall.
        if (unselected_max <= 0.0 && 0.0 <= selected_min) {
            out.sigma = 0.0;
        } else if (selected_min < 0.0) {
            out.sigma = selected_min;
        } else {
            out.sigma = unselected_max;
        }
        // rho[r]: the extra price of a hire in region r, between its last taken and
        // its first left-out candidate, as close to zero as that allows.
        out.rho.assign(regions, 0.0);
        std::vector<double> taken_min(regions, infinity), untaken_max = excluded_max;
        for (std::size_t k = 0; k < f; ++k) {
            const int r = items[k].region;
            if (r == no_region || !ruled_[r]) {
                continue;
            }
            if (taken_[k]) {
                taken_min[r] = std::min(taken_min[r], w_[k]);
            } else {
                untaken_max[r] = std::max(untaken_max[r], w_[k]);
            }
        }
        for (std::size_t r = 0; r < regions; ++r) {
            if (!ruled_[r]) {
                continue;
            }
            const double low = untaken_max[r] - out.sigma;
            const double high = taken_min[r] - out.sigma;
            double rho = std::clamp(0.0, low, std::max(low, high));
            if (rules_.region_max[r] == unlimited) {
                rho = std::min(rho, 0.0);
            }
            out.rho[r] = rho;
        }
        // Dual objective (valid for any multipliers) and the greedy choice's cost.
        double dual = lambda * static_cast<double>(budget_);
        for (std::size_t k = 0; k < f; ++k) {
            const int r = items[k].region;
            const double reduced = w_[k] - (r != no_region ? out.rho[r] : 0.0) - out.sigma;
            dual += std::max(0.0, reduced);
            if (taken_[k]) {
                out.cost += items[k].cost;
            }
        }
        for (std::size_t r = 0; r < regions; ++r) {
            dual += std::max(0.0, out.rho[r]) * upper_[r] - std::max(0.0, -out.rho[r]) * lower_[r];
        }
        dual += std::max(0.0, out.sigma) * kmax_ - std::max(0.0, -out.sigma) * kmin_;
        out.value = dual;
        out.slack = rounding_slack(f + regions, magnitude(lambda, out.sigma, out.rho));
        return out;
    }

private:
    // When no count row binds at lambda (every positive item taken meets them all),
    // the greedy choice is simply the positive items and every multiplier is zero.
    bool unconstrained(double lambda, CountDuals& out) {
        const auto& items = core_.items;
        const std::size_t f = items.size();
        positive_in_.assign(members_.size(), 0);
        int positives = 0;
        std::int64_t cost = 0;
        double sum = 0.0;
        for (std::size_t k = 0; k < f; ++k) {
            if (w_[k] > 0.0) {
                ++positives;
                cost += items[k].cost;
                sum += w_[k];
                const int r = items[k].region;
                if (r != no_region) {
                    ++positive_in_[r];
                }
            }
        }
        if (positives < kmin_ || positives > kmax_) {
            return false;
        }
        for (std::size_t r = 0; r < members_.size(); ++r) {
            if (ruled_[r] && (positive_in_[r] < lower_[r] || positive_in_[r] > upper_[r])) {
                return false;
            }
        }
        out.sigma = 0.0;
        out.rho.assign(members_.size(), 0.0);
        out.cost = cost;
        out.value = lambda * static_cast<double>(budget_) + sum;
        out.slack = rounding_slack(f, magnitude(lambda, 0.0, out.rho));
        out.lambda = lambda;
        return true;
    }

    const Core& core_;
    const Rules& rules_;
    std::vector<int> positive_in_;
    std::int64_t budget_ = 0;
    std::vector<int> lower_, upper_;
    std::vector<char> ruled_;
    std::vector<std::vector<int>> members_;
    std::vector<int> unruled_, pool_;
    int kmax_ = 0, kmin_ = 0;
    double price_cap_ = 1.0;
    PriceScale scale_;
    std::vector<int> size_; // free items per region
    std::vector<double> values_, w_;
    std::vector<char> taken_;
};

// Sets rho, sigma, the adjusted values and the Lagrangian constant.
// Minimizes the convex, piecewise linear dual h(lambda) over the budget price. The
// slope is budget - cost(lambda), a decreasing step function. Bracket the sign
// change around the guess (the price without count rows), then step to where the
// tangent lines at the bracket ends meet (bisect when one side keeps moving): that
// lands on the kink at the minimum. The meeting point's height is a lower bound on
// the minimum: stop when the best value found
// is within `tolerance` (relative) of that lower bound (any lambda still gives a
// valid bound, only a weaker one).
CountDuals minimize_dual(LagrangeDual& dual, std::int64_t budget, double max_ratio, double guess,
                         double tolerance) {
    if (!(guess > 0.0)) {
        guess = 0.5 * max_ratio;
    }
    if (!(guess > 0.0)) {
        return dual.evaluate(0.0);
    }
    CountDuals g = dual.evaluate(guess);
    CountDuals best = g;
    const auto keep = [&](const CountDuals& c) {
        if (c.value < best.value) {
            best = c;
        }
    };
    double la = 0.0, lb = 0.0;
    CountDuals a, b;
    double step = 0.05;
    if (g.cost > budget) {
        la = guess;
        a = std::move(g);
        for (;; step *= 2.0) {
            const double next = std::min(guess * (1.0 + step), dual.price_cap());
            CountDuals c = dual.evaluate(next);
            keep(c);
            if (c.cost <= budget) {
                lb = next;
                b = std::move(c);
                break;
            }
            if (next >= dual.price_cap()) {
                // The choice is final and still over budget: so is every choice meeting
                // the count rows, and the dual falls without end (no finite bound: its
                // value at a huge price is rounding noise).
                c.feasible = false;
                c.value = -infinity;
                return c;
            }
            la = next;
            a = std::move(c);
        }
    } else {
        lb = guess;
        b = std::move(g);
        for (;; step *= 2.0) {
            const double next = step >= 1.0 ? 0.0 : guess * (1.0 - step);
            CountDuals c = dual.evaluate(next);
            keep(c);
            if (c.cost > budget) {
                la = next;
                a = std::move(c);
                break;
            }
            lb = next;
            b = std::move(c);
            if (next == 0.0) {
                return best; // the budget does not bind: lambda = 0
            }
        }
    }
    int same_side = 0, last_side = 0;
    for (int iter = 0; iter < 60 && b.cost < budget; ++iter) {
        const double sa = static_cast<double>(budget - a.cost); // < 0
        const double sb = static_cast<double>(budget - b.cost); // > 0
        const double meet = (b.value - a.value + sa * la - sb * lb) / (sa - sb);
        const double lower = a.value + sa * (meet - la);
        if (best.value - lower <= tolerance * std::max(1.0, std::fabs(best.value))) {
            break;
        }
        double lc = meet;
        if (!(lc > la && lc < lb) || same_side >= 2) {
            lc = 0.5 * (la + lb);
            same_side = 0;
        }
        CountDuals c = dual.evaluate(lc);
        keep(c);
        if (c.cost == budget || !(lb - la > 1e-15 * lb)) {
            break;
        }
        const int side = c.cost > budget ? -1 : 1;
        same_side = side == last_side ? same_side + 1 : 0;
        last_side = side;
        if (side < 0) {
            la = lc;
            a = std::move(c);
        } else {
            lb = lc;
            b = std::move(c);
        }
    }
    return best;
}

// The fractional knapsack's budget price (the ratio of the break item) for plain
// or adjusted values, by repeated selection: expected linear time.
double break_ratio(const Core& core, const Rules& rules, const Forced& forced, bool adjusted,
                   std::int64_t budget) {
    std::vector<std::pair<double, std::int64_t>> left;
    left.reserve(core.items.size());
    // Regions whose maximum can bind contribute only their best items up to it: a
    // much better guess of the price when caps bind.
    const std::size_t regions = rules.region_min.size();
    std::vector<std::vector<std::pair<double, std::int64_t>>> capped(regions);
    std::vector<int> room(regions, unlimited);
    for (std::size_t r = 0; r < regions; ++r) {
        if (rules.region_max[r] != unlimited) {
            room[r] = std::max(0, rules.region_max[r] - forced.region_count[r]);
        }
    }
    for (const auto& item : core.items) {
        const double v = adjusted ? item.adj : item.value;
        if (v > 0.0 && item.cost > 0) {
            const std::pair<double, std::int64_t> entry{v / static_cast<double>(item.cost),
                                                        item.cost};
            if (item.region != no_region && room[item.region] != unlimited) {
                capped[item.region].push_back(entry);
            } else {
                left.push_back(entry);
            }
        }
    }
    for (std::size_t r = 0; r < regions; ++r) {
        auto& list = capped[r];
        const auto keep = std::min<std::size_t>(list.size(), static_cast<std::size_t>(room[r]));
        std::nth_element(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(keep), list.end(),
                         [](const auto& x, const auto& y) { return x.first > y.first; });
        left.insert(left.end(), list.begin(), list.begin() + static_cast<std::ptrdiff_t>(keep));
    }
    while (!left.empty()) {
        const std::size_t mid = left.size() / 2;
        std::nth_element(left.begin(), left.begin() + static_cast<std::ptrdiff_t>(mid), left.end(),
                         [](const auto& x, const auto& y) { return x.first > y.first; });
        std::int64_t upper_cost = 0; // items at least as good as the pivot, before it
        for (std::size_t k = 0; k < mid; ++k) {
            upper_cost += left[k].second;
        }
        if (upper_cost > budget) {
            left.resize(mid);
            continue;
        }
        budget -= upper_cost;
        if (left[mid].second > budget) {
            return left[mid].first; // the pivot is the break item
        }
        budget -= left[mid].second;
        left.erase(left.begin(), left.begin() + static_cast<std::ptrdiff_t>(mid) + 1);
    }
    return 0.0; // everything fits
}

double max_ratio_of(const Core& core, bool adjusted) {
    double max_ratio = 0.0;
    for (const auto& item : core.items) {
        if (item.cost > 0) {
            max_ratio = std::max(max_ratio, (adjusted ? item.adj : item.value) /
                                                static_cast<double>(item.cost));
        }
    }
    return max_ratio;
}

// Positions of the free items, cheapest first (ties by candidate order).
std::vector<int> items_by_cost(const Core& core, const Rules& rules) {
    std::vector<int> position(rules.candidates.size(), -1);
    for (std::size_t k = 0; k < core.items.size(); ++k) {
        position[static_cast<std::size_t>(core.items[k].index)] = static_cast<int>(k);
    }
    std::vector<int> order;
    order.reserve(core.items.size());
    for (const int i : rules.cost_order) {
        if (position[static_cast<std::size_t>(i)] >= 0) {
            order.push_back(position[static_cast<std::size_t>(i)]);
        }
    }
    return order;
}

// The most free items a plan can add to the forced ones: cheapest first within
// region maximums (a partition matroid, so the greedy count is the largest).
int max_free_hires(const Core& core, const Rules& rules, const Forced& forced) {
    const std::vector<int> order = items_by_cost(core, rules);
    std::vector<int> room(rules.region_min.size(), unlimited);
    for (std::size_t r = 0; r < room.size(); ++r) {
        if (rules.region_max[r] != unlimited) {
            room[r] = std::max(0, rules.region_max[r] - forced.region_count[r]);
        }
    }
    std::int64_t left = rules.budget - forced.cost;
    int hires = 0;
    for (const int k : order) {
        const auto& item = core.items[k];
        if (item.region != no_region && room[item.region] == 0) {
            continue;
        }
        if (item.cost > left) {
            break;
        }
        left -= item.cost;
        ++hires;
        if (item.region != no_region && room[item.region] != unlimited) {
            --room[item.region];
        }
    }
    return hires;
}

// Whether the count LP can say more than the first bound: its derived row "at most
// kmax more hires" binds only when the first bound's plan (in bound order, which
// ignores region maximums) hires about as many as can fit at all. Otherwise it is
// not worth its time (the bound would be the same).
bool count_row_binds(const Core& core, const Rules& rules, const Forced& forced) {
    if (core.items.empty()) {
        return false;
    }
    const std::int64_t room = rules.budget - forced.cost;
    const auto it = std::upper_bound(core.prefix_cost.begin(),
                                     core.prefix_cost.begin() + core.positive + 1, room);
    const int end = static_cast<int>(it - core.prefix_cost.begin()) - 1;
    const int lp_hires = end + (end < core.positive ? 1 : 0);
    const int kmax = max_free_hires(core, rules, forced);
    // The first bound's multipliers move its plan a little from the LP's: a margin.
    return lp_hires + std::max(2, kmax / 100) >= kmax;
}

CountBound count_duals(const Core& core, const Rules& rules, const Forced& forced,
                       const HireCounts& counts) {
    CountBound out;
    out.kmax = max_free_hires(core, rules, forced);
    LagrangeDual dual(core, rules, forced, counts, out.kmax);
    const std::int64_t room = rules.budget - forced.cost;
    const CountDuals d = minimize_dual(dual, room, max_ratio_of(core, false),
                                       break_ratio(core, rules, forced, false, room), 1e-14);
    out.lambda = std::max(0.0, d.lambda);
    out.sigma = d.sigma;
    out.rho = d.rho;
    out.rho.resize(rules.region_min.size(), 0.0);
    out.root = forced.value + d.value + d.slack;
    for (std::size_t r = 0; r < out.rho.size(); ++r) {
        out.constant += std::max(0.0, out.rho[r]) * dual.upper()[r] -
                        std::max(0.0, -out.rho[r]) * dual.lower()[r];
    }
    return out;
}

// Free hire counts that can still hold a plan better than the incumbent. For any budget
// price lambda >= 0 and region multipliers rho, every plan meeting the rules has
//   value <= forced value + lambda x room + sum_r (rho_r+ U_r - rho_r- L_r) + sum of its w,
// with w = value - lambda x cost - rho[region] per free hire; with exactly k free hires
// the last sum is at most the k largest w. A count whose bound is at most the
// incumbent for some multipliers is ruled out (each count on its own: no concavity is
// assumed). Multipliers tried: zero, the LP's, and the LP's with exactly k hires for k
// near the incumbent's count. Narrows count_low / count_high; false when no count is left
// (the incumbent is optimal).
bool derive_count_range(HireCounts& counts, const Core& core, const Rules& rules,
                        const Forced& forced, const Incumbent& best) {
    const int f = static_cast<int>(core.items.size());
    if (f == 0) {
        return true;
    }
    const std::int64_t room = rules.budget - forced.cost;
    int incumbent_free = 0;
    for (const auto& item : core.items) {
        incumbent_free += best.chosen[item.index] ? 1 : 0;
    }
    std::vector<double> bound(static_cast<std::size_t>(f) + 1, infinity), w(core.items.size());
    // More free hires than the cheapest ones that fit never fit.
    for (int k = max_free_hires(core, rules, forced) + 1; k <= f; ++k) {
        bound[static_cast<std::size_t>(k)] = -infinity;
    }
    // lambda = 0: a plan of k hires is worth at most the k best values (rules out small k).
    std::vector<CountDuals> tries{CountDuals{}};
    const auto solve_dual = [&](int kmax, int kmin, double tolerance) {
        LagrangeDual dual(core, rules, forced, counts, kmax, kmin);
        return minimize_dual(dual, room, max_ratio_of(core, false),
                             break_ratio(core, rules, forced, false, room), tolerance);
    };
    tries.push_back(solve_dual(-1, -1, 1e-9));
    if (!tries.back().feasible) {
        return false; // no count that can win fits the budget
    }
    for (int k = std::max(0, incumbent_free - 1); k <= std::min(f, incumbent_free + 1); ++k) {
        CountDuals exactly_k = solve_dual(k, k, 1e-9);
        if (!exactly_k.feasible) {
            bound[static_cast<std::size_t>(k)] = -infinity; // k more hires never fit
            continue;
        }
        counts.lambdas.push_back(std::max(0.0, exactly_k.lambda));
        tries.push_back(std::move(exactly_k));
    }
    const LagrangeDual shape(core, rules, forced, counts);
    for (const CountDuals& d : tries) {
        const double lambda = std::max(0.0, d.lambda);
        double base = forced.value + lambda * static_cast<double>(room);
        for (std::size_t r = 0; r < d.rho.size(); ++r) {
            base += std::max(0.0, d.rho[r]) * shape.upper()[r] -
                    std::max(0.0, -d.rho[r]) * shape.lower()[r];
        }
        for (std::size_t k = 0; k < core.items.size(); ++k) {
            const auto& item = core.items[k];
            w[k] = item.value - lambda * static_cast<double>(item.cost) -
                   (item.region == no_region || d.rho.empty() ? 0.0 : d.rho[item.region]);
        }
        std::sort(w.begin(), w.end(), std::greater<>());
        const double magnitude = std::fabs(forced.value) + shape.magnitude(lambda, 0.0, d.rho);
        double sum = base + rounding_slack(core.items.size() + d.rho.size(), magnitude);
        for (int k = 0; k <= f; ++k) {
            bound[k] = std::min(bound[k], sum);
            if (k < f) {
                sum += w[k];
            }
        }
    }
    const double threshold = best.value + rules.tolerance(best.value);
    int low = 0, high = f;
    while (low <= high && bound[low] <= threshold) {
        ++low;
    }
    while (high >= low && bound[high] <= threshold) {
        --high;
    }
    if (low > high) {
        return false;
    }
    counts.low = std::max(counts.low, forced.count + low);
    if (high < f) {
        counts.high = std::min(counts.high, forced.count + high);
    }
    return true;
}

void compute_multipliers(Multipliers& duals, Core& core, Forced& forced, const Rules& rules,
                         const HireCounts& counts) {
    const std::size_t regions = rules.region_min.size();
    LagrangeDual dual(core, rules, forced, counts);
    bool any_rule = counts.low > forced.count;
    for (std::size_t r = 0; r < regions && !any_rule; ++r) {
        any_rule = dual.ruled()[r] != 0;
    }
    // Without count rules the multipliers are zero: no dual to minimize. Zero is also
    // kept when no choice meets the count rows (the dual's multipliers would be huge).
    const CountDuals zero{0.0, 0.0, 0, 0.0, std::vector<double>(regions, 0.0)};
    CountDuals best = zero;
    if (any_rule) {
        best = minimize_dual(dual, rules.budget - forced.cost, max_ratio_of(core, false),
                             break_ratio(core, rules, forced, false, rules.budget - forced.cost),
                             1e-6);
        if (!best.feasible) {
            best = zero;
        }
    }
    duals.rho = best.rho;
    duals.sigma = best.sigma;

    // Adjusted values and the constant in terms of whole-plan counts:
    //   value(x) = adj(x) + sum_r rho_r n_r + sigma n
    //           <= adj(x) + sum_r (rho_r+ U_r - rho_r- L_r) + sigma+ kmax - sigma- kmin
    // with L_r, U_r, kmin, kmax bounds that every plan keeping the forced hires meets.
    const auto rho_of = [&](int r) {
        return r == no_region ? 0.0 : duals.rho[r];
    };
    for (auto& item : core.items) {
        item.adj = item.value - rho_of(item.region) - duals.sigma;
    }
    forced.adj = 0.0;
    for (std::size_t i = 0; i < rules.candidates.size(); ++i) {
        if (forced.in[i]) {
            forced.adj +=
                rules.candidates[i].value - rho_of(rules.candidates[i].region) - duals.sigma;
        }
    }
    double constant = 0.0;
    for (std::size_t r = 0; r < regions; ++r) {
        const double upper = forced.region_count[r] + dual.upper()[r];
        const double lower = forced.region_count[r] + dual.lower()[r];
        constant += std::max(0.0, duals.rho[r]) * upper - std::max(0.0, -duals.rho[r]) * lower;
    }
    const double kmax = forced.count + dual.kmax();
    const double kmin = forced.count + dual.kmin();
    constant += std::max(0.0, duals.sigma) * kmax - std::max(0.0, -duals.sigma) * kmin;
    duals.constant = constant;
}

} // namespace core::detail
