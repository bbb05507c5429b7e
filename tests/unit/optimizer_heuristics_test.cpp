// core/optimizer/heuristics.hpp on small seeded rosters of every benchmark family:
// every incumbent keeps the pins, the budget and every count rule, is worth what it
// says, and polishing never lowers it.
#include "core/optimizer/heuristics.hpp"
#include "tests/unit/optimizer_brute_force.hpp"

#include <gtest/gtest.h>

namespace {

using namespace optimizer_test;

TEST(OptimizerHeuristicsTest, IncumbentsMeetEveryRuleAndNeverBeatTheOptimum) {
    for_small_instances([](const OptimizerProblem& p, const Best& best, SolverState& s) {
        // prepare's first incumbent is the cheapest plan meeting the count rules.
        ASSERT_TRUE(s.best.has);
        EXPECT_TRUE(meets_rules(p, s, s.best.chosen));
        set_multipliers(s);
        std::optional<core::detail::CountBound> count;
        core::detail::find_incumbent(s.best, count, s.core, s.rules, s.forced, s.duals, s.counts);
        EXPECT_TRUE(meets_rules(p, s, s.best.chosen));
        const double found = s.best.value;
        core::detail::polish_incumbent(s.best, s.core, s.rules);
        EXPECT_TRUE(meets_rules(p, s, s.best.chosen));
        EXPECT_GE(s.best.value, found);
        EXPECT_DOUBLE_EQ(s.best.value, core::detail::plan_value(s.rules, s.best.chosen));
        EXPECT_LE(s.best.value, best.value + slack(best.value));
    });
}

TEST(OptimizerHeuristicsTest, MostHiresPlanHasAsManyHiresAsAnyPlan) {
    for_small_instances([](const OptimizerProblem& p, const Best&, SolverState& s) {
        core::detail::Plan plan;
        if (!core::detail::most_hires_plan(s.core, s.rules, s.forced, plan)) {
            return;
        }
        EXPECT_TRUE(meets_rules(p, s, plan.chosen));
        // Brute force: no plan keeping the pins and the rules hires more.
        const std::size_t n = p.candidates.size();
        for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
            std::vector<char> chosen(n, 0);
            int hires = 0;
            for (std::size_t i = 0; i < n; ++i) {
                chosen[i] = static_cast<char>((mask >> i) & 1u);
                hires += chosen[i];
            }
            if (hires > plan.total && s.forced.cost <= s.rules.budget) {
                bool usable = true; // only open candidates and the pins
                for (std::size_t i = 0; i < n; ++i) {
                    usable = usable && (!chosen[i] || s.forced.in[i] ||
                                        std::any_of(s.core.items.begin(), s.core.items.end(),
                                                    [&](const auto& item) {
                                                        return item.index == static_cast<int>(i);
                                                    }));
                }
                EXPECT_FALSE(usable && meets_rules(p, s, chosen)) << "mask " << mask;
            }
        }
    });
}

} // namespace
