// One generic JSON reader and writer for every type core/schema.hpp describes, in two
// dialects:
//   file  saved files, autosave, share links (core/state_json.hpp): snake_case keys;
//         money as integer cents in the document's currency, or {"cents", "currency"}
//         for another currency; errors are `malformed` and read "Scenario file:
//         roster[3].followers should be a whole number; the file is damaged ...".
//   api   the JavaScript API (docs/api.md): camelCase keys; money out as {cents,
//         currency, text}, in as {cents, currency?}, a number of units or text
//         ("$5,000"); null counts as missing; errors are `invalid`, field = the path,
//         "roster[3].followers: expected a whole number.".
// Both: a missing key keeps the value already in the output (the default), a value of
// the wrong type is an error naming its path; the first error wins. Values are not
// judged here (a negative budget reads; the calculator flags it).
// Nothing throws: nlohmann-json is used only through its non-throwing calls.
#pragma once

#include "core/error.hpp"
#include "core/json_columns.hpp"
#include "core/money.hpp"
#include "core/numbers.hpp"
#include "core/schema.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace core::schema {

enum class Dialect : std::uint8_t { file, api };

// The key of a field in a dialect ("audience_fit" or "audienceFit"); the API form is
// computed once per key and kept.
[[nodiscard]] std::string_view dialect_key(Dialect dialect, std::string_view key,
                                           std::string_view api_key = {});

namespace detail {
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
} // namespace detail

// [SECTION] Reader

class Reader {
public:
    // `currency`: what a bare amount means; `root`: the path of the value read
    // ("options", "set"; empty for a whole document).
    Reader(Dialect dialect, Currency currency, std::string root = {});

    [[nodiscard]] bool ok() const { return !error_.has_value(); }
    [[nodiscard]] const Error& error() const { return *error_; }
    [[nodiscard]] Dialect dialect() const { return dialect_; }
    [[nodiscard]] Currency currency() const { return currency_; }
    void set_currency(Currency currency) { currency_ = currency; }

    // object[key], or nullptr when missing (and, in the API, when null).
    [[nodiscard]] const json* member(const json& object, std::string_view key) const;

    // Reads `value` (found at the current path) into `out`.
    template <class M>
    void read(const json& value, M& out, bool open_max = false);

    // Reads object[key] into `out` when present: the key is given in snake_case and
    // spelled for the dialect.
    template <class M>
    void read_member(const json& object, std::string_view key, M& out, std::size_t max_items = 0,
                     std::string_view api_key = {}, bool open_max = false);

    // Errors at the current path. `what` completes "should be ..." / "expected ...".
    void fail_expected(std::string_view what);
    // Errors with the dialect's two wordings ("is out of range" / "expected ... from").
    void fail_wording(std::string_view file_text, std::string_view api_text,
                      ErrorCode code = ErrorCode::malformed);
    void fail(Error error);

    // Path segments: a key or "[3]". Kept as parts and joined only for an error: a
    // 10,000-row list pushes an index per value read.
    void push(std::string segment) {
        path_.push_back({.text = std::move(segment), .index = std::string::npos});
    }
    void push_index(std::size_t index) { path_.push_back({.text = {}, .index = index}); }
    // The index pushed last becomes `index` (a loop over a list pushes once).
    void set_index(std::size_t index) { path_.back().index = index; }
    void pop() { path_.pop_back(); }
    [[nodiscard]] std::string path() const;

private:
    template <class T>
    void read_object(const json& value, T& out);
    template <class E>
    void read_enum(const json& value, E& out);
    template <class Int>
    void read_integer(const json& value, Int& out, bool open_max);
    template <class T>
    void read_columns(const json& columns, std::vector<T>& out);
    // Entry k of `column` when it needs no check (a number into a double, a whole number,
    // an amount in range, a text, a known name); false leaves `out` as it was.
    template <class M>
    [[nodiscard, gnu::always_inline]] bool read_plain_entry(const ListColumn& column, std::size_t k,
                                                            M& out) const;
    // Entry k of a list: of `column` when the list is a ListColumn, else of the array.
    template <class M>
    void read_entry(const json& list, const std::optional<ListColumn>& column, std::size_t k,
                    M& out, bool open_max);
    void read_money(const json& value, Money& out);
    void read_units(double units, Money& out); // a number of units (12.5), API dialect
    void read_currency(const json& value, Currency& out);

