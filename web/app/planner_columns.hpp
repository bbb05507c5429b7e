// The campaign planner's columns, each described once in `planner_columns`. From the
// table come: the wide table (headers, widths, hidden or not, formula tooltips, cell
// text, editors), the narrow layout (its short list and its row editor, which loops
// over the same editors in the same order), sorting (by a column's key), the accessible
// mirror (the header names the column, the label names the field) and the planner's
// item ids ("##followers_12" in the table, "##detail_followers" in the row editor).
// Where the roster's CSV has the same field, its name (core::roster_field_name) is the
// column's label. Adding a column is one entry here (docs/building.md).
#pragma once

#include "core/campaign.hpp"
#include "core/formulas.hpp"
#include "core/numbers.hpp"
#include "core/roster_csv.hpp"
#include "imgui.h"
#include "web/app/app.hpp"
#include "web/app/widgets.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace web::planner {

// A structural edit asked for by a row's buttons, applied after the table is drawn.
struct RowAction {
    enum Kind { none, duplicate, remove } kind = none;
    std::size_t index = 0;
};

// One row as a column sees it.
struct Cell {
    App& app;
    std::size_t index; // in the roster
    const core::Influencer& row;
    const core::RowMetrics* metrics; // nullptr: not evaluated, or the row has an error
    core::NumberFormat format;
    RowAction* action = nullptr; // where the table's row buttons leave their wish
    // The list the row is in, for edits: the roster (nullptr), or a comparison plan's
    // influencers (compare_columns.hpp shares these columns).
    std::vector<core::Influencer>& (*rows)(core::Scenario&) = nullptr;
};

// The row's influencer, for an edit made in the field named options.field (one undo
// step, "Edit followers").
core::Influencer& change(const Cell& cell, const ui::FieldOptions& options);
// The Plan column: the optimizer's choice, and the user's must-have / never override.
void draw_plan_cell(const Cell& cell);
// Duplicate and delete beside the name (the narrow row editor has its own buttons).
void draw_row_buttons(const Cell& cell);
// The discount code, made spreadsheet-safe; a code another influencer has is an error.
void edit_discount_code(const Cell& cell, const char* id, const ui::FieldOptions& options);

struct Column {
    std::string_view key; // stable id: sorting, item ids
    // The field's name (row editor caption, error messages, mirror): the roster CSV's
    // name for `csv`, else `label`; the header is `header` when given, else the label.
    core::RosterField csv = core::RosterField::ignore;
    const char* label = nullptr;
    const char* header = nullptr;
    float width = 80.0f;
    ImGuiTableColumnFlags flags = 0;
    std::string_view formula; // the header's tooltip
    // How a cell shows, sorts and edits. A text field of the row needs only `member`;
    // a figure gives its text and sort key, and an editor when users type it.
    std::string core::Influencer::*member = nullptr;
    std::string (*text)(const Cell&) = nullptr;
    double (*number_key)(const Cell&) = nullptr;
    void (*edit)(const Cell&, const char* id, const ui::FieldOptions&) = nullptr;
    void (*draw)(const Cell&) = nullptr; // a cell drawn its own way (Plan, row buttons)
    // The label for one row, when it depends on the row (the engagement's kind).
    const char* (*row_label)(const core::Influencer&) = nullptr;
};

// Computed figures read the row's metrics; a row not evaluated shows "-" and sorts
// with -1 (or, for costs, last: no cost is not a low cost).
constexpr double sorts_last = 1e300;
inline double cents_or_last(const std::optional<core::Money>& money) {
    return money ? static_cast<double>(money->cents) : sorts_last;
}

