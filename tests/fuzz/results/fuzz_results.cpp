// Fuzzes the results import (core/results_import.hpp) and the discount codes it
// matches on (core/tracking_links.hpp). The first byte picks the source (guessed,
// sales, analytics, insights), the currency and the decimal style; the rest is the file.
// Checked promises: every row is counted once by its status; numbers are in range and
// in the plan's currency; matched rows name an influencer of the roster; applying
// with no picks adds exactly the matched rows, and applying the same file again
// replaces them (no doubling); the tracking sums accept what was applied; a code made
// from the text is spreadsheet-safe.
#include "core/results_import.hpp"
#include "core/tracking.hpp"
#include "core/tracking_links.hpp"
#include "tests/fuzz/fuzz_check.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace {

std::vector<core::Influencer> fuzz_roster(core::Currency currency) {
    const char* names[] = {"Ann Lee", "Ben", "Sam Reed", "Sam Reed", "@cara.diaz"};
    const char* platforms[] = {"Instagram", "TikTok", "Instagram", "TikTok", ""};
    std::vector<core::Influencer> roster;
    for (std::uint32_t i = 0; i < 5; ++i) {
        core::Influencer influencer;
        influencer.id = i + 1;
        influencer.name = names[i];
        influencer.platform = platforms[i];
        influencer.followers = 1'000;
        influencer.engagement_value = 0.05;
        influencer.price_per_post = core::Money{10'000, currency};
        roster.push_back(influencer);
    }
    return core::assign_discount_codes(roster, {}, "Spring");
}

void check_code(std::string_view text) {
    const std::string code = core::clean_discount_code(text);
    check(code.size() <= core::max_discount_code_chars);
    check(!core::needs_formula_guard(code));
    check(code.empty() || (code.front() >= 'A' && code.front() <= 'Z'));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::uint8_t control = data[0];
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    check_code(text.substr(0, 64));

    core::ResultsImportOptions options;
    options.campaign_title = "Spring";
    constexpr core::ResultSource sources[] = {
        core::ResultSource::sales, core::ResultSource::analytics, core::ResultSource::insights};
    if ((control & 3U) != 0) {
        options.source = sources[(control & 3U) - 1U];
    }
    options.currency = static_cast<core::Currency>((control >> 2U) % 5U);
    if ((control & 0x40U) != 0) {
        options.decimal_comma = (control & 0x80U) != 0;
    }
    const auto roster = fuzz_roster(options.currency);
    const auto preview = core::preview_results_csv(text, roster, options);
    if (!preview.ok()) {
        check(!preview.error().message.empty());
        return 0;
    }
    const core::ResultsPreview& p = preview.value();
    check(p.matched + p.ambiguous + p.unmatched + p.ignored == p.rows.size());
    check(p.bad_rows <= p.errors.size());
    for (const core::ResultsRow& row : p.rows) {
        const core::ActualResult& r = row.result;
        for (const std::int64_t count : {r.likes, r.comments, r.shares, r.saves, r.clicks,
                                         r.conversions, r.views, r.reach, r.impressions}) {
            check(count >= 0 && count <= core::max_post_count);
        }
        check(r.revenue.currency == options.currency);
        check(r.revenue.cents >= 0 && r.revenue.cents <= core::max_money_cents);
        check(r.source == p.source);
        if (row.status == core::MatchStatus::matched) {
            check(row.candidates.size() == 1 && row.candidates[0] == r.influencer_id);
        }
        if (row.status == core::MatchStatus::ambiguous) {
            check(row.candidates.size() > 1);
        }
    }
    const auto applied = core::apply_results_import({}, p, {}, roster);
    check(applied.ok());
    check(applied.value().added == p.matched);
    const auto again = core::apply_results_import(applied.value().results, p, {}, roster);
    check(again.ok());
    check(again.value().replaced == p.matched);
    check(again.value().results.size() == applied.value().results.size());
    core::TrackingInputs inputs;
    inputs.roster = roster;
    inputs.results = again.value().results;
    inputs.currency = options.currency;
    const auto tracked = core::track_results(inputs);
    check(tracked.ok());
    return 0;
}
