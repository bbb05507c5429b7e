// Amounts for tests, named by their unit: cents(12'345) is $123.45, dollars(5'000) is
// $5,000.00 (US dollars unless a currency is given).
#pragma once

#include "core/money.hpp"

#include <cstdint>

[[nodiscard]] inline core::Money cents(std::int64_t amount,
                                       core::Currency currency = core::Currency::usd) {
    return core::Money{amount, currency};
}

[[nodiscard]] inline core::Money dollars(std::int64_t amount,
                                         core::Currency currency = core::Currency::usd) {
    return core::Money{amount * 100, currency};
}
