// The "Files" panel: the save indicator, sharing (link, embed code, single file),
// import (file picker, drop, paste) with a preview before anything changes, export
// (CSV, JSON, report), and named scenarios (save, open, rename, delete with undo,
// compare two side by side).
#include "core/campaign.hpp"
#include "core/example_figures.hpp"
#include "core/numbers.hpp"
#include "core/report.hpp"
#include "core/roster_csv.hpp"
#include "core/state_json.hpp"
#include "imgui.h"
#include "web/app/app.hpp"
#include "web/app/layout.hpp"
#include "web/app/plan_flow.hpp"
#include "web/app/results_files.hpp"
#include "web/app/screens.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/browser_platform.hpp"
#include "web/platform/page_links.hpp"
#include "web/platform/page_services.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace web {
namespace {

using ui::money_text;
using ui::optional_money;

bool ends_with(std::string_view text, std::string_view suffix) {
    if (text.size() < suffix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < suffix.size(); ++i) {
        const char a = text[text.size() - suffix.size() + i];
        const char b = suffix[i];
        if (std::tolower(static_cast<unsigned char>(a)) != b) {
            return false;
        }
    }
    return true;
}

core::RosterImportOptions import_options(const core::Scenario& s) {
    core::RosterImportOptions options;
    options.currency = s.assumptions.currency;
    return options;
}

// Recomputes the preview from the table and the (possibly edited) mapping.
void update_preview(App& app) {
    PendingImport& pending = app.ui().import;
    if (!pending.table) {
        return;
    }
    core::RosterImportOptions options = import_options(app.scenario());
    options.default_engagement_rate = pending.default_rate;
    pending.preview = core::preview_roster_import(*pending.table, pending.mapping, options);
}

void start_csv_import(App& app, std::string_view name, std::string_view text) {
    PendingImport& pending = app.ui().import;
    pending = PendingImport{};
    pending.active = true;
    pending.name = std::string(name);
    auto table = core::parse_csv(text);
    if (!table.ok()) {
        pending.error = table.error().message;
        return;
    }
    pending.table = std::move(table).value();
    pending.mapping = core::guess_roster_mapping(pending.table->header);
    update_preview(app);
}

void draw_status(App& app) {
    const Palette& p = palette();
    const Persistence& persistence = app.persistence();
    const std::string_view label = persistence.save_label();
    if (!label.empty()) {
        ui::coloured_text(persistence.save_state() == SaveState::saved ? p.good : p.warn, label);
        if (persistence.save_state() != SaveState::saved) {
            ui::muted_text("Everything still works; download a file to keep your work.");
        }
    }
}

void draw_share(App& app) {
    const Persistence& persistence = app.persistence();
    ImGui::TextUnformatted("Share");
    const std::string link =
        page_base_url() +
        (persistence.fragment().empty() ? std::string() : "#" + persistence.fragment());
    if (ImGui::Button("Copy link")) {
        ImGui::SetClipboardText(link.c_str());
        page_copy_text(link);
        app.ui().status = "The link is on the clipboard: it opens this exact plan.";
    }
    ImGui::SameLine();
    if (ImGui::Button("Get embed code")) {
        app.ui().show_embed = !app.ui().show_embed;
    }
    if (!page_is_single_file()) {
        if (ImGui::GetContentRegionAvail().x > 190.0f) {
            ImGui::SameLine();
        }
        if (ImGui::Button("Download single file")) {
            page_download_single_file(
                "The single-file version could not be downloaded right now; try again online.");
        }
        ImGui::SetItemTooltip("One HTML file that works offline, opened from disk.");
    }
    if (!persistence.fragment_error().empty()) {
        ui::muted_text(persistence.fragment_error());
    }
    if (app.ui().show_embed) {
        const std::string base = page_app_url();
        const std::string fragment =
            persistence.fragment().empty() ? std::string() : "#" + persistence.fragment();
        // embed.js reads the scenario from data-scenario (docs/embedding.md).
        const std::string scenario_attribute =
            persistence.fragment().empty() ? std::string()
                                           : " data-scenario=\"" + persistence.fragment() + "\"";
        const std::string script = "<div data-microreach" + scenario_attribute +
                                   "></div>\n<script async src=\"" + base + "embed.js\"></script>";
        const std::string iframe =
            "<iframe title=\"Microreach influencer campaign calculator\" src=\"" + base +
            "?embed=1" + fragment +
            "\" style=\"width:0;min-width:100%;border:none\" height=\"900\" "
            "loading=\"lazy\"></iframe>";
        ui::muted_text("Script embed (sizes itself):");
        ui::paragraph(script);
        if (ImGui::Button("Copy script embed")) {
            ImGui::SetClipboardText(script.c_str());
            page_copy_text(script);
        }
        ui::muted_text("Plain iframe:");
        ui::paragraph(iframe);
        if (ImGui::Button("Copy iframe")) {
            ImGui::SetClipboardText(iframe.c_str());
            page_copy_text(iframe);
        }
    }
}

void draw_import(App& app) {
    ImGui::TextUnformatted("Import");
    ui::muted_text("A roster from a spreadsheet (CSV) or a saved scenario (JSON): choose a file, "
                   "drop it on the calculator, or paste CSV below.");
    if (ImGui::Button("Open a file")) {
        app.ui().import_new_plan = false; // into this plan
        page_open_file_picker(".csv,.tsv,.txt,.json,text/csv,application/json");
    }
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextMultiline("##Paste CSV", app.ui().paste_buffer, sizeof app.ui().paste_buffer,
                              ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 4.0f));
    if (ui::button("Preview the pasted rows", app.ui().paste_buffer[0] != 0)) {
        app.ui().import_new_plan = false;
        start_csv_import(app, "Pasted text", app.ui().paste_buffer);
    }
}

