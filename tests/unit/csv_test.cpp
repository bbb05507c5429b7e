#include "core/csv.hpp"

#include <cstdint>
#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>

namespace {

using core::CsvReadOptions;
using core::ErrorCode;
using core::parse_csv;
using Cells = std::vector<std::string>;

struct ParsedCase {
    const char* name;
    std::string text;
    char separator;                 // expected (detected) separator
    Cells header;                   // expected header cells
    std::vector<Cells> rows;        // expected data rows
    std::vector<std::size_t> lines; // expected start line of each row
};

// Each case states the behaviour the header comment of core/csv.hpp promises.
std::vector<ParsedCase> parsed_cases() {
    return {
        {"plain LF", "a,b\n1,2\n", ',', {"a", "b"}, {{"1", "2"}}, {2}},
        {"CRLF", "a,b\r\n1,2\r\n3,4\r\n", ',', {"a", "b"}, {{"1", "2"}, {"3", "4"}}, {2, 3}},
        {"lone CR", "a,b\r1,2\r", ',', {"a", "b"}, {{"1", "2"}}, {2}},
        {"no final newline", "a,b\n1,2", ',', {"a", "b"}, {{"1", "2"}}, {2}},
        {"quoted separator", "a,b\n\"x,y\",2\n", ',', {"a", "b"}, {{"x,y", "2"}}, {2}},
        {"doubled quote", "a\n\"say \"\"hi\"\"\"\n", ',', {"a"}, {{"say \"hi\""}}, {2}},
        {"newline inside quotes",
         "a,b\n\"line1\nline2\",2\n3,4\n",
         ',',
         {"a", "b"},
         {{"line1\nline2", "2"}, {"3", "4"}},
         {2, 4}},
        {"CRLF inside quotes kept", "a\r\n\"x\r\ny\"\r\n", ',', {"a"}, {{"x\r\ny"}}, {2}},
        {"byte order mark",
         "\xEF\xBB\xBF"
         "a,b\n1,2\n",
         ',',
         {"a", "b"},
         {{"1", "2"}},
         {2}},
        {"semicolon detected", "a;b;c\n1,5;2;3\n", ';', {"a", "b", "c"}, {{"1,5", "2", "3"}}, {2}},
        {"tab detected", "a\tb\n1,000\t2\n", '\t', {"a", "b"}, {{"1,000", "2"}}, {2}},
        {"quoted semicolons ignored by detection",
         "\"a;b;c\",d\n1,2\n",
         ',',
         {"a;b;c", "d"},
         {{"1", "2"}},
         {2}},
        {"blank lines skipped",
         "\n\na,b\n\n1,2\n   \n3,4\n\n",
         ',',
         {"a", "b"},
         {{"1", "2"}, {"3", "4"}},
         {5, 7}},
        {"separator-only lines skipped", "a,b\n,,\n1,2\n", ',', {"a", "b"}, {{"1", "2"}}, {3}},
        {"trailing separators",
         "a,b,\n1,2,\n3,4,,,,\n",
         ',',
         {"a", "b"},
         {{"1", "2"}, {"3", "4"}},
         {2, 3}},
        {"short row kept short", "a,b,c\n1\n", ',', {"a", "b", "c"}, {{"1"}}, {2}},
        {"long row kept long", "a,b\n1,2,3\n", ',', {"a", "b"}, {{"1", "2", "3"}}, {2}},
        {"empty cells in the middle", "a,b,c\n1,,3\n", ',', {"a", "b", "c"}, {{"1", "", "3"}}, {2}},
        {"spaces kept in unquoted cells", "a,b\n 1 , 2\n", ',', {"a", "b"}, {{" 1 ", " 2"}}, {2}},
        {"space before and after quotes",
         "a,b\n \"x,y\" ,2\n",
         ',',
         {"a", "b"},
         {{"x,y", "2"}},
         {2}},
        {"quote inside unquoted cell", "a\n5\" tall\n", ',', {"a"}, {{"5\" tall"}}, {2}},
        {"empty quoted cell", "a,b\n\"\",2\n", ',', {"a", "b"}, {{"", "2"}}, {2}},
        {"UTF-8 kept", "name\nJos\xC3\xA9\n", ',', {"name"}, {{"Jos\xC3\xA9"}}, {2}},
        {"windows-1252 converted",
         "name\nJos\xE9 \x80\n",
         ',',
         {"name"},
         {{"Jos\xC3\xA9 \xE2\x82\xAC"}},
         {2}},
        {"header only", "a,b\n", ',', {"a", "b"}, {}, {}},
    };
}

TEST(CsvTest, ParsesEdgeCaseTable) {
    for (const auto& c : parsed_cases()) {
        SCOPED_TRACE(c.name);
        const auto result = parse_csv(c.text);
        ASSERT_TRUE(result.ok()) << result.error().message;
        const auto& table = result.value();
        EXPECT_EQ(table.separator, c.separator);
        EXPECT_EQ(table.header.cells, c.header);
        ASSERT_EQ(table.rows.size(), c.rows.size());
        for (std::size_t r = 0; r < c.rows.size(); ++r) {
            EXPECT_EQ(table.rows[r].cells, c.rows[r]) << "row " << r;
            EXPECT_EQ(table.rows[r].line, c.lines[r]) << "row " << r;
        }
    }
}

struct ErrorCase {
    const char* name;
    std::string text;
    ErrorCode code;
    std::string message;
};

TEST(CsvTest, ReportsErrorsWithLineAndColumn) {
    const std::vector<ErrorCase> cases = {
        {"empty", "", ErrorCode::empty,
         "The file is empty; choose a CSV file with a header line and rows."},
        {"only blank lines", "\n \n\r\n", ErrorCode::empty,
         "The file is empty; choose a CSV file with a header line and rows."},
        {"unclosed quote", "a,b\n1,\"open\n2,3\n", ErrorCode::malformed,
         "Line 2, column 2 (B): a quoted cell is never closed; add the closing quote (\")."},
        {"text after closing quote", "a,b\n\"x\"y,2\n", ErrorCode::malformed,
         "Line 2, column 1 (A): text after a closing quote; inside quotes, type a quote twice "
         "(\"\"), or put the whole cell in quotes."},
        {"binary", std::string("a,b\n1,2\n\x01\x00\x02", 11), ErrorCode::malformed,
         "Line 3 holds binary data, so this is not a CSV text file; choose a .csv file or "
         "paste the cells as text."},
        {"UTF-16",
         std::string("\xFF\xFE"
                     "a\0,\0",
                     6),
         ErrorCode::unsupported,
         "The file is saved as UTF-16; save it as \"CSV UTF-8\" and try again."},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const auto result = parse_csv(c.text);
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error().code, c.code);
        EXPECT_EQ(result.error().field, "CSV file");
        EXPECT_EQ(result.error().message, c.message);
    }
}

