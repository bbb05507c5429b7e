#include "core/share_link.hpp"

#include "core/numbers.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace core {

// [SECTION] Building blocks: CRC-32, base64url, LZ

namespace detail {

namespace {

constexpr std::array<std::uint32_t, 256> make_crc_table() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t n = 0; n < 256; ++n) {
        std::uint32_t c = n;
        for (int k = 0; k < 8; ++k) {
            c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1U) : c >> 1U;
        }
        table[n] = c;
    }
    return table;
}

constexpr std::array<std::uint32_t, 256> crc_table = make_crc_table();

constexpr std::string_view base64url_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// 0..63 for a base64url digit (the standard alphabet's + and / too, since some tools
// convert), -1 otherwise.
int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
        return c - '0' + 52;
    }
    if (c == '-' || c == '+') {
        return 62;
    }
    if (c == '_' || c == '/') {
        return 63;
    }
    return -1;
}

void put_varint(std::string& out, std::uint32_t value) {
    while (value >= 0x80U) {
        out += static_cast<char>((value & 0x7FU) | 0x80U);
        value >>= 7U;
    }
    out += static_cast<char>(value);
}

// Reads an unsigned LEB128 value of at most 32 bits; false on truncation or overflow.
bool get_varint(std::string_view in, std::size_t& position, std::uint32_t& value) {
    value = 0;
    for (unsigned shift = 0; shift < 35; shift += 7) {
        if (position >= in.size()) {
            return false;
        }
        const auto byte = static_cast<unsigned char>(in[position++]);
        const std::uint32_t bits = byte & 0x7FU;
        if (shift == 28 && bits > 0x0FU) {
            return false;
        }
        value |= bits << shift;
        if ((byte & 0x80U) == 0) {
            return true;
        }
    }
    return false;
}

constexpr std::size_t lz_min_match = 3;
constexpr std::size_t lz_max_match = 130;    // token 0x80..0xFF: length 3..130
constexpr std::size_t lz_max_literals = 128; // token 0x00..0x7F: 1..128 literals
constexpr std::size_t lz_window = 32 * 1024;
constexpr std::size_t lz_hash_bits = 14;
constexpr int lz_max_chain = 96;

std::uint32_t lz_hash(std::string_view in, std::size_t i) {
    const std::uint32_t v =
        static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) |
        static_cast<std::uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8U |
        static_cast<std::uint32_t>(static_cast<unsigned char>(in[i + 2])) << 16U;
    return (v * 2654435761U) >> (32U - lz_hash_bits);
}

void flush_literals(std::string& out, std::string_view in, std::size_t start, std::size_t end) {
    while (start < end) {
        const std::size_t count = std::min(lz_max_literals, end - start);
        out += static_cast<char>(count - 1);
        out.append(in.substr(start, count));
        start += count;
    }
}

} // namespace

std::uint32_t crc32(std::string_view data) {
    std::uint32_t c = 0xFFFFFFFFU;
    for (const char byte : data) {
        c = crc_table[(c ^ static_cast<unsigned char>(byte)) & 0xFFU] ^ (c >> 8U);
    }
    return c ^ 0xFFFFFFFFU;
}

std::string base64url_encode(std::string_view data) {
    std::string out;
    out.reserve((data.size() * 4 + 2) / 3);
    std::size_t i = 0;
    for (; i + 3 <= data.size(); i += 3) {
        const std::uint32_t v =
            static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16U |
            static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8U |
            static_cast<unsigned char>(data[i + 2]);
        out += base64url_alphabet[(v >> 18U) & 63U];
        out += base64url_alphabet[(v >> 12U) & 63U];
        out += base64url_alphabet[(v >> 6U) & 63U];
        out += base64url_alphabet[v & 63U];
    }
    const std::size_t rest = data.size() - i;
    if (rest > 0) {
        std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16U;
        if (rest == 2) {
            v |= static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8U;
        }
        out += base64url_alphabet[(v >> 18U) & 63U];
        out += base64url_alphabet[(v >> 12U) & 63U];
        if (rest == 2) {
            out += base64url_alphabet[(v >> 6U) & 63U];
        }
    }
    return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
    while (!text.empty() && text.back() == '=') {
        text.remove_suffix(1);
    }
    if (text.size() % 4 == 1) {
        return std::nullopt;
    }
    std::string out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t buffer = 0;
    unsigned bits = 0;
    for (const char c : text) {
        const int value = base64_value(c);
        if (value < 0) {
            return std::nullopt;
        }
        buffer = (buffer << 6U) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFFU);
        }
    }
    // Leftover bits must be zero, or the text was not produced by an encoder.
    if ((buffer & ((1U << bits) - 1U)) != 0) {
        return std::nullopt;
    }
    return out;
}

