// Fuzzes the CSV reader (core/csv.hpp) and, on what it reads, the roster import
// (core/roster_csv.hpp). The first byte picks the separator (detect, comma, semicolon,
// tab) and small limits now and then, so the limit paths are reached too.
// Checked promises: every limit holds on the result; writing the table back out and
// reading it again gives the same cells (the writer and reader agree).
#include "core/csv.hpp"
#include "core/roster_csv.hpp"
#include "tests/fuzz/fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

// Reports the failed promise by line, then aborts so libFuzzer saves the input.

std::size_t count_chars(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        count += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1U : 0U;
    }
    return count;
}

void check_limits(const core::CsvTable& table, const core::CsvLimits& limits) {
    check(table.rows.size() <= limits.max_rows);
    check(!table.header.cells.empty());
    auto check_record = [&](const core::CsvRecord& record) {
        check(record.cells.size() <= limits.max_columns);
        for (const auto& cell : record.cells) {
            check(count_chars(cell) <= limits.max_cell_chars);
        }
    };
    check_record(table.header);
    for (const auto& row : table.rows) {
        check_record(row);
    }
}

void check_round_trip(const core::CsvTable& table, const core::CsvLimits& limits) {
    std::vector<std::vector<std::string>> records;
    records.push_back(table.header.cells);
    for (const auto& row : table.rows) {
        records.push_back(row.cells);
    }
    core::CsvWriteOptions write;
    write.separator = table.separator;
    write.guard_formulas = false;
    const std::string text = core::write_csv(records, write);
    core::CsvReadOptions read;
    read.separator = table.separator;
    read.limits = limits;
    read.limits.max_bytes = text.size();
    const auto again = core::parse_csv(text, read);
    check(again.ok());
    check(again.value().header.cells == table.header.cells);
    check(again.value().rows.size() == table.rows.size());
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        check(again.value().rows[r].cells == table.rows[r].cells);
    }
}

bool tame(double rate) {
    return rate == 0.0 || rate >= 1e-9;
}

// Good rows of a preview, exported and imported again, give the same roster.
void check_roster(const core::CsvTable& table, std::uint8_t control) {
    core::RosterImportOptions options;
    options.currency = static_cast<core::Currency>((control >> 4U) % 5U);
    if ((control & 0x08U) != 0) {
        options.default_engagement_rate = 0.05;
    }
    const core::RosterMapping mapping = core::guess_roster_mapping(table.header);
    const auto preview = core::preview_roster_import(table, mapping, options);
    if (!preview.ok()) {
        return;
    }
    check(preview.value().rows.size() + preview.value().bad_rows == table.rows.size());
    const auto roster = core::apply_roster_import({}, preview.value(), core::ImportMode::replace);
    check(roster.ok());
    core::CampaignInputs inputs;
    inputs.roster = roster.value();
    inputs.budget = core::Money{0, options.currency};
    inputs.funnel = core::default_funnel_assumptions(options.currency);
    check(core::evaluate_campaign(inputs).ok());
    core::RosterExportOptions out;
    out.currency = options.currency;
    out.decimal_comma = preview.value().number_format.decimal_comma;
    out.csv.separator = table.separator;
    core::RosterImportOptions again_options = options;
    again_options.decimal_comma = out.decimal_comma;
    const auto again =
        core::preview_roster_csv(core::export_roster_csv(roster.value(), out), again_options);
    check(again.ok());
    bool all_tame = true;
    for (const auto& influencer : roster.value()) {
        all_tame = all_tame && tame(influencer.audience_fit) &&
                   (influencer.engagement_kind != core::EngagementInputKind::rate ||
                    tame(influencer.engagement_value));
    }
    if (!all_tame) {
        return; // rates below 1e-9 may need more than the parser's 64 characters
    }
    check(again.value().errors.empty());
    const auto& rows = again.value().rows;
    check(rows.size() == roster.value().size());
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const auto& a = roster.value()[k];
        const auto& b = rows[k].influencer;
        check(a.name == b.name && a.platform == b.platform && a.followers == b.followers &&
              a.engagement_kind == b.engagement_kind && a.engagement_value == b.engagement_value &&
              a.price_per_post == b.price_per_post && a.posts == b.posts && a.region == b.region &&
              a.niche == b.niche && a.audience_fit == b.audience_fit && a.notes == b.notes);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::uint8_t control = data[0];
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

    core::CsvReadOptions options;
    constexpr char separators[] = {'\0', ',', ';', '\t'};
    options.separator = separators[control & 3U];
    if ((control & 0x04U) != 0) {
        options.limits.max_rows = 3;
        options.limits.max_columns = 4;
        options.limits.max_cell_chars = 8;
    }
    const auto table = core::parse_csv(text, options);
    if (!table.ok()) {
        check(!table.error().message.empty());
        return 0;
    }
    check_limits(table.value(), options.limits);
    check_round_trip(table.value(), options.limits);
    check_roster(table.value(), control);
    return 0;
}
