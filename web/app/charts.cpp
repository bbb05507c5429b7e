#include "web/app/charts.hpp"

#include "core/numbers.hpp"
#include "imgui_internal.h"
#include "web/app/theme.hpp"

#include <algorithm>
#include <cmath>

namespace web::charts {
namespace {

// A step of 1, 2, 2.5 or 5 times a power of ten giving about `count` ticks up to max.
double nice_step(double max, int count) {
    if (!(max > 0.0)) {
        return 1.0;
    }
    const double raw = max / count;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double residual = raw / magnitude;
    const double factor = residual <= 1.0   ? 1.0
                          : residual <= 2.0 ? 2.0
                          : residual <= 2.5 ? 2.5
                          : residual <= 5.0 ? 5.0
                                            : 10.0;
    return factor * magnitude;
}

void text_at(ImDrawList* draw, ImVec2 pos, ImU32 colour, std::string_view text) {
    draw->AddText(pos, colour, text.data(), text.data() + text.size());
}

ImVec2 text_size(std::string_view text) {
    return ImGui::CalcTextSize(text.data(), text.data() + text.size());
}

void dashed_line(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 colour, float thickness) {
    const float length = std::hypot(b.x - a.x, b.y - a.y);
    if (length <= 0.0f) {
        return;
    }
    const float dash = 6.0f, gap = 4.0f;
    const ImVec2 dir((b.x - a.x) / length, (b.y - a.y) / length);
    for (float t = 0.0f; t < length; t += dash + gap) {
        const float end = std::min(t + dash, length);
        draw->AddLine(ImVec2(a.x + dir.x * t, a.y + dir.y * t),
                      ImVec2(a.x + dir.x * end, a.y + dir.y * end), colour, thickness);
    }
}

struct HoverRecord {
    std::string text;
    int frame = -1;
};
HoverRecord g_hover;

void tooltip_text(std::string_view text) {
    if (text.empty()) {
        return;
    }
    g_hover.text.assign(text.data(), text.size());
    g_hover.frame = ImGui::GetFrameCount();
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

// Percent tick labels with as few decimals as the step needs.
std::string percent_label(double rate, double step) {
    const int decimals = step >= 0.01 ? 0 : step >= 0.001 ? 1 : 2;
    return core::format_percent(rate, decimals);
}

} // namespace

void chart_tooltip(std::string_view text) {
    tooltip_text(text);
}

std::string_view hover_text() {
    return g_hover.frame == ImGui::GetFrameCount() ? std::string_view(g_hover.text)
                                                   : std::string_view();
}

std::string compact_number(double value) {
    const double magnitude = std::fabs(value);
    struct Unit {
        double size;
        const char* suffix;
    };
    constexpr Unit units[] = {{1e9, "B"}, {1e6, "M"}, {1e3, "K"}};
    for (const Unit& unit : units) {
        if (magnitude >= unit.size) {
            const double scaled = value / unit.size;
            const int decimals =
                std::fabs(scaled) >= 100 || std::fabs(scaled - std::round(scaled)) < 0.05 ? 0 : 1;
            return core::format_number(scaled, decimals) + unit.suffix;
        }
    }
    const int decimals = magnitude >= 10 || std::fabs(value - std::round(value)) < 0.05 ? 0 : 1;
    return core::format_number(value, decimals);
}

void engagement_chart(const char* id, std::span<const TierBand> tiers,
                      std::span<const RatePoint> points, std::string_view benchmark_name,
                      float height) {
    const Palette& p = palette();
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight();

    // Ranges: decades covering 100 .. 10M and every point and finite tier bound.
    double lo_f = 100.0, hi_f = 1e7, max_rate = 0.0;
    for (const TierBand& tier : tiers) {
        max_rate = std::max(max_rate, tier.rate);
        if (tier.min_followers >= 10.0) {
            lo_f = std::min(lo_f, tier.min_followers);
        }
        if (tier.max_followers < 1e12) {
            hi_f = std::max(hi_f, tier.max_followers);
        }
    }
    for (const RatePoint& point : points) {
        max_rate = std::max(max_rate, point.rate);
        if (point.followers >= 10.0) {
            lo_f = std::min(lo_f, point.followers);
            hi_f = std::max(hi_f, point.followers * 1.5);
        }
    }
    hi_f = std::min(hi_f, 1e10);
    const double lo_log = std::floor(std::log10(lo_f));
    const double hi_log = std::max(lo_log + 1.0, std::ceil(std::log10(hi_f)));
    const double y_step = nice_step(max_rate > 0 ? max_rate * 1.12 : 0.1, 4);
    const double y_max = std::ceil((max_rate > 0 ? max_rate * 1.12 : 0.1) / y_step) * y_step;

    const float left = origin.x + text_size("100%").x + 10.0f;
    const float right = origin.x + width - 8.0f;
    const float top = origin.y + line + 8.0f;
    const float bottom = origin.y + height - line - 26.0f;
    const auto x_of = [&](double followers) {
        const double f = std::max(followers, std::pow(10.0, lo_log));
        const double t = (std::log10(f) - lo_log) / (hi_log - lo_log);
        return left + static_cast<float>(std::clamp(t, 0.0, 1.0)) * (right - left);
    };
    const auto y_of = [&](double rate) {
        return bottom - static_cast<float>(std::clamp(rate / y_max, 0.0, 1.05)) * (bottom - top);
    };

    // Tier bands with their names on top.
    for (std::size_t i = 0; i < tiers.size(); ++i) {
        const TierBand& tier = tiers[i];
        const float x0 = x_of(tier.min_followers);
        const float x1 = tier.max_followers >= 1e12 ? right : x_of(tier.max_followers + 1.0);
        if (x1 <= x0) {
            continue;
        }
        draw->AddRectFilled(ImVec2(x0, top), ImVec2(x1, bottom),
                            i % 2 == 0 ? p.band_even : p.band_odd);
        const ImVec2 size = text_size(tier.name);
        if (size.x + 6 <= x1 - x0) {
            text_at(draw, ImVec2((x0 + x1 - size.x) * 0.5f, origin.y + 2.0f), p.muted, tier.name);
        }
    }
    // Grid and y labels.
    for (double v = 0.0; v <= y_max + y_step * 0.01; v += y_step) {
        const float y = y_of(v);
        draw->AddLine(ImVec2(left, y), ImVec2(right, y), p.grid);
        const std::string label = percent_label(v, y_step);
        const ImVec2 size = text_size(label);
        text_at(draw, ImVec2(left - size.x - 6.0f, y - size.y * 0.5f), p.muted, label);
    }
    // Decade ticks on the x axis.
    for (double d = lo_log; d <= hi_log + 0.01; d += 1.0) {
        const double f = std::pow(10.0, d);
        const float x = x_of(f);
        draw->AddLine(ImVec2(x, bottom), ImVec2(x, bottom + 4.0f), p.muted);
        const std::string label = compact_number(f);
        const ImVec2 size = text_size(label);
        text_at(draw,
                ImVec2(std::clamp(x - size.x * 0.5f, left - 4.0f, right - size.x), bottom + 5.0f),
                p.muted, label);
    }
    draw->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), p.muted);
    const std::string_view x_caption = "followers (log scale)";
    text_at(draw, ImVec2(right - text_size(x_caption).x, bottom + 5.0f + line), p.muted, x_caption);

