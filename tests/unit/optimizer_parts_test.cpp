// The optimizer's parts on their own (core/optimizer/solver_state.hpp), against brute
// force over every subset of small seeded rosters of each benchmark family: the
// Lagrangian and count-LP bounds are valid bounds, the hire counts derived from the
// incumbent keep the optimal plan's count, and reduced-cost fixing never removes
// every optimal plan.
#include "core/optimizer/solver_state.hpp"
#include "tests/bench/instances.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <memory>
#include <optional>
#include <vector>

namespace {

using core::OptimizerProblem;
using core::detail::SolverState;

struct Best {
    bool feasible = false;
    double value = 0.0;
    int hires = 0;
};

// The best plan over every subset; `allowed(i)` = -1 forced out, 1 forced in, 0 free.
template <class Allowed>
Best brute_force(const OptimizerProblem& p, Allowed allowed) {
    const std::size_t n = p.candidates.size();
    const std::int64_t cap =
        p.max_budget_share < 1.0
            ? static_cast<std::int64_t>(
                  std::floor(p.max_budget_share * static_cast<double>(p.budget.cents) + 1e-6))
            : p.budget.cents;
    const auto pinned = [&](std::uint32_t id, const std::vector<std::uint32_t>& list) {
        return std::find(list.begin(), list.end(), id) != list.end();
    };
    std::vector<int> rule(n, 0); // the pins, the cap and `allowed` together
    for (std::size_t i = 0; i < n; ++i) {
        const auto& c = p.candidates[i];
        rule[i] = allowed(i);
        if (c.cost_cents > cap || pinned(c.id, p.must_exclude)) {
            rule[i] = rule[i] > 0 ? 2 : -1; // 2: forced in but not allowed, no plan
        } else if (pinned(c.id, p.must_include)) {
            rule[i] = rule[i] < 0 ? 2 : 1;
        }
    }
    Best best;
    for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
        std::int64_t cost = 0;
        double value = 0.0;
        int hires = 0;
        std::vector<int> count(p.regions.size(), 0);
        bool ok = true;
        for (std::size_t i = 0; i < n && ok; ++i) {
            const auto& c = p.candidates[i];
            const bool in = (mask >> i) & 1u;
            ok = rule[i] != 2 && !(in && rule[i] < 0) && !(!in && rule[i] > 0);
            if (in) {
                cost += c.cost_cents;
                value += c.value;
                ++hires;
                if (c.region != core::no_region) {
                    ++count[static_cast<std::size_t>(c.region)];
                }
            }
        }
        ok = ok && cost <= p.budget.cents && hires >= p.min_hires;
        for (std::size_t r = 0; r < p.regions.size() && ok; ++r) {
            ok = count[r] >= p.regions[r].min_hires &&
                 (!p.regions[r].max_hires || count[r] <= *p.regions[r].max_hires);
        }
        if (ok && (!best.feasible || value > best.value)) {
            best = {true, value, hires};
        }
    }
    return best;
}

Best brute_force(const OptimizerProblem& p) {
    return brute_force(p, [](std::size_t) { return 0; });
}

// A prepared solver state (input checked, pins and cap applied), or nullptr when the
// rules are infeasible.
std::unique_ptr<SolverState> prepared(const OptimizerProblem& p) {
    auto ids = core::detail::validate(p);
    if (!ids.ok()) {
        return nullptr;
    }
    auto state = core::detail::prepare(p, ids.value());
    return state.ok() ? std::move(state).value() : nullptr;
}

// Small instances of every family, with and without coverage (pins included).
template <class Check>
void for_small_instances(Check check) {
    for (const auto family : bench::all_families) {
        for (const bool coverage : {false, true}) {
            for (int index = 0; index < 15; ++index) {
                const OptimizerProblem p =
                    bench::make_instance({family, coverage, 8 + index % 5, index});
                const Best best = brute_force(p);
                auto s = prepared(p);
                ASSERT_EQ(s != nullptr, best.feasible)
                    << bench::family_name(family) << " #" << index;
                if (s) {
                    check(p, best, *s);
                }
            }
        }
    }
}

double slack(double value) {
    return 1e-9 * std::max(1.0, std::fabs(value));
}

TEST(OptimizerPartsTest, DualBoundsAreValidBounds) {
    for_small_instances([](const OptimizerProblem&, const Best& best, SolverState& s) {
        core::detail::compute_multipliers(s);
        core::detail::arrange(s);
        int end = 0;
        const double lagrange = s.forced_adj + s.lagrange_constant +
                                core::detail::dantzig(s, 0, s.budget - s.forced_cost, &end);
        EXPECT_GE(lagrange, best.value - slack(best.value));
        EXPECT_GE(core::detail::count_duals(s).root, best.value - slack(best.value));
    });
}

TEST(OptimizerPartsTest, DerivedHireCountsKeepTheOptimalPlan) {
    for_small_instances([](const OptimizerProblem&, const Best& best, SolverState& s) {
        core::detail::compute_multipliers(s);
        core::detail::arrange(s);
        const bool open = core::detail::derive_count_range(s);
        if (best.value > s.best_value + slack(best.value)) {
            // A better plan exists: its hire count must still be allowed.
            ASSERT_TRUE(open);
            EXPECT_GE(best.hires, s.count_low);
            EXPECT_LE(best.hires, s.count_high);
        }
    });
}

TEST(OptimizerPartsTest, FixingNeverRemovesEveryOptimalPlan) {
    for_small_instances([](const OptimizerProblem& p, const Best& best, SolverState& s) {
        core::detail::compute_multipliers(s);
        core::detail::arrange(s);
        std::optional<core::detail::CountBound> count;
        core::detail::find_incumbent(s, count);
        if (!core::detail::reduce(s, count)) {
            // Proven at the root: the incumbent must be optimal.
            EXPECT_GE(s.best_value, best.value - slack(best.value));
            return;
        }
        std::vector<char> free(s.candidates.size(), 0);
        for (const auto& item : s.items) {
            free[static_cast<std::size_t>(item.index)] = 1;
        }
        // The best plan that respects every fixing is optimal, or the incumbent is.
        const Best kept =
            brute_force(p, [&](std::size_t i) { return free[i] ? 0 : (s.forced_in[i] ? 1 : -1); });
        EXPECT_GE(std::max(kept.feasible ? kept.value : 0.0, s.best_value),
                  best.value - slack(best.value));
    });
}

} // namespace
