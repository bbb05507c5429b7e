// Tracking set-up: a tracking link and a discount code for each booked influencer, so
// the shop's and the web analytics' numbers can be matched back to them
// (core/results_import.hpp).
//
// Link = the landing page with the four UTM parameters the analytics tools read:
//   https://shop.example/spring?utm_source=instagram&utm_medium=influencer
//       &utm_campaign=spring_launch&utm_content=ann_lee
// Each parameter is a pattern with placeholders:
//   {handle}    the influencer's name as a handle: lower case, '@' dropped ("ann_lee")
//   {platform}  the roster's platform ("instagram"; "social" when empty)
//   {campaign}  the plan's title ("spring_launch"; "campaign" when empty)
//   {id}        the influencer's roster id
// and the result is made a UTM value by the common conventions: lower case, letters,
// digits, '-', '_' and '.', anything else an '_' (so no value needs %-escaping).
// Defaults: source {platform}, medium influencer, campaign {campaign}, content
// {handle}: content is the part that tells the influencers apart.
// Discount code = the code pattern (default "{handle}15") with the same placeholders,
// upper case, letters and digits only, at most 24 characters, starting with a letter (so a
// spreadsheet never reads it as a number or a formula); a code another influencer
// already has gets 2, 3, ... appended. Codes are stored on the roster
// (Influencer::discount_code): assigning keeps every code already there.
// Example: "Ann Lee", Instagram, plan "Spring launch" -> content ann_lee, code ANNLEE15.
#pragma once

#include "core/campaign.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

inline constexpr std::size_t max_discount_code_chars = 24;
inline constexpr std::size_t max_link_pattern_chars = 200;
inline constexpr std::size_t max_landing_url_chars = 2000;

struct TrackingLinkSettings {
    std::string landing_url;             // "https://shop.example/spring"; empty: codes only
    std::string source = "{platform}";   // utm_source pattern
    std::string medium = "influencer";   // utm_medium pattern
    std::string campaign = "{campaign}"; // utm_campaign pattern
    std::string content = "{handle}";    // utm_content pattern
    std::string code = "{handle}15";     // discount code pattern
    bool operator==(const TrackingLinkSettings&) const = default;
};

struct TrackingLink {
    std::uint32_t id = 0;
    std::string name, platform;
    std::string url; // empty when there is no landing page
    std::string source, medium, campaign, content;
    std::string code; // the stored discount code (may be empty)
};

// Errors: a landing page that is not an http(s) address, a pattern with an unknown
// placeholder or one that is too long ("Content: {nme} is not a placeholder; ...").
[[nodiscard]] std::optional<Error> check_link_settings(const TrackingLinkSettings& settings);

// "Ann Lee" -> "ann_lee", "@Ann.Lee" -> "ann.lee": how names are compared to handles.
[[nodiscard]] std::string handle_key(std::string_view name);
// A pattern expanded for one influencer and made a UTM value.
[[nodiscard]] std::string utm_value(std::string_view pattern, const Influencer& influencer,
                                    std::string_view campaign_title);
// A typed or generated code made spreadsheet-safe ("ann lee-15" -> "ANNLEE15").
[[nodiscard]] std::string clean_discount_code(std::string_view text);

// The roster with a code for every booked influencer (posts > 0) that has none.
[[nodiscard]] std::vector<Influencer> assign_discount_codes(std::vector<Influencer> roster,
                                                            const TrackingLinkSettings& settings,
                                                            std::string_view campaign_title);

// One link per booked influencer, in roster order. Errors: check_link_settings.
[[nodiscard]] Result<std::vector<TrackingLink>>
tracking_links(const std::vector<Influencer>& roster, const TrackingLinkSettings& settings,
               std::string_view campaign_title);

// Name, Platform, Tracking link, Discount code, utm_source, utm_medium, utm_campaign,
// utm_content: the sheet to send to the creators.
[[nodiscard]] std::string export_tracking_csv(const std::vector<TrackingLink>& links,
                                              const CsvWriteOptions& options = {});

} // namespace core
