#include "core/numbers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fast_float/fast_float.h>
#include <optional>
#include <string>
#include <system_error>

namespace core {
namespace {

enum class Kind : std::uint8_t { number, count, rate, money };

enum class ScanFail : std::uint8_t {
    none,
    empty,
    too_long,
    not_a_number,
    grouping,      // "1,23": separators not between full groups of three
    decimal_style, // "1.234,50" typed while the format expects "1,234.50" (or the reverse)
};

// What the text says, before any field rule is applied. The digits are kept as text so
// that counts and money can be computed exactly, without a detour through binary.
struct Scan {
    bool negative = false;
    std::string digits; // every digit typed, separators removed
    int point = 0;      // how many of those digits follow the decimal mark
    int exponent = 0;   // from a multiplier: k = 3, M = 6, B = 9
    bool percent = false;
    bool has_currency = false;
    bool generic_dollar = false; // a bare "$": any dollar currency
    Currency currency = Currency::usd;
};

struct ScanResult {
    ScanFail fail = ScanFail::none;
    Scan scan;
};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char to_upper(char c) {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

// Spaces come in many forms when text is pasted from a spreadsheet or a web page; the
// typographic minus comes from word processors. Both are folded to ASCII first so that
// the grammar below only deals with one space and one minus.
std::string normalize(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::string_view rest = text.substr(i);
        if (rest.starts_with("\xC2\xA0")) { // no-break space
            out += ' ';
            i += 1;
        } else if (rest.starts_with("\xE2\x80\xAF") || rest.starts_with("\xE2\x80\x89")) {
            out += ' '; // narrow no-break space, thin space
            i += 2;
        } else if (rest.starts_with("\xE2\x88\x92")) { // minus sign
            out += '-';
            i += 2;
        } else if (text[i] == '\t' || text[i] == '\n' || text[i] == '\r' || text[i] == '\v' ||
                   text[i] == '\f') {
            out += ' ';
        } else {
            out += text[i];
        }
    }
    const auto first = out.find_first_not_of(' ');
    if (first == std::string::npos) {
        return {};
    }
    const auto last = out.find_last_not_of(' ');
    return out.substr(first, last - first + 1);
}

// Length of the currency sign or code at `pos`, 0 when there is none. Codes must not
// run into further letters, so "USDX" is not USD.
std::size_t match_currency(std::string_view s, std::size_t pos, Scan& scan) {
    std::size_t best = 0;
    const std::string_view rest = s.substr(pos);
    for (const auto& info : all_currencies) {
        if (info.symbol.size() > best && rest.starts_with(info.symbol)) {
            best = info.symbol.size();
            scan.currency = info.currency;
            scan.generic_dollar = info.symbol == "$";
        }
        if (rest.size() >= 3 && info.code.size() > best &&
            (rest.size() == 3 || !is_letter(rest[3]))) {
            bool same = true;
            for (std::size_t i = 0; i < 3; ++i) {
                same = same && to_upper(rest[i]) == info.code[i];
            }
            if (same) {
                best = 3;
                scan.currency = info.currency;
                scan.generic_dollar = false;
            }
        }
    }
    return best;
}

std::size_t skip_spaces(std::string_view s, std::size_t pos) {
    while (pos < s.size() && s[pos] == ' ') {
        ++pos;
    }
    return pos;
}

ScanResult scan_text(std::string_view text, NumberFormat format) {
    ScanResult result;
    if (text.size() > max_number_text) {
        result.fail = ScanFail::too_long;
        return result;
    }
    const std::string s = normalize(text);
    if (s.empty()) {
        result.fail = ScanFail::empty;
        return result;
    }
    Scan& scan = result.scan;
    const std::size_t n = s.size();
    std::size_t pos = 0;

    // Prefix: at most one sign and one currency, in either order ("-$5", "$-5").
    bool has_sign = false;
    while (pos < n) {
        if (s[pos] == '-' || s[pos] == '+') {
            if (has_sign) {
                result.fail = ScanFail::not_a_number;
                return result;
            }
            has_sign = true;
            scan.negative = s[pos] == '-';
            pos = skip_spaces(s, pos + 1);
            continue;
        }
        if (!scan.has_currency) {
            if (const std::size_t len = match_currency(s, pos, scan); len > 0) {
                scan.has_currency = true;
                pos = skip_spaces(s, pos + len);
                continue;
            }
        }
        break;
    }

    // Body: digit runs split by one kind of thousands separator, then an optional
    // decimal mark and fraction digits.
    const char decimal_mark = format.decimal_comma ? ',' : '.';
    const char group_mark = format.decimal_comma ? '.' : ',';
    std::string int_digits;
    std::string frac_digits;
    bool seen_point = false;
    char separator = 0;
    int first_run = 0;
    bool grouping_ok = true;
    int runs = 0;

    auto read_run = [&](std::string& into) {
        const std::size_t start = pos;
        while (pos < n && is_digit(s[pos])) {
            into += s[pos++];
        }
        return static_cast<int>(pos - start);
    };

    first_run = read_run(int_digits);
    runs = 1;
    while (pos < n) {
        const char c = s[pos];
        const bool next_is_digit = pos + 1 < n && is_digit(s[pos + 1]);
        if (!seen_point && (c == group_mark || c == ' ' || c == '\'') && next_is_digit &&
            first_run > 0) {
            if (separator != 0 && separator != c) {
                grouping_ok = false;
            }
            separator = c;
            ++pos;
            const int len = read_run(int_digits);
            ++runs;
            grouping_ok = grouping_ok && len == 3;
            continue;
        }
        if (c == decimal_mark && !seen_point) {
            seen_point = true;
            ++pos;
            read_run(frac_digits);
            continue;
        }
        break;
    }
    if (runs > 1 && (first_run > 3 || first_run < 1)) {
        grouping_ok = false;
    }
    if (int_digits.empty() && frac_digits.empty()) {
        result.fail = ScanFail::not_a_number;
        return result;
    }
    if (!grouping_ok) {
        result.fail = ScanFail::grouping;
        return result;
    }

    // A second decimal mark, or a separator after the fraction, usually means the
    // text was written in the other decimal style ("1.234,50" under "1,234.50").
    if (pos < n && (s[pos] == decimal_mark || s[pos] == group_mark)) {
        const bool other_style =
            seen_point && s[pos] == group_mark && pos + 1 < n && is_digit(s[pos + 1]);
        result.fail = other_style ? ScanFail::decimal_style : ScanFail::not_a_number;
        return result;
    }

    // Suffix: multiplier, percent sign, currency, each optional, spaces allowed.
    pos = skip_spaces(s, pos);
    if (pos < n && (pos + 1 == n || !is_letter(s[pos + 1]))) {
        switch (s[pos]) {
        case 'k':
        case 'K':
            scan.exponent = 3;
            break;
        case 'm':
        case 'M':
            scan.exponent = 6;
            break;
        case 'b':
        case 'B':
            scan.exponent = 9;
            break;
        default:
            break;
        }
        if (scan.exponent != 0) {
            pos = skip_spaces(s, pos + 1);
        }
    }
    if (pos < n && s[pos] == '%') {
        scan.percent = true;
        pos = skip_spaces(s, pos + 1);
    }
    if (pos < n && !scan.has_currency) {
        if (const std::size_t len = match_currency(s, pos, scan); len > 0) {
            scan.has_currency = true;
            pos = skip_spaces(s, pos + len);
        }
    }
    if (pos != n) {
        result.fail = ScanFail::not_a_number;
        return result;
    }
    scan.digits = int_digits + frac_digits;
    scan.point = static_cast<int>(frac_digits.size());
    return result;
}

// The exact decimal value digits x 10^(exponent10), correctly rounded to a double.
double to_double(const std::string& digits, int exponent10) {
    const std::string text = digits + "e" + std::to_string(exponent10);
    double value = 0.0;
    const auto answer = fast_float::from_chars(text.data(), text.data() + text.size(), value);
    if (answer.ec != std::errc() || answer.ptr != text.data() + text.size() ||
        !std::isfinite(value)) {
        return HUGE_VAL; // callers treat anything above the limit as out of range
    }
    return value;
}

// digits x 10^shift as an integer, rounding dropped digits half away from zero when
// `round` is set, otherwise reporting (via `exact`) whether anything was dropped.
// nullopt when the result does not fit in 18 digits.
std::optional<std::int64_t> to_integer(std::string digits, int shift, bool& exact) {
    exact = true;
    bool round_up = false;
    if (shift < 0) {
        const auto drop = static_cast<std::size_t>(-shift);
        const std::size_t keep = digits.size() > drop ? digits.size() - drop : 0;
        const std::string dropped = digits.substr(keep);
        exact = dropped.find_first_not_of('0') == std::string::npos;
        // The dropped part is at least one half exactly when its first digit is 5-9;
        // when every typed digit is dropped the first dropped digit may be an implied 0.
        round_up = drop <= digits.size() && !dropped.empty() && dropped[0] >= '5';
        digits.resize(keep);
    } else {
        digits.append(static_cast<std::size_t>(shift), '0');
    }
    const auto first = digits.find_first_not_of('0');
    digits = first == std::string::npos ? std::string() : digits.substr(first);
    if (digits.size() > 18) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    for (const char c : digits) {
        value = value * 10 + (c - '0');
    }
    return round_up ? value + 1 : value;
}

// Up to six decimals, trailing zeros removed: range limits in messages.
std::string format_limit(double value, NumberFormat format) {
    std::string text = format_number(value, 6, format);
    const char mark = format.decimal_comma ? ',' : '.';
    if (text.find(mark) != std::string::npos) {
        while (text.back() == '0') {
            text.pop_back();
        }
        if (text.back() == mark) {
            text.pop_back();
        }
    }
    return text;
}

std::string example(Kind kind, NumberFormat format, Currency currency) {
    switch (kind) {
    case Kind::number:
        return format.decimal_comma ? "a number such as 1.234,5" : "a number such as 1,234.5";
    case Kind::count:
        return format.decimal_comma ? "a whole number such as 12.500"
                                    : "a whole number such as 12,500";
    case Kind::rate:
        return format.decimal_comma ? "a percentage such as 7,4%" : "a percentage such as 7.4%";
    case Kind::money:
        return "an amount such as " + std::string(currency_info(currency).symbol) + "100";
    }
    return "a number";
}

struct Field {
    std::string_view name;
    Kind kind;
    NumberFormat format;
    Currency currency = Currency::usd;

