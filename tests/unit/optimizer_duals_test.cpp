// core/optimizer/duals.hpp against brute force on small seeded rosters of every
// benchmark family: the Lagrangian and count-LP bounds are valid bounds, and the hire
// counts derived from the incumbent keep the optimal plan's count.
#include "core/optimizer/duals.hpp"
#include "tests/unit/optimizer_brute_force.hpp"

#include <gtest/gtest.h>

namespace {

using namespace optimizer_test;

TEST(OptimizerDualsTest, DualBoundsAreValidBounds) {
    for_small_instances([](const OptimizerProblem&, const Best& best, SolverState& s) {
        set_multipliers(s);
        int end = 0;
        const double lagrange =
            s.forced.adj + s.duals.constant +
            core::detail::dantzig(s.core, 0, s.rules.budget - s.forced.cost, &end);
        EXPECT_GE(lagrange, best.value - slack(best.value));
        EXPECT_GE(core::detail::count_duals(s.core, s.rules, s.forced, s.counts).root,
                  best.value - slack(best.value));
    });
}

TEST(OptimizerDualsTest, DerivedHireCountsKeepTheOptimalPlan) {
    for_small_instances([](const OptimizerProblem&, const Best& best, SolverState& s) {
        set_multipliers(s);
        const bool open =
            core::detail::derive_count_range(s.counts, s.core, s.rules, s.forced, s.best);
        if (best.value > s.best.value + slack(best.value)) {
            // A better plan exists: its hire count must still be allowed.
            ASSERT_TRUE(open);
            EXPECT_GE(best.hires, s.counts.low);
            EXPECT_LE(best.hires, s.counts.high);
        }
    });
}

TEST(OptimizerDualsTest, MaxFreeHiresIsTheLargestPlanThatFits) {
    for_small_instances([](const OptimizerProblem& p, const Best&, SolverState& s) {
        // The most hires of any plan keeping the pins, by brute force over the free items.
        std::vector<char> free(s.rules.candidates.size(), 0);
        for (const auto& item : s.core.items) {
            free[static_cast<std::size_t>(item.index)] = 1;
        }
        int most = -1;
        const std::size_t n = p.candidates.size();
        for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
            std::int64_t cost = s.forced.cost;
            std::vector<int> count = s.forced.region_count;
            int hires = 0;
            bool ok = true;
            for (std::size_t i = 0; i < n && ok; ++i) {
                if ((mask >> i) & 1u) {
                    ok = free[i] != 0;
                    cost += s.rules.candidates[i].cost_cents;
                    ++hires;
                    const int r = s.rules.candidates[i].region;
                    if (r != core::no_region) {
                        ok = ok && ++count[static_cast<std::size_t>(r)] <=
                                       s.rules.region_max[static_cast<std::size_t>(r)];
                    }
                }
            }
            if (ok && cost <= s.rules.budget) {
                most = std::max(most, hires);
            }
        }
        EXPECT_EQ(core::detail::max_free_hires(s.core, s.rules, s.forced), most);
    });
}

} // namespace
