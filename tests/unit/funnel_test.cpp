#include "core/formulas.hpp"
#include "core/funnel.hpp"
#include "tests/unit/test_money.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <random>

namespace {

using core::ClickBasis;
using core::Currency;
using core::FunnelAssumptions;
using core::Money;

FunnelAssumptions assumptions(double ctr, double cr, std::int64_t aov_cents, double margin) {
    FunnelAssumptions a = core::default_funnel_assumptions(Currency::usd);
    a.click_through_rate = ctr;
    a.conversion_rate = cr;
    a.average_order_value = cents(aov_cents);
    a.margin = margin;
    return a;
}

TEST(FunnelTest, HeaderExample) {
    // 10,000 engagements x 2% = 200 clicks x 2% = 4 conversions x $20 = $80 revenue;
    // 40% margin and $100 cost: ROI = (80 x 0.4 - 100) / 100 = -68%, ROAS 0.8.
    const auto result =
        core::run_funnel(10'000, 50'000, cents(10'000), assumptions(0.02, 0.02, 2'000, 0.4));
    ASSERT_TRUE(result.ok()) << result.error().message;
    const auto& r = result.value();
    EXPECT_NEAR(r.clicks, 200.0, 1e-9);
    EXPECT_NEAR(r.conversions, 4.0, 1e-9);
    EXPECT_EQ(r.revenue, cents(8'000));
    EXPECT_EQ(r.gross_profit, cents(3'200));
    ASSERT_TRUE(r.roi.has_value());
    EXPECT_NEAR(*r.roi, -0.68, 1e-12);
    ASSERT_TRUE(r.roas.has_value());
    EXPECT_NEAR(*r.roas, 0.8, 1e-12);
    EXPECT_EQ(r.cost_per_click, cents(50));
    EXPECT_EQ(r.cost_per_acquisition, cents(2'500));
    EXPECT_FALSE(r.earned_media_value.has_value());
    EXPECT_EQ(r.clicks_formula_id, core::formula_ids::clicks_from_engagements);
}

TEST(FunnelTest, TableOfReturns) {
    struct Case {
        double engagements;
        std::int64_t cost_cents;
        double ctr, cr;
        std::int64_t aov_cents;
        double margin;
        double roi, roas;
    };
    // ROI = (engagements x ctr x cr x aov x margin - cost) / cost; ROAS = revenue / cost.
    const Case cases[] = {
        {100'000, 100'000, 0.05, 0.1, 5'000, 0.5, (500 * 50.0 * 0.5 - 1000) / 1000,
         500 * 50.0 / 1000},
        {1'000, 10'000, 0.1, 0.5, 2'000, 1.0, (50 * 20.0 - 100) / 100, 50 * 20.0 / 100},
        {0, 10'000, 0.1, 0.5, 2'000, 1.0, -1.0, 0.0},
        {150, 10'000, 0.02, 0.02, 2'000, 0.4, (0.06 * 20 * 0.4 - 100) / 100, 0.06 * 20 / 100},
    };
    for (const auto& c : cases) {
        const auto result = core::run_funnel(c.engagements, 0, cents(c.cost_cents),
                                             assumptions(c.ctr, c.cr, c.aov_cents, c.margin));
        ASSERT_TRUE(result.ok());
        EXPECT_NEAR(*result.value().roi, c.roi, 1e-12);
        EXPECT_NEAR(*result.value().roas, c.roas, 1e-12);
    }
}

TEST(FunnelTest, ZeroCostGivesNotDefinedInsteadOfInfinity) {
    const auto result = core::run_funnel(1'000, 1'000, cents(0), assumptions(0.1, 0.1, 1'000, 0.5));
    ASSERT_TRUE(result.ok());
    EXPECT_FALSE(result.value().roi.has_value());
    EXPECT_FALSE(result.value().roas.has_value());
    EXPECT_EQ(result.value().cost_per_click, cents(0)); // free clicks cost nothing each
}

TEST(FunnelTest, NoClicksMeansNoCostPerClick) {
    const auto result = core::run_funnel(0, 0, cents(10'000), assumptions(0.1, 0.1, 1'000, 0.5));
    ASSERT_TRUE(result.ok());
    EXPECT_FALSE(result.value().cost_per_click.has_value());
    EXPECT_FALSE(result.value().cost_per_acquisition.has_value());
    EXPECT_NEAR(*result.value().roi, -1.0, 1e-12);
    EXPECT_EQ(result.value().revenue, cents(0));
}

TEST(FunnelTest, ClicksFromImpressions) {
    FunnelAssumptions a = assumptions(0.01, 0.1, 1'000, 0.5);
    a.click_basis = ClickBasis::impressions;
    const auto result = core::run_funnel(500, 80'000, cents(10'000), a);
    ASSERT_TRUE(result.ok());
    EXPECT_NEAR(result.value().clicks, 800.0, 1e-9);
    EXPECT_EQ(result.value().clicks_formula_id, core::formula_ids::clicks_from_impressions);
}

TEST(FunnelTest, EarnedMediaValueIsOptionalAndLabelled) {
    FunnelAssumptions a = assumptions(0.01, 0.1, 1'000, 0.5);
    a.include_emv = true;
    a.emv_cpm = cents(500);
    const auto result = core::run_funnel(500, 2'000'000, cents(500'000), a);
    ASSERT_TRUE(result.ok());
    ASSERT_TRUE(result.value().earned_media_value.has_value());
    EXPECT_EQ(*result.value().earned_media_value, cents(1'000'000)); // 2M / 1,000 x $5
    EXPECT_EQ(result.value().emv_label,
              "estimate: what 2,000,000 impressions would cost as ads at $5 per 1,000; not money "
              "earned");
    // EMV never enters ROI.
    a.include_emv = false;
    EXPECT_EQ(*core::run_funnel(500, 2'000'000, cents(500'000), a).value().roi,
              *result.value().roi);
}

TEST(FunnelTest, RevenueRoundsOnce) {
    // Half a conversion of a 3-cent order: revenue 1.5 cents -> 2. Gross profit at 30% is
    // 0.45 cents -> 0 from the unrounded value; rounding twice would give 2 x 0.3 -> 1.
    const auto r = core::run_funnel(0.5, 0, cents(100), assumptions(1.0, 1.0, 3, 0.3));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value().revenue.cents, 2);
    EXPECT_EQ(r.value().gross_profit.cents, 0);
}

TEST(FunnelTest, DefaultsAreTheSameForEveryoneAndValid) {
    for (const auto& info : core::all_currencies) {
        const auto a = core::default_funnel_assumptions(info.currency);
        EXPECT_TRUE(core::validate_funnel_assumptions(a, info.currency).ok());
        EXPECT_FALSE(a.include_emv); // EMV only when asked for
        EXPECT_EQ(a.average_order_value.currency, info.currency);
    }
}

TEST(FunnelTest, ValidationMessages) {
    struct Case {
        void (*edit)(FunnelAssumptions&);
        std::string_view message;
    };
    const Case cases[] = {
        {[](FunnelAssumptions& a) { a.click_through_rate = 1.5; },
         "Click-through rate: type a percentage from 0% to 100%, such as 2%."},
        {[](FunnelAssumptions& a) { a.conversion_rate = std::nan(""); },
         "Conversion rate: type a percentage from 0% to 100%, such as 2%."},
        {[](FunnelAssumptions& a) { a.margin = -0.1; },
         "Margin: type a percentage from 0% to 100%, such as 40%."},
        {[](FunnelAssumptions& a) { a.average_order_value = cents(-1); },
         "Average order value: type an amount of $0 or more, such as $20."},
        {[](FunnelAssumptions& a) {
             a.average_order_value = Money{100, Currency::eur};
         },
         "Average order value: use the plan's currency (USD)."},
        {[](FunnelAssumptions& a) { a.emv_cpm = cents(-5); },
         "EMV cost per 1,000 impressions: type an amount of $0 or more, such as $5."},
    };
    for (const auto& c : cases) {
        FunnelAssumptions a = core::default_funnel_assumptions(Currency::usd);
        c.edit(a);
        const auto result = core::run_funnel(100, 100, cents(100), a);
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error().message, c.message);
    }
    const auto a = core::default_funnel_assumptions(Currency::usd);
    EXPECT_EQ(core::run_funnel(-1, 0, cents(1), a).error().field, "Engagements");
    EXPECT_EQ(core::run_funnel(HUGE_VAL, 0, cents(1), a).error().field, "Engagements");
    EXPECT_EQ(core::run_funnel(1, std::nan(""), cents(1), a).error().field, "Impressions");
    EXPECT_EQ(core::run_funnel(1, 1, cents(-1), a).error().field, "Cost");
}

TEST(FunnelTest, OverflowIsAnError) {
    const auto a = assumptions(1.0, 1.0, core::max_money_cents, 1.0);
    const auto result = core::run_funnel(1e15, 0, cents(1), a);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, core::ErrorCode::overflow);
    EXPECT_EQ(result.error().field, "Revenue");
}

TEST(FunnelTest, PropertyOutputsFiniteAndMoneyNonNegative) {
    std::mt19937_64 engine(1234);
    auto unit = [&] {
        return static_cast<double>(engine() >> 11) * 0x1.0p-53;
    };
    for (int i = 0; i < 5000; ++i) {
        FunnelAssumptions a = core::default_funnel_assumptions(Currency::usd);
        a.click_basis = (engine() & 1) != 0 ? ClickBasis::engagements : ClickBasis::impressions;
        a.click_through_rate = unit();
        a.conversion_rate = unit();
        a.margin = unit();
        a.average_order_value = cents(static_cast<std::int64_t>(engine() % 1'000'000));
        a.include_emv = (engine() & 1) != 0;
        a.emv_cpm = cents(static_cast<std::int64_t>(engine() % 10'000));
        const double engagements = std::floor(unit() * 1e8);
        const double impressions = std::floor(unit() * 1e9);
        const Money cost = cents(static_cast<std::int64_t>(engine() % 100'000'000));
        const auto result = core::run_funnel(engagements, impressions, cost, a);
        ASSERT_TRUE(result.ok()) << result.error().message;
        const auto& r = result.value();
        EXPECT_TRUE(std::isfinite(r.clicks) && r.clicks >= 0);
        EXPECT_TRUE(std::isfinite(r.conversions) && r.conversions >= 0);
        EXPECT_LE(r.conversions, r.clicks);
        EXPECT_GE(r.revenue.cents, 0);
        EXPECT_GE(r.gross_profit.cents, 0);
        EXPECT_LE(r.gross_profit.cents, r.revenue.cents);
        EXPECT_EQ(r.roi.has_value(), cost.cents > 0);
        if (r.roi) {
            EXPECT_TRUE(std::isfinite(*r.roi));
            EXPECT_GE(*r.roi, -1.0);
            EXPECT_TRUE(std::isfinite(*r.roas) && *r.roas >= 0.0);
        }
        if (r.cost_per_click) {
            EXPECT_GE(r.cost_per_click->cents, 0);
        }
        if (r.cost_per_acquisition) {
            EXPECT_GE(r.cost_per_acquisition->cents, 0);
        }
        EXPECT_EQ(r.earned_media_value.has_value(), a.include_emv);
        if (r.earned_media_value) {
            EXPECT_GE(r.earned_media_value->cents, 0);
        }
    }
}

} // namespace
