// Fuzzes the number parser (core/numbers.hpp): every parser on the same text, with the
// first byte choosing the currency and the decimal style. Besides "no crash, no
// sanitizer report", it checks the documented promises: values are finite, within
// the field's range and the 10^15 limit; money is whole cents of the field's currency
// and never negative unless signed; formatting any parsed value does not fail.
#include "core/numbers.hpp"
#include "tests/fuzz/fuzz_check.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

// Reports the failed promise by line, then aborts so libFuzzer saves the input.

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::uint8_t control = data[0];
    const auto currency = static_cast<core::Currency>(control % 5);
    core::NumberFormat format;
    format.decimal_comma = (control & 0x08U) != 0;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

    if (const auto number = core::parse_number(text, "Value", format); number.ok()) {
        check(std::isfinite(number.value()) && number.value() >= 0.0 &&
              number.value() <= core::max_number_magnitude);
        check(!core::format_number(number.value(), control % 10, format).empty());
    }
    if (const auto bounded = core::parse_number_in(text, "Value", -50.0, 50.0, format);
        bounded.ok()) {
        check(std::isfinite(bounded.value()) && bounded.value() >= -50.0 &&
              bounded.value() <= 50.0);
    }
    if (const auto count = core::parse_count(text, "Followers", 1, 1'000'000'000, format);
        count.ok()) {
        check(count.value() >= 1 && count.value() <= 1'000'000'000);
        check(!core::format_count(count.value(), format).empty());
    }
    if (const auto rate = core::parse_rate(text, "Engagement rate", format); rate.ok()) {
        check(std::isfinite(rate.value()) && rate.value() >= 0.0 && rate.value() <= 1.0);
        check(!core::format_percent(rate.value(), 1, format).empty());
    }
    if (const auto rate = core::parse_rate_in(text, "Return", -1.0, 10.0, format); rate.ok()) {
        check(std::isfinite(rate.value()) && rate.value() >= -1.0 && rate.value() <= 10.0);
    }
    if (const auto money = core::parse_money(text, "Price", currency, format); money.ok()) {
        check(money.value().currency == currency);
        check(money.value().cents >= 0 && money.value().cents <= core::max_money_cents);
        check(!core::format_money(money.value()).empty());
    }
    if (const auto money = core::parse_signed_money(text, "Change", currency, format); money.ok()) {
        check(money.value().currency == currency);
        check(money.value().cents >= -core::max_money_cents &&
              money.value().cents <= core::max_money_cents);
        check(!core::format_money(money.value(), core::CentsStyle::always, format).empty());
    }
    return 0;
}