    struct Segment {
        std::string text;                      // a key, or empty for an index
        std::size_t index = std::string::npos; // "[index]"
    };
    Dialect dialect_;
    Currency currency_;
    std::vector<Segment> path_;
    std::optional<Error> error_;
};

// A currency code exactly as saved files write it ("EUR"), else nothing.
[[nodiscard]] std::optional<Currency> exact_currency(const json& code);

// Integral values: JSON integers, or floats with no fraction ("3.0") below 2^53.
[[nodiscard]] std::optional<long double> integral_value(const json& value);

namespace detail {
// A double that is a whole number Int holds exactly (below 2^53): the entries of a number
// column. Checked without long double, which wasm computes in software.
template <class Int>
bool whole_number(double d, Int& out) {
    using Limits = std::numeric_limits<Int>;
    if (std::trunc(d) == d && std::fabs(d) < 9007199254740992.0 &&
        d >= static_cast<double>(Limits::lowest()) && d <= static_cast<double>(Limits::max())) {
        out = static_cast<Int>(d);
        return true;
    }
    return false;
}
} // namespace detail

template <class Int>
void Reader::read_integer(const json& value, Int& out, bool open_max) {
    using Limits = std::numeric_limits<Int>;
    if (value.is_number_float() && detail::whole_number(value.get<double>(), out)) {
        return; // anything else takes the checks below
    }
    if (value.is_number_unsigned()) {
        const auto v = value.get<std::uint64_t>();
        constexpr auto int64_max = static_cast<std::uint64_t>(no_follower_limit);
        if (open_max && v > int64_max && v <= int64_max + 4096) {
            // 2^63 - 1 after a trip through a JS number (9223372036854776000): only
            // "no upper limit" comes that close to 2^63.
            out = static_cast<Int>(no_follower_limit);
            return;
        }
        if (v <= static_cast<std::uint64_t>(Limits::max())) {
            out = static_cast<Int>(v);
            return;
        }
    } else if (value.is_number_integer()) {
        const auto v = value.get<std::int64_t>();
        if ((v >= 0 || Limits::is_signed) &&
            static_cast<long double>(v) >= static_cast<long double>(Limits::lowest()) &&
            static_cast<long double>(v) <= static_cast<long double>(Limits::max())) {
            out = static_cast<Int>(v);
            return;
        }
    } else if (const auto v = integral_value(value)) {
        // A float such as 3.0 from a hand edit; the bounds keep the cast exact.
        if (std::fabs(*v) < 9007199254740992.0L &&
            *v >= static_cast<long double>(Limits::lowest()) &&
            *v <= static_cast<long double>(Limits::max())) {
            out = static_cast<Int>(*v);
            return;
        }
    }
    if (!integral_value(value) && !value.is_number_unsigned()) {
        fail_expected("a whole number");
        return;
    }
    const auto largest = static_cast<std::int64_t>(std::min<std::uint64_t>(
        static_cast<std::uint64_t>(Limits::max()), static_cast<std::uint64_t>(no_follower_limit)));
    fail_wording("is out of range", "expected a whole number from " +
                                        format_count(static_cast<std::int64_t>(Limits::lowest())) +
                                        " to " + format_count(largest) + ".");
}

template <class E>
void Reader::read_enum(const json& value, E& out) {
    if (value.is_string()) {
        if (const auto named = enum_from_name<E>(value.get_ref<const std::string&>())) {
            out = *named;
            return;
        }
    }
    fail_expected("one of " + enum_choices<E>());
}

template <class T>
void Reader::read_object(const json& value, T& out) {
    if (!value.is_object()) {
        fail_expected("an object");
        return;
    }
    // Amounts left out are zero... in the context's currency, not in dollars.
    for_each_field<T>([&](const auto& f) {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(out.*(f.member))>, Money>) {
            (out.*(f.member)).currency = currency_;
        }
    });
    for_each_field<T>([&](const auto& f) {
        if (ok()) {
            read_member(value, f.key, out.*(f.member), f.max_items, f.api_key, f.open_upper_bound);
        }
    });
}

