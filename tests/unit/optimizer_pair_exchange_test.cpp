// core/optimizer/pair_exchange.hpp on small seeded rosters of every benchmark family:
// the exchange changes a plan only into a valid plan worth more, and when it stops no
// exchange of two hires for two non-hires gains value (checked by trying them all).
#include "core/optimizer/heuristics.hpp"
#include "core/optimizer/pair_exchange.hpp"
#include "tests/unit/optimizer_brute_force.hpp"

#include <gtest/gtest.h>

namespace {

using namespace optimizer_test;
using core::detail::FreeItem;
using core::detail::Plan;

// The largest gain of any valid exchange of two free hires for two free non-hires.
double best_pair_gain(const OptimizerProblem& p, const SolverState& s, const Plan& plan) {
    std::vector<const FreeItem*> in, out;
    for (const FreeItem& item : s.core.items) {
        (plan.chosen[item.index] ? in : out).push_back(&item);
    }
    double best = 0.0;
    for (std::size_t a = 0; a < in.size(); ++a) {
        for (std::size_t b = a + 1; b < in.size(); ++b) {
            for (std::size_t c = 0; c < out.size(); ++c) {
                for (std::size_t d = c + 1; d < out.size(); ++d) {
                    std::vector<char> chosen = plan.chosen;
                    chosen[in[a]->index] = chosen[in[b]->index] = 0;
                    chosen[out[c]->index] = chosen[out[d]->index] = 1;
                    if (meets_rules(p, s, chosen)) {
                        best = std::max(best, out[c]->value + out[d]->value - in[a]->value -
                                                  in[b]->value);
                    }
                }
            }
        }
    }
    return best;
}

TEST(OptimizerPairExchangeTest, ExchangesKeepEveryRuleAndStopOnlyWhenNoPairGains) {
    int improved = 0;
    for_small_instances([&](const OptimizerProblem& p, const Best& best, SolverState& s) {
        set_multipliers(s);
        // A valid start: the cheapest plan meeting the rules, filled in bound order.
        Plan plan = core::detail::plan_from(s.rules, s.rules.min_plan);
        core::detail::fill(s.core, s.rules, plan,
                           core::detail::identity_order(s.core.items.size()));
        ASSERT_TRUE(meets_rules(p, s, plan.chosen));
        const double before = core::detail::plan_value(s.rules, plan.chosen);
        const bool changed = core::detail::pair_exchange(s.core, s.rules, plan, 64, 1000);
        improved += check_change(p, s, best, plan, before, changed) ? 1 : 0;
        const double after = core::detail::plan_value(s.rules, plan.chosen);
        // Every free item is within the width here, so the search stopped because no
        // pair gains.
        EXPECT_LE(best_pair_gain(p, s, plan), slack(after));
    });
    EXPECT_GT(improved, 0); // the exchange does find something on these rosters
}

TEST(OptimizerPairExchangeTest, ExchangeIncumbentNeverLosesValue) {
    for_small_instances([&](const OptimizerProblem& p, const Best& best, SolverState& s) {
        if (!rooted(s) || !s.best.has) {
            return;
        }
        const double before = s.best.value;
        const bool changed = core::detail::exchange_incumbent(s.best, s.core, s.rules);
        EXPECT_TRUE(meets_rules(p, s, s.best.chosen));
        EXPECT_EQ(changed, s.best.value > before);
        EXPECT_GE(s.best.value, before);
        EXPECT_LE(s.best.value, best.value + slack(best.value));
    });
}

} // namespace
