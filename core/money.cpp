#include "core/money.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace core {

const CurrencyInfo& currency_info(Currency currency) {
    for (const auto& info : all_currencies) {
        if (info.currency == currency) {
            return info;
        }
    }
    return all_currencies[0];
}

std::optional<Currency> currency_from_text(std::string_view text) {
    // Surrounding spaces come with pasted or CSV text; they never change the meaning.
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    auto same_code = [](std::string_view typed, std::string_view code) {
        if (typed.size() != code.size()) {
            return false;
        }
        for (std::size_t i = 0; i < typed.size(); ++i) {
            const char c = typed[i];
            const char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
            if (upper != code[i]) {
                return false;
            }
        }
        return true;
    };
    for (const auto& info : all_currencies) {
        if (text == info.symbol || same_code(text, info.code)) {
            return info.currency;
        }
    }
    return std::nullopt;
}

std::int64_t round_cents(double cents) {
    const double magnitude = std::fabs(cents);
    const double fraction = magnitude - std::floor(magnitude);
    if (std::fabs(fraction - 0.5) > 1e-6 || magnitude >= 1e14) {
        return static_cast<std::int64_t>(std::round(cents));
    }
    // Near a half cent the binary value is often a hair off the decimal it stands for
    // (0.285 x 100 is 28.499999999999996). Decide on the decimal value to 15
    // significant digits, which is what the amount means, then round half away from
    // zero. printf's conversion is correctly rounded in glibc and musl alike, so native
    // and wasm agree.
    char buffer[32];
    const int written = std::snprintf(buffer, sizeof buffer, "%.14e", magnitude);
    if (written <= 0 || static_cast<std::size_t>(written) >= sizeof buffer) {
        return static_cast<std::int64_t>(std::round(cents));
    }
    // buffer is "d.dddddddddddddde+XX": 15 significant digits and a decimal exponent
    // from -1 to 13 (smaller magnitudes are not near a half; larger ones took the
    // branch above, where a double's fraction is exact enough).
    std::string digits;
    const char* p = buffer;
    for (; *p != 'e'; ++p) {
        if (*p != '.') {
            digits += *p;
        }
    }
    const int exponent = std::atoi(p + 1);
    std::int64_t whole = 0;
    char first_dropped = '0';
    if (exponent >= 0) {
        const auto keep = static_cast<std::size_t>(exponent) + 1;
        for (std::size_t i = 0; i < keep && i < digits.size(); ++i) {
            whole = whole * 10 + (digits[i] - '0');
        }
        first_dropped = keep < digits.size() ? digits[keep] : '0';
    } else if (exponent == -1) {
        first_dropped = digits[0];
    }
    if (first_dropped >= '5') {
        ++whole;
    }
    return cents < 0 ? -whole : whole;
}

std::optional<Money> Money::units_in_range(double units, Currency currency) {
    const double cents = units * 100.0;
    if (!std::isfinite(cents) || std::fabs(cents) > static_cast<double>(max_money_cents)) {
        return std::nullopt;
    }
    return Money{round_cents(cents), currency};
}

Result<Money> Money::from_units(double units, Currency currency, std::string_view field) {
    if (const auto money = units_in_range(units, currency)) {
        return *money;
    }
    return make_error(ErrorCode::out_of_range, std::string(field),
                      std::string(field) + ": type an amount below 10 trillion.");
}

namespace {

Error overflow_error() {
    return make_error(ErrorCode::overflow, "Amount",
                      "Amount: the total is too large; use amounts below 10 trillion.");
}

Error currency_mismatch_error(Money a, Money b) {
    return make_error(ErrorCode::invalid, "Currency",
                      "Currency: cannot combine " + std::string(currency_info(a.currency).code) +
                          " with " + std::string(currency_info(b.currency).code) +
                          "; use one currency for the whole plan.");
}

Result<Money> checked(std::int64_t cents, Currency currency) {
    if (cents > max_money_cents || cents < -max_money_cents) {
        return overflow_error();
    }
    return Money{cents, currency};
}

} // namespace

Result<Money> add(Money a, Money b) {
    if (a.currency != b.currency) {
        return currency_mismatch_error(a, b);
    }
    // Each operand is at most 10^15 in magnitude, so the sum cannot overflow int64.
    return checked(a.cents + b.cents, a.currency);
}

Result<Money> subtract(Money a, Money b) {
    if (a.currency != b.currency) {
        return currency_mismatch_error(a, b);
    }
    return checked(a.cents - b.cents, a.currency);
}

Result<Money> multiply(Money amount, std::int64_t count) {
    std::int64_t product = 0;
    if (__builtin_mul_overflow(amount.cents, count, &product)) {
        return overflow_error();
    }
    return checked(product, amount.currency);
}

Result<Money> scale(Money amount, double factor) {
    const double cents = static_cast<double>(amount.cents) * factor;
    if (!std::isfinite(cents) || std::fabs(cents) > static_cast<double>(max_money_cents)) {
        return overflow_error();
    }
    return Money{round_cents(cents), amount.currency};
}

} // namespace core
