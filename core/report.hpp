// A plain-text report of the current plan, for copying into an e-mail and for screen
// readers: short headed sections, one fact per line, no tables or box drawing, every
// number with thousands separators and the currency symbol, each figure labelled with
// the name of the formula that produced it (core/formulas.hpp), and a closing section
// listing those formulas with their sources.
// Sections: the plan in total; each influencer (up to ReportOptions::max_rows); rows
// with errors; one big or many small (verdict, notes, break-even); uncertainty
// (low / expected / high and, optionally, the seeded simulation); tracked results when
// there are any; the assumptions; how the numbers are computed.
// The report never fails: an input the core rejects is reported as a sentence.
// Example line (the default scenario): "Cost per engagement (CPE): $0.24".
#pragma once

#include "core/scenario.hpp"

#include <cstddef>
#include <string>

namespace core {

struct ReportOptions {
    std::size_t max_rows = 200;     // influencers listed one by one; the rest are counted
    bool include_simulation = true; // run the Monte Carlo simulation (seeded, repeatable)
    bool include_formulas = true;   // the closing "how these numbers are computed" section
    bool example = false; // the scenario is the untouched example: the report says so first
};

[[nodiscard]] std::string plan_report(const Scenario& scenario, const ReportOptions& options = {});

} // namespace core
