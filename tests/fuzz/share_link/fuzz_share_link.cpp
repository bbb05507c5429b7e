// Fuzzes everything a URL can carry into the app (core/share_link.hpp):
//   - the input as a link fragment: decode gives a Scenario or an Error, and a Scenario
//     encodes and decodes to the same document;
//   - the input as a patch inside a well-formed v1 envelope (valid checksum), so the
//     fuzzer gets past the checksum to the merge patch and the scenario reader;
//   - the input as a compressed stream, with and without the baseline dictionary, and
//     compress -> decompress of the input gives it back;
//   - base64url decode, and encode -> decode of the input;
//   - the input as a query string for parse_prefill.
#include "core/share_link.hpp"
#include "core/state_json.hpp"
#include "tests/fuzz/fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

// Reports the failed promise by line, then aborts so libFuzzer saves the input.

void check_opened(const core::Result<core::Scenario>& scenario) {
    if (!scenario.ok()) {
        check(scenario.error().field == "Share link");
        check(!scenario.error().message.empty());
        return;
    }
    const std::string document = core::export_scenario_json(scenario.value(), false);
    const auto link = core::encode_share_fragment(scenario.value());
    if (!link.ok()) {
        check(link.error().code == core::ErrorCode::too_large);
        return;
    }
    const auto again = core::decode_share_fragment(link.value());
    check(again.ok());
    check(core::export_scenario_json(again.value(), false) == document);
}

// A v1 link around `patch`. Compressed without the dictionary (cheaper, and still a
// valid stream for a decoder that has it: no match reaches into it).
std::string envelope(std::string_view patch) {
    std::string packed = core::detail::lz_compress(patch);
    const std::uint32_t crc = core::detail::crc32(patch);
    for (unsigned shift = 0; shift < 32; shift += 8) {
        packed += static_cast<char>((crc >> shift) & 0xFFU);
    }
    return "v1." + core::detail::base64url_encode(packed);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    check_opened(core::decode_share_fragment(text));
    if (size < 8 * 1024) {
        check_opened(core::decode_share_fragment(envelope(text)));
    }

    constexpr std::size_t limit = 1 << 20;
    if (const auto plain = core::detail::lz_decompress(text, limit)) {
        check(plain->size() <= limit);
    }
    if (const auto plain =
            core::detail::lz_decompress(text, limit, core::detail::share_baseline_v1())) {
        check(plain->size() <= limit);
    }
    check(core::detail::lz_decompress(core::detail::lz_compress(text), size) == std::string(text));

    if (const auto bytes = core::detail::base64url_decode(text)) {
        check(bytes->size() <= size);
    }
    check(core::detail::base64url_decode(core::detail::base64url_encode(text)) ==
          std::string(text));

    const auto params = core::parse_prefill(text);
    if (params.budget) {
        check(params.budget->cents >= 0 && params.budget->cents <= core::max_money_cents);
    }
    if (params.accent) {
        check(*params.accent <= 0xFFFFFFU);
    }
    for (const auto& error : params.errors) {
        check(!error.message.empty() && !error.field.empty());
    }
    return 0;
}
