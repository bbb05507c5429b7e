#include "core/csv.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <utility>

namespace core {

namespace detail {
namespace {

constexpr std::string_view csv_field = "CSV file";

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

bool is_blank(std::string_view text) {
    for (const char c : text) {
        if (!is_space(c)) {
            return false;
        }
    }
    return true;
}

// Code points, counted as bytes that do not continue a UTF-8 sequence. The text is
// valid UTF-8 by the time cells are measured (Windows-1252 input is converted first).
std::size_t count_chars(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        count += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1U : 0U;
    }
    return count;
}

std::string with_thousands(std::size_t value) {
    std::string out = std::to_string(value);
    for (std::size_t k = out.size(); k > 3; k -= 3) {
        out.insert(k - 3, 1, ',');
    }
    return out;
}

std::string where(std::size_t line, std::size_t column) {
    return "Line " + std::to_string(line) + ", column " + std::to_string(column) + " (" +
           column_letter(column) + ")";
}

Error csv_error(ErrorCode code, std::string message) {
    return make_error(code, std::string(csv_field), std::move(message));
}

// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        // Eight ASCII bytes at a time: most CSV text is ASCII.
        if (n - i >= 8) {
            std::uint64_t block = 0;
            std::memcpy(&block, text.data() + i, 8);
            if ((block & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const auto b0 = static_cast<unsigned char>(text[i]);
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        std::uint32_t min = 0;
        std::uint32_t code = 0;
        if ((b0 & 0xE0U) == 0xC0U) {
            length = 2;
            min = 0x80;
            code = b0 & 0x1FU;
        } else if ((b0 & 0xF0U) == 0xE0U) {
            length = 3;
            min = 0x800;
            code = b0 & 0x0FU;
        } else if ((b0 & 0xF8U) == 0xF0U) {
            length = 4;
            min = 0x10000;
            code = b0 & 0x07U;
        } else {
            return false;
        }
        if (n - i < length) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            const auto b = static_cast<unsigned char>(text[i + k]);
            if ((b & 0xC0U) != 0x80U) {
                return false;
            }
            code = (code << 6U) | (b & 0x3FU);
        }
        if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            return false;
        }
        i += length;
    }
    return true;
}

// Windows-1252 bytes 0x80..0x9F; the five bytes it leaves undefined map to the C1
// control of the same value, as browsers do.
constexpr std::array<std::uint16_t, 32> cp1252_high{
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

std::string windows_1252_to_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        std::uint32_t code = b;
        if (b >= 0x80 && b <= 0x9F) {
            code = cp1252_high[b - 0x80];
        }
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0U | (code >> 6U));
            out += static_cast<char>(0x80U | (code & 0x3FU));
        } else {
            out += static_cast<char>(0xE0U | (code >> 12U));
            out += static_cast<char>(0x80U | ((code >> 6U) & 0x3FU));
            out += static_cast<char>(0x80U | (code & 0x3FU));
        }
    }
    return out;
}

std::size_t line_of(std::string_view text, std::size_t position) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < position && i < text.size(); ++i) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
            ++line;
        }
    }
    return line;
}

bool is_plain_number(std::string_view text) {
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        ++i;
    }
    const std::size_t digits_start = i;
    while (i < text.size() &&
           ((text[i] >= '0' && text[i] <= '9') || (text[i] == ',' && i > digits_start))) {
        ++i;
    }
    if (i == digits_start) {
        return false;
    }
    if (i < text.size() && text[i] == '.') {
        ++i;
        const std::size_t fraction_start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            ++i;
        }
        if (i == fraction_start) {
            return false;
        }
    }
    if (i < text.size() && text[i] == '%') {
        ++i;
    }
    return i == text.size();
}

class Reader {
public:
    Reader(std::string_view text, char separator, const CsvLimits& limits)
        : text_(text), separator_(separator), limits_(limits) {
        stops_[static_cast<unsigned char>(separator)] = true;
        stops_[static_cast<unsigned char>('\n')] = true;
        stops_[static_cast<unsigned char>('\r')] = true;
    }

