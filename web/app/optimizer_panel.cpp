// The planner's optimizer panel: objective and constraints (stored in the scenario),
// a run that advances a few thousand branch-and-bound nodes per frame so the page
// never freezes (platform_keep_animating keeps frames coming only while it runs),
// and the result, which the roster table highlights and "Use this plan" books (rows
// without posts are offered with one post). A run searches for at most
// core::default_time_limit_ms; if that does not prove the plan, the panel says how
// close it is and offers to keep searching from where it stopped.
#include "core/numbers.hpp"
#include "core/optimizer.hpp"
#include "imgui.h"
#include "web/app/app.hpp"
#include "web/app/layout.hpp"
#include "web/app/plan_flow.hpp"
#include "web/app/screens.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/browser_platform.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

namespace web {
namespace {

constexpr double frame_budget_ms = 6.0; // optimizer time per frame; the rest draws

double clock_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// The optimizer's problem from the roster as the core evaluated it: each valid row with
// posts is a candidate with its cost and its value under the chosen objective.
core::OptimizerProblem build_problem(const core::Scenario& s, const core::CampaignResult& result) {
    core::OptimizerProblem problem;
    problem.budget = s.budget;
    const core::OptimizerSettings& settings = s.optimizer;
    for (const core::RegionCoverage& rule : settings.coverage) {
        problem.regions.push_back({rule.region, rule.min_hires, rule.max_hires});
    }
    problem.must_include = settings.must_include;
    problem.must_exclude = settings.must_exclude;
    problem.max_budget_share = settings.max_budget_share;
    problem.min_hires = settings.min_influencers;
    for (std::size_t i = 0; i < s.roster.size() && i < result.rows.size(); ++i) {
        const core::RowMetrics& row = result.rows[i];
        const core::Influencer& influencer = s.roster[i];
        if (!row.valid || influencer.posts <= 0) {
            continue;
        }
        core::OptimizerCandidate candidate;
        candidate.id = influencer.id;
        candidate.name = influencer.name;
        candidate.cost_cents = row.cost.cents;
        switch (settings.objective) {
        case core::Objective::expected_engagements:
            candidate.value = row.expected_engagements;
            break;
        case core::Objective::targeted_engagements:
            candidate.value = row.targeted_engagements;
            break;
        case core::Objective::estimated_reach:
            candidate.value = row.estimated_reach;
            break;
        case core::Objective::expected_conversions:
            candidate.value = row.conversions;
            break;
        }
        for (std::size_t r = 0; r < settings.coverage.size(); ++r) {
            if (settings.coverage[r].region == influencer.region) {
                candidate.region = static_cast<int>(r);
                break;
            }
        }
        problem.candidates.push_back(std::move(candidate));
    }
    // Ids of rows that are not candidates (invalid, unbooked) cannot be forced in or out.
    const auto known = [&problem](std::uint32_t id) {
        return std::any_of(problem.candidates.begin(), problem.candidates.end(),
                           [id](const core::OptimizerCandidate& c) { return c.id == id; });
    };
    std::erase_if(problem.must_include, [&](std::uint32_t id) { return !known(id); });
    std::erase_if(problem.must_exclude, [&](std::uint32_t id) { return !known(id); });
    return problem;
}

// Shows the solver's best plan; a finished solver is dropped, a stopped one kept.
void stop(OptimizerRun& run) {
    run.running = false;
    run.solution = run.solver->solution();
    run.chosen = run.solution->chosen_ids;
    std::sort(run.chosen.begin(), run.chosen.end());
    if (run.solver->finished()) {
        run.solver.reset();
    }
}

void keep_searching(OptimizerRun& run) {
    run.running = true;
    run.searched_ms = 0.0;
    platform_request_frames();
}

// "within 0.01%": the gap rounded up to one significant step, so it never says less
// than the proven gap.
std::string gap_words(double gap, core::NumberFormat format) {
    int decimals = 4; // 0.0001%
    for (double step = 1e-6; decimals >= 0; step *= 10.0, --decimals) {
        if (gap <= step * (1 + 1e-9)) {
            return core::format_percent(step, decimals, format);
        }
    }
    return core::format_percent(std::ceil(gap * 100.0) / 100.0, 0, format);
}

// The roster the optimizer chooses from: rows without posts (not booked, for instance
// after "Use this plan") are offered with one post, so a plan that was used can be found
// again, and changed, from the whole roster.
core::Scenario offered_roster(const core::Scenario& s) {
    core::Scenario offered = s;
    for (core::Influencer& row : offered.roster) {
        row.posts = std::max(row.posts, 1);
    }
    return offered;
}

void start_run(App& app) {
    OptimizerRun& run = app.ui().optimizer;
    run = OptimizerRun{};
    const core::Scenario offered = offered_roster(app.scenario());
    const auto evaluated = core::evaluate_campaign(core::campaign_inputs(offered));
    if (!evaluated.ok()) {
        run.error = evaluated.error().message;
        return;
    }
    auto solver = core::OptimizerSolver::create(build_problem(offered, evaluated.value()));
    run.version = app.version();
    if (!solver.ok()) {
        run.error = solver.error().message;
        return;
    }
    run.solver.emplace(std::move(solver).value());
    run.started_ms = clock_ms();
    keep_searching(run);
}

void draw_coverage(App& app, const std::vector<std::string>& regions) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    const auto& rules = s.optimizer.coverage;
    std::size_t remove = rules.size();
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const core::RegionCoverage& rule = rules[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("At least");
        ImGui::SameLine();
        int min_hires = rule.min_hires;
        if (ui::int_field("##coverage_min", &min_hires, 0, 100000,
                          {.field = "Minimum hires", .width = 56.0f, .format = format})) {
            app.edit("Edit coverage").optimizer.coverage[i].min_hires = min_hires;
        }
        ImGui::SameLine();
        ImGui::TextUnformatted("from");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(std::max(120.0f, ImGui::GetContentRegionAvail().x - 40.0f));
        if (ui::begin_combo("##coverage_region", rule.region.c_str())) {
            for (const std::string& region : regions) {
                if (ImGui::Selectable(region.c_str(), region == rule.region)) {
                    app.edit("Edit coverage").optimizer.coverage[i].region = region;
                }
            }
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        if (ui::row_button("x", "Remove rule " + std::to_string(i + 1))) {
            remove = i;
        }
        ImGui::PopID();
    }
    if (remove < rules.size()) {
        auto& target = app.edit("Remove coverage rule").optimizer.coverage;
        target.erase(target.begin() + static_cast<std::ptrdiff_t>(remove));
    }
    if (!regions.empty() && ImGui::Button("Add a region rule")) {
        core::RegionCoverage rule;
        rule.region = regions.front();
        rule.min_hires = 1;
        app.edit("Add coverage rule").optimizer.coverage.push_back(rule);
    }
}

} // namespace

void step_optimizer(App& app) {
    OptimizerRun& run = app.ui().optimizer;
    if (!run.running || !run.solver) {
        return;
    }
    const double start = clock_ms();
    // Small slices, checking the clock between them, so one frame stays short.
    while (clock_ms() - start < frame_budget_ms) {
        if (run.solver->step(run.node_budget_per_frame / 4)) {
            break;
        }
    }
    run.searched_ms += clock_ms() - start;
    run.elapsed_ms = clock_ms() - run.started_ms;
    if (run.solver->finished() || run.searched_ms >= core::default_time_limit_ms) {
        stop(run);
    } else {
        platform_keep_animating();
    }
}

void draw_optimizer_panel(App& app) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    const Palette& p = palette();
    OptimizerRun& run = app.ui().optimizer;
    ui::begin_card("##optimizer", "Best plan for the budget",
                   "Which influencers to book so the plan gets the most of one goal within "
                   "the budget. Exact: the answer is proven best.");

