#include "core/json_codec.hpp"

#include "core/numbers.hpp"

#include <algorithm>
#include <array>
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
    if (const auto money = Money::units_in_range(units, currency_)) {
        out = *money;
        return;
    }
    fail(Money::from_units(units, currency_, path()).error());
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
