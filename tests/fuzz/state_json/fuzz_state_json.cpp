// Fuzzes the JSON state import (core/state_json.hpp). Whatever the text, the import
// returns a Scenario or an Error with a message; a Scenario that comes back exports to
// a document that imports to the same Scenario (export -> import -> export gives the
// same text) and survives a share link round trip.
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

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto scenario = core::import_scenario_json(text);
    if (!scenario.ok()) {
        check(!scenario.error().message.empty());
        check(scenario.error().field == "Scenario file");
        return 0;
    }
    const std::string once = core::export_scenario_json(scenario.value(), false);
    const auto again = core::import_scenario_json(once);
    check(again.ok());
    check(core::export_scenario_json(again.value(), false) == once);

    const auto link = core::encode_share_fragment(scenario.value());
    if (link.ok()) {
        const auto opened = core::decode_share_fragment(link.value());
        check(opened.ok());
        check(core::export_scenario_json(opened.value(), false) == once);
    } else {
        check(link.error().code == core::ErrorCode::too_large);
    }
    return 0;
}
