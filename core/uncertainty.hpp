// Uncertainty: low / expected / high bands and a seeded Monte Carlo simulation of
// one plan or of two plans side by side.
// Model: each influencer's engagements are their expectation times a multiplier
//     M = exp(sigma * Z - sigma^2 / 2),   Z standard normal,
// so M is lognormal with mean 1 (the expectation stays the expectation) and
// median exp(-sigma^2 / 2). sigma is the editable "engagement spread": 0 means no
// spread; the default 0.5 puts an influencer's 5th..95th percentile at 0.39..2.01
// times their expectation. Every quantity driven by engagements (targeted
// engagements, conversions) moves with the same multiplier; cost and reach do not.
// Low / high (deterministic, no randomness): every influencer at their own 5th /
// 95th percentile at the same time (perfectly correlated): a cautious, wide band.
// Monte Carlo: percentiles by nearest rank over `trials` draws; "A beats B" per trial,
// ties count as half. Two assumptions shape the draws (both 0 by default, stated on screen):
//   shared shock rho (0..1): a campaign-level shock (the season, the product, the brief)
//       that all influencers of a plan share: Z = sqrt(rho) Z_plan + sqrt(1 - rho) Z_own,
//       so two influencers' log-multipliers correlate by rho and each keeps its spread.
//       0: influencers independent; 1: the plan moves as one. Each plan has its own shock.
//   conversion spread s_c (0..2): each influencer's conversion rate is its typed one times
//       C = exp(s_c Z_c - s_c^2 / 2) (mean 1; Z_c shares the plan's shock as above), on top
//       of the engagement multiplier. 0: conversion rates as typed.
// Prices, reach, audience quality and the funnel's rates stay as typed: P(A beats B) is
// conditional on them (simulation_conditions says so in words).
// Example: sigma 0.5, one influencer expecting 1,000 engagements:
//     low 387.7, expected 1,000, high 2,008.6 engagements.
// Same seed, same numbers in every build: the normal draws come from std::mt19937_64's
// raw output through our own ziggurat, and log and exp are our own, written with
// + - * / and sqrt only (IEEE-754 correctly rounded, so identical natively and in wasm;
// no std::*_distribution, no std::log or std::exp).
#pragma once

#include "core/campaign.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "core/numbers.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace core {

inline constexpr double max_spread_sigma = 2.0;
inline constexpr int max_simulation_trials = 100'000;
// trials x influencers drawn in one simulation; keeps one call under about a second.
inline constexpr std::int64_t max_simulation_draws = 50'000'000;
// z such that P(Z <= z) = 0.95 for a standard normal (the 95th percentile).
inline constexpr double z_95 = 1.6448536269514722;

struct UncertaintySettings {
    double sigma = 0.5;              // lognormal sigma of the per-influencer multiplier, 0..2
    std::uint64_t seed = 20'170'101; // any value; same seed, same numbers
    int trials = 10'000;             // Monte Carlo draws, 1..100,000
    double shared_shock = 0.0;     // rho: the share of the spread a plan's influencers share, 0..1
    double conversion_sigma = 0.0; // lognormal sigma of each conversion rate, 0..2
};

// A value and its range. For cost-per results, low is the cheaper (better) end.
struct Band {
    double low = 0.0;
    double expected = 0.0;
    double high = 0.0;
};

struct MoneyBand {
    std::optional<Money> low, expected, high; // nullopt when nothing is expected
};

// What a simulation needs from a plan, as flat arrays (one entry per influencer).
struct SimulationPlan {
    std::vector<double> engagements;          // expected engagements, all posts
    std::vector<double> targeted_engagements; // expected engagements x audience fit
    std::vector<double> conversions;          // expected conversions driven by engagements
    double fixed_conversions = 0.0;           // conversions the spread does not move (clicks from
                                              // impressions); added to every trial as they are
    double estimated_reach = 0.0;             // fixed: the spread does not move reach
    Money cost;                               // fixed
};

// Builds the simulation input from an evaluated campaign (rows with errors skipped).
[[nodiscard]] SimulationPlan simulation_plan(const CampaignResult& result);

struct PlanBands {
    Band engagements, targeted_engagements, conversions;
    MoneyBand cost_per_engagement, cost_per_targeted_engagement, cost_per_conversion;
};

// Deterministic low / expected / high (5th / 95th percentile multipliers).
[[nodiscard]] Result<PlanBands> plan_bands(const SimulationPlan& plan, double sigma);

struct Percentiles {
    double p5 = 0.0, p25 = 0.0, p50 = 0.0, p75 = 0.0, p95 = 0.0;
    double mean = 0.0;
};

struct PlanSimulation {
    Percentiles engagements, targeted_engagements, conversions;
    // Cost per engagement at the engagement percentiles, mirrored: cost_per_engagement.low
    // is cost / engagements.p95, .high is cost / p5; .expected is cost / the mean of the
    // engagements (the expectation, as everywhere else), and cost_per_engagement_median is
    // cost / engagements.p50. With sigma 0.5 one influencer's median is exp(-0.125) = 0.88
    // of the mean, so cost / median would overstate the expected cost by about 13%.
    MoneyBand cost_per_engagement;
    std::optional<Money> cost_per_engagement_median;
};

