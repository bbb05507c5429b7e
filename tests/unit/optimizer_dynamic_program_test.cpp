// core/optimizer/dynamic_program.hpp on its own: from the root of a solve, the
// expanding-core dynamic program alone finishes with the brute-force optimum on small
// seeded rosters of every benchmark family, and the bound it reports while it runs
// never falls below the optimum.
#include "core/optimizer/dynamic_program.hpp"
#include "tests/unit/optimizer_brute_force.hpp"

#include <gtest/gtest.h>

namespace {

using namespace optimizer_test;

TEST(OptimizerDynamicProgramTest, ProgramAloneFindsTheOptimum) {
    for_small_instances([](const OptimizerProblem&, const Best& best, SolverState& s) {
        if (rooted(s)) {
            bool done =
                core::detail::start_dp(s.dp, s.best, s.core, s.rules, s.forced, s.duals, s.counts);
            while (!done) {
                if (best.value > s.best.value + slack(best.value)) {
                    EXPECT_GE(core::detail::dp_proven_bound(s.dp, s.best, s.core, s.rules, s.forced,
                                                            s.duals),
                              best.value - slack(best.value));
                }
                done = core::detail::dp_expand(s.dp, s.best, s.core, s.rules, s.forced, s.duals)
                           .finished;
            }
        }
        EXPECT_NEAR(s.best.value, best.value, slack(best.value));
    });
}

TEST(OptimizerDynamicProgramTest, FenwickTreeCountsTheCheapestThatFit) {
    SolverState s;
    s.dp.fenwick_count.assign(6, 0);
    s.dp.fenwick_cost.assign(6, 0);
    const std::int64_t costs[] = {100, 200, 200, 500, 900}; // by cost rank
    for (int rank = 0; rank < 5; ++rank) {
        core::detail::fenwick_update(s.dp, rank, 1, costs[rank]);
    }
    EXPECT_EQ(core::detail::fenwick_max_fit(s.dp, 99), 0);
    EXPECT_EQ(core::detail::fenwick_max_fit(s.dp, 100), 1);
    EXPECT_EQ(core::detail::fenwick_max_fit(s.dp, 499), 2);
    EXPECT_EQ(core::detail::fenwick_max_fit(s.dp, 500), 3);
    EXPECT_EQ(core::detail::fenwick_max_fit(s.dp, 1900), 5);
    core::detail::fenwick_update(s.dp, 1, -1, -200); // rank 1 leaves
    EXPECT_EQ(core::detail::fenwick_max_fit(s.dp, 500), 2);
    EXPECT_EQ(core::detail::fenwick_max_fit(s.dp, 800), 3);
}

} // namespace
