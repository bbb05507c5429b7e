// Share links and URL prefill parameters.
//
// Building blocks (core::detail, public for tests and fuzzers): CRC-32 (IEEE), base64url
// without padding, and a small LZ77 compressor of our own:
//   stream  = varint(uncompressed size) token*
//   token   = 0x00..0x7F: literal run of (token + 1) bytes, the bytes follow
//             0x80..0xFF: match of length (token & 0x7F) + 3 (3..130), followed by
//                         varint(distance - 1), distance 1..32,768 back in the output
//   varint  = unsigned LEB128, at most 32 bits
// The decoder checks every length and distance against what it has produced and the
// declared size, so truncated, flipped or hostile input gives nullopt, never a crash.
// Example: lz_compress("abcabcabc") = 09 02 'a' 'b' 'c' 0x83 02 (size 9, three
// literals, then a 6-byte match 3 back).
//
// URL prefill (parse_prefill): a query string such as
//   ?screen=compare&budget=5000&currency=EUR&theme=dark&accent=%23e4572e&embed=1
// becomes a struct of overrides; a bad parameter gives an Error naming it and leaves
// that override empty; unknown parameters (utm_source ...) are ignored.
#pragma once

#include "core/error.hpp"
#include "core/money.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

// ---- URL prefill parameters ------------------------------------------------------

// Longest query string parse_prefill reads; a longer one is ignored with an error.
inline constexpr std::size_t max_prefill_query_bytes = 4 * 1024;

enum class Theme : std::uint8_t { light, dark, system };

struct PrefillParams {
    std::optional<std::string> screen;   // "screen": a screen id, lower case ("compare")
    std::optional<Money> budget;         // "budget": an amount ("5000", "5k", "$5,000")
    std::optional<Currency> currency;    // "currency": ISO code, "EUR" or "eur"
    std::optional<Theme> theme;          // "theme": light, dark or system (also "auto")
    std::optional<std::uint32_t> accent; // "accent": 0xRRGGBB from "#e4572e", "e4572e", "#e52"
    std::optional<bool> embed;           // "embed": 1/0, true/false, yes/no, or just "embed"
    std::vector<Error> errors;           // one per rejected parameter, field = its name
};

// `query` with or without the leading '?'. Parameters are split on '&', names are
// case-insensitive, values are percent-decoded ('+' is a space); the last of repeated
// parameters wins. The budget is read in the "currency" parameter's currency, or in
// `default_currency` when there is none. `screen_ids` lists the accepted screen ids;
// empty accepts any id made of letters, digits, '-' and '_'.
[[nodiscard]] PrefillParams parse_prefill(std::string_view query,
                                          Currency default_currency = Currency::usd,
                                          const std::vector<std::string_view>& screen_ids = {});

namespace detail {

[[nodiscard]] std::uint32_t crc32(std::string_view data);
[[nodiscard]] std::string base64url_encode(std::string_view data);
// Accepts the base64url alphabet (and '+', '/' from the standard one), optional '='
// padding; nullopt for anything else.
[[nodiscard]] std::optional<std::string> base64url_decode(std::string_view text);
// Input below 2 GiB (share links stay far below).
[[nodiscard]] std::string lz_compress(std::string_view data);
// nullopt when the stream is damaged or would produce more than max_size bytes.
[[nodiscard]] std::optional<std::string> lz_decompress(std::string_view stream,
                                                       std::size_t max_size);
// %XX and '+' decoding; nullopt on a broken escape.
[[nodiscard]] std::optional<std::string> percent_decode(std::string_view text);

} // namespace detail

} // namespace core