// The preview, full width under the panel's columns: nothing is applied before the
// user chooses.
void draw_import_preview(App& app) {
    PendingImport& pending = app.ui().import;
    if (!pending.active) {
        return;
    }
    const Palette& p = palette();
    layout::gap(4);
    ui::begin_card("##import_preview", "Import preview: " + pending.name,
                   "Nothing changes until you choose below.");
    if (!pending.error.empty()) {
        ui::coloured_text(p.bad, pending.error);
        if (ImGui::Button("Close")) {
            pending = PendingImport{};
        }
        ui::end_card();
        return;
    }
    // The mapping step: every column, with the field it fills.
    const core::CsvRecord& header = pending.table->header;
    if (pending.mapping.needs_review() || app.ui().import_show_mapping) {
        ui::muted_text("Which column holds what? Unknown columns are ignored unless you choose.");
        const auto& fields = core::roster_fields();
        for (std::size_t c = 0; c < header.cells.size() && c < pending.mapping.columns.size();
             ++c) {
            ImGui::PushID(static_cast<int>(c));
            ImGui::AlignTextToFramePadding();
            const std::string column = core::column_letter(c + 1) + ": " + header.cells[c];
            ImGui::TextUnformatted(column.c_str());
            ImGui::SameLine(std::max(160.0f, ImGui::GetContentRegionAvail().x * 0.4f));
            ImGui::SetNextItemWidth(-FLT_MIN);
            const std::string current(core::roster_field_name(pending.mapping.columns[c]));
            if (ui::begin_combo("##mapping", current.c_str())) {
                for (const core::RosterField field : fields) {
                    const std::string name(core::roster_field_name(field));
                    if (ImGui::Selectable(name.c_str(), field == pending.mapping.columns[c])) {
                        pending.mapping.columns[c] = field;
                        std::erase(pending.mapping.unknown, c);
                        app.ui().import_show_mapping = true;
                        update_preview(app);
                    }
                }
                ImGui::EndCombo();
            }
            ImGui::PopID();
        }
    } else if (ImGui::SmallButton("Check the column mapping")) {
        app.ui().import_show_mapping = true;
    }
    if (!pending.preview) {
        ui::end_card();
        return;
    }
    if (!pending.preview->ok()) {
        ui::coloured_text(p.bad, pending.preview->error().message);
    } else {
        const core::RosterPreview& preview = pending.preview->value();
        const std::string summary =
            core::format_count(static_cast<std::int64_t>(preview.rows.size())) +
            " rows ready to import, " +
            core::format_count(static_cast<std::int64_t>(preview.bad_rows)) + " rows with errors.";
        ui::paragraph(summary);
        // Spreadsheets often lack engagement rates: the user may give one for those rows.
        bool use_default = pending.default_rate.has_value();
        if (ImGui::Checkbox("Rows without an engagement rate get", &use_default)) {
            pending.default_rate = use_default ? std::optional<double>(0.03) : std::nullopt;
            update_preview(app);
        }
        if (pending.default_rate) {
            ImGui::SameLine();
            double rate = *pending.default_rate;
            if (ui::rate_field("##Default engagement rate", &rate, 1,
                               {.field = "Engagement rate",
                                .width = 90.0f,
                                .format = app.scenario().assumptions.number_format})) {
                pending.default_rate = rate;
                update_preview(app);
            }
        }
        if (!preview.fraction_columns.empty()) {
            ui::muted_text("Rates below 1 with no % sign were read as fractions (0.074 = 7.4%).");
        }
        const std::size_t shown = std::min<std::size_t>(preview.errors.size(), 12);
        for (std::size_t i = 0; i < shown; ++i) {
            ui::coloured_text(p.bad, core::describe(preview.errors[i]));
        }
        if (preview.errors.size() > shown) {
            ui::muted_text("and " + std::to_string(preview.errors.size() - shown) + " more.");
        }
        // "New plan from a CSV file" (web/app/plan_bar.cpp): the rows start a blank plan
        // named after the file.
        const bool new_plan = app.ui().import_new_plan;
        const auto apply = [&](core::ImportMode mode) {
            core::Scenario next = new_plan ? core::blank_scenario() : app.scenario();
            auto roster = core::apply_roster_import(next.roster, preview, mode);
            if (!roster.ok()) {
                pending.error = roster.error().message;
                return;
            }
            next.roster = std::move(roster).value();
            if (new_plan) {
                next.title = flow::plan_name_from_file(pending.name);
                app.ui().optimizer = OptimizerRun{};
            }
            const std::size_t count = preview.rows.size();
            app.replace_scenario(std::move(next), new_plan ? "New plan from a CSV" : "Import rows");
            app.ui().status = "Imported " + core::format_count(static_cast<std::int64_t>(count)) +
                              (new_plan ? " rows into a new plan. Undo goes back to what you had."
                                        : " rows. Undo takes them out again.");
            app.set_screen(Screen::planner);
            app.ui().import_new_plan = false;
            pending = PendingImport{};
        };
        if (!preview.rows.empty() && new_plan) {
            char label[96];
            std::snprintf(
                label, sizeof label, "Start a new plan with %s rows",
                core::format_count(static_cast<std::int64_t>(preview.rows.size())).c_str());
            if (ui::primary_button(label)) {
                apply(core::ImportMode::replace);
            }
        } else if (!preview.rows.empty()) {
            char label[96];
            std::snprintf(
                label, sizeof label, "Add %s rows to the roster",
                core::format_count(static_cast<std::int64_t>(preview.rows.size())).c_str());
            if (ui::primary_button(label)) {
                apply(core::ImportMode::append);
            } else {
                ImGui::SameLine();
                if (ImGui::Button("Replace the roster")) {
                    apply(core::ImportMode::replace);
                }
            }
        }
    }
    if (pending.active) {
        if (!pending.preview || !pending.preview->ok() ||
            pending.preview->value().rows.size() > 0) {
            ImGui::SameLine();
        }
        if (ImGui::Button("Cancel import")) {
            pending = PendingImport{};
            app.ui().import_new_plan = false;
        }
    }
    ui::end_card();
}

