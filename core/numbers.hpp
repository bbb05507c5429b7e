// Reading and writing the numbers people type: follower counts, rates, prices.
//
// What the parsers accept (after trimming spaces, tabs and no-break spaces):
//   digits with an optional decimal point       12500   0.5   .5   7.
//   thousands separators in groups of three     1,234,567  1 234 567  1'234'567
//   a multiplier: k (x1,000), M (x10^6), B (x10^9), upper or lower case, with or
//   without a space before it                    1.2k  3.5M  2 b
//   a leading sign where the field allows it    -12   +12   (U+2212 minus too)
//   % in rate fields                             15%   7.4 %
//   a currency sign or code in money fields     $100  €1.234,50  100 EUR  CA$20
// Decimal style: NumberFormat::decimal_comma swaps the roles of '.' and ',':
//   "1,234.50" by default, "1.234,50" with decimal_comma. A space or apostrophe is a
//   thousands separator in both styles, but only between full groups of three
//   digits ("1 234" is 1234; "1 23" is rejected because it is probably two numbers).
// Rejected with an Error naming the field and saying what to type: empty text,
// "12abc", "1..2", "1,23" (broken groups), "nan", "inf", exponents ("1e5"), signs
// where the field does not allow them, and values outside the field's range.
// Limits: every parser rejects magnitudes above 10^15 and text longer than 64 bytes.
//
// Rates: inside the core a rate is a fraction. In a rate field a bare number is a
// percentage: "7.4" and "7.4%" both give 0.074.
// Money: parsed exactly from the decimal text (no binary rounding), then rounded once
// to cents, half away from zero: "$1.005" is 101 cents. A bare "$" matches USD, CAD
// and AUD fields (people in Canada and Australia type "$" too).
//
// Example: parse_count("1.2k", "Followers", 1, 1'000'000'000) gives 1200;
//          format_money(Money{500000, Currency::usd}) gives "$5,000".
#pragma once

#include "core/error.hpp"
#include "core/money.hpp"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace core {

struct NumberFormat {
    bool decimal_comma = false; // "1.234,50" when true, "1,234.50" when false
};

// Largest magnitude any parser accepts.
inline constexpr double max_number_magnitude = 1e15;
// Longest text any parser looks at (longer input is rejected, not truncated).
inline constexpr std::size_t max_number_text = 64;

// A non-negative number: "1,234" "1.2k" "3.5M". No % and no currency sign.
[[nodiscard]] Result<double> parse_number(std::string_view text, std::string_view field,
                                          NumberFormat format = {});
// A number in [min, max]; negative input is accepted only when min < 0.
[[nodiscard]] Result<double> parse_number_in(std::string_view text, std::string_view field,
                                             double min, double max, NumberFormat format = {});
// A whole number in [min, max]: "12,500", "1.2k". "1.5" is rejected (not whole).
[[nodiscard]] Result<std::int64_t> parse_count(std::string_view text, std::string_view field,
                                               std::int64_t min, std::int64_t max,
                                               NumberFormat format = {});
// A rate from 0% to 100% as a fraction: "15%" -> 0.15, "7.4" -> 0.074.
[[nodiscard]] Result<double> parse_rate(std::string_view text, std::string_view field,
                                        NumberFormat format = {});
// A rate in [min, max] (fractions), e.g. -1..10 for a return target of -100%..1000%.
[[nodiscard]] Result<double> parse_rate_in(std::string_view text, std::string_view field,
                                           double min, double max, NumberFormat format = {});
// A non-negative amount in `currency`: "$100", "100", "€1.234,50" (decimal comma),
// "5k" ($5,000). A different currency's sign or code is an error.
[[nodiscard]] Result<Money> parse_money(std::string_view text, std::string_view field,
                                        Currency currency, NumberFormat format = {});
// As parse_money, but a negative amount is allowed ("-$20", "$-20").
[[nodiscard]] Result<Money> parse_signed_money(std::string_view text, std::string_view field,
                                               Currency currency, NumberFormat format = {});

// Fixed decimals (0..9, clamped) with thousands separators: (1234.5, 1) -> "1,234.5".
// Rounds to nearest (ties as the C library prints them). Never prints "-0".
// Non-finite input (a programmer error) prints "not defined".
[[nodiscard]] std::string format_number(double value, int decimals, NumberFormat format = {});
// 12500 -> "12,500"; -3 -> "-3".
[[nodiscard]] std::string format_count(std::int64_t value, NumberFormat format = {});

enum class CentsStyle : std::uint8_t {
    when_needed, // "$5,000" but "$62.50"
    always,      // "$5,000.00"
    never,       // whole units, rounded half away from zero: "$63"
};
// Currency symbol first, minus sign before it: "$1,234.50", "-€20", "CA$5,000".
[[nodiscard]] std::string format_money(Money amount, CentsStyle cents = CentsStyle::when_needed,
                                       NumberFormat format = {});
// A fraction as a percentage: (0.074, 1) -> "7.4%". Non-finite prints "not defined".
[[nodiscard]] std::string format_percent(double rate, int decimals, NumberFormat format = {});

// Numbers in sentences: the comparison's verdict and the plain-text report write
// every figure through one of these, so both read alike. An amount or a rate that has
// none reads "not defined".
class ProseNumbers {
public:
    explicit ProseNumbers(NumberFormat format) : format_(format) {}

    [[nodiscard]] std::string money(Money amount) const {
        return format_money(amount, CentsStyle::when_needed, format_);
    }
    [[nodiscard]] std::string money(const std::optional<Money>& amount) const {
        return amount ? money(*amount) : std::string("not defined");
    }
    // Whole numbers from 10 up, one decimal below (0.4 conversions).
    [[nodiscard]] std::string quantity(double value) const {
        return format_number(value, std::fabs(value) < 10.0 ? 1 : 0, format_);
    }
    [[nodiscard]] std::string count(std::int64_t value) const {
        return format_count(value, format_);
    }
    // One decimal; three for a rate under 0.1% ("0.045%") that is not zero.
    [[nodiscard]] std::string percent(double rate) const {
        return format_percent(rate, std::fabs(rate) < 0.001 && rate != 0.0 ? 3 : 1, format_);
    }
    [[nodiscard]] std::string percent(const std::optional<double>& rate) const {
        return rate ? percent(*rate) : std::string("not defined");
    }
    // A ratio, "2.5 times": one decimal below 10.
    [[nodiscard]] std::string times(double ratio) const { return quantity(ratio); }
    [[nodiscard]] std::string number(double value, int decimals) const {
        return format_number(value, decimals, format_);
    }

private:
    NumberFormat format_;
};

// An amount a model input may hold: in `currency`, from zero to max_money_cents.
// Errors name `field` and give `example` ("5,000") after the currency symbol.
[[nodiscard]] std::optional<Error> check_amount(Money amount, Currency currency,
                                                std::string_view field, std::string_view example);

// Hexadecimal, the one helper for colours and percent-escapes: the digit's value
// ('a' and 'A' are 10), or -1 for any other character; 0xe4572e -> "#e4572e".
[[nodiscard]] constexpr int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}
[[nodiscard]] std::string hex_color(std::uint32_t rgb);

} // namespace core
