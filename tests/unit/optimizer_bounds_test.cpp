// core/optimizer/bounds.hpp against brute force on small seeded rosters of every
// benchmark family: the bound order is sorted, and reduced-cost fixing never removes
// every optimal plan.
#include "core/optimizer/bounds.hpp"
#include "tests/unit/optimizer_brute_force.hpp"

#include <gtest/gtest.h>

namespace {

using namespace optimizer_test;

TEST(OptimizerBoundsTest, BoundOrderIsAdjustedValuePerCentBestFirst) {
    for_small_instances([](const OptimizerProblem&, const Best&, SolverState& s) {
        set_multipliers(s);
        const auto& items = s.core.items;
        for (std::size_t k = 0; k + 1 < static_cast<std::size_t>(s.core.positive); ++k) {
            // a.adj / a.cost >= b.adj / b.cost, compared without dividing
            const auto& a = items[k];
            const auto& b = items[k + 1];
            EXPECT_GE(a.adj * static_cast<double>(b.cost),
                      b.adj * static_cast<double>(a.cost) * (1 - 1e-12));
        }
        for (std::size_t k = 0; k < items.size(); ++k) {
            EXPECT_EQ(items[k].adj > 0.0, static_cast<int>(k) < s.core.positive);
        }
    });
}

TEST(OptimizerBoundsTest, FixingNeverRemovesEveryOptimalPlan) {
    for_small_instances([](const OptimizerProblem& p, const Best& best, SolverState& s) {
        if (!rooted(s)) {
            // Proven at the root: the incumbent must be optimal.
            EXPECT_GE(s.best.value, best.value - slack(best.value));
            return;
        }
        std::vector<char> free(s.rules.candidates.size(), 0);
        for (const auto& item : s.core.items) {
            free[static_cast<std::size_t>(item.index)] = 1;
        }
        // The best plan that respects every fixing is optimal, or the incumbent is.
        const Best kept =
            brute_force(p, [&](std::size_t i) { return free[i] ? 0 : (s.forced.in[i] ? 1 : -1); });
        EXPECT_GE(std::max(kept.feasible ? kept.value : 0.0, s.best.value),
                  best.value - slack(best.value));
        // The root bound is a valid bound.
        EXPECT_GE(s.core.root_bound, best.value - slack(best.value));
    });
}

} // namespace
