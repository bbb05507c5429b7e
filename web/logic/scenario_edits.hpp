// Edits of a whole scenario that several places need (the Assumptions screen, the
// URL's prefill parameters). Plain data changes; the arithmetic stays in the core.
#pragma once

#include "core/money.hpp"
#include "core/scenario.hpp"

namespace web {

// Every amount in a scenario carries the scenario's currency; switching currency
// relabels them all (the numbers stay: the calculator does not convert).
void relabel_currency(core::Scenario& scenario, core::Currency currency);

// Every roster row's price per post set from the scenario's pricing model
// (core::suggest_price on the row's followers and engagement rate). A row the model
// cannot price (no tier covers it, an invalid model) keeps its price.
void price_roster_by_model(core::Scenario& scenario);

} // namespace web
