// Screen 3, Campaign planner, narrow layout (phones): the roster as a list to pick from
// and an editor for the picked row. The wide table is in screen_planner.cpp.
#include "core/formulas.hpp"
#include "core/numbers.hpp"
#include "imgui.h"
#include "web/app/app.hpp"
#include "web/app/layout.hpp"
#include "web/app/planner_parts.hpp"
#include "web/app/screens.hpp"
#include "web/app/widgets.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace web::planner {

// Narrow screens: a short table (name and three figures) where a tap selects a row,
// and a row editor below it with every field at a comfortable size.
void draw_compact_table(App& app) {
    PlannerView& v = app.ui().planner;
    const core::Scenario& s = app.scenario();
    const Palette& p = palette();
    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2.0f + 8.0f;
    const int shown_rows = std::clamp(static_cast<int>(v.visible.size()), 3, 10);
    const float height = row_h * static_cast<float>(shown_rows + 1) + 6.0f;
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_NoSavedSettings;
    if (!ImGui::BeginTable("##roster_compact", 3, flags, ImVec2(0, height))) {
        return;
    }
    ImGui::TableSetupColumn("Influencer", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Engagements", ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableSetupColumn("Cost", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    const Results& r = app.results();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(v.visible.size()), row_h);
    while (clipper.Step()) {
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            const auto i = static_cast<std::size_t>(v.visible[static_cast<std::size_t>(k)]);
            const core::Influencer& row = s.roster[i];
            const core::RowMetrics* m =
                r.campaign && r.campaign->ok() && i < r.campaign->value().rows.size()
                    ? &r.campaign->value().rows[i]
                    : nullptr;
            if (v.text_version[i] != v.version) {
                format_row(row, m, s.assumptions.number_format, v.text[i]);
                v.text_version[i] = v.version;
            }
            ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
            if (in_plan(app.ui().optimizer, row.id)) {
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, p.accent_soft);
            }
            ImGui::TableNextColumn();
            char label[160];
            std::snprintf(label, sizeof label, "%s##sel_%u", row.name.c_str(), row.id);
            const bool error = !v.row_error[i].empty();
            if (error) {
                ImGui::PushStyleColor(ImGuiCol_Text, p.bad);
            }
            if (ImGui::Selectable(label, v.selected_id == row.id,
                                  ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, row_h - 8.0f))) {
                v.selected_id = v.selected_id == row.id ? 0 : row.id;
            }
            if (error) {
                ImGui::PopStyleColor();
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(v.text[i].engagements.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(v.text[i].cost.c_str());
        }
    }
    ImGui::EndTable();
}

