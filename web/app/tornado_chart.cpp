#include "web/app/tornado_chart.hpp"

#include "core/formulas.hpp"
#include "core/numbers.hpp"
#include "web/app/app.hpp"
#include "web/app/charts.hpp"
#include "web/app/layout.hpp"
#include "web/app/theme.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/items.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace web {
namespace charts {
namespace {

// Margins beyond 1,000 times either way are drawn at the edge (hover gives the value).
constexpr double max_log_margin = 6.907755278982137;  // ln 1000
constexpr double min_log_margin = 0.6931471805599453; // ln 2: small swings stay visible

double log_margin(double margin) {
    return margin > 0.0 ? std::clamp(std::log(margin), -max_log_margin, max_log_margin)
                        : -max_log_margin;
}

void text_at(ImDrawList* draw, ImVec2 pos, ImU32 colour, std::string_view text, float wrap = 0) {
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), pos, colour, text.data(),
                  text.data() + text.size(), wrap);
}

float wrapped_height(std::string_view text, float wrap) {
    return ImGui::CalcTextSize(text.data(), text.data() + text.size(), false, wrap).y;
}

} // namespace

void tornado_chart(const char* id, std::span<const TornadoBar> bars, double current,
                   std::string_view a_side, std::string_view b_side,
                   std::string_view accessible_value) {
    const Palette& p = palette();
    const float width = std::max(ImGui::GetContentRegionAvail().x, 120.0f);
    const float line = ImGui::GetTextLineHeight();
    const float bar_height = 16.0f;
    // The captions: a swatch in the plan's colour, then the text in the text colour (AA).
    const float swatch = 10.0f;
    const float a_width =
        swatch + 6.0f + ImGui::CalcTextSize(a_side.data(), a_side.data() + a_side.size()).x;
    const float b_width =
        swatch + 6.0f + ImGui::CalcTextSize(b_side.data(), b_side.data() + b_side.size()).x;
    const bool captions_fit = a_width + b_width + 16.0f <= width;
    const float header = (captions_fit ? line : 2.0f * line) + 6.0f;
    std::vector<float> row_heights;
    float height = header;
    for (const TornadoBar& bar : bars) {
        const float h = wrapped_height(bar.label, width) + 3.0f + bar_height + 3.0f +
                        wrapped_height(bar.caption, width) + 10.0f;
        row_heights.push_back(h);
        height += h;
    }
    double scale = std::max(min_log_margin, std::fabs(log_margin(current)));
    for (const TornadoBar& bar : bars) {
        scale = std::max(
            {scale, std::fabs(log_margin(bar.margin_low)), std::fabs(log_margin(bar.margin_high))});
    }

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(width, height));
    describe_last_item(Role::automatic, id, accessible_value);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float centre = origin.x + width * 0.5f;
    const auto x_of = [&](double margin) {
        return centre + static_cast<float>(log_margin(margin) / scale) * (width * 0.5f - 2.0f);
    };

    const auto caption = [&](ImVec2 at, ImU32 colour, std::string_view text) {
        const float sy = at.y + (line - swatch) * 0.5f;
        draw->AddRectFilled(ImVec2(at.x, sy), ImVec2(at.x + swatch, sy + swatch), colour, 2.0f);
        text_at(draw, ImVec2(at.x + swatch + 6.0f, at.y), p.text, text);
    };
    caption(origin, p.series_a, a_side);
    caption(ImVec2(origin.x + width - b_width, captions_fit ? origin.y : origin.y + line),
            p.series_b, b_side);
    // The tie (solid) and the margin now (dashed) behind each bar, never across the text.
    const float now_x = x_of(current);
    const auto axis_lines = [&](float from, float to) {
        draw->AddLine(ImVec2(centre, from), ImVec2(centre, to), p.muted, 1.0f);
        for (float at = from; at < to; at += 6.0f) {
            draw->AddLine(ImVec2(now_x, at), ImVec2(now_x, std::min(at + 3.0f, to)), p.text, 1.0f);
        }
    };

    const ImVec2 mouse = ImGui::GetIO().MousePos;
    float y = origin.y + header;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const TornadoBar& bar = bars[i];
        text_at(draw, ImVec2(origin.x, y), p.text, bar.label, width);
        const float by = y + wrapped_height(bar.label, width) + 3.0f;
        axis_lines(by - 3.0f, by + bar_height + 3.0f);
        const float x1 = std::min(x_of(bar.margin_low), x_of(bar.margin_high));
        const float x2 = std::max(x_of(bar.margin_low), x_of(bar.margin_high));
        // Each half in its plan's colour: left of the tie plan A leads, right of it B.
        if (x1 < centre) {
            draw->AddRectFilled(ImVec2(x1, by), ImVec2(std::min(x2, centre), by + bar_height),
                                p.series_a, 2.0f);
        }
        if (x2 > centre) {
            draw->AddRectFilled(ImVec2(std::max(x1, centre), by), ImVec2(x2, by + bar_height),
                                p.series_b, 2.0f);
        }
        if (x2 - x1 < 2.0f) { // no swing: a hairline, so the row is not empty
            draw->AddLine(ImVec2(x1, by), ImVec2(x1, by + bar_height), p.muted, 2.0f);
        }
        if (bar.flips) {
            const float mid = by + bar_height * 0.5f;
            const float r = bar_height * 0.5f + 2.0f;
            draw->AddQuadFilled(ImVec2(centre, mid - r), ImVec2(centre + r, mid),
                                ImVec2(centre, mid + r), ImVec2(centre - r, mid), p.text);
            draw->AddQuad(ImVec2(centre, mid - r), ImVec2(centre + r, mid), ImVec2(centre, mid + r),
                          ImVec2(centre - r, mid), p.card, 1.5f);
        }
        text_at(draw, ImVec2(origin.x, by + bar_height + 3.0f), p.muted, bar.caption, width);
        if (hovered && mouse.y >= y && mouse.y < y + row_heights[i]) {
            chart_tooltip(bar.detail);
        }
        y += row_heights[i];
    }
}

} // namespace charts

