// core/optimizer/region_bound.hpp on its own: the completion of the short regions'
// minimums against every completion enumerated, and next_promising() against each
// item's take branch, on small seeded rosters with coverage and on a 1,000-candidate
// one (its long stretches take the position-order path).
#include "core/optimizer/depth_first.hpp"
#include "core/optimizer/region_bound.hpp"
#include "tests/unit/optimizer_brute_force.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <gtest/gtest.h>
#include <limits>
#include <optional>
#include <vector>

namespace {

using namespace optimizer_test;
using core::detail::RegionCompletion;

constexpr double minus_infinity = -std::numeric_limits<double>::infinity();

// The root of a solve (multipliers, bound order, first incumbent, hire counts; no
// fixing, so that the small rosters keep their region items open) with the depth-first
// search and the region tables set up; false when the tables are not used.
bool with_region_tails(SolverState& s) {
    set_multipliers(s);
    std::optional<core::detail::CountBound> count;
    core::detail::find_incumbent(s.best, count, s.core, s.rules, s.forced, s.duals, s.counts);
    (void)core::detail::derive_count_range(s.counts, s.core, s.rules, s.forced, s.best);
    core::detail::start_search(s.dfs, s.core, s.rules, s.forced);
    core::detail::start_count_bound(s.dfs, s.counts, s.core, s.forced);
    core::detail::start_region_tails(s.dfs.tails, s.core, s.rules, s.forced, s.counts);
    return s.dfs.tails.active;
}

bool is_short(const SolverState& s, int region) {
    return region != core::no_region && s.dfs.count[region] < s.rules.region_min[region];
}

// Every completion from `pos` on: exactly each short region's shortfall, from its
// items only. The cheapest, and the most valuable within `residual`.
struct Completions {
    bool any = false;
    std::int64_t least_cost = 0;
    double best_value = minus_infinity;
};

Completions enumerate(const SolverState& s, int pos, std::int64_t residual) {
    const auto& items = s.core.items;
    std::vector<int> open;
    for (int k = pos; k < static_cast<int>(items.size()); ++k) {
        if (is_short(s, items[k].region)) {
            open.push_back(k);
        }
    }
    Completions out;
    for (std::uint32_t mask = 0; mask < (1u << open.size()); ++mask) {
        std::vector<int> count = s.dfs.count;
        std::int64_t cost = 0;
        double value = 0.0;
        for (std::size_t b = 0; b < open.size(); ++b) {
            if ((mask >> b) & 1u) {
                const auto& item = items[open[b]];
                ++count[item.region];
                cost += item.cost;
                value += item.value;
            }
        }
        bool exact = true;
        for (std::size_t r = 0; r < count.size(); ++r) {
            exact = exact &&
                    (s.dfs.count[r] >= s.rules.region_min[r] || count[r] == s.rules.region_min[r]);
        }
        if (!exact) {
            continue;
        }
        out.least_cost = out.any ? std::min(out.least_cost, cost) : cost;
        out.any = true;
        if (cost <= residual) {
            out.best_value = std::max(out.best_value, value);
        }
    }
    return out;
}

// Calls check(s, pos, completion) at every position of the small rosters whose region
// tables are used, with the completion from that position at the root's counts.
template <class Check>
void for_each_completion(Check check) {
    for_small_instances([&](const OptimizerProblem&, const Best&, SolverState& s) {
        if (!with_region_tails(s)) {
            return;
        }
        for (int pos = 0; pos <= static_cast<int>(s.core.items.size()); ++pos) {
            check(s, pos, core::detail::region_completion(s.dfs.tails, s.dfs.count, pos, s.rules));
        }
    });
}

// The completion bound of the root plus core item k, with the completion after it.
double take_bound(const SolverState& s, const RegionCompletion& completion, int k) {
    const auto& item = s.core.items[k];
    return core::detail::completion_bound(s.dfs.tails, completion, s.dfs.residual - item.cost,
                                          s.dfs.value + item.value);
}

TEST(OptimizerRegionBoundTest, CompletionIsTheCheapestAndBoundsTheMostValuable) {
    int checked = 0;
    for_each_completion([&](SolverState& s, int pos, const RegionCompletion& completion) {
        const Completions all = enumerate(s, pos, s.dfs.residual);
        ASSERT_EQ(completion.possible, all.any) << "pos " << pos;
        if (!all.any) {
            return;
        }
        EXPECT_EQ(completion.least_cost, all.least_cost) << "pos " << pos;
        // Cents left from below the cheapest completion to the root's: the bound holds
        // each time, and is -infinity exactly when nothing fits.
        for (const std::int64_t residual :
             {all.least_cost - 1, all.least_cost, all.least_cost + 5'000, s.dfs.residual}) {
            const Completions within = enumerate(s, pos, residual);
            const double bound =
                core::detail::completion_bound(s.dfs.tails, completion, residual, 0.0);
            if (within.best_value == minus_infinity) {
                EXPECT_EQ(bound, minus_infinity) << "pos " << pos << " residual " << residual;
            } else {
                EXPECT_GE(bound, within.best_value - slack(within.best_value))
                    << "pos " << pos << " residual " << residual;
            }
            ++checked;
        }
    });
    EXPECT_GT(checked, 100);
}

// next_promising() at the root (its counts) with one hire beyond the shortfall: every
// item it skips is outside the short regions and its take branch's completion bound is
// at most the floor; the item it stops at is in a short region or can beat the floor.
void check_skips(SolverState& s, int pos, double floor, int* skipped) {
    const auto& items = s.core.items;
    const int f = static_cast<int>(items.size());
    const RegionCompletion completion =
        core::detail::region_completion(s.dfs.tails, s.dfs.count, pos, s.rules);
    const int next =
        core::detail::next_promising(s.dfs.tails, completion, false, s.core, s.dfs.count, pos,
                                     s.dfs.residual, s.dfs.value, floor, s.rules);
    ASSERT_GE(next, pos);
    ASSERT_LE(next, f);
    for (int k = pos; k < next; ++k) {
        EXPECT_FALSE(is_short(s, items[k].region)) << "pos " << pos << " skipped " << k;
        EXPECT_LE(take_bound(s, completion, k), floor) << "pos " << pos << " skipped " << k;
    }
    if (next < f && !is_short(s, items[next].region) && completion.possible) {
        // Stopped early only when the looking ran out: the item is then unchecked, so
        // only the ones before it are claimed.
        EXPECT_TRUE(take_bound(s, completion, next) > floor || next - pos >= 256) << "pos " << pos;
    }
    *skipped += next - pos;
}

TEST(OptimizerRegionBoundTest, NextPromisingSkipsOnlyTakesThatCannotWin) {
    int skipped = 0;
    for_each_completion([&](SolverState& s, int pos, const RegionCompletion& completion) {
        // Floors at and just below each item's own take bound, and the incumbent's.
        std::vector<double> floors{s.best.value};
        for (int k = pos; k < static_cast<int>(s.core.items.size()); ++k) {
            const double bound = take_bound(s, completion, k);
            if (bound > minus_infinity) {
                floors.push_back(bound);
                floors.push_back(bound - 1e-6);
            }
        }
        for (const double floor : floors) {
            check_skips(s, pos, floor, &skipped);
        }
    });
    EXPECT_GT(skipped, 100);
}

TEST(OptimizerRegionBoundTest, NextPromisingHoldsOnALargeCoreInCostAndPositionOrder) {
    const OptimizerProblem p =
        bench::make_instance({bench::Family::fee_plus_cpe, true, 1000, 0}); // the hardest
    auto s = prepared(p);
    ASSERT_NE(s, nullptr);
    ASSERT_TRUE(with_region_tails(*s));
    ASSERT_GT(s->core.items.size(), 256u); // long enough for the position-order path
    int skipped = 0;
    const int f = static_cast<int>(s->core.items.size());
    // From a low floor (most items can win: long looks) to the incumbent's.
    for (const double below : {1e9, 1e3, 50.0, 1.0, 0.0}) {
        for (int pos = 0; pos <= f; pos += 7) {
            check_skips(*s, pos, s->best.value - below, &skipped);
        }
    }
    EXPECT_GT(skipped, 1000);
}

// On a large core (regions with far more items than their minimums), each price's sum
// is the sum of each short region's g_r largest terms from the position on, recomputed
// here by sorting, and the least cost the sum of its g_r cheapest.
TEST(OptimizerRegionBoundTest, CompletionSumsTheLargestTermsAndCheapestCosts) {
    const OptimizerProblem p = bench::make_instance({bench::Family::fee_plus_cpe, true, 1000, 0});
    auto s = prepared(p);
    ASSERT_NE(s, nullptr);
    ASSERT_TRUE(with_region_tails(*s));
    const auto& tails = s->dfs.tails;
    const auto& items = s->core.items;
    const int f = static_cast<int>(items.size());
    for (int pos = 0; pos <= f; pos += 5) {
        const RegionCompletion completion =
            core::detail::region_completion(tails, s->dfs.count, pos, s->rules);
        std::int64_t least_cost = 0;
        std::vector<double> terms(tails.lambdas.size(), 0.0);
        bool possible = true;
        for (std::size_t r = 0; r < s->rules.region_min.size(); ++r) {
            const int gap = s->rules.region_min[r] - s->dfs.count[r];
            if (gap <= 0) {
                continue;
            }
            std::vector<std::int64_t> costs;
            for (int k = pos; k < f; ++k) {
                if (items[k].region == static_cast<int>(r)) {
                    costs.push_back(items[k].cost);
                }
            }
            possible = possible && static_cast<int>(costs.size()) >= gap;
            if (!possible) {
                break;
            }
            std::sort(costs.begin(), costs.end());
            for (int j = 0; j < gap; ++j) {
                least_cost += costs[static_cast<std::size_t>(j)];
            }
            for (std::size_t l = 0; l < tails.lambdas.size(); ++l) {
                std::vector<double> sorted;
                for (int k = pos; k < f; ++k) {
                    if (items[k].region == static_cast<int>(r)) {
                        sorted.push_back(items[k].value -
                                         tails.lambdas[l] * static_cast<double>(items[k].cost));
                    }
                }
                std::sort(sorted.begin(), sorted.end(), std::greater<>());
                for (int j = 0; j < gap; ++j) {
                    terms[l] += sorted[static_cast<std::size_t>(j)];
                }
            }
        }
        ASSERT_EQ(completion.possible, possible) << "pos " << pos;
        if (!possible) {
            continue;
        }
        EXPECT_EQ(completion.least_cost, least_cost) << "pos " << pos;
        for (std::size_t l = 0; l < tails.lambdas.size(); ++l) {
            EXPECT_NEAR(completion.terms[l] - tails.slack[l], terms[l],
                        1e-9 * (1.0 + std::fabs(terms[l])))
                << "pos " << pos << " price " << l;
        }
    }
}

} // namespace
