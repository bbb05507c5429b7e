#include "core/json_codec.hpp"

#include "core/numbers.hpp"

#include <algorithm>
#include <cstring>
#include <map>

namespace core::schema {

std::string_view dialect_key(Dialect dialect, std::string_view key, std::string_view api_key) {
    if (dialect == Dialect::file) {
        return key;
    }
    if (!api_key.empty()) {
        return api_key;
    }
    // Keys are string literals from core/schema.hpp, so their address identifies them;
    // the camelCase form is made once. (Single-threaded: wasm and the tests.)
    static std::map<const char*, std::string> camel;
    auto [it, inserted] = camel.try_emplace(key.data());
    if (inserted) {
        bool upper = false;
        for (const char c : key) {
            if (c == '_') {
                upper = true;
                continue;
            }
            it->second += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
            upper = false;
        }
    }
    return it->second;
}

std::optional<long double> integral_value(const json& value) {
    if (value.is_number_unsigned()) {
        return static_cast<long double>(value.get<std::uint64_t>());
    }
    if (value.is_number_integer()) {
        return static_cast<long double>(value.get<std::int64_t>());
    }
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::isfinite(d) && std::floor(d) == d) {
            return static_cast<long double>(d);
        }
    }
    return std::nullopt;
}

std::optional<Currency> exact_currency(const json& code) {
    if (code.is_string()) {
        for (const auto& info : all_currencies) {
            if (info.code == code.get_ref<const std::string&>()) {
                return info.currency;
            }
        }
    }
    return std::nullopt;
}

std::optional<ListColumn> ListColumn::of(const json& value) {
    if (value.is_binary() && value.get_binary().has_subtype() &&
        (value.get_binary().subtype() == numbers || value.get_binary().subtype() == texts)) {
        return ListColumn(value);
    }
    return std::nullopt;
}

ListColumn::ListColumn(const json& binary) : bytes_(binary.get_binary()) {
    size_ = is_text() ? word(0) : bytes_.size() / sizeof(double);
}

std::uint32_t ListColumn::word(std::size_t k) const {
    std::uint32_t word = 0;
    std::memcpy(&word, bytes_.data() + k * sizeof(word), sizeof(word));
    return word;
}

double ListColumn::number(std::size_t k) const {
    double number = 0.0;
    std::memcpy(&number, bytes_.data() + k * sizeof(number), sizeof(number));
    return number;
}

std::string_view ListColumn::text(std::size_t k) const {
    // [count][end of each entry][the entries' bytes]
    const auto* first = reinterpret_cast<const char*>(bytes_.data()) + (size_ + 1) * 4;
    const std::uint32_t start = k == 0 ? 0 : word(k);
    return {first + start, word(k + 1) - start};
}

// Copies construct from ranges, never zero-fill first: at 10,000 rows a zero fill
// of fresh memory cost as much as the copy.
json number_column(const std::vector<double>& values) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(values.data());
    return number_column_from_bytes(
        std::vector<std::uint8_t>(bytes, bytes + values.size() * sizeof(double)));
}

json number_column_from_bytes(std::vector<std::uint8_t>&& doubles) {
    return json::binary(std::move(doubles), ListColumn::numbers);
}