std::string lz_compress(std::string_view in) {
    std::string out;
    put_varint(out, static_cast<std::uint32_t>(in.size()));
    const std::size_t n = in.size();
    std::vector<std::int32_t> head(std::size_t{1} << lz_hash_bits, -1);
    std::vector<std::int32_t> previous(n, -1);
    auto insert = [&](std::size_t i) {
        if (i + lz_min_match <= n) {
            const std::uint32_t h = lz_hash(in, i);
            previous[i] = head[h];
            head[h] = static_cast<std::int32_t>(i);
        }
    };
    auto longest = [&](std::size_t i, std::size_t& distance) {
        std::size_t best = 0;
        if (i + lz_min_match > n) {
            return best;
        }
        const std::size_t limit = std::min(lz_max_match, n - i);
        std::int32_t candidate = head[lz_hash(in, i)];
        for (int chain = 0; candidate >= 0 && chain < lz_max_chain; ++chain) {
            const auto c = static_cast<std::size_t>(candidate);
            if (i - c > lz_window) {
                break;
            }
            std::size_t length = 0;
            while (length < limit && in[c + length] == in[i + length]) {
                ++length;
            }
            if (length > best) {
                best = length;
                distance = i - c;
                if (length == limit) {
                    break;
                }
            }
            candidate = previous[c];
        }
        return best >= lz_min_match ? best : 0;
    };

    std::size_t inserted = 0; // positions below this are in the hash chains
    auto insert_until = [&](std::size_t end) {
        for (; inserted < end; ++inserted) {
            insert(inserted);
        }
    };
    std::size_t literal_start = 0;
    std::size_t i = 0;
    while (i < n) {
        insert_until(i);
        std::size_t distance = 0;
        std::size_t length = longest(i, distance);
        if (length > 0 && i + 1 < n) {
            // One step of lazy matching: a longer match one byte later wins.
            insert_until(i + 1);
            std::size_t next_distance = 0;
            const std::size_t next = longest(i + 1, next_distance);
            if (next > length) {
                ++i;
                length = next;
                distance = next_distance;
            }
        }
        if (length == 0) {
            ++i;
            continue;
        }
        flush_literals(out, in, literal_start, i);
        out += static_cast<char>(0x80U | (length - lz_min_match));
        put_varint(out, static_cast<std::uint32_t>(distance - 1));
        i += length;
        literal_start = i;
    }
    flush_literals(out, in, literal_start, n);
    return out;
}

std::optional<std::string> lz_decompress(std::string_view in, std::size_t max_size) {
    std::size_t position = 0;
    std::uint32_t declared = 0;
    if (!get_varint(in, position, declared) || declared > max_size) {
        return std::nullopt;
    }
    std::string out;
    out.reserve(declared);
    while (position < in.size()) {
        const auto token = static_cast<unsigned char>(in[position++]);
        if (token < 0x80U) {
            const std::size_t count = std::size_t{token} + 1;
            if (in.size() - position < count || declared - out.size() < count) {
                return std::nullopt;
            }
            out.append(in.substr(position, count));
            position += count;
            continue;
        }
        const std::size_t length = (token & 0x7FU) + lz_min_match;
        std::uint32_t distance_minus_one = 0;
        if (!get_varint(in, position, distance_minus_one)) {
            return std::nullopt;
        }
        const std::size_t distance = std::size_t{distance_minus_one} + 1;
        if (distance > out.size() || declared - out.size() < length) {
            return std::nullopt;
        }
        const std::size_t from = out.size() - distance;
        for (std::size_t k = 0; k < length; ++k) {
            out += out[from + k]; // may overlap the bytes being written: runs
        }
    }
    if (out.size() != declared) {
        return std::nullopt;
    }
    return out;
}

std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    auto hex = [](char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%') {
            if (i + 2 >= text.size()) {
                return std::nullopt;
            }
            const int high = hex(text[i + 1]);
            const int low = hex(text[i + 2]);
            if (high < 0 || low < 0) {
                return std::nullopt;
            }
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace detail

// [SECTION] URL prefill parameters

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::string trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return std::string(text);
}