void draw_export(App& app) {
    const core::Scenario& s = app.scenario();
    ImGui::TextUnformatted("Export");
    core::RosterExportOptions options;
    options.currency = s.assumptions.currency;
    options.decimal_comma = s.assumptions.number_format.decimal_comma;
    options.csv.separator = options.decimal_comma ? ';' : ',';
    options.csv.byte_order_mark = app.ui().export_bom;
    const std::string rows = core::format_count(static_cast<std::int64_t>(s.roster.size())) +
                             (s.roster.size() == 1 ? " influencer" : " influencers");
    if (ImGui::Button("Roster (CSV)")) {
        page_download("microreach-roster.csv", "text/csv;charset=utf-8",
                      core::export_roster_csv(s.roster, options));
        app.ui().status = "Exported microreach-roster.csv: " + rows + ".";
    }
    ImGui::SameLine();
    const Results& r = app.results();
    const bool have_results = r.campaign && r.campaign->ok();
    if (ui::button("Roster with results (CSV)", have_results)) {
        // Planned figures and, for tracked influencers, what their posts did.
        const auto tracked = core::track_results(core::tracking_inputs(s));
        page_download("microreach-results.csv", "text/csv;charset=utf-8",
                      core::export_roster_results_csv(s.roster, r.campaign->value(), options,
                                                      tracked.ok() ? &tracked.value() : nullptr));
        app.ui().status =
            "Exported microreach-results.csv: " + rows + ", planned" +
            (tracked.ok() && !tracked.value().influencers.empty() ? " and tracked figures."
                                                                  : " figures.");
    }
    if (ImGui::GetContentRegionAvail().x > 200.0f) {
        ImGui::SameLine();
    }
    if (ImGui::Button("Whole scenario (JSON)")) {
        page_download("microreach-scenario.json", "application/json",
                      core::export_scenario_json(s, true));
        app.ui().status = "Exported microreach-scenario.json: the whole plan.";
    }
    ImGui::Checkbox("Byte order mark, for Excel", &app.ui().export_bom);
    ImGui::SameLine();
    if (ImGui::Button("Copy the report")) {
        const std::string report = flow::report(app);
        ImGui::SetClipboardText(report.c_str());
        page_copy_text(report);
        app.ui().status = "The report is on the clipboard.";
    }
}

