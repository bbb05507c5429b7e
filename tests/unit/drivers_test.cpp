// What decides it: the all-in cost, audience quality, conversion advantage, their
// break-evens (flips) and the sensitivity list (core/drivers.hpp, core/compare.hpp).
#include "core/compare.hpp"
#include "core/drivers.hpp"
#include "core/pricing.hpp"
#include "core/roster_csv.hpp"
#include "core/scenario.hpp"
#include "core/share_link.hpp"
#include "core/state_json.hpp"
#include "tests/unit/test_money.hpp"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <random>
#include <string>

namespace {

using core::Comparison;
using core::ComparisonInputs;
using core::Driver;
using core::Influencer;
using core::PlanMetric;
using core::Winner;

Influencer blogger(std::int64_t followers, double rate, std::int64_t price_cents) {
    Influencer influencer;
    influencer.id = 1;
    influencer.followers = followers;
    influencer.engagement_value = rate;
    influencer.price_per_post = cents(price_cents);
    return influencer;
}

core::PlanGroup group(const std::string& name, const Influencer& typical, int count) {
    return core::typical_group(name, typical, count).value();
}

// The article: one blogger, 1,000,000 followers at 2.4% against ten with 1,000 at 7.4%.
ComparisonInputs article(std::int64_t macro_cents, std::int64_t micro_cents,
                         PlanMetric metric = PlanMetric::conversions) {
    ComparisonInputs in;
    in.setup.a = group("One national blogger", blogger(1'000'000, 0.024, macro_cents), 1);
    in.setup.b = group("Ten regional bloggers", blogger(1000, 0.074, micro_cents), 10);
    in.setup.metric = metric;
    in.budget = dollars(5'000);
    in.funnel = core::default_funnel_assumptions(core::Currency::usd);
    return in;
}

Comparison compare(const ComparisonInputs& in) {
    auto result = core::compare_plans(in);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.ok() ? result.value() : Comparison{};
}

Winner winner_with(const ComparisonInputs& in, Driver driver, double value) {
    return compare(core::detail::with_driver(in, driver, value)).winner;
}

// B at least as good at the flip, A ahead one step towards A's side.
bool b_holds(Winner w) {
    return w == Winner::b || w == Winner::tie;
}

TEST(CostTest, AllInCostAddsUsageRightsOverheadProductAndAgencyFee) {
    core::CampaignInputs in;
    in.budget = dollars(1'000);
    Influencer row = blogger(1000, 0.1, 10'000); // $100, 100 engagements
    in.roster = {row};
    in.costs.usage_rights_rate = 0.2;   // +$20
    in.costs.overhead_hours = 2.0;      // 2 hours
    in.costs.hourly_rate = dollars(50); // x $50 = $100
    in.costs.product_and_shipping = dollars(30);
    in.costs.agency_fee_rate = 0.15; // 15% of $250 = $37.50
    const auto result = core::evaluate_campaign(in).value();
    const core::CostSplit& split = result.rows[0].cost_split;
    EXPECT_EQ(split.fees, dollars(100));
    EXPECT_EQ(split.usage_rights, dollars(20));
    EXPECT_EQ(split.overhead, dollars(130));
    EXPECT_EQ(split.agency_fee, cents(3'750));
    EXPECT_EQ(result.rows[0].cost, cents(28'750));
    EXPECT_EQ(result.totals.cost, cents(28'750));
    EXPECT_EQ(result.totals.cost_split.beyond_fees(), cents(18'750));
    EXPECT_EQ(result.totals.cost_per_engagement, cents(288)); // $287.50 / 100
    EXPECT_EQ(result.totals.overrun, dollars(0));

    // A row's own overhead replaces hours and product; an unbooked row costs nothing.
    row.overhead = dollars(10);
    Influencer unbooked = blogger(1000, 0.1, 10'000);
    unbooked.id = 2;
    unbooked.posts = 0;
    in.roster = {row, unbooked};
    const auto own = core::evaluate_campaign(in).value();
    EXPECT_EQ(own.rows[0].cost_split.overhead, dollars(10));
    EXPECT_EQ(own.rows[1].cost, dollars(0));
}

TEST(CostTest, NeutralValuesGiveTheFiguresOfTheModelWithoutThem) {
    // The default scenario leaves every new input neutral: the comparison is the one the
    // header of core/scenario.hpp states, and writing the neutral values out changes
    // nothing, to the last bit.
    core::Scenario s = core::default_scenario();
    const Comparison before = compare(core::comparison_inputs(s));
    EXPECT_NEAR(before.a.engagements, 24'000.0, 1e-9);
    EXPECT_EQ(before.a.cost, dollars(5'000));
    EXPECT_EQ(before.b.cost, dollars(1'000));
    EXPECT_EQ(before.winner, Winner::a);
    for (Influencer& row : s.roster) { // the plans are the roster's rows
        row.authenticity = 1.0;
        row.conversion_multiplier = 1.0;
        row.overhead = cents(0);
    }
    s.comparison.metric = PlanMetric::conversions;
    const Comparison neutral = compare(core::comparison_inputs(s));
    s.comparison.metric = PlanMetric::conversions;
    for (Influencer& row : s.roster) {
        row.overhead.reset();
    }
    const Comparison plain = compare(core::comparison_inputs(s));
    EXPECT_EQ(neutral.a.conversions, plain.a.conversions);
    EXPECT_EQ(neutral.b.conversions, plain.b.conversions);
    EXPECT_EQ(neutral.a.cost, plain.a.cost);
    EXPECT_EQ(neutral.b.cost_per_conversion, plain.b.cost_per_conversion);
    EXPECT_EQ(neutral.campaign_b.totals.funnel.revenue, plain.campaign_b.totals.funnel.revenue);
    EXPECT_EQ(neutral.verdict, plain.verdict);
}

TEST(CostTest, BadCostInputsNameTheField) {
    core::CampaignInputs in;
    in.budget = dollars(100);
    in.costs.agency_fee_rate = 1.5;
    EXPECT_EQ(core::evaluate_campaign(in).error().field, "Agency fee");
    in.costs = {};
    in.costs.hourly_rate = cents(-1);
    EXPECT_EQ(core::evaluate_campaign(in).error().field, "Hourly rate");
    in.costs = {};
    Influencer row = blogger(1000, 0.1, 100);
    row.authenticity = 1.2;
    row.conversion_multiplier = -1.0;
    in.roster = {row};
    const auto result = core::evaluate_campaign(in).value();
    ASSERT_EQ(result.errors.size(), 2u);
    EXPECT_EQ(result.errors[0].error.field, "Row 1, Authenticity");
    EXPECT_EQ(result.errors[1].error.field, "Row 1, Conversion multiplier");
}

TEST(CostTest, AudienceQualityAndConversionMultiplierReachTheFunnel) {
    core::CampaignInputs in;
    in.budget = dollars(100);
    in.funnel = core::default_funnel_assumptions(core::Currency::usd);
    Influencer row = blogger(10'000, 0.1, 10'000); // 1,000 engagements
    row.authenticity = 0.8;
    row.audience_fit = 0.5;
    row.conversion_multiplier = 3.0;
    in.roster = {row};
    const auto result = core::evaluate_campaign(in).value();
    EXPECT_NEAR(result.totals.targeted_engagements, 400.0, 1e-9); // 1,000 x 0.8 x 0.5
    EXPECT_NEAR(result.totals.clicks, 8.0, 1e-9);                 // 400 x 2%
    EXPECT_NEAR(result.totals.conversions, 0.48, 1e-12);          // 8 x 2% x 3
    EXPECT_NEAR(result.totals.funnel.conversions, 0.48, 1e-12);
    EXPECT_EQ(result.totals.funnel.revenue, cents(960)); // 0.48 x $20
}

// The article's scenario judged on conversions: the verdict flips exactly at each
// break-even compare_plans reports.
TEST(DriversTest, ArticleVerdictFlipsExactlyAtEachBreakEven) {
    const ComparisonInputs in = article(500'000, 10'000);
    const Comparison c = compare(in);
    ASSERT_EQ(c.winner, Winner::a);
    const core::BreakEven& be = c.break_even;

    // Price: $15.41 (74 x 5,000 / 24,000 = 15.416): B holds at it, loses a cent above.
    ASSERT_EQ(be.price_per_post, cents(1541));
    EXPECT_TRUE(b_holds(winner_with(in, Driver::price_b, 1541)));
    EXPECT_EQ(winner_with(in, Driver::price_b, 1542), Winner::a);

    // Audience quality of the big plan: 740 x 5,000 / (24,000 x 1,000) = 15.42%.
    ASSERT_TRUE(be.audience_quality_a.has_value());
    EXPECT_NEAR(*be.audience_quality_a, 740.0 * 5000.0 / (24'000.0 * 1000.0), 1e-9);
    EXPECT_EQ(winner_with(in, Driver::quality_a, *be.audience_quality_a + 0.0001), Winner::a);
    EXPECT_EQ(winner_with(in, Driver::quality_a, *be.audience_quality_a - 0.0001), Winner::b);

    // Conversion advantage the small plan needs: 6.49 times.
    ASSERT_TRUE(be.conversion_advantage.has_value());
    EXPECT_NEAR(*be.conversion_advantage, 24'000.0 * 1000.0 / (740.0 * 5000.0), 1e-8);
    EXPECT_EQ(winner_with(in, Driver::conversion_b, *be.conversion_advantage * 0.999), Winner::a);
    EXPECT_EQ(winner_with(in, Driver::conversion_b, *be.conversion_advantage * 1.001), Winner::b);

    // Overhead only adds to the plan with more influencers: nothing flips it here.
    EXPECT_FALSE(be.overhead_per_influencer.has_value());
    const auto says = [&](const std::string& sentence) {
        return std::find(c.break_even_text.begin(), c.break_even_text.end(), sentence) !=
               c.break_even_text.end();
    };
    EXPECT_TRUE(says("One national blogger loses if less than 15.4% of its audience is real and "
                     "in your target (now 100.0%)."));
    EXPECT_TRUE(says("Ten regional bloggers must convert 6.5 times as well as One national "
                     "blogger to match it (now 1.0)."));
}

TEST(DriversTest, OverheadPerInfluencerWhereSmallStopsBeingWorthIt) {
    // $10 per 1,000 followers: $10,000 against ten at $10. The small plan wins until the
    // overhead o per influencer satisfies (10,000 + o) x 740 = (100 + 10 o) x 24,000:
    // o = 5,000,000 / 239,260 = $20.8977.
    const ComparisonInputs in = article(1'000'000, 1'000);
    const Comparison c = compare(in);
    ASSERT_EQ(c.winner, Winner::b);
    ASSERT_TRUE(c.break_even.overhead_per_influencer.has_value());
    EXPECT_EQ(c.break_even.overhead_per_influencer, cents(2089));
    EXPECT_TRUE(b_holds(winner_with(in, Driver::overhead, 2089)));
    EXPECT_EQ(winner_with(in, Driver::overhead, 2090), Winner::a);
    EXPECT_EQ(c.break_even_text.back(), "Both plans tie at an overhead of $20.89 per influencer; "
                                        "more overhead favours One national blogger (now $0).");

    // Typed as hours x rate and product, the overhead decides the same way.
    ComparisonInputs typed = in;
    typed.costs.overhead_hours = 0.5;
    typed.costs.hourly_rate = dollars(30);         // $15
    typed.costs.product_and_shipping = cents(589); // + $5.89 = $20.89
    EXPECT_TRUE(b_holds(compare(typed).winner));
    typed.costs.product_and_shipping = cents(590);
    EXPECT_EQ(compare(typed).winner, Winner::a);
}

TEST(DriversTest, PriceBreakEvenCountsTheCostsOnTop) {
    // With 20% usage rights and $5 product per influencer on both sides, B's fee must
    // leave room for them: (p x 1.2 + 5) x 10 = 6,000 x 740 / 24,000 -> p = $11.25.
    ComparisonInputs in = article(500'000, 10'000);
    in.costs.usage_rights_rate = 0.2;
    in.costs.product_and_shipping = dollars(5);
    const Comparison c = compare(in);
    ASSERT_TRUE(c.break_even.price_per_post.has_value());
    EXPECT_EQ(c.a.cost, dollars(6'005));
    EXPECT_EQ(c.b.cost_split.fees, dollars(1'000));
    EXPECT_EQ(c.b.cost_split.beyond_fees(), dollars(250));
    const std::int64_t p = c.break_even.price_per_post->cents;
    EXPECT_NEAR(static_cast<double>(p), (6005.0 * 740.0 / 24'000.0 / 10.0 - 5.0) / 1.2 * 100.0,
                1.0);
    EXPECT_TRUE(b_holds(winner_with(in, Driver::price_b, static_cast<double>(p))));
    EXPECT_EQ(winner_with(in, Driver::price_b, static_cast<double>(p + 1)), Winner::a);
}

core::Scenario priced_scenario(core::PricingModelKind kind) {
    core::Scenario s = core::default_scenario();
    s.assumptions.pricing.kind = kind;
    for (Influencer& row : s.roster) { // the plans are the roster's rows
        row.price_per_post =
            core::suggest_price(s.assumptions.pricing, row.followers, row.engagement_value)
                .value()
                .price;
    }
    return s;
}

TEST(DriversTest, WithTenDollarsPerThousandFollowersPriceDecidesIt) {
    const Comparison c = compare(
        core::comparison_inputs(priced_scenario(core::PricingModelKind::per_thousand_followers)));
    ASSERT_EQ(c.winner, Winner::b);
    ASSERT_FALSE(c.sensitivity.empty());
    const core::SensitivityEntry& top = c.sensitivity.front();
    EXPECT_EQ(top.driver, Driver::price_b);
    EXPECT_TRUE(top.decides);
    EXPECT_EQ(c.decided_by.rfind("The answer depends mostly on Price per post, Your 10 other "
                                 "creators: at ",
                                 0),
              0u)
        << c.decided_by;
    for (std::size_t i = 1; i < c.sensitivity.size(); ++i) {
        EXPECT_GE(c.sensitivity[i - 1].swing, c.sensitivity[i].swing);
    }
}

TEST(DriversTest, WithTheArticlesPricesPriceDecidesItAtTheBreakEvenPrice) {
    const Comparison c = compare(core::comparison_inputs(core::default_scenario()));
    ASSERT_EQ(c.winner, Winner::a);
    ASSERT_FALSE(c.sensitivity.empty());
    EXPECT_EQ(c.sensitivity.front().driver, Driver::price_b);
    ASSERT_TRUE(c.break_even.price_per_post.has_value());
    // The flip of the sensitivity list is the break-even price of the comparison.
    EXPECT_EQ(c.sensitivity.front().flip, static_cast<double>(c.break_even.price_per_post->cents));
    EXPECT_EQ(c.decided_by, "The answer depends mostly on Price per post, Your 10 other creators: "
                            "at " +
                                core::format_money(*c.break_even.price_per_post) +
                                " or less the verdict goes to Your 10 other creators, above it to "
                                "Your biggest creator.");
    // Ranges come with their source or the word "Assumption".
    for (const core::SensitivityEntry& e : c.sensitivity) {
        EXPECT_TRUE(e.range_source.rfind("Built-in", 0) == 0 ||
                    e.range_source.rfind("Assumption", 0) == 0)
            << e.range_source;
        EXPECT_LE(e.low, e.high);
    }
}

// [SECTION] Formats: saved files, share links, CSV

core::Scenario scenario_with_drivers() {
    core::Scenario s = core::default_scenario();
    s.assumptions.costs.overhead_hours = 1.5;
    s.assumptions.costs.hourly_rate = dollars(40);
    s.assumptions.costs.product_and_shipping = cents(2'550);
    s.assumptions.costs.usage_rights_rate = 0.2;
    s.assumptions.costs.agency_fee_rate = 0.15;
    s.roster[1].authenticity = 0.85;
    s.roster[1].conversion_multiplier = 1.5;
    s.roster[1].overhead = dollars(12);
    return s;
}

TEST(DriversFormatsTest, SavedFilesAndShareLinksKeepTheNewInputs) {
    const core::Scenario s = scenario_with_drivers();
    const auto loaded = core::import_scenario_json(core::export_scenario_json(s)).value();
    EXPECT_EQ(loaded.assumptions.costs, s.assumptions.costs);
    EXPECT_EQ(loaded.roster[1].authenticity, 0.85);
    EXPECT_EQ(loaded.roster[1].conversion_multiplier, 1.5);
    EXPECT_EQ(loaded.roster[1].overhead, dollars(12));
    EXPECT_FALSE(loaded.roster[2].overhead.has_value());

    const auto fragment = core::encode_share_fragment(s).value();
    const auto shared = core::decode_share_fragment(fragment).value();
    EXPECT_EQ(shared.assumptions.costs, s.assumptions.costs);
    EXPECT_EQ(shared.roster[1].authenticity, 0.85);
    EXPECT_EQ(shared.roster[1].overhead, dollars(12));

    // At their neutral values the new inputs are left out: files and links from before
    // them are what the default scenario writes today.
    const std::string plain = core::export_scenario_json(core::default_scenario(), false);
    EXPECT_EQ(plain.find("authenticity"), std::string::npos);
    EXPECT_EQ(plain.find("\"costs\""), std::string::npos);
    EXPECT_EQ(plain.find("overhead"), std::string::npos);
}

TEST(DriversFormatsTest, RosterCsvCarriesThePerRowInputsWithAliases) {
    const std::string csv = "Handle,Followers,ER,Fee,Real followers,Trust,Extra cost\n"
                            "ann,1200,7.4%,$100,85%,1.5,$12\n"
                            "bob,900,8%,$90,,,\n";
    const auto preview = core::preview_roster_csv(csv, {}).value();
    ASSERT_EQ(preview.rows.size(), 2u);
    const Influencer& ann = preview.rows[0].influencer;
    EXPECT_NEAR(ann.authenticity, 0.85, 1e-12);
    EXPECT_NEAR(ann.conversion_multiplier, 1.5, 1e-12);
    EXPECT_EQ(ann.overhead, dollars(12));
    const Influencer& bob = preview.rows[1].influencer;
    EXPECT_EQ(bob.authenticity, 1.0);
    EXPECT_FALSE(bob.overhead.has_value());

    // Exported and imported back: the same values; a roster without them keeps the old
    // columns.
    const std::vector<Influencer> roster = {ann, bob};
    const std::string exported = core::export_roster_csv(roster);
    EXPECT_NE(exported.find("Authenticity (%),Conversion multiplier,Overhead (USD)"),
              std::string::npos);
    const auto back = core::preview_roster_csv(exported, {}).value();
    ASSERT_EQ(back.rows.size(), 2u);
    EXPECT_EQ(back.rows[0].influencer.authenticity, ann.authenticity);
    EXPECT_EQ(back.rows[0].influencer.conversion_multiplier, ann.conversion_multiplier);
    EXPECT_EQ(back.rows[0].influencer.overhead, ann.overhead);
    EXPECT_FALSE(back.rows[1].influencer.overhead.has_value());
    EXPECT_EQ(core::export_roster_csv({bob}).find("Authenticity"), std::string::npos);

    const auto bad =
        core::preview_roster_csv("Name,Followers,ER,Real followers\nx,10,5%,120%\n", {}).value();
    ASSERT_EQ(bad.errors.size(), 1u);
    EXPECT_EQ(bad.errors[0].error.field, "Authenticity");
}

// [SECTION] Properties over random plans

Influencer random_row(std::mt19937_64& rng, std::uint32_t id) {
    std::uniform_int_distribution<std::int64_t> followers(100, 2'000'000);
    std::uniform_int_distribution<std::int64_t> price(0, 1'000'000);
    std::uniform_int_distribution<int> posts(1, 4);
    std::uniform_int_distribution<int> percent(1, 100);
    Influencer row = blogger(followers(rng), percent(rng) / 1000.0, price(rng));
    row.id = id;
    row.posts = posts(rng);
    row.audience_fit = percent(rng) / 100.0;
    row.authenticity = percent(rng) / 100.0;
    row.conversion_multiplier = percent(rng) / 25.0;
    return row;
}

core::CampaignInputs random_plan(std::mt19937_64& rng) {
    core::CampaignInputs in;
    in.budget = dollars(10'000);
    in.funnel = core::default_funnel_assumptions(core::Currency::usd);
    std::uniform_int_distribution<int> rows(1, 6);
    const int n = rows(rng);
    for (int i = 0; i < n; ++i) {
        in.roster.push_back(random_row(rng, static_cast<std::uint32_t>(i + 1)));
    }
    std::uniform_int_distribution<int> small(0, 50);
    in.costs.overhead_hours = small(rng) / 10.0;
    in.costs.hourly_rate = dollars(small(rng));
    in.costs.product_and_shipping = dollars(small(rng));
    in.costs.usage_rights_rate = small(rng) / 100.0;
    in.costs.agency_fee_rate = small(rng) / 100.0;
    return in;
}

TEST(DriversTest, PropertyRaisingAnyCostNeverLowersCostPerEngagement) {
    std::mt19937_64 rng(15);
    for (int trial = 0; trial < 200; ++trial) {
        const core::CampaignInputs base = random_plan(rng);
        const auto cpe = [](const core::CampaignInputs& in) {
            return core::evaluate_campaign(in).value().totals.cost_per_engagement->cents;
        };
        const std::int64_t before = cpe(base);
        std::vector<core::CampaignInputs> raised(7, base);
        raised[0].costs.overhead_hours += 1.0;
        raised[1].costs.hourly_rate.cents += 1'000;
        raised[2].costs.product_and_shipping.cents += 1;
        raised[3].costs.usage_rights_rate += 0.05;
        raised[4].costs.agency_fee_rate = std::min(1.0, base.costs.agency_fee_rate + 0.05);
        raised[5].roster[0].price_per_post.cents += 1;
        raised[6].roster[0].overhead = cents(100'000);
        raised[6].costs = {}; // a row's own overhead, from nothing
        for (std::size_t k = 0; k < raised.size(); ++k) {
            const std::int64_t base_cpe = k == 6 ? cpe([&] {
                core::CampaignInputs none = base;
                none.costs = {};
                return none;
            }())
                                                 : before;
            EXPECT_GE(cpe(raised[k]), base_cpe) << "trial " << trial << ", cost " << k;
        }
    }
}

TEST(DriversTest, PropertyRaisingAudienceQualityNeverLowersTargetedEngagements) {
    std::mt19937_64 rng(16);
    for (int trial = 0; trial < 200; ++trial) {
        core::CampaignInputs in = random_plan(rng);
        const double before = core::evaluate_campaign(in).value().totals.targeted_engagements;
        Influencer& row = in.roster[static_cast<std::size_t>(trial) % in.roster.size()];
        (trial % 2 == 0 ? row.authenticity : row.audience_fit) =
            std::min(1.0, (trial % 2 == 0 ? row.authenticity : row.audience_fit) + 0.01);
        EXPECT_GE(core::evaluate_campaign(in).value().totals.targeted_engagements, before);
    }
}

TEST(DriversTest, PropertyEachBreakEvenPutBackTies) {
    std::mt19937_64 rng(17);
    int flips = 0;
    for (int trial = 0; trial < 60; ++trial) {
        ComparisonInputs in;
        const core::CampaignInputs a = random_plan(rng);
        const core::CampaignInputs b = random_plan(rng);
        in.setup.a.name = "A";
        in.setup.a.influencers = a.roster;
        in.setup.b.name = "B";
        in.setup.b.influencers = b.roster;
        in.setup.metric = trial % 2 == 0 ? PlanMetric::conversions : PlanMetric::engagements;
        in.budget = a.budget;
        in.funnel = a.funnel;
        in.costs = a.costs;
        for (const Driver driver :
             {Driver::price_a, Driver::price_b, Driver::engagement_a, Driver::engagement_b,
              Driver::quality_a, Driver::quality_b, Driver::conversion_b, Driver::overhead}) {
            const auto flip = core::driver_flip(in, driver);
            if (!flip) {
                continue;
            }
            ++flips;
            const double margin =
                core::detail::verdict_margin(core::detail::with_driver(in, driver, *flip)).value();
            if (driver == Driver::price_a || driver == Driver::price_b ||
                driver == Driver::overhead) {
                // To the cent: one cent further flips it (or it is a tie within 0.1%).
                const double next = *flip + (margin >= 1.0 ? 1.0 : -1.0);
                const double beyond =
                    core::detail::verdict_margin(core::detail::with_driver(in, driver, next))
                        .value();
                EXPECT_TRUE(std::fabs(margin - 1.0) <= 1e-3 || (margin - 1.0) * (beyond - 1.0) <= 0)
                    << "trial " << trial << " driver " << static_cast<int>(driver);
            } else {
                EXPECT_NEAR(margin, 1.0, 1e-3)
                    << "trial " << trial << " driver " << static_cast<int>(driver);
            }
        }
    }
    EXPECT_GT(flips, 60); // the property was exercised
}

} // namespace