    // The benchmark as a step line, derived tiers dashed.
    for (std::size_t i = 0; i < tiers.size(); ++i) {
        const TierBand& tier = tiers[i];
        const float x0 = x_of(tier.min_followers);
        const float x1 = tier.max_followers >= 1e12 ? right : x_of(tier.max_followers + 1.0);
        const float y = y_of(tier.rate);
        if (tier.derived) {
            dashed_line(draw, ImVec2(x0, y), ImVec2(x1, y), p.accent, 2.5f);
        } else {
            draw->AddLine(ImVec2(x0, y), ImVec2(x1, y), p.accent, 2.5f);
        }
        if (i + 1 < tiers.size() && tiers[i + 1].min_followers <= tier.max_followers + 1.0) {
            draw->AddLine(ImVec2(x1, y), ImVec2(x1, y_of(tiers[i + 1].rate)),
                          with_alpha(p.accent, 0.45f), 1.5f);
        }
    }
    // Points: the roster, then the highlighted ones on top.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    int nearest = -1;
    float nearest_d2 = 12.0f * 12.0f;
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t i = 0; i < points.size(); ++i) {
            const RatePoint& point = points[i];
            if (point.highlighted != (pass == 1)) {
                continue;
            }
            const ImVec2 c(x_of(point.followers), y_of(point.rate));
            if (point.highlighted) {
                draw->AddCircleFilled(c, 7.0f, p.series_a);
                draw->AddCircle(c, 9.5f, with_alpha(p.series_a, 0.45f), 0, 2.0f);
            } else {
                draw->AddCircleFilled(c, 4.5f, with_alpha(p.series_b, 0.8f));
                draw->AddCircle(c, 4.5f, p.background, 0, 1.0f);
            }
            const float dx = mouse.x - c.x, dy = mouse.y - c.y;
            if (hovered && dx * dx + dy * dy < nearest_d2) {
                nearest_d2 = dx * dx + dy * dy;
                nearest = static_cast<int>(i);
            }
        }
    }
    // Legend under the axis caption's line, on the left.
    {
        float x = left;
        const float y = bottom + 5.0f + line + line * 0.5f;
        draw->AddLine(ImVec2(x, y), ImVec2(x + 18, y), p.accent, 2.5f);
        x += 22;
        const std::string legend = std::string("benchmark: ") + std::string(benchmark_name);
        const float room = right - text_size(x_caption).x - 16.0f - x;
        ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
        ImGui::RenderTextEllipsis(draw, ImVec2(x, y - line * 0.5f), ImVec2(x + room, y + line),
                                  x + room, x + room, legend.c_str(), nullptr, nullptr);
        ImGui::PopStyleColor();
    }
    if (!hovered) {
        return;
    }
    if (nearest >= 0) {
        const RatePoint& point = points[static_cast<std::size_t>(nearest)];
        const std::string text = std::string(point.label) + "\n" +
                                 core::format_count(static_cast<std::int64_t>(point.followers)) +
                                 " followers, " + core::format_percent(point.rate, 2) +
                                 " engagement";
        tooltip_text(text);
        return;
    }
    for (const TierBand& tier : tiers) {
        const float x0 = x_of(tier.min_followers);
        const float x1 = tier.max_followers >= 1e12 ? right : x_of(tier.max_followers + 1.0);
        if (mouse.x >= x0 && mouse.x < x1 && mouse.y >= top && mouse.y <= bottom) {
            const std::string text = "Tier " + std::string(tier.name) + ": benchmark " +
                                     core::format_percent(tier.rate, 2) +
                                     (tier.derived ? " (derived, not published)" : "");
            tooltip_text(text);
            return;
        }
    }
}

