// "What decides it" on the comparison screen: each plan's cost split (fees against what comes on
// top) and a tornado chart of the sensitivity list (core/drivers.hpp).
//
// The tornado chart: one bar per assumption, largest swing on top. The horizontal axis
// is the verdict margin on a log scale, centred on a tie: left of the centre plan A is
// ahead, right of it plan B. A bar spans the margins at the two ends of the
// assumption's range; where it crosses the centre the verdict flips, marked with a
// diamond, and the flip value is written under the bar. The dashed line is the margin
// now. Hovering a bar shows every exact value (core::describe_sensitivity); the same
// sentences are the chart's accessible value and lines of the screen-reader report.
#pragma once

#include "core/compare.hpp"
#include "imgui.h"

#include <span>
#include <string_view>

namespace web {

class App;

namespace charts {

struct TornadoBar {
    std::string_view label;
    double margin_low = 1.0, margin_high = 1.0; // verdict margin r at the range's ends
    bool flips = false;       // the range crosses r = 1: the diamond at the centre
    std::string_view caption; // under the bar: "From $10.05 to $1,105; flips at $17.39"
    std::string_view detail;  // hover text with the exact values
};

// `current` is the margin now; `a_side` and `b_side` caption the two halves.
void tornado_chart(const char* id, std::span<const TornadoBar> bars, double current,
                   std::string_view a_side, std::string_view b_side,
                   std::string_view accessible_value);

} // namespace charts

// The card below the plans on the comparison screen (nothing while the comparison has
// an error: the verdict card shows it).
void draw_drivers_card(App& app);

} // namespace web