    std::optional<Error> run(CsvTable& table) {
        const std::size_t n = text_.size();
        std::vector<std::string> cells;
        bool have_header = false;
        while (i_ < n) {
            const std::size_t record_line = line_;
            cells.clear();
            if (auto error = read_record(cells)) {
                return error;
            }
            bool blank = true;
            for (const auto& cell : cells) {
                blank = blank && is_blank(cell);
            }
            if (blank) {
                continue;
            }
            if (!have_header) {
                while (!cells.empty() && is_blank(cells.back())) {
                    cells.pop_back();
                }
                table.header = CsvRecord{record_line, std::move(cells)};
                have_header = true;
                continue;
            }
            while (cells.size() > table.header.cells.size() && is_blank(cells.back())) {
                cells.pop_back();
            }
            if (table.rows.size() >= limits_.max_rows) {
                return csv_error(ErrorCode::too_large,
                                 "The file has more than " + with_thousands(limits_.max_rows) +
                                     " rows (line " + std::to_string(record_line) +
                                     " is past the limit); split it into smaller files.");
            }
            table.rows.push_back(CsvRecord{record_line, std::move(cells)});
        }
        if (!have_header) {
            return csv_error(ErrorCode::empty,
                             "The file is empty; choose a CSV file with a header line and rows.");
        }
        return std::nullopt;
    }

private:
    // Reads one record starting at i_, leaving i_ after its line break.
    std::optional<Error> read_record(std::vector<std::string>& cells) {
        const std::size_t n = text_.size();
        std::size_t column = 0;
        for (;;) {
            ++column;
            const std::size_t cell_line = line_;
            std::size_t j = i_;
            while (j < n && text_[j] == ' ') {
                ++j;
            }
            std::string_view unquoted;
            bool quoted = false;
            if (j < n && text_[j] == '"') {
                i_ = j;
                quoted = true;
                if (auto error = read_quoted(cell_line, column)) {
                    return error;
                }
            } else {
                const std::size_t start = i_;
                // A character takes at most 4 bytes, so past 4 x the limit the cell is
                // too long whatever it holds: stop scanning there.
                const std::size_t give_up = std::min(n, start + 4 * limits_.max_cell_chars + 4);
                while (i_ < give_up && !stops_[static_cast<unsigned char>(text_[i_])]) {
                    ++i_;
                }
                unquoted = text_.substr(start, i_ - start);
                if (unquoted.size() > limits_.max_cell_chars &&
                    count_chars(unquoted) > limits_.max_cell_chars) {
                    return too_long(cell_line, column);
                }
            }
            if (column > limits_.max_columns) {
                if (!is_blank(quoted ? std::string_view(cell_) : unquoted)) {
                    return csv_error(ErrorCode::too_large,
                                     where(cell_line, column) + ": the file has more than " +
                                         std::to_string(limits_.max_columns) +
                                         " columns; remove the columns you do not need.");
                }
            } else if (quoted) {
                cells.push_back(std::move(cell_));
                cell_.clear();
            } else {
                cells.emplace_back(unquoted);
            }
            if (i_ >= n) {
                return std::nullopt;
            }
            const char c = text_[i_];
            ++i_;
            if (c == separator_) {
                continue;
            }
            if (c == '\r' && i_ < n && text_[i_] == '\n') {
                ++i_;
            }
            ++line_;
            return std::nullopt;
        }
    }

    // Line breaks in text_[start, end): LF, CRLF (counted once) and a lone CR.
    void count_lines(std::size_t start, std::size_t end) {
        const char* base = text_.data();
        for (const char* p = base + start;
             (p = static_cast<const char*>(std::memchr(p, '\n', end - (p - base)))) != nullptr;
             ++p) {
            ++line_;
        }
        for (const char* p = base + start;
             (p = static_cast<const char*>(std::memchr(p, '\r', end - (p - base)))) != nullptr;
             ++p) {
            const auto at = static_cast<std::size_t>(p - base);
            if (at + 1 >= text_.size() || text_[at + 1] != '\n') {
                ++line_;
            }
        }
    }

