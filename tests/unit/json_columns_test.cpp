// Lists crossing the JavaScript boundary in one piece (core/json_columns.hpp): the bytes
// kept beside the JSON tree and read through views, and a result's number columns in
// one buffer. The API's use of them is in api_test.cpp (ApiColumns).
#include "core/json_codec.hpp"
#include "core/json_columns.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace {

using core::schema::ColumnBytes;
using core::schema::json;
using core::schema::ListColumn;
using core::schema::NumberColumns;

TEST(JsonColumns, AViewReadsTheBytesItWasMadeFrom) {
    const ColumnBytes numbers = core::schema::number_column({1.5, -2, 1e300});
    const auto list = ListColumn::of(core::schema::column_view(numbers));
    ASSERT_TRUE(list.has_value());
    EXPECT_FALSE(list->is_text());
    ASSERT_EQ(list->size(), 3u);
    EXPECT_EQ(list->number(0), 1.5);
    EXPECT_EQ(list->number(2), 1e300);
    // A copy owns its own bytes: a view of it reads the same after the original is gone.
    auto original = std::make_unique<ColumnBytes>(core::schema::text_column("AnnBo", {3, 5}));
    const ColumnBytes copy = *original;
    original.reset();
    const auto texts = ListColumn::of(core::schema::column_view(copy));
    ASSERT_TRUE(texts.has_value());
    EXPECT_EQ(texts->text(0), "Ann");
    EXPECT_EQ(texts->text(1), "Bo");
}

TEST(JsonColumns, OnlyViewsAreColumns) {
    EXPECT_FALSE(ListColumn::of(json::array({1, 2})).has_value());
    // A binary of another size or subtype is not a view.
    EXPECT_FALSE(ListColumn::of(json::binary({1, 2, 3}, ColumnBytes::numbers)).has_value());
    const ColumnBytes numbers = core::schema::number_column({1});
    json other = core::schema::column_view(numbers);
    other.get_binary().set_subtype(7);
    EXPECT_FALSE(ListColumn::of(other).has_value());
}

TEST(JsonColumns, TextColumnEndsAreKeptInsideTheText) {
    core::schema::TextColumnSpace space(3, 4);
    std::memcpy(space.utf8(), "abcd", 4);
    space.ends()[0] = 3;
    space.ends()[1] = 1;  // before the previous end: empty
    space.ends()[2] = 99; // past the text: its end
    const ColumnBytes bytes = std::move(space).finish();
    const auto list = ListColumn::of(core::schema::column_view(bytes));
    ASSERT_TRUE(list.has_value());
    EXPECT_EQ(list->text(0), "abc");
    EXPECT_EQ(list->text(1), "");
    EXPECT_EQ(list->text(2), "d");
}

TEST(JsonColumns, NumberColumnsGrowWithoutLosingEarlierColumns) {
    NumberColumns columns;
    for (std::size_t k = 0; k < 40; ++k) {
        double* column = columns.add_column(k + 1);
        for (std::size_t i = 0; i <= k; ++i) {
            column[i] = static_cast<double>(k * 100 + i);
        }
    }
    ASSERT_EQ(columns.size(), 40u);
    EXPECT_EQ(columns.count(), 40u * 41 / 2);
    EXPECT_EQ(columns.column(0), std::vector<double>{0});
    EXPECT_EQ(columns.column(3), (std::vector<double>{300, 301, 302, 303}));
    EXPECT_EQ(columns.column(39).back(), 3939);
    columns.drop_last_column();
    EXPECT_EQ(columns.size(), 39u);
}

// Amounts of one currency go out as a column of cents; amounts of several as a list of
// amounts, and the column begun for them is dropped from the buffer.
TEST(JsonColumns, AmountsInSeveralCurrenciesAreWrittenAsAList) {
    std::vector<core::RowMetrics> rows(2);
    rows[0].cost = core::Money{1'000, core::Currency::usd};
    rows[1].cost = core::Money{2'000, core::Currency::eur};
    rows[1].cost_per_engagement = core::Money{5, core::Currency::eur};
    NumberColumns sink;
    core::schema::Writer writer(core::schema::Dialect::api, core::Currency::usd);
    writer.columns_for("rows", sink);
    const json out = writer.columns(rows);
    ASSERT_TRUE(out.at("cost").is_array()) << out.dump();
    EXPECT_EQ(out.at("cost").at(1).at("currency"), "EUR");
    // One currency among the amounts present: a column, NaN where there is none.
    const json& per_engagement = out.at("costPerEngagement");
    EXPECT_EQ(per_engagement.at("currency"), "EUR");
    const auto column =
        sink.column(per_engagement.at("cents").at(core::schema::column_marker).get<std::size_t>());
    ASSERT_EQ(column.size(), 2u);
    EXPECT_TRUE(std::isnan(column[0]));
    EXPECT_EQ(column[1], 5);
    // Every column in the buffer is one a marker points to.
    std::size_t markers = 0;
    const auto count = [&](const json& value, const auto& self) -> void {
        if (value.is_object() && value.contains(core::schema::column_marker)) {
            ++markers;
        }
        if (value.is_structured()) {
            for (const json& item : value) {
                self(item, self);
            }
        }
    };
    count(out, count);
    EXPECT_EQ(markers + 1, sink.size()); // + the valid flags
}

} // namespace