json text_column(std::string_view utf8, const std::vector<std::uint32_t>& ends) {
    std::vector<std::uint8_t> bytes((ends.size() + 1) * 4 + utf8.size());
    const auto count = static_cast<std::uint32_t>(ends.size());
    std::memcpy(bytes.data(), &count, 4);
    std::uint32_t previous = 0;
    for (std::size_t k = 0; k < ends.size(); ++k) {
        // Kept inside the bytes and in order whatever the caller gave.
        previous = std::clamp(ends[k], previous, static_cast<std::uint32_t>(utf8.size()));
        std::memcpy(bytes.data() + (k + 1) * 4, &previous, 4);
    }
    std::memcpy(bytes.data() + (ends.size() + 1) * 4, utf8.data(), utf8.size());
    return json::binary(std::move(bytes), ListColumn::texts);
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

Reader::Reader(Dialect dialect, Currency currency, std::string root)
    : dialect_(dialect), currency_(currency) {
    if (!root.empty()) {
        push(std::move(root));
    }
}

const json* Reader::member(const json& object, std::string_view key) const {
    if (!object.is_object()) {
        return nullptr;
    }
    const auto it = object.find(key);
    if (it == object.end() || (dialect_ == Dialect::api && it->is_null())) {
        return nullptr;
    }
    return &*it;
}

std::string Reader::path() const {
    std::string text;
    for (const auto& segment : path_) {
        if (segment.index != std::string::npos) {
            text += '[' + std::to_string(segment.index) + ']';
            continue;
        }
        if (!text.empty() && segment.text.front() != '[') {
            text += '.';
        }
        text += segment.text;
    }
    return text;
}

void Reader::fail(Error error) {
    if (!error_) {
        error_ = std::move(error);
    }
}

void Reader::fail_wording(std::string_view file_text, std::string_view api_text, ErrorCode code) {
    if (error_) {
        return;
    }
    const std::string where = path();
    if (dialect_ == Dialect::file) {
        constexpr std::string_view field = "Scenario file";
        error_ =
            make_error(code, std::string(field),
                       std::string(field) + ": " + (where.empty() ? "the document" : where) + " " +
                           std::string(file_text) + "; the file is damaged or was edited by hand.");
    } else {
        const std::string name = where.empty() ? "inputs" : where;
        error_ = make_error(code == ErrorCode::too_large ? code : ErrorCode::invalid, name,
                            name + ": " + std::string(api_text));
    }
}

void Reader::fail_expected(std::string_view what) {
    fail_wording("should be " + std::string(what), "expected " + std::string(what) + ".");
}

void Reader::read_currency(const json& value, Currency& out) {
    if (value.is_string()) {
        const auto& code = value.get_ref<const std::string&>();
        if (dialect_ == Dialect::api) {
            if (const auto currency = currency_from_text(code)) {
                out = *currency;
                return;
            }
        } else if (const auto currency = exact_currency(value)) {
            out = *currency;
            return;
        }
    }
    fail_wording("should be a currency code (\"USD\", \"EUR\", \"GBP\", \"CAD\" or \"AUD\")",
                 "expected a currency code: USD, EUR, GBP, CAD or AUD.");
}

void Reader::read_units(double units, Money& out) {
    // The path is spelled only for an error: a column reads 10,000 amounts.
    auto money = Money::from_units(units, currency_, {});
    if (!money) {
        money = Money::from_units(units, currency_, path());
    }
    money ? void(out = money.value()) : fail(money.error());
}

void Reader::read_money(const json& value, Money& out) {
    if (dialect_ == Dialect::api) {
        // {cents, currency?}, a number of units (12.5) or text ("$5,000").
        if (value.is_object()) {
            Money money{0, currency_};
            read_member(value, "currency", money.currency);
            const json* cents = member(value, "cents");
            push("cents");
            if (cents == nullptr) {
                fail_wording("", "expected a whole number of cents.");
            } else if (const auto whole = integral_value(*cents);
                       whole && std::fabs(*whole) <= 9007199254740992.0L) {
                money.cents = static_cast<std::int64_t>(*whole);
            } else {
                fail_expected("a whole number");
            }
            pop();
            out = money;
        } else if (value.is_number()) {
            read_units(value.get<double>(), out);
        } else if (value.is_string()) {
            auto money = parse_signed_money(value.get_ref<const std::string&>(), path(), currency_);
            money ? void(out = money.value()) : fail(money.error());
        } else {
            fail_wording("", "expected an amount: {cents, currency}, a number such as 12.5, or "
                             "text such as \"$5,000\".");
        }
        return;
    }
    // Saved files: whole cents in the document's currency, or {"cents", "currency"}.
    Money money{0, currency_};
    const json* cents = &value;
    if (value.is_object()) {
        cents = member(value, "cents");
        const json* code = member(value, "currency");
        const auto known = code != nullptr ? exact_currency(*code) : std::nullopt;
        if (cents == nullptr || !known) {
            return fail_wording("should be {\"cents\": 100, \"currency\": \"USD\"}", "");
        }
        money.currency = *known;
    }
    const auto whole = integral_value(*cents);
    if (!whole) {
        return fail_wording("should be a whole number of cents", "");
    }
    if (std::fabs(*whole) > static_cast<long double>(max_money_cents)) {
        return fail_wording("is beyond the largest amount (10 trillion)", "");
    }
    money.cents = static_cast<std::int64_t>(*whole);
    out = money;
}

json Writer::money(const Money& money) const {
    if (dialect_ == Dialect::api) {
        return {{"cents", money.cents},
                {"currency", currency_info(money.currency).code},
                {"text", format_money(money)}};
    }
    if (money.currency == currency_) {
        return money.cents;
    }
    return {{"cents", money.cents}, {"currency", currency_info(money.currency).code}};
}

} // namespace core::schema
