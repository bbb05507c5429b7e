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
#include "core/money.hpp"
#include "core/numbers.hpp"
#include "core/schema.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace core::schema {

using json = nlohmann::json;

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

    // Path segments: a key or "[3]".
    void push(std::string segment) { path_.push_back(std::move(segment)); }
    void pop() { path_.pop_back(); }
    [[nodiscard]] std::string path() const;

private:
    template <class T>
    void read_object(const json& value, T& out);
    template <class E>
    void read_enum(const json& value, E& out);
    template <class Int>
    void read_integer(const json& value, Int& out, bool open_max);
    void read_money(const json& value, Money& out);
    void read_currency(const json& value, Currency& out);

    Dialect dialect_;
    Currency currency_;
    std::vector<std::string> path_;
    std::optional<Error> error_;
};

// A currency code exactly as saved files write it ("EUR"), else nothing.
[[nodiscard]] std::optional<Currency> exact_currency(const json& code);

// Integral values: JSON integers, or floats with no fraction ("3.0") below 2^53.
[[nodiscard]] std::optional<long double> integral_value(const json& value);

template <class Int>
void Reader::read_integer(const json& value, Int& out, bool open_max) {
    using Limits = std::numeric_limits<Int>;
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
        if (!value.is_array()) {
            return fail_expected("a list");
        }
        out.clear();
        out.reserve(value.size());
        for (std::size_t k = 0; k < value.size() && ok(); ++k) {
            push("[" + std::to_string(k) + "]");
            typename M::value_type item{};
            read(value[k], item, open_max);
            out.push_back(std::move(item));
            pop();
        }
    } else {
        static_assert(Described<M>, "describe this type in core/schema.hpp");
        read_object(value, out);
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
    if (max_items != 0 && value->is_array() && value->size() > max_items) {
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

private:
    Dialect dialect_;
    Currency currency_;
};

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
            json item = write(member, f.open_upper_bound);
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
