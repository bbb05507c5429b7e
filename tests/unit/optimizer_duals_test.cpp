// core/optimizer/duals.hpp against brute force on small seeded rosters of every
// benchmark family: the Lagrangian and count-LP bounds are valid bounds, and the hire
// counts derived from the incumbent keep the optimal plan's count.
#include "core/optimizer/depth_first.hpp"
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

// Found by the optimizer fuzzer: the best plan spends the budget to the cent, and one
// more hire than the incumbent's never fits. The dual of "exactly that many hires" then
// falls without end; evaluated at a huge budget price its bound was rounding noise
// (0 instead of 127) and the depth-first search pruned the best plan.
OptimizerProblem whole_budget_instance() {
    OptimizerProblem p;
    p.budget = core::Money{1564, core::Currency::usd};
    const std::pair<std::int64_t, double> rows[] = {{696, 62.75},
                                                    {798, 69.5},
                                                    {643, 48.402930189940761},
                                                    {345, 2.75},
                                                    {337, 42.491758393497186},
                                                    {166, 21.109373228417692},
                                                    {491, 57.500002906192094},
                                                    {516, 78.938281548487993},
                                                    {553, 69.711047543023767},
                                                    {4, 97.207766843309443}};
    for (const auto& [cost, value] : rows) {
        core::OptimizerCandidate c;
        c.id = static_cast<std::uint32_t>(p.candidates.size() + 1);
        c.cost_cents = cost;
        c.value = value;
        p.candidates.push_back(c);
    }
    return p;
}

TEST(OptimizerDualsTest, HireCountThatNeverFitsLeavesNoRoundingNoiseInTheBounds) {
    const OptimizerProblem p = whole_budget_instance();
    const Best best = brute_force(p);
    ASSERT_NEAR(best.value, 303.3570988410133, 1e-9); // ids 7, 8, 9, 10: 1,564 cents
    auto s = prepared(p);
    ASSERT_TRUE(s);
    ASSERT_TRUE(rooted(*s));
    ASSERT_LT(s->best.value, best.value - slack(best.value)); // the first plans miss it
    ASSERT_TRUE(core::detail::derive_count_range(s->counts, s->core, s->rules, s->forced, s->best));
    EXPECT_GE(best.hires, s->counts.low);
    EXPECT_LE(best.hires, s->counts.high);
    // Budget prices stay below where the choice stops changing (twice the top value).
    for (const double lambda : s->counts.lambdas) {
        EXPECT_LE(lambda, 2.0 * 97.207766843309443 + 1.0);
    }
    core::detail::start_search(s->dfs, s->core, s->rules, s->forced);
    core::detail::start_count_bound(s->dfs, s->counts, s->core, s->forced);
    std::int64_t nodes = 0;
    while (!core::detail::run_depth_first(s->dfs, s->best, nodes, nodes + 5, s->core, s->rules,
                                          s->forced, s->counts, s->duals)) {
        ASSERT_LT(nodes, 100'000);
    }
    EXPECT_NEAR(s->best.value, best.value, slack(best.value));
    for (const auto method : {core::SearchMethod::automatic, core::SearchMethod::depth_first,
                              core::SearchMethod::dynamic_programming}) {
        core::SolveLimits limits;
        limits.method = method;
        limits.time_limit_ms = 0.0;
        const auto solved = core::solve(p, limits);
        ASSERT_TRUE(solved.ok());
        EXPECT_EQ(solved.value().status, core::SolveStatus::optimal);
        EXPECT_NEAR(solved.value().objective, best.value, slack(best.value));
        EXPECT_EQ(solved.value().total_cost.cents, 1564);
    }
}

} // namespace