    [[nodiscard]] Error error(ErrorCode code, const std::string& what) const {
        return field_error(code, name, what);
    }
    [[nodiscard]] std::string ex() const { return example(kind, format, currency); }
};

Error scan_error(ScanFail fail, const Field& f) {
    switch (fail) {
    case ScanFail::empty:
        return f.error(ErrorCode::empty, "type " + f.ex() + ".");
    case ScanFail::too_long:
        return f.error(ErrorCode::too_large, "the text is too long; type " + f.ex() + ".");
    case ScanFail::grouping:
        return f.error(ErrorCode::not_a_number,
                       std::string("put thousands separators only between groups of three "
                                   "digits and use a ") +
                           (f.format.decimal_comma ? "comma" : "point") + " for decimals; type " +
                           f.ex() + ".");
    case ScanFail::decimal_style:
        return f.error(ErrorCode::not_a_number,
                       std::string("this looks like a decimal ") +
                           (f.format.decimal_comma ? "point" : "comma") + "; type " + f.ex() +
                           ", or choose the decimal-" +
                           (f.format.decimal_comma ? "point" : "comma") + " number format.");
    case ScanFail::none:
    case ScanFail::not_a_number:
        break;
    }
    return f.error(ErrorCode::not_a_number, "that is not a number; type " + f.ex() + ".");
}

// Rules shared by every non-money field: no currency, % only in rates, sign only if
// the range allows it. Returns the field's error, or nullopt when the scan passes.
std::optional<Error> check_plain(const Scan& scan, const Field& f, bool allow_negative) {
    if (scan.has_currency) {
        return f.error(ErrorCode::not_a_number,
                       "leave out the currency sign; type " + f.ex() + ".");
    }
    if (scan.percent && f.kind != Kind::rate) {
        return f.error(ErrorCode::not_a_number, "leave out the % sign; type " + f.ex() + ".");
    }
    if (scan.negative && !allow_negative &&
        scan.digits.find_first_not_of('0') != std::string::npos) {
        return f.error(ErrorCode::out_of_range, "cannot be negative; type " + f.ex() + ".");
    }
    return std::nullopt;
}

Result<double> parse_real(std::string_view text, const Field& f, double min, double max,
                          int extra_exponent) {
    const ScanResult scanned = scan_text(text, f.format);
    if (scanned.fail != ScanFail::none) {
        return scan_error(scanned.fail, f);
    }
    const Scan& scan = scanned.scan;
    if (auto error = check_plain(scan, f, min < 0.0)) {
        return *error;
    }
    double value = to_double(scan.digits, scan.exponent - scan.point + extra_exponent);
    if (scan.negative) {
        value = -value;
    }
    if (value == 0.0) {
        value = 0.0; // no "-0" leaks out
    }
    const double scale = f.kind == Kind::rate ? 100.0 : 1.0;
    if (!(value >= min && value <= max) || std::fabs(value * scale) > max_number_magnitude) {
        if (f.kind == Kind::rate) {
            return f.error(ErrorCode::out_of_range,
                           "type a percentage from " + format_limit(min * 100.0, f.format) +
                               "% to " + format_limit(max * 100.0, f.format) + "%.");
        }
        return f.error(ErrorCode::out_of_range, "type a number from " +
                                                    format_limit(min, f.format) + " to " +
                                                    format_limit(max, f.format) + ".");
    }
    return value;
}

Result<Money> parse_amount(std::string_view text, const Field& f, bool allow_negative) {
    const ScanResult scanned = scan_text(text, f.format);
    if (scanned.fail != ScanFail::none) {
        return scan_error(scanned.fail, f);
    }
    const Scan& scan = scanned.scan;
    const CurrencyInfo& info = currency_info(f.currency);
    if (scan.percent) {
        return f.error(ErrorCode::not_a_number, "leave out the % sign; type " + f.ex() + ".");
    }
    if (scan.has_currency) {
        const bool dollar_field = f.currency == Currency::usd || f.currency == Currency::cad ||
                                  f.currency == Currency::aud;
        const bool matches = scan.generic_dollar ? dollar_field : scan.currency == f.currency;
        if (!matches) {
            return f.error(ErrorCode::invalid,
                           "the currency here is the " + std::string(info.name) + " (" +
                               std::string(info.code) + "); type " + f.ex() + ".");
        }
    }
    bool exact = true;
    const auto cents = to_integer(scan.digits, scan.exponent - scan.point + 2, exact);
    const bool negative = scan.negative && cents.value_or(1) != 0;
    if (negative && !allow_negative) {
        return f.error(ErrorCode::out_of_range, "cannot be negative; type " + f.ex() + ".");
    }
    if (!cents || *cents > max_money_cents) {
        const Money limit{max_money_cents, f.currency};
        const std::string low =
            allow_negative
                ? format_money(Money{-max_money_cents, f.currency}, CentsStyle::never, f.format)
                : format_money(Money::zero(f.currency), CentsStyle::never, f.format);
        return f.error(ErrorCode::out_of_range,
                       "type an amount from " + low + " to " +
                           format_money(limit, CentsStyle::never, f.format) + ".");
    }
    return Money{negative ? -*cents : *cents, f.currency};
}

// Groups of three digits, most significant first: "1234567" -> "1,234,567".
std::string group_digits(const std::string& digits, char separator) {
    std::string out;
    out.reserve(digits.size() + digits.size() / 3);
    const std::size_t lead = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i >= lead && (i - lead) % 3 == 0) {
            out += separator;
        }
        out += digits[i];
    }
    return out;
}

