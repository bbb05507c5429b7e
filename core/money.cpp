#include "core/money.hpp"

#include <cmath>
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
    for (const auto& info : all_currencies) {
        if (text == info.symbol || text.size() == 3) {
            bool same_code = text.size() == 3;
            for (std::size_t i = 0; same_code && i < 3; ++i) {
                const char upper = (text[i] >= 'a' && text[i] <= 'z') ? char(text[i] - 32) : text[i];
                same_code = upper == info.code[i];
            }
            if (text == info.symbol || same_code) {
                return info.currency;
            }
        }
    }
    return std::nullopt;
}

std::int64_t round_cents(double cents) {
    // std::round rounds half away from zero, which is the documented rule.
    return static_cast<std::int64_t>(std::round(cents));
}

Result<Money> Money::from_units(double units, Currency currency, std::string_view field) {
    const double cents = units * 100.0;
    if (!std::isfinite(cents) || std::fabs(cents) > static_cast<double>(max_money_cents)) {
        return make_error(ErrorCode::out_of_range, std::string(field),
                          std::string(field) + ": type an amount below 10 trillion.");
    }
    return Money{round_cents(cents), currency};
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

}  // namespace

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

}  // namespace core