struct PairSimulation {
    PlanSimulation a, b;
    PlanMetric metric = PlanMetric::engagements;
    Judgement judgement = Judgement::cost_per_result;
    double probability_a_beats_b = 0.0; // 0..1
    int trials = 0;
    std::string conditional_on; // simulation_conditions(): what the probability takes as given
};

// What a simulated "A beats B" is conditional on, in one sentence: the spread, the shared
// shock and the conversion spread as set, and everything the simulation keeps as typed.
[[nodiscard]] std::string simulation_conditions(const UncertaintySettings& settings,
                                                NumberFormat format = {});

// One plan. Draw order (part of the contract, so results never change between
// versions or builds): trial by trial; in a trial, the plan's shock (only when rho > 0)
// and its conversion shock (only when rho > 0 and s_c > 0), then influencer by
// influencer one normal for engagement and one for conversion (only when s_c > 0). With
// rho = 0 and s_c = 0 the draws are those of the versions before these assumptions.
[[nodiscard]] Result<PlanSimulation> simulate_plan(const SimulationPlan& plan,
                                                   const UncertaintySettings& settings);

// Two plans from one random stream: in each trial, plan A's draws, then B's.
// A beats B in a trial when it has more of `metric` (Judgement::total_result) or a
// lower cost per unit of `metric` (Judgement::cost_per_result).
[[nodiscard]] Result<PairSimulation> simulate_pair(const SimulationPlan& a, const SimulationPlan& b,
                                                   PlanMetric metric, Judgement judgement,
                                                   const UncertaintySettings& settings);

[[nodiscard]] Result<UncertaintySettings> validate_uncertainty(const UncertaintySettings& settings);

namespace detail {

// Natural log and exp from + - * /, sqrt and exact scaling by powers of two only, so
// every IEEE-754 build returns the same bits. Accurate to about 2 ulp.
// det_log: x > 0 and finite. det_exp: any x; 0 below -708, 1e308 above 709.
[[nodiscard]] double det_log(double x);
[[nodiscard]] double det_exp(double x);

// The ziggurat for the standard normal density f(x) = exp(-x^2 / 2): 128 layers of
// equal area V. x[1] = R is where the tail starts, x[0] = V / f(R) is the width of the
// base layer (which includes the tail), x[i + 1] = f^-1(f(x[i]) + V / x[i]), x[128] = 0.
inline constexpr int ziggurat_layers = 128;
inline constexpr double ziggurat_r = 3.442619855899;
inline constexpr double ziggurat_v = 9.91256303526217e-3;
struct ZigguratTables {
    double x[ziggurat_layers + 1];
    double f[ziggurat_layers + 1]; // f(x[i]); f[0] = 0 (the base layer starts at y = 0)
};
[[nodiscard]] const ZigguratTables& ziggurat_tables();

// Standard normal draws on top of mt19937_64 by the ziggurat method (Marsaglia and
// Tsang, 2000), written out here: one engine output gives the layer (low 7 bits) and a
// signed uniform (top 53 bits); about 99% of draws need nothing more than a multiply
// and a compare. The wedges and the tail use further engine outputs.
class NormalStream {
public:
    explicit NormalStream(std::uint64_t seed) : engine_(seed), tables_(&ziggurat_tables()) {}
    [[nodiscard]] double next() {
        const std::uint64_t bits = engine_();
        const auto layer = static_cast<int>(bits & (ziggurat_layers - 1));
        // Signed uniform on [-1, 1) from the top 53 bits (bits 11..63; the layer uses 0..6).
        const double u = static_cast<double>(bits >> 11) * 0x1.0p-52 - 1.0;
        const double z = u * tables_->x[layer];
        if (z < tables_->x[layer + 1] && -z < tables_->x[layer + 1]) {
            return z;
        }
        return slow_path(layer, z);
    }
    // Uniform on [0, 1) from the top 53 bits of one engine output.
    [[nodiscard]] double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

private:
    double slow_path(int layer, double z);
    std::mt19937_64 engine_;
    const ZigguratTables* tables_;
};

// Adds one trial's draws to the totals: the simulation's inner loop over flat arrays.
// For each i: m = exp(sigma * z_i - sigma^2 / 2), z_i = sqrt(rho) z_plan + sqrt(1 - rho)
// z_own; totals += m * arrays[i] (conversions also x the conversion multiplier).
struct TrialTotals {
    double engagements = 0.0, targeted_engagements = 0.0, conversions = 0.0;
};
struct TrialShape {
    double sigma = 0.0;
    double shared_shock = 0.0;
    double conversion_sigma = 0.0;
};
[[nodiscard]] TrialTotals draw_trial(NormalStream& stream, const TrialShape& shape,
                                     const double* engagements, const double* targeted,
                                     const double* conversions, std::size_t count);

// Nearest-rank percentile of sorted values: sorted[ceil(p * n) - 1], p in (0, 1].
[[nodiscard]] double nearest_rank(const std::vector<double>& sorted, double p);

} // namespace detail

} // namespace core