template <class M>
void Reader::read(const json& value, M& out, bool open_max) {
    if constexpr (std::is_same_v<M, bool>) {
        if (!value.is_boolean()) {
            return fail_expected("true or false");
        }
        out = value.get<bool>();
    } else if constexpr (std::is_same_v<M, std::string>) {
        if (!value.is_string()) {
            return fail_expected("text");
        }
        out = value.get_ref<const std::string&>();
    } else if constexpr (std::is_same_v<M, double>) {
        if (!value.is_number()) {
            return fail_expected("a number");
        }
        out = value.get<double>();
    } else if constexpr (std::is_same_v<M, Money>) {
        read_money(value, out);
    } else if constexpr (std::is_same_v<M, Currency>) {
        read_currency(value, out);
    } else if constexpr (std::is_integral_v<M>) {
        read_integer(value, out, open_max);
    } else if constexpr (NamedEnum<M>) {
        read_enum(value, out);
    } else if constexpr (detail::is_optional<M>::value) {
        typename M::value_type item{};
        read(value, item, open_max);
        out = item;
    } else if constexpr (detail::is_vector<M>::value) {
        if constexpr (Described<typename M::value_type>) {
            if (value.is_object() && dialect_ == Dialect::api) {
                return read_columns(value, out);
            }
        }
        const auto size = list_size(value);
        if (!size) {
            return fail_expected("a list");
        }
        const auto column = ListColumn::of(value);
        out.clear();
        out.reserve(*size);
        push_index(0);
        for (std::size_t k = 0; k < *size && ok(); ++k) {
            set_index(k);
            typename M::value_type item{};
            read_entry(value, column, k, item, open_max);
            out.push_back(std::move(item));
        }
        pop();
    } else {
        static_assert(Described<M>, "describe this type in core/schema.hpp");
        read_object(value, out);
    }
}

// Row k of the result takes entry k of each column given; a column left out leaves
// the field's default in every row. Errors name the entry: "roster.followers[3]".
template <class T>
void Reader::read_columns(const json& columns, std::vector<T>& out) {
    const std::size_t rows = column_rows(columns);
    out.clear();
    out.resize(rows);
    for_each_field<T>([&](const auto& f) {
        const std::string_view name = dialect_key(dialect_, f.key, f.api_key);
        const json* column = member(columns, name);
        using Member = std::remove_cvref_t<decltype(out.front().*(f.member))>;
        if (column == nullptr) {
            if constexpr (std::is_integral_v<Member>) {
                if (f.open_upper_bound) {
                    for (T& row : out) {
                        row.*(f.member) = static_cast<Member>(no_follower_limit);
                    }
                }
            }
            return;
        }
        if (!ok()) {
            return;
        }
        push(std::string(name));
        if (list_size(*column) != rows) {
            fail_expected("a list of " + format_count(static_cast<std::int64_t>(rows)) +
                          " values, one per row (as many as the longest column)");
        }
        const auto list = ListColumn::of(*column);
        const ListColumn* in_one_piece = list ? &*list : nullptr;
        push_index(0);
        for (std::size_t k = 0; k < rows; ++k) {
            // Entries of a column that need no checks first (10,000 rows read in a loop
            // without a call each); anything else, errors included, the general way.
            if (in_one_piece != nullptr && read_plain_entry(*in_one_piece, k, out[k].*(f.member))) {
                continue;
            }
            set_index(k);
            read_entry(*column, list, k, out[k].*(f.member), f.open_upper_bound);
            if (!ok()) {
                break;
            }
        }
        pop();
        pop();
    });
}

template <class M>
inline bool Reader::read_plain_entry(const ListColumn& column, std::size_t k, M& out) const {
    if (column.is_text()) {
        if constexpr (std::is_same_v<M, std::string>) {
            out.assign(column.text(k));
            return true;
        } else if constexpr (NamedEnum<M>) {
            const auto named = enum_from_name<M>(column.text(k));
            out = named.value_or(out);
            return named.has_value();
        }
        return false;
    }
    if constexpr (std::is_same_v<M, double>) {
        out = column.number(k);
        return true;
    } else if constexpr (std::is_same_v<M, Money>) {
        const auto money = dialect_ == Dialect::api
                               ? Money::units_in_range(column.number(k), currency_)
                               : std::nullopt;
        out = money.value_or(out);
        return money.has_value();
    } else if constexpr (std::is_integral_v<M> && !std::is_same_v<M, bool>) {
        return detail::whole_number(column.number(k), out);
    }
    return false;
}