inline constexpr Column planner_columns[] = {
    {.key = "plan",
     .label = "Plan",
     .width = 96,
     .flags = ImGuiTableColumnFlags_NoHide,
     .draw = draw_plan_cell},
    {.key = "name",
     .csv = core::RosterField::name,
     .header = "Influencer",
     .width = 170,
     .flags = ImGuiTableColumnFlags_NoHide | ImGuiTableColumnFlags_DefaultSort,
     .member = &core::Influencer::name},
    // Duplicate and delete stay in view beside the name, however wide the table.
    {.key = "actions",
     .label = "##actions",
     .width = 58,
     .flags = ImGuiTableColumnFlags_NoHide,
     .draw = draw_row_buttons},
    {.key = "platform",
     .csv = core::RosterField::platform,
     .width = 100,
     .flags = ImGuiTableColumnFlags_DefaultHide,
     .member = &core::Influencer::platform},
    {.key = "region",
     .csv = core::RosterField::region,
     .width = 130,
     .member = &core::Influencer::region},
    {.key = "niche",
     .csv = core::RosterField::niche,
     .width = 100,
     .member = &core::Influencer::niche},
    {.key = "followers",
     .csv = core::RosterField::followers,
     .width = 92,
     .flags = ImGuiTableColumnFlags_PreferSortDescending,
     .text = [](const Cell& c) { return core::format_count(c.row.followers, c.format); },
     .number_key = [](const Cell& c) { return static_cast<double>(c.row.followers); },
     .edit =
         [](const Cell& c, const char* id, const ui::FieldOptions& options) {
             std::int64_t value = c.row.followers;
             if (ui::count_field(id, &value, 1, core::max_followers, options)) {
                 change(c, options).followers = value;
             }
         }},
    {.key = "engagement",
     .csv = core::RosterField::engagement_rate,
     .header = "Engagement",
     .width = 88,
     .flags = ImGuiTableColumnFlags_PreferSortDescending,
     .formula = core::formula_ids::engagement_rate_followers,
     .text =
         [](const Cell& c) {
             return c.row.engagement_kind == core::EngagementInputKind::rate
                        ? core::format_percent(c.row.engagement_value, 1, c.format)
                        : core::format_number(c.row.engagement_value, 0, c.format);
         },
     .number_key =
         [](const Cell& c) {
             return c.metrics ? c.metrics->engagement_rate : c.row.engagement_value;
         },
     .edit =
         [](const Cell& c, const char* id, const ui::FieldOptions& options) {
             double value = c.row.engagement_value;
             const bool rate = c.row.engagement_kind == core::EngagementInputKind::rate;
             if (rate ? ui::rate_field(id, &value, 1, options)
                      : ui::number_field(id, &value, 0.0, core::max_average_interactions, 0,
                                         options)) {
                 change(c, options).engagement_value = value;
             }
         },
     .row_label =
         [](const core::Influencer& row) {
             return row.engagement_kind == core::EngagementInputKind::rate
                        ? "Engagement rate"
                        : "Interactions per post";
         }},
    {.key = "price",
     .csv = core::RosterField::price_per_post,
     .header = "Price",
     .width = 84,
     .formula = core::formula_ids::price_quote,
     .text = [](const Cell& c) { return ui::money_text(c.row.price_per_post, c.format); },
     .number_key = [](const Cell& c) { return static_cast<double>(c.row.price_per_post.cents); },
     .edit =
         [](const Cell& c, const char* id, const ui::FieldOptions& options) {
             core::Money value = c.row.price_per_post;
             if (ui::money_field(id, &value, options)) {
                 change(c, options).price_per_post = value;
             }
         }},
    {.key = "posts",
     .csv = core::RosterField::posts,
     .width = 52,
     .text = [](const Cell& c) { return core::format_count(c.row.posts, c.format); },
     .number_key = [](const Cell& c) { return static_cast<double>(c.row.posts); },
     .edit =
         [](const Cell& c, const char* id, const ui::FieldOptions& options) {
             int value = c.row.posts;
             if (ui::int_field(id, &value, 0, core::max_posts_per_influencer, options)) {
                 change(c, options).posts = value;
             }
         }},
    {.key = "fit",
     .csv = core::RosterField::audience_fit,
     .header = "Fit",
     .width = 58,
     .formula = core::formula_ids::targeted_engagements,
     .text = [](const Cell& c) { return core::format_percent(c.row.audience_fit, 0, c.format); },
     .number_key = [](const Cell& c) { return c.row.audience_fit; },
     .edit =
         [](const Cell& c, const char* id, const ui::FieldOptions& options) {
             double value = c.row.audience_fit;
             if (ui::rate_field(id, &value, 0, options)) {
                 change(c, options).audience_fit = value;
             }
         }},
    // Audience quality and trust: assumptions per row (neutral by default: all real,
    // converting like everyone else); the header tooltip says how they are used.
    {.key = "authenticity",
     .csv = core::RosterField::authenticity,
     .header = "Real",
     .width = 58,
     .flags = ImGuiTableColumnFlags_DefaultHide,
     .formula = core::formula_ids::targeted_engagements,
     .text = [](const Cell& c) { return core::format_percent(c.row.authenticity, 0, c.format); },
     .number_key = [](const Cell& c) { return c.row.authenticity; },
     .edit =
         [](const Cell& c, const char* id, const ui::FieldOptions& options) {
             double value = c.row.authenticity;
             if (ui::rate_field(id, &value, 0, options)) {
                 change(c, options).authenticity = value;
             }
         }},
    {.key = "conversion",
     .csv = core::RosterField::conversion_multiplier,
     .header = "Converts x",
     .width = 76,
     .flags = ImGuiTableColumnFlags_DefaultHide,
     .formula = core::formula_ids::conversions,
     .text =
         [](const Cell& c) {
             return core::format_number(c.row.conversion_multiplier, 2, c.format);
         },
     .number_key = [](const Cell& c) { return c.row.conversion_multiplier; },
     .edit =
         [](const Cell& c, const char* id, const ui::FieldOptions& options) {
             double value = c.row.conversion_multiplier;
             if (ui::number_field(id, &value, 0.0, core::max_conversion_multiplier, 2, options)) {
                 change(c, options).conversion_multiplier = value;
             }
         }},
    {.key = "overhead",
     .csv = core::RosterField::overhead,
     .header = "Overhead",
     .width = 84,
     .flags = ImGuiTableColumnFlags_DefaultHide,
     .formula = core::formula_ids::campaign_cost,
     .text = [](const Cell& c) { return ui::optional_money(c.row.overhead, c.format); },
     .number_key =
         [](const Cell& c) {
             return c.row.overhead ? static_cast<double>(c.row.overhead->cents) : -1.0;
         },
     .edit =
         [](const Cell& c, const char* id, const ui::FieldOptions& options) {
             std::optional<core::Money> value = c.row.overhead;
             ui::FieldOptions empty_means_plans = options;
             empty_means_plans.hint = "plan's"; // empty: the Assumptions screen's overhead
             if (ui::optional_money_field(id, &value, c.row.price_per_post.currency,
                                          empty_means_plans)) {
                 change(c, options).overhead = value;
             }
         }},
    {.key = "engagements",
     .label = "Engagements",
     .width = 100,
     .flags = ImGuiTableColumnFlags_PreferSortDescending,
     .formula = core::formula_ids::expected_engagements,
     .text =
         [](const Cell& c) {
             return c.metrics ? core::format_number(c.metrics->expected_engagements, 0, c.format)
                              : std::string("-");
         },
     .number_key =
         [](const Cell& c) {
             return c.metrics ? c.metrics->expected_engagements : -1.0;
         }},
    {.key = "targeted",
     .label = "Targeted",
     .width = 90,
     .flags = ImGuiTableColumnFlags_DefaultHide | ImGuiTableColumnFlags_PreferSortDescending,
     .formula = core::formula_ids::targeted_engagements,
     .text =
         [](const Cell& c) {
             return c.metrics ? core::format_number(c.metrics->targeted_engagements, 0, c.format)
                              : std::string("-");
         },
     .number_key =
         [](const Cell& c) {
             return c.metrics ? c.metrics->targeted_engagements : -1.0;
         }},
    {.key = "reach",
     .label = "Reach",
     .width = 86,
     .flags = ImGuiTableColumnFlags_PreferSortDescending,
     .formula = core::formula_ids::estimated_reach,
     .text =
         [](const Cell& c) {
             return c.metrics ? core::format_number(c.metrics->estimated_reach, 0, c.format)
                              : std::string("-");
         },
     .number_key =
         [](const Cell& c) {
             return c.metrics ? c.metrics->estimated_reach : -1.0;
         }},
    {.key = "cost",
     .label = "Cost",
     .width = 84,
     .flags = ImGuiTableColumnFlags_PreferSortDescending,
     .formula = core::formula_ids::campaign_cost,
     .text =
         [](const Cell& c) {
             return c.metrics ? ui::money_text(c.metrics->cost, c.format) : std::string("-");
         },
     .number_key =
         [](const Cell& c) {
             return c.metrics ? static_cast<double>(c.metrics->cost.cents) : -1.0;
         }},
    {.key = "cpe",
     .label = "CPE",
     .width = 70,
     .formula = core::formula_ids::cpe,
     .text =
         [](const Cell& c) {
             return c.metrics ? ui::optional_money(c.metrics->cost_per_engagement, c.format)
                              : std::string("-");
         },
     .number_key =
         [](const Cell& c) {
             return c.metrics ? cents_or_last(c.metrics->cost_per_engagement) : sorts_last;
         }},
    {.key = "cpm",
     .label = "CPM",
     .width = 80,
     .flags = ImGuiTableColumnFlags_DefaultHide,
     .formula = core::formula_ids::cpm,
     .text =
         [](const Cell& c) {
             return c.metrics ? ui::optional_money(c.metrics->cpm, c.format) : std::string("-");
         },
     .number_key =
         [](const Cell& c) {
             return c.metrics ? cents_or_last(c.metrics->cpm) : sorts_last;
         }},
    {.key = "share",
     .label = "Share",
     .width = 70,
     .flags = ImGuiTableColumnFlags_DefaultHide | ImGuiTableColumnFlags_PreferSortDescending,
     .formula = core::formula_ids::share_of_budget,
     .text =
         [](const Cell& c) {
             return c.metrics && c.metrics->share_of_budget
                        ? core::format_percent(*c.metrics->share_of_budget, 1, c.format)
                        : std::string("-");
         },
     .number_key =
         [](const Cell& c) {
             return c.metrics ? c.metrics->share_of_budget.value_or(-1.0) : -1.0;
         }},
    {.key = "contact",
     .label = "Contact",
     .width = 140,
     .flags = ImGuiTableColumnFlags_DefaultHide,
     .member = &core::Influencer::contact},
    {.key = "notes",
     .csv = core::RosterField::notes,
     .width = 160,
     .flags = ImGuiTableColumnFlags_DefaultHide,
     .member = &core::Influencer::notes},
    // What the creators get (web/app/results_files.hpp): the shop's and the analytics'
    // exports are matched back on them.
    {.key = "code",
     .label = "Discount code",
     .header = "Code",
     .width = 190, // 24 characters at most
     .member = &core::Influencer::discount_code,
     .edit = edit_discount_code},
    {.key = "link",
     .label = "Tracking link",
     .width = 260,
     .text =
         [](const Cell& c) {
             return tracking_link_text(c.app.scenario(), c.row);
         }},
};

inline constexpr std::size_t column_count = std::size(planner_columns);

// The index of the column with this key; a key no column has does not compile.
consteval std::size_t column_at(std::string_view key) {
    for (std::size_t i = 0; i < column_count; ++i) {
        if (planner_columns[i].key == key) {
            return i;
        }
    }
    throw "no planner column has this key";
}

// The field's name for a row ("Engagement rate"), and the column's header.
[[nodiscard]] std::string_view column_label(const Column& column,
                                            const core::Influencer* row = nullptr);
[[nodiscard]] const char* column_header(const Column& column);
[[nodiscard]] bool sortable(const Column& column);
[[nodiscard]] bool editable(const Column& column);

} // namespace web::planner