void draw_row_editor(App& app) {
    PlannerView& v = app.ui().planner;
    const core::Scenario& s = app.scenario();
    std::size_t i = s.roster.size();
    for (std::size_t k = 0; k < s.roster.size(); ++k) {
        if (s.roster[k].id == v.selected_id) {
            i = k;
            break;
        }
    }
    if (i == s.roster.size()) {
        ui::muted_text("Tap an influencer to edit it.");
        return;
    }
    const core::Influencer& row = s.roster[i];
    const core::NumberFormat format = s.assumptions.number_format;
    const Palette& p = palette();
    const auto target = [&](const char* what) -> core::Influencer& {
        return app.edit(what).roster[i];
    };
    layout::gap(4);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, p.background);
    ui::begin_card("##row_editor", row.name, "Edit this influencer.");
    ImGui::PopStyleColor();
    if (!v.row_error[i].empty()) {
        ui::coloured_text(p.bad, v.row_error[i]);
    }
    layout::TileGrid grid(130.0f, 3);
    const auto text_input = [&](const char* label, const char* id, const std::string& value,
                                void (*apply)(core::Influencer&, std::string)) {
        const float w = grid.next();
        ImGui::BeginGroup();
        ui::field_label(label);
        std::string edited = value;
        if (ui::text_field(id, &edited, {.field = label, .width = w})) {
            apply(target("Edit influencer"), std::move(edited));
        }
        ImGui::EndGroup();
    };
    text_input("Name", "##detail_name", row.name,
               [](core::Influencer& t, std::string v2) { t.name = std::move(v2); });
    text_input("Region", "##detail_region", row.region,
               [](core::Influencer& t, std::string v2) { t.region = std::move(v2); });
    text_input("Niche", "##detail_niche", row.niche,
               [](core::Influencer& t, std::string v2) { t.niche = std::move(v2); });
    text_input("Platform", "##detail_platform", row.platform,
               [](core::Influencer& t, std::string v2) { t.platform = std::move(v2); });
    float w = grid.next();
    ImGui::BeginGroup();
    ui::field_label("Followers");
    std::int64_t followers = row.followers;
    if (ui::count_field("##detail_followers", &followers, 1, core::max_followers,
                        {.field = "Followers", .width = w, .format = format})) {
        target("Edit followers").followers = followers;
    }
    ImGui::EndGroup();
    w = grid.next();
    ImGui::BeginGroup();
    double value = row.engagement_value;
    if (row.engagement_kind == core::EngagementInputKind::rate) {
        ui::field_label("Engagement rate");
        if (ui::rate_field("##detail_engagement", &value, 1,
                           {.field = "Engagement rate", .width = w, .format = format})) {
            target("Edit engagement").engagement_value = value;
        }
    } else {
        ui::field_label("Interactions per post");
        if (ui::number_field("##detail_engagement", &value, 0.0, core::max_average_interactions, 0,
                             {.field = "Interactions per post", .width = w, .format = format})) {
            target("Edit engagement").engagement_value = value;
        }
    }
    ImGui::EndGroup();
    w = grid.next();
    ImGui::BeginGroup();
    ui::field_label("Price per post");
    core::Money price = row.price_per_post;
    if (ui::money_field("##detail_price", &price,
                        {.field = "Price per post", .width = w, .format = format})) {
        target("Edit price").price_per_post = price;
    }
    ImGui::EndGroup();
    w = grid.next();
    ImGui::BeginGroup();
    ui::field_label("Posts");
    int posts = row.posts;
    if (ui::int_field("##detail_posts", &posts, 0, core::max_posts_per_influencer,
                      {.field = "Posts", .width = w, .format = format})) {
        target("Edit posts").posts = posts;
    }
    ImGui::EndGroup();
    w = grid.next();
    ImGui::BeginGroup();
    ui::field_label("Audience fit");
    double fit = row.audience_fit;
    if (ui::rate_field("##detail_fit", &fit, 0,
                       {.field = "Audience fit", .width = w, .format = format})) {
        target("Edit audience fit").audience_fit = fit;
    }
    ImGui::EndGroup();
    const RowText& text = v.text[i];
    ui::muted_text(text.engagements + " engagements, " + text.reach + " reached, cost " +
                   text.cost + ", " + text.cpe + " per engagement.");
    draw_plan_cell(app, row, in_plan(app.ui().optimizer, row.id));
    ImGui::SameLine();
    if (ImGui::Button("Duplicate")) {
        core::Scenario& edited = app.edit("Duplicate influencer");
        core::Influencer copy = edited.roster[i];
        copy.id = core::next_influencer_id(edited.roster);
        copy.name += " (copy)";
        edited.roster.insert(edited.roster.begin() + static_cast<std::ptrdiff_t>(i) + 1, copy);
        v.selected_id = copy.id;
        v.scroll_to_id = copy.id;
    }
    ImGui::SameLine();
    if (ImGui::Button("Delete")) {
        core::Scenario& edited = app.edit("Delete influencer");
        const std::uint32_t id = edited.roster[i].id;
        edited.roster.erase(edited.roster.begin() + static_cast<std::ptrdiff_t>(i));
        std::erase(edited.optimizer.must_include, id);
        std::erase(edited.optimizer.must_exclude, id);
        v.selected_id = 0;
    }
    ui::end_card();
}

} // namespace web::planner
