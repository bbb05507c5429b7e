#include "core/numbers.hpp"

#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <random>
#include <string>
#include <string_view>

namespace {

using core::Currency;
using core::ErrorCode;
using core::Money;
using core::NumberFormat;

constexpr NumberFormat dot{};
constexpr NumberFormat comma{true};

// Uniform double in [0, 1) from the engine's top 53 bits (no std distributions: they
// differ between libstdc++ and libc++).
double unit(std::mt19937_64& engine) {
    return static_cast<double>(engine() >> 11) * 0x1.0p-53;
}

TEST(NumbersTest, ParseNumberAcceptsWhatPeopleType) {
    struct Case {
        std::string_view text;
        NumberFormat format;
        double expected;
    };
    const Case cases[] = {
        {"0", dot, 0.0},
        {"12", dot, 12.0},
        {"  12  ", dot, 12.0},
        {"\t12\n", dot, 12.0},
        {"1,234", dot, 1234.0},
        {"1,234,567.25", dot, 1234567.25},
        {"1 234", dot, 1234.0},
        {"1\xC2\xA0"
         "234",
         dot, 1234.0}, // no-break space
        {"1\xE2\x80\xAF"
         "234,5",
         comma, 1234.5}, // narrow no-break space
        {"1'234'567", dot, 1234567.0},
        {"1.5", dot, 1.5},
        {".5", dot, 0.5},
        {"7.", dot, 7.0},
        {"007", dot, 7.0},
        {"1.2k", dot, 1200.0},
        {"1.2K", dot, 1200.0},
        {"1.2 k", dot, 1200.0},
        {"3.5M", dot, 3'500'000.0},
        {"3.5m", dot, 3'500'000.0},
        {"2B", dot, 2e9},
        {"+12", dot, 12.0},
        {"1.234,5", comma, 1234.5},
        {"1.234.567", comma, 1234567.0},
        {"0,5", comma, 0.5},
        {"1,2k", comma, 1200.0},
        {"1.234", dot, 1.234}, // a decimal point, not a separator, by default
        {"1.234", comma, 1234.0},
        {"1000000000000000", dot, 1e15}, // the limit itself
        {"-0", dot, 0.0},
    };
    for (const auto& c : cases) {
        const auto result = core::parse_number(c.text, "Value", c.format);
        ASSERT_TRUE(result.ok()) << "'" << c.text << "': " << result.error().message;
        EXPECT_DOUBLE_EQ(result.value(), c.expected) << "'" << c.text << "'";
        EXPECT_FALSE(std::signbit(result.value())) << "'" << c.text << "'";
    }
}

TEST(NumbersTest, ParseNumberRejectsWithCode) {
    struct Case {
        std::string_view text;
        NumberFormat format;
        ErrorCode code;
    };
    const Case cases[] = {
        {"", dot, ErrorCode::empty},
        {"   ", dot, ErrorCode::empty},
        {"\xC2\xA0", dot, ErrorCode::empty},
        {"12abc", dot, ErrorCode::not_a_number},
        {"abc", dot, ErrorCode::not_a_number},
        {"1..2", dot, ErrorCode::not_a_number},
        {"1.2.3", dot, ErrorCode::not_a_number},
        {"nan", dot, ErrorCode::not_a_number},
        {"NaN", dot, ErrorCode::not_a_number},
        {"inf", dot, ErrorCode::not_a_number},
        {"-inf", dot, ErrorCode::not_a_number},
        {"infinity", dot, ErrorCode::not_a_number},
        {"1e5", dot, ErrorCode::not_a_number},
        {"0x10", dot, ErrorCode::not_a_number},
        {".", dot, ErrorCode::not_a_number},
        {"-", dot, ErrorCode::not_a_number},
        {"+-1", dot, ErrorCode::not_a_number},
        {"--1", dot, ErrorCode::not_a_number},
        {"1kk", dot, ErrorCode::not_a_number},
        {"1 k k", dot, ErrorCode::not_a_number},
        {"k", dot, ErrorCode::not_a_number},
        {"1,23", dot, ErrorCode::not_a_number},      // broken group
        {"1,2345", dot, ErrorCode::not_a_number},    // broken group
        {"1234,567", dot, ErrorCode::not_a_number},  // first group too long
        {"1 23", dot, ErrorCode::not_a_number},      // two numbers?
        {"1,234 567", dot, ErrorCode::not_a_number}, // mixed separators
        {",5", dot, ErrorCode::not_a_number},
        {"1.234,50", dot, ErrorCode::not_a_number},   // decimal comma under dot style
        {"1,234.50", comma, ErrorCode::not_a_number}, // decimal point under comma style
        {"12%", dot, ErrorCode::not_a_number},        // % only in rate fields
        {"$12", dot, ErrorCode::not_a_number},        // currency only in money fields
        {"-12", dot, ErrorCode::out_of_range},        // negative not allowed here
        {"1000000000000001", dot, ErrorCode::out_of_range},
        {"2000T", dot, ErrorCode::not_a_number},
        {"1.5M.", dot, ErrorCode::not_a_number},
        {std::string_view("1\0"
                          "2",
                          3),
         dot, ErrorCode::not_a_number},
    };
    for (const auto& c : cases) {
        const auto result = core::parse_number(c.text, "Value", c.format);
        ASSERT_FALSE(result.ok()) << "'" << c.text << "' gave " << result.value();
        EXPECT_EQ(result.error().code, c.code) << "'" << c.text << "'";
        EXPECT_EQ(result.error().field, "Value");
        EXPECT_EQ(result.error().message.rfind("Value: ", 0), 0u) << result.error().message;
    }
}

TEST(NumbersTest, ParseRejectsTooLongText) {
    const std::string long_text(core::max_number_text + 1, '1');
    const auto result = core::parse_number(long_text, "Value");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::too_large);
}

