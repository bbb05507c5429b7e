#include "core/tracking_links.hpp"

#include <gtest/gtest.h>

namespace {

using core::Influencer;
using core::TrackingLinkSettings;

Influencer person(std::uint32_t id, std::string name, std::string platform, int posts = 1) {
    Influencer influencer;
    influencer.id = id;
    influencer.name = std::move(name);
    influencer.platform = std::move(platform);
    influencer.followers = 10'000;
    influencer.engagement_value = 0.05;
    influencer.posts = posts;
    return influencer;
}

TEST(TrackingLinksTest, HeaderExample) {
    TrackingLinkSettings settings;
    settings.landing_url = "https://shop.example/spring";
    auto roster =
        core::assign_discount_codes({person(1, "Ann Lee", "Instagram")}, settings, "Spring launch");
    EXPECT_EQ(roster[0].discount_code, "ANNLEE15");
    const auto links = core::tracking_links(roster, settings, "Spring launch");
    ASSERT_TRUE(links.ok());
    ASSERT_EQ(links.value().size(), 1u);
    EXPECT_EQ(links.value()[0].url,
              "https://shop.example/spring?utm_source=instagram&utm_medium=influencer"
              "&utm_campaign=spring_launch&utm_content=ann_lee");
    EXPECT_EQ(links.value()[0].code, "ANNLEE15");
}

TEST(TrackingLinksTest, PatternsAreEditableAndQueryAndFragmentKept) {
    TrackingLinkSettings settings;
    settings.landing_url = "https://shop.example/p?ref=x#top";
    settings.source = "{platform}-{id}";
    settings.medium = "Paid Social";
    settings.campaign = "q2 {campaign}";
    settings.content = "@{handle}";
    const auto links = core::tracking_links({person(7, "@Dev.Patel", "")}, settings, "");
    ASSERT_TRUE(links.ok());
    EXPECT_EQ(links.value()[0].url,
              "https://shop.example/p?ref=x&utm_source=social-7&utm_medium=paid_social"
              "&utm_campaign=q2_campaign&utm_content=dev.patel#top");
}

TEST(TrackingLinksTest, OnlyBookedInfluencersGetLinksAndCodes) {
    const TrackingLinkSettings settings;
    auto roster = core::assign_discount_codes(
        {person(1, "Ann", "Instagram", 0), person(2, "Ben", "TikTok", 2)}, settings, "x");
    EXPECT_EQ(roster[0].discount_code, "");
    EXPECT_EQ(roster[1].discount_code, "BEN15");
    const auto links = core::tracking_links(roster, settings, "x");
    ASSERT_EQ(links.value().size(), 1u);
    EXPECT_EQ(links.value()[0].id, 2u);
    EXPECT_EQ(links.value()[0].url, ""); // no landing page: codes only
}

TEST(TrackingLinksTest, CodesAreUniqueAndExistingOnesKept) {
    const TrackingLinkSettings settings;
    auto kept = person(3, "Sam Reed", "TikTok");
    kept.discount_code = "SAMREED15";
    auto roster = core::assign_discount_codes(
        {person(1, "Sam Reed", "Instagram"), person(2, "sam-reed", "YouTube"), kept}, settings, "");
    EXPECT_EQ(roster[2].discount_code, "SAMREED15");
    EXPECT_EQ(roster[0].discount_code, "SAMREED152");
    EXPECT_EQ(roster[1].discount_code, "SAMREED153");
}

TEST(TrackingLinksTest, CodesAreSpreadsheetSafe) {
    EXPECT_EQ(core::clean_discount_code("=SUM(A1)"), "SUMA1");
    EXPECT_EQ(core::clean_discount_code("-15 off"), "C15OFF");
    EXPECT_EQ(core::clean_discount_code("0042"), "C0042");
    EXPECT_EQ(core::clean_discount_code(std::string(40, 'a')).size(),
              core::max_discount_code_chars);
    TrackingLinkSettings settings;
    settings.code = "{id}";
    auto roster = core::assign_discount_codes({person(12, "", "")}, settings, "");
    EXPECT_EQ(roster[0].discount_code, "C12");
}

TEST(TrackingLinksTest, BadSettingsNameTheField) {
    TrackingLinkSettings settings;
    settings.landing_url = "shop.example";
    auto error = core::check_link_settings(settings);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->field, "Landing page");
    settings.landing_url = "";
    settings.content = "{nme}";
    error = core::check_link_settings(settings);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->message,
              "Content: {nme} is not a placeholder; use {handle}, {platform}, {campaign} or {id}.");
    EXPECT_FALSE(core::tracking_links({}, settings, "").ok());
}

TEST(TrackingLinksTest, ExportIsGuardedCsv) {
    core::TrackingLink link;
    link.name = "=cmd";
    link.platform = "Instagram";
    link.code = "ANN15";
    const std::string csv = core::export_tracking_csv({link});
    EXPECT_EQ(csv, "Name,Platform,Tracking link,Discount code,utm_source,utm_medium,utm_campaign,"
                   "utm_content\r\n'=cmd,Instagram,,ANN15,,,,\r\n");
}

} // namespace