void range_bars(const char* id, std::span<const RangeBar> bars, float bar_height) {
    const Palette& p = palette();
    const float width = ImGui::GetContentRegionAvail().x;
    const float line = ImGui::GetTextLineHeight();
    const float row_height = line + 4.0f + bar_height + 10.0f;
    const float height = row_height * static_cast<float>(bars.size());
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(width, std::max(height, 1.0f)));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    double scale = 0.0;
    float value_room = 0.0f;
    for (const RangeBar& bar : bars) {
        scale = std::max({scale, bar.high, bar.expected});
        value_room = std::max(value_room, text_size(bar.value).x);
    }
    if (!(scale > 0.0)) {
        scale = 1.0;
    }
    const float track = std::max(40.0f, width - value_room - 12.0f);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const RangeBar& bar = bars[i];
        const float y = origin.y + row_height * static_cast<float>(i);
        text_at(draw, ImVec2(origin.x, y), p.text, bar.label);
        const float by = y + line + 4.0f;
        const auto x_of = [&](double v) {
            return origin.x + static_cast<float>(std::clamp(v / scale, 0.0, 1.0)) * track;
        };
        draw->AddRectFilled(ImVec2(origin.x, by), ImVec2(origin.x + track, by + bar_height), p.grid,
                            4.0f);
        draw->AddRectFilled(ImVec2(origin.x, by), ImVec2(x_of(bar.expected), by + bar_height),
                            bar.colour, 4.0f);
        if (bar.high > bar.low) {
            const float mid = by + bar_height * 0.5f;
            const ImU32 whisker = with_alpha(p.text, 0.75f);
            draw->AddLine(ImVec2(x_of(bar.low), mid), ImVec2(x_of(bar.high), mid), whisker, 1.5f);
            draw->AddLine(ImVec2(x_of(bar.low), by + 4), ImVec2(x_of(bar.low), by + bar_height - 4),
                          whisker, 1.5f);
            draw->AddLine(ImVec2(x_of(bar.high), by + 4),
                          ImVec2(x_of(bar.high), by + bar_height - 4), whisker, 1.5f);
        }
        text_at(draw, ImVec2(origin.x + track + 8.0f, by + (bar_height - line) * 0.5f), p.text,
                bar.value);
        if (hovered && mouse.y >= y && mouse.y < y + row_height) {
            tooltip_text(bar.detail);
        }
    }
}