template <class M>
void Reader::read_entry(const json& list, const std::optional<ListColumn>& column, std::size_t k,
                        M& out, bool open_max) {
    if (!column) {
        read(list[k], out, open_max);
    } else if (column->is_text()) {
        // Text and names straight from the column; a JSON value only to spell an error.
        if constexpr (std::is_same_v<M, std::string>) {
            out.assign(column->text(k));
            return;
        } else if constexpr (NamedEnum<M>) {
            if (const auto named = enum_from_name<M>(column->text(k))) {
                out = *named;
                return;
            }
        }
        read(json(column->text(k)), out, open_max);
    } else if constexpr (std::is_same_v<M, double>) {
        out = column->number(k);
    } else if constexpr (std::is_same_v<M, Money>) {
        dialect_ == Dialect::api ? read_units(column->number(k), out)
                                 : read(json(column->number(k)), out, open_max);
    } else {
        // A whole number directly; else a JSON number (no allocation), with its error.
        if constexpr (std::is_integral_v<M> && !std::is_same_v<M, bool>) {
            if (detail::whole_number(column->number(k), out)) {
                return;
            }
        }
        read(json(column->number(k)), out, open_max);
    }
}

template <class M>
void Reader::read_member(const json& object, std::string_view key, M& out, std::size_t max_items,
                         std::string_view api_key, bool open_max) {
    const std::string_view name = dialect_key(dialect_, key, api_key);
    const json* value = member(object, name);
    if (value == nullptr) {
        if (open_max && dialect_ == Dialect::api) {
            if constexpr (std::is_integral_v<M>) {
                out = static_cast<M>(no_follower_limit); // null or missing: no upper limit
            }
        }
        return;
    }
    if (!ok()) {
        return;
    }
    push(std::string(name));
    // A list's entries, or the rows of its columns.
    const auto items = [&] {
        return list_size(*value).value_or(column_rows(*value));
    };
    if (max_items != 0 && (list_size(*value) || value->is_object()) && items() > max_items) {
        const std::string most = format_count(static_cast<std::int64_t>(max_items));
        fail_wording("has more than " + most + " entries", "at most " + most + " entries fit.",
                     ErrorCode::too_large);
    } else {
        read(*value, out, open_max);
    }
    pop();
}

// [SECTION] Writer

class Writer {
public:
    // `currency`: the document's (file dialect: amounts in it are bare cents).
    Writer(Dialect dialect, Currency currency) : dialect_(dialect), currency_(currency) {}

    template <class M>
    [[nodiscard]] json write(const M& value, bool open_max = false) const;

    [[nodiscard]] json money(const Money& money) const;

    // The list of rows under `key` is written as columns, their numbers into `sink`
    // (API dialect, docs/api.md "Columns"): what a caller that gave its rows as columns
    // gets back.
    Writer& columns_for(std::string_view key, NumberColumns& sink) {
        columns_key_ = key;
        sink_ = &sink;
        return *this;
    }
    // rows as one column per field: numbers as a column of the sink (NaN: none) whose
    // marker stands in the JSON, money as {cents: column, currency}, a described field as
    // its own columns, anything else as a list of values. Needs columns_for's sink.
    template <class Row>
    [[nodiscard]] json columns(const std::vector<Row>& rows) const;

private:
    template <class Row, class Get>
    [[nodiscard]] json column(const std::vector<Row>& rows, Get get, bool open_max) const;
    // get(row) as a number for each row into the sink, as its next column; its marker.
    // For amounts, `currency` becomes theirs; nothing (and no column) when they are in
    // several currencies.
    template <class Row, class Get>
    [[nodiscard]] std::optional<json> sink_column(const std::vector<Row>& rows,
                                                  std::string_view marker, Get get, bool open_max,
                                                  Currency& currency) const;