TEST(NumbersTest, ExactMessages) {
    EXPECT_EQ(core::parse_count("", "Followers", 1, 1'000'000'000).error().message,
              "Followers: type a whole number such as 12,500.");
    EXPECT_EQ(core::parse_count("12abc", "Followers", 1, 1'000'000'000).error().message,
              "Followers: that is not a number; type a whole number such as 12,500.");
    EXPECT_EQ(core::parse_count("0", "Followers", 1, 1'000'000'000).error().message,
              "Followers: type a whole number from 1 to 1,000,000,000.");
    EXPECT_EQ(core::parse_count("1.5", "Followers", 1, 1'000'000'000).error().message,
              "Followers: type a whole number such as 12,500.");
    EXPECT_EQ(core::parse_count("-3", "Followers", 1, 1'000'000'000).error().message,
              "Followers: cannot be negative; type a whole number such as 12,500.");
    EXPECT_EQ(core::parse_count("12.500", "Followers", 1, 1'000'000'000, comma).value(), 12'500);
    EXPECT_EQ(core::parse_count("1,23", "Followers", 1, 1'000'000'000).error().message,
              "Followers: put thousands separators only between groups of three digits and use "
              "a point for decimals; type a whole number such as 12,500.");
    EXPECT_EQ(core::parse_number("1.234,50", "Budget").error().message,
              "Budget: this looks like a decimal comma; type a number such as 1,234.5, or choose "
              "the decimal-comma number format.");
    EXPECT_EQ(core::parse_rate("101%", "Engagement rate").error().message,
              "Engagement rate: type a percentage from 0% to 100%.");
    EXPECT_EQ(core::parse_rate("15%", "Engagement rate", comma).value(), 0.15);
    EXPECT_EQ(core::parse_rate("", "Engagement rate", comma).error().message,
              "Engagement rate: type a percentage such as 7,4%.");
    EXPECT_EQ(core::parse_money("\xE2\x82\xAC"
                                "5",
                                "Price", Currency::usd)
                  .error()
                  .message,
              "Price: the currency here is the US dollar (USD); type an amount such as $100.");
    EXPECT_EQ(core::parse_money("-$5", "Price", Currency::usd).error().message,
              "Price: cannot be negative; type an amount such as $100.");
    EXPECT_EQ(core::parse_money("10%", "Price", Currency::usd).error().message,
              "Price: leave out the % sign; type an amount such as $100.");
    EXPECT_EQ(core::parse_money("$20,000,000,000,000", "Budget", Currency::usd).error().message,
              "Budget: type an amount from $0 to $10,000,000,000,000.");
    EXPECT_EQ(core::parse_number_in("12", "Margin", 0.0, 1.0).error().message,
              "Margin: type a number from 0 to 1.");
    EXPECT_EQ(core::parse_count("5%", "Posts", 1, 100).error().message,
              "Posts: leave out the % sign; type a whole number such as 12,500.");
    EXPECT_EQ(core::parse_count("$5", "Posts", 1, 100).error().message,
              "Posts: leave out the currency sign; type a whole number such as 12,500.");
}

TEST(NumbersTest, ParseNumberInAllowsNegativeOnlyWhenTheRangeDoes) {
    EXPECT_DOUBLE_EQ(core::parse_number_in("-2.5", "Change", -10.0, 10.0).value(), -2.5);
    EXPECT_DOUBLE_EQ(core::parse_number_in("\xE2\x88\x92"
                                           "2.5",
                                           "Change", -10.0, 10.0)
                         .value(),
                     -2.5);
    EXPECT_EQ(core::parse_number_in("-2.5", "Change", 0.0, 10.0).error().code,
              ErrorCode::out_of_range);
    EXPECT_EQ(core::parse_number_in("-11", "Change", -10.0, 10.0).error().code,
              ErrorCode::out_of_range);
}

TEST(NumbersTest, ParseCountIsExact) {
    struct Case {
        std::string_view text;
        std::int64_t expected;
    };
    const Case cases[] = {
        {"12,500", 12'500},
        {"1.2k", 1'200},
        {"1.25k", 1'250},
        {"3.5M", 3'500'000},
        {"0.001M", 1'000},
        {"1.000", 1}, // 1.000 is one
        {"999,999,999,999,999", 999'999'999'999'999},
        {"1,000,000,000,000,000", 1'000'000'000'000'000},
        {"100.000", 100},
        {"2b", 2'000'000'000},
    };
    for (const auto& c : cases) {
        const auto result = core::parse_count(c.text, "Count", 0, core::max_money_cents);
        ASSERT_TRUE(result.ok()) << "'" << c.text << "': " << result.error().message;
        EXPECT_EQ(result.value(), c.expected) << "'" << c.text << "'";
    }
    EXPECT_FALSE(core::parse_count("1.2345k", "Count", 0, 1'000'000).ok());
    EXPECT_FALSE(core::parse_count("0.5", "Count", 0, 1'000'000).ok());
    EXPECT_FALSE(core::parse_count("99999999999999999999", "Count", 0, INT64_MAX).ok());
    EXPECT_FALSE(core::parse_count("1,000,000,000,000,001", "Count", 0, INT64_MAX).ok());
    EXPECT_EQ(core::parse_count("-5", "Change", -10, 10).value(), -5);
    EXPECT_EQ(core::parse_count("-0", "Count", 0, 10).value(), 0);
}

TEST(NumbersTest, ParseRateTreatsABareNumberAsAPercentage) {
    struct Case {
        std::string_view text;
        NumberFormat format;
        double expected;
    };
    const Case cases[] = {
        {"15%", dot, 0.15},      {"15 %", dot, 0.15},     {"7.4", dot, 0.074},
        {"7.4%", dot, 0.074},    {"0.074", dot, 0.00074}, {"100%", dot, 1.0},
        {"0", dot, 0.0},         {"7,4", comma, 0.074},   {"2,78%", comma, 0.0278},
        {" 2.4 % ", dot, 0.024},
    };
    for (const auto& c : cases) {
        const auto result = core::parse_rate(c.text, "Rate", c.format);
        ASSERT_TRUE(result.ok()) << "'" << c.text << "': " << result.error().message;
        EXPECT_DOUBLE_EQ(result.value(), c.expected) << "'" << c.text << "'";
    }
    EXPECT_FALSE(core::parse_rate("100.1%", "Rate").ok());
    EXPECT_FALSE(core::parse_rate("-1%", "Rate").ok());
    EXPECT_FALSE(core::parse_rate("$5", "Rate").ok());
    EXPECT_DOUBLE_EQ(core::parse_rate_in("-50%", "Return", -1.0, 10.0).value(), -0.5);
    EXPECT_DOUBLE_EQ(core::parse_rate_in("250%", "Return", -1.0, 10.0).value(), 2.5);
    EXPECT_EQ(core::parse_rate_in("2000%", "Return", -1.0, 10.0).error().message,
              "Return: type a percentage from -100% to 1,000%.");
}

TEST(NumbersTest, ParseMoneyIsExactToTheCent) {
    struct Case {
        std::string_view text;
        Currency currency;
        NumberFormat format;
        std::int64_t cents;
    };
    const Case cases[] = {
        {"$100", Currency::usd, dot, 10'000},
        {"100", Currency::usd, dot, 10'000},
        {"$ 100", Currency::usd, dot, 10'000},
        {"100$", Currency::usd, dot, 10'000},
        {"USD 100", Currency::usd, dot, 10'000},
        {"100 usd", Currency::usd, dot, 10'000},
        {"$5,000", Currency::usd, dot, 500'000},
        {"$5k", Currency::usd, dot, 500'000},
        {"$62.50", Currency::usd, dot, 6'250},
        {"$0.62", Currency::usd, dot, 62},
        {"$1.005", Currency::usd, dot, 101}, // half a cent rounds away from zero
        {"$1.0049", Currency::usd, dot, 100},
        {"$0.004", Currency::usd, dot, 0},
        {"$0.005", Currency::usd, dot, 1},
        {"$0.0005", Currency::usd, dot, 0},
        {"$1.2345M", Currency::usd, dot, 123'450'000},
        {"\xE2\x82\xAC"
         "1.234,50",
         Currency::eur, comma, 123'450},
        {"1.234,50 \xE2\x82\xAC", Currency::eur, comma, 123'450},
        {"1 234,50 EUR", Currency::eur, comma, 123'450},
        {"\xC2\xA3"
         "20",
         Currency::gbp, dot, 2'000},
        {"CA$20", Currency::cad, dot, 2'000},
        {"$20", Currency::cad, dot, 2'000}, // a bare $ is fine for Canadian dollars
        {"A$20", Currency::aud, dot, 2'000},
        {"$20", Currency::aud, dot, 2'000},
        {"$10,000,000,000,000", Currency::usd, dot, core::max_money_cents},
    };
    for (const auto& c : cases) {
        const auto result = core::parse_money(c.text, "Price", c.currency, c.format);
        ASSERT_TRUE(result.ok()) << "'" << c.text << "': " << result.error().message;
        EXPECT_EQ(result.value(), (Money{c.cents, c.currency})) << "'" << c.text << "'";
    }
}

TEST(NumbersTest, ParseMoneyRejects) {
    struct Case {
        std::string_view text;
        Currency currency;
        ErrorCode code;
    };
    const Case cases[] = {
        {"", Currency::usd, ErrorCode::empty},
        {"$", Currency::usd, ErrorCode::not_a_number},
        {"$$5", Currency::usd, ErrorCode::not_a_number},
        {"$5$", Currency::usd, ErrorCode::not_a_number},
        {"5 USD EUR", Currency::usd, ErrorCode::not_a_number},
        {"\xE2\x82\xAC"
         "5",
         Currency::usd, ErrorCode::invalid},
        {"$5", Currency::eur, ErrorCode::invalid},
        {"$5", Currency::gbp, ErrorCode::invalid},
        {"CA$5", Currency::usd, ErrorCode::invalid},
        {"5 GBP", Currency::eur, ErrorCode::invalid},
        {"-5", Currency::usd, ErrorCode::out_of_range},
        {"$-5", Currency::usd, ErrorCode::out_of_range},
        {"5%", Currency::usd, ErrorCode::not_a_number},
        {"$10,000,000,000,000.01", Currency::usd, ErrorCode::out_of_range},
        {"$99999999999999999999", Currency::usd, ErrorCode::out_of_range},
        {"$12abc", Currency::usd, ErrorCode::not_a_number},
        {"$nan", Currency::usd, ErrorCode::not_a_number},
    };
    for (const auto& c : cases) {
        const auto result = core::parse_money(c.text, "Price", c.currency);
        ASSERT_FALSE(result.ok()) << "'" << c.text << "'";
        EXPECT_EQ(result.error().code, c.code) << "'" << c.text << "': " << result.error().message;
        EXPECT_EQ(result.error().field, "Price");
    }
}

TEST(NumbersTest, ParseSignedMoneyAcceptsNegativeAmounts) {
    EXPECT_EQ(core::parse_signed_money("-$20", "Adjustment", Currency::usd).value().cents, -2'000);
    EXPECT_EQ(core::parse_signed_money("$-20", "Adjustment", Currency::usd).value().cents, -2'000);
    EXPECT_EQ(core::parse_signed_money("-$0.005", "Adjustment", Currency::usd).value().cents, -1);
    EXPECT_EQ(core::parse_signed_money("-0", "Adjustment", Currency::usd).value().cents, 0);
}

TEST(NumbersTest, FormatNumber) {
    struct Case {
        double value;
        int decimals;
        NumberFormat format;
        std::string_view expected;
    };
    const Case cases[] = {
        {0.0, 0, dot, "0"},
        {1234.5, 1, dot, "1,234.5"},
        {1234.5, 1, comma, "1.234,5"},
        {1234567.0, 0, dot, "1,234,567"},
        {999.0, 0, dot, "999"},
        {1000.0, 0, dot, "1,000"},
        {-1234.5, 2, dot, "-1,234.50"},
        {-0.0001, 2, dot, "0.00"}, // never "-0.00"
        {-0.0, 0, dot, "0"},
        {0.125, 2, dot, "0.12"}, // exact binary tie: printf rounds to even
        {2.675, 2, dot, "2.67"}, // 2.675 is 2.67499999... in binary
        {1e15, 0, dot, "1,000,000,000,000,000"},
        {1.5, -3, dot, "2"}, // decimals clamped to 0..9
        {std::nan(""), 2, dot, "not defined"},
        {HUGE_VAL, 2, dot, "not defined"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(core::format_number(c.value, c.decimals, c.format), c.expected)
            << c.value << " with " << c.decimals;
    }
}

TEST(NumbersTest, FormatCountMoneyPercent) {
    EXPECT_EQ(core::format_count(0), "0");
    EXPECT_EQ(core::format_count(12'500), "12,500");
    EXPECT_EQ(core::format_count(12'500, comma), "12.500");
    EXPECT_EQ(core::format_count(-1'000), "-1,000");
    EXPECT_EQ(core::format_count(INT64_MIN), "-9,223,372,036,854,775,808");
    EXPECT_EQ(core::format_count(INT64_MAX), "9,223,372,036,854,775,807");

    EXPECT_EQ(core::format_money(Money{500'000, Currency::usd}), "$5,000");
    EXPECT_EQ(core::format_money(Money{6'250, Currency::usd}), "$62.50");
    EXPECT_EQ(core::format_money(Money{500'000, Currency::usd}, core::CentsStyle::always),
              "$5,000.00");
    EXPECT_EQ(core::format_money(Money{6'250, Currency::usd}, core::CentsStyle::never), "$63");
    EXPECT_EQ(core::format_money(Money{-6'250, Currency::usd}, core::CentsStyle::never), "-$63");
    EXPECT_EQ(core::format_money(Money{-5, Currency::gbp}), "-\xC2\xA3"
                                                            "0.05");
    EXPECT_EQ(core::format_money(Money{-40, Currency::usd}, core::CentsStyle::never), "$0");
    EXPECT_EQ(
        core::format_money(Money{123'450, Currency::eur}, core::CentsStyle::when_needed, comma),
        "\xE2\x82\xAC"
        "1.234,50");
    EXPECT_EQ(core::format_money(Money{200'000, Currency::cad}), "CA$2,000");
    EXPECT_EQ(core::format_money(Money{0, Currency::aud}), "A$0");

    EXPECT_EQ(core::format_percent(0.074, 1), "7.4%");
    EXPECT_EQ(core::format_percent(0.15, 0), "15%");
    EXPECT_EQ(core::format_percent(0.0278, 2, comma), "2,78%");
    EXPECT_EQ(core::format_percent(-0.68, 0), "-68%");
    EXPECT_EQ(core::format_percent(std::nan(""), 1), "not defined");
}

TEST(NumbersTest, PropertyFormatThenParseRoundTrips) {
    std::mt19937_64 engine(20240611);
    for (int i = 0; i < 5000; ++i) {
        const NumberFormat format{(engine() & 1) != 0};
        // Magnitudes spread over 0 .. 10^12 on a log scale.
        const double value = std::pow(10.0, unit(engine) * 12.0) - 1.0;
        const int decimals = static_cast<int>(engine() % 4);
        const std::string text = core::format_number(value, decimals, format);
        const auto parsed = core::parse_number(text, "Value", format);
        ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.error().message;
        EXPECT_NEAR(parsed.value(), value,
                    0.5 * std::pow(10.0, -decimals) * 1.000001 + value * 1e-15)
            << text;
        ASSERT_TRUE(std::isfinite(parsed.value()));

        const std::int64_t count = static_cast<std::int64_t>(engine() % 1'000'000'000'000'000ULL);
        const std::string count_text = core::format_count(count, format);
        EXPECT_EQ(core::parse_count(count_text, "Count", 0, core::max_money_cents, format).value(),
                  count)
            << count_text;

        const auto currency = core::all_currencies[engine() % core::all_currencies.size()].currency;
        const std::int64_t cents =
            static_cast<std::int64_t>(engine() % (2 * core::max_money_cents + 1)) -
            core::max_money_cents;
        const Money amount{cents, currency};
        const std::string money_text =
            core::format_money(amount, core::CentsStyle::when_needed, format);
        const auto money = core::parse_signed_money(money_text, "Amount", currency, format);
        ASSERT_TRUE(money.ok()) << money_text << ": " << money.error().message;
        EXPECT_EQ(money.value(), amount) << money_text;
        if (cents >= 0) {
            EXPECT_EQ(core::parse_money(money_text, "Amount", currency, format).value(), amount);
        }

        const double rate = unit(engine);
        const std::string rate_text = core::format_percent(rate, 2, format);
        const auto parsed_rate = core::parse_rate(rate_text, "Rate", format);
        ASSERT_TRUE(parsed_rate.ok()) << rate_text;
        EXPECT_NEAR(parsed_rate.value(), rate, 0.00005 + 1e-12) << rate_text;
    }
}

TEST(NumbersTest, PropertyRandomTextNeverGivesNonFiniteOrNegative) {
    // Short strings over an alphabet of everything the grammar cares about.
    const std::string_view alphabet[] = {"0",
                                         "1",
                                         "5",
                                         "9",
                                         ".",
                                         ",",
                                         " ",
                                         "'",
                                         "-",
                                         "+",
                                         "k",
                                         "M",
                                         "b",
                                         "%",
                                         "$",
                                         "e",
                                         "x",
                                         "n",
                                         "\xE2\x82\xAC",
                                         "\xC2\xA0",
                                         "USD",
                                         "CA$"};
    std::mt19937_64 engine(7);
    for (int i = 0; i < 20000; ++i) {
        std::string text;
        const auto length = engine() % 9;
        for (std::uint64_t j = 0; j < length; ++j) {
            text += alphabet[engine() % std::size(alphabet)];
        }
        const NumberFormat format{(engine() & 1) != 0};
        const auto number = core::parse_number(text, "Value", format);
        if (number.ok()) {
            EXPECT_TRUE(std::isfinite(number.value())) << text;
            EXPECT_GE(number.value(), 0.0) << text;
            EXPECT_LE(number.value(), core::max_number_magnitude) << text;
        } else {
            EXPECT_EQ(number.error().message.rfind("Value: ", 0), 0u) << text;
        }
        const auto rate = core::parse_rate(text, "Rate", format);
        if (rate.ok()) {
            EXPECT_TRUE(rate.value() >= 0.0 && rate.value() <= 1.0) << text;
        }
        const auto money = core::parse_money(text, "Price", Currency::usd, format);
        if (money.ok()) {
            EXPECT_GE(money.value().cents, 0) << text;
            EXPECT_LE(money.value().cents, core::max_money_cents) << text;
        }
    }
}

} // namespace