// Another tab saved a different plan: this tab saves nothing until the reader picks
// one; the one not picked is kept under Files, so neither is lost.
void draw_other_tab_choice(App& app) {
    Persistence& persistence = app.persistence();
    if (persistence.save_state() != SaveState::other_tab) {
        return;
    }
    ui::coloured_text(palette().warn, "This plan was changed in another tab. Which version "
                                      "do you want to keep?");
    if (ImGui::Button("Open the other tab's version")) {
        if (const auto theirs = persistence.other_tab_scenario()) {
            app.replace_scenario(*theirs, "Open the other tab's version");
            persistence.resolve_other_tab(*theirs);
            app.ui().status = "Opened the version saved in the other tab. Undo goes back to "
                              "this tab's.";
        } else {
            persistence.resolve_other_tab(app.scenario());
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Keep this tab's version")) {
        if (auto theirs = persistence.other_tab_scenario()) {
            app.library().items.push_back(
                new_saved_scenario("From another tab", std::move(*theirs)));
            app.store_library("Kept this tab's version; the other tab's is under Files, as "
                              "\"From another tab\".");
        }
        persistence.resolve_other_tab(app.scenario());
    }
}

// Saved data that could not be read, kept aside (web/app/persistence.cpp): listed so it
// does not pile up unseen against the storage quota; read when the panel opens.
std::optional<std::vector<Backup>> g_backups;

void draw_backups(App& app) {
    if (!g_backups) {
        g_backups = list_backups();
    }
    if (g_backups->empty()) {
        return;
    }
    ui::muted_text("Damaged saved data kept in this browser:");
    for (std::size_t i = 0; i < g_backups->size(); ++i) {
        const Backup& backup = (*g_backups)[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::AlignTextToFramePadding();
        const std::string line =
            backup.key + " (" +
            core::format_count(static_cast<std::int64_t>((backup.bytes + 1023) / 1024)) + " KB)";
        ImGui::TextUnformatted(line.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Download")) {
            if (const auto text = page_storage_read(backup.key)) {
                page_download("microreach-backup.json", "application/json", *text);
            }
        }
        ImGui::SameLine();
        if (ImGui::SmallButton("Delete")) {
            page_storage_remove(backup.key);
            app.ui().status = "Deleted " + backup.key + ".";
            g_backups.reset(); // `backup` is gone from here on
            ImGui::PopID();
            break;
        }
        ImGui::PopID();
    }
}

void draw_library(App& app) {
    const Palette& p = palette();
    Library& library = app.library();
    ImGui::TextUnformatted("Saved scenarios");
    if (!library.error.empty()) {
        ui::coloured_text(p.warn, library.error);
    }
    ImGui::SetNextItemWidth(std::min(260.0f, ImGui::GetContentRegionAvail().x - 110.0f));
    ImGui::InputTextWithHint("##Scenario name", "Name, e.g. Spring campaign",
                             app.ui().scenario_name, sizeof app.ui().scenario_name);
    ImGui::SameLine();
    if (ui::primary_button("Save as")) {
        std::string name = app.ui().scenario_name;
        if (name.empty()) {
            name = app.scenario().title.empty()
                       ? "Scenario " + std::to_string(library.items.size() + 1)
                       : app.scenario().title;
        }
        library.items.push_back(new_saved_scenario(name, app.scenario()));
        app.store_library("Saved \"" + name + "\".");
        app.ui().scenario_name[0] = 0;
    }
    std::size_t open = library.items.size(), remove = library.items.size();
    for (std::size_t i = 0; i < library.items.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        SavedScenario& item = library.items[i];
        ImGui::AlignTextToFramePadding();
        ImGui::Bullet();
        ImGui::SameLine();
        std::string name = item.name;
        char id[32];
        std::snprintf(id, sizeof id, "##saved_name_%d", static_cast<int>(i + 1));
        if (ui::text_field(
                id, &name,
                {.field = "Name",
                 .width = std::min(220.0f, ImGui::GetContentRegionAvail().x - 130.0f)}) &&
            !name.empty()) {
            item.name = name;
            app.store_library("Renamed.");
        }
        ImGui::SameLine();
        char label[32];
        std::snprintf(label, sizeof label, "Open##open_%d", static_cast<int>(i + 1));
        if (ImGui::SmallButton(label)) {
            open = i;
        }
        ImGui::SameLine();
        std::snprintf(label, sizeof label, "Delete##delete_%d", static_cast<int>(i + 1));
        if (ImGui::SmallButton(label)) {
            remove = i;
        }
        ImGui::PopID();
    }
    if (open < library.items.size()) {
        const std::string name = library.items[open].name;
        app.replace_scenario(library.items[open].scenario, "Open \"" + name + "\"");
        app.ui().status = "Opened \"" + name + "\". Undo goes back to what you had.";
    } else if (remove < library.items.size()) {
        app.ui().deleted_scenario = library.items[remove];
        app.ui().deleted_index = remove;
        library.items.erase(library.items.begin() + static_cast<std::ptrdiff_t>(remove));
        app.store_library("Deleted \"" + app.ui().deleted_scenario->name + "\".");
    }
    if (app.ui().deleted_scenario) {
        const std::string text = "Deleted \"" + app.ui().deleted_scenario->name + "\".";
        ImGui::AlignTextToFramePadding();
        ui::field_label(text);
        ImGui::SameLine();
        if (ImGui::SmallButton("Undo delete")) {
            const std::size_t at = std::min(app.ui().deleted_index, library.items.size());
            library.items.insert(library.items.begin() + static_cast<std::ptrdiff_t>(at),
                                 *app.ui().deleted_scenario);
            app.ui().deleted_scenario.reset();
            app.store_library("Restored.");
        }
    }
}

// Two scenarios side by side: the plan totals of each (the current one or a saved one).
void draw_compare_saved(App& app) {
    const Library& library = app.library();
    if (library.items.empty()) {
        return;
    }
    ImGui::TextUnformatted("Compare two scenarios");
    int& left = app.ui().compare_left;
    int& right = app.ui().compare_right;
    const int count = static_cast<int>(library.items.size()) + 1; // 0 = the current one
    left = std::clamp(left, 0, count - 1);
    right = std::clamp(right, 0, count - 1);
    const auto label_of = [&](int index) {
        return index == 0 ? std::string("Current plan")
                          : library.items[static_cast<std::size_t>(index - 1)].name;
    };
    const auto picker = [&](const char* id, int* value) {
        ImGui::SetNextItemWidth(
            std::min(220.0f, (ImGui::GetContentRegionAvail().x - 10.0f) * 0.5f));
        if (ui::begin_combo(id, label_of(*value).c_str())) {
            for (int i = 0; i < count; ++i) {
                if (ImGui::Selectable(label_of(i).c_str(), i == *value)) {
                    *value = i;
                }
            }
            ImGui::EndCombo();
        }
    };
    picker("##compare_left", &left);
    ImGui::SameLine();
    picker("##compare_right", &right);
    const auto scenario_of = [&](int index) -> const core::Scenario& {
        return index == 0 ? app.scenario()
                          : library.items[static_cast<std::size_t>(index - 1)].scenario;
    };
    // Evaluated when the choice, the current plan or the saved list changes, not per frame.
    SavedComparison& cache = app.ui().saved_comparison;
    if (cache.left != left || cache.right != right || cache.version != app.version() ||
        cache.library_version != app.library_version()) {
        cache.left = left;
        cache.right = right;
        cache.version = app.version();
        cache.library_version = app.library_version();
        cache.a = core::evaluate_campaign(core::campaign_inputs(scenario_of(left)));
        cache.b = core::evaluate_campaign(core::campaign_inputs(scenario_of(right)));
    }
    const auto& a = *cache.a;
    const auto& b = *cache.b;
    if (!a.ok() || !b.ok()) {
        ui::coloured_text(palette().bad, !a.ok() ? a.error().message : b.error().message);
        return;
    }
    const core::NumberFormat format = app.scenario().assumptions.number_format;
    const core::CampaignTotals& ta = a.value().totals;
    const core::CampaignTotals& tb = b.value().totals;
    const auto money = [&](const std::optional<core::Money>& m) {
        return optional_money(m, format);
    };
    struct Row {
        const char* label;
        std::string a, b;
    };
    const Row rows[] = {
        {"Budget", money_text(scenario_of(left).budget, format),
         money_text(scenario_of(right).budget, format)},
        {"Influencers", core::format_count(ta.influencers, format),
         core::format_count(tb.influencers, format)},
        {"Cost", money_text(ta.cost, format), money_text(tb.cost, format)},
        {"Expected engagements", core::format_number(ta.expected_engagements, 0, format),
         core::format_number(tb.expected_engagements, 0, format)},
        {"People reached", core::format_number(ta.estimated_reach, 0, format),
         core::format_number(tb.estimated_reach, 0, format)},
        {"Cost per engagement", money(ta.cost_per_engagement), money(tb.cost_per_engagement)},
        {"Conversions", core::format_number(ta.conversions, 1, format),
         core::format_number(tb.conversions, 1, format)},
        {"ROI", ta.funnel.roi ? core::format_percent(*ta.funnel.roi, 0, format) : std::string("-"),
         tb.funnel.roi ? core::format_percent(*tb.funnel.roi, 0, format) : std::string("-")},
    };
    const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_NoSavedSettings;
    if (ImGui::BeginTable("##scenario_compare", 3, flags)) {
        ImGui::TableSetupColumn("Figure", ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn(label_of(left).c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(label_of(right).c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableHeadersRow();
        for (const Row& row : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.label);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.a.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.b.c_str());
        }
        ImGui::EndTable();
    }
}

} // namespace

void receive_file(App& app, std::string_view name, std::string_view bytes, std::string_view error) {
    if (receive_results_file(app, name, bytes, error)) {
        return; // chosen for "Import results" on the Results screen
    }
    app.ui().show_files = true;
    if (!error.empty()) {
        app.ui().import = PendingImport{};
        app.ui().import.active = true;
        app.ui().import.name = std::string(name);
        app.ui().import.error = std::string(error);
        return;
    }
    const bool json =
        ends_with(name, ".json") ||
        (!bytes.empty() && bytes.find_first_not_of(" \t\r\n") != std::string_view::npos &&
         bytes[bytes.find_first_not_of(" \t\r\n")] == '{');
    if (json) {
        auto scenario = core::import_scenario_json(bytes);
        if (!scenario.ok()) {
            app.ui().import = PendingImport{};
            app.ui().import.active = true;
            app.ui().import.name = std::string(name);
            app.ui().import.error = scenario.error().message;
            return;
        }
        app.replace_scenario(std::move(scenario).value(), "Open " + std::string(name));
        app.ui().status = "Opened " + std::string(name) + ". Undo goes back to what you had.";
        return;
    }
    start_csv_import(app, name, bytes);
}

void receive_storage_change(App& app, std::string_view key) {
    if (key == library_key) {
        // Merged by id on every write, so the stored list is complete: take it.
        app.library() = load_library();
        app.ui().saved_comparison.library_version = ~std::uint64_t{0}; // recompute
        app.ui().status = "Saved scenarios were changed in another tab; the list is up to date.";
    } else if (key.substr(0, autosave_key.size()) == autosave_key) {
        if (app.persistence().check_other_tab()) {
            app.ui().show_files = true;
        }
        g_backups.reset();
    }
}

void draw_files_panel(App& app) {
    ui::begin_card("##files", "Save, share, import, export");
    draw_status(app);
    draw_other_tab_choice(app);
    {
        layout::Columns columns("##files_columns", app.wide());
        columns.next();
        draw_share(app);
        layout::gap(6);
        draw_export(app);
        layout::gap(6);
        draw_library(app);
        draw_backups(app);
        layout::gap(6);
        draw_compare_saved(app);
        columns.next();
        draw_import(app);
    }
    draw_import_preview(app);
    ui::end_card();
}

} // namespace web