void stacked_bar(const char* id, std::span<const Segment> segments, double scale, double marker,
                 float height, ValueFormatter format, const void* format_user) {
    const Palette& p = palette();
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 end(origin.x + width, origin.y + height);
    draw->AddRectFilled(origin, end, p.grid, std::min(6.0f, height * 0.5f));
    if (!(scale > 0.0)) {
        return;
    }
    // Thousands of rows make sub-pixel segments: runs of one colour are drawn as one
    // rectangle, so the cost follows the bar's width, not the roster's length.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    std::string_view hover_detail;
    const Segment* hovered_segment = nullptr;
    const float rounding = std::min(6.0f, height * 0.5f);
    float x = origin.x;
    float run_start = origin.x;
    ImU32 run_colour = 0;
    bool first_run = true;
    bool run_wide = false; // one wide segment: leave a 1 px gap after it
    const auto flush = [&](float run_end, bool last) {
        if (run_end <= run_start) {
            return;
        }
        ImDrawFlags corners = ImDrawFlags_RoundCornersNone;
        if (first_run) {
            corners |= ImDrawFlags_RoundCornersLeft;
        }
        if (last && run_end >= end.x - 0.5f) {
            corners |= ImDrawFlags_RoundCornersRight;
        }
        const float gap = run_wide && !last ? 1.0f : 0.0f;
        draw->AddRectFilled(ImVec2(run_start, origin.y), ImVec2(run_end - gap, end.y), run_colour,
                            corners == ImDrawFlags_RoundCornersNone ? 0.0f : rounding, corners);
        first_run = false;
    };
    for (const Segment& segment : segments) {
        const float w = static_cast<float>(std::max(segment.value, 0.0) / scale) * width;
        if (w <= 0.0f || x >= end.x) {
            continue;
        }
        const float x1 = std::min(x + w, end.x);
        if (segment.colour != run_colour || w >= 3.0f || run_wide) {
            flush(x, false);
            run_start = x;
            run_colour = segment.colour;
            run_wide = w >= 3.0f;
        }
        if (hovered && mouse.x >= x && mouse.x < x1) {
            hover_detail = segment.detail;
            hovered_segment = &segment;
        }
        x = x1;
    }
    flush(x, true);
    if (marker >= 0.0 && marker <= scale) {
        const float mx = origin.x + static_cast<float>(marker / scale) * width;
        draw->AddLine(ImVec2(mx, origin.y - 4), ImVec2(mx, end.y + 4), p.text, 2.0f);
    }
    if (!hover_detail.empty()) {
        tooltip_text(hover_detail);
    } else if (hovered_segment != nullptr) {
        std::string text(hovered_segment->label);
        if (format != nullptr) {
            text += ": " + format(hovered_segment->value, format_user);
        }
        tooltip_text(text);
    }
}

