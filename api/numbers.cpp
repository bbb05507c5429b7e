// JavaScript API: numbers and money as people type them, formatting, currencies,
// formulas (docs/api.md, "Numbers and money", "Formulas").
#include "core/numbers.hpp"

#include "api/api.hpp"
#include "core/formulas.hpp"

namespace api {

// (text, options?) with the options every parser takes: field (the name in messages),
// decimalComma; `example` completes "expected text such as ...".
struct ParseCall {
    Input in;
    json opts;
    std::string text;
    std::string field;
    core::NumberFormat format;

    ParseCall(const Args& args, std::string_view default_field, std::string_view example) {
        opts = in.options(args, 1);
        text = in.text(args, 0, "text", "expected text such as " + std::string(example) + ".");
        in.push("options");
        field = in.get(opts, "field", std::string(default_field));
        format.decimal_comma = in.get(opts, "decimalComma", false);
    }
    template <class M>
    M option(std::string_view key, M fallback) {
        return in.get(opts, key, fallback);
    }
};

using Bound = std::optional<double>;

Reply parse_number(const Args& args) {
    ParseCall call(args, "Number", "\"1,234\" or \"1.2k\"");
    const Bound min = call.option("min", Bound()), max = call.option("max", Bound());
    MR_CHECK(call.in);
    if (!min && !max) {
        return reply(core::parse_number(call.text, call.field, call.format));
    }
    return reply(core::parse_number_in(call.text, call.field,
                                       min.value_or(-core::max_number_magnitude),
                                       max.value_or(core::max_number_magnitude), call.format));
}

Reply parse_count(const Args& args) {
    ParseCall call(args, "Count", "\"12,500\" or \"1.2k\"");
    const auto min = call.option<std::int64_t>("min", 0);
    const auto max = call.option<std::int64_t>("max", 1'000'000'000'000'000);
    MR_CHECK(call.in);
    return reply(core::parse_count(call.text, call.field, min, max, call.format));
}

Reply parse_rate(const Args& args) {
    ParseCall call(args, "Rate", "\"7.4%\" or \"7.4\"");
    const Bound min = call.option("min", Bound()), max = call.option("max", Bound());
    MR_CHECK(call.in);
    if (!min && !max) {
        return reply(core::parse_rate(call.text, call.field, call.format));
    }
    return reply(core::parse_rate_in(call.text, call.field, min.value_or(0.0), max.value_or(1.0),
                                     call.format));
}

Reply parse_money(const Args& args) {
    ParseCall call(args, "Amount", "\"$5,000\" or \"100\"");
    const auto currency = call.option("currency", core::Currency::usd);
    const bool negative = call.option("allowNegative", false);
    MR_CHECK(call.in);
    return reply(negative ? core::parse_signed_money(call.text, call.field, currency, call.format)
                          : core::parse_money(call.text, call.field, currency, call.format));
}

// (value, [decimals,] options?): the value read as a number, the options' decimalComma.
template <class M>
struct FormatCall {
    Input in;
    M value{};
    core::NumberFormat format;
    json opts;

    FormatCall(const Args& args, std::size_t options_at, std::string_view name) {
        opts = in.options(args, options_at);
        in.push(std::string(name));
        in.read(args[0], value);
        in.pop();
        in.push("options");
        format.decimal_comma = in.get(opts, "decimalComma", false);
    }
};

Reply format_money(const Args& args) {
    Input in;
    const json opts = in.options(args, 1);
    in.push("options");
    const auto cents = in.get(opts, "cents", core::CentsStyle::when_needed);
    core::NumberFormat format;
    format.decimal_comma = in.get(opts, "decimalComma", false);
    core::Money amount = core::Money::zero(in.get(opts, "currency", core::Currency::usd));
    in.pop();
    in.set_currency(amount.currency); // what a number of units means
    in.push("money");
    in.read(args[0], amount);
    MR_CHECK(in);
    return json(core::format_money(amount, cents, format));
}

// formatNumber and formatPercent: (value, decimals?, options?).
template <std::string (*Format)(double, int, core::NumberFormat), int Places>
Reply format_decimal(const Args& args) {
    FormatCall<double> call(args, 2, Places == 0 ? "value" : "rate");
    MR_CHECK(call.in);
    const int places = args[1].is_number() ? static_cast<int>(args[1].get<double>()) : Places;
    return json(Format(call.value, places, call.format));
}

Reply format_number(const Args& args) {
    return format_decimal<core::format_number, 0>(args);
}
Reply format_percent(const Args& args) {
    return format_decimal<core::format_percent, 1>(args);
}

Reply format_count(const Args& args) {
    FormatCall<std::int64_t> call(args, 1, "count");
    MR_CHECK(call.in);
    return json(core::format_count(call.value, call.format));
}

Reply currencies(const Args&) {
    json list = json::array();
    for (const auto& info : core::all_currencies) {
        list.push_back({{"code", info.code}, {"symbol", info.symbol}, {"name", info.name}});
    }
    return list;
}

json formula_json(const core::Formula& formula) {
    return {{"id", formula.id},
            {"name", formula.name},
            {"text", formula.text},
            {"source", formula.source}};
}

Reply formulas(const Args&) {
    json list = json::array();
    for (const auto& formula : core::all_formulas) {
        list.push_back(formula_json(formula));
    }
    return list;
}

Reply formula(const Args& args) {
    Input in;
    const std::string id = in.text(args, 0, "id", "expected a formula id such as \"cpe\".");
    MR_CHECK(in);
    const core::Formula* found = core::find_formula(id);
    if (found == nullptr) {
        return argument_error("id", "no formula \"" + id + "\"; formulas() lists them all.");
    }
    return formula_json(*found);
}

} // namespace api
