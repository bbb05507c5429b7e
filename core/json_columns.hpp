// Lists that cross the JavaScript boundary in one piece (docs/api.md, "Large rosters:
// columns"): a typed array or a list of texts comes in as one block of bytes, and a
// result's rows go out as columns of numbers in one buffer. The generic reader and
// writer (core/json_codec.hpp) use these; web/bindings.cpp and api/ make and hand them
// over.
#pragma once

#include "core/schema.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

namespace core::schema {

using json = nlohmann::json;

// A list of described rows may be given as an object of one list per field, and the
// rows of a result written back that way. Lists that crossed from JavaScript in one
// piece (a typed array, a list of texts) stand in the tree as one small JSON binary
// value each, a view of their bytes, never a value per entry: ListColumn reads them. The
// reader treats them as lists everywhere.

// In JSON texts, {"__microreachColumn": k} stands for column k (web/bindings_post.js);
// {"__microreachFlags": k} for a result's column of true/false, as 1/0.
inline constexpr std::string_view column_marker = "__microreachColumn";
inline constexpr std::string_view flags_marker = "__microreachFlags";

// The bytes of a list that crossed in one piece: numbers (doubles), or texts (UTF-8,
// each entry's end offset first). They are kept outside the JSON tree, allocated without
// a zero fill (JavaScript writes them: a zero fill of 10,000 rows' columns cost as much
// as the rest of reading them), and the tree holds a view of them (column_view).
class ColumnBytes {
public:
    static constexpr std::uint8_t numbers = 1, texts = 2; // what the bytes hold
    ColumnBytes(std::uint8_t kind, std::size_t size);     // uninitialized
    ColumnBytes(const ColumnBytes& other);                // copies the bytes
    ColumnBytes& operator=(const ColumnBytes& other);
    ColumnBytes(ColumnBytes&&) noexcept = default;
    ColumnBytes& operator=(ColumnBytes&&) noexcept = default;
    ~ColumnBytes() = default;
    [[nodiscard]] std::uint8_t kind() const { return kind_; }
    [[nodiscard]] std::uint8_t* data() { return bytes_.get(); }
    [[nodiscard]] const std::uint8_t* data() const { return bytes_.get(); }
    [[nodiscard]] std::size_t size() const { return size_; }

private:
    std::unique_ptr<std::uint8_t[]> bytes_;
    std::size_t size_;
    std::uint8_t kind_;
};

// A JSON value that views `column` (a binary of its address and size, subtype its kind):
// valid while `column` lives. api::call keeps the columns for the whole call. A JSON
// text never parses to a binary, so only code that holds the columns makes these.
[[nodiscard]] json column_view(const ColumnBytes& column);

// Reads a column through its view.
class ListColumn {
public:
    // The column `value` views, if it is one.
    [[nodiscard]] static std::optional<ListColumn> of(const json& value);

    [[nodiscard]] bool is_text() const { return text_; }
    [[nodiscard]] std::size_t size() const { return size_; }
    // Inline: the readers' loops call them for every entry (see column_number).
    [[nodiscard, gnu::always_inline]] double number(std::size_t k) const {
        double number = 0.0;
        std::memcpy(&number, bytes_ + k * sizeof(number), sizeof(number));
        return number;
    }
    [[nodiscard, gnu::always_inline]] std::string_view text(std::size_t k) const {
        // [count][end of each entry][the entries' bytes]
        const auto* first = reinterpret_cast<const char*>(bytes_) + (size_ + 1) * 4;
        const std::uint32_t start = k == 0 ? 0 : word(k);
        return {first + start, word(k + 1) - start};
    }

private:
    ListColumn(const std::uint8_t* bytes, std::size_t byte_count, bool text);
    // Word k of a text column's header.
    [[nodiscard, gnu::always_inline]] std::uint32_t word(std::size_t k) const {
        std::uint32_t word = 0;
        std::memcpy(&word, bytes_ + k * sizeof(word), sizeof(word));
        return word;
    }

    const std::uint8_t* bytes_;
    std::size_t size_ = 0;
    bool text_;
};

[[nodiscard]] ColumnBytes number_column(const std::vector<double>& values);
// A text column: `utf8` holds the entries one after another, entry k ends at ends[k].
[[nodiscard]] ColumnBytes text_column(std::string_view utf8,
                                      const std::vector<std::uint32_t>& ends);
// A text column written in place (web/bindings.cpp has JavaScript write its text and
// ends straight into it): `entries` ends, then `utf8_bytes` of text.
class TextColumnSpace {
public:
    TextColumnSpace(std::size_t entries, std::size_t utf8_bytes);
    [[nodiscard]] std::uint32_t* ends(); // entry k ends at byte ends()[k] of utf8()
    [[nodiscard]] char* utf8();
    // The column; ends out of order or past the text are clamped into it.
    [[nodiscard]] ColumnBytes finish() &&;

private:
    ColumnBytes bytes_; // [count][end of each entry][the entries' bytes]
    std::size_t entries_;
    std::size_t utf8_bytes_;
};

// The entries of a list or a ListColumn; nothing for anything else.
[[nodiscard]] std::optional<std::size_t> list_size(const json& value);

// Rows given as columns: the longest list.
[[nodiscard]] std::size_t column_rows(const json& columns);

// A result's number columns, written one after another into one buffer (handed to
// JavaScript in one copy): column k is numbers()[starts[k] .. starts[k + 1]). The buffer
// is left uninitialized until written: 10,000 rows of 22 columns are 1.7 MB, and a zero
// fill of them costs as much as writing them.
class NumberColumns {
public:
    std::vector<std::size_t> starts{0};

    [[nodiscard]] std::size_t size() const { return starts.size() - 1; }
    [[nodiscard]] const double* numbers() const { return numbers_.get(); }
    [[nodiscard]] std::size_t count() const { return starts.back(); }
    [[nodiscard]] std::vector<double> column(std::size_t k) const {
        return {numbers_.get() + starts[k], numbers_.get() + starts[k + 1]};
    }
    // Room for `more` numbers after those written (what a result's rows will need).
    void reserve(std::size_t more);
    // The next column, of `rows` numbers: the caller writes each of them.
    [[nodiscard]] double* add_column(std::size_t rows);
    void drop_last_column() { starts.pop_back(); }

private:
    std::unique_ptr<double[]> numbers_;
    std::size_t capacity_ = 0;
};

} // namespace core::schema
