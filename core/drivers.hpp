// What decides "one big or many small": each assumption of a comparison (a driver) moved
// on its own, the verdict margin it gives, and the value at which the verdict flips.
//
// Verdict margin r (> 1: plan B ahead, < 1: plan A ahead, 1: a tie):
//   cost per result  r = (cost_A / metric_A) / (cost_B / metric_B)
//   total result     r = metric_B / metric_A
// A driver sets one quantity of the inputs and leaves everything else as typed:
//   price_a / price_b         a plan's average price per post (every row's price scaled)
//   engagement_a / _b         a plan's average engagement rate (rates scaled, at most 100%)
//   quality_a / quality_b     a plan's audience quality: authenticity x audience fit,
//                             engagement-weighted (authenticity scaled first, then fit)
//   conversion_b              how many times plan A's conversion rate plan B's buyers
//                             convert at (B's conversion multipliers scaled)
//   overhead                  the overhead per booked influencer, both plans alike (rows
//                             with their own overhead keep it)
//   overlap                   the share of audiences reached twice, both plans alike
// r is monotonic in each driver, so the flip (r = 1) is found by bisection: to the cent
// for money (the cent at which plan B is at least as good), to 1e-9 otherwise.
//
// Sensitivity: each driver across a range, sourced where a source exists (the built-in
// price figures and benchmark sets for the plan's average follower count) and stated as
// an assumption otherwise; sorted by swing |ln r(high) - ln r(low)|, largest first. The
// deciding driver is the first whose range crosses the flip.
// Example (the article's scenario, ten bloggers at $100): r = 0.17 now; the regional
// bloggers' price ranges from $10.05 ($10 per 1,000 followers) to $1,105 (IZEA 2022 nano)
// and flips the verdict at $17.39 a post: price decides it.
#pragma once

#include "core/money.hpp"
#include "core/numbers.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace core {

struct ComparisonInputs;
struct Comparison;

enum class Driver : std::uint8_t {
    price_a,
    price_b,
    engagement_a,
    engagement_b,
    quality_a,
    quality_b,
    conversion_b,
    overhead,
    overlap,
};

enum class DriverUnit : std::uint8_t {
    money, // values are cents in the plan's currency
    rate,  // a fraction 0..1
    times, // a multiplier
};

struct SensitivityEntry {
    Driver driver = Driver::price_b;
    DriverUnit unit = DriverUnit::money;
    std::string label;    // "What Ten regional bloggers charge per post"
    double current = 0.0; // the driver's value as typed
    double low = 0.0, high = 0.0;
    double margin_low = 1.0, margin_high = 1.0; // r at low and at high
    double swing = 0.0;                         // |ln r(high) - ln r(low)|
    std::optional<double> flip;                 // the driver's value at r = 1, if any
    bool decides = false;     // the range crosses the flip: the verdict hangs on it
    std::string range_source; // where the range comes from, or "assumption: ..."
};

// How many rows (both plans) the sensitivity view evaluates at most: each driver costs
// up to about 60 evaluations of a plan.
inline constexpr std::size_t max_sensitivity_rows = 2'000;

namespace detail {
// The verdict margin r for these inputs; nullopt when a plan has nothing to compare.
[[nodiscard]] std::optional<double> verdict_margin(const ComparisonInputs& inputs);
// The driver's value in these inputs.
[[nodiscard]] double driver_value(const ComparisonInputs& inputs, Driver driver);
// The inputs with the driver set to `value`.
[[nodiscard]] ComparisonInputs with_driver(const ComparisonInputs& inputs, Driver driver,
                                           double value);
} // namespace detail

// The driver's value at which r = 1 (searched over its whole domain), or nullopt when no
// value flips the verdict. Money: the cent nearest the flip at which B is at least as good.
[[nodiscard]] std::optional<double> driver_flip(const ComparisonInputs& inputs, Driver driver);

// The verdict margin r of a computed comparison; nullopt when a plan books no one.
[[nodiscard]] std::optional<double> comparison_margin(const Comparison& comparison);

// A driver's value as the screens write it: "$17.39", "42.0%", "2.5 times".
[[nodiscard]] std::string format_driver_value(DriverUnit unit, double value, Currency currency,
                                              NumberFormat format = {});
// Who is ahead at a verdict margin r, and by how much: "One national blogger ahead,
// 5.8 times better", "a tie".
[[nodiscard]] std::string describe_margin(double margin, const std::string& a_name,
                                          const std::string& b_name, NumberFormat format = {});
// One entry in a sentence with every exact value: the value now, the range and its
// source, the verdict at both ends, and the flip. For hover text and the report.
[[nodiscard]] std::string describe_sensitivity(const SensitivityEntry& entry,
                                               const std::string& a_name, const std::string& b_name,
                                               Currency currency, NumberFormat format = {});

// Every driver's entry, sorted by swing (largest first); empty when a plan has nothing to
// compare or the plans hold more than max_sensitivity_rows rows.
[[nodiscard]] std::vector<SensitivityEntry> sensitivity(const ComparisonInputs& inputs,
                                                        const Comparison& comparison);

} // namespace core
