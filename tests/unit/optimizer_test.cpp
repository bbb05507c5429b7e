#include "core/optimizer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>

namespace {

using core::Currency;
using core::ErrorCode;
using core::Money;
using core::no_region;
using core::OptimizerCandidate;
using core::OptimizerProblem;
using core::OptimizerSolution;
using core::OptimizerSolver;
using core::RegionRule;
using core::SolveStatus;

// ---------------------------------------------------------------------------------
// Seeded random instances (engine output transformed by hand: the standard
// distributions differ between libstdc++ and libc++).
// ---------------------------------------------------------------------------------
struct Rng {
    std::mt19937_64 engine;
    explicit Rng(std::uint64_t seed) : engine(seed) {}
    // Uniform integer in [lo, hi]; the modulo bias is irrelevant for tests.
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
        return lo + static_cast<std::int64_t>(engine() % span);
    }
    double unit() { return static_cast<double>(engine() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
};

OptimizerProblem random_problem(std::uint64_t seed, int min_n, int max_n) {
    Rng rng(seed);
    OptimizerProblem p;
    const int n = static_cast<int>(rng.between(min_n, max_n));
    const int regions = static_cast<int>(rng.between(0, 3));
    for (int r = 0; r < regions; ++r) {
        RegionRule rule;
        rule.name = "Region " + std::to_string(r + 1);
        rule.min_hires = static_cast<int>(rng.between(0, 2));
        if (rng.chance(0.4)) {
            rule.max_hires = rule.min_hires + static_cast<int>(rng.between(0, 3));
        }
        p.regions.push_back(rule);
    }
    const int style = static_cast<int>(rng.between(0, 3)); // value/cost relation
    std::int64_t total_cost = 0;
    for (int i = 0; i < n; ++i) {
        OptimizerCandidate c;
        c.id = static_cast<std::uint32_t>(100 + 7 * i);
        c.name = "C" + std::to_string(i);
        if (rng.chance(0.05)) {
            c.cost_cents = 0;
        } else if (rng.chance(0.7)) {
            c.cost_cents = 100 * rng.between(20, 1000); // whole dollars
        } else {
            c.cost_cents = rng.between(1, 150000);
        }
        const double dollars = static_cast<double>(c.cost_cents) / 100.0;
        switch (style) {
        case 0:
            c.value = static_cast<double>(rng.between(0, 2000)) * 1.5;
            break;
        case 1:
            c.value = std::max(0.0, 3.0 * dollars + static_cast<double>(rng.between(-300, 300)));
            break;
        case 2:
            c.value = 3.0 * dollars + 250.0;
            break;
        default:
            c.value = static_cast<double>(rng.between(0, 4)) * 100.0; // many ties
            break;
        }
        c.region = regions > 0 && rng.chance(0.75) ? static_cast<int>(rng.between(0, regions - 1))
                                                   : no_region;
        total_cost += c.cost_cents;
        p.candidates.push_back(c);
    }
    const double fraction = 0.05 + 0.7 * rng.unit();
    p.budget = Money{static_cast<std::int64_t>(fraction * static_cast<double>(total_cost)) +
                         (rng.chance(0.5) ? 0 : rng.between(0, 5000)),
                     Currency::usd};
    if (n > 0 && rng.chance(0.3)) {
        const int pins = static_cast<int>(rng.between(1, 2));
        for (int k = 0; k < pins; ++k) {
            p.must_include.push_back(
                p.candidates[static_cast<std::size_t>(rng.between(0, n - 1))].id);
        }
    }
    if (n > 0 && rng.chance(0.3)) {
        const int pins = static_cast<int>(rng.between(1, 3));
        for (int k = 0; k < pins; ++k) {
            p.must_exclude.push_back(
                p.candidates[static_cast<std::size_t>(rng.between(0, n - 1))].id);
        }
    }
    if (rng.chance(0.25)) {
        p.max_budget_share = 0.2 + 0.7 * rng.unit();
    }
    if (rng.chance(0.2)) {
        p.min_hires = static_cast<int>(rng.between(0, 6));
    }
    return p;
}

// ---------------------------------------------------------------------------------
// Brute force: every subset, in Gray-code order so each step flips one candidate.
// ---------------------------------------------------------------------------------
struct BruteForce {
    bool feasible = false;
    double best = 0.0;
};

bool is_in(const std::vector<std::uint32_t>& list, std::uint32_t id) {
    return std::find(list.begin(), list.end(), id) != list.end();
}

BruteForce brute_force(const OptimizerProblem& p) {
    const int n = static_cast<int>(p.candidates.size());
    const std::size_t regions = p.regions.size();
    std::vector<char> allowed(static_cast<std::size_t>(n), 1);
    for (int i = 0; i < n; ++i) {
        const auto& c = p.candidates[static_cast<std::size_t>(i)];
        if (is_in(p.must_exclude, c.id) ||
            static_cast<double>(c.cost_cents) >
                p.max_budget_share * static_cast<double>(p.budget.cents) + 1e-6) {
            allowed[static_cast<std::size_t>(i)] = 0;
        }
    }
    std::uint64_t pinned_mask = 0, disallowed_mask = 0;
    for (int i = 0; i < n; ++i) {
        if (is_in(p.must_include, p.candidates[static_cast<std::size_t>(i)].id)) {
            pinned_mask |= std::uint64_t{1} << i;
        }
        if (!allowed[static_cast<std::size_t>(i)]) {
            disallowed_mask |= std::uint64_t{1} << i;
        }
    }
    std::uint64_t mask = 0;
    std::vector<int> count(regions, 0);
    std::int64_t cost = 0;
    double value = 0.0;
    int hires = 0;
    BruteForce out;
    const std::uint64_t subsets = std::uint64_t{1} << n;
    for (std::uint64_t step = 0; step < subsets; ++step) {
        if (step > 0) {
            const int flip = __builtin_ctzll(step);
            const auto& c = p.candidates[static_cast<std::size_t>(flip)];
            const std::uint64_t bit = std::uint64_t{1} << flip;
            const int sign = (mask & bit) ? -1 : 1;
            mask ^= bit;
            cost += sign * c.cost_cents;
            value += sign * c.value;
            hires += sign;
            if (c.region != no_region) {
                count[static_cast<std::size_t>(c.region)] += sign;
            }
        }
        if (cost > p.budget.cents || hires < p.min_hires || (mask & pinned_mask) != pinned_mask ||
            (mask & disallowed_mask) != 0) {
            continue;
        }
        bool ok = true;
        for (std::size_t r = 0; r < regions && ok; ++r) {
            ok = count[r] >= p.regions[r].min_hires &&
                 (!p.regions[r].max_hires || count[r] <= *p.regions[r].max_hires);
        }
        if (!ok) {
            continue;
        }
        // Sum afresh: the running sum drifts in the last bits.
        double exact = 0.0;
        for (int i = 0; i < n; ++i) {
            if ((mask >> i) & 1U) {
                exact += p.candidates[static_cast<std::size_t>(i)].value;
            }
        }
        if (!out.feasible || exact > out.best) {
            out.best = exact;
        }
        out.feasible = true;
    }
    return out;
}

// Checks a returned plan against every rule and recomputes its totals.
::testing::AssertionResult plan_is_feasible(const OptimizerProblem& p, const OptimizerSolution& s) {
    std::int64_t cost = 0;
    double value = 0.0;
    std::vector<int> count(p.regions.size(), 0);
    for (const auto id : s.chosen_ids) {
        const auto it = std::find_if(p.candidates.begin(), p.candidates.end(),
                                     [&](const OptimizerCandidate& c) { return c.id == id; });
        if (it == p.candidates.end()) {
            return ::testing::AssertionFailure() << "unknown id " << id;
        }
        if (is_in(p.must_exclude, id)) {
            return ::testing::AssertionFailure() << "excluded id " << id << " chosen";
        }
        if (static_cast<double>(it->cost_cents) >
            p.max_budget_share * static_cast<double>(p.budget.cents) + 1e-6) {
            return ::testing::AssertionFailure() << "id " << id << " over the share cap";
        }
        cost += it->cost_cents;
        value += it->value;
        if (it->region != no_region) {
            ++count[static_cast<std::size_t>(it->region)];
        }
    }
    for (const auto id : p.must_include) {
        if (!is_in(s.chosen_ids, id)) {
            return ::testing::AssertionFailure() << "pinned id " << id << " missing";
        }
    }
    if (cost > p.budget.cents) {
        return ::testing::AssertionFailure()
               << "cost " << cost << " over budget " << p.budget.cents;
    }
    if (cost != s.total_cost.cents) {
        return ::testing::AssertionFailure()
               << "reported cost " << s.total_cost.cents << " != " << cost;
    }
    if (std::fabs(value - s.objective) > 1e-9 * std::max(1.0, value)) {
        return ::testing::AssertionFailure() << "reported value " << s.objective << " != " << value;
    }
    if (static_cast<int>(s.chosen_ids.size()) < p.min_hires) {
        return ::testing::AssertionFailure() << "too few hires";
    }
    for (std::size_t r = 0; r < p.regions.size(); ++r) {
        if (count[r] < p.regions[r].min_hires ||
            (p.regions[r].max_hires && count[r] > *p.regions[r].max_hires)) {
            return ::testing::AssertionFailure() << "region " << r << " count " << count[r];
        }
    }
    return ::testing::AssertionSuccess();
}

bool same_objective(double a, double b) {
    return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

void check_against_brute_force(std::uint64_t seed, int min_n, int max_n, int* infeasible_count) {
    const OptimizerProblem p = random_problem(seed, min_n, max_n);
    const BruteForce expected = brute_force(p);
    for (const auto method : {core::SearchMethod::automatic, core::SearchMethod::depth_first,
                              core::SearchMethod::dynamic_programming}) {
        const auto result = core::solve(p, core::SolveLimits{0, method});
        const int engine = static_cast<int>(method);
        if (!expected.feasible) {
            ASSERT_FALSE(result.ok()) << "seed " << seed << ": brute force finds no plan";
            EXPECT_EQ(result.error().code, ErrorCode::infeasible) << "seed " << seed;
            EXPECT_FALSE(result.error().message.empty());
            continue;
        }
        ASSERT_TRUE(result.ok()) << "seed " << seed << ": " << result.error().message;
        const OptimizerSolution& s = result.value();
        EXPECT_EQ(s.status, SolveStatus::optimal) << "seed " << seed << " engine " << engine;
        EXPECT_TRUE(plan_is_feasible(p, s)) << "seed " << seed << " engine " << engine;
        EXPECT_TRUE(same_objective(s.objective, expected.best))
            << "seed " << seed << " engine " << engine << ": got " << s.objective << ", best is "
            << expected.best;
    }
    if (!expected.feasible) {
        ++*infeasible_count;
    }
}

#ifdef __EMSCRIPTEN__
constexpr int small_instances = 1500;
constexpr int large_instances = 10;
#else
constexpr int small_instances = 4000;
constexpr int large_instances = 40;
#endif

TEST(OptimizerTest, MatchesBruteForceOnSmallRandomInstances) {
    int infeasible = 0;
    for (int seed = 1; seed <= small_instances; ++seed) {
        check_against_brute_force(static_cast<std::uint64_t>(seed), 0, 12, &infeasible);
        if (::testing::Test::HasFailure()) {
            return;
        }
    }
    // The generator must exercise both outcomes.
    EXPECT_GT(infeasible, small_instances / 50);
    EXPECT_LT(infeasible, small_instances / 2);
}

TEST(OptimizerTest, MatchesBruteForceOnTwentyCandidates) {
    int infeasible = 0;
    for (int seed = 1; seed <= large_instances; ++seed) {
        check_against_brute_force(1'000'000 + static_cast<std::uint64_t>(seed), 16, 20,
                                  &infeasible);
        if (::testing::Test::HasFailure()) {
            return;
        }
    }
}

} // namespace
