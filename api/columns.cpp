// Columns crossing the JavaScript boundary (docs/api.md, "Large rosters: columns"):
// what web/bindings.cpp copies out of JavaScript is one core::schema::ColumnBytes per
// list, viewed where its marker stands; the schema's reader reads it like a list.
#include "api/api.hpp"

namespace api {

core::schema::ColumnBytes text_column_from_utf16(std::string_view utf8,
                                                 const std::vector<std::uint32_t>& utf16_lengths) {
    // Entry k is the next utf16_lengths[k] UTF-16 units: one per UTF-8 sequence, two for
    // a four-byte one (a surrogate pair in JavaScript).
    std::vector<std::uint32_t> ends;
    ends.reserve(utf16_lengths.size());
    std::size_t at = 0;
    // As many bytes as units: all ASCII, one byte a unit (anything else takes more).
    std::size_t all_units = 0;
    for (const std::uint32_t length : utf16_lengths) {
        all_units += length;
    }
    if (all_units == utf8.size()) {
        for (const std::uint32_t length : utf16_lengths) {
            at += length;
            ends.push_back(static_cast<std::uint32_t>(at));
        }
        return core::schema::text_column(utf8, ends);
    }
    for (const std::uint32_t length : utf16_lengths) {
        for (std::uint32_t units = 0; units < length && at < utf8.size();) {
            const auto lead = static_cast<unsigned char>(utf8[at]);
            const std::size_t bytes = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            units += bytes == 4 ? 2 : 1;
            at = std::min(at + bytes, utf8.size());
        }
        ends.push_back(static_cast<std::uint32_t>(at));
    }
    return core::schema::text_column(utf8, ends);
}

void place_columns(json& value, const InputColumns& columns) {
    if (value.is_object() && value.size() == 1) {
        const auto marker = value.find(column_marker);
        if (marker != value.end() && marker->is_number_unsigned() &&
            marker->get<std::size_t>() < columns.size()) {
            value = core::schema::column_view(columns[marker->get<std::size_t>()]);
            return;
        }
    }
    if (value.is_structured()) {
        for (auto& item : value) {
            place_columns(item, columns);
        }
    }
}

} // namespace api
