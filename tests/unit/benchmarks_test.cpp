#include "core/benchmarks.hpp"
#include "core/formulas.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <random>
#include <set>

namespace {

using core::BenchmarkSet;
using core::GradeBand;
using core::Tier;

const BenchmarkSet& builtin(std::string_view id) {
    const BenchmarkSet* set = core::find_benchmark_set(core::builtin_benchmark_sets(), id);
    EXPECT_NE(set, nullptr) << id;
    return *set;
}

TEST(BenchmarksTest, BuiltinSetsAreValidCitedAndCoverEveryCount) {
    const auto& sets = core::builtin_benchmark_sets();
    ASSERT_GE(sets.size(), 3u);
    EXPECT_EQ(sets[0].id, "article"); // the default
    std::set<std::string> ids;
    bool has_2020s = false;
    for (const auto& set : sets) {
        EXPECT_TRUE(ids.insert(set.id).second) << "duplicate id " << set.id;
        EXPECT_TRUE(core::validate_benchmark_set(set).ok()) << set.id;
        EXPECT_FALSE(set.source.empty()) << set.id;
        EXPECT_GE(set.year, 2015) << set.id;
        has_2020s = has_2020s || set.year >= 2020;
        EXPECT_EQ(set.tiers.front().min_followers, 0) << set.id;
        EXPECT_EQ(set.tiers.back().max_followers, core::no_follower_limit) << set.id;
        for (std::size_t i = 1; i < set.tiers.size(); ++i) {
            // Contiguous: no gaps in the built-in sets.
            EXPECT_EQ(set.tiers[i].min_followers, set.tiers[i - 1].max_followers + 1) << set.id;
        }
        for (const auto& tier : set.tiers) {
            // A derived figure always explains itself.
            if (tier.derived) {
                EXPECT_NE(tier.note.find("Derived"), std::string::npos) << set.id << tier.name;
            }
        }
    }
    EXPECT_TRUE(has_2020s);
}

TEST(BenchmarksTest, ArticleSetFigures) {
    const auto& set = builtin("article");
    EXPECT_EQ(set.source, "AdWeek, as cited by the article on micro-influencer marketing");
    struct Case {
        std::int64_t followers;
        double rate;
        bool derived;
    };
    const Case cases[] = {
        {0, 0.15, false},
        {500, 0.15, false},
        {999, 0.15, false},
        {1'000, 0.074, false},
        {2'000, 0.074, false},
        {9'999, 0.074, false},
        {10'000, 0.042, true},
        {99'999, 0.042, true},
        {100'000, 0.024, false},
        {1'000'000, 0.024, false},
        {5'000'000'000, 0.024, false},
    };
    for (const auto& c : cases) {
        const Tier* tier = core::tier_for(set, c.followers);
        ASSERT_NE(tier, nullptr) << c.followers;
        EXPECT_DOUBLE_EQ(tier->engagement_rate, c.rate) << c.followers;
        EXPECT_EQ(tier->derived, c.derived) << c.followers;
    }
}

TEST(BenchmarksTest, ArticleDerivedTierIsTheGeometricMeanOfItsNeighbours) {
    const auto& set = builtin("article");
    const double below = core::tier_for(set, 5'000)->engagement_rate;
    const double above = core::tier_for(set, 500'000)->engagement_rate;
    const double derived = core::tier_for(set, 50'000)->engagement_rate;
    EXPECT_NEAR(derived, std::sqrt(below * above), 0.0005); // 4.21%, stored as 4.2%
    EXPECT_LT(derived, below);
    EXPECT_GT(derived, above);
}

TEST(BenchmarksTest, MarkerlyFiguresAndDerivedGap) {
    const auto& set = builtin("markerly-2016");
    EXPECT_EQ(set.year, 2016);
    EXPECT_DOUBLE_EQ(core::tier_for(set, 500)->engagement_rate, 0.08);
    EXPECT_DOUBLE_EQ(core::tier_for(set, 5'000)->engagement_rate, 0.04);
    EXPECT_DOUBLE_EQ(core::tier_for(set, 50'000)->engagement_rate, 0.024);
    EXPECT_DOUBLE_EQ(core::tier_for(set, 5'000'000)->engagement_rate, 0.017);
    const Tier* gap = core::tier_for(set, 500'000);
    ASSERT_NE(gap, nullptr);
    EXPECT_TRUE(gap->derived);
    EXPECT_NEAR(gap->engagement_rate, std::sqrt(0.024 * 0.017), 0.0005);
    EXPECT_TRUE(core::tier_for(set, 50'000'000)->derived);
    EXPECT_FALSE(core::tier_for(set, 5'000'000)->derived);
}

TEST(BenchmarksTest, HypeAuditorNanoPublishedOthersScaledFromMarkerly) {
    const auto& set = builtin("hypeauditor-2023");
    const auto& markerly = builtin("markerly-2016");
    EXPECT_EQ(set.year, 2023);
    const Tier* nano = core::tier_for(set, 5'000);
    ASSERT_NE(nano, nullptr);
    EXPECT_DOUBLE_EQ(nano->engagement_rate, 0.0278);
    EXPECT_FALSE(nano->derived);
    const double scale = 0.0278 / core::tier_for(markerly, 5'000)->engagement_rate;
    // Each derived tier: Markerly's rate at the tier's geometric midpoint x scale.
    for (const auto& tier : set.tiers) {
        if (!tier.derived) {
            continue;
        }
        const double top = tier.max_followers == core::no_follower_limit
                               ? static_cast<double>(tier.min_followers) * 10.0
                               : static_cast<double>(tier.max_followers + 1);
        const double bottom =
            tier.min_followers == 0 ? top / 10.0 : static_cast<double>(tier.min_followers);
        const auto midpoint = static_cast<std::int64_t>(std::sqrt(bottom * top));
        const double expected = core::tier_for(markerly, midpoint)->engagement_rate * scale;
        EXPECT_NEAR(tier.engagement_rate, expected, 0.00005) << tier.name;
    }
}

TEST(BenchmarksTest, GradeBandsByRatio) {
    struct Case {
        double ratio;
        GradeBand band;
        std::string_view text;
    };
    const Case cases[] = {
        {0.0, GradeBand::well_below, "well below"},
        {0.49, GradeBand::well_below, "well below"},
        {0.5, GradeBand::below, "below"},
        {0.79, GradeBand::below, "below"},
        {0.8, GradeBand::typical, "about typical"},
        {1.0, GradeBand::typical, "about typical"},
        {1.25, GradeBand::typical, "about typical"},
        {1.26, GradeBand::above, "above"},
        {2.0, GradeBand::above, "above"},
        {2.01, GradeBand::well_above, "well above"},
        {50.0, GradeBand::well_above, "well above"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(core::band_for_ratio(c.ratio), c.band) << c.ratio;
        EXPECT_EQ(core::band_text(core::band_for_ratio(c.ratio)), c.text) << c.ratio;
    }
}

// Every built-in rate says who published it, when, for which platform and what it
// measures; every tier says where its figure comes from or how it was derived.
TEST(BenchmarksTest, EveryBuiltinRateNamesSourceYearPlatformAndScope) {
    for (const auto& set : core::builtin_benchmark_sets()) {
        EXPECT_FALSE(set.source.empty()) << set.id;
        EXPECT_GE(set.year, 2010) << set.id;
        EXPECT_LE(set.year, 2026) << set.id;
        EXPECT_FALSE(set.platform.empty()) << set.id;
        EXPECT_GE(set.metric.size(), 20u) << set.id; // the source's own scope
        // What the rate counts is stated, and the metric's words agree with it.
        ASSERT_TRUE(set.counts.has_value()) << set.id;
        EXPECT_TRUE(set.counts->likes) << set.id;
        EXPECT_EQ(set.metric.find("comments not counted") != std::string::npos ||
                      set.metric.find("count likes") != std::string::npos,
                  !set.counts->comments)
            << set.id;
        for (const auto& tier : set.tiers) {
            EXPECT_GE(tier.note.size(), 4u) << set.id << ": " << tier.name;
            if (tier.derived) {
                EXPECT_EQ(tier.note.rfind("Derived", 0), 0u) << set.id << ": " << tier.name;
            }
        }
    }
    EXPECT_NE(builtin("markerly-2016").source.find("2016"), std::string::npos);
    EXPECT_NE(builtin("article").note.find("Markerly"), std::string::npos);
    EXPECT_NE(builtin("hypeauditor-2023").name.find("derived"), std::string::npos);
}

TEST(BenchmarksTest, GradeArticleExamples) {
    const auto& set = builtin("article");
    // In the middle of a tier the curve gives the tier's own figure.
    const auto typical = core::grade(set, 3'162, 0.074);
    ASSERT_TRUE(typical.ok());
    EXPECT_NEAR(typical.value().ratio, 1.0, 1e-3);
    EXPECT_EQ(typical.value().band, "about typical");
    EXPECT_EQ(typical.value().tier_name, "1,000 to 9,999");
    EXPECT_DOUBLE_EQ(typical.value().tier_rate, 0.074);
    EXPECT_EQ(typical.value().formula_id, core::formula_ids::benchmark_ratio);
    EXPECT_EQ(typical.value().summary,
              "7.4% is about typical for 3,162 followers: 1.00 times the expected 7.4% (tier "
              "1,000 to 9,999: 7.4%) in The article's figures (AdWeek).");

    // A macro account at 1% against 2.4%: ratio 0.42, well below.
    const auto low = core::grade(set, 1'000'000, 0.01);
    ASSERT_TRUE(low.ok());
    EXPECT_NEAR(low.value().ratio, 0.01 / 0.024, 1e-12);
    EXPECT_EQ(low.value().band_kind, GradeBand::well_below);

    // In the derived tier the grade says so.
    const auto mid = core::grade(set, 50'000, 0.06);
    ASSERT_TRUE(mid.ok());
    EXPECT_TRUE(mid.value().benchmark_derived);
    EXPECT_EQ(mid.value().band, "above");
    EXPECT_NE(mid.value().summary.find("a derived figure"), std::string::npos);
}

// The article: 1,000 engaged fans at about 15% give about 150 likes a post. 1,000 sits on
// the edge between the article's first two tiers, so it is graded against the curve
// between them (sqrt(15% x 7.4%) = 10.5%), not against 7.4% ("well above").
TEST(BenchmarksTest, ArticleThousandFansAtFifteenPercentIsAboveTypicalNotWellAbove) {
    const auto result = core::grade(builtin("article"), 1'000, 0.15);
    ASSERT_TRUE(result.ok());
    EXPECT_NEAR(result.value().benchmark_rate, std::sqrt(0.15 * 0.074), 1e-4);
    EXPECT_EQ(result.value().band_kind, GradeBand::above);
    EXPECT_NEAR(result.value().ratio, 0.15 / std::sqrt(0.15 * 0.074), 1e-3);
    // 999 followers are graded alike: no cliff at the tier edge.
    EXPECT_NEAR(core::grade(builtin("article"), 999, 0.15).value().ratio, result.value().ratio,
                1e-3);
}

TEST(BenchmarksTest, GradeSummaryKeepsTheFiguresDecimals) {
    const auto nano = core::grade(builtin("hypeauditor-2023"), 3'162, 0.06);
    ASSERT_TRUE(nano.ok());
    EXPECT_EQ(nano.value().summary,
              "6% is well above typical for 3,162 followers: 2.16 times the expected 2.78% (tier "
              "nano (1,000 to 9,999): 2.78%) in HypeAuditor 2023 nano, Markerly 2016 shape "
              "(other tiers derived).");
    const auto small = core::grade(builtin("article"), 10, 0.3);
    ASSERT_TRUE(small.ok());
    EXPECT_EQ(small.value().summary.substr(0, 33), "30% is above typical for 10 follo");
}

// Expected engagements per post never fall as followers grow, on a dense log grid from 10
// to 100,000,000, for every built-in set; and no rate jumps at a tier edge.
TEST(BenchmarksTest, CurveEngagementsNeverFallAndRatesDoNotJumpAtTierEdges) {
    for (const auto& set : core::builtin_benchmark_sets()) {
        const auto curve = core::engagement_curve(set);
        double previous = 0.0;
        for (double x = 1.0; x <= 8.0; x += 0.001) {
            const auto followers = static_cast<std::int64_t>(std::pow(10.0, x));
            const double engagements =
                static_cast<double>(followers) * core::expected_engagement_rate(curve, followers);
            EXPECT_GE(engagements, previous * (1.0 - 1e-12)) << set.id << " at " << followers;
            previous = engagements;
        }
        for (std::size_t i = 1; i < set.tiers.size(); ++i) {
            const std::int64_t edge = set.tiers[i].min_followers;
            const double below = core::expected_engagement_rate(curve, edge - 1);
            const double at = core::expected_engagement_rate(curve, edge);
            EXPECT_NEAR(at / below, 1.0, 1e-3) << set.id << " at " << edge;
        }
    }
}

// A user's set that falls faster than 1 / followers is raised, not allowed to lose
// engagements: 10,000 followers at 10% against 1,000,000 at 0.01%.
TEST(BenchmarksTest, CurveOfASteepUserSetKeepsEngagementsLevel) {
    BenchmarkSet set;
    set.id = "steep";
    set.name = "Steep";
    set.year = 2024;
    set.tiers = {{"small", 1'000, 99'999, 0.10, false, ""},
                 {"large", 100'000, 9'999'999, 0.0001, false, ""}};
    ASSERT_TRUE(core::validate_benchmark_set(set).ok());
    const auto curve = core::engagement_curve(set);
    ASSERT_EQ(curve.size(), 2u);
    EXPECT_NEAR(curve[0].followers, 10'000.0, 1e-6);
    EXPECT_NEAR(curve[1].followers, 1'000'000.0, 1e-6);
    EXPECT_NEAR(curve[1].rate * curve[1].followers, curve[0].rate * curve[0].followers, 1e-6);
    EXPECT_NEAR(core::expected_engagement_rate(curve, 100'000) * 100'000.0, 1'000.0, 1e-6);
}

TEST(BenchmarksTest, GradeErrors) {
    const auto& set = builtin("article");
    EXPECT_EQ(core::grade(set, -1, 0.1).error().field, "Followers");
    EXPECT_EQ(core::grade(set, 100, std::nan("")).error().field, "Engagement rate");
    EXPECT_EQ(core::grade(set, 100, -0.1).error().field, "Engagement rate");

    BenchmarkSet gappy = set;
    gappy.tiers[1].min_followers = 2'000; // 1,000-1,999 uncovered
    const auto gap = core::grade(gappy, 1'500, 0.05);
    ASSERT_FALSE(gap.ok());
    EXPECT_EQ(gap.error().message,
              "Followers: the benchmark set \"The article's figures (AdWeek)\" has no tier for "
              "1,500 followers; pick another set or add a tier.");
    EXPECT_TRUE(core::grade(gappy, 2'500, 0.05).ok());

    BenchmarkSet broken = set;
    broken.tiers[0].engagement_rate = 0.0;
    EXPECT_EQ(core::grade(broken, 10, 0.05).error().field, "Tier 1: Engagement rate");
}

TEST(BenchmarksTest, ValidationNamesTheTierAndField) {
    struct Case {
        void (*edit)(BenchmarkSet&);
        std::string_view field;
        std::string_view message;
    };
    const Case cases[] = {
        {[](BenchmarkSet& s) { s.id.clear(); }, "Benchmark set id",
         "Benchmark set id: type a short key such as my-agency-2024."},
        {[](BenchmarkSet& s) { s.name.clear(); }, "Benchmark set name",
         "Benchmark set name: type a name such as My agency 2024."},
        {[](BenchmarkSet& s) { s.year = 15; }, "Year",
         "Year: type a year from 1990 to 2100, such as 2023."},
        {[](BenchmarkSet& s) { s.tiers.clear(); }, "Tiers",
         "Tiers: add at least one tier with its followers and engagement rate."},
        {[](BenchmarkSet& s) { s.tiers.resize(21, s.tiers[0]); }, "Tiers",
         "Tiers: use at most 20 tiers."},
        {[](BenchmarkSet& s) { s.tiers[2].name.clear(); }, "Tier 3: Name",
         "Tier 3: Name: type a name such as micro."},
        {[](BenchmarkSet& s) { s.tiers[0].min_followers = -5; }, "Tier 1: From followers",
         "Tier 1: From followers: type a whole number of 0 or more."},
        {[](BenchmarkSet& s) { s.tiers[1].max_followers = 10; }, "Tier 2: To followers",
         "Tier 2: To followers: type a whole number of at least 1,000 (where this tier starts), "
         "or leave it open."},
        {[](BenchmarkSet& s) { s.tiers[1].engagement_rate = 1.5; }, "Tier 2: Engagement rate",
         "Tier 2: Engagement rate: type a percentage above 0% and at most 100%, such as 7.4%."},
        {[](BenchmarkSet& s) { s.tiers[1].engagement_rate = std::nan(""); },
         "Tier 2: Engagement rate",
         "Tier 2: Engagement rate: type a percentage above 0% and at most 100%, such as 7.4%."},
        {[](BenchmarkSet& s) { s.tiers[2].min_followers = 5'000; }, "Tier 3: From followers",
         "Tier 3: From followers: start this tier above 9,999, where the tier before it ends."},
        {[](BenchmarkSet& s) { std::swap(s.tiers[0], s.tiers[1]); }, "Tier 2: From followers",
         "Tier 2: From followers: start this tier above 9,999, where the tier before it ends."},
        {[](BenchmarkSet& s) { s.tiers.push_back(s.tiers.back()); }, "Tier 5: From followers",
         "Tier 5: From followers: the tier before it has no upper limit; give that tier an upper "
         "limit first."},
    };
    for (const auto& c : cases) {
        BenchmarkSet set = builtin("article");
        c.edit(set);
        const auto result = core::validate_benchmark_set(set);
        ASSERT_FALSE(result.ok()) << c.field;
        EXPECT_EQ(result.error().field, c.field);
        EXPECT_EQ(result.error().message, c.message);
    }
}

TEST(BenchmarksTest, UserSetWithGapsAndOneTierIsValid) {
    BenchmarkSet set;
    set.id = "mine";
    set.name = "Mine";
    set.year = 2024;
    set.tiers = {{"only", 5'000, 50'000, 0.03, false, ""}};
    ASSERT_TRUE(core::validate_benchmark_set(set).ok());
    EXPECT_EQ(core::tier_for(set, 4'999), nullptr);
    EXPECT_NE(core::tier_for(set, 50'000), nullptr);
    EXPECT_EQ(core::tier_for(set, 50'001), nullptr);
    EXPECT_EQ(core::find_benchmark_set(core::builtin_benchmark_sets(), "nope"), nullptr);
}

TEST(BenchmarksTest, PropertyGradeIsFiniteAndConsistent) {
    std::mt19937_64 engine(99);
    const auto& sets = core::builtin_benchmark_sets();
    for (int i = 0; i < 3000; ++i) {
        const auto& set = sets[engine() % sets.size()];
        const auto followers = static_cast<std::int64_t>(engine() % 100'000'000'000ULL);
        const double rate = static_cast<double>(engine() >> 11) * 0x1.0p-53;
        const auto result = core::grade(set, followers, rate);
        ASSERT_TRUE(result.ok()) << result.error().message;
        const auto& g = result.value();
        EXPECT_TRUE(std::isfinite(g.ratio));
        EXPECT_GE(g.ratio, 0.0);
        EXPECT_NEAR(g.ratio * g.benchmark_rate, rate, 1e-12);
        EXPECT_EQ(g.band_kind, core::band_for_ratio(g.ratio));
    }
}

} // namespace

TEST(BenchmarksTest, CountsOfASetSavedBeforeTheFieldComeFromItsBuiltin) {
    core::BenchmarkSet old = builtin("markerly-2016");
    old.counts.reset(); // a file from before: no "counts" key
    EXPECT_FALSE(core::counts_of(old).comments);
    old.id = "my-agency";
    EXPECT_TRUE(core::counts_of(old).comments); // an own set: likes + comments
    EXPECT_EQ(core::counted_label(core::counts_of(builtin("article"))), "likes");
    EXPECT_EQ(core::counted_label(core::CountedInteractions{.likes = true, .shares = true}),
              "likes + comments + shares");
}