std::string unsigned_digits(std::uint64_t value) {
    std::string digits;
    do {
        digits += static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    std::reverse(digits.begin(), digits.end());
    return digits;
}

} // namespace

Result<double> parse_number(std::string_view text, std::string_view field, NumberFormat format) {
    return parse_real(text, Field{field, Kind::number, format}, 0.0, max_number_magnitude, 0);
}

Result<double> parse_number_in(std::string_view text, std::string_view field, double min,
                               double max, NumberFormat format) {
    return parse_real(text, Field{field, Kind::number, format}, min, max, 0);
}

Result<std::int64_t> parse_count(std::string_view text, std::string_view field, std::int64_t min,
                                 std::int64_t max, NumberFormat format) {
    const Field f{field, Kind::count, format};
    const ScanResult scanned = scan_text(text, format);
    if (scanned.fail != ScanFail::none) {
        return scan_error(scanned.fail, f);
    }
    const Scan& scan = scanned.scan;
    if (auto error = check_plain(scan, f, min < 0)) {
        return *error;
    }
    bool exact = true;
    const auto magnitude = to_integer(scan.digits, scan.exponent - scan.point, exact);
    if (!exact) {
        return f.error(ErrorCode::invalid, "type " + f.ex() + ".");
    }
    const auto limit = static_cast<std::int64_t>(max_number_magnitude);
    if (!magnitude || *magnitude > limit || (scan.negative ? -*magnitude : *magnitude) < min ||
        (scan.negative ? -*magnitude : *magnitude) > max) {
        return f.error(ErrorCode::out_of_range,
                       "type a whole number from " + format_count(std::max(min, -limit), format) +
                           " to " + format_count(std::min(max, limit), format) + ".");
    }
    return scan.negative ? -*magnitude : *magnitude;
}

