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

} // namespace

PricingModel default_pricing_model(Currency currency) {
    return builtin_price_tables(currency)[0];
}

std::vector<PricingModel> builtin_price_tables(Currency currency) {
    const std::string unconverted = unconverted_note(currency);
    PricingModel article;
    article.kind = PricingModelKind::tier_table;
    article.currency = currency;
    article.table_name = "The article's examples";
    article.per_thousand = Money{1'000, currency};
    article.target_cpe = Money{20, currency};
    article.tier_prices = {
        {"micro (under 100,000)", 0, 99'999, Money{10'000, currency},
         "The article's negotiated price for an Instagram photo by a micro blogger "
         "(IZEA's 2017 average was $62)." +
             unconverted},
        {"macro (100,000 and more)", 100'000, no_follower_limit, Money{500'000, currency},
         "The article's example of a blogger with an audience in the millions; smaller macro "
         "accounts often cost less, so enter their quote." +
             unconverted},
    };

    // IZEA reports averages by tier name; the thresholds are the ones commonly used
    // with those names in the 2020s (nano from 1,000, mega from 1,000,000).
    PricingModel izea = article;
    izea.table_name = "IZEA 2022 averages";
    izea.tier_prices = {
        {"nano (under 10,000)", 0, 9'999, Money{110'500, currency},
         "IZEA, State of Influencer Earnings (2022 data), average per post." + unconverted},
        {"micro (10,000 to 49,999)", 10'000, 49'999, Money{167'400, currency},
         "IZEA 2022 average per post." + unconverted},
        {"mid-tier (50,000 to 499,999)", 50'000, 499'999, Money{339'600, currency},
         "IZEA 2022 average per post." + unconverted},
        {"macro (500,000 to 999,999)", 500'000, 999'999, Money{499'200, currency},
         "IZEA 2022 average per post." + unconverted},
        {"mega (1,000,000 and more)", 1'000'000, no_follower_limit, Money{549'700, currency},
         "IZEA 2022 average per post." + unconverted},
    };
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
