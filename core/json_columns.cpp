#include "core/json_columns.hpp"

#include <algorithm>
#include <array>

namespace core::schema {

ColumnBytes::ColumnBytes(std::uint8_t kind, std::size_t size)
    : bytes_(new std::uint8_t[std::max<std::size_t>(size, 1)]), size_(size), kind_(kind) {}

ColumnBytes::ColumnBytes(const ColumnBytes& other) : ColumnBytes(other.kind_, other.size_) {
    std::copy_n(other.data(), size_, data());
}

ColumnBytes& ColumnBytes::operator=(const ColumnBytes& other) {
    return *this = ColumnBytes(other);
}

json column_view(const ColumnBytes& column) {
    const std::array<std::uintptr_t, 2> view{reinterpret_cast<std::uintptr_t>(column.data()),
                                             column.size()};
    std::vector<std::uint8_t> bytes(sizeof view);
    std::memcpy(bytes.data(), view.data(), sizeof view);
    return json::binary(std::move(bytes), column.kind());
}

std::optional<ListColumn> ListColumn::of(const json& value) {
    if (!value.is_binary()) {
        return std::nullopt;
    }
    const auto& binary = value.get_binary();
    std::array<std::uintptr_t, 2> view{};
    if (!binary.has_subtype() || binary.size() != sizeof view ||
        (binary.subtype() != ColumnBytes::numbers && binary.subtype() != ColumnBytes::texts)) {
        return std::nullopt;
    }
    std::memcpy(view.data(), binary.data(), sizeof view);
    return ListColumn(reinterpret_cast<const std::uint8_t*>(view[0]), view[1],
                      binary.subtype() == ColumnBytes::texts);
}

ListColumn::ListColumn(const std::uint8_t* bytes, std::size_t byte_count, bool text)
    : bytes_(bytes), text_(text) {
    size_ = text ? word(0) : byte_count / sizeof(double);
}

ColumnBytes number_column(const std::vector<double>& values) {
    ColumnBytes column(ColumnBytes::numbers, values.size() * sizeof(double));
    std::memcpy(column.data(), values.data(), column.size());
    return column;
}

void NumberColumns::reserve(std::size_t more) {
    const std::size_t needed = count() + more;
    if (needed <= capacity_) {
        return;
    }
    std::unique_ptr<double[]> grown(new double[needed]); // uninitialized: written after
    std::copy_n(numbers_.get(), count(), grown.get());
    numbers_ = std::move(grown);
    capacity_ = needed;
}

double* NumberColumns::add_column(std::size_t rows) {
    if (rows > capacity_ - count()) {
        reserve(std::max(rows, count())); // at least doubles: columns added one by one
    }
    double* column = numbers_.get() + count();
    starts.push_back(count() + rows);
    return column;
}

TextColumnSpace::TextColumnSpace(std::size_t entries, std::size_t utf8_bytes)
    : bytes_(ColumnBytes::texts, (entries + 1) * 4 + utf8_bytes), entries_(entries),
      utf8_bytes_(utf8_bytes) {
    const auto count = static_cast<std::uint32_t>(entries);
    std::memcpy(bytes_.data(), &count, 4);
}

std::uint32_t* TextColumnSpace::ends() {
    // Word-aligned: the storage is, and the ends start one word in.
    return reinterpret_cast<std::uint32_t*>(bytes_.data() + 4);
}

char* TextColumnSpace::utf8() {
    return reinterpret_cast<char*>(bytes_.data() + (entries_ + 1) * 4);
}

ColumnBytes TextColumnSpace::finish() && {
    std::uint32_t previous = 0;
    for (std::size_t k = 0; k < entries_; ++k) {
        // Kept inside the bytes and in order whatever the caller wrote.
        std::uint32_t end = 0;
        std::memcpy(&end, bytes_.data() + (k + 1) * 4, 4);
        previous = std::clamp(end, previous, static_cast<std::uint32_t>(utf8_bytes_));
        std::memcpy(bytes_.data() + (k + 1) * 4, &previous, 4);
    }
    return std::move(bytes_);
}

ColumnBytes text_column(std::string_view utf8, const std::vector<std::uint32_t>& ends) {
    TextColumnSpace column(ends.size(), utf8.size());
    std::copy(ends.begin(), ends.end(), column.ends());
    std::copy(utf8.begin(), utf8.end(), column.utf8());
    return std::move(column).finish();
}

std::optional<std::size_t> list_size(const json& value) {
    if (value.is_array()) {
        return value.size();
    }
    if (const auto column = ListColumn::of(value)) {
        return column->size();
    }
    return std::nullopt;
}

std::size_t column_rows(const json& columns) {
    std::size_t rows = 0;
    for (const auto& column : columns) {
        rows = std::max(rows, list_size(column).value_or(0));
    }
    return rows;
}

} // namespace core::schema