void distribution_chart(const char* id, std::span<const Distribution> rows,
                        std::string_view axis_caption) {
    const Palette& p = palette();
    const float width = ImGui::GetContentRegionAvail().x;
    const float line = ImGui::GetTextLineHeight();
    const float box_height = 22.0f;
    const float row_height = line + 4.0f + box_height + 10.0f;
    const float height = row_height * static_cast<float>(rows.size()) + line * 2.0f + 8.0f;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    double max_value = 0.0;
    for (const Distribution& row : rows) {
        max_value = std::max(max_value, row.p95);
    }
    const double step = nice_step(max_value > 0 ? max_value : 1.0, 4);
    const double axis_max = std::ceil((max_value > 0 ? max_value : 1.0) / step) * step;
    const float left = origin.x + 4.0f;
    const float right = origin.x + width - 8.0f;
    const auto x_of = [&](double v) {
        return left + static_cast<float>(std::clamp(v / axis_max, 0.0, 1.0)) * (right - left);
    };
    const float plot_bottom = origin.y + row_height * static_cast<float>(rows.size());
    for (double v = 0.0; v <= axis_max + step * 0.01; v += step) {
        const float x = x_of(v);
        draw->AddLine(ImVec2(x, origin.y + line), ImVec2(x, plot_bottom), p.grid);
        const std::string label = compact_number(v);
        const ImVec2 size = text_size(label);
        text_at(draw,
                ImVec2(std::clamp(x - size.x * 0.5f, left, right - size.x), plot_bottom + 4.0f),
                p.muted, label);
    }
    text_at(draw, ImVec2(right - text_size(axis_caption).x, plot_bottom + 4.0f + line), p.muted,
            axis_caption);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Distribution& row = rows[i];
        const float y = origin.y + row_height * static_cast<float>(i);
        text_at(draw, ImVec2(origin.x, y), p.text, row.label);
        const float by = y + line + 4.0f;
        const float mid = by + box_height * 0.5f;
        const ImU32 whisker = with_alpha(row.colour, 0.9f);
        draw->AddLine(ImVec2(x_of(row.p5), mid), ImVec2(x_of(row.p95), mid), whisker, 2.0f);
        draw->AddLine(ImVec2(x_of(row.p5), by + 5), ImVec2(x_of(row.p5), by + box_height - 5),
                      whisker, 2.0f);
        draw->AddLine(ImVec2(x_of(row.p95), by + 5), ImVec2(x_of(row.p95), by + box_height - 5),
                      whisker, 2.0f);
        draw->AddRectFilled(ImVec2(x_of(row.p25), by), ImVec2(x_of(row.p75), by + box_height),
                            mix(row.colour, p.background, 0.35f), 4.0f);
        draw->AddRect(ImVec2(x_of(row.p25), by), ImVec2(x_of(row.p75), by + box_height), row.colour,
                      4.0f, 0, 1.5f);
        draw->AddLine(ImVec2(x_of(row.p50), by - 2), ImVec2(x_of(row.p50), by + box_height + 2),
                      p.text, 2.5f);
        if (hovered && mouse.y >= y && mouse.y < y + row_height) {
            tooltip_text(row.detail);
        }
    }
}

} // namespace web::charts