Result<double> parse_rate(std::string_view text, std::string_view field, NumberFormat format) {
    return parse_real(text, Field{field, Kind::rate, format}, 0.0, 1.0, -2);
}

Result<double> parse_rate_in(std::string_view text, std::string_view field, double min, double max,
                             NumberFormat format) {
    return parse_real(text, Field{field, Kind::rate, format}, min, max, -2);
}

Result<Money> parse_money(std::string_view text, std::string_view field, Currency currency,
                          NumberFormat format) {
    return parse_amount(text, Field{field, Kind::money, format, currency}, false);
}

Result<Money> parse_signed_money(std::string_view text, std::string_view field, Currency currency,
                                 NumberFormat format) {
    return parse_amount(text, Field{field, Kind::money, format, currency}, true);
}

std::string format_number(double value, int decimals, NumberFormat format) {
    if (!std::isfinite(value)) {
        return "not defined";
    }
    decimals = std::clamp(decimals, 0, 9);
    char buffer[400]; // DBL_MAX has 309 integer digits
    const int written = std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    if (written <= 0 || static_cast<std::size_t>(written) >= sizeof buffer) {
        return "not defined";
    }
    std::string text(buffer, static_cast<std::size_t>(written));
    bool negative = !text.empty() && text[0] == '-';
    if (negative) {
        text.erase(0, 1);
    }
    if (text.find_first_not_of("0.") == std::string::npos) {
        negative = false; // "-0.0" prints as "0.0"
    }
    const auto dot = text.find('.');
    const std::string int_part = text.substr(0, dot);
    const std::string frac_part = dot == std::string::npos ? std::string() : text.substr(dot + 1);
    std::string out = negative ? "-" : "";
    out += group_digits(int_part, format.decimal_comma ? '.' : ',');
    if (!frac_part.empty()) {
        out += format.decimal_comma ? ',' : '.';
        out += frac_part;
    }
    return out;
}

