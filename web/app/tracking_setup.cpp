// The Results screen's "Tracking links and codes" card and the planner's tracking link
// cell (web/app/results_files.hpp): what goes out to the creators before the campaign.
#include "core/numbers.hpp"
#include "core/tracking_links.hpp"
#include "imgui.h"
#include "web/app/app.hpp"
#include "web/app/layout.hpp"
#include "web/app/results_files.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/page_services.hpp"

#include <algorithm>
#include <string>

namespace web {
namespace {

// One editable part of the settings. `field` is the name check_link_settings gives
// its errors ("Content"), so an error shows under the field it is about.
struct SettingField {
    const char* id;
    const char* caption;
    const char* field;
    std::string core::TrackingLinkSettings::*member;
    const char* hint;
};

constexpr SettingField setting_fields[] = {
    {"##Landing page", "Landing page", "Landing page", &core::TrackingLinkSettings::landing_url,
     "https://shop.example/spring"},
    {"##utm_source", "utm_source", "Source", &core::TrackingLinkSettings::source, "{platform}"},
    {"##utm_medium", "utm_medium", "Medium", &core::TrackingLinkSettings::medium, "influencer"},
    {"##utm_campaign", "utm_campaign", "Campaign", &core::TrackingLinkSettings::campaign,
     "{campaign}"},
    {"##utm_content", "utm_content", "Content", &core::TrackingLinkSettings::content, "{handle}"},
    {"##Code pattern", "Discount code", "Code", &core::TrackingLinkSettings::code, "{handle}15"},
};

void draw_setting(App& app, const SettingField& f) {
    const core::TrackingLinkSettings& current = app.scenario().tracking.links;
    ui::field_label(f.caption);
    std::string value = current.*f.member;
    if (!ui::text_field(f.id, &value, {.field = f.field, .width = -FLT_MIN, .hint = f.hint})) {
        return;
    }
    core::TrackingLinkSettings next = current;
    next.*f.member = value;
    // Settings from an older file may be wrong elsewhere: only this field's error blocks it.
    if (const auto error = core::check_link_settings(next); error && error->field == f.field) {
        ui::set_field_error(f.id, value, error->message);
        return;
    }
    app.edit(std::string("Edit tracking ") + f.caption).tracking.links = std::move(next);
}

// Codes for booked influencers who have none, stored with the roster (one undo step),
// then the sheet for the creators.
void export_links(App& app) {
    const core::Scenario& s = app.scenario();
    auto roster = core::assign_discount_codes(s.roster, s.tracking.links, s.title);
    const bool assigned = !std::equal(roster.begin(), roster.end(), s.roster.begin(),
                                      [](const core::Influencer& a, const core::Influencer& b) {
                                          return a.discount_code == b.discount_code;
                                      });
    if (assigned) {
        app.edit("Assign discount codes").roster = std::move(roster);
    }
    const core::Scenario& now = app.scenario();
    const auto links = core::tracking_links(now.roster, now.tracking.links, now.title);
    if (!links.ok()) {
        app.ui().status = links.error().message;
        return;
    }
    core::CsvWriteOptions options; // the formula guard is on
    options.separator = now.assumptions.number_format.decimal_comma ? ';' : ',';
    options.byte_order_mark = app.ui().export_bom;
    page_download("microreach-tracking-links.csv", "text/csv;charset=utf-8",
                  core::export_tracking_csv(links.value(), options));
    const auto count = static_cast<std::int64_t>(links.value().size());
    app.ui().status = "Exported microreach-tracking-links.csv: " + core::format_count(count) +
                      (count == 1 ? " link and code" : " links and codes") +
                      (assigned ? "; the new codes are stored with the roster (undo takes them "
                                  "out)."
                                : ".");
}

} // namespace

std::string tracking_link_text(const core::Scenario& scenario, const core::Influencer& influencer) {
    const auto links = core::tracking_links({influencer}, scenario.tracking.links, scenario.title);
    if (!links.ok() || links.value().empty() || links.value().front().url.empty()) {
        return "-";
    }
    return links.value().front().url;
}

void draw_tracking_setup(App& app) {
    ui::begin_card("##tracking_setup", "Tracking links and codes",
                   "Before the posts go out: a link and a discount code per booked influencer, "
                   "so the shop's and the analytics' exports can be matched back to them.");
    ui::muted_text("Patterns take {handle}, {platform}, {campaign} (the plan's name) and {id}. "
                   "Links are lower case with no spaces; codes are letters and digits.");
    {
        // Landing page, source and medium on the left; campaign, content and code right.
        layout::Columns columns("##tracking_columns", app.wide());
        for (std::size_t i = 0; i < std::size(setting_fields); ++i) {
            if (i % 3 == 0) {
                columns.next();
            }
            draw_setting(app, setting_fields[i]);
        }
    }
    const core::Scenario& s = app.scenario();
    const auto booked = std::find_if(s.roster.begin(), s.roster.end(),
                                     [](const core::Influencer& row) { return row.posts > 0; });
    if (booked == s.roster.end()) {
        ui::muted_text("Book influencers in the planner (posts above 0) to make their links.");
        ui::end_card();
        return;
    }
    const auto example = core::assign_discount_codes({*booked}, s.tracking.links, s.title);
    const std::string link = tracking_link_text(s, *booked);
    ui::muted_text(booked->name + ": " +
                   (link == "-" ? std::string("type a landing page for links") : link) + ", code " +
                   example.front().discount_code);
    if (ui::primary_button("Export links and codes (CSV)")) {
        export_links(app);
    }
    ImGui::SetItemTooltip("One row per booked influencer, to send to the creators. Codes "
                          "still missing are made from the pattern and kept with the roster.");
    ui::end_card();
}

} // namespace web
