// The Results screen's "Import results" card (web/app/results_files.hpp): a shop,
// analytics or post-insights export, previewed and matched before anything changes.
#include "core/numbers.hpp"
#include "core/results_import.hpp"
#include "core/roster_csv.hpp"
#include "core/tracking.hpp"
#include "imgui.h"
#include "web/app/app.hpp"
#include "web/app/results_files.hpp"
#include "web/app/theme.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/page_services.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>

namespace web {
namespace {

const char* source_text(core::ResultSource source) {
    switch (source) {
    case core::ResultSource::sales:
        return "shop sales by discount code";
    case core::ResultSource::analytics:
        return "web analytics by campaign link";
    case core::ResultSource::insights:
        return "post insights";
    case core::ResultSource::typed:
        break;
    }
    return "typed results";
}

const char* status_text(core::MatchStatus status) {
    switch (status) {
    case core::MatchStatus::matched:
        return "matched";
    case core::MatchStatus::ambiguous:
        return "ambiguous";
    case core::MatchStatus::unmatched:
        return "unmatched";
    case core::MatchStatus::ignored:
        break;
    }
    return "ignored";
}

core::ResultsImportOptions import_options(const core::Scenario& s) {
    core::ResultsImportOptions options;
    options.currency = s.assumptions.currency;
    options.links = s.tracking.links;
    options.campaign_title = s.title;
    return options;
}

// The preview belongs to the plan as it is now (the roster, codes or patterns may have
// changed since the file was chosen): made again after every edit.
const core::Result<core::ResultsPreview>* current_preview(App& app) {
    PendingResultsImport& pending = app.ui().results_import;
    if (!pending.active || !pending.error.empty()) {
        return nullptr;
    }
    if (!pending.preview || pending.version != app.version()) {
        const core::Scenario& s = app.scenario();
        pending.preview = core::preview_results_csv(pending.text, s.roster, import_options(s));
        pending.version = app.version();
    }
    return &*pending.preview;
}

// The influencer a row goes to: the user's pick, else the match, else none (0).
std::uint32_t pick_of(const PendingResultsImport& pending, const core::ResultsRow& row) {
    for (const core::MatchChoice& choice : pending.choices) {
        if (choice.line == row.line) {
            return choice.influencer_id;
        }
    }
    return row.status == core::MatchStatus::matched ? row.result.influencer_id : 0;
}

void set_pick(PendingResultsImport& pending, std::size_t line, std::uint32_t id) {
    std::erase_if(pending.choices, [&](const core::MatchChoice& c) { return c.line == line; });
    pending.choices.push_back({line, id});
}

std::string influencer_label(const core::Scenario& s, std::uint32_t id) {
    for (const core::Influencer& row : s.roster) {
        if (row.id == id) {
            return row.platform.empty() ? row.name : row.name + " (" + row.platform + ")";
        }
    }
    return "Leave out";
}

// What the row would add, in the words of its source.
std::string row_numbers(const core::ResultsRow& row, core::ResultSource source,
                        core::NumberFormat format) {
    const core::ActualResult& r = row.result;
    const auto count = [&](std::int64_t value, const char* unit) {
        return core::format_count(value, format) + " " + unit;
    };
    switch (source) {
    case core::ResultSource::sales:
        return count(r.conversions, "orders") + ", " + ui::money_text(r.revenue, format);
    case core::ResultSource::analytics:
        return count(r.clicks, "sessions");
    default:
        return count(r.likes, "likes") + ", " + count(r.comments, "comments") + ", " +
               count(r.shares, "shares") + ", " + count(r.saves, "saves");
    }
}

// One row of the file: where it came from, what it adds, and who it goes to.
void draw_row(App& app, const core::ResultsPreview& preview, const core::ResultsRow& row) {
    const core::Scenario& s = app.scenario();
    PendingResultsImport& pending = app.ui().results_import;
    const Palette& p = palette();
    const core::NumberFormat format = s.assumptions.number_format;
    const std::string line = "Line " + std::to_string(row.line) + ": " + row.key + " - " +
                             row_numbers(row, preview.source, format);
    ui::paragraph(line);
    const ImU32 colour = row.status == core::MatchStatus::matched   ? p.good
                         : row.status == core::MatchStatus::ignored ? p.muted
                                                                    : p.warn;
    ImGui::AlignTextToFramePadding();
    const float start_x = ImGui::GetCursorPosX();
    ui::coloured_text(colour, status_text(row.status));
    if (row.status == core::MatchStatus::ignored) {
        return; // another campaign's traffic, "(not set)", a totals row
    }
    // The pickers line up whatever the status word.
    ImGui::SameLine(start_x + ImGui::CalcTextSize("unmatched").x + ImGui::GetStyle().ItemSpacing.x);
    const std::uint32_t picked = pick_of(pending, row);
    char id[32];
    std::snprintf(id, sizeof id, "##pick_%zu", row.line);
    ImGui::SetNextItemWidth(std::min(ui::available_width(), 280.0f));
    if (!ui::begin_combo(id, influencer_label(s, picked).c_str())) {
        return;
    }
    // The candidates first (the same handle on two platforms), then everyone else.
    const auto is_candidate = [&](std::uint32_t who) {
        return std::find(row.candidates.begin(), row.candidates.end(), who) != row.candidates.end();
    };
    for (const bool candidates : {true, false}) {
        for (const core::Influencer& influencer : s.roster) {
            if (is_candidate(influencer.id) != candidates) {
                continue;
            }
            ImGui::PushID(static_cast<int>(influencer.id));
            if (ImGui::Selectable(influencer_label(s, influencer.id).c_str(),
                                  picked == influencer.id)) {
                set_pick(pending, row.line, influencer.id);
            }
            ImGui::PopID();
        }
    }
    if (ImGui::Selectable("Leave out", picked == 0)) {
        set_pick(pending, row.line, 0);
    }
    ImGui::EndCombo();
}

void apply(App& app, const core::ResultsPreview& preview) {
    PendingResultsImport& pending = app.ui().results_import;
    const core::Scenario& s = app.scenario();
    auto applied = core::apply_results_import(s.actuals, preview, pending.choices, s.roster);
    if (!applied.ok()) {
        pending.error = applied.error().message;
        return;
    }
    const core::AppliedResults& a = applied.value();
    app.edit("Import results").actuals = a.results;
    std::string status = "Imported " + core::format_count(static_cast<std::int64_t>(a.added)) +
                         " rows of " + source_text(preview.source);
    if (a.replaced > 0) {
        status += ", in place of the " + core::format_count(static_cast<std::int64_t>(a.replaced)) +
                  " from before";
    }
    app.ui().status = status + ". Undo takes them out again.";
    pending = PendingResultsImport{};
}

void draw_preview(App& app, const core::ResultsPreview& preview) {
    const Palette& p = palette();
    PendingResultsImport& pending = app.ui().results_import;
    const auto count = [](std::size_t n) {
        return core::format_count(static_cast<std::int64_t>(n));
    };
    ui::paragraph(pending.name + ": " + source_text(preview.source) + ", matched on " +
                  std::string(core::results_field_name(preview.match_on)) + ".");
    ui::paragraph(count(preview.matched) + " matched, " + count(preview.ambiguous) +
                  " ambiguous, " + count(preview.unmatched) + " unmatched, " +
                  count(preview.ignored) + " ignored, " + count(preview.bad_rows) +
                  " with errors.");
    const std::size_t shown_errors = std::min<std::size_t>(preview.errors.size(), 12);
    for (std::size_t i = 0; i < shown_errors; ++i) {
        ui::coloured_text(p.bad, core::describe(preview.errors[i]));
    }
    if (preview.errors.size() > shown_errors) {
        ui::muted_text("and " + count(preview.errors.size() - shown_errors) + " more.");
    }
    const auto& roster = app.scenario().roster;
    if (preview.source == core::ResultSource::sales &&
        std::none_of(roster.begin(), roster.end(),
                     [](const core::Influencer& row) { return !row.discount_code.empty(); })) {
        ui::muted_text("No influencer has a discount code yet: export the links and codes "
                       "above (or type codes in the planner) to match the shop's rows.");
    }
    if (preview.ambiguous + preview.unmatched > 0) {
        ui::muted_text("Pick the influencer for an ambiguous or unmatched row, or leave it out.");
    }
    // Big exports are summed up above; the rows a user must look at come first.
    constexpr std::size_t max_rows_shown = 200;
    std::size_t shown = 0;
    for (const bool needs_pick : {true, false}) {
        for (const core::ResultsRow& row : preview.rows) {
            const bool open = row.status == core::MatchStatus::ambiguous ||
                              row.status == core::MatchStatus::unmatched;
            if (open != needs_pick || shown == max_rows_shown) {
                continue;
            }
            ++shown;
            ImGui::PushID(static_cast<int>(row.line));
            draw_row(app, preview, row);
            ImGui::PopID();
        }
    }
    if (preview.rows.size() > shown) {
        ui::muted_text("and " + count(preview.rows.size() - shown) + " more rows.");
    }
    std::size_t adding = 0;
    for (const core::ResultsRow& row : preview.rows) {
        adding += pick_of(pending, row) != 0 ? 1 : 0;
    }
    const auto earlier = static_cast<std::size_t>(
        std::count_if(app.scenario().actuals.begin(), app.scenario().actuals.end(),
                      [&](const core::ActualResult& r) { return r.source == preview.source; }));
    if (earlier > 0) {
        ui::muted_text("Applying replaces the " + count(earlier) + " rows of " +
                       source_text(preview.source) + " imported before: nothing is counted twice.");
    }
    char label[96];
    std::snprintf(label, sizeof label, "Apply: import %s rows", count(adding).c_str());
    if (ui::primary_button(label)) {
        apply(app, preview);
        return;
    }
    ImGui::SameLine();
}

} // namespace

bool receive_results_file(App& app, std::string_view name, std::string_view bytes,
                          std::string_view error) {
    PendingResultsImport& pending = app.ui().results_import;
    if (!std::exchange(pending.picking, false) || app.screen() != Screen::results) {
        return false;
    }
    pending = PendingResultsImport{};
    pending.active = true;
    pending.name = std::string(name);
    pending.error = std::string(error);
    pending.text = std::string(bytes);
    return true;
}

void draw_results_import(App& app) {
    const Palette& p = palette();
    ui::begin_card("##results_import", "Import results",
                   "A shop's sales by discount code (Shopify), a web analytics report by "
                   "campaign link (GA4) or post insights (Instagram, TikTok), as CSV. Nothing "
                   "changes until you apply.");
    PendingResultsImport& pending = app.ui().results_import;
    if (ImGui::Button("Choose a results file")) {
        pending.picking = true;
        page_open_file_picker(".csv,.tsv,.txt,text/csv");
    }
    if (pending.active) {
        if (const auto* preview = current_preview(app); preview == nullptr) {
            ui::coloured_text(p.bad, pending.name + ": " + pending.error);
        } else if (!preview->ok()) {
            ui::coloured_text(p.bad, pending.name + ": " + preview->error().message);
        } else {
            draw_preview(app, preview->value());
        }
        // Apply may have ended the import above.
        if (pending.active && ImGui::Button("Cancel import##results")) {
            pending = PendingResultsImport{};
        }
    }
    ui::end_card();
}

void publish_results_state(const App& app, nlohmann::json& out) {
    const UiState& ui = app.ui();
    const PendingResultsImport& pending = ui.results_import;
    nlohmann::json& import = out["resultsImport"] = nlohmann::json::object();
    import["active"] = pending.active;
    if (pending.active) {
        import["name"] = pending.name;
        import["error"] = pending.error;
    }
    if (pending.active && pending.preview && pending.preview->ok()) {
        const core::ResultsPreview& preview = pending.preview->value();
        import["source"] = source_text(preview.source);
        import["matchOn"] = core::results_field_name(preview.match_on);
        import["matched"] = preview.matched;
        import["ambiguous"] = preview.ambiguous;
        import["unmatched"] = preview.unmatched;
        import["ignored"] = preview.ignored;
        import["badRows"] = preview.bad_rows;
        nlohmann::json& errors = import["errors"] = nlohmann::json::array();
        for (const core::ImportRowError& e : preview.errors) {
            errors.push_back(core::describe(e));
        }
        nlohmann::json& rows = import["rows"] = nlohmann::json::array();
        for (const core::ResultsRow& row : preview.rows) {
            rows.push_back({{"line", row.line},
                            {"key", row.key},
                            {"status", status_text(row.status)},
                            {"candidates", row.candidates},
                            {"pick", pick_of(pending, row)}});
        }
    } else if (pending.active && pending.preview) {
        import["error"] = pending.preview->error().message;
    }

    // The ranked results, as the screen shows them (only while they are current).
    const Results& r = app.results();
    if (!r.tracking || !r.tracking->ok() || r.tracking_version != app.version()) {
        return;
    }
    const core::TrackingResult& t = r.tracking->value();
    // Figures that are not defined (no clicks: no cost per click) are left out, not null.
    const auto put = [](nlohmann::json& to, const char* key, const auto& value) {
        if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::optional<core::Money>>) {
            if (value) {
                to[key] = value->cents;
            }
        } else if (value) {
            to[key] = *value;
        }
    };
    const auto figures = [&](nlohmann::json& to, const auto& a) {
        to["posts"] = a.posts;
        to["interactions"] = a.interactions;
        to["clicks"] = a.clicks;
        to["conversions"] = a.conversions;
        to["revenueCents"] = a.revenue.cents;
        to["costCents"] = a.cost.cents;
        put(to, "actualVsExpected", a.actual_vs_expected);
        put(to, "cpeCents", a.cost_per_engagement);
        put(to, "cpcCents", a.cost_per_click);
        put(to, "cpaCents", a.cost_per_acquisition);
        put(to, "roi", a.roi);
        to["beatPlan"] = a.beat_plan;
    };
    nlohmann::json& tracking = out["tracking"] = nlohmann::json::object();
    nlohmann::json& ranked = tracking["ranked"] = nlohmann::json::array();
    const auto metric = static_cast<core::TrackingMetric>(ui.ranking_metric);
    tracking["rankedBy"] = core::tracking_metric_name(metric);
    for (const std::size_t index : core::rank_influencers(t, metric)) {
        const core::InfluencerActuals& a = t.influencers[index];
        nlohmann::json row = {{"id", a.id}, {"name", app.scenario().roster[a.roster_row].name}};
        figures(row, a);
        ranked.push_back(std::move(row));
    }
    figures(tracking["totals"], t.totals);
    tracking["totals"]["influencers"] = t.totals.influencers;
}

} // namespace web
