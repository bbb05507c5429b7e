// Edits of a whole scenario that several places need (the Assumptions screen, the
// URL's prefill parameters). Plain data changes; no arithmetic.
#pragma once

#include "core/money.hpp"
#include "core/scenario.hpp"

namespace web {

// Every amount in a scenario carries the scenario's currency; switching currency
// relabels them all (the numbers stay: the calculator does not convert).
void relabel_currency(core::Scenario& scenario, core::Currency currency);

} // namespace web
