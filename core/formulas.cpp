#include "core/formulas.hpp"

namespace core {

const Formula* find_formula(std::string_view id) {
    for (const auto& entry : all_formulas) {
        if (entry.id == id) {
            return &entry;
        }
    }
    return nullptr;
}

const Formula& formula(std::string_view id) {
    // A placeholder rather than an assert: a saved report may name a formula that a
    // later version renamed, and showing "unknown formula" beats crashing the page.
    static constexpr Formula unknown_formula{formula_ids::unknown, "Unknown formula",
                                             "not available in this version", ""};
    const Formula* found = find_formula(id);
    return found != nullptr ? *found : unknown_formula;
}

} // namespace core
