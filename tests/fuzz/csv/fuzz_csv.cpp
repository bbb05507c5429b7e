// Fuzzes the CSV reader (core/csv.hpp) and, on what it reads, the roster import
// (core/roster_csv.hpp). The first byte picks the separator (detect, comma, semicolon,
// tab) and small limits now and then, so the limit paths are reached too.
// Checked promises: every limit holds on the result; writing the table back out and
// reading it again gives the same cells (the writer and reader agree).
#include "core/csv.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

void check(bool condition) {
    if (!condition) {
        std::abort();
    }
}

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

}  // namespace

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
    return 0;
}
