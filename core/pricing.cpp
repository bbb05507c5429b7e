#include "core/pricing.hpp"

#include "core/benchmarks.hpp"
#include "core/formulas.hpp"
#include "core/numbers.hpp"

#include <cmath>

namespace core {
namespace {

std::string unconverted_note(Currency currency) {
    if (currency == Currency::usd) {
        return "";
    }
    return " The source's US-dollar figure, not converted to " +
           std::string(currency_info(currency).code) + ".";
}

std::optional<Error> check_tiers(const PricingModel& model) {
    if (model.tier_prices.empty()) {
        return field_error(ErrorCode::empty, "Price tiers",
                           "add at least one tier with its followers and price.");
    }
    if (model.tier_prices.size() > max_price_tiers) {
        return field_error(ErrorCode::too_large, "Price tiers",
                           "use at most " + std::to_string(max_price_tiers) + " tiers.");
    }
    for (std::size_t i = 0; i < model.tier_prices.size(); ++i) {
        const TierPrice& tier = model.tier_prices[i];
        const std::string prefix = "Price tier " + std::to_string(i + 1) + ": ";
        if (tier.name.empty()) {
            return field_error(ErrorCode::empty, prefix + "Name", "type a name such as micro.");
        }
        if (tier.min_followers < 0) {
            return field_error(ErrorCode::out_of_range, prefix + "From followers",
                               "type a whole number of 0 or more.");
        }
        if (tier.max_followers < tier.min_followers) {
            return field_error(ErrorCode::out_of_range, prefix + "To followers",
                               "type a whole number of at least " +
                                   format_count(tier.min_followers) +
                                   " (where this tier starts), or leave it open.");
        }
        if (auto error = check_amount(tier.price, model.currency, prefix + "Price", "100")) {
            return error;
        }
        if (i > 0 && tier.min_followers <= model.tier_prices[i - 1].max_followers) {
            const std::int64_t before = model.tier_prices[i - 1].max_followers;
            return field_error(ErrorCode::invalid, prefix + "From followers",
                               before == no_follower_limit
                                   ? "the tier before it has no upper limit; give that tier an "
                                     "upper limit first."
                                   : "start this tier above " + format_count(before) +
                                         ", where the tier before it ends.");
        }
    }
    return std::nullopt;
}

std::string followers_text(std::int64_t followers) {
    return format_count(followers) + (followers == 1 ? " follower" : " followers");
}

// A tier whose price and note come from one published figure (price_references).
TierPrice tier_from(std::string_view reference_id, std::string name, std::int64_t min_followers,
                    std::int64_t max_followers, Currency currency) {
    for (const PriceReference& reference : price_references) {
        if (reference.id == reference_id) {
            return {std::move(name), min_followers, max_followers,
                    Money{reference.usd_cents, currency},
                    std::string(reference.source) + " (" + std::to_string(reference.year) + ", " +
                        std::string(reference.platform) + "): " + std::string(reference.scope) +
                        unconverted_note(currency)};
        }
    }
    return {std::move(name), min_followers, max_followers, Money::zero(currency), "missing"};
}

// IZEA, State of Influencer Earnings (2022 data), on IZEA's own tiers. IZEA reports no
// tier from 1,000,000 followers up.
std::vector<TierPrice> izea_2022_tiers(Currency currency, std::int64_t nano_from,
                                       std::string nano_name) {
    return {
        tier_from("izea-2022-nano", std::move(nano_name), nano_from, 9'999, currency),
        tier_from("izea-2022-micro", "micro (10,000 to 49,999)", 10'000, 49'999, currency),
        tier_from("izea-2022-mid", "mid-tier (50,000 to 199,999)", 50'000, 199'999, currency),
        tier_from("izea-2022-macro", "macro (200,000 to 499,999)", 200'000, 499'999, currency),
        tier_from("izea-2022-mega", "mega (500,000 to 999,999)", 500'000, 999'999, currency),
    };
}

} // namespace

PricingModel default_pricing_model(Currency currency) {
    return builtin_price_tables(currency)[0];
}

std::vector<PricingModel> builtin_price_tables(Currency currency) {
    PricingModel article;
    article.kind = PricingModelKind::tier_table;
    article.currency = currency;
    article.table_name = "The article's examples, IZEA 2022 in between";
    article.per_thousand = Money{1'000, currency};
    article.target_cpe = Money{20, currency};
    // The article's $100 is for bloggers with a few hundred to about 2,000 followers and
    // its $5,000 for one with an audience in the millions; it prices nothing in between,
    // so those accounts take IZEA's averages rather than a figure stretched past its source.
    article.tier_prices.push_back(
        tier_from("article-micro", "micro blogger (up to 2,000)", 0, 2'000, currency));
    for (TierPrice& tier : izea_2022_tiers(currency, 2'001, "nano (2,001 to 9,999)")) {
        article.tier_prices.push_back(std::move(tier));
    }
    article.tier_prices.push_back(tier_from("article-macro",
                                            "blogger with an audience in the millions", 1'000'000,
                                            no_follower_limit, currency));

    PricingModel izea = article;
    izea.table_name = "IZEA 2022 averages (all platforms)";
    izea.tier_prices = izea_2022_tiers(currency, 0, "nano (under 10,000)");
    return {article, izea};
}

Result<PricingModel> validate_pricing_model(const PricingModel& model) {
    if (auto error = check_tiers(model)) {
        return *error;
    }
    if (auto error =
            check_amount(model.per_thousand, model.currency, "Price per 1,000 followers", "10")) {
        return *error;
    }
    if (auto error =
            check_amount(model.target_cpe, model.currency, "Target cost per engagement", "0.20")) {
        return *error;
    }
    return model;
}

Result<PriceSuggestion> suggest_price(const PricingModel& model, std::int64_t followers,
                                      double engagement_rate) {
    if (followers < 0) {
        return field_error(ErrorCode::out_of_range, "Followers",
                           "type a whole number of 0 or more, such as 12,500.");
    }
    PriceSuggestion suggestion;
    switch (model.kind) {
    case PricingModelKind::tier_table: {
        if (auto error = check_tiers(model)) {
            return *error;
        }
        for (const auto& tier : model.tier_prices) {
            if (followers >= tier.min_followers && followers <= tier.max_followers) {
                suggestion.price = tier.price;
                suggestion.formula_id = formula_ids::price_tier_table;
                suggestion.basis = "Tier table (" + model.table_name + "): " + tier.name + ", " +
                                   format_money(tier.price) + " per post. " + tier.note;
                return suggestion;
            }
        }
        return field_error(ErrorCode::invalid, "Followers",
                           "no price tier covers " + followers_text(followers) +
                               "; add a tier, pick another pricing model or enter the quote.");
    }
    case PricingModelKind::per_thousand_followers: {
        if (auto error = check_amount(model.per_thousand, model.currency,
                                      "Price per 1,000 followers", "10")) {
            return *error;
        }
        // Integer arithmetic so that the one rounding is exact: (f x c + 500) / 1000.
        std::int64_t product = 0;
        if (__builtin_mul_overflow(followers, model.per_thousand.cents, &product) ||
            product > max_money_cents * 1000 - 500) {
            return field_error(ErrorCode::overflow, "Price per post",
                               "the price is too large; check the followers and the price per "
                               "1,000 followers.");
        }
        suggestion.price = Money{(product + 500) / 1000, model.currency};
        suggestion.formula_id = formula_ids::price_per_thousand;
        suggestion.basis = "Rate per 1,000 followers: " + format_count(followers) + " / 1,000 x " +
                           format_money(model.per_thousand) + " = " +
                           format_money(suggestion.price) + " per post.";
        return suggestion;
    }
    case PricingModelKind::cost_per_engagement: {
        if (auto error = check_amount(model.target_cpe, model.currency,
                                      "Target cost per engagement", "0.20")) {
            return *error;
        }
        if (!std::isfinite(engagement_rate) || engagement_rate < 0.0 || engagement_rate > 1.0) {
            return field_error(ErrorCode::out_of_range, "Engagement rate",
                               "type a percentage from 0% to 100%, such as 7.4%.");
        }
        const double cents = static_cast<double>(followers) * engagement_rate *
                             static_cast<double>(model.target_cpe.cents);
        if (!(cents <= static_cast<double>(max_money_cents))) {
            return field_error(ErrorCode::overflow, "Price per post",
                               "the price is too large; check the followers and the target cost "
                               "per engagement.");
        }
        suggestion.price = Money{round_cents(cents), model.currency};
        suggestion.formula_id = formula_ids::price_cost_per_engagement;
        suggestion.basis = "Cost-per-engagement target: " + format_count(followers) +
                           " followers x " + format_percent(engagement_rate, 2) + " x " +
                           format_money(model.target_cpe) + " = " + format_money(suggestion.price) +
                           " per post.";
        return suggestion;
    }
    }
    return field_error(ErrorCode::unsupported, "Pricing model", "pick one of the three models.");
}

Result<PriceSuggestion> price_per_post(const PricingModel& model, std::int64_t followers,
                                       double engagement_rate, std::optional<Money> quote) {
    if (!quote) {
        return suggest_price(model, followers, engagement_rate);
    }
    if (quote->cents < 0 || quote->cents > max_money_cents) {
        return field_error(ErrorCode::out_of_range, "Price per post",
                           "type an amount of " + format_money(Money::zero(quote->currency)) +
                               " or more, such as " +
                               std::string(currency_info(quote->currency).symbol) + "100.");
    }
    PriceSuggestion suggestion;
    suggestion.price = *quote;
    suggestion.formula_id = formula_ids::price_quote;
    suggestion.basis = "The influencer's quote: " + format_money(*quote) + " per post.";
    suggestion.from_quote = true;
    return suggestion;
}

} // namespace core
