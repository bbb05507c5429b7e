#include "core/results_import.hpp"

#include "core/csv.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace core {

namespace {

struct Alias {
    std::string_view key; // normalized header (detail::normalize_header)
    ResultsField field;
};

// Real export headers first (docs/data.md), then plain names. When two columns name
// the same field, the one whose alias comes first here wins ("Total sales" over
// "Gross sales").
constexpr Alias aliases[] = {
    // Shopify, "Sales by discount"
    {"discountcode", ResultsField::code},
    {"code", ResultsField::code},
    {"couponcode", ResultsField::code},
    {"coupon", ResultsField::code},
    {"promocode", ResultsField::code},
    {"discountname", ResultsField::code},
    {"orders", ResultsField::orders},
    {"totalorders", ResultsField::orders},
    {"conversions", ResultsField::orders},
    {"purchases", ResultsField::orders},
    {"totalsales", ResultsField::sales},
    {"netsales", ResultsField::sales},
    {"grosssales", ResultsField::sales},
    {"sales", ResultsField::sales},
    {"revenue", ResultsField::sales},
    {"totalrevenue", ResultsField::sales},
    // GA4 traffic acquisition, and plain UTM columns
    {"sessionmanualadcontent", ResultsField::utm_content},
    {"utmcontent", ResultsField::utm_content},
    {"manualadcontent", ResultsField::utm_content},
    {"adcontent", ResultsField::utm_content},
    {"sessioncampaign", ResultsField::utm_campaign},
    {"sessionmanualcampaignname", ResultsField::utm_campaign},
    {"utmcampaign", ResultsField::utm_campaign},
    {"campaign", ResultsField::utm_campaign},
    {"sessionsource", ResultsField::utm_source},
    {"sessionmanualsource", ResultsField::utm_source},
    {"utmsource", ResultsField::utm_source},
    {"sessionmedium", ResultsField::utm_medium},
    {"sessionmanualmedium", ResultsField::utm_medium},
    {"utmmedium", ResultsField::utm_medium},
    {"sessions", ResultsField::sessions},
    {"clicks", ResultsField::sessions},
    {"linkclicks", ResultsField::sessions},
    // Instagram (Meta Business Suite) and TikTok post exports
    {"accountusername", ResultsField::handle},
    {"username", ResultsField::handle},
    {"handle", ResultsField::handle},
    {"creator", ResultsField::handle},
    {"influencer", ResultsField::handle},
    {"account", ResultsField::handle},
    {"name", ResultsField::handle},
    {"permalink", ResultsField::post_url},
    {"posturl", ResultsField::post_url},
    {"videolink", ResultsField::post_url},
    {"videoshareurl", ResultsField::post_url},
    {"shareurl", ResultsField::post_url},
    {"url", ResultsField::post_url},
    {"link", ResultsField::post_url},
    {"platform", ResultsField::platform},
    {"network", ResultsField::platform},
    {"likes", ResultsField::likes},
    {"likecount", ResultsField::likes},
    {"reactions", ResultsField::likes},
    {"comments", ResultsField::comments},
    {"commentcount", ResultsField::comments},
    {"shares", ResultsField::shares},
    {"sharecount", ResultsField::shares},
    {"saves", ResultsField::saves},
    {"saved", ResultsField::saves},
    {"addtofavorites", ResultsField::saves},
    {"views", ResultsField::views},
    {"videoviews", ResultsField::views},
    {"plays", ResultsField::views},
    {"reach", ResultsField::reach},
    {"accountsreached", ResultsField::reach},
    {"impressions", ResultsField::impressions},
};

constexpr std::size_t field_count = static_cast<std::size_t>(ResultsField::impressions) + 1;

std::size_t alias_rank(std::string_view key) {
    for (std::size_t i = 0; i < std::size(aliases); ++i) {
        if (aliases[i].key == key) {
            return i;
        }
    }
    return std::size(aliases);
}

// Lower-case letters and digits only: "@Ann.Lee" and "ann_lee" compare equal.
std::string match_key(std::string_view text) {
    std::string key;
    for (const char c : text) {
        if (c >= 'A' && c <= 'Z') {
            key += static_cast<char>(c - 'A' + 'a');
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            key += c;
        }
    }
    return key;
}

// Rows that are not one influencer's: analytics' "(not set)" and "(direct)", totals.
bool not_a_key(std::string_view key) {
    const std::string k = match_key(key);
    return k.empty() || k == "notset" || k == "direct" || k == "none" || k == "other" ||
           k == "total" || k == "totals" || k == "grandtotal";
}

// GA4 writes "#" comment lines above the table (and between tables when a report
// has several): those above are blanked (line numbers stay true), the text is cut at
// the first one below the header.
std::string without_comments(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool header_seen = false;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        end = end == std::string_view::npos ? text.size() : end + 1;
        std::string_view line = text.substr(start, end - start);
        std::string_view body = line;
        if (start == 0 && body.substr(0, 3) == "\xEF\xBB\xBF") {
            body.remove_prefix(3);
        }
        const std::string_view content = detail::trim(body);
        if (!content.empty() && content.front() == '#') {
            if (header_seen) {
                break;
            }
            out += '\n';
        } else {
            const bool blank = content.find_first_not_of("\r\n") == std::string_view::npos;
            header_seen = header_seen || !blank;
            out += line;
        }
        start = end;
    }
    return out;
}