TEST(CsvTest, SeparatorOverride) {
    CsvReadOptions options;
    options.separator = ';';
    const auto result = parse_csv("a,b;c\n1,2;3\n", options);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.value().header.cells, (Cells{"a,b", "c"}));
    EXPECT_EQ(result.value().rows[0].cells, (Cells{"1,2", "3"}));

    options.separator = '"';
    const auto bad = parse_csv("a\n", options);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::invalid);
    EXPECT_EQ(bad.error().field, "Separator");
}

TEST(CsvTest, ReportsEncodingAndByteOrderMark) {
    const auto utf8 = parse_csv("\xEF\xBB\xBFx\n1\n");
    ASSERT_TRUE(utf8.ok());
    EXPECT_TRUE(utf8.value().had_byte_order_mark);
    EXPECT_EQ(utf8.value().encoding, core::CsvEncoding::utf8);
    const auto latin = parse_csv("x\n\xE9\n");
    ASSERT_TRUE(latin.ok());
    EXPECT_FALSE(latin.value().had_byte_order_mark);
    EXPECT_EQ(latin.value().encoding, core::CsvEncoding::windows_1252);
}

TEST(CsvTest, DetectsSeparator) {
    EXPECT_EQ(core::detect_separator("a,b,c"), ',');
    EXPECT_EQ(core::detect_separator("a;b;c\n1,2,3,4,5"), ';');
    EXPECT_EQ(core::detect_separator("a\tb;c\td"), '\t');
    EXPECT_EQ(core::detect_separator("a;b,c"), ','); // tie: comma first
    EXPECT_EQ(core::detect_separator("single"), ',');
    EXPECT_EQ(core::detect_separator("\n\n  \na;b"), ';');
    EXPECT_EQ(core::detect_separator(";;;\na\tb"), '\t'); // separator-only line is blank
}

TEST(CsvTest, ColumnLetters) {
    EXPECT_EQ(core::column_letter(1), "A");
    EXPECT_EQ(core::column_letter(26), "Z");
    EXPECT_EQ(core::column_letter(27), "AA");
    EXPECT_EQ(core::column_letter(52), "AZ");
    EXPECT_EQ(core::column_letter(53), "BA");
    EXPECT_EQ(core::column_letter(702), "ZZ");
    EXPECT_EQ(core::column_letter(703), "AAA");
}

// ---- limits ---------------------------------------------------------------------

TEST(CsvTest, RejectsFileOverTenMegabytes) {
    const std::string text(10 * 1024 * 1024 + 1, 'a');
    const auto result = parse_csv(text);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::too_large);
    EXPECT_EQ(result.error().message,
              "The file is larger than 10 MB; split it into smaller files.");
}

