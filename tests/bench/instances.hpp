// Seeded optimizer instances for the benchmark and the CBC cross-check. The same seed
// gives the same instance natively and in wasm: only std::mt19937_64's raw output is
// used (the standard distributions differ between libstdc++ and libc++), and the
// arithmetic is done in a fixed order with exactly rounded operations.
//
// Costs are influencer quotes: log-uniform between $20 and $10,000 (many small, few
// large), 90% in whole dollars, the rest with cents. Values are expected engagements:
//   uncorrelated          value uniform in [10, 10,000), independent of the cost
//   weakly correlated     value = 2 x dollars + uniform in [-1,000, 1,000), at least 1
//   strongly correlated   value = 2 x dollars + 200 (every dollar buys the same reach,
//                         plus a fixed bonus per hire: the classic hard knapsack family)
//   fee plus CPE          priced the way the product prices: followers log-uniform from
//                         300 to 300,000, engagement rate 8% x (1,000 / followers)^(1/4),
//                         value = expected engagements, price = $1 per expected
//                         engagement + a $50 fee, times 1 + noise (noise uniform within
//                         +-0%, 0.5%, 1%, 2% or 3%, by instance), in cents. Every hire pays
//                         the fee: value is about (price - $50) / $1, the "inverse
//                         strongly correlated" knapsack. With coverage: 3 regions hold
//                         only nano accounts (under 2,000 followers) and need 2, 3 and 4
//                         hires; 2 candidates are pinned in and 2 out; 25% share cap.
// Budgets are a share of the roster's total cost (2%, 5%, 10%, 25%, 50% in turn),
// rounded to whole dollars. With coverage: 8 regions, 90% of candidates in one of
// them; region r needs 1 + r % 3 hires, even regions allow at most min + 3, and no
// hire may take more than 25% of the budget.
#pragma once

#include "core/optimizer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

enum class Family { uncorrelated, weakly_correlated, strongly_correlated, fee_plus_cpe };

inline std::string_view family_name(Family family) {
    switch (family) {
    case Family::uncorrelated:
        return "uncorrelated";
    case Family::weakly_correlated:
        return "weakly correlated";
    case Family::strongly_correlated:
        return "strongly correlated";
    case Family::fee_plus_cpe:
        return "fee plus CPE";
    }
    return "?";
}

inline constexpr std::array<Family, 4> all_families{Family::uncorrelated, Family::weakly_correlated,
                                                    Family::strongly_correlated,
                                                    Family::fee_plus_cpe};
inline constexpr std::array<double, 5> budget_shares{0.02, 0.05, 0.10, 0.25, 0.50};

struct InstanceSpec {
    Family family = Family::uncorrelated;
    bool coverage = false;
    int candidates = 100;
    int index = 0; // picks the budget share and the seed
};

class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}
    // Uniform in [0, 1) from the top 53 bits.
    double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
    // Uniform integer in [0, span).
    std::uint64_t below(std::uint64_t span) { return engine_() % span; }

private:
    std::mt19937_64 engine_;
};

inline std::uint64_t seed_of(const InstanceSpec& spec) {
    return 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(spec.index + 1) +
           0x100000001B3ULL * static_cast<std::uint64_t>(spec.candidates) +
           0x1000193ULL * static_cast<std::uint64_t>(static_cast<int>(spec.family) + 1) +
           (spec.coverage ? 0xABCDEFULL : 0ULL);
}

// base^u for u in [0, 1) without exp or pow (they may differ in the last bit between
// math libraries): base^(binary digits of u) by repeated square roots, which are
// correctly rounded and so identical everywhere.
inline double power_of(double base, double u) {
    double factor = 1.0;
    double frac = u;
    for (int bit = 0; bit < 30; ++bit) {
        base = std::sqrt(base);
        frac *= 2.0;
        if (frac >= 1.0) {
            factor *= base;
            frac -= 1.0;
        }
    }
    return factor;
}

inline constexpr std::array<double, 5> fee_noise{0.0, 0.005, 0.01, 0.02, 0.03};
inline constexpr int fee_nano_followers = 2000; // the covered regions hold only these

