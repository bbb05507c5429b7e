// Screen 4, Results: what each influencer's posts actually did (typed in per post),
// the ranking by any measure, actual against expected, adopting the actuals as the
// roster's new expectations, and the plain-text report of the whole plan.
#include "core/example_figures.hpp"
#include "core/formulas.hpp"
#include "core/numbers.hpp"
#include "core/report.hpp"
#include "imgui.h"
#include "web/app/app.hpp"
#include "web/app/layout.hpp"
#include "web/app/list_detail.hpp"
#include "web/app/plan_flow.hpp"
#include "web/app/results_columns.hpp"
#include "web/app/results_files.hpp"
#include "web/app/screens.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/page_services.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace web {
namespace {

using ui::money_text;
using ui::optional_money;

void draw_settings(App& app) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    ui::field_label("Interactions that count");
    core::CountedInteractions counted = s.tracking.counted;
    bool changed = ImGui::Checkbox("Likes##tracking", &counted.likes);
    ui::same_line_if_fits("Comments##tracking");
    changed |= ImGui::Checkbox("Comments##tracking", &counted.comments);
    ui::same_line_if_fits("Shares##tracking");
    changed |= ImGui::Checkbox("Shares##tracking", &counted.shares);
    ui::same_line_if_fits("Saves##tracking");
    changed |= ImGui::Checkbox("Saves##tracking", &counted.saves);
    if (changed) {
        app.edit("Change counted interactions").tracking.counted = counted;
    }
    int averaging = s.tracking.averaging == core::Averaging::mean ? 0 : 1;
    ImGui::AlignTextToFramePadding();
    ui::field_label("Per influencer:");
    ui::same_line_if_fits("Mean##tracking");
    if (ImGui::RadioButton("Mean##tracking", averaging == 0) && averaging != 0) {
        app.edit("Average by mean").tracking.averaging = core::Averaging::mean;
    }
    ui::same_line_if_fits("Median##tracking");
    if (ImGui::RadioButton("Median##tracking", averaging == 1) && averaging != 1) {
        app.edit("Average by median").tracking.averaging = core::Averaging::median;
    }
    (void)format;
}

void draw_posts(App& app) {
    const core::Scenario& s = app.scenario();
    const Palette& p = palette();
    ui::begin_card("##tracked_posts", "Tracked posts",
                   "One row per published post: what it got. Type the numbers from the "
                   "platform's statistics and your shop.");
    draw_settings(app);
    const Results& r = app.results();
    results::draw_posts_table(app);
    if (r.tracking && r.tracking->ok()) {
        for (const core::RowError& e : r.tracking->value().errors) {
            ui::coloured_text(p.bad, e.error.message);
        }
    }
    if (!s.roster.empty() && ImGui::Button("Add a tracked post")) {
        // The next influencer in roster order without a tracked post, else the first.
        std::uint32_t id = s.roster.front().id;
        for (const core::Influencer& row : s.roster) {
            const bool tracked =
                std::any_of(s.actuals.begin(), s.actuals.end(),
                            [&](const core::ActualResult& a) { return a.influencer_id == row.id; });
            if (!tracked) {
                id = row.id;
                break;
            }
        }
        core::ActualResult actual;
        actual.influencer_id = id;
        actual.revenue = core::Money::zero(s.budget.currency);
        app.edit("Add tracked post").actuals.push_back(actual);
    }
    ui::end_card();
}

