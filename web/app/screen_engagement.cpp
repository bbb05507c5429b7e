// Screen 1, Engagement: one influencer's followers and engagement in; their rate,
// tier, grade against the chosen benchmark, expected interactions per post and a
// suggested price out, each with its formula; and the chart of engagement against
// followers with the benchmark's tiers and the roster's influencers.
#include "core/formulas.hpp"
#include "core/numbers.hpp"
#include "imgui.h"
#include "web/app/app.hpp"
#include "web/app/charts.hpp"
#include "web/app/layout.hpp"
#include "web/app/screens.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/browser_platform.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace web {
namespace {

ImU32 band_colour(core::GradeBand band) {
    const Palette& p = palette();
    switch (band) {
    case core::GradeBand::well_below:
    case core::GradeBand::below:
        return p.bad;
    case core::GradeBand::typical:
        return p.text;
    case core::GradeBand::above:
    case core::GradeBand::well_above:
        return p.good;
    }
    return p.text;
}

const char* const basis_labels[] = {"Followers", "Reach", "Impressions", "Views"};

void draw_posts(App& app) {
    const core::Scenario& s = app.scenario();
    const core::EngagementInputs& in = s.engagement;
    const core::NumberFormat format = s.assumptions.number_format;
    const bool show_audience = in.basis != core::EngagementBasis::followers;
    struct Column {
        const char* name;
        bool shown;
    };
    const Column columns[] = {{"Likes", in.counted.likes},
                              {"Comments", in.counted.comments},
                              {"Shares", in.counted.shares},
                              {"Saves", in.counted.saves},
                              {basis_labels[static_cast<int>(in.basis)], show_audience}};
    int shown = 0;
    for (const Column& c : columns) {
        shown += c.shown ? 1 : 0;
    }
    if (shown == 0) {
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchSame |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_NoSavedSettings;
    std::size_t remove = in.posts.size();
    if (ImGui::BeginTable("##posts", shown + 2, flags)) {
        ImGui::TableSetupColumn("Post", ImGuiTableColumnFlags_WidthFixed,
                                ImGui::CalcTextSize("Post").x + 4.0f);
        for (const Column& c : columns) {
            if (c.shown) {
                ImGui::TableSetupColumn(c.name);
            }
        }
        ImGui::TableSetupColumn("##remove", ImGuiTableColumnFlags_WidthFixed,
                                ImGui::CalcTextSize("x").x + 16.0f);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < in.posts.size(); ++i) {
            const core::PostInteractions& post = in.posts[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::Text("%d", static_cast<int>(i + 1));
            const std::int64_t* values[] = {&post.likes, &post.comments, &post.shares, &post.saves,
                                            &post.audience};
            for (int c = 0; c < 5; ++c) {
                if (!columns[c].shown) {
                    continue;
                }
                ImGui::TableNextColumn();
                char id[48];
                std::snprintf(id, sizeof id, "##post%d_%s", static_cast<int>(i + 1),
                              c == 4 ? "audience" : columns[c].name);
                std::int64_t value = *values[c];
                if (ui::count_field(
                        id, &value, c == 4 ? 1 : 0, core::max_post_count,
                        {.field = columns[c].name, .format = format, .in_table = true})) {
                    core::PostInteractions& target = app.edit("Edit post").engagement.posts[i];
                    std::int64_t* fields[] = {&target.likes, &target.comments, &target.shares,
                                              &target.saves, &target.audience};
                    *fields[c] = value;
                }
            }
            ImGui::TableNextColumn();
            if (in.posts.size() > 1 &&
                ui::row_button("x", "Remove post " + std::to_string(i + 1))) {
                remove = i;
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (remove < in.posts.size()) {
        auto& posts = app.edit("Remove post").engagement.posts;
        posts.erase(posts.begin() + static_cast<std::ptrdiff_t>(remove));
    }
}

void draw_inputs(App& app) {
    const core::Scenario& s = app.scenario();
    const core::EngagementInputs& in = s.engagement;
    const core::NumberFormat format = s.assumptions.number_format;
    ui::begin_card("##influencer_card", "The influencer",
                   "Type numbers as you like: 12500, 12,500 or 12.5k.");

    ui::field_label("Followers");
    std::int64_t followers = s.engagement_followers;
    if (ui::count_field("##Followers", &followers, 1, core::max_followers,
                        {.field = "Followers", .format = format, .hint = "12,500"})) {
        core::Scenario& target = app.edit("Edit followers");
        target.engagement_followers = followers;
        if (target.engagement.basis == core::EngagementBasis::followers) {
            for (core::PostInteractions& post : target.engagement.posts) {
                post.audience = followers; // by followers, every post has the same audience
            }
        }
    }

    ui::field_label("Engagement rate by");
    int basis = static_cast<int>(in.basis);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ui::combo("##Rate by", &basis, basis_labels, 4)) {
        core::Scenario& target = app.edit("Change basis");
        target.engagement.basis = static_cast<core::EngagementBasis>(basis);
        if (target.engagement.basis == core::EngagementBasis::followers) {
            for (core::PostInteractions& post : target.engagement.posts) {
                post.audience = target.engagement_followers;
            }
        }
    }

    ui::field_label("Interactions that count");
    core::CountedInteractions counted = in.counted;
    bool changed = ImGui::Checkbox("Likes", &counted.likes);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("Comments", &counted.comments);
    if (ImGui::GetContentRegionAvail().x > 260.0f) {
        ImGui::SameLine();
    }
    changed |= ImGui::Checkbox("Shares", &counted.shares);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("Saves", &counted.saves);
    if (changed) {
        app.edit("Change counted interactions").engagement.counted = counted;
    }

    ui::field_label("Recent posts");
    draw_posts(app);
    if (ImGui::Button("Add post")) {
        core::Scenario& target = app.edit("Add post");
        core::PostInteractions post = target.engagement.posts.empty()
                                          ? core::PostInteractions{}
                                          : target.engagement.posts.back();
        if (target.engagement.basis == core::EngagementBasis::followers) {
            post.audience = target.engagement_followers;
        }
        target.engagement.posts.push_back(post);
    }
    int averaging = in.averaging == core::Averaging::mean ? 0 : 1;
    ui::same_line_if_fits("Mean");
    if (ImGui::RadioButton("Mean", averaging == 0) && averaging != 0) {
        app.edit("Average by mean").engagement.averaging = core::Averaging::mean;
    }
    ui::same_line_if_fits("Median");
    if (ImGui::RadioButton("Median", averaging == 1) && averaging != 1) {
        app.edit("Average by median").engagement.averaging = core::Averaging::median;
    }

    ui::field_label("Benchmark");
    const std::vector<core::BenchmarkSet>& sets = s.assumptions.benchmark_sets;
    const core::BenchmarkSet& current = app.results().benchmark;
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ui::begin_combo("##Benchmark", current.name.c_str())) {
        for (const core::BenchmarkSet& set : sets) {
            const bool selected = set.id == current.id;
            const std::string label = set.name + " (" + std::to_string(set.year) + ")";
            if (ImGui::Selectable(label.c_str(), selected) && !selected) {
                app.edit("Choose benchmark").assumptions.benchmark_set_id = set.id;
            }
        }
        ImGui::EndCombo();
    }
    ui::muted_text(current.source + ", " + std::to_string(current.year) + ". " + current.metric +
                   ".");
    ui::end_card();
}

void draw_outputs(App& app) {
    const Results& r = app.results();
    const core::Scenario& s = app.scenario();
    const core::NumberFormat format = s.assumptions.number_format;
    const Palette& p = palette();
    ui::begin_card("##what_it_means", "What it means");

    if (!r.measurement || !r.measurement->ok()) {
        ui::coloured_text(p.bad, r.measurement ? r.measurement->error().message
                                               : std::string("Enter the influencer's numbers."));
        ui::end_card();
        return;
    }
    const core::EngagementResult& m = r.measurement->value();
    const double rate = m.rate;
    layout::TileGrid grid(150.0f, 3);

    const std::string rate_text = core::format_percent(rate, 2, format);
    const std::string how =
        m.counted_label + " / " + m.basis_label +
        (m.post_rates.size() > 1
             ? (s.engagement.averaging == core::Averaging::mean ? ", mean of " : ", median of ") +
                   std::to_string(m.post_rates.size()) + " posts"
             : std::string());
    ui::metric_tile("Engagement rate##tile", "Engagement rate", rate_text, how, m.formula_id,
                    grid.next());

    if (r.grade && r.grade->ok()) {
        const core::Grade& g = r.grade->value();
        const std::string bench = "expected " + core::format_percent(g.benchmark_rate, 1, format) +
                                  " here; tier figure " +
                                  core::format_percent(g.tier_rate, 1, format) +
                                  (g.benchmark_derived ? " (derived)" : "");
        ui::metric_tile("Tier##tile", "Tier", g.tier_name, bench,
                        core::formula_ids::engagement_curve, grid.next());
        const std::string ratio = core::format_number(g.ratio, 2, format) + " x the expected rate";
        ui::metric_tile("Against the benchmark##tile", "Against the benchmark", g.band, ratio,
                        core::formula_ids::benchmark_ratio, grid.next(), band_colour(g.band_kind),
                        core::format_percent(rate, 2, format) + " / " +
                            core::format_percent(g.benchmark_rate, 2, format) + " = " +
                            core::format_number(g.ratio, 2, format));
    } else if (r.grade) {
        ui::metric_tile("Tier##tile", "Tier", "no tier", r.grade->error().message, {}, grid.next());
    }
    if (r.expected_interactions && r.expected_interactions->ok()) {
        const double expected = r.expected_interactions->value();
        const std::string worked = core::format_count(s.engagement_followers, format) + " x " +
                                   core::format_percent(rate, 2, format) + " = " +
                                   core::format_number(expected, 0, format);
        ui::metric_tile("Expected interactions per post##tile", "Interactions per post",
                        core::format_number(expected, 0, format), "expected on each post",
                        core::formula_ids::expected_interactions, grid.next(), 0, worked);
    }
    if (r.price && r.price->ok()) {
        const core::PriceSuggestion& price = r.price->value();
        ui::metric_tile("Suggested price per post##tile", "Price per post",
                        core::format_money(price.price, core::CentsStyle::when_needed, format),
                        price.basis, price.formula_id, grid.next(), 0, price.basis);
    } else if (r.price) {
        ui::metric_tile("Suggested price per post##tile", "Price per post", "n/a",
                        r.price->error().message, {}, grid.next());
    }
    if (s.engagement.basis != core::EngagementBasis::followers) {
        ui::muted_text("Benchmarks and prices assume a rate by followers; this rate is by " +
                       m.basis_label + ".");
    }
    if (r.grade && r.grade->ok()) {
        layout::gap(2);
        ui::paragraph(r.grade->value().summary.c_str());
    }
    ui::end_card();
}

void draw_chart(App& app) {
    const Results& r = app.results();
    const core::Scenario& s = app.scenario();
    ui::begin_card("##engagement_chart_card", "Engagement rate by follower count",
                   "Engagement falls as audiences grow. The line is the benchmark for each tier; "
                   "dots are the influencers in your roster.");
    std::vector<charts::TierBand> tiers;
    tiers.reserve(r.benchmark.tiers.size());
    for (const core::Tier& tier : r.benchmark.tiers) {
        tiers.push_back({tier.name, static_cast<double>(tier.min_followers),
                         tier.max_followers == core::no_follower_limit
                             ? 1e15
                             : static_cast<double>(tier.max_followers),
                         tier.engagement_rate, tier.derived});
    }
    std::vector<charts::RatePoint> points;
    if (r.campaign && r.campaign->ok()) {
        const core::CampaignResult& campaign = r.campaign->value();
        const std::size_t count = std::min<std::size_t>(campaign.rows.size(), 400);
        points.reserve(count + 1);
        for (std::size_t i = 0; i < count && i < s.roster.size(); ++i) {
            if (!campaign.rows[i].valid) {
                continue;
            }
            points.push_back({static_cast<double>(s.roster[i].followers),
                              campaign.rows[i].engagement_rate, s.roster[i].name, false});
        }
    }
    if (r.measurement && r.measurement->ok()) {
        points.push_back({static_cast<double>(s.engagement_followers), r.measurement->value().rate,
                          "This influencer", true});
    }
    charts::engagement_chart("Engagement chart", tiers, points, r.benchmark.name,
                             app.wide() ? 300.0f : 250.0f);
    ui::save_chart_button("microreach-engagement.png");
    ui::end_card();
}

void draw_story(App& app) {
    ui::begin_card("##story", "The article's story",
                   "A toy that helps kids learn to read. One national parenting blogger with "
                   "about a million followers asks $5,000 a post. For the same money you could "
                   "book regional micro bloggers at $100 each: three in New England, three in "
                   "Florida, a couple in the Midwest and more. Small audiences engage far more, "
                   "but a big one reaches more people. Which plan is the better buy? The numbers "
                   "below are the article's; change any of them.");
    if (ui::primary_button("Compare one big with many small")) {
        app.set_screen(Screen::compare);
    }
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize("Open the planner").x + 30.0f) {
        ImGui::NewLine();
    }
    if (ImGui::Button("Open the planner")) {
        app.set_screen(Screen::planner);
    }
    ui::end_card();
}

} // namespace

void draw_engagement_screen(App& app) {
    {
        layout::Columns columns("##engagement_columns", app.wide(), 0.42f);
        columns.next();
        draw_inputs(app);
        columns.next();
        draw_outputs(app);
    }
    layout::gap();
    draw_chart(app);
    layout::gap();
    draw_story(app);
}

} // namespace web