std::string format_count(std::int64_t value, NumberFormat format) {
    const bool negative = value < 0;
    // Negate in unsigned arithmetic so that INT64_MIN works.
    const std::uint64_t magnitude =
        negative ? ~static_cast<std::uint64_t>(value) + 1 : static_cast<std::uint64_t>(value);
    return (negative ? "-" : "") +
           group_digits(unsigned_digits(magnitude), format.decimal_comma ? '.' : ',');
}

std::string format_money(Money amount, CentsStyle cents, NumberFormat format) {
    const bool negative = amount.cents < 0;
    const std::uint64_t magnitude = negative ? ~static_cast<std::uint64_t>(amount.cents) + 1
                                             : static_cast<std::uint64_t>(amount.cents);
    std::uint64_t units = magnitude / 100;
    const std::uint64_t rest = magnitude % 100;
    bool show_cents = false;
    switch (cents) {
    case CentsStyle::when_needed:
        show_cents = rest != 0;
        break;
    case CentsStyle::always:
        show_cents = true;
        break;
    case CentsStyle::never:
        units += rest >= 50 ? 1 : 0; // half away from zero, on the magnitude
        break;
    }
    std::string out;
    if (negative && (units != 0 || (show_cents && rest != 0))) {
        out += '-';
    }
    out += currency_info(amount.currency).symbol;
    out += group_digits(unsigned_digits(units), format.decimal_comma ? '.' : ',');
    if (show_cents) {
        out += format.decimal_comma ? ',' : '.';
        out += static_cast<char>('0' + rest / 10);
        out += static_cast<char>('0' + rest % 10);
    }
    return out;
}

std::string format_percent(double rate, int decimals, NumberFormat format) {
    if (!std::isfinite(rate)) {
        return "not defined";
    }
    return format_number(rate * 100.0, decimals, format) + "%";
}

std::string hex_color(std::uint32_t rgb) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string text = "#";
    for (int shift = 20; shift >= 0; shift -= 4) {
        text += digits[(rgb >> shift) & 0xF];
    }
    return text;
}

std::optional<Error> check_amount(Money amount, Currency currency, std::string_view field,
                                  std::string_view example) {
    if (amount.currency != currency) {
        return field_error(ErrorCode::invalid, field,
                           "use the plan's currency (" + std::string(currency_info(currency).code) +
                               ").");
    }
    if (amount.cents < 0 || amount.cents > max_money_cents) {
        return field_error(ErrorCode::out_of_range, field,
                           "type an amount of " + format_money(Money::zero(currency)) +
                               " or more, such as " + std::string(currency_info(currency).symbol) +
                               std::string(example) + ".");
    }
    return std::nullopt;
}

} // namespace core
