// Errors as data. Every fallible core function returns core::Result<T>: either a
// value or an Error with a code, the field it concerns and a message written for
// the user ("Followers: type a whole number such as 12,500"). The core never
// throws; the wasm build has no exception support on its shipping path.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace core {

enum class ErrorCode {
    empty,        // nothing was typed
    not_a_number, // text that is not a number
    out_of_range, // a number outside what the field accepts
    overflow,     // a result too large to represent
    invalid,      // a value that breaks a rule of the model
    infeasible,   // constraints no choice can satisfy (optimizer)
    too_large,    // input beyond a documented limit (rows, bytes, length)
    malformed,    // text that is not in the expected format (CSV, JSON, link)
    unsupported,  // a version or option this build does not know
};

struct Error {
    ErrorCode code = ErrorCode::invalid;
    std::string field;   // which input it concerns, as the user sees it ("Followers")
    std::string message; // complete sentence: what is wrong and what to type instead
};

// A value or an Error. Deliberately tiny: C++20 has no std::expected.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}     // NOLINT: implicit by design
    Result(Error error) : state_(std::move(error)) {} // NOLINT: implicit by design

    [[nodiscard]] bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] const T& value() const& {
        assert(ok() && "Result::value() called on an error; check ok() first");
        return std::get<0>(state_);
    }
    [[nodiscard]] T& value() & {
        assert(ok() && "Result::value() called on an error; check ok() first");
        return std::get<0>(state_);
    }
    [[nodiscard]] T&& value() && {
        assert(ok() && "Result::value() called on an error; check ok() first");
        return std::get<0>(std::move(state_));
    }
    [[nodiscard]] const Error& error() const {
        assert(!ok() && "Result::error() called on a value; check ok() first");
        return std::get<1>(state_);
    }
    [[nodiscard]] T value_or(T fallback) const { return ok() ? std::get<0>(state_) : fallback; }

private:
    std::variant<T, Error> state_;
};

[[nodiscard]] inline Error make_error(ErrorCode code, std::string field, std::string message) {
    return Error{code, std::move(field), std::move(message)};
}

// The usual shape: field "Followers", message "Followers: type a whole number ...".
[[nodiscard]] inline Error field_error(ErrorCode code, std::string_view field,
                                       std::string_view what) {
    return Error{code, std::string(field), std::string(field) + ": " + std::string(what)};
}

} // namespace core
