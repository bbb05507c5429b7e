// CSV in and out, as spreadsheets write it (RFC 4180 plus what Excel, LibreOffice and
// Google Sheets actually produce).
//
// Reading: quoted cells may hold separators, doubled quotes ("") and line breaks;
// records end with CRLF, LF or a lone CR; a UTF-8 byte order mark is dropped; the
// separator (comma, semicolon or tab) is detected from the header line unless given;
// blank lines (and lines of only separators) are skipped; trailing empty cells past
// the header's width (trailing separators) are dropped. Text that is not valid UTF-8
// is read as Windows-1252 (Excel's "CSV" on Western Windows) and converted.
// The first non-blank record is the header. Errors name the line (1-based, physical
// lines of the file) and the column (1-based cell number with its spreadsheet letter).
//
// Limits (CsvLimits, enforced with ErrorCode::too_large and a message saying what to
// do): 10 MB of text, 10,000 data rows, 64 columns, 1,000 characters per cell.
//
// Speed: one pass over the text, no backtracking, each byte looked at a constant
// number of times, so time is linear in the input. It is not incremental: a 10 MB
// file is parsed in one call, which takes tens of milliseconds natively and stays
// well under a second in wasm (figures in docs/reliability.md).
//
// Writing: cells are quoted when they hold the separator, a quote, CR, LF, begin or
// end with a space, or begin with U+FEFF (so it is not read as a byte order mark); records end with
// CRLF; an optional UTF-8 byte order mark makes Excel read UTF-8. Formula injection guard: a cell
// that a spreadsheet would run gets one apostrophe in front ("'=SUM(A1)"), so it is shown as
// text instead: one starting with =, tab or CR (after any leading apostrophes), and one
// starting with +, - or @ that holds a call or a link ("(", "|" or "!"). LibreOffice Calc
// evaluates only '=' (tests/e2e/ui-flow.test.mjs opens the exports in it), so handles such
// as "@maya.reads" and phone numbers go out without the apostrophe, which spreadsheets show.
// Plain numbers such as "-12.5" or "-3%" are left alone. unguard_formula() removes one
// apostrophe before any formula-like start (also "'@maya.reads" from earlier versions), and
// guard then unguard gives the original cell back.
//
// Example: parse_csv("Name;Followers\r\n\"Ann; NYC\";1200\r\n") gives separator ';',
// header {"Name", "Followers"} and one row {"Ann; NYC", "1200"} on line 2.
#pragma once

#include "core/error.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace core {

struct CsvLimits {
    std::size_t max_bytes = 10 * 1024 * 1024; // whole text, bytes ("10 MB")
    std::size_t max_rows = 10'000;            // data rows, header and blank lines excluded
    std::size_t max_columns = 64;             // cells per record
    std::size_t max_cell_chars = 1'000;       // characters (UTF-8 code points) per cell
};

struct CsvReadOptions {
    char separator = '\0'; // '\0' = detect from the header line; else ',', ';', '\t', '|' ...
    CsvLimits limits;
};

enum class CsvEncoding { utf8, windows_1252 };

struct CsvRecord {
    std::size_t line = 0;           // physical line where the record starts, 1-based
    std::vector<std::string> cells; // as read, not trimmed
};

struct CsvTable {
    char separator = ',';
    bool had_byte_order_mark = false;
    CsvEncoding encoding = CsvEncoding::utf8; // windows_1252: converted to UTF-8
    CsvRecord header;
    std::vector<CsvRecord> rows; // data rows, blank lines skipped
};

[[nodiscard]] Result<CsvTable> parse_csv(std::string_view text, const CsvReadOptions& options = {});

// The separator parse_csv would pick for this text: the most frequent of comma,
// semicolon and tab outside quotes on the first non-blank line (ties: comma, then
// semicolon, then tab); comma when there is none.
[[nodiscard]] char detect_separator(std::string_view text);

// "A", "B", ... "Z", "AA" for 1-based column numbers, as spreadsheets label them.
[[nodiscard]] std::string column_letter(std::size_t column);

struct CsvWriteOptions {
    char separator = ',';
    bool byte_order_mark = false; // start with EF BB BF (Excel then reads UTF-8)
    bool guard_formulas = true;   // prefix cells a spreadsheet would run with '
};

// One record per inner vector, each ended with CRLF.
[[nodiscard]] std::string write_csv(const std::vector<std::vector<std::string>>& records,
                                    const CsvWriteOptions& options = {});
// One cell, guarded and quoted as write_csv would write it.
[[nodiscard]] std::string csv_cell(std::string_view cell, const CsvWriteOptions& options = {});

// True when a spreadsheet could read the cell as a formula (see above).
[[nodiscard]] bool needs_formula_guard(std::string_view cell);
// The cell with one apostrophe added when needs_formula_guard(cell).
[[nodiscard]] std::string guard_formula(std::string_view cell);
// Removes the apostrophe guard_formula added; other cells are returned unchanged.
[[nodiscard]] std::string_view unguard_formula(std::string_view cell);

} // namespace core
