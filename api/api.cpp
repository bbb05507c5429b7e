#include "api/api.hpp"

#include "core/money.hpp"

namespace api {

const json& Args::operator[](std::size_t i) const {
    static const json missing;
    return i < values.size() ? values[i] : missing;
}

const json* Input::object(const json& parent, std::string_view key) {
    const json* value = member(parent, key);
    if (value != nullptr && !value->is_object()) {
        push(std::string(key));
        fail_expected("an object");
        pop();
        return nullptr;
    }
    return value;
}

const json* Input::required(const json& parent, std::string_view key, std::string_view what) {
    const json* value = object(parent, key);
    if (value == nullptr && ok()) {
        fail_at(key, "required: " + std::string(what));
    }
    return value;
}

void Input::fail_at(std::string_view path, std::string_view what) {
    push(std::string(path));
    fail_wording("", what);
    pop();
}

core::Error argument_error(std::string_view name, std::string_view what) {
    return core::make_error(core::ErrorCode::invalid, std::string(name),
                            std::string(name) + ": " + std::string(what));
}

json Input::options(const Args& args, std::size_t index) {
    if (args[index].is_null() || args[index].is_object()) {
        return args[index].is_null() ? json::object() : args[index];
    }
    fail(argument_error("options", "expected an object of options."));
    return json::object();
}

std::string Input::text(const Args& args, std::size_t index, std::string_view name,
                        std::string_view what) {
    if (!args[index].is_string()) {
        fail(argument_error(name, what));
        return {};
    }
    return args[index].get<std::string>();
}

core::Currency Input::currency_argument(const Args& args, std::size_t index) {
    const json& code = args[index];
    const auto currency =
        code.is_string() ? core::currency_from_text(code.get<std::string>()) : std::nullopt;
    if (!code.is_null() && !currency) {
        fail(argument_error("currency", "expected a currency code: USD, EUR, GBP, CAD or AUD."));
    }
    return currency.value_or(core::Currency::usd);
}

json error_json(const core::Error& error) {
    return {{"code", core::schema::enum_name(error.code)},
            {"field", error.field},
            {"message", error.message}};
}

json envelope(Reply reply) {
    json out = json::object();
    out["ok"] = reply.ok();
    if (reply) {
        out["value"] = std::move(reply).value(); // a moved tree: 10,000 rows are megabytes
    } else {
        out["error"] = error_json(reply.error());
    }
    return out;
}

CallResult call(Function f, const std::vector<std::optional<std::string>>& texts,
                InputColumns columns) {
    CallResult result;
    Args args;
    args.columns = &result.columns;
    Reply reply = json();
    for (std::size_t i = 0; i < texts.size() && reply; ++i) {
        if (!texts[i]) {
            reply = argument_error("argument " + std::to_string(i + 1),
                                   "cannot be read as JSON (a circular object or a BigInt); "
                                   "pass plain objects, numbers and text.");
        } else {
            args.values.push_back(texts[i]->empty() ? json() // undefined, a function: left out
                                                    : json::parse(*texts[i], nullptr, false));
            if (!columns.empty()) {
                place_columns(args.values.back(), columns);
            }
        }
    }
    if (reply) {
        reply = f(args);
    }
    const json answer = envelope(std::move(reply));
    // `replace`: invalid UTF-8 in a user's text must not abort the module.
    result.json = answer.dump(-1, ' ', false, json::error_handler_t::replace);
    return result;
}

} // namespace api