    ui::field_label("Goal");
    int objective = static_cast<int>(s.optimizer.objective);
    const char* objectives[] = {"Expected engagements", "Targeted engagements", "People reached",
                                "Conversions"};
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ui::combo("##Goal", &objective, objectives, 4)) {
        app.edit("Change goal").optimizer.objective = static_cast<core::Objective>(objective);
    }
    layout::TileGrid grid(150.0f, 2);
    float w = grid.next();
    ImGui::BeginGroup();
    ui::field_label("At least this many");
    int min_influencers = s.optimizer.min_influencers;
    if (ui::int_field("##Minimum influencers", &min_influencers, 0, 100000,
                      {.field = "Minimum influencers", .width = w, .format = format})) {
        app.edit("Edit minimum influencers").optimizer.min_influencers = min_influencers;
    }
    ImGui::EndGroup();
    w = grid.next();
    ImGui::BeginGroup();
    ui::field_label("Nobody above (share of budget)");
    double share = s.optimizer.max_budget_share;
    if (ui::rate_field("##Maximum share", &share, 0,
                       {.field = "Maximum share of the budget", .width = w, .format = format})) {
        app.edit("Edit maximum share").optimizer.max_budget_share = share;
    }
    ImGui::EndGroup();
    ui::field_label("Region coverage");
    draw_coverage(app, app.ui().planner.regions);
    const std::size_t forced = s.optimizer.must_include.size() + s.optimizer.must_exclude.size();
    if (forced > 0) {
        ui::muted_text(std::to_string(s.optimizer.must_include.size()) + " must be in, " +
                       std::to_string(s.optimizer.must_exclude.size()) +
                       " left out (the Plan column of the roster).");
    } else {
        ui::muted_text("Force someone in or out with the Plan column of the roster.");
    }

    layout::gap(4);
    if (run.running) {
        if (ImGui::Button("Stop")) {
            stop(run);
        }
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        const core::OptimizerSolution progress =
            run.solver ? run.solver->solution() : core::OptimizerSolution{};
        ImGui::Text("Searching... %s plans checked", core::format_count(progress.nodes).c_str());
    } else if (ui::primary_button("Find the best plan")) {
        start_run(app);
    }

    if (!run.error.empty()) {
        ui::coloured_text(p.bad, run.error);
    }
    if (run.solution && !run.running) {
        const core::OptimizerSolution& sol = *run.solution;
        layout::gap(2);
        if (sol.status == core::SolveStatus::infeasible) {
            ui::coloured_text(p.bad, sol.explanation);
        } else {
            const bool stale = run.version != app.version();
            const std::string headline =
                core::format_count(static_cast<std::int64_t>(sol.chosen_ids.size())) +
                (sol.chosen_ids.size() == 1 ? " influencer, " : " influencers, ") +
                core::format_money(sol.total_cost, core::CentsStyle::when_needed, format) + ": " +
                core::format_number(sol.objective, 0, format) + " " +
                std::string(core::objective_name(s.optimizer.objective)) + ".";
            ui::coloured_text(stale ? p.muted : p.good, headline);
            if (sol.status == core::SolveStatus::optimal) {
                ui::muted_text("Proven best (" +
                               (sol.nodes > 0 ? core::format_count(sol.nodes) + " branches, "
                                              : std::string()) +
                               core::format_number(run.elapsed_ms, 0) +
                               " ms). The plan is highlighted in the roster.");
            } else {
                ui::muted_text("Within " + gap_words(sol.gap, format) +
                               " of the best possible plan (no plan can beat " +
                               core::format_number(sol.upper_bound, 0, format) +
                               "). The plan is highlighted in the roster.");
                if (run.solver && !stale) {
                    ImGui::AlignTextToFramePadding();
                    ImGui::TextUnformatted("Keep searching?");
                    ImGui::SameLine();
                    if (ImGui::Button("Keep searching")) {
                        keep_searching(run);
                    }
                }
            }
            for (const std::string& note : sol.notes) {
                ui::muted_text(note);
            }
            if (stale) {
                ui::coloured_text(p.warn, "The inputs changed since this plan was found: run it "
                                          "again.");
            }
            if (!stale && flow::plan_differs(s, run.chosen)) {
                if (ui::primary_button("Use this plan")) {
                    flow::use_plan(app, run.chosen);
                    run.version = app.version(); // the same problem: the plan stays current
                }
                ImGui::SetItemTooltip("Book exactly these influencers: the others keep their "
                                      "row with 0 posts. One undo step.");
            } else if (!stale) {
                ui::muted_text("This plan is booked: the totals and charts show it.");
            }
            bool only = app.ui().planner.only_plan;
            if (ImGui::Checkbox("Show only the plan", &only)) {
                app.ui().planner.only_plan = only;
                app.ui().planner.dirty = true;
            }
        }
    }
    ui::end_card();
}

} // namespace web
