// Share links and URL prefill parameters.
//
// Share link: the whole Scenario in the URL fragment, "#v3.<payload>":
//   document = export of the scenario (core/state_json.hpp), as JSON
//   patch    = RFC 7386 merge patch from a frozen baseline document (the default
//              scenario as it was when that link version was made) to the document, so
//              only what differs travels; arrays that differ travel whole
//   payload  = base64url( lz(patch text, dictionary = baseline text) + CRC-32 of the
//              patch text, 4 bytes little endian )
// The version prefix names this envelope and baseline; both are frozen per version, so
// a v1 link (baseline of the first default scenario), a v2 link (baseline of the
// default scenario with issue 14's sourced model) and a v3 link (plans from the roster,
// issue 18) open the same way in every later build (the state inside is migrated like a
// saved file). New links are v3. Decoding checks every
// step; a truncated, altered or hostile link gives an Error (field "Share link") whose message the
// UI can show as is, e.g. "This link is damaged; opened the default scenario instead." (the UI then
// opens the default). Limits: 32 KB of fragment (encode refuses larger scenarios: save a file
// instead), 512 KB of decompressed patch, and a decoding cost bound: at most 1,000 objects (a
// roster row, a post, a tracked result ... is one) and 20,000 values in the patch,
// counted before it is parsed. A link the app writes holds at most 400 roster rows
// (about 5,600 values); without the bound a 6 KB link of 99,999 empty rows ("{},"
// compresses to almost nothing) took seconds to open. Encode refuses what decode
// would refuse. The default scenario encodes to "v2." and a few characters; a changed
// roster of ten adds a few hundred.
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
#include "core/scenario.hpp"

#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

// ---- Share links ------------------------------------------------------------------

inline constexpr int share_link_version = 3;
inline constexpr std::size_t max_share_fragment_bytes = 32 * 1024;
inline constexpr std::size_t max_share_payload_bytes = 512 * 1024;
inline constexpr std::size_t max_share_objects = 1'000;
inline constexpr std::size_t max_share_values = 20'000;

// "v2.…" (no '#'). Error too_large when it would exceed max_share_fragment_bytes.
[[nodiscard]] Result<std::string> encode_share_fragment(const Scenario& scenario);
// The fragment with or without '#', spaces and line breaks around it ignored.
// Errors: malformed (damaged), unsupported (a newer link version or state format),
// too_large (over the limits).
[[nodiscard]] Result<Scenario> decode_share_fragment(std::string_view fragment);

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
// empty means the app's screens (core::screen_ids(): "engagement", "compare" ...).
[[nodiscard]] PrefillParams parse_prefill(std::string_view query,
                                          Currency default_currency = Currency::usd,
                                          const std::vector<std::string_view>& screen_ids = {});

namespace detail {

[[nodiscard]] std::uint32_t crc32(std::string_view data);
[[nodiscard]] std::string base64url_encode(std::string_view data);
// Accepts the base64url alphabet (and '+', '/' from the standard one), optional '='
// padding; nullopt for anything else.
[[nodiscard]] std::optional<std::string> base64url_decode(std::string_view text);
// Input below 2 GiB (share links stay far below). With a dictionary, matches may
// refer into it (as if it preceded the data); the decoder needs the same dictionary.
[[nodiscard]] std::string lz_compress(std::string_view data, std::string_view dictionary = {});
// nullopt when the stream is damaged or would produce more than max_size bytes.
[[nodiscard]] std::optional<std::string>
lz_decompress(std::string_view stream, std::size_t max_size, std::string_view dictionary = {});
// RFC 7386: the patch that turns `from` into `to` (objects member by member, anything
// else replaced whole; a member missing from `to` becomes null).
[[nodiscard]] nlohmann::json create_merge_patch(const nlohmann::json& from,
                                                const nlohmann::json& to);
// The frozen baselines of each link version (compact JSON). Never edit them: links of
// every version open in every later build. A new one: scripts/new-share-baseline.sh.
[[nodiscard]] std::string_view share_baseline_v1();
[[nodiscard]] std::string_view share_baseline_v2(); // core/share_baseline_v2.cpp
[[nodiscard]] std::string_view share_baseline_v3(); // core/share_baseline_v3.cpp
// Whether a JSON text holds at most `max_objects` objects and `max_values` values
// (counted outside strings: each '{', and each '{', '[' and ','), stopping at the first
// count past its limit. Linear in the text, no allocation.
[[nodiscard]] bool json_cost_within(std::string_view text, std::size_t max_objects,
                                    std::size_t max_values);
// %XX and '+' decoding; nullopt on a broken escape.
[[nodiscard]] std::optional<std::string> percent_decode(std::string_view text);

} // namespace detail

} // namespace core