void draw_ranking(App& app) {
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    const Results& r = app.results();
    const Palette& p = palette();
    ui::begin_card("##ranking", "Who delivered",
                   "Actual results per influencer, best first, against what the plan expected.");
    if (!r.tracking) {
        ui::end_card();
        return;
    }
    // Like with like: "against expected" counts what the benchmark counts.
    const core::BenchmarkSet& benchmark = core::active_benchmark_set(s);
    const std::string expected_basis = core::counted_label(core::counts_of(benchmark));
    ui::muted_text("Against expected counts " + expected_basis + ", as the expected rates from " +
                   benchmark.name + " do.");
    if (!r.tracking->ok()) {
        ui::coloured_text(p.bad, r.tracking->error().message);
        ui::end_card();
        return;
    }
    const core::TrackingResult& t = r.tracking->value();
    if (t.influencers.empty()) {
        ui::muted_text("Nothing to rank yet.");
        ui::end_card();
        return;
    }
    int& metric = app.ui().ranking_metric;
    const char* metrics[] = {"Engagement rate",
                             "Interactions per post",
                             "Actual against expected",
                             "Cost per engagement",
                             "Cost per click",
                             "Cost per acquisition",
                             "ROI",
                             "Revenue",
                             "Clicks",
                             "Conversions"};
    ImGui::AlignTextToFramePadding();
    ui::field_label("Rank by");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(240.0f, ui::available_width()));
    ui::combo("##Rank by", &metric, metrics, 10);
    const auto order = core::rank_influencers(t, static_cast<core::TrackingMetric>(metric));

    const core::TrackingTotals& totals = t.totals;
    layout::TileGrid grid(140.0f, 4);
    namespace f = core::formula_ids;
    ui::metric_tile(
        "Tracked posts##tracking", "Tracked posts", core::format_count(totals.posts, format),
        core::format_count(totals.influencers, format) + " influencers", {}, grid.next());
    // Posts nobody has filled in yet say nothing: no ratio, no -100% (core/example_figures.hpp).
    const bool numbers = core::has_tracked_numbers(totals);
    const auto against = numbers ? totals.actual_vs_expected : std::nullopt;
    const auto roi = core::told_roi(totals);
    ui::metric_tile("Against expected##tracking", "Against expected",
                    against ? core::format_percent(*against, 0, format) : std::string("-"),
                    core::format_count(totals.interactions, format) + " interactions",
                    f::actual_engagement_rate, grid.next(),
                    against ? (*against < 1.0 ? p.bad : p.good) : 0);
    ui::metric_tile("Actual CPE##tracking", "Cost per engagement",
                    optional_money(totals.cost_per_engagement, format),
                    money_text(totals.cost, format) + " spent", f::cpe, grid.next());
    ui::metric_tile("Actual ROI##tracking", "ROI",
                    roi ? core::format_percent(*roi, 0, format) : std::string("-"),
                    roi ? money_text(totals.revenue, format) + " revenue"
                        : std::string("enter revenue to see ROI"),
                    f::actual_roi, grid.next(), roi ? (*roi < 0 ? p.bad : p.good) : 0);

    results::draw_ranking_table(app, t, order, expected_basis);

    // Adopting actuals: the roster's expectations move toward what was measured, by the
    // weight of the tracked posts (core::adopt_actuals).
    const int min_posts = s.tracking.adopt_min_posts;
    if (ui::primary_button("Adopt actuals as expectations")) {
        core::AdoptedRoster adopted = core::adopt_actuals(s.roster, t, std::max(1, min_posts));
        core::Scenario next = s;
        next.roster = std::move(adopted.roster);
        app.replace_scenario(std::move(next), "Adopt actuals");
        app.ui().status = "Adopted actuals for " + std::to_string(adopted.changed_ids.size()) +
                          " influencers: each expectation moved toward what they delivered by "
                          "n / (n + 12) for n tracked posts.";
    }
    // Phones: the words and the field wrap to the next line rather than run off the card.
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    ui::same_line_if_room(ImGui::CalcTextSize("after at least").x, spacing);
    ImGui::AlignTextToFramePadding();
    ui::field_label("after at least");
    ui::same_line_if_room(56.0f, spacing);
    int posts = min_posts;
    if (ui::int_field("##Adopt after posts", &posts, 1, 1000,
                      {.field = "Posts before adopting", .width = 56.0f, .format = format})) {
        app.edit("Edit posts before adopting").tracking.adopt_min_posts = posts;
    }
    ui::same_line_if_room(ImGui::CalcTextSize("posts").x, spacing);
    ui::field_label("posts");
    ui::muted_text("One post says little: each expectation moves toward what was measured by "
                   "n / (n + 12) for n tracked posts (one post 1/13 of the way, 12 posts half "
                   "way).");
    ui::end_card();
}

void draw_report(App& app) {
    ui::begin_card("##report", "The plan as text",
                   "For an e-mail or a document: every figure with the formula behind it.");
    if (ImGui::Button("Copy the report")) {
        const std::string report = flow::report(app);
        ImGui::SetClipboardText(report.c_str());
        page_copy_text(report);
        app.ui().status = "The report is on the clipboard.";
    }
    ui::end_card();
}

} // namespace

void draw_results_screen(App& app) {
    draw_tracking_setup(app); // links and codes out, files in (web/app/results_files.hpp)
    layout::gap();
    draw_results_import(app);
    layout::gap();
    draw_posts(app);
    layout::gap();
    draw_ranking(app);
    layout::gap();
    draw_report(app);
}

} // namespace web
