// Money as integer cents with a currency. Amounts are exact; every conversion
// from a fractional amount (a rate times a price, a share of a budget) rounds
// once, half away from zero: 0.5 cent -> 1 cent, -0.5 cent -> -1 cent.
// Arithmetic is overflow-checked and returns an Error instead of wrapping.
// Example: Money::from_units(12.345, Currency::usd) is 1235 cents, "$12.35".
#pragma once

#include "core/error.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace core {

enum class Currency : std::uint8_t { usd, eur, gbp, cad, aud };

struct CurrencyInfo {
    Currency currency;
    std::string_view code;   // ISO 4217, "USD"
    std::string_view symbol; // as printed before the amount, "$", "CA$"
    std::string_view name;   // "US dollar"
};

inline constexpr std::array<CurrencyInfo, 5> all_currencies{{
    {Currency::usd, "USD", "$", "US dollar"},
    {Currency::eur, "EUR", "\xE2\x82\xAC", "euro"},
    {Currency::gbp, "GBP", "\xC2\xA3", "pound sterling"},
    {Currency::cad, "CAD", "CA$", "Canadian dollar"},
    {Currency::aud, "AUD", "A$", "Australian dollar"},
}};

[[nodiscard]] const CurrencyInfo& currency_info(Currency currency);
// A code in any letter case or an exact symbol, surrounding spaces ignored:
// "usd", " EUR ", "$", "€", "CA$" -> the currency; nullopt for anything else.
// A bare "$" is the US dollar here (number parsing accepts it for CAD and AUD too).
[[nodiscard]] std::optional<Currency> currency_from_text(std::string_view text);

// Largest amount the calculator accepts anywhere: 10^15 cents (ten trillion units).
inline constexpr std::int64_t max_money_cents = 1'000'000'000'000'000;

struct Money {
    std::int64_t cents = 0;
    Currency currency = Currency::usd;

    [[nodiscard]] static Money zero(Currency currency) { return Money{0, currency}; }
    // Rounds units (dollars, euros) to cents once, half away from zero.
    // Non-finite or out-of-range input is an error naming `field`.
    [[nodiscard]] static Result<Money> from_units(double units, Currency currency,
                                                  std::string_view field = "Amount");
    // The same amount when it is in range, else nothing (no error is built: readers of
    // 10,000 amounts spell the error only for the one that fails).
    [[nodiscard]] static std::optional<Money> units_in_range(double units, Currency currency);

    [[nodiscard]] double units() const { return static_cast<double>(cents) / 100.0; }
    friend bool operator==(const Money&, const Money&) = default;
};

// Rounds a fractional number of cents half away from zero. Near a half cent the
// decision uses the value's decimal form to 15 significant digits, so that products
// such as 0.285 x 100 (28.499999999999996 in binary) round as the 28.5 they stand for.
// Precondition: finite and within +-max_money_cents (callers check the limit first).
[[nodiscard]] std::int64_t round_cents(double cents);

// Overflow-checked arithmetic; both operands must share a currency.
[[nodiscard]] Result<Money> add(Money a, Money b);
[[nodiscard]] Result<Money> subtract(Money a, Money b);
[[nodiscard]] Result<Money> multiply(Money amount, std::int64_t count);
// amount x factor, rounded once (e.g. a share of a budget). Factor must be finite.
[[nodiscard]] Result<Money> scale(Money amount, double factor);

} // namespace core