std::optional<std::uint32_t> parse_colour(std::string_view text) {
    if (!text.empty() && text.front() == '#') {
        text.remove_prefix(1);
    }
    if (text.size() != 3 && text.size() != 6) {
        return std::nullopt;
    }
    std::uint32_t value = 0;
    for (const char c : text) {
        std::uint32_t digit = 0;
        if (c >= '0' && c <= '9') {
            digit = static_cast<std::uint32_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digit = static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            digit = static_cast<std::uint32_t>(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
        // "#e52" is shorthand for "#ee5522": each digit doubled.
        value = text.size() == 3 ? (value << 8U) | (digit << 4U) | digit : (value << 4U) | digit;
    }
    return value;
}

bool valid_screen_id(std::string_view id) {
    if (id.empty() || id.size() > 32) {
        return false;
    }
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

Error parameter_error(std::string_view name, std::string message) {
    return make_error(ErrorCode::invalid, std::string(name), std::move(message));
}

} // namespace

PrefillParams parse_prefill(std::string_view query, Currency default_currency,
                            const std::vector<std::string_view>& screen_ids) {
    PrefillParams params;
    if (!query.empty() && query.front() == '?') {
        query.remove_prefix(1);
    }
    if (query.size() > max_prefill_query_bytes) {
        params.errors.push_back(make_error(
            ErrorCode::too_large, "URL",
            "URL: the parameters are longer than 4 KB, so they were ignored; shorten the link."));
        return params;
    }
    std::optional<std::string> budget_text;
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string_view::npos) {
            end = query.size();
        }
        const std::string_view pair = query.substr(start, end - start);
        start = end + 1;
        if (pair.empty()) {
            continue;
        }
        const std::size_t equals = pair.find('=');
        const auto raw_name = detail::percent_decode(pair.substr(0, equals));
        if (!raw_name) {
            continue; // not one of ours: nothing to report against
        }
        const std::string name = lower(trimmed(*raw_name));
        const bool known = name == "screen" || name == "budget" || name == "currency" ||
                           name == "theme" || name == "accent" || name == "embed";
        if (!known) {
            continue;
        }
        const auto decoded = detail::percent_decode(
            equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1));
        if (!decoded) {
            params.errors.push_back(parameter_error(
                name, name + ": the value has a broken %-escape; copy the link again."));
            continue;
        }
        const std::string value = trimmed(*decoded);
        if (name == "screen") {
            const std::string id = lower(value);
            const bool listed = screen_ids.empty() ? valid_screen_id(id)
                                                   : std::find(screen_ids.begin(), screen_ids.end(),
                                                               id) != screen_ids.end();
            if (listed) {
                params.screen = id;
            } else {
                std::string choices;
                for (std::size_t k = 0; k < screen_ids.size(); ++k) {
                    choices += (k == 0 ? "" : ", ") + std::string(screen_ids[k]);
                }
                params.errors.push_back(parameter_error(
                    name, "screen: \"" + value + "\" is not a screen" +
                              (choices.empty() ? "" : "; use one of " + choices) + "."));
            }
        } else if (name == "budget") {
            budget_text = value;
        } else if (name == "currency") {
            const auto currency = value.size() == 3 ? currency_from_text(value) : std::nullopt;
            if (currency) {
                params.currency = currency;
            } else {
                params.errors.push_back(
                    parameter_error(name, "currency: \"" + value +
                                              "\" is not a currency here; use USD, EUR, "
                                              "GBP, CAD or AUD."));
            }
        } else if (name == "theme") {
            const std::string theme = lower(value);
            if (theme == "light") {
                params.theme = Theme::light;
            } else if (theme == "dark") {
                params.theme = Theme::dark;
            } else if (theme == "system" || theme == "auto") {
                params.theme = Theme::system;
            } else {
                params.errors.push_back(parameter_error(
                    name, "theme: \"" + value + "\" is not a theme; use light, dark or system."));
            }
        } else if (name == "accent") {
            if (const auto colour = parse_colour(value)) {
                params.accent = colour;
            } else {
                params.errors.push_back(parameter_error(
                    name, "accent: \"" + value +
                              "\" is not a colour; use six hex digits such as %23e4572e."));
            }
        } else if (name == "embed") {
            const std::string flag = lower(value);
            if (equals == std::string_view::npos || flag == "1" || flag == "true" ||
                flag == "yes" || flag == "on") {
                params.embed = true;
            } else if (flag == "0" || flag == "false" || flag == "no" || flag == "off") {
                params.embed = false;
            } else {
                params.errors.push_back(parameter_error(
                    name, "embed: \"" + value + "\" is not on or off; use 1 or 0."));
            }
        }
    }
    if (budget_text) {
        const Currency currency = params.currency.value_or(default_currency);
        auto budget = parse_money(*budget_text, "budget", currency);
        if (budget.ok()) {
            params.budget = budget.value();
        } else {
            params.errors.push_back(budget.error());
        }
    }
    return params;
}

} // namespace core
