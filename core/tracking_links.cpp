#include "core/tracking_links.hpp"

#include <algorithm>
#include <unordered_set>

namespace core {

namespace {

constexpr std::string_view placeholders[] = {"{handle}", "{platform}", "{campaign}", "{id}"};

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Lower case; letters, digits, '-', '_', '.' kept; any other run of characters one '_';
// no '_' at either end.
std::string slug(std::string_view text) {
    std::string out;
    bool gap = false;
    for (const char c : text) {
        if (alnum(c) || c == '-' || c == '_' || c == '.') {
            if (gap && !out.empty()) {
                out += '_';
            }
            gap = false;
            out += lower(c);
        } else {
            gap = true;
        }
    }
    return out;
}

std::string expand(std::string_view pattern, const Influencer& influencer,
                   std::string_view campaign_title) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size();) {
        bool replaced = false;
        for (const std::string_view p : placeholders) {
            if (pattern.substr(i, p.size()) != p) {
                continue;
            }
            if (p == "{handle}") {
                out += handle_key(influencer.name);
            } else if (p == "{platform}") {
                out += influencer.platform.empty() ? "social" : influencer.platform;
            } else if (p == "{campaign}") {
                out += campaign_title.empty() ? "campaign" : campaign_title;
            } else {
                out += std::to_string(influencer.id);
            }
            i += p.size();
            replaced = true;
            break;
        }
        if (!replaced) {
            out += pattern[i++];
        }
    }
    return out;
}

std::optional<Error> check_pattern(std::string_view pattern, std::string_view field) {
    const auto fail = [&](const std::string& what) {
        return make_error(ErrorCode::invalid, std::string(field), std::string(field) + ": " + what);
    };
    if (pattern.size() > max_link_pattern_chars) {
        return fail("keep it to " + std::to_string(max_link_pattern_chars) + " characters.");
    }
    for (std::size_t open = pattern.find('{'); open != std::string_view::npos;
         open = pattern.find('{', open + 1)) {
        const std::size_t close = pattern.find('}', open);
        const std::string_view word =
            pattern.substr(open, close == std::string_view::npos ? 1 : close - open + 1);
        if (std::find(std::begin(placeholders), std::end(placeholders), word) ==
            std::end(placeholders)) {
            return fail(std::string(word) +
                        " is not a placeholder; use {handle}, {platform}, {campaign} or {id}.");
        }
    }
    return std::nullopt;
}

} // namespace

std::string handle_key(std::string_view name) {
    while (!name.empty() && (name.front() == '@' || name.front() == ' ')) {
        name.remove_prefix(1);
    }
    return slug(name);
}

std::string utm_value(std::string_view pattern, const Influencer& influencer,
                      std::string_view campaign_title) {
    return slug(expand(pattern, influencer, campaign_title));
}

std::string clean_discount_code(std::string_view text) {
    std::string code;
    for (const char c : text) {
        if (alnum(c) && code.size() < max_discount_code_chars) {
            code += c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        }
    }
    if (!code.empty() && code.front() >= '0' && code.front() <= '9') {
        code.insert(code.begin(), 'C'); // a leading digit: a spreadsheet would read a number
        code.resize(std::min(code.size(), max_discount_code_chars));
    }
    return code;
}

std::optional<Error> check_link_settings(const TrackingLinkSettings& s) {
    const std::string_view url = s.landing_url;
    if (!url.empty()) {
        const bool web = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
        if (!web || url.size() > max_landing_url_chars ||
            url.find_first_of(" \t\r\n\"<>") != std::string_view::npos) {
            return make_error(ErrorCode::invalid, "Landing page",
                              "Landing page: type the page's address, such as "
                              "https://shop.example/spring.");
        }
    }
    const std::pair<std::string_view, std::string_view> patterns[] = {
        {s.source, "Source"},   {s.medium, "Medium"}, {s.campaign, "Campaign"},
        {s.content, "Content"}, {s.code, "Code"},
    };
    for (const auto& [pattern, field] : patterns) {
        if (auto error = check_pattern(pattern, field)) {
            return error;
        }
    }
    return std::nullopt;
}

std::vector<Influencer> assign_discount_codes(std::vector<Influencer> roster,
                                              const TrackingLinkSettings& settings,
                                              std::string_view campaign_title) {
    std::unordered_set<std::string> taken;
    for (const Influencer& influencer : roster) {
        if (!influencer.discount_code.empty()) {
            taken.insert(clean_discount_code(influencer.discount_code));
        }
    }
    for (Influencer& influencer : roster) {
        if (influencer.posts <= 0 || !influencer.discount_code.empty()) {
            continue;
        }
        std::string base = clean_discount_code(expand(settings.code, influencer, campaign_title));
        if (base.empty()) {
            base = "CODE";
        }
        std::string code = base;
        for (int n = 2; taken.count(code) != 0; ++n) {
            const std::string suffix = std::to_string(n);
            code = base.substr(0, max_discount_code_chars - suffix.size()) + suffix;
        }
        taken.insert(code);
        influencer.discount_code = code;
    }
    return roster;
}

Result<std::vector<TrackingLink>> tracking_links(const std::vector<Influencer>& roster,
                                                 const TrackingLinkSettings& settings,
                                                 std::string_view campaign_title) {
    if (auto error = check_link_settings(settings)) {
        return *error;
    }
    std::vector<TrackingLink> links;
    for (const Influencer& influencer : roster) {
        if (influencer.posts <= 0) {
            continue;
        }
        TrackingLink link;
        link.id = influencer.id;
        link.name = influencer.name;
        link.platform = influencer.platform;
        link.source = utm_value(settings.source, influencer, campaign_title);
        link.medium = utm_value(settings.medium, influencer, campaign_title);
        link.campaign = utm_value(settings.campaign, influencer, campaign_title);
        link.content = utm_value(settings.content, influencer, campaign_title);
        link.code = influencer.discount_code;
        if (!settings.landing_url.empty()) {
            std::string url = settings.landing_url;
            const std::size_t hash = url.find('#');
            const std::string fragment = hash == std::string::npos ? "" : url.substr(hash);
            url = url.substr(0, hash);
            url += url.find('?') == std::string::npos ? '?' : '&';
            url += "utm_source=" + link.source + "&utm_medium=" + link.medium +
                   "&utm_campaign=" + link.campaign + "&utm_content=" + link.content;
            link.url = url + fragment;
        }
        links.push_back(std::move(link));
    }
    return links;
}

std::string export_tracking_csv(const std::vector<TrackingLink>& links,
                                const CsvWriteOptions& options) {
    std::vector<std::vector<std::string>> records;
    records.reserve(links.size() + 1);
    records.push_back({"Name", "Platform", "Tracking link", "Discount code", "utm_source",
                       "utm_medium", "utm_campaign", "utm_content"});
    for (const TrackingLink& l : links) {
        records.push_back(
            {l.name, l.platform, l.url, l.code, l.source, l.medium, l.campaign, l.content});
    }
    return write_csv(records, options);
}

} // namespace core
