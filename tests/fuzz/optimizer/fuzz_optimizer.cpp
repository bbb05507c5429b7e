// Fuzzes the optimizer's input checks and search on small problems. Half the inputs go
// to the roster-level entry point the app calls (core/plan_optimizer.hpp:
// optimize_campaign with a roster of up to 10 rows, any of them broken, and settings
// with pins, coverage rules, a share cap and a head count): no crash, and a returned
// plan keeps every rule. The other half go to the solver itself (core/optimizer.hpp,
// up to 12 candidates, 3 regions), against a brute-force oracle over all 2^n plans:
//   - invalid input (negative cost, NaN value, unknown region or pin, duplicate id,
//     share cap outside (0, 1], negative minimums, maximum below minimum) is an Error,
//     never a crash; valid input never gets one, except "infeasible";
//   - "infeasible" only when no plan meets the rules;
//   - a returned plan meets every rule, and its objective is the sum of its values;
//   - "optimal" matches the brute-force best (1e-9 relative); a stopped search lies
//     between its plan and its upper bound.
#include "core/optimizer.hpp"
#include "core/plan_optimizer.hpp"
#include "tests/fuzz/fuzz_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>
#include <limits>
#include <optional>
#include <vector>

namespace {

// Reports the failed promise by line, then aborts so libFuzzer saves the input.

constexpr double tolerance = 1e-9;

// [SECTION] Roster level: optimize_campaign

void fuzz_campaign(FuzzedDataProvider& in) {
    core::CampaignInputs inputs;
    const core::Currency currency = core::Currency::usd;
    inputs.budget = core::Money{in.ConsumeIntegralInRange<std::int64_t>(-10, 5000), currency};
    inputs.funnel = core::default_funnel_assumptions(currency);
    inputs.reach_rate = in.ConsumeBool() ? 0.1 : in.ConsumeFloatingPoint<double>();
    constexpr const char* regions[] = {"Florida", "florida ", "Texas", "", "Ohio"};
    const int n = in.ConsumeIntegralInRange<int>(0, 10);
    for (int i = 0; i < n; ++i) {
        core::Influencer r;
        r.id = in.ConsumeBool() ? static_cast<std::uint32_t>(i + 1)
                                : in.ConsumeIntegralInRange<std::uint32_t>(0, 12);
        r.name = "Row " + std::to_string(i + 1);
        r.followers = in.ConsumeBool() ? in.ConsumeIntegralInRange<std::int64_t>(1, 2'000'000)
                                       : in.ConsumeIntegral<std::int64_t>();
        r.engagement_kind = in.ConsumeBool() ? core::EngagementInputKind::rate
                                             : core::EngagementInputKind::average_interactions;
        r.engagement_value =
            in.ConsumeBool() ? in.ConsumeProbability<double>() : in.ConsumeFloatingPoint<double>();
        r.price_per_post = core::Money{in.ConsumeIntegralInRange<std::int64_t>(-5, 3000), currency};
        r.posts = in.ConsumeIntegralInRange<int>(-1, 3);
        r.region = regions[in.ConsumeIntegralInRange<int>(0, 4)];
        r.audience_fit = in.ConsumeBool() ? 1.0 : in.ConsumeFloatingPoint<double>();
        inputs.roster.push_back(r);
    }
    core::OptimizerSettings settings;
    settings.objective = static_cast<core::Objective>(in.ConsumeIntegralInRange<int>(0, 3));
    for (int k = in.ConsumeIntegralInRange<int>(0, 3); k > 0; --k) {
        (in.ConsumeBool() ? settings.must_include : settings.must_exclude)
            .push_back(in.ConsumeIntegralInRange<std::uint32_t>(0, 12));
    }
    for (int k = in.ConsumeIntegralInRange<int>(0, 2); k > 0; --k) {
        core::RegionCoverage rule;
        rule.region = regions[in.ConsumeIntegralInRange<int>(0, 4)];
        rule.min_hires = in.ConsumeIntegralInRange<int>(-1, 3);
        if (in.ConsumeBool()) {
            rule.max_hires = in.ConsumeIntegralInRange<int>(-1, 4);
        }
        settings.coverage.push_back(rule);
    }
    settings.max_budget_share =
        in.ConsumeBool() ? 1.0 : in.PickValueInArray({0.5, 0.0, 1.5, -1.0, 0.25});
    settings.min_influencers = in.ConsumeIntegralInRange<int>(-1, 4);
    core::SolveLimits limits;
    limits.max_nodes = in.ConsumeIntegralInRange<std::int64_t>(1, 200);

    const auto result = core::optimize_campaign(inputs, settings, limits);
    if (!result.ok()) {
        check(!result.error().message.empty());
        return;
    }
    const core::PlanOptimization& plan = result.value();
    const core::OptimizerSolution& s = plan.solution;
    check(s.total_cost.cents >= 0 && s.total_cost.cents <= inputs.budget.cents);
    check(std::isfinite(s.objective) && std::isfinite(s.upper_bound));
    check(plan.picks.size() == s.chosen_ids.size());
    std::int64_t cost = 0;
    for (std::size_t k = 0; k < plan.picks.size(); ++k) {
        const auto& pick = plan.picks[k];
        check(std::count(s.chosen_ids.begin(), s.chosen_ids.end(), pick.id) == 1);
        check(std::find(settings.must_exclude.begin(), settings.must_exclude.end(), pick.id) ==
              settings.must_exclude.end());
        check(std::any_of(inputs.roster.begin(), inputs.roster.end(),
                          [&](const core::Influencer& r) { return r.id == pick.id; }));
        cost += pick.cost.cents;
    }
    check(cost == s.total_cost.cents);
    if (s.has_plan) {
        check(static_cast<int>(plan.picks.size()) >= settings.min_influencers);
        for (const auto id : settings.must_include) {
            check(std::find(s.chosen_ids.begin(), s.chosen_ids.end(), id) != s.chosen_ids.end());
        }
    }
}

// [SECTION] Solver level against brute force

struct Built {
    core::OptimizerProblem problem;
    bool valid = true; // every rule of the input checks is met
};

Built build(FuzzedDataProvider& in) {
    Built b;
    core::OptimizerProblem& p = b.problem;
    const bool hostile = in.ConsumeIntegralInRange<int>(0, 7) == 0;
    p.budget = core::Money{in.ConsumeIntegralInRange<std::int64_t>(0, 2000), core::Currency::usd};
    const int regions = in.ConsumeIntegralInRange<int>(0, 3);
    for (int r = 0; r < regions; ++r) {
        core::RegionRule rule;
        rule.name = "R" + std::to_string(r);
        rule.min_hires = in.ConsumeIntegralInRange<int>(0, 3);
        if (in.ConsumeBool()) {
            rule.max_hires = in.ConsumeIntegralInRange<int>(rule.min_hires, 5);
        }
        p.regions.push_back(rule);
    }
    const int n = in.ConsumeIntegralInRange<int>(0, 12);
    for (int i = 0; i < n; ++i) {
        core::OptimizerCandidate c;
        c.id = static_cast<std::uint32_t>(i + 1);
        c.cost_cents = in.ConsumeIntegralInRange<std::int64_t>(0, 800);
        // Values on a grid of quarters keep sums exact, with occasional fractions.
        c.value = in.ConsumeIntegralInRange<int>(0, 400) / 4.0;
        if (in.ConsumeBool()) {
            c.value += in.ConsumeProbability<double>();
        }
        c.region = regions > 0 ? in.ConsumeIntegralInRange<int>(-1, regions - 1) : core::no_region;
        p.candidates.push_back(c);
    }
    for (int i = 0; i < n; ++i) {
        const int pin = in.ConsumeIntegralInRange<int>(0, 9);
        if (pin == 0) {
            p.must_include.push_back(static_cast<std::uint32_t>(i + 1));
        } else if (pin == 1) {
            p.must_exclude.push_back(static_cast<std::uint32_t>(i + 1));
        }
    }
    constexpr double shares[] = {1.0, 1.0, 0.5, 0.25, 0.4, 0.75};
    p.max_budget_share = shares[in.ConsumeIntegralInRange<int>(0, 5)];
    p.min_hires = in.ConsumeIntegralInRange<int>(0, 4);

    if (hostile) {
        b.valid = false;
        switch (in.ConsumeIntegralInRange<int>(0, 9)) {
        case 0:
            p.budget.cents = -1 - in.ConsumeIntegralInRange<std::int64_t>(0, 100);
            break;
        case 1:
            p.max_budget_share =
                in.PickValueInArray({0.0, -0.5, 1.5, std::numeric_limits<double>::quiet_NaN(),
                                     std::numeric_limits<double>::infinity()});
            break;
        case 2:
            p.min_hires = -1;
            break;
        case 3:
            if (n == 0) {
                p.min_hires = -2;
            } else {
                p.candidates[0].cost_cents = in.PickValueInArray<std::int64_t>(
                    {-1, core::max_money_cents + 1, std::numeric_limits<std::int64_t>::min()});
            }
            break;
        case 4:
            if (n == 0) {
                p.must_include.push_back(7);
            } else {
                p.candidates.back().value =
                    in.PickValueInArray({-1.0, std::numeric_limits<double>::quiet_NaN(),
                                         std::numeric_limits<double>::infinity(), 1e301});
            }
            break;
        case 5:
            if (n == 0) {
                p.must_exclude.push_back(3);
            } else {
                p.candidates.back().region =
                    static_cast<int>(p.regions.size()) + in.ConsumeIntegralInRange<int>(0, 3);
            }
            break;
        case 6:
            if (n >= 2) {
                p.candidates[1].id = p.candidates[0].id;
            } else {
                p.must_include.push_back(100);
            }
            break;
        case 7:
            p.must_exclude.push_back(static_cast<std::uint32_t>(n + 5));
            break;
        case 8:
            p.regions.push_back(core::RegionRule{"bad", -1, std::nullopt});
            break;
        default:
            p.regions.push_back(core::RegionRule{"bad", 3, 1});
            break;
        }
    }
    return b;
}

struct Best {
    bool feasible = false;
    double objective = 0.0;
};

// Per candidate, what the rules say regardless of the plan.
struct Facts {
    std::vector<char> pinned, excluded;
    std::int64_t cap = 0;
};

std::int64_t share_cap(const core::OptimizerProblem& p) {
    // The documented rule: nobody above max_budget_share of the budget (in whole cents).
    if (p.max_budget_share >= 1.0) {
        return p.budget.cents;
    }
    return static_cast<std::int64_t>(
        std::floor(p.max_budget_share * static_cast<double>(p.budget.cents) + 1e-6));
}

Facts facts_of(const core::OptimizerProblem& p) {
    Facts f;
    f.cap = share_cap(p);
    for (const auto& c : p.candidates) {
        f.pinned.push_back(std::find(p.must_include.begin(), p.must_include.end(), c.id) !=
                           p.must_include.end());
        f.excluded.push_back(std::find(p.must_exclude.begin(), p.must_exclude.end(), c.id) !=
                             p.must_exclude.end());
    }
    return f;
}

bool plan_meets_rules(const core::OptimizerProblem& p, const Facts& f, std::uint32_t mask) {
    std::int64_t cost = 0;
    int count = 0;
    int per_region[8] = {};
    for (std::size_t i = 0; i < p.candidates.size(); ++i) {
        const auto& c = p.candidates[i];
        const bool chosen = (mask >> i) & 1U;
        if ((f.pinned[i] && !chosen) || (f.excluded[i] && chosen)) {
            return false;
        }
        if (!chosen) {
            continue;
        }
        if (c.cost_cents > f.cap) {
            return false;
        }
        cost += c.cost_cents;
        ++count;
        if (c.region != core::no_region) {
            ++per_region[c.region];
        }
    }
    if (cost > p.budget.cents || count < p.min_hires) {
        return false;
    }
    for (std::size_t r = 0; r < p.regions.size(); ++r) {
        if (per_region[r] < p.regions[r].min_hires ||
            (p.regions[r].max_hires && per_region[r] > *p.regions[r].max_hires)) {
            return false;
        }
    }
    return true;
}

Best brute_force(const core::OptimizerProblem& p, const Facts& f) {
    Best best;
    const std::uint32_t plans = 1U << p.candidates.size();
    for (std::uint32_t mask = 0; mask < plans; ++mask) {
        if (!plan_meets_rules(p, f, mask)) {
            continue;
        }
        double value = 0.0;
        for (std::size_t i = 0; i < p.candidates.size(); ++i) {
            if ((mask >> i) & 1U) {
                value += p.candidates[i].value;
            }
        }
        if (!best.feasible || value > best.objective) {
            best.feasible = true;
            best.objective = value;
        }
    }
    return best;
}

bool near_or_below(double a, double b) { // a <= b, up to rounding
    return a <= b + tolerance * std::max(1.0, std::fabs(b));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    if (in.ConsumeBool()) {
        fuzz_campaign(in);
        return 0;
    }
    const Built built = build(in);
    const core::OptimizerProblem& p = built.problem;
    core::SolveLimits limits;
    limits.max_nodes = in.ConsumeBool() ? 0 : in.ConsumeIntegralInRange<std::int64_t>(1, 50);

    const auto result = core::solve(p, limits);
    if (!built.valid) {
        // Every hostile case above breaks a documented input rule.
        check(!result.ok());
        check(result.error().code != core::ErrorCode::infeasible);
        check(!result.error().message.empty());
        return 0;
    }
    const Facts facts = facts_of(p);
    const Best best = brute_force(p, facts);
    if (!result.ok()) {
        check(result.error().code == core::ErrorCode::infeasible);
        check(!best.feasible);
        check(!result.error().message.empty());
        return 0;
    }
    const core::OptimizerSolution& s = result.value();
    check(s.status != core::SolveStatus::infeasible);
    if (s.status == core::SolveStatus::optimal) {
        check(s.has_plan);
    }
    if (s.has_plan) {
        check(best.feasible);
        std::uint32_t mask = 0;
        double value = 0.0;
        std::int64_t cost = 0;
        for (const std::uint32_t id : s.chosen_ids) {
            const auto it = std::find_if(p.candidates.begin(), p.candidates.end(),
                                         [&](const auto& c) { return c.id == id; });
            check(it != p.candidates.end());
            const auto index = static_cast<std::size_t>(it - p.candidates.begin());
            check(((mask >> index) & 1U) == 0); // no id twice
            mask |= 1U << index;
            value += it->value;
            cost += it->cost_cents;
        }
        check(plan_meets_rules(p, facts, mask));
        check(s.total_cost.cents == cost);
        check(std::fabs(s.objective - value) <= tolerance * std::max(1.0, value));
        check(near_or_below(s.objective, best.objective));
        check(near_or_below(best.objective, s.upper_bound));
        if (s.status == core::SolveStatus::optimal) {
            check(near_or_below(best.objective, s.objective));
        }
    }
    check(std::isfinite(s.upper_bound) && std::isfinite(s.objective));
    check(s.gap >= 0.0 && s.gap <= 1.0);
    return 0;
}