// The @handle inside a post URL (tiktok.com/@ann/video/1), or empty.
std::string_view handle_in_url(std::string_view url) {
    const std::size_t at = url.find("/@");
    if (at == std::string_view::npos) {
        return {};
    }
    const std::string_view rest = url.substr(at + 2);
    return rest.substr(0, rest.find_first_of("/?#"));
}

ResultSource guess_source(const std::vector<ResultsField>& columns) {
    const auto has = [&](ResultsField f) {
        return std::find(columns.begin(), columns.end(), f) != columns.end();
    };
    if (has(ResultsField::code)) {
        return ResultSource::sales;
    }
    if (has(ResultsField::utm_content) || has(ResultsField::utm_campaign) ||
        has(ResultsField::utm_source) || has(ResultsField::sessions)) {
        return ResultSource::analytics;
    }
    return ResultSource::insights;
}

// The column to match on for a source, in order of preference.
std::vector<ResultsField> match_fields(ResultSource source) {
    switch (source) {
    case ResultSource::sales:
        return {ResultsField::code};
    case ResultSource::analytics:
        return {ResultsField::utm_content, ResultsField::utm_campaign, ResultsField::utm_source};
    case ResultSource::typed:
    case ResultSource::insights:
        break;
    }
    return {ResultsField::handle, ResultsField::post_url};
}

// The numbers each source reads, and where they go.
bool reads(ResultSource source, ResultsField field) {
    switch (field) {
    case ResultsField::orders:
    case ResultsField::sales:
        return source == ResultSource::sales;
    case ResultsField::sessions:
        return source == ResultSource::analytics;
    case ResultsField::likes:
    case ResultsField::comments:
    case ResultsField::shares:
    case ResultsField::saves:
    case ResultsField::views:
    case ResultsField::reach:
    case ResultsField::impressions:
        return source == ResultSource::insights;
    default:
        return false;
    }
}

std::int64_t* count_of(ActualResult& r, ResultsField field) {
    switch (field) {
    case ResultsField::orders:
        return &r.conversions;
    case ResultsField::sessions:
        return &r.clicks;
    case ResultsField::likes:
        return &r.likes;
    case ResultsField::comments:
        return &r.comments;
    case ResultsField::shares:
        return &r.shares;
    case ResultsField::saves:
        return &r.saves;
    case ResultsField::views:
        return &r.views;
    case ResultsField::reach:
        return &r.reach;
    case ResultsField::impressions:
        return &r.impressions;
    default:
        return nullptr;
    }
}

