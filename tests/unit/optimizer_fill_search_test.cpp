// core/optimizer/fill_search.hpp on small seeded rosters of every benchmark family:
// the bitset searches change a plan only into a valid plan worth more.
#include "core/optimizer/fill_search.hpp"
#include "tests/unit/optimizer_brute_force.hpp"

#include <gtest/gtest.h>

namespace {

using namespace optimizer_test;

TEST(OptimizerFillSearchTest, FillsKeepEveryRuleAndOnlyGainValue) {
    int improved = 0;
    for_small_instances([&](const OptimizerProblem& p, const Best& best, SolverState& s) {
        set_multipliers(s);
        core::detail::Plan plan;
        if (!core::detail::most_hires_plan(s.core, s.rules, s.forced, plan)) {
            return;
        }
        for (int round = 0; round < 3; ++round) {
            const double before = core::detail::plan_value(s.rules, plan.chosen);
            const bool changed = round == 0
                                     ? core::detail::fill_search(s.core, s.rules, plan, 3, 64)
                                     : core::detail::swap_fill(s.core, s.rules, plan, 2, 1000);
            improved += check_change(p, s, best, plan, before, changed) ? 1 : 0;
        }
    });
    EXPECT_GT(improved, 0); // the searches do find something on these rosters
}

} // namespace