// The fee-plus-CPE family (see the top of this file).
inline core::OptimizerProblem make_fee_instance(const InstanceSpec& spec, Random& random) {
    core::OptimizerProblem problem;
    constexpr int regions = 3;
    if (spec.coverage) {
        for (int r = 0; r < regions; ++r) {
            problem.regions.push_back({"Region " + std::to_string(r + 1), 2 + r, std::nullopt});
        }
        problem.max_budget_share = 0.25;
    }
    const double noise = fee_noise[static_cast<std::size_t>(spec.index) % fee_noise.size()];
    std::int64_t total = 0;
    std::vector<int> nano, others;
    for (int i = 0; i < spec.candidates; ++i) {
        core::OptimizerCandidate c;
        c.id = static_cast<std::uint32_t>(i + 1);
        const double followers = std::floor(300.0 * power_of(1000.0, random.unit()));
        const double rate = 0.08 / std::sqrt(std::sqrt(followers / 1000.0));
        c.value = followers * rate;
        const double price = (1.0 * c.value + 50.0) * (1.0 + noise * (2.0 * random.unit() - 1.0));
        c.cost_cents = static_cast<std::int64_t>(std::floor(price * 100.0 + 0.5));
        const bool small = followers < fee_nano_followers;
        if (spec.coverage && small && random.unit() < 0.3) {
            c.region = static_cast<int>(random.below(regions));
        }
        (small ? nano : others).push_back(i);
        total += c.cost_cents;
        problem.candidates.push_back(c);
    }
    // Noise and budget cycle at different speeds: 25 instances cover every pair.
    const double share =
        budget_shares[static_cast<std::size_t>(spec.index + spec.index / 5) % budget_shares.size()];
    problem.budget =
        core::Money{100 * static_cast<std::int64_t>(share * static_cast<double>(total) / 100.0),
                    core::Currency::usd};
    if (spec.coverage) {
        // Minimums the regions can meet; pins a marketer would set (affordable ones in).
        std::array<int, regions> members{};
        for (const auto& c : problem.candidates) {
            if (c.region != core::no_region) {
                ++members[static_cast<std::size_t>(c.region)];
            }
        }
        for (int r = 0; r < regions; ++r) {
            auto& rule = problem.regions[static_cast<std::size_t>(r)];
            rule.min_hires = std::min(rule.min_hires, members[static_cast<std::size_t>(r)]);
        }
        const std::int64_t affordable = problem.budget.cents / 10;
        std::erase_if(others, [&](int i) {
            return problem.candidates[static_cast<std::size_t>(i)].cost_cents > affordable;
        });
        const auto pick = [&](const std::vector<int>& from) {
            return problem
                .candidates[static_cast<std::size_t>(
                    from[static_cast<std::size_t>(random.below(from.size()))])]
                .id;
        };
        if (!nano.empty() && others.size() >= 3) {
            problem.must_include = {pick(nano), pick(others)};
            for (int tries = 0; tries < 8 && problem.must_exclude.size() < 2; ++tries) {
                const std::uint32_t id = pick(others);
                if (std::find(problem.must_include.begin(), problem.must_include.end(), id) ==
                        problem.must_include.end() &&
                    std::find(problem.must_exclude.begin(), problem.must_exclude.end(), id) ==
                        problem.must_exclude.end()) {
                    problem.must_exclude.push_back(id);
                }
            }
        }
    }
    return problem;
}

inline core::OptimizerProblem make_instance(const InstanceSpec& spec) {
    Random random(seed_of(spec));
    if (spec.family == Family::fee_plus_cpe) {
        return make_fee_instance(spec, random);
    }
    core::OptimizerProblem problem;
    constexpr int regions = 8;
    if (spec.coverage) {
        for (int r = 0; r < regions; ++r) {
            core::RegionRule rule;
            rule.name = "Region " + std::to_string(r + 1);
            rule.min_hires = 1 + r % 3;
            if (r % 2 == 0) {
                rule.max_hires = rule.min_hires + 3;
            }
            problem.regions.push_back(rule);
        }
        problem.max_budget_share = 0.25;
    }
    std::int64_t total = 0;
    problem.candidates.reserve(static_cast<std::size_t>(spec.candidates));
    for (int i = 0; i < spec.candidates; ++i) {
        core::OptimizerCandidate c;
        c.id = static_cast<std::uint32_t>(i + 1);
        // log-uniform dollars in [20, 10,000): exp is avoided (it may differ in the
        // last bit between math libraries); 20 x 500^u via repeated squaring is exact
        // enough and identical everywhere because sqrt is correctly rounded.
        const double dollars = 20.0 * power_of(500.0, random.unit());
        if (random.unit() < 0.9) {
            c.cost_cents = 100 * static_cast<std::int64_t>(dollars);
        } else {
            c.cost_cents = static_cast<std::int64_t>(dollars * 100.0);
        }
        const double cost_dollars = static_cast<double>(c.cost_cents) / 100.0;
        switch (spec.family) {
        case Family::uncorrelated:
            c.value = 10.0 + 9990.0 * random.unit();
            break;
        case Family::weakly_correlated:
            c.value = 2.0 * cost_dollars + (2000.0 * random.unit() - 1000.0);
            if (c.value < 1.0) {
                c.value = 1.0;
            }
            break;
        case Family::strongly_correlated:
        case Family::fee_plus_cpe: // (made by make_fee_instance)
            c.value = 2.0 * cost_dollars + 200.0;
            break;
        }
        if (spec.coverage && random.unit() < 0.9) {
            c.region = static_cast<int>(random.below(regions));
        }
        total += c.cost_cents;
        problem.candidates.push_back(c);
    }
    const double share = budget_shares[static_cast<std::size_t>(spec.index) % budget_shares.size()];
    problem.budget =
        core::Money{100 * static_cast<std::int64_t>(share * static_cast<double>(total) / 100.0),
                    core::Currency::usd};
    return problem;
}

} // namespace bench
