// core/optimizer/depth_first.hpp on its own: from the root of a solve, the
// depth-first search alone (no dynamic program) finishes with the brute-force
// optimum on small seeded rosters of every benchmark family, in slices of any size.
#include "core/optimizer/depth_first.hpp"
#include "tests/unit/optimizer_brute_force.hpp"

#include <gtest/gtest.h>

namespace {

using namespace optimizer_test;

TEST(OptimizerDepthFirstTest, SearchAloneFindsTheOptimum) {
    for_small_instances([](const OptimizerProblem&, const Best& best, SolverState& s) {
        if (rooted(s)) {
            core::detail::start_search(s.dfs, s.core, s.rules, s.forced);
            core::detail::start_count_bound(s.dfs, s.counts, s.core, s.forced);
            // Slices of 7 nodes: the search resumes where it stopped.
            bool done = false;
            while (!done) {
                done = core::detail::run_depth_first(s.dfs, s.best, s.nodes, s.nodes + 7, s.core,
                                                     s.rules, s.forced, s.counts, s.duals);
                ASSERT_LT(s.nodes, 1'000'000);
            }
        }
        EXPECT_NEAR(s.best.value, best.value, slack(best.value));
    });
}

TEST(OptimizerDepthFirstTest, CountRulesAreCheckedAtTheLeaves) {
    for_small_instances([](const OptimizerProblem&, const Best&, SolverState& s) {
        core::detail::start_search(s.dfs, s.core, s.rules, s.forced);
        // At the root only the pins are hired: met exactly when the pins alone meet
        // every minimum.
        bool pins_meet = s.forced.count >= s.rules.min_hires;
        for (std::size_t r = 0; r < s.rules.region_min.size(); ++r) {
            pins_meet = pins_meet && s.forced.region_count[r] >= s.rules.region_min[r];
        }
        EXPECT_EQ(core::detail::counts_met(s.dfs, s.rules), pins_meet);
        EXPECT_FALSE(core::detail::counts_unreachable(s.dfs, s.rules, s.core,
                                                      s.counts)); // prepare proved them reachable
    });
}

} // namespace