    Dialect dialect_;
    Currency currency_;
    std::string_view columns_key_;
    NumberColumns* sink_ = nullptr;
};

namespace detail {
template <class T>
struct plain {
    using type = T;
};
template <class T>
struct plain<std::optional<T>> {
    using type = T;
};
// The amount a column entry holds, if any.
template <class M>
const Money* money_in(const M& value) {
    if constexpr (is_optional<M>::value) {
        return value ? &*value : nullptr;
    } else {
        return &value;
    }
}
// A column's number for a member: NaN for none (an empty optional, no upper limit, a
// value JSON cannot hold). Forced inline, like the other helpers of the column loops:
// at -Oz each would be a call costing more than its work, 220,000 times a result.
template <class M>
[[gnu::always_inline]] inline double column_number(const M& value, bool open_max) {
    constexpr double none = std::numeric_limits<double>::quiet_NaN();
    if constexpr (is_optional<M>::value) {
        return value ? column_number(*value, open_max) : none;
    } else if constexpr (std::is_same_v<M, Money>) {
        return static_cast<double>(value.cents);
    } else {
        if constexpr (std::is_same_v<M, std::int64_t>) {
            if (open_max && value == no_follower_limit) {
                return none; // no upper limit
            }
        }
        const auto number = static_cast<double>(value);
        return __builtin_isfinite(number) ? number : none;
    }
}
// The members get(row) refers to, one per row, found at their offset in each row. The
// column loops index it instead of calling `get` (a chain of one call per nesting level
// at -Oz) for each number: writing a 10,000-row result costs a load and a store a number.
template <class M>
class MemberColumn {
public:
    template <class Row, class Get>
    MemberColumn(const std::vector<Row>& rows, const Get& get) : stride_(sizeof(Row)) {
        if (!rows.empty()) {
            first_ = reinterpret_cast<const std::byte*>(&get(rows.front()));
        }
    }
    [[gnu::always_inline]] const M& operator[](std::size_t k) const {
        return *reinterpret_cast<const M*>(first_ + k * stride_);
    }

private:
    const std::byte* first_ = nullptr;
    std::size_t stride_;
};
template <class Row, class Get>
auto member_column(const std::vector<Row>& rows, const Get& get) {
    return MemberColumn<std::remove_cvref_t<decltype(get(rows.front()))>>(rows, get);
}
} // namespace detail

namespace detail {
// The fields of T, counting those of its described members: at most this many columns.
template <class T>
std::size_t leaf_fields() {
    std::size_t count = 0;
    for_each_field<T>([&](const auto& f) {
        using M = std::remove_cvref_t<decltype(std::declval<T>().*(f.member))>;
        if constexpr (Described<M>) {
            count += leaf_fields<M>();
        } else {
            ++count;
        }
    });
    return count;
}
} // namespace detail

template <class Row>
json Writer::columns(const std::vector<Row>& rows) const {
    // One allocation for every column: growing would copy megabytes.
    sink_->reserve(rows.size() * detail::leaf_fields<Row>());
    return column(
        rows, [](const Row& row) -> const Row& { return row; }, false);
}

template <class Row, class Get>
json Writer::column(const std::vector<Row>& rows, Get get, bool open_max) const {
    using M = std::remove_cvref_t<decltype(get(rows.front()))>;
    using Plain = typename detail::plain<M>::type;
    if constexpr ((std::is_arithmetic_v<Plain> && !std::is_same_v<Plain, bool>) ||
                  std::is_same_v<Plain, Money>) {
        Currency currency = currency_;
        // Nothing when the amounts are in several currencies: a list of amounts then.
        if (const auto marker = sink_column(rows, column_marker, get, open_max, currency)) {
            if constexpr (std::is_same_v<Plain, Money>) {
                return {{"cents", *marker}, {"currency", currency_info(currency).code}};
            } else {
                return *marker;
            }
        }
    }
    if constexpr (std::is_same_v<M, bool>) {
        Currency unused = currency_;
        return *sink_column(rows, flags_marker, get, open_max, unused);
    } else if constexpr (Described<M>) {
        json out = json::object();
        for_each_field<M>([&](const auto& g) {
            json item = column(
                rows, [&get, &g ](const Row& row) -> const auto& { return get(row).*(g.member); },
                g.open_upper_bound);
            if (g.inline_members) {
                out.update(item);
            } else {
                out[std::string(dialect_key(dialect_, g.key, g.api_key))] = std::move(item);
            }
        });
        return out;
    } else {
        std::vector<json> out;
        out.reserve(rows.size());
        for (const Row& row : rows) {
            out.push_back(write(get(row), open_max));
        }
        return json(std::move(out));
    }
}

