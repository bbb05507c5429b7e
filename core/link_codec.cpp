// The building blocks of share links (core/share_link.hpp, core::detail): CRC-32,
// base64url, the small LZ77 compressor and %-decoding. Kept apart from the link format
// itself (core/share_link.cpp) because nothing here knows about scenarios.
#include "core/numbers.hpp"
#include "core/share_link.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

std::string lz_compress(std::string_view data, std::string_view dictionary) {
    std::string out;
    put_varint(out, static_cast<std::uint32_t>(data.size()));
    // Compress dictionary + data, emitting tokens for the data only: matches may reach
    // back into the dictionary, which the decoder holds too.
    std::string joined;
    joined.reserve(dictionary.size() + data.size());
    joined.append(dictionary);
    joined.append(data);
    const std::string_view in = joined;
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
    std::size_t literal_start = dictionary.size();
    std::size_t i = dictionary.size();
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

std::optional<std::string> lz_decompress(std::string_view in, std::size_t max_size,
                                         std::string_view dictionary) {
    std::size_t position = 0;
    std::uint32_t declared_data = 0;
    if (!get_varint(in, position, declared_data) || declared_data > max_size) {
        return std::nullopt;
    }
    // The output starts with the dictionary so matches can reach into it.
    const std::size_t declared = dictionary.size() + declared_data;
    std::string out;
    out.reserve(declared);
    out.append(dictionary);
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
    return out.substr(dictionary.size());
}

std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%') {
            if (i + 2 >= text.size()) {
                return std::nullopt;
            }
            const int high = hex_digit(text[i + 1]);
            const int low = hex_digit(text[i + 2]);
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

} // namespace core