// What one influencer's row would hold in the match column.
std::string influencer_key(const Influencer& influencer, ResultsField field,
                           const ResultsImportOptions& options) {
    const TrackingLinkSettings& l = options.links;
    switch (field) {
    case ResultsField::code:
        return clean_discount_code(influencer.discount_code);
    case ResultsField::utm_content:
        return match_key(utm_value(l.content, influencer, options.campaign_title));
    case ResultsField::utm_campaign:
        return match_key(utm_value(l.campaign, influencer, options.campaign_title));
    case ResultsField::utm_source:
        return match_key(utm_value(l.source, influencer, options.campaign_title));
    default:
        return match_key(influencer.name);
    }
}

void match_row(ResultsRow& row, std::string_view platform, const std::vector<Influencer>& roster,
               ResultsField field, const ResultsImportOptions& options) {
    std::string key = field == ResultsField::code       ? clean_discount_code(row.key)
                      : field == ResultsField::post_url ? match_key(handle_in_url(row.key))
                                                        : match_key(row.key);
    if (key.empty()) {
        row.status = MatchStatus::unmatched;
        return;
    }
    const bool by_handle = field == ResultsField::handle || field == ResultsField::post_url;
    for (const Influencer& influencer : roster) {
        const bool fits =
            influencer_key(influencer, field, options) == key ||
            (by_handle && !influencer.contact.empty() && match_key(influencer.contact) == key);
        if (fits) {
            row.candidates.push_back(influencer.id);
        }
    }
    // The same creator on two platforms: the file's platform column decides.
    if (row.candidates.size() > 1 && by_handle && !match_key(platform).empty()) {
        std::vector<std::uint32_t> narrowed;
        for (const Influencer& influencer : roster) {
            if (std::find(row.candidates.begin(), row.candidates.end(), influencer.id) !=
                    row.candidates.end() &&
                match_key(influencer.platform) == match_key(platform)) {
                narrowed.push_back(influencer.id);
            }
        }
        if (!narrowed.empty()) {
            row.candidates = std::move(narrowed);
        }
    }
    row.status = row.candidates.empty()       ? MatchStatus::unmatched
                 : row.candidates.size() == 1 ? MatchStatus::matched
                                              : MatchStatus::ambiguous;
    if (row.status == MatchStatus::matched) {
        row.result.influencer_id = row.candidates.front();
    }
}

std::size_t column_of(const std::vector<ResultsField>& columns, ResultsField field) {
    return static_cast<std::size_t>(std::find(columns.begin(), columns.end(), field) -
                                    columns.begin());
}

} // namespace

std::string_view results_field_name(ResultsField field) {
    constexpr std::array<std::string_view, field_count> names = {
        "(ignore)",    "Discount code", "utm_source", "utm_medium",  "utm_campaign",
        "utm_content", "Handle",        "Post URL",   "Platform",    "Orders",
        "Sales",       "Sessions",      "Likes",      "Comments",    "Shares",
        "Saves",       "Views",         "Reach",      "Impressions",
    };
    return names[static_cast<std::size_t>(field)];
}

ResultsField results_field_for_header(std::string_view header) {
    const std::size_t rank = alias_rank(detail::normalize_header(header));
    return rank < std::size(aliases) ? aliases[rank].field : ResultsField::ignore;
}

