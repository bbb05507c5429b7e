#include "core/uncertainty.hpp"
#include "tests/unit/test_money.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <gtest/gtest.h>
#include <random>
#include <vector>

namespace {

using core::Money;
using core::SimulationPlan;
using core::UncertaintySettings;

SimulationPlan uniform_plan(std::size_t influencers, double engagements_each,
                            std::int64_t cost_cents) {
    SimulationPlan plan;
    plan.engagements.assign(influencers, engagements_each);
    plan.targeted_engagements.assign(influencers, engagements_each * 0.5);
    plan.conversions.assign(influencers, engagements_each * 0.01);
    plan.estimated_reach = 10.0 * engagements_each * static_cast<double>(influencers);
    plan.cost = cents(cost_cents);
    return plan;
}

UncertaintySettings settings(double sigma, int trials, std::uint64_t seed = 7) {
    UncertaintySettings s;
    s.sigma = sigma;
    s.trials = trials;
    s.seed = seed;
    return s;
}

TEST(UncertaintyTest, DetLogMatchesTheLibraryLog) {
    std::mt19937_64 engine(1);
    for (int i = 0; i < 20'000; ++i) {
        // Values from 1e-300 to 1e300, and many in (0, 1] where the simulation uses it.
        const double u = static_cast<double>((engine() >> 11) + 1) * 0x1.0p-53;
        const double x = (i % 2 == 0) ? u : std::ldexp(u, static_cast<int>(engine() % 1990) - 995);
        const double expected = std::log(x);
        EXPECT_NEAR(core::detail::det_log(x), expected, 1e-15 * std::fabs(expected) + 1e-300) << x;
    }
    EXPECT_EQ(core::detail::det_log(1.0), 0.0);
    EXPECT_NEAR(core::detail::det_log(2.0), 0.6931471805599453, 1e-16);
}

TEST(UncertaintyTest, DetExpMatchesTheLibraryExp) {
    for (double x = -707.0; x <= 709.0; x += 0.0137) {
        const double expected = std::exp(x);
        EXPECT_NEAR(core::detail::det_exp(x), expected, 1e-15 * expected) << x;
    }
    EXPECT_EQ(core::detail::det_exp(0.0), 1.0);
    EXPECT_EQ(core::detail::det_exp(-800.0), 0.0);
    EXPECT_EQ(core::detail::det_exp(1000.0), 1e308);
}

TEST(UncertaintyTest, UniformUsesTheTop53BitsOfTheEngine) {
    core::detail::NormalStream stream(99);
    std::mt19937_64 engine(99);
    for (int i = 0; i < 100; ++i) {
        EXPECT_EQ(stream.uniform(), std::ldexp(static_cast<double>(engine() >> 11), -53));
    }
}

TEST(UncertaintyTest, ZigguratLayersHaveEqualArea) {
    // Every layer above the base is a rectangle of width x[i] and height
    // f(x[i + 1]) - f(x[i]) with area V; the base is x[0] x f(R) = V too.
    const core::detail::ZigguratTables& t = core::detail::ziggurat_tables();
    const double v = core::detail::ziggurat_v;
    const auto f = [](double x) {
        return std::exp(-0.5 * x * x);
    };
    EXPECT_NEAR(t.x[0] * f(t.x[1]), v, 1e-15);
    for (int i = 1; i < core::detail::ziggurat_layers - 1; ++i) {
        EXPECT_NEAR(t.x[i] * (f(t.x[i + 1]) - f(t.x[i])), v, 1e-13) << i;
        EXPECT_GT(t.x[i], t.x[i + 1]);
        EXPECT_NEAR(t.f[i], f(t.x[i]), 1e-15);
    }
    // The top layer closes at x = 0: its area with the set top matches V closely,
    // which checks R and V belong together.
    const int top = core::detail::ziggurat_layers - 1;
    EXPECT_NEAR(t.x[top] * (1.0 - f(t.x[top])), v, 1e-9);
    // And V is the area under f beyond R plus the base rectangle below f(R):
    // R f(R) + sqrt(pi / 2) erfc(R / sqrt 2).
    const double r = core::detail::ziggurat_r;
    EXPECT_NEAR(r * f(r) + std::sqrt(std::acos(-1.0) / 2.0) * std::erfc(r / std::sqrt(2.0)), v,
                1e-12);
}

TEST(UncertaintyTest, NormalDrawsMatchTheNormalDistribution) {
    // Deciles of the standard normal, and the share of draws beyond the ziggurat's
    // tail start R = 3.4426 (2 x 0.000288 = 0.000576), which exercises the tail code.
    const double deciles[] = {
        -1.2815515655446004, -0.8416212335729143, -0.5244005127080407, -0.2533471031357997, 0.0,
        0.2533471031357997,  0.5244005127080407,  0.8416212335729143,  1.2815515655446004};
    core::detail::NormalStream stream(31);
    const int n = 1'000'000;
    int below[9] = {};
    int beyond_r = 0;
    int negative_beyond_r = 0;
    for (int i = 0; i < n; ++i) {
        const double z = stream.next();
        ASSERT_TRUE(std::isfinite(z));
        for (int d = 0; d < 9; ++d) {
            below[d] += z <= deciles[d] ? 1 : 0;
        }
        if (std::fabs(z) > core::detail::ziggurat_r) {
            ++beyond_r;
            negative_beyond_r += z < 0.0 ? 1 : 0;
        }
    }
    for (int d = 0; d < 9; ++d) {
        // Standard error at most 0.0005; allow six of them.
        EXPECT_NEAR(static_cast<double>(below[d]) / n, 0.1 * (d + 1), 0.003) << d;
    }
    EXPECT_NEAR(static_cast<double>(beyond_r) / n, 0.000576, 0.00012);
    EXPECT_NEAR(static_cast<double>(negative_beyond_r), beyond_r / 2.0, 4.0 * std::sqrt(beyond_r));
}

TEST(UncertaintyTest, NormalDrawsHaveMeanZeroAndVarianceOne) {
    core::detail::NormalStream stream(5);
    const int n = 200'000;
    double sum = 0.0;
    double squares = 0.0;
    int below_z95 = 0;
    for (int i = 0; i < n; ++i) {
        const double z = stream.next();
        sum += z;
        squares += z * z;
        below_z95 += z <= core::z_95 ? 1 : 0;
    }
    const double mean = sum / n;
    EXPECT_NEAR(mean, 0.0, 0.01);                      // standard error 0.0022
    EXPECT_NEAR(squares / n - mean * mean, 1.0, 0.02); // standard error 0.0032
    EXPECT_NEAR(static_cast<double>(below_z95) / n, 0.95, 0.003);
}

TEST(UncertaintyTest, LognormalMultiplierHasMeanOne) {
    // One influencer expecting 1 engagement: the simulated engagements are the
    // multiplier itself. Mean 1; median exp(-sigma^2 / 2).
    for (const double sigma : {0.25, 0.5, 1.0}) {
        const auto result =
            core::simulate_plan(uniform_plan(1, 1.0, 100), settings(sigma, 100'000));
        ASSERT_TRUE(result.ok());
        const double sd = std::sqrt(std::exp(sigma * sigma) - 1.0);
        EXPECT_NEAR(result.value().engagements.mean, 1.0, 5.0 * sd / std::sqrt(100'000.0));
        EXPECT_NEAR(result.value().engagements.p50, std::exp(-sigma * sigma / 2.0), 0.02);
        EXPECT_NEAR(result.value().engagements.p95,
                    std::exp(sigma * core::z_95 - sigma * sigma / 2.0), 0.05 * sigma);
    }
}

TEST(UncertaintyTest, HeaderWorkedExampleBands) {
    // sigma 0.5, 1,000 expected engagements: low 1,000 x exp(-0.125 - 0.5 x 1.6449) and
    // high 1,000 x exp(-0.125 + 0.5 x 1.6449), i.e. 387.7 and 2,008.6.
    const auto bands = core::plan_bands(uniform_plan(1, 1000.0, 100'000), 0.5);
    ASSERT_TRUE(bands.ok());
    const core::Band& e = bands.value().engagements;
    EXPECT_NEAR(e.low, 1000.0 * std::exp(-0.125 - 0.5 * 1.6448536269514722), 1e-9);
    EXPECT_NEAR(e.high, 1000.0 * std::exp(-0.125 + 0.5 * 1.6448536269514722), 1e-9);
    EXPECT_NEAR(e.low, 387.7, 0.05);
    EXPECT_NEAR(e.high, 2008.6, 0.05);
    EXPECT_EQ(e.expected, 1000.0);
    // Cost per engagement mirrors: $1,000 / 2,008.6 = $0.50 at the cheap end.
    EXPECT_EQ(*bands.value().cost_per_engagement.low, cents(50));
    EXPECT_EQ(*bands.value().cost_per_engagement.expected, cents(100));
    EXPECT_EQ(*bands.value().cost_per_engagement.high, cents(258));
}

TEST(UncertaintyTest, ZeroSpreadCollapsesEveryBand) {
    const auto plan = uniform_plan(3, 100.0, 30'000);
    const auto bands = core::plan_bands(plan, 0.0);
    ASSERT_TRUE(bands.ok());
    EXPECT_EQ(bands.value().engagements.low, 300.0);
    EXPECT_EQ(bands.value().engagements.high, 300.0);
    const auto simulated = core::simulate_plan(plan, settings(0.0, 50));
    ASSERT_TRUE(simulated.ok());
    EXPECT_EQ(simulated.value().engagements.p5, 300.0);
    EXPECT_EQ(simulated.value().engagements.p95, 300.0);
}

TEST(UncertaintyTest, SameSeedSameNumbersOtherSeedOtherNumbers) {
    const auto plan = uniform_plan(20, 50.0, 200'000);
    const auto first = core::simulate_plan(plan, settings(0.5, 2000, 11));
    const auto again = core::simulate_plan(plan, settings(0.5, 2000, 11));
    const auto other = core::simulate_plan(plan, settings(0.5, 2000, 12));
    ASSERT_TRUE(first.ok() && again.ok() && other.ok());
    EXPECT_EQ(first.value().engagements.p50, again.value().engagements.p50);
    EXPECT_EQ(first.value().engagements.mean, again.value().engagements.mean);
    EXPECT_NE(first.value().engagements.mean, other.value().engagements.mean);
}

TEST(UncertaintyTest, PercentilesAreOrderedAndMoveTogether) {
    const auto result = core::simulate_plan(uniform_plan(10, 74.0, 100'000), settings(0.5, 5000));
    ASSERT_TRUE(result.ok());
    const core::Percentiles& p = result.value().engagements;
    EXPECT_LE(p.p5, p.p25);
    EXPECT_LE(p.p25, p.p50);
    EXPECT_LE(p.p50, p.p75);
    EXPECT_LE(p.p75, p.p95);
    // Targeted engagements are half of engagements for every influencer here.
    EXPECT_NEAR(result.value().targeted_engagements.p50, p.p50 * 0.5, 1e-9 * p.p50);
    EXPECT_NEAR(p.mean, 740.0, 740.0 * 0.01);
    // Cost per engagement mirrors the engagement percentiles.
    EXPECT_EQ(result.value().cost_per_engagement.low, core::cost_per_unit(cents(100'000), p.p95));
    EXPECT_EQ(result.value().cost_per_engagement.high, core::cost_per_unit(cents(100'000), p.p5));
}

// "Expected" is cost over the mean, as in every other figure; the median is shown as the
// median. One influencer, sigma 0.5: the median engagements are exp(-0.125) = 0.8825 of
// the mean, so cost / median would overstate the expected cost per engagement by 13%.
TEST(UncertaintyTest, ExpectedCostPerEngagementIsCostOverTheMeanNotTheMedian) {
    const auto result =
        core::simulate_plan(uniform_plan(1, 1'000.0, 100'000), settings(0.5, 20000));
    ASSERT_TRUE(result.ok());
    const core::PlanSimulation& sim = result.value();
    EXPECT_EQ(sim.cost_per_engagement.expected,
              core::cost_per_unit(cents(100'000), sim.engagements.mean));
    EXPECT_EQ(sim.cost_per_engagement_median,
              core::cost_per_unit(cents(100'000), sim.engagements.p50));
    EXPECT_NEAR(sim.engagements.mean, 1'000.0, 1'000.0 * 0.02);
    EXPECT_NEAR(sim.engagements.p50 / sim.engagements.mean, std::exp(-0.125), 0.03);
    const double overstated = static_cast<double>(sim.cost_per_engagement_median->cents) /
                              static_cast<double>(sim.cost_per_engagement.expected->cents);
    EXPECT_GT(overstated, 1.08);
}

TEST(UncertaintyTest, IndependentDrawsGiveANarrowerBandThanTheCautiousLowHigh) {
    const auto plan = uniform_plan(10, 74.0, 100'000);
    const auto bands = core::plan_bands(plan, 0.5);
    const auto simulated = core::simulate_plan(plan, settings(0.5, 10'000));
    ASSERT_TRUE(bands.ok() && simulated.ok());
    EXPECT_GT(simulated.value().engagements.p5, bands.value().engagements.low);
    EXPECT_LT(simulated.value().engagements.p95, bands.value().engagements.high);
}

TEST(UncertaintyTest, IdenticalPlansBeatEachOtherHalfTheTime) {
    const auto plan = uniform_plan(5, 100.0, 50'000);
    const auto result = core::simulate_pair(plan, plan, core::PlanMetric::engagements,
                                            core::Judgement::total_result, settings(0.5, 20'000));
    ASSERT_TRUE(result.ok());
    EXPECT_NEAR(result.value().probability_a_beats_b, 0.5, 0.02);
}

TEST(UncertaintyTest, ZeroSpreadDecidesWithCertaintyAndTiesAreHalf) {
    const auto big = uniform_plan(1, 24'000.0, 500'000); // $0.21 per engagement
    const auto small = uniform_plan(10, 74.0, 100'000);  // $1.35 per engagement
    auto result = core::simulate_pair(big, small, core::PlanMetric::engagements,
                                      core::Judgement::cost_per_result, settings(0.0, 100));
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.value().probability_a_beats_b, 1.0);
    result = core::simulate_pair(small, big, core::PlanMetric::engagements,
                                 core::Judgement::cost_per_result, settings(0.0, 100));
    EXPECT_EQ(result.value().probability_a_beats_b, 0.0);
    result = core::simulate_pair(small, small, core::PlanMetric::engagements,
                                 core::Judgement::total_result, settings(0.0, 100));
    EXPECT_EQ(result.value().probability_a_beats_b, 0.5);
    // Reach does not move with the engagement spread.
    result = core::simulate_pair(big, small, core::PlanMetric::estimated_reach,
                                 core::Judgement::total_result, settings(0.8, 100));
    EXPECT_EQ(result.value().probability_a_beats_b, 1.0);
}

TEST(UncertaintyTest, TheArticleMacroStaysCheaperPerEngagementUnderSpread) {
    // One macro post (24,000 expected engagements for $5,000) against ten micros (740 for
    // $1,000): with a 0.5 spread the macro's 5th percentile still costs $5,000 / 9,300 =
    // $0.54 per engagement, below the micros' expected $1.35: the macro nearly always wins.
    const auto result = core::simulate_pair(
        uniform_plan(1, 24'000.0, 500'000), uniform_plan(10, 74.0, 100'000),
        core::PlanMetric::engagements, core::Judgement::cost_per_result, settings(0.5, 10'000));
    ASSERT_TRUE(result.ok());
    EXPECT_GT(result.value().probability_a_beats_b, 0.99);
}

TEST(UncertaintyTest, SettingsAreValidatedWithFieldMessages) {
    const auto plan = uniform_plan(1, 1.0, 100);
    auto result = core::simulate_plan(plan, settings(2.5, 100));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().field, "Engagement spread");
    EXPECT_EQ(result.error().message,
              "Engagement spread: type a spread (lognormal sigma) from 0 to 2, such as 0.5.");
    result = core::simulate_plan(plan, settings(std::nan(""), 100));
    EXPECT_FALSE(result.ok());
    result = core::simulate_plan(plan, settings(0.5, 0));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().field, "Trials");
    result = core::simulate_plan(uniform_plan(1000, 1.0, 100), settings(0.5, 100'000));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, core::ErrorCode::too_large);

    SimulationPlan broken = plan;
    broken.conversions.clear();
    EXPECT_FALSE(core::simulate_plan(broken, settings(0.5, 10)).ok());
    broken = plan;
    broken.engagements[0] = -1.0;
    EXPECT_FALSE(core::plan_bands(broken, 0.5).ok());
    EXPECT_FALSE(core::simulate_pair(plan, broken, core::PlanMetric::engagements,
                                     core::Judgement::total_result, settings(0.5, 10))
                     .ok());
}

TEST(UncertaintyTest, SimulationPlanSkipsInvalidRows) {
    core::CampaignInputs inputs;
    inputs.budget = cents(500'000);
    inputs.funnel = core::default_funnel_assumptions(core::Currency::usd);
    core::Influencer good;
    good.id = 1;
    good.followers = 1000;
    good.engagement_value = 0.074;
    good.price_per_post = cents(10'000);
    good.audience_fit = 0.5;
    core::Influencer bad = good;
    bad.id = 2;
    bad.followers = 0;
    inputs.roster = {good, bad, good};
    inputs.roster[2].id = 3;
    const auto campaign = core::evaluate_campaign(inputs);
    ASSERT_TRUE(campaign.ok());
    const SimulationPlan plan = core::simulation_plan(campaign.value());
    ASSERT_EQ(plan.engagements.size(), 2u);
    EXPECT_NEAR(plan.engagements[1], 74.0, 1e-9);
    EXPECT_NEAR(plan.targeted_engagements[1], 37.0, 1e-9);
    EXPECT_EQ(plan.cost, cents(20'000));
}

TEST(UncertaintyTest, ConversionsFromImpressionsDoNotMoveWithEngagement) {
    core::CampaignInputs inputs;
    inputs.budget = cents(500'000);
    inputs.funnel = core::default_funnel_assumptions(core::Currency::usd);
    inputs.funnel.click_basis = core::ClickBasis::impressions;
    core::Influencer one;
    one.id = 1;
    one.followers = 10'000;
    one.engagement_value = 0.05;
    one.price_per_post = cents(10'000);
    inputs.roster = {one};
    const auto campaign = core::evaluate_campaign(inputs);
    ASSERT_TRUE(campaign.ok());
    const SimulationPlan plan = core::simulation_plan(campaign.value());
    // 10,000 x 10% reach = 1,000 impressions x 2% x 2% = 0.4 conversions, fixed.
    EXPECT_NEAR(plan.fixed_conversions, 0.4, 1e-12);
    EXPECT_EQ(plan.conversions[0], 0.0);
    const auto bands = core::plan_bands(plan, 0.8);
    ASSERT_TRUE(bands.ok());
    EXPECT_NEAR(bands.value().conversions.low, 0.4, 1e-12);
    EXPECT_NEAR(bands.value().conversions.high, 0.4, 1e-12);
    EXPECT_LT(bands.value().engagements.low, bands.value().engagements.high);
    const auto simulated = core::simulate_plan(plan, settings(0.8, 500));
    ASSERT_TRUE(simulated.ok());
    EXPECT_NEAR(simulated.value().conversions.p5, 0.4, 1e-12);
    EXPECT_NEAR(simulated.value().conversions.p95, 0.4, 1e-12);
}

std::uint64_t fold_bits(std::uint64_t hash, double value) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    // FNV-1a over the eight bytes.
    for (int i = 0; i < 8; ++i) {
        hash ^= (bits >> (8 * i)) & 0xffu;
        hash *= 0x100000001b3u;
    }
    return hash;
}

// Cross-build pins. The numbers below were printed by the native (g++, libstdc++) build
// and the test must pass unchanged in the wasm (clang, libc++, musl) build: that is the
// "same seed, same numbers" promise. Their correctness is covered by the statistical
// tests above; these only prove the two builds agree bit for bit.
TEST(UncertaintyTest, CrossBuildChecksumOfNormalDraws) {
    core::detail::NormalStream stream(42);
    std::uint64_t hash = 0xcbf29ce484222325u;
    for (int i = 0; i < 4096; ++i) {
        hash = fold_bits(hash, stream.next());
    }
    std::uint64_t exp_hash = 0xcbf29ce484222325u;
    for (int i = 0; i < 4096; ++i) {
        exp_hash = fold_bits(exp_hash, core::detail::det_exp(-3.0 + 0.0015 * i));
        exp_hash = fold_bits(exp_hash, core::detail::det_log(0.0001 + 0.25 * i));
    }
    EXPECT_EQ(hash, 18251292430352484077u);
    EXPECT_EQ(exp_hash, 6344048874668837997u);
}

TEST(UncertaintyTest, CrossBuildPinnedFiftyInfluencerSimulation) {
    SimulationPlan a;
    SimulationPlan b = uniform_plan(10, 1000.0, 500'000);
    for (int i = 0; i < 50; ++i) {
        a.engagements.push_back(50.0 + 7.0 * i);
        a.targeted_engagements.push_back((50.0 + 7.0 * i) * 0.6);
        a.conversions.push_back((50.0 + 7.0 * i) * 0.0004);
    }
    a.cost = cents(500'000);
    const auto result =
        core::simulate_pair(a, b, core::PlanMetric::engagements, core::Judgement::cost_per_result,
                            settings(0.5, 10'000, 20'170'101));
    ASSERT_TRUE(result.ok());
    const core::PairSimulation& r = result.value();
    // A tight relative tolerance: the draws are designed to agree bit for bit, and the
    // checksum test above holds them to it; these values only need to be the same numbers.
    const auto near = [](double actual, double pinned) {
        EXPECT_NEAR(actual, pinned, 1e-12 * pinned);
    };
    near(r.a.engagements.p5, 9663.9052199543912);
    near(r.a.engagements.p50, 11033.548534193205);
    near(r.a.engagements.p95, 12661.375708120411);
    near(r.a.engagements.mean, 11085.697017892955);
    near(r.b.engagements.p50, 9871.5243912036203);
    // 7,331 of 10,000 trials: a count, so it is exact.
    EXPECT_EQ(r.probability_a_beats_b, 0.7331);
}

TEST(UncertaintyTest, SharedShockWidensAPlanButKeepsItsMean) {
    // Fifty alike influencers: independent draws average out; a shared shock does not.
    const auto plan = uniform_plan(50, 1000.0, 500'000);
    UncertaintySettings independent = settings(0.5, 20'000);
    UncertaintySettings shared = independent;
    shared.shared_shock = 0.5;
    const auto a = core::simulate_plan(plan, independent);
    const auto b = core::simulate_plan(plan, shared);
    ASSERT_TRUE(a.ok() && b.ok());
    const auto width = [](const core::Percentiles& q) {
        return q.p95 - q.p5;
    };
    EXPECT_GT(width(b.value().engagements), 4.0 * width(a.value().engagements));
    EXPECT_NEAR(b.value().engagements.mean, 50'000.0, 0.02 * 50'000.0);
    EXPECT_NEAR(a.value().engagements.mean, 50'000.0, 0.01 * 50'000.0);
}

TEST(UncertaintyTest, FullSharedShockMovesThePlanAsOne) {
    // rho = 1: every influencer takes the plan's multiplier, so the plan's percentiles are
    // one influencer's (the cautious band's 5th and 95th percentiles).
    const auto plan = uniform_plan(20, 100.0, 100'000);
    UncertaintySettings s = settings(0.5, 20'000);
    s.shared_shock = 1.0;
    const auto result = core::simulate_plan(plan, s);
    const auto bands = core::plan_bands(plan, 0.5);
    ASSERT_TRUE(result.ok() && bands.ok());
    EXPECT_NEAR(result.value().engagements.p5, bands.value().engagements.low,
                0.03 * bands.value().engagements.low);
    EXPECT_NEAR(result.value().engagements.p95, bands.value().engagements.high,
                0.03 * bands.value().engagements.high);
}

TEST(UncertaintyTest, ConversionSpreadMovesConversionsNotEngagements) {
    const auto plan = uniform_plan(30, 1000.0, 300'000);
    UncertaintySettings s = settings(0.5, 20'000);
    s.conversion_sigma = 0.8;
    const auto result = core::simulate_plan(plan, s);
    ASSERT_TRUE(result.ok());
    const core::PlanSimulation& r = result.value();
    const auto relative_width = [](const core::Percentiles& q) {
        return (q.p95 - q.p5) / q.mean;
    };
    // Without the conversion spread conversions are engagements x 0.01 in every trial.
    EXPECT_GT(relative_width(r.conversions), 1.3 * relative_width(r.engagements));
    EXPECT_NEAR(r.conversions.mean, 300.0, 0.02 * 300.0);       // the typed rate stays the mean
    EXPECT_NEAR(r.engagements.mean, 30'000.0, 0.01 * 30'000.0); // engagements keep theirs
}

TEST(UncertaintyTest, SharedShockAndConversionSpreadAreValidated) {
    const auto plan = uniform_plan(1, 1.0, 100);
    UncertaintySettings s = settings(0.5, 10);
    s.shared_shock = 1.5;
    auto result = core::simulate_plan(plan, s);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().field, "Shared shock");
    s.shared_shock = 0.3;
    s.conversion_sigma = -0.1;
    result = core::simulate_plan(plan, s);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().field, "Conversion spread");
}

TEST(UncertaintyTest, ProbabilityStatesWhatItIsConditionalOn) {
    const auto plan = uniform_plan(3, 100.0, 10'000);
    UncertaintySettings s = settings(0.5, 100);
    auto result = core::simulate_pair(plan, plan, core::PlanMetric::engagements,
                                      core::Judgement::cost_per_result, s);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.value().conditional_on,
              "Given each plan's expected figures, with an engagement spread of 0.50 (an "
              "assumption), no shared shock (an assumption: the influencers of a plan move "
              "independently), conversion rates as typed, and prices, reach, audience quality "
              "and the funnel's rates as typed.");
    s.shared_shock = 0.3;
    s.conversion_sigma = 0.25;
    EXPECT_EQ(core::simulation_conditions(s),
              "Given each plan's expected figures, with an engagement spread of 0.50 (an "
              "assumption), a shared shock of 30% (an assumption: the influencers of a plan "
              "move together that much), a conversion spread of 0.25, and prices, reach, "
              "audience quality and the funnel's rates as typed.");
}

} // namespace
