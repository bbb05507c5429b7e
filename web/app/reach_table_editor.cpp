// The Assumptions screen's reach card: how many of an influencer's followers see a post
// (one flat rate, or a table of reach rates by audience size with the source of each
// row, every row editable) and the audience overlap between the plan's influencers.
// Every change goes through App::edit, so it is saved, shared and undoable.
#include "web/app/reach_table_editor.hpp"

#include "core/formulas.hpp"
#include "core/numbers.hpp"
#include "core/reach.hpp"
#include "imgui.h"
#include "web/app/theme.hpp"
#include "web/app/widgets.hpp"

#include <algorithm>
#include <string>

namespace web {
namespace {

// The source's name, year and platform: the part of its note before the first ": ".
std::string short_source(const std::string& source) {
    const std::size_t colon = source.find(": ");
    return colon == std::string::npos ? source : source.substr(0, colon);
}

// Below this card width the Source column would leave each number a sliver (a phone):
// the table keeps From, To and Reach, and the sources follow it as numbered lines.
constexpr float narrow_reach_table = 480.0f;

// The rows of the reach table: From, To, Rate, Source, and a remove button per row.
void draw_reach_rows(App& app) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    const std::vector<core::ReachRow>& rows = s.assumptions.reach_table.rows;
    const bool narrow = ui::available_width() < narrow_reach_table;
    const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_NoSavedSettings;
    if (!ImGui::BeginTable("##reach_rows", narrow ? 4 : 5, flags)) {
        return;
    }
    ImGui::TableSetupColumn("From", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("To", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Reach", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    if (!narrow) {
        ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthStretch, 1.8f);
    }
    ImGui::TableSetupColumn("##remove", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFrameHeight());
    ImGui::TableHeadersRow();
    // A row the user changed is their own figure now, no longer the source's.
    const auto target = [&](std::size_t r, const char* what) -> core::ReachRow& {
        core::ReachRow& row = app.edit(what).assumptions.reach_table.rows[r];
        row.source = core::own_reach_source();
        return row;
    };
    const auto draw_source = [](const std::string& text, const std::string& source) {
        ui::paragraph(text);
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("%s", source.c_str());
        }
    };
    std::size_t remove = rows.size();
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const core::ReachRow& row = rows[r];
        const std::string n = std::to_string(r);
        ImGui::PushID(static_cast<int>(r));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        std::int64_t min = row.min_followers;
        if (ui::count_field(("##reach_min_" + n).c_str(), &min, 0, core::max_followers,
                            {.field = "From", .format = format, .in_table = true})) {
            target(r, "Edit reach row").min_followers = min;
        }
        ImGui::TableNextColumn();
        if (row.max_followers == core::no_follower_limit) {
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted("and more");
        } else {
            std::int64_t max = row.max_followers;
            if (ui::count_field(("##reach_max_" + n).c_str(), &max, 0, core::max_followers,
                                {.field = "To", .format = format, .in_table = true})) {
                target(r, "Edit reach row").max_followers = max;
            }
        }
        ImGui::TableNextColumn();
        double rate = row.rate;
        if (ui::rate_field(("##reach_rate_" + n).c_str(), &rate, 1,
                           {.field = "Reach rate", .format = format, .in_table = true})) {
            target(r, "Edit reach rate").rate = rate;
        }
        if (!narrow) {
            ImGui::TableNextColumn();
            draw_source(short_source(row.source), row.source);
        }
        ImGui::TableNextColumn();
        if (rows.size() > 1 && ui::row_button("x", "Remove reach row " + std::to_string(r + 1))) {
            remove = r;
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
    if (narrow) {
        for (std::size_t r = 0; r < rows.size(); ++r) {
            draw_source("Row " + std::to_string(r + 1) + ": " + short_source(rows[r].source),
                        rows[r].source);
        }
    }
    if (remove < rows.size()) {
        auto& edited = app.edit("Remove reach row").assumptions.reach_table.rows;
        edited.erase(edited.begin() + static_cast<std::ptrdiff_t>(remove));
    }
}

// Add a row after the last one, restore the published rows, and say what is wrong.
void draw_reach_table_actions(App& app) {
    const core::Scenario& s = app.scenario();
    const std::vector<core::ReachRow>& rows = s.assumptions.reach_table.rows;
    const core::ReachRow* last = rows.empty() ? nullptr : &rows.back();
    const bool can_add = rows.size() < core::max_reach_rows &&
                         (last == nullptr || last->max_followers < core::max_followers);
    if (ui::button("Add a reach row", can_add)) {
        // From where the last row ends to ten times that, at the last row's rate.
        const std::int64_t from = last == nullptr ? 0 : last->max_followers + 1;
        const std::int64_t to =
            std::min(std::max<std::int64_t>(from * 10, 1'000) - 1, core::max_followers);
        const double rate = last == nullptr ? 0.1 : last->rate; // read before the edit
        app.edit("Add reach row")
            .assumptions.reach_table.rows.push_back({from, to, rate, core::own_reach_source()});
    }
    if (s.assumptions.reach_table != core::ReachTable{}) {
        ImGui::SameLine();
        if (ImGui::Button("Restore the published reach figures")) {
            app.edit("Restore reach figures").assumptions.reach_table = core::ReachTable{};
        }
    }
    const auto valid = core::validate_reach_table(s.assumptions.reach_table);
    if (!valid.ok()) {
        ui::coloured_text(palette().bad, valid.error().message);
    }
}

} // namespace

void draw_reach_card(App& app) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    namespace ids = core::formula_ids;
    ui::begin_card("##reach", "Reach and audience overlap",
                   "How many followers see a post, and how many people the plan's influencers "
                   "share. The same rules for every influencer, big or small.");
    bool by_size = s.assumptions.reach_by_size;
    if (ImGui::Checkbox("Reach falls with audience size###reach_by_size", &by_size)) {
        app.edit("Change reach model").assumptions.reach_by_size = by_size;
    }
    if (by_size) {
        ui::muted_text("Share of followers one post reaches, by audience size. Between rows the "
                       "rate is joined in log-log, flat before the first row and after the last; "
                       "people reached never fall as followers grow. Hover a source for its "
                       "scope; a row you change becomes your own figure.");
        draw_reach_rows(app);
        draw_reach_table_actions(app);
    } else {
        ui::field_label("Reach rate (followers who see a post)");
        double rate = s.assumptions.reach_rate;
        if (ui::rate_field("##Reach rate", &rate, 1,
                           {.field = "Reach rate",
                            .width = std::min(200.0f, ui::available_width()),
                            .format = format})) {
            app.edit("Edit Reach rate").assumptions.reach_rate = rate;
        }
        ui::formula_tip(ids::estimated_reach);
    }
    ui::muted_text("A post always reaches at least the people who engage with it.");
    ui::field_label("Audience overlap (an assumption)");
    double overlap = s.assumptions.audience_overlap;
    if (ui::rate_field("##Audience overlap", &overlap, 0,
                       {.field = "Audience overlap",
                        .width = std::min(200.0f, ui::available_width()),
                        .format = format})) {
        app.edit("Edit Audience overlap").assumptions.audience_overlap = overlap;
    }
    ui::formula_tip(ids::unique_reach);
    ui::muted_text("The share of each audience, beyond the largest, that another influencer of "
                   "the plan also reaches. Default " +
                   core::format_percent(core::default_audience_overlap, 0, format) +
                   ": our assumption, no published source (ten parenting bloggers in one country "
                   "share some readers); set your own. 0% counts every audience as separate.");
    ui::end_card();
}

} // namespace web
