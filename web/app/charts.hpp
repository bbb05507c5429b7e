// Charts drawn with ImDrawList (ImPlot is not available): engagement rate against
// followers on a log axis with tier bands, bars with low/high whiskers, a stacked
// budget bar and percentile boxes for the Monte Carlo distribution. Every chart is
// one hoverable item (its id is its label for the test hook); hovering shows the
// exact values, which the caller formats with the core's formatters.
#pragma once

#include "imgui.h"

#include <span>
#include <string>
#include <string_view>

namespace web::charts {

struct TierBand {
    std::string_view name;
    double min_followers = 0; // inclusive
    double max_followers = 0; // inclusive; huge for "and more"
    double rate = 0;          // benchmark rate (fraction)
    bool derived = false;     // drawn dashed: not published by the source
};

struct RatePoint {
    double followers = 0;
    double rate = 0;
    std::string_view label;
    bool highlighted = false; // the influencer on the Engagement screen, a chosen row
};

// Engagement rate (y, percent) against followers (x, log scale).
void engagement_chart(const char* id, std::span<const TierBand> tiers,
                      std::span<const RatePoint> points, std::string_view benchmark_name,
                      float height);

struct RangeBar {
    std::string_view label; // "Plan A: one big"
    double low = 0, expected = 0, high = 0;
    ImU32 colour = 0;
    std::string_view value;  // formatted expected value, drawn at the bar's end
    std::string_view detail; // hover text (low / expected / high, formatted)
};

// Horizontal bars, one per entry, with a low..high whisker.
void range_bars(const char* id, std::span<const RangeBar> bars, float bar_height = 22.0f);

struct Segment {
    std::string_view label;
    double value = 0;
    ImU32 colour = 0;
    std::string_view detail; // hover text
};

// Formats a segment's value for its tooltip when the segment has no `detail`.
using ValueFormatter = std::string (*)(double value, const void* user);

// One stacked horizontal bar scaled to `scale` (e.g. the budget); `marker` draws a
// vertical line at that value (the budget when the plan overruns it), < 0 for none.
void stacked_bar(const char* id, std::span<const Segment> segments, double scale, double marker,
                 float height = 26.0f, ValueFormatter format = nullptr,
                 const void* format_user = nullptr);

struct Distribution {
    std::string_view label;
    double p5 = 0, p25 = 0, p50 = 0, p75 = 0, p95 = 0, mean = 0;
    ImU32 colour = 0;
    std::string_view detail; // hover text
};

// Percentile boxes on a shared axis: whiskers p5..p95, box p25..p75, median line.
void distribution_chart(const char* id, std::span<const Distribution> rows,
                        std::string_view axis_caption);

// Short axis labels: 1200 -> "1.2K", 3500000 -> "3.5M".
[[nodiscard]] std::string compact_number(double value);

// Shows `text` as the hovered chart's tooltip and records it for hover_text().
void chart_tooltip(std::string_view text);

// The hover text a chart showed in the current ImGui frame (empty if none); the test
// hook publishes it so tests can check that hover gives exact values.
[[nodiscard]] std::string_view hover_text();

} // namespace web::charts
