#include "web/app/plan_source_picker.hpp"

#include "core/numbers.hpp"
#include "imgui.h"
#include "web/app/app.hpp"
#include "web/app/layout.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/items.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace web {
namespace {

// The picker's choices, in the order the combo lists them.
enum class Choice : int {
    biggest,
    smallest,
    rest,
    tier,
    region,
    niche,
    picked,
    typical,
    entered,
};
constexpr const char* choice_labels[] = {
    "Your biggest creators",
    "Your smallest creators",
    "The rest of the roster",
    "A follower tier",
    "A region",
    "A niche",
    "Rows you pick",
    "Typical influencers",
    "Rows entered here",
};

Choice choice_of(const core::PlanSource& source) {
    switch (source.kind) {
    case core::PlanSourceKind::entered:
        return Choice::entered;
    case core::PlanSourceKind::typical:
        return Choice::typical;
    case core::PlanSourceKind::rows:
        return Choice::picked;
    case core::PlanSourceKind::rule:
        break;
    }
    switch (source.rule) {
    case core::PlanRule::biggest:
        return Choice::biggest;
    case core::PlanRule::smallest:
        return Choice::smallest;
    case core::PlanRule::rest:
        return Choice::rest;
    case core::PlanRule::tier:
        return Choice::tier;
    case core::PlanRule::region:
        return Choice::region;
    case core::PlanRule::niche:
        return Choice::niche;
    }
    return Choice::entered;
}

// A fresh source for a choice; keeps what still applies (a count, picked rows).
core::PlanSource source_for(Choice choice, const core::PlanSource& old, const core::Scenario& s,
                            bool plan_a) {
    core::PlanSource next;
    next.count = old.count;
    next.row_ids = old.row_ids;
    const auto rule = [&](core::PlanRule r) {
        next.kind = core::PlanSourceKind::rule;
        next.rule = r;
    };
    switch (choice) {
    case Choice::biggest:
        rule(core::PlanRule::biggest);
        break;
    case Choice::smallest:
        rule(core::PlanRule::smallest);
        break;
    case Choice::rest:
        rule(core::PlanRule::rest);
        break;
    case Choice::tier:
        rule(core::PlanRule::tier);
        next.min_followers = 1'000;
        next.max_followers = 9'999;
        break;
    case Choice::region:
    case Choice::niche:
        rule(choice == Choice::region ? core::PlanRule::region : core::PlanRule::niche);
        if (!s.roster.empty()) {
            next.value =
                choice == Choice::region ? s.roster.front().region : s.roster.front().niche;
        }
        break;
    case Choice::picked:
        next.kind = core::PlanSourceKind::rows;
        if (next.row_ids.empty()) { // start from what the plan shows now
            for (const core::Influencer& row : shown_plan(s, plan_a).influencers) {
                next.row_ids.push_back(row.id);
            }
        }
        break;
    case Choice::typical:
        next.kind = core::PlanSourceKind::typical;
        break;
    case Choice::entered:
        break;
    }
    return next;
}

// The distinct, non-empty texts of a roster column (regions or niches), in roster order.
std::vector<std::string> distinct(const core::Scenario& s, bool regions) {
    std::vector<std::string> out;
    for (const core::Influencer& row : s.roster) {
        const std::string& text = regions ? row.region : row.niche;
        if (!text.empty() && std::find(out.begin(), out.end(), text) == out.end()) {
            out.push_back(text);
        }
    }
    return out;
}

// A combo of a roster column's values; returns true when one was chosen.
bool value_combo(const char* id, const std::vector<std::string>& values, std::string* value) {
    bool changed = false;
    if (ui::begin_combo(id, value->empty() ? "Pick one" : value->c_str())) {
        for (const std::string& option : values) {
            if (ImGui::Selectable(option.c_str(), option == *value)) {
                *value = option;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

// The roster as a list of ticks (the "rows you pick" source).
void draw_row_ticks(App& app, bool plan_a, const core::PlanSource& source) {
    const core::Scenario& s = app.scenario();
    const float row_h = ImGui::GetFrameHeightWithSpacing();
    const float height = std::min(row_h * static_cast<float>(s.roster.size()) + 8.0f, row_h * 8);
    ImGui::BeginChild(plan_a ? "##pick_a" : "##pick_b", ImVec2(0, height), ImGuiChildFlags_Border);
    for (const core::Influencer& row : s.roster) {
        const auto at = std::find(source.row_ids.begin(), source.row_ids.end(), row.id);
        bool ticked = at != source.row_ids.end();
        const std::string label = row.name + " (" +
                                  core::format_count(row.followers, s.assumptions.number_format) +
                                  " followers)##tick_" + std::to_string(row.id);
        if (ImGui::Checkbox(label.c_str(), &ticked)) {
            core::PlanSource& edited = plan_a ? app.edit("Pick rows").plan_sources.a
                                              : app.edit("Pick rows").plan_sources.b;
            if (ticked) {
                edited.row_ids.push_back(row.id);
            } else {
                std::erase(edited.row_ids, row.id);
            }
        }
    }
    ImGui::EndChild();
}

core::PlanSource& edited_source(App& app, bool plan_a, std::string_view what) {
    core::Scenario& s = app.edit(what);
    return plan_a ? s.plan_sources.a : s.plan_sources.b;
}

} // namespace

bool plan_from_roster(const core::Scenario& scenario, bool plan_a) {
    const core::PlanSourceKind kind =
        (plan_a ? scenario.plan_sources.a : scenario.plan_sources.b).kind;
    return kind == core::PlanSourceKind::rows || kind == core::PlanSourceKind::rule;
}

core::PlanGroup shown_plan(const core::Scenario& scenario, bool plan_a) {
    const auto plans = core::resolved_plans(scenario);
    const core::ComparisonSetup& setup = plans ? plans.value().setup : scenario.comparison;
    return plan_a ? setup.a : setup.b;
}

core::Influencer& edited_plan_row(App& app, bool plan_a, std::uint32_t id, std::string_view what) {
    const bool roster = plan_from_roster(app.scenario(), plan_a);
    const bool typical =
        (plan_a ? app.scenario().plan_sources.a : app.scenario().plan_sources.b).kind ==
        core::PlanSourceKind::typical;
    core::Scenario& s = app.edit(what);
    std::vector<core::Influencer>& rows =
        roster ? s.roster : (plan_a ? s.comparison.a.influencers : s.comparison.b.influencers);
    if (typical && !rows.empty()) {
        return rows.front(); // every row of a typical plan is the one typical influencer
    }
    const auto found = std::find_if(rows.begin(), rows.end(),
                                    [&](const core::Influencer& row) { return row.id == id; });
    static core::Influencer nowhere; // a row that vanished between drawing and editing
    return found != rows.end() ? *found : nowhere;
}

void draw_same_budget_switch(App& app) {
    bool same = app.scenario().plan_sources.same_budget;
    if (ImGui::Checkbox("Same budget for both plans", &same)) {
        app.edit(same ? "Fit plans to the budget" : "Keep plans as entered")
            .plan_sources.same_budget = same;
    }
    ui::muted_text(same ? "Typical influencers: as many as the budget pays for. Roster rows: in "
                          "the plan's order, each row that still fits."
                        : "Plans as entered; a plan over the budget is said in the verdict.");
}

void draw_plan_source_picker(App& app, bool plan_a) {
    const core::Scenario& s = app.scenario();
    const core::PlanSource& source = plan_a ? s.plan_sources.a : s.plan_sources.b;
    const core::NumberFormat format = s.assumptions.number_format;
    const char* tag = plan_a ? "a" : "b";
    char id[64];

    ui::field_label(plan_a ? "Plan A is" : "Plan B is");
    int choice = static_cast<int>(choice_of(source));
    std::snprintf(id, sizeof id, "##plan_%s_source", tag);
    ImGui::SetNextItemWidth(std::min(260.0f, ui::available_width()));
    if (ui::combo(id, &choice, choice_labels, IM_ARRAYSIZE(choice_labels))) {
        const core::PlanSource next = source_for(static_cast<Choice>(choice), source, s, plan_a);
        const core::PlanGroup before = shown_plan(s, plan_a);
        core::Scenario& edited = app.edit("Change plan source");
        core::PlanGroup& group = plan_a ? edited.comparison.a : edited.comparison.b;
        (plan_a ? edited.plan_sources.a : edited.plan_sources.b) = next;
        group.name.clear(); // the name follows the new contents (a name typed later stays)
        if (group.influencers.empty() && !before.influencers.empty()) {
            // Typical: like the first row shown; entered: a copy of the rows shown.
            group.influencers = before.influencers;
            if (next.kind == core::PlanSourceKind::typical) {
                group.influencers.resize(1);
            }
        }
        return; // draw the new source's fields next frame
    }
    ImGui::SameLine();
    switch (choice_of(source)) {
    case Choice::biggest:
    case Choice::smallest:
    case Choice::typical: {
        int count = source.count;
        std::snprintf(id, sizeof id, "##plan_%s_count", tag);
        const int max = choice_of(source) == Choice::typical
                            ? core::max_typical_count
                            : static_cast<int>(core::max_roster_rows);
        if (ui::int_field(id, &count, 1, max,
                          {.field = "How many", .width = 90.0f, .format = format, .hint = "20"})) {
            edited_source(app, plan_a, "Change count").count = count;
        }
        break;
    }
    case Choice::tier: {
        std::int64_t low = source.min_followers;
        std::int64_t high =
            source.max_followers == core::no_follower_limit ? 0 : source.max_followers;
        std::snprintf(id, sizeof id, "##plan_%s_min", tag);
        if (ui::count_field(id, &low, 0, core::max_followers,
                            {.field = "Fewest followers", .width = 110.0f, .format = format})) {
            edited_source(app, plan_a, "Change tier").min_followers = low;
        }
        ImGui::SameLine();
        ImGui::TextUnformatted("to");
        ImGui::SameLine();
        std::snprintf(id, sizeof id, "##plan_%s_max", tag);
        if (ui::count_field(id, &high, 0, core::max_followers,
                            {.field = "Most followers (0: no limit)",
                             .width = 110.0f,
                             .format = format,
                             .hint = "no limit"})) {
            edited_source(app, plan_a, "Change tier").max_followers =
                high == 0 ? core::no_follower_limit : high;
        }
        break;
    }
    case Choice::region:
    case Choice::niche: {
        const bool region = choice_of(source) == Choice::region;
        std::string value = source.value;
        std::snprintf(id, sizeof id, "##plan_%s_value", tag);
        ImGui::SetNextItemWidth(std::min(200.0f, ui::available_width()));
        if (value_combo(id, distinct(s, region), &value)) {
            edited_source(app, plan_a, region ? "Pick region" : "Pick niche").value = value;
        }
        break;
    }
    case Choice::picked:
        ImGui::NewLine();
        draw_row_ticks(app, plan_a, source);
        break;
    case Choice::rest:
    case Choice::entered:
        ImGui::NewLine();
        break;
    }
    if (plan_from_roster(s, plan_a)) {
        ui::muted_text("These are your roster's rows: editing one edits the roster.");
    }
}

} // namespace web