Result<ResultsPreview> preview_results_csv(std::string_view text,
                                           const std::vector<Influencer>& roster,
                                           const ResultsImportOptions& options) {
    if (text.size() > CsvLimits{}.max_bytes) {
        return parse_csv(text).error(); // the reader's own message about the size
    }
    const std::string cleaned = without_comments(text);
    auto parsed = parse_csv(cleaned);
    if (!parsed) {
        return parsed.error();
    }
    const CsvTable& table = parsed.value();
    ResultsPreview preview;
    // Each field on the column with its best alias; the others are ignored.
    std::array<std::size_t, field_count> best_rank;
    best_rank.fill(std::size(aliases));
    preview.header = table.header;
    preview.columns.assign(table.header.cells.size(), ResultsField::ignore);
    for (std::size_t c = 0; c < table.header.cells.size(); ++c) {
        const std::size_t rank = alias_rank(detail::normalize_header(table.header.cells[c]));
        if (rank == std::size(aliases)) {
            continue;
        }
        const auto f = static_cast<std::size_t>(aliases[rank].field);
        if (rank < best_rank[f]) {
            if (best_rank[f] < std::size(aliases)) {
                preview.columns[column_of(preview.columns, aliases[rank].field)] =
                    ResultsField::ignore;
            }
            best_rank[f] = rank;
            preview.columns[c] = aliases[rank].field;
        }
    }
    preview.source = options.source.value_or(guess_source(preview.columns));
    if (preview.source == ResultSource::typed) {
        preview.source = ResultSource::insights;
    }
    const std::vector<ResultsField> wanted = match_fields(preview.source);
    const auto found = std::find_if(wanted.begin(), wanted.end(), [&](ResultsField f) {
        return column_of(preview.columns, f) < preview.columns.size();
    });
    if (found == wanted.end()) {
        std::string names;
        for (const ResultsField f : wanted) {
            names += (names.empty() ? "" : " or ") + std::string(results_field_name(f));
        }
        return make_error(ErrorCode::invalid, "Columns",
                          "Columns: no column holds the " + names +
                              " to match rows to influencers; name one in the header row.");
    }
    preview.match_on = *found;
    preview.number_format.decimal_comma = options.decimal_comma.value_or(table.separator == ';');
    const std::size_t key_column = column_of(preview.columns, preview.match_on);
    const std::size_t platform_column = column_of(preview.columns, ResultsField::platform);
    const std::size_t url_column = column_of(preview.columns, ResultsField::post_url);
    const std::size_t campaign_column = column_of(preview.columns, ResultsField::utm_campaign);
    // Analytics rows of other campaigns are other traffic, not unmatched rows.
    std::vector<std::string> our_campaigns;
    if (preview.source == ResultSource::analytics &&
        preview.match_on != ResultsField::utm_campaign &&
        campaign_column < preview.columns.size()) {
        for (const Influencer& influencer : roster) {
            our_campaigns.push_back(
                match_key(utm_value(options.links.campaign, influencer, options.campaign_title)));
        }
    }
    const auto cell_at = [](const CsvRecord& record, std::size_t c) {
        return c < record.cells.size() ? detail::trim(record.cells[c]) : std::string_view();
    };

    for (const CsvRecord& record : table.rows) {
        ResultsRow row;
        row.line = record.line;
        row.result.source = preview.source;
        row.result.revenue = Money::zero(options.currency);
        row.key = std::string(unguard_formula(cell_at(record, key_column)));
        ResultsField match_on = preview.match_on;
        if (row.key.empty() && match_on == ResultsField::handle) {
            // No handle in this row: the post's URL may name it (tiktok.com/@ann/...).
            row.key = std::string(unguard_formula(cell_at(record, url_column)));
            match_on = ResultsField::post_url;
        }
        std::vector<ImportRowError> row_errors;
        if (record.cells.size() > preview.columns.size()) {
            ++preview.bad_rows;
            preview.errors.push_back(detail::too_many_cells(record, preview.columns.size()));
            continue;
        }
        for (std::size_t c = 0; c < record.cells.size() && c < preview.columns.size(); ++c) {
            const ResultsField field = preview.columns[c];
            const std::string_view cell = detail::trim(record.cells[c]);
            if (!reads(preview.source, field) || cell.empty()) {
                continue;
            }
            const std::string_view name = results_field_name(field);
            if (field == ResultsField::sales) {
                auto money = parse_money(cell, name, options.currency, preview.number_format);
                if (money.ok() && money.value().cents <= max_money_cents) {
                    row.result.revenue = money.value();
                } else {
                    row_errors.push_back(ImportRowError{
                        record.line, c + 1,
                        money.ok() ? make_error(ErrorCode::out_of_range, std::string(name),
                                                std::string(name) + ": type a smaller amount.")
                                   : money.error()});
                }
                continue;
            }
            auto count = parse_count(cell, name, 0, max_post_count, preview.number_format);
            if (count.ok()) {
                *count_of(row.result, field) = count.value();
            } else {
                row_errors.push_back(ImportRowError{record.line, c + 1, count.error()});
            }
        }
        if (!row_errors.empty()) {
            ++preview.bad_rows;
            for (auto& error : row_errors) {
                preview.errors.push_back(std::move(error));
            }
            continue;
        }
        const std::string campaign = match_key(cell_at(record, campaign_column));
        const bool other_campaign =
            !our_campaigns.empty() &&
            std::find(our_campaigns.begin(), our_campaigns.end(), campaign) == our_campaigns.end();
        if (not_a_key(row.key) || other_campaign) {
            row.status = MatchStatus::ignored;
        } else {
            match_row(row, cell_at(record, platform_column), roster, match_on, options);
        }
        switch (row.status) {
        case MatchStatus::matched:
            ++preview.matched;
            break;
        case MatchStatus::ambiguous:
            ++preview.ambiguous;
            break;
        case MatchStatus::unmatched:
            ++preview.unmatched;
            break;
        case MatchStatus::ignored:
            ++preview.ignored;
            break;
        }
        preview.rows.push_back(std::move(row));
    }
    return preview;
}