TEST(CsvTest, AcceptsExactlyTenThousandRowsAndRejectsMore) {
    std::string text = "name,followers\n";
    for (int r = 0; r < 10'000; ++r) {
        text += "n" + std::to_string(r) + ",100\n";
    }
    const auto at_limit = parse_csv(text);
    ASSERT_TRUE(at_limit.ok());
    EXPECT_EQ(at_limit.value().rows.size(), 10'000U);
    text += "\n\nlast,1\n";
    const auto over = parse_csv(text);
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code, ErrorCode::too_large);
    EXPECT_EQ(over.error().message,
              "The file has more than 10,000 rows (line 10004 is past the limit); split it into "
              "smaller files.");
}

TEST(CsvTest, CellLengthLimitCountsCharactersNotBytes) {
    const std::string e_acute = "\xC3\xA9";
    std::string at_limit;
    for (int k = 0; k < 1000; ++k) {
        at_limit += e_acute; // 1,000 characters, 2,000 bytes
    }
    EXPECT_TRUE(parse_csv("a\n" + at_limit + "\n").ok());
    EXPECT_TRUE(parse_csv("a\n\"" + at_limit + "\"\n").ok());

    const auto over = parse_csv("a,b\n1," + at_limit + "x\n");
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code, ErrorCode::too_large);
    EXPECT_EQ(over.error().message,
              "Line 2, column 2 (B): the cell is longer than 1,000 characters; shorten it.");

    const auto quoted = parse_csv("a\n\"" + std::string(999, 'q') + "\"\"\"\"\"\n");
    ASSERT_FALSE(quoted.ok()); // 999 + two doubled quotes = 1,001 characters
    EXPECT_EQ(quoted.error().code, ErrorCode::too_large);
}

TEST(CsvTest, ColumnLimit) {
    std::string header;
    for (int k = 1; k <= 64; ++k) {
        header += "c" + std::to_string(k) + (k < 64 ? "," : "");
    }
    EXPECT_TRUE(parse_csv(header + "\n1\n").ok());
    // Many trailing empty cells (a spreadsheet's formatted but empty columns) are fine.
    const auto trailing =
        parse_csv(header + std::string(500, ',') + "\n1" + std::string(500, ',') + "\n");
    ASSERT_TRUE(trailing.ok());
    EXPECT_EQ(trailing.value().header.cells.size(), 64U);
    EXPECT_EQ(trailing.value().rows[0].cells.size(), 64U);

    const auto over = parse_csv(header + ",c65\n");
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code, ErrorCode::too_large);
    EXPECT_EQ(over.error().message,
              "Line 1, column 65 (BM): the file has more than 64 columns; remove the columns you "
              "do not need.");
}

TEST(CsvTest, LimitsAreConfigurable) {
    CsvReadOptions options;
    options.limits.max_rows = 2;
    EXPECT_TRUE(parse_csv("a\n1\n2\n", options).ok());
    EXPECT_FALSE(parse_csv("a\n1\n2\n3\n", options).ok());
    options.limits.max_cell_chars = 3;
    EXPECT_FALSE(parse_csv("a\nabcd\n", options).ok());
}

TEST(CsvTest, LargeInputIsLinear) {
    // Not timed (no timed unit tests): checks a 9 MB file with long quoted cells and
    // many line breaks parses completely; speed is measured in docs/reliability.md.
    std::string text = "name,notes,followers\n";
    const std::string notes(490, 'x');
    for (int r = 0; text.size() < 9 * 1024 * 1024; ++r) {
        text += "\"n" + std::to_string(r) + "\",\"" + notes + "\n" + notes + "\",1200\r\n";
    }
    const auto result = parse_csv(text);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_GT(result.value().rows.size(), 5000U);
    EXPECT_EQ(result.value().rows[1].line, 4U); // each record spans two lines
}

// ---- writing --------------------------------------------------------------------

TEST(CsvTest, WritesQuotedCellsWithCrlf) {
    const std::vector<Cells> records = {
        {"name", "notes"}, {"Ann, NYC", "say \"hi\""}, {"Bo", "two\nlines"}, {" pad", ""}};
    EXPECT_EQ(core::write_csv(records),
              "name,notes\r\n\"Ann, NYC\",\"say \"\"hi\"\"\"\r\nBo,\"two\nlines\"\r\n\" "
              "pad\",\r\n");
    core::CsvWriteOptions options;
    options.byte_order_mark = true;
    options.separator = ';';
    EXPECT_EQ(core::write_csv({{"a;b", "c,d"}}, options), "\xEF\xBB\xBF\"a;b\";c,d\r\n");
}