    // i_ is on the opening quote; the cell goes to cell_.
    std::optional<Error> read_quoted(std::size_t cell_line, std::size_t column) {
        const std::size_t n = text_.size();
        const std::size_t byte_limit = 4 * limits_.max_cell_chars + 4;
        cell_.clear();
        ++i_;
        for (;;) {
            // The run up to the next quote, found and copied in one go.
            const std::size_t start = i_;
            const void* quote = std::memchr(text_.data() + start, '"', n - start);
            const std::size_t end =
                quote != nullptr
                    ? static_cast<std::size_t>(static_cast<const char*>(quote) - text_.data())
                    : n;
            if (cell_.size() + (end - start) > byte_limit) {
                return too_long(cell_line, column); // without copying a huge cell
            }
            cell_.append(text_.substr(start, end - start));
            count_lines(start, end);
            i_ = end;
            if (i_ >= n) {
                return csv_error(
                    ErrorCode::malformed,
                    where(cell_line, column) +
                        ": a quoted cell is never closed; add the closing quote (\").");
            }
            ++i_; // the quote
            if (i_ < n && text_[i_] == '"') {
                cell_ += '"';
                ++i_;
                continue;
            }
            break;
        }
        if (cell_.size() > limits_.max_cell_chars && count_chars(cell_) > limits_.max_cell_chars) {
            return too_long(cell_line, column);
        }
        while (i_ < n && is_space(text_[i_]) && text_[i_] != separator_) {
            ++i_;
        }
        if (i_ < n && text_[i_] != separator_ && text_[i_] != '\n' && text_[i_] != '\r') {
            return csv_error(ErrorCode::malformed,
                             where(line_, column) +
                                 ": text after a closing quote; inside quotes, type a quote "
                                 "twice (\"\"), or put the whole cell in quotes.");
        }
        return std::nullopt;
    }

    Error too_long(std::size_t line, std::size_t column) const {
        return csv_error(ErrorCode::too_large, where(line, column) + ": the cell is longer than " +
                                                   with_thousands(limits_.max_cell_chars) +
                                                   " characters; shorten it.");
    }

    std::string_view text_;
    char separator_;
    CsvLimits limits_;
    std::size_t i_ = 0;
    std::size_t line_ = 1;
    std::string cell_;
    std::array<bool, 256> stops_{}; // bytes that end an unquoted cell
};

} // namespace
} // namespace detail

std::string column_letter(std::size_t column) {
    std::string letters;
    while (column > 0) {
        const std::size_t digit = (column - 1) % 26;
        letters.insert(letters.begin(), static_cast<char>('A' + digit));
        column = (column - 1) / 26;
    }
    return letters;
}

char detect_separator(std::string_view text) {
    constexpr std::array<char, 3> candidates{',', ';', '\t'};
    std::array<std::size_t, 3> counts{};
    bool in_quotes = false;
    bool line_has_content = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"') {
                in_quotes = false; // a doubled quote reopens on the next byte
            }
            continue;
        }
        if (c == '"') {
            in_quotes = true;
            line_has_content = true;
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (line_has_content) {
                break;
            }
            counts = {};
            continue;
        }
        bool separator = false;
        for (std::size_t k = 0; k < candidates.size(); ++k) {
            if (c == candidates[k]) {
                ++counts[k];
                separator = true;
            }
        }
        if (!separator && c != ' ') {
            line_has_content = true;
        }
    }
    std::size_t best = 0;
    for (std::size_t k = 1; k < candidates.size(); ++k) {
        if (counts[k] > counts[best]) {
            best = k;
        }
    }
    return candidates[best];
}

