#include "core/money.hpp"

#include <cstdint>
#include <gtest/gtest.h>
#include <limits>
#include <optional>
#include <string_view>

namespace {

using core::Currency;
using core::Money;

TEST(MoneyTest, RoundCentsHalfAwayFromZero) {
    struct Case {
        double cents;
        std::int64_t expected;
    };
    const Case cases[] = {
        {0.0, 0},
        {0.4, 0},
        {0.5, 1},
        {1.5, 2},
        {2.5, 3},
        {-0.5, -1},
        {-1.5, -2},
        {-2.5, -3},
        {0.49, 0},
        {-0.49, 0},
        {99.5, 100},
        {1e12 + 0.5, 1'000'000'000'001},
        // Binary values just below a half that stand for a half (0.285 x 100).
        {0.285 * 100.0, 29},
        {1.005 * 100.0, 101},
        {-1.005 * 100.0, -101},
        // A value genuinely below the half stays below.
        {28.4999, 28},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(core::round_cents(c.cents), c.expected) << "cents " << c.cents;
    }
}

TEST(MoneyTest, FromUnitsRoundsOnce) {
    EXPECT_EQ(Money::from_units(12.345, Currency::usd).value().cents, 1235);
    EXPECT_EQ(Money::from_units(1.005, Currency::usd).value().cents, 101);
    EXPECT_EQ(Money::from_units(-1.005, Currency::usd).value().cents, -101);
    EXPECT_EQ(Money::from_units(5000.0, Currency::eur).value(), (Money{500'000, Currency::eur}));
}

TEST(MoneyTest, FromUnitsRejectsNonFiniteAndHuge) {
    for (const double bad : {1e14, -1e14, std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::quiet_NaN()}) {
        const auto result = Money::from_units(bad, Currency::usd, "Budget");
        ASSERT_FALSE(result.ok()) << bad;
        EXPECT_EQ(result.error().code, core::ErrorCode::out_of_range);
        EXPECT_EQ(result.error().field, "Budget");
    }
    EXPECT_TRUE(Money::from_units(1e13, Currency::usd).ok()); // exactly the limit
}

TEST(MoneyTest, AddAndSubtractCheckOverflow) {
    const Money max{core::max_money_cents, Currency::usd};
    const Money cent{1, Currency::usd};
    EXPECT_EQ(core::add(max, Money::zero(Currency::usd)).value(), max);
    const auto over = core::add(max, cent);
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code, core::ErrorCode::overflow);
    const auto under = core::subtract(Money{-core::max_money_cents, Currency::usd}, cent);
    ASSERT_FALSE(under.ok());
    EXPECT_EQ(under.error().code, core::ErrorCode::overflow);
    EXPECT_EQ(core::subtract(Money{500, Currency::usd}, Money{800, Currency::usd}).value().cents,
              -300);
}

TEST(MoneyTest, MultiplyChecksOverflowIncludingInt64Wrap) {
    const Money price{10'000, Currency::usd};
    EXPECT_EQ(core::multiply(price, 10).value().cents, 100'000);
    EXPECT_FALSE(core::multiply(price, 100'000'000'000'000).ok()); // 10^18 cents
    EXPECT_FALSE(core::multiply(price, INT64_MAX).ok());           // would wrap int64
    EXPECT_FALSE(core::multiply(Money{-2, Currency::usd}, INT64_MIN).ok());
}

TEST(MoneyTest, ScaleRoundsOnceAndRejectsNonFinite) {
    // 10% of $0.05 is half a cent: rounds away from zero.
    EXPECT_EQ(core::scale(Money{5, Currency::usd}, 0.1).value().cents, 1);
    EXPECT_EQ(core::scale(Money{-5, Currency::usd}, 0.1).value().cents, -1);
    EXPECT_EQ(core::scale(Money{10'000, Currency::usd}, 0.285).value().cents, 2'850);
    EXPECT_FALSE(
        core::scale(Money{1, Currency::usd}, std::numeric_limits<double>::infinity()).ok());
    EXPECT_FALSE(
        core::scale(Money{1, Currency::usd}, std::numeric_limits<double>::quiet_NaN()).ok());
    EXPECT_FALSE(core::scale(Money{core::max_money_cents, Currency::usd}, 2.0).ok());
}

TEST(MoneyTest, CurrencyMismatchIsAnErrorNamingBothCodes) {
    const auto sum = core::add(Money{100, Currency::usd}, Money{100, Currency::eur});
    ASSERT_FALSE(sum.ok());
    EXPECT_EQ(sum.error().code, core::ErrorCode::invalid);
    EXPECT_EQ(sum.error().field, "Currency");
    EXPECT_EQ(sum.error().message,
              "Currency: cannot combine USD with EUR; use one currency for the whole plan.");
    EXPECT_FALSE(core::subtract(Money{1, Currency::gbp}, Money{1, Currency::cad}).ok());
}

TEST(MoneyTest, CurrencyFromText) {
    struct Case {
        std::string_view text;
        std::optional<Currency> expected;
    };
    const Case cases[] = {
        {"usd", Currency::usd},      {"USD", Currency::usd},
        {" eur ", Currency::eur},    {"\xE2\x82\xAC", Currency::eur},
        {"\xC2\xA3", Currency::gbp}, {"GbP", Currency::gbp},
        {"CA$", Currency::cad},      {"cad", Currency::cad},
        {"A$", Currency::aud},       {"aud", Currency::aud},
        {"$", Currency::usd},        {"", std::nullopt},
        {"us", std::nullopt},        {"usdx", std::nullopt},
        {"xyz", std::nullopt},       {"ca$", std::nullopt},
        {"$$", std::nullopt},        {"dollar", std::nullopt},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(core::currency_from_text(c.text), c.expected) << "text '" << c.text << "'";
    }
}

TEST(MoneyTest, CurrencyInfoCoversEveryCurrency) {
    for (const auto& info : core::all_currencies) {
        EXPECT_EQ(core::currency_info(info.currency).code, info.code);
        EXPECT_EQ(core::currency_from_text(info.code), info.currency);
        EXPECT_FALSE(info.symbol.empty());
    }
}

} // namespace