TEST(CsvTest, QuotesACellThatLooksLikeAByteOrderMark) {
    // Found by fuzzing: a header cell holding U+FEFF, written first in the file, was
    // read back as a byte order mark and lost.
    const std::vector<Cells> records = {{"\xEF\xBB\xBF"}, {"x"}};
    const std::string text = core::write_csv(records);
    EXPECT_EQ(text, "\"\xEF\xBB\xBF\"\r\nx\r\n");
    const auto parsed = parse_csv(text);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed.value().header.cells, records[0]);
}

TEST(CsvTest, GuardsFormulas) {
    struct Case {
        std::string cell;
        std::string written;
    };
    const std::vector<Case> cases = {
        {"=SUM(A1:A9)", "'=SUM(A1:A9)"},
        // '+', '-', '@' first: only a call or a link can run (LibreOffice Calc runs none).
        {"+1+2", "+1+2"},
        {"-1+2", "-1+2"},
        {"@maya.reads", "@maya.reads"},
        {"+1 555 0100", "+1 555 0100"},
        {"@SUM(1+1)", "'@SUM(1+1)"},
        {"+HYPERLINK(\"x\")", "\"'+HYPERLINK(\"\"x\"\")\""},
        {"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
        {"\tx", "'\tx"},
        {"\rx", "\"'\rx\""},
        {"'=x", "''=x"},       // already one apostrophe: still gets one more
        {"'@maya", "''@maya"}, // so that unguarding gives it back
        {"-12.5", "-12.5"},
        {"+3%", "+3%"},
        {"-1,234.50", "\"-1,234.50\""},
        {"-", "-"},
        {"plain", "plain"},
        {"a=b", "a=b"},
        {"'", "'"},
        {"", ""},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.cell);
        EXPECT_EQ(core::csv_cell(c.cell), c.written);
        EXPECT_EQ(core::unguard_formula(core::guard_formula(c.cell)), c.cell);
    }
    core::CsvWriteOptions off;
    off.guard_formulas = false;
    EXPECT_EQ(core::csv_cell("=1", off), "=1");
    EXPECT_EQ(core::unguard_formula("'plain"), "'plain");
    EXPECT_EQ(core::unguard_formula("'-5"), "'-5");
    // Files of earlier versions guarded every handle: their apostrophe comes off.
    EXPECT_EQ(core::unguard_formula("'@maya.reads"), "@maya.reads");
}

TEST(CsvTest, WriteThenReadGivesTheSameCells) {
    // Seeded random cells drawn from the characters that matter to CSV.
    std::mt19937_64 engine(20240601);
    const std::string alphabet = "ab ,;\t\"\r\n'=+-@1.%\xC3\xA9";
    for (int trial = 0; trial < 200; ++trial) {
        std::vector<Cells> records;
        const std::size_t columns = 2 + engine() % 4;
        Cells header;
        for (std::size_t c = 0; c < columns; ++c) {
            header.push_back("h" + std::to_string(c));
        }
        records.push_back(header);
        const std::size_t rows = 1 + engine() % 6;
        for (std::size_t r = 0; r < rows; ++r) {
            Cells row;
            for (std::size_t c = 0; c < columns; ++c) {
                std::string cell;
                const std::size_t length = engine() % 8;
                for (std::size_t k = 0; k < length; ++k) {
                    const std::size_t pick = engine() % (alphabet.size() - 1);
                    if (alphabet[pick] == '\xC3') {
                        cell += "\xC3\xA9";
                    } else if (alphabet[pick] != '\xA9') {
                        cell += alphabet[pick];
                    }
                }
                row.push_back(cell);
            }
            row.front() = "r" + row.front(); // never a blank record
            records.push_back(row);
        }
        core::CsvWriteOptions write;
        write.separator = (trial % 3 == 0) ? ',' : (trial % 3 == 1 ? ';' : '\t');
        write.byte_order_mark = trial % 2 == 0;
        const std::string text = core::write_csv(records, write);
        const auto parsed = parse_csv(text);
        ASSERT_TRUE(parsed.ok()) << parsed.error().message;
        ASSERT_EQ(parsed.value().separator, write.separator);
        ASSERT_EQ(parsed.value().rows.size(), rows);
        for (std::size_t r = 0; r < rows; ++r) {
            const Cells& expected = records[r + 1];
            const Cells& got = parsed.value().rows[r].cells;
            // Trailing blank cells are dropped only past the header's width, so the
            // count matches; each cell comes back exactly after unguarding.
            ASSERT_EQ(got.size(), expected.size());
            for (std::size_t c = 0; c < got.size(); ++c) {
                EXPECT_EQ(core::unguard_formula(got[c]), expected[c]);
            }
        }
    }
}

} // namespace
