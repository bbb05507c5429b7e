// core/optimizer/depth_first.hpp on its own: from the root of a solve, the
// depth-first search alone (no dynamic program) finishes with the brute-force
// optimum on small seeded rosters of every benchmark family, in slices of any size.
#include "core/optimizer/depth_first.hpp"
#include "tests/unit/optimizer_brute_force.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <limits>
#include <vector>

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

// A node that has hired the most that can win, or where no item left fits, is a leaf
// (nothing below it but skips): its plan is still recorded. The counts are narrowed
// against the incumbent, as the solver does; then the search starts without one, so
// that it must find the optimum itself (when the optimum's own hire count is left).
TEST(OptimizerDepthFirstTest, SearchWithNarrowedHireCountsFindsTheOptimum) {
    int searched = 0;
    for_small_instances([&](const OptimizerProblem&, const Best& best, SolverState& s) {
        if (!rooted(s) ||
            !core::detail::derive_count_range(s.counts, s.core, s.rules, s.forced, s.best) ||
            s.counts.high == core::detail::unlimited || best.hires < s.counts.low ||
            best.hires > s.counts.high) {
            return;
        }
        s.best = core::detail::Incumbent{};
        s.best.value = -std::numeric_limits<double>::infinity();
        core::detail::start_search(s.dfs, s.core, s.rules, s.forced);
        core::detail::start_count_bound(s.dfs, s.counts, s.core, s.forced);
        while (!core::detail::run_depth_first(s.dfs, s.best, s.nodes, s.nodes + 5, s.core, s.rules,
                                              s.forced, s.counts, s.duals)) {
            ASSERT_LT(s.nodes, 1'000'000);
        }
        EXPECT_NEAR(s.best.value, best.value, slack(best.value));
        ++searched;
    });
    EXPECT_GT(searched, 20);
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

// count_bound() looks up one entry per budget price (the sum of the best j terms peaks
// where the terms turn negative); it must equal the largest sum over the whole range of
// hire counts, computed here by sorting each suffix.
TEST(OptimizerDepthFirstTest, CountBoundIsTheBestSumOverTheHireRange) {
    int checked = 0;
    for_small_instances([&](const OptimizerProblem&, const Best&, SolverState& s) {
        if (!rooted(s) ||
            !core::detail::derive_count_range(s.counts, s.core, s.rules, s.forced, s.best)) {
            return;
        }
        core::detail::start_search(s.dfs, s.core, s.rules, s.forced);
        core::detail::start_count_bound(s.dfs, s.counts, s.core, s.forced);
        if (s.dfs.suffix_top == 0) {
            return;
        }
        const auto& items = s.core.items;
        const int f = static_cast<int>(items.size());
        for (int pos = 0; pos <= f; ++pos) {
            for (int total = s.forced.count - 1; total <= s.counts.high + 1; ++total) {
                s.dfs.pos = pos;
                s.dfs.total = total;
                const int low = std::max(0, s.counts.low - total);
                const int high = std::min(s.dfs.suffix_top, s.counts.high - total);
                double expected = std::numeric_limits<double>::infinity();
                for (std::size_t l = 0; l < s.counts.lambdas.size(); ++l) {
                    const double lambda = s.counts.lambdas[l];
                    std::vector<double> terms;
                    for (int k = pos; k < f; ++k) {
                        terms.push_back(items[k].value -
                                        lambda * static_cast<double>(items[k].cost));
                    }
                    std::sort(terms.begin(), terms.end(), std::greater<>());
                    double best = -std::numeric_limits<double>::infinity();
                    double sum = 0.0;
                    for (int j = 0; j <= high && j <= static_cast<int>(terms.size()); ++j) {
                        if (j >= low) {
                            best = std::max(best, sum);
                        }
                        if (j < static_cast<int>(terms.size())) {
                            sum += terms[j];
                        }
                    }
                    expected = std::min(expected, lambda * static_cast<double>(s.dfs.residual) +
                                                      best + s.dfs.suffix_slack[l]);
                }
                const double got = core::detail::count_bound(s.dfs, s.counts, items.size());
                if (std::isinf(expected)) {
                    EXPECT_EQ(got, s.dfs.value + expected) << "pos " << pos << " total " << total;
                } else {
                    EXPECT_NEAR(got, s.dfs.value + expected, 1e-9 * (1.0 + std::fabs(expected)))
                        << "pos " << pos << " total " << total;
                }
                ++checked;
            }
        }
    });
    EXPECT_GT(checked, 100); // the small rosters do reach the count bound
}

} // namespace