namespace {

// Fees and what comes on top, per plan: where the all-in cost comes from.
void draw_cost_split(const core::Comparison& c, core::NumberFormat format) {
    const auto money = [&](core::Money m) {
        return ui::money_text(m, format);
    };
    struct Line {
        const char* label;
        core::Money core::CostSplit::*part;
    };
    constexpr Line lines[] = {
        {"Fees (price per post x posts)", &core::CostSplit::fees},
        {"Usage rights and exclusivity", &core::CostSplit::usage_rights},
        {"Overhead (hours, product, other)", &core::CostSplit::overhead},
        {"Agency fee", &core::CostSplit::agency_fee},
    };
    const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_NoSavedSettings;
    if (!ImGui::BeginTable("##cost_split", 3, flags)) {
        return;
    }
    ImGui::TableSetupColumn("Cost", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn(c.a.name.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(c.b.name.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    label_table("Cost split");
    for (const Line& l : lines) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", l.label);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(money(c.a.cost_split.*l.part).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(money(c.b.cost_split.*l.part).c_str());
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("All-in cost");
    ui::formula_tip(core::formula_ids::campaign_cost);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(money(c.a.cost).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(money(c.b.cost).c_str());
    ImGui::EndTable();
}

// "Now $100; from $10.05 to $1,105; flips at $17.39", a new line where the next part
// would run past `width` (ImGui's wrapping would split "$10,000" at its comma).
std::string bar_caption(const core::SensitivityEntry& e, core::Currency currency,
                        core::NumberFormat format, float width) {
    const auto value = [&](double v) {
        return core::format_driver_value(e.unit, v, currency, format);
    };
    std::vector<std::string> parts = {"Now " + value(e.current),
                                      "from " + value(e.low) + " to " + value(e.high)};
    if (e.flip) {
        parts.push_back((e.decides ? "flips at " : "would flip at ") + value(*e.flip));
    }
    std::string text = parts.front();
    std::size_t line_start = 0;
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::string joined = text.substr(line_start) + "; " + parts[i];
        const bool fits = ImGui::CalcTextSize(joined.c_str()).x <= width;
        text += fits ? "; " : ";\n";
        if (!fits) {
            line_start = text.size();
        }
        text += parts[i];
    }
    return text;
}

} // namespace

void draw_drivers_card(App& app) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    const core::Currency currency = s.budget.currency;
    const Results& r = app.results();
    if (!r.comparison || !r.comparison->ok()) {
        return; // the verdict card says why
    }
    const core::Comparison& c = r.comparison->value();
    ui::begin_card("##drivers", "What decides it",
                   "Each assumption moved across a sourced or stated range, the others as "
                   "typed. Bars: who is ahead, and by how much (log scale), at the range's two "
                   "ends; a diamond where the verdict flips; dashed: now.");
    if (c.sensitivity.empty()) {
        ui::muted_text(
            "No sensitivity view: a plan has nothing to compare, or the plans hold "
            "more than " +
            core::format_count(static_cast<std::int64_t>(core::max_sensitivity_rows), format) +
            " rows.");
    } else {
        std::vector<std::string> captions, details;
        std::string accessible;
        for (const core::SensitivityEntry& e : c.sensitivity) {
            captions.push_back(bar_caption(e, currency, format, ui::available_width()));
            details.push_back(core::describe_sensitivity(e, c.a.name, c.b.name, currency, format));
            accessible += details.back() + " ";
        }
        std::vector<charts::TornadoBar> bars;
        for (std::size_t i = 0; i < c.sensitivity.size(); ++i) {
            const core::SensitivityEntry& e = c.sensitivity[i];
            bars.push_back(
                {e.label, e.margin_low, e.margin_high, e.decides, captions[i], details[i]});
        }
        const double now = core::comparison_margin(c).value_or(1.0);
        layout::gap(4);
        charts::tornado_chart("What decides it chart", bars, now, c.a.name + " ahead",
                              c.b.name + " ahead", accessible);
        ui::save_chart_button("microreach-what-decides-it.png");
    }
    layout::gap(6);
    ImGui::TextUnformatted("Cost split");
    draw_cost_split(c, format);
    ui::muted_text("Costs beyond the fee (hours, product and shipping, usage rights, agency "
                   "fee) are set under Assumptions and apply to both plans alike; a row's own "
                   "overhead replaces them in the planner.");
    ui::end_card();
}

} // namespace web
