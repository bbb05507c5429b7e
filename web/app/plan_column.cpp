// The planner's Plan column and "Use this plan" (web/app/plan_flow.hpp).
// A row is booked when it has at least one post. The user's rules for the optimizer
// (must be in, never in) are shown instead of the booking while they are set; the plan
// the optimizer found is the highlighted rows until "Use this plan" books it.
#include "core/numbers.hpp"
#include "imgui.h"
#include "web/app/app.hpp"
#include "web/app/list_detail.hpp"
#include "web/app/plan_flow.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/items.hpp"

#include <algorithm>
#include <cstdio>

namespace web::flow {
namespace {

bool contains(const std::vector<std::uint32_t>& ids, std::uint32_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Text colour and a mark drawn before the word, so the states differ in more than colour.
struct StateLook {
    ImU32 colour;
    bool filled; // a filled dot (in the plan) or a ring (out of it)
    bool pinned; // a bar under the dot: the user's rule, not the optimizer's choice
};

StateLook look(PlanState state) {
    const Palette& p = palette();
    switch (state) {
    case PlanState::booked:
        return {p.text, true, false};
    case PlanState::not_booked:
        return {p.muted, false, false};
    case PlanState::must_include:
        return {p.accent, true, true};
    case PlanState::must_exclude:
        return {p.warn, false, true};
    }
    return {p.text, true, false};
}

// The mark at `pos` (top left of a text line).
void draw_mark(ImDrawList* draw, ImVec2 pos, const StateLook& style) {
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 centre(pos.x + h * 0.3f, pos.y + h * 0.45f);
    const float radius = h * 0.22f;
    if (style.filled) {
        draw->AddCircleFilled(centre, radius, style.colour);
    } else {
        draw->AddCircle(centre, radius, style.colour, 0, 1.5f);
    }
    if (style.pinned) {
        draw->AddLine(ImVec2(centre.x - radius, centre.y + radius + 2.5f),
                      ImVec2(centre.x + radius, centre.y + radius + 2.5f), style.colour, 1.5f);
    }
}

constexpr const char* tooltips[] = {
    "Booked (at least one post). Click: must be in the best plan.",
    "Not booked (0 posts). Click: must be in the best plan.",
    "Must be in the best plan. Click: never in it.",
    "Never in the best plan. Click: let the optimizer decide.",
};

} // namespace

PlanState plan_state(const core::Scenario& s, const core::Influencer& row) {
    if (contains(s.optimizer.must_include, row.id)) {
        return PlanState::must_include;
    }
    if (contains(s.optimizer.must_exclude, row.id)) {
        return PlanState::must_exclude;
    }
    return row.posts > 0 ? PlanState::booked : PlanState::not_booked;
}

const char* plan_state_label(PlanState state) {
    switch (state) {
    case PlanState::booked:
        return "Booked";
    case PlanState::not_booked:
        return "Not booked";
    case PlanState::must_include:
        return "Must";
    case PlanState::must_exclude:
        return "Never";
    }
    return "Booked";
}

void draw_plan_cell(App& app, const core::Influencer& row) {
    const PlanState state = plan_state(app.scenario(), row);
    const StateLook style = look(state);
    char label[48];
    std::snprintf(label, sizeof label, "%s##plan_%u", plan_state_label(state), row.id);
    const float indent = ImGui::GetTextLineHeight() * 0.7f;
    ImGui::PushStyleColor(ImGuiCol_Text, style.colour);
    ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
    ImGui::AlignTextToFramePadding();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    // The text starts after the mark: padding on the left only.
    ImGui::PushStyleVar(
        ImGuiStyleVar_FramePadding,
        ImVec2(ImGui::GetStyle().FramePadding.x + indent, ImGui::GetStyle().FramePadding.y));
    const bool pressed = ImGui::Button(label, ImVec2(-FLT_MIN, 0));
    describe_last_item(Role::button, "Plan for " + row.name, plan_state_label(state));
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor(2);
    draw_mark(ImGui::GetWindowDrawList(),
              ImVec2(at.x + ImGui::GetStyle().FramePadding.x * 0.5f,
                     at.y + ImGui::GetStyle().FramePadding.y),
              style);
    ImGui::SetItemTooltip("%s", tooltips[static_cast<int>(state)]);
    if (!pressed) {
        return;
    }
    core::OptimizerSettings& target = app.edit("Change plan rule").optimizer;
    std::erase(target.must_include, row.id);
    std::erase(target.must_exclude, row.id);
    if (state == PlanState::booked || state == PlanState::not_booked) {
        target.must_include.push_back(row.id);
    } else if (state == PlanState::must_include) {
        target.must_exclude.push_back(row.id);
    }
}

void draw_plan_legend() {
    const Palette& p = palette();
    const float h = ImGui::GetTextLineHeight();
    ui::field_label("Plan column:");
    for (int k = 0; k < 4; ++k) {
        const auto state = static_cast<PlanState>(k);
        const StateLook style = look(state);
        const char* word = k == 0   ? "booked"
                           : k == 1 ? "not booked (0 posts)"
                           : k == 2 ? "must be in the best plan"
                                    : "never in it";
        ui::same_line_if_room(h * 0.7f + 2.0f + ImGui::CalcTextSize(word).x, 12.0f);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(h * 0.7f, h));
        draw_mark(ImGui::GetWindowDrawList(), at, style);
        ImGui::SameLine(0, 2.0f);
        ui::field_label(word);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextWrapped("Click a cell to change its rule. Highlighted rows: the best plan found; "
                       "\"Use this plan\" books exactly them.");
    ImGui::PopStyleColor();
}

bool plan_differs(const core::Scenario& s, const std::vector<std::uint32_t>& chosen) {
    return std::any_of(s.roster.begin(), s.roster.end(), [&](const core::Influencer& row) {
        return (row.posts > 0) != std::binary_search(chosen.begin(), chosen.end(), row.id);
    });
}

void use_plan(App& app, const std::vector<std::uint32_t>& chosen) {
    core::Scenario& s = app.edit("Use this plan");
    std::int64_t booked = 0;
    for (core::Influencer& row : s.roster) {
        if (std::binary_search(chosen.begin(), chosen.end(), row.id)) {
            row.posts = std::max(row.posts, 1);
            ++booked;
        } else {
            row.posts = 0;
        }
    }
    app.ui().status = "Booked the best plan: " + core::format_count(booked) +
                      (booked == 1 ? " influencer" : " influencers") +
                      "; everyone else stays in the roster with 0 posts. Undo goes back.";
}

} // namespace web::flow