Result<AppliedResults> apply_results_import(const std::vector<ActualResult>& results,
                                            const ResultsPreview& preview,
                                            const std::vector<MatchChoice>& choices,
                                            const std::vector<Influencer>& roster) {
    const auto in_roster = [&](std::uint32_t id) {
        return std::any_of(roster.begin(), roster.end(),
                           [id](const Influencer& i) { return i.id == id; });
    };
    for (const MatchChoice& choice : choices) {
        const bool row_exists =
            std::any_of(preview.rows.begin(), preview.rows.end(),
                        [&](const ResultsRow& row) { return row.line == choice.line; });
        if (!row_exists) {
            return make_error(ErrorCode::invalid, "Matches",
                              "Matches: line " + std::to_string(choice.line) +
                                  " is not a row of this file; pick a line the preview lists.");
        }
        if (choice.influencer_id != 0 && !in_roster(choice.influencer_id)) {
            return make_error(ErrorCode::invalid, "Matches",
                              "Matches: line " + std::to_string(choice.line) +
                                  " names no influencer of the roster; pick one from the roster.");
        }
    }
    AppliedResults applied;
    for (const ActualResult& r : results) {
        if (r.source == preview.source) {
            ++applied.replaced;
        } else {
            applied.results.push_back(r);
        }
    }
    for (const ResultsRow& row : preview.rows) {
        std::uint32_t id = row.status == MatchStatus::matched ? row.result.influencer_id : 0;
        // The last choice for a line wins (the user may change their mind).
        for (const MatchChoice& choice : choices) {
            if (choice.line == row.line) {
                id = choice.influencer_id;
            }
        }
        if (id == 0) {
            ++applied.left_out;
            continue;
        }
        ActualResult r = row.result;
        r.influencer_id = id;
        applied.results.push_back(r);
        ++applied.added;
    }
    if (applied.results.size() > max_tracked_results) {
        return make_error(ErrorCode::too_large, "Results",
                          "Results: keep to " + format_count(max_tracked_results) +
                              " tracked results or fewer; import a shorter period.");
    }
    return applied;
}

} // namespace core
