// Shared by the tests of the optimizer's parts (tests/unit/optimizer_*_test.cpp):
// brute force over every subset of small seeded rosters of each benchmark family, and
// a solver state prepared (and rooted) the way OptimizerSolver::create does it.
#pragma once

#include "core/optimizer/bounds.hpp"
#include "core/optimizer/duals.hpp"
#include "core/optimizer/heuristics.hpp"
#include "core/optimizer/prepare.hpp"
#include "core/optimizer/solver_state.hpp"
#include "tests/bench/instances.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <memory>
#include <optional>
#include <vector>

namespace optimizer_test {

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

inline Best brute_force(const OptimizerProblem& p) {
    return brute_force(p, [](std::size_t) { return 0; });
}

// A prepared solver state (input checked, pins and cap applied), or nullptr when the
// rules are infeasible.
inline std::unique_ptr<SolverState> prepared(const OptimizerProblem& p) {
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

inline double slack(double value) {
    return 1e-9 * std::max(1.0, std::fabs(value));
}

// The Lagrange multipliers and the bound order, as a solve starts.
inline void set_multipliers(SolverState& s) {
    core::detail::compute_multipliers(s.duals, s.core, s.forced, s.rules, s.counts);
    core::detail::arrange(s.core);
}

// The root of a solve as OptimizerSolver::create starts it: multipliers, bound order,
// first incumbents, reduced-cost fixing. False when that proves the incumbent optimal.
inline bool rooted(SolverState& s) {
    set_multipliers(s);
    std::optional<core::detail::CountBound> count;
    core::detail::find_incumbent(s.best, count, s.core, s.rules, s.forced, s.duals, s.counts);
    return core::detail::reduce(s.core, s.forced, s.rules, s.duals, s.counts, s.best, count);
}

// Whether a plan (per candidate) keeps the pins, the budget and every count rule.
inline bool meets_rules(const OptimizerProblem& p, const SolverState& s,
                        const std::vector<char>& chosen) {
    const core::detail::Plan plan = core::detail::plan_from(s.rules, chosen);
    bool ok = plan.cost <= s.rules.budget && plan.total >= s.rules.min_hires;
    for (std::size_t r = 0; r < plan.count.size(); ++r) {
        ok = ok && plan.count[r] >= s.rules.region_min[r] && plan.count[r] <= s.rules.region_max[r];
    }
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        const auto id = p.candidates[i].id;
        const auto listed = [&](const std::vector<std::uint32_t>& list) {
            return std::find(list.begin(), list.end(), id) != list.end();
        };
        ok = ok && (chosen[i] ? !listed(p.must_exclude) : !listed(p.must_include));
    }
    return ok;
}

// Checks a heuristic's change of `plan` (worth `before` until then; `changed` is what
// the heuristic returned): the plan keeps every rule and its cost and head count add
// up, it is worth no more than the optimum, more when changed and the same when not.
// True when it changed.
inline bool check_change(const OptimizerProblem& p, const SolverState& s, const Best& best,
                         const core::detail::Plan& plan, double before, bool changed) {
    const double after = core::detail::plan_value(s.rules, plan.chosen);
    EXPECT_TRUE(meets_rules(p, s, plan.chosen));
    EXPECT_EQ(core::detail::plan_from(s.rules, plan.chosen).cost, plan.cost);
    EXPECT_EQ(core::detail::plan_from(s.rules, plan.chosen).total, plan.total);
    EXPECT_LE(after, best.value + slack(best.value));
    if (changed) {
        EXPECT_GT(after, before);
    } else {
        EXPECT_EQ(after, before);
    }
    return changed;
}

} // namespace optimizer_test
