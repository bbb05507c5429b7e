// Writes core/share_baseline_vN.cpp: the frozen share-link baseline of a new link
// version, today's default scenario as compact JSON (core/share_link.hpp explains why a
// baseline must never change once links of its version exist).
// Build and run: scripts/new-share-baseline.sh N
#include "core/scenario.hpp"
#include "core/state_json.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: make_share_baseline VERSION WHY\n");
        return 2;
    }
    const int version = std::atoi(argv[1]);
    const std::string text = core::export_scenario_json(core::default_scenario(), false);
    std::printf(
        "// The frozen baseline of share-link version %d (core/share_link.hpp): the default\n"
        "// scenario's document when version %d was made (%s).\n"
        "// Generated once by scripts/new-share-baseline.sh from default_scenario() and\n"
        "// never edited: a change here breaks every v%d link in the world. A new baseline\n"
        "// needs a new link version.\n"
        "#include \"core/share_link.hpp\"\n\nnamespace core::detail {\n\n"
        "std::string_view share_baseline_v%d() {\n"
        "    static constexpr std::string_view baseline =\n",
        version, version, argv[2], version, version);
    constexpr std::size_t chunk = 90;
    for (std::size_t at = 0; at < text.size(); at += chunk) {
        const bool last = at + chunk >= text.size();
        std::printf("        R\"b(%s)b\"%s\n", text.substr(at, chunk).c_str(), last ? ";" : "");
    }
    std::printf("    return baseline;\n}\n\n} // namespace core::detail\n");
    return 0;
}