Result<CsvTable> parse_csv(std::string_view text, const CsvReadOptions& options) {
    using detail::csv_error;
    const CsvLimits& limits = options.limits;
    if (text.size() > limits.max_bytes) {
        return csv_error(ErrorCode::too_large,
                         "The file is larger than " +
                             std::to_string(limits.max_bytes / (1024 * 1024)) +
                             " MB; split it into smaller files.");
    }
    if (text.size() >= 2 &&
        ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
        return csv_error(ErrorCode::unsupported,
                         "The file is saved as UTF-16; save it as \"CSV UTF-8\" and try again.");
    }
    CsvTable table;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        table.had_byte_order_mark = true;
        text.remove_prefix(3);
    }
    if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
        const auto position = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
        return csv_error(ErrorCode::malformed,
                         "Line " + std::to_string(detail::line_of(text, position)) +
                             " holds binary data, so this is not a CSV text file; choose a "
                             ".csv file or paste the cells as text.");
    }
    std::string converted;
    if (!detail::is_valid_utf8(text)) {
        converted = detail::windows_1252_to_utf8(text);
        text = converted;
        table.encoding = CsvEncoding::windows_1252;
    }
    char separator = options.separator;
    if (separator == '\0') {
        separator = detect_separator(text);
    } else if (separator == '"' || separator == '\n' || separator == '\r' ||
               static_cast<unsigned char>(separator) >= 0x80) {
        return make_error(ErrorCode::invalid, "Separator",
                          "Separator: choose a comma, semicolon, tab or another single "
                          "punctuation character.");
    }
    table.separator = separator;
    detail::Reader reader(text, separator, limits);
    if (auto error = reader.run(table)) {
        return *error;
    }
    return table;
}

namespace {

// The cell after any leading apostrophes.
std::string_view after_apostrophes(std::string_view cell) {
    std::size_t start = 0;
    while (start < cell.size() && cell[start] == '\'') {
        ++start;
    }
    return cell.substr(start);
}

// Starts the way a formula starts in some spreadsheet (the guard of earlier versions:
// every such cell got an apostrophe). Signed plain numbers are numbers, not formulas.
bool starts_like_formula(std::string_view rest) {
    if (rest.empty()) {
        return false;
    }
    const char c = rest.front();
    if (c == '=' || c == '@' || c == '\t' || c == '\r') {
        return true;
    }
    return (c == '+' || c == '-') && !detail::is_plain_number(rest);
}

} // namespace

bool needs_formula_guard(std::string_view cell) {
    const std::string_view rest = after_apostrophes(cell);
    if (!starts_like_formula(rest)) {
        return false;
    }
    const char c = rest.front();
    if (c == '=' || c == '\t' || c == '\r') {
        return true; // LibreOffice Calc and Excel evaluate '=' even in quotes
    }
    // '+', '-' or '@' first: Excel may take the cell for a formula, LibreOffice Calc does
    // not. Only a call or a link can run anything ("@SUM(...)", "+cmd|' /c calc'!A0"),
    // so "@maya.reads" and "+1 555 0100" go out as they are, without a visible apostrophe.
    return rest.find_first_of("(|!") != std::string_view::npos;
}

std::string guard_formula(std::string_view cell) {
    // A cell that already starts with an apostrophe before a formula-like start gets one
    // more, so that unguard_formula (which also reads files of earlier versions, where
    // "'@maya.reads" was written) gives it back unchanged.
    if (needs_formula_guard(cell) ||
        (!cell.empty() && cell.front() == '\'' && starts_like_formula(after_apostrophes(cell)))) {
        return "'" + std::string(cell);
    }
    return std::string(cell);
}

std::string_view unguard_formula(std::string_view cell) {
    // Leading apostrophes do not change starts_like_formula, so this undoes exactly
    // what guard_formula did and leaves every other cell alone.
    if (!cell.empty() && cell.front() == '\'' && starts_like_formula(after_apostrophes(cell))) {
        return cell.substr(1);
    }
    return cell;
}

std::string csv_cell(std::string_view cell, const CsvWriteOptions& options) {
    std::string text = options.guard_formulas ? guard_formula(cell) : std::string(cell);
    // A cell starting with U+FEFF would be taken for a byte order mark at the start of
    // a file; quoting keeps it a cell.
    bool quote = !text.empty() &&
                 (text.front() == ' ' || text.back() == ' ' || text.rfind("\xEF\xBB\xBF", 0) == 0);
    for (const char c : text) {
        if (c == options.separator || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        return text;
    }
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
    return out;
}

std::string write_csv(const std::vector<std::vector<std::string>>& records,
                      const CsvWriteOptions& options) {
    std::string out;
    if (options.byte_order_mark) {
        out += "\xEF\xBB\xBF";
    }
    for (const auto& record : records) {
        for (std::size_t k = 0; k < record.size(); ++k) {
            if (k != 0) {
                out += options.separator;
            }
            out += csv_cell(record[k], options);
        }
        out += "\r\n";
    }
    return out;
}

} // namespace core