template <class Row, class Get>
std::optional<json> Writer::sink_column(const std::vector<Row>& rows, std::string_view marker,
                                        Get get, bool open_max, Currency& currency) const {
    using Plain = typename detail::plain<std::remove_cvref_t<decltype(get(rows.front()))>>::type;
    json out = {{std::string(marker), sink_->size()}};
    double* column = sink_->add_column(rows.size());
    const auto members = detail::member_column(rows, get);
    bool seen = false;
    bool mixed = false;
    for (std::size_t k = 0; k < rows.size(); ++k) {
        column[k] = detail::column_number(members[k], open_max);
        if constexpr (std::is_same_v<Plain, Money>) {
            if (const Money* money = detail::money_in(members[k])) {
                currency = seen ? currency : money->currency;
                seen = true;
                mixed = mixed || money->currency != currency;
            }
        }
    }
    if (mixed) {
        sink_->drop_last_column();
        return std::nullopt;
    }
    return out;
}

template <class M>
json Writer::write(const M& value, bool open_max) const {
    if constexpr (std::is_same_v<M, Money>) {
        return money(value);
    } else if constexpr (std::is_same_v<M, Currency>) {
        return currency_info(value).code;
    } else if constexpr (std::is_same_v<M, double>) {
        return std::isfinite(value) ? json(value) : json(); // JSON has no NaN
    } else if constexpr (std::is_integral_v<M>) {
        if constexpr (std::is_same_v<M, std::int64_t>) {
            if (open_max && dialect_ == Dialect::api && value == no_follower_limit) {
                return json(); // null: no upper limit
            }
        }
        return value;
    } else if constexpr (std::is_same_v<M, std::string> || std::is_same_v<M, std::string_view>) {
        return std::string(value);
    } else if constexpr (NamedEnum<M>) {
        return enum_name(value);
    } else if constexpr (detail::is_optional<M>::value) {
        return value ? write(*value, open_max) : json();
    } else if constexpr (detail::is_vector<M>::value) {
        json out = json::array();
        for (const auto& item : value) {
            out.push_back(write(item, open_max));
        }
        return out;
    } else {
        static_assert(Described<M>, "describe this type in core/schema.hpp");
        json out = json::object();
        for_each_field<M>([&](const auto& f) {
            const auto& member = value.*(f.member);
            using Member = std::remove_cvref_t<decltype(member)>;
            if constexpr (detail::is_optional<Member>::value) {
                if (!member && dialect_ == Dialect::file) {
                    return; // saved files leave an empty optional out
                }
            } else if constexpr (!detail::is_vector<Member>::value &&
                                 (
                                     std::is_scalar_v<Member> ||
                                     std::is_same_v<Member, std::string> ||
                                     requires(const Member& m) { m.operator==(m); } ||
                                     requires(const Member& m) { operator==(m, m); })) {
                // Scalars, text and settings structs with their own == (std::vector is left
                // out: libc++'s == looks usable for any element and then fails to compile).
                if (f.omit_if_default && dialect_ == Dialect::file) {
                    // The owner's own default (authenticity defaults to 1, not 0).
                    static const M defaults{};
                    if (member == defaults.*(f.member)) {
                        return;
                    }
                }
            }
            json item;
            if constexpr (detail::is_vector<Member>::value) {
                if constexpr (Described<typename Member::value_type>) {
                    if (!columns_key_.empty() && f.key == columns_key_) {
                        item = columns(member);
                    }
                }
            }
            if (item.is_null()) {
                item = write(member, f.open_upper_bound);
            }
            if (f.inline_members) {
                out.update(item);
                return;
            }
            out[std::string(dialect_key(dialect_, f.key, f.api_key))] = std::move(item);
        });
        return out;
    }
}

} // namespace core::schema
