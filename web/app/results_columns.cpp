// The tracked posts' table and its phone layout (results_columns.hpp).
#include "web/app/results_columns.hpp"

#include "core/example_figures.hpp"
#include "core/formulas.hpp"
#include "core/numbers.hpp"
#include "imgui.h"
#include "web/app/list_detail.hpp"
#include "web/app/theme.hpp"
#include "web/platform/items.hpp"

#include <algorithm>
#include <cstdio>

namespace web::results {
namespace {

constexpr std::size_t column_count = std::size(post_columns);
// The phone list: the influencer, then two figures (by index in post_columns).
constexpr std::size_t list_columns[] = {0, 1, column_count - 1};
constexpr float list_weights[] = {1.7f, 0.9f, 1.0f};

const core::Influencer* find_influencer(const core::Scenario& s, std::uint32_t id) {
    const auto found = std::find_if(s.roster.begin(), s.roster.end(),
                                    [&](const core::Influencer& row) { return row.id == id; });
    return found != s.roster.end() ? &*found : nullptr;
}

PostCell cell_of(App& app, std::size_t index) {
    const core::Scenario& s = app.scenario();
    return {app, index, s.actuals[index], s.assumptions.number_format};
}

std::string cell_text(const PostColumn& column, const PostCell& cell) {
    return column.count != nullptr ? core::format_count(cell.post.*column.count, cell.format)
                                   : column.text(cell);
}

void draw_editor(const PostColumn& column, const PostCell& cell, const char* id,
                 ui::FieldOptions options) {
    options.field = column.label;
    options.format = cell.format;
    if (column.edit != nullptr) {
        column.edit(cell, id, options);
        return;
    }
    std::int64_t value = cell.post.*column.count;
    if (ui::count_field(id, &value, 0, core::max_post_count, options)) {
        cell.app.edit("Edit tracked post").actuals[cell.index].*column.count = value;
    }
}

void item_id(char (&out)[48], const PostColumn& column, std::size_t index) {
    std::snprintf(out, sizeof out, "##actual_%.*s_%zu", static_cast<int>(column.key.size()),
                  column.key.data(), index + 1);
}

void remove_post(App& app, std::size_t index) {
    auto& actuals = app.edit("Remove tracked post").actuals;
    actuals.erase(actuals.begin() + static_cast<std::ptrdiff_t>(index));
}

// Wide screens: every field of every post, editable in place.
void draw_table(App& app) {
    const core::Scenario& s = app.scenario();
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_NoSavedSettings;
    const float row_h = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const int shown = std::min(static_cast<int>(s.actuals.size()), 12);
    const bool scroll = s.actuals.size() > 12;
    const float height =
        row_h * static_cast<float>(shown + 1) + ImGui::GetStyle().ScrollbarSize + 6.0f;
    std::size_t remove = s.actuals.size();
    if (ImGui::BeginTable("##actuals", static_cast<int>(column_count) + 1,
                          flags | (scroll ? ImGuiTableFlags_ScrollY : 0), ImVec2(0, height))) {
        for (const PostColumn& column : post_columns) {
            ImGui::TableSetupColumn(column.label, 0, column.width);
        }
        ImGui::TableSetupColumn("##remove", 0, 28.0f);
        ImGui::TableSetupScrollFreeze(1, 1);
        ImGui::TableHeadersRow();
        label_table("Tracked posts");
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(s.actuals.size()), row_h);
        while (clipper.Step()) {
            for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
                const PostCell cell = cell_of(app, static_cast<std::size_t>(k));
                ImGui::PushID(k);
                ImGui::TableNextRow();
                for (const PostColumn& column : post_columns) {
                    ImGui::TableNextColumn();
                    char id[48];
                    item_id(id, column, cell.index);
                    draw_editor(column, cell, id, {.in_table = true});
                }
                ImGui::TableNextColumn();
                if (ui::row_button("x", "Remove tracked post " + std::to_string(k + 1))) {
                    remove = cell.index;
                }
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    if (remove < s.actuals.size()) {
        remove_post(app, remove);
    }
}

// Phones: the list of posts, and the tapped post's detail under it.
void draw_list_and_detail(App& app) {
    const core::Scenario& s = app.scenario();
    constexpr const char* list_id = "##actuals_list";
    ui::ListColumn columns[std::size(list_columns)];
    for (std::size_t k = 0; k < std::size(list_columns); ++k) {
        columns[k] = {post_columns[list_columns[k]].label, list_weights[k]};
    }
    // A post has no id of its own: its place in the list (1-based) keys it.
    ui::StoredOpenRow open(list_id);
    ui::tap_list(list_id, "Tracked posts", columns,
                 {.count = s.actuals.size(),
                  .text =
                      [&](std::size_t row, std::size_t k) {
                          return cell_text(post_columns[list_columns[k]], cell_of(app, row));
                      },
                  .key =
                      [](std::size_t row) {
                          return static_cast<std::uint32_t>(row + 1);
                      }},
                 open.key);
    if (open.key == 0) {
        ui::muted_text("Tap a post to see and edit every figure.");
        return;
    }
    const PostCell cell = cell_of(app, open.key - 1);
    ui::begin_detail("##post_detail",
                     "Post " + std::to_string(open.key) + ": " + influencer_name(cell),
                     "What this post got.");
    for (const PostColumn& column : post_columns) {
        const float width = ui::detail_field(column.label);
        char id[48];
        std::snprintf(id, sizeof id, "##post_detail_%.*s", static_cast<int>(column.key.size()),
                      column.key.data());
        draw_editor(column, cell, id, {.width = width});
        ui::end_detail_field();
    }
    if (ImGui::Button("Remove")) {
        remove_post(app, cell.index);
        open.key = 0;
    }
    describe_last_item(Role::button, "Remove tracked post " + std::to_string(cell.index + 1));
    ui::end_detail();
}

// One influencer's line of "Who delivered".
struct RankCell {
    int rank;
    const core::InfluencerActuals& actuals;
    std::string name;
    bool filled; // numbers typed for their posts: ratios of nothing say nothing
    core::NumberFormat format;
    std::string_view expected_basis;
};

struct RankColumn {
    const char* header;
    float width;
    std::string (*text)(const RankCell&);
    std::string_view formula = {};
    bool (*good)(const RankCell&) = nullptr;       // coloured good or bad
    std::string (*tip)(const RankCell&) = nullptr; // the arithmetic behind the figure
};

// Sales and visits alone are no post: nothing per post to show.
std::string per_post(const RankCell& cell, std::string text) {
    return cell.filled && cell.actuals.posts > 0 ? text : std::string("-");
}

const RankColumn rank_columns[] = {
    {"#", 28,
     [](const RankCell& c) {
         return std::to_string(c.rank);
     }},
    {"Influencer", 190,
     [](const RankCell& c) {
         return c.name;
     }},
    {"Posts", 50,
     [](const RankCell& c) {
         return core::format_count(c.actuals.posts, c.format);
     }},
    {"Per post", 80,
     [](const RankCell& c) {
         return per_post(c, core::format_number(c.actuals.interactions_per_post, 0, c.format));
     }},
    {"Rate", 70,
     [](const RankCell& c) {
         return per_post(c, core::format_percent(c.actuals.engagement_rate, 1, c.format));
     },
     core::formula_ids::actual_engagement_rate},
    {"Vs expected",
     96,
     [](const RankCell& c) {
         return c.actuals.actual_vs_expected && c.filled
                    ? core::format_percent(*c.actuals.actual_vs_expected, 0, c.format)
                    : std::string("-");
     },
     {},
     [](const RankCell& c) {
         return c.actuals.actual_vs_expected && *c.actuals.actual_vs_expected >= 1.0;
     },
     [](const RankCell& c) {
         return c.actuals.actual_vs_expected && c.filled
                    ? core::format_number(c.actuals.comparable_per_post, 0, c.format) + " " +
                          std::string(c.expected_basis) + " per post against " +
                          core::format_number(c.actuals.expected_per_post, 0, c.format) +
                          " expected"
                    : std::string();
     }},
    {"CPE", 74,
     [](const RankCell& c) {
         return ui::optional_money(c.actuals.cost_per_engagement, c.format);
     }},
    {"CPC", 74,
     [](const RankCell& c) {
         return ui::optional_money(c.actuals.cost_per_click, c.format);
     }},
    {"CPA", 84,
     [](const RankCell& c) {
         return ui::optional_money(c.actuals.cost_per_acquisition, c.format);
     }},
    {"ROI", 70,
     [](const RankCell& c) {
         const auto roi = core::told_roi(c.actuals);
         return roi ? core::format_percent(*roi, 0, c.format) : std::string("-");
     }},
    {"Beat plan",
     80,
     [](const RankCell& c) {
         return c.actuals.beat_plan && c.filled ? std::string("beat it") : std::string();
     },
     {},
     [](const RankCell&) {
         return true;
     }},
};
constexpr std::size_t rank_list_columns[] = {1, 5, 6};
constexpr float rank_list_weights[] = {1.7f, 1.0f, 0.9f};

// One figure: coloured when the column judges it, its formula or arithmetic on hover.
void draw_rank_figure(const RankColumn& column, const RankCell& cell, float width = 0.0f) {
    const std::string text = column.text(cell);
    const Palette& p = palette();
    const bool judged = column.good != nullptr && text != "-";
    ui::fitted_text(text, width, judged ? (column.good(cell) ? p.good : p.bad) : 0);
    if (!column.formula.empty()) {
        ui::formula_tip(column.formula);
    } else if (column.tip != nullptr && ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip)) {
        const std::string tip = column.tip(cell);
        if (!tip.empty()) {
            ImGui::SetTooltip("%s", tip.c_str());
        }
    }
}

} // namespace

std::string influencer_name(const PostCell& cell) {
    const core::Influencer* who = find_influencer(cell.app.scenario(), cell.post.influencer_id);
    return who != nullptr ? who->name : std::string("(unknown)");
}

void edit_influencer(const PostCell& cell, const char* id, const ui::FieldOptions& options) {
    ImGui::SetNextItemWidth(options.width);
    if (ui::begin_combo(id, influencer_name(cell).c_str())) {
        for (const core::Influencer& row : cell.app.scenario().roster) {
            ImGui::PushID(static_cast<int>(row.id));
            if (ImGui::Selectable(row.name.c_str(), row.id == cell.post.influencer_id)) {
                cell.app.edit("Change tracked influencer").actuals[cell.index].influencer_id =
                    row.id;
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
}

std::string revenue_text(const PostCell& cell) {
    return ui::money_text(cell.post.revenue, cell.format);
}

void edit_revenue(const PostCell& cell, const char* id, const ui::FieldOptions& options) {
    core::Money revenue = cell.post.revenue;
    if (ui::money_field(id, &revenue, options)) {
        cell.app.edit("Edit tracked post").actuals[cell.index].revenue = revenue;
    }
}

void draw_posts_table(App& app) {
    if (app.scenario().actuals.empty()) {
        ui::muted_text("No results tracked yet. Add a row for each post as the numbers come in.");
    } else if (ui::list_layout(app.width())) {
        draw_list_and_detail(app);
    } else {
        draw_table(app);
    }
}

void draw_ranking_table(App& app, const core::TrackingResult& tracking,
                        std::span<const std::size_t> order, std::string_view expected_basis) {
    const core::Scenario& s = app.scenario();
    const auto cell_at = [&](std::size_t place) {
        const core::InfluencerActuals& a = tracking.influencers[order[place]];
        const core::Influencer* who = find_influencer(s, a.id);
        return RankCell{static_cast<int>(place) + 1,
                        a,
                        who != nullptr ? who->name : std::string("?"),
                        core::has_tracked_numbers(a),
                        s.assumptions.number_format,
                        expected_basis};
    };
    if (ui::list_layout(app.width())) {
        constexpr const char* list_id = "##ranking_list";
        ui::ListColumn columns[std::size(rank_list_columns)];
        for (std::size_t k = 0; k < std::size(rank_list_columns); ++k) {
            columns[k] = {rank_columns[rank_list_columns[k]].header, rank_list_weights[k]};
        }
        // Keyed by influencer, so the open one stays open when the ranking changes.
        ui::StoredOpenRow open(list_id);
        ui::tap_list(list_id, "Who delivered", columns,
                     {.count = order.size(),
                      .text =
                          [&](std::size_t place, std::size_t k) {
                              const RankCell cell = cell_at(place);
                              return k == 0 ? std::to_string(cell.rank) + ". " + cell.name
                                            : rank_columns[rank_list_columns[k]].text(cell);
                          },
                      .key =
                          [&](std::size_t place) {
                              return tracking.influencers[order[place]].id;
                          }},
                     open.key);
        for (std::size_t place = 0; place < order.size(); ++place) {
            if (tracking.influencers[order[place]].id != open.key) {
                continue;
            }
            const RankCell cell = cell_at(place);
            ui::begin_detail("##ranking_detail", std::to_string(cell.rank) + ". " + cell.name,
                             "What their tracked posts did.");
            // Rank and name (columns 0 and 1) are the title.
            for (std::size_t k = 2; k < std::size(rank_columns); ++k) {
                const RankColumn& column = rank_columns[k];
                const float width = ui::detail_field(column.header);
                draw_rank_figure(column, cell, width);
                ui::end_detail_field();
            }
            ui::end_detail();
        }
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                                  ImGuiTableFlags_NoSavedSettings;
    const float row_h = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().CellPadding.y * 2;
    const float height =
        row_h * static_cast<float>(order.size() + 1) + ImGui::GetStyle().ScrollbarSize + 6.0f;
    if (ImGui::BeginTable("##ranking_table", static_cast<int>(std::size(rank_columns)), flags,
                          ImVec2(0, height))) {
        for (const RankColumn& column : rank_columns) {
            ImGui::TableSetupColumn(column.header, 0, column.width);
        }
        ImGui::TableSetupScrollFreeze(2, 1);
        ImGui::TableHeadersRow();
        label_table("Who delivered");
        for (std::size_t place = 0; place < order.size(); ++place) {
            const RankCell cell = cell_at(place);
            ImGui::TableNextRow();
            for (const RankColumn& column : rank_columns) {
                ImGui::TableNextColumn();
                draw_rank_figure(column, cell);
            }
        }
        ImGui::EndTable();
    }
}

} // namespace web::results
