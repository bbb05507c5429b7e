#include "core/share_link.hpp"

#include "core/numbers.hpp"
#include "core/state_json.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace core {

// [SECTION] Share links

namespace detail {

nlohmann::json create_merge_patch(const nlohmann::json& from, const nlohmann::json& to) {
    if (!from.is_object() || !to.is_object()) {
        return to;
    }
    nlohmann::json patch = nlohmann::json::object();
    for (auto it = from.begin(); it != from.end(); ++it) {
        if (to.find(it.key()) == to.end()) {
            patch[it.key()] = nullptr;
        }
    }
    for (auto it = to.begin(); it != to.end(); ++it) {
        const auto old = from.find(it.key());
        if (old == from.end()) {
            patch[it.key()] = it.value();
        } else if (*old != it.value()) {
            patch[it.key()] = create_merge_patch(*old, it.value());
        }
    }
    return patch;
}

bool json_cost_within(std::string_view text, std::size_t max_objects, std::size_t max_values) {
    std::size_t objects = 0;
    std::size_t values = 0;
    // Jumps from one structural character to the next; strings are skipped whole.
    for (std::size_t at = text.find_first_of("\"{[,"); at != std::string_view::npos;
         at = text.find_first_of("\"{[,", at + 1)) {
        if (text[at] == '"') {
            ++at;
            while (at < text.size() && text[at] != '"') {
                at += text[at] == '\\' ? 2 : 1;
            }
            continue;
        }
        objects += text[at] == '{' ? 1 : 0;
        ++values;
        if (objects > max_objects || values > max_values) {
            return false;
        }
    }
    return true;
}

std::string_view share_baseline_v1() {
    // The default scenario's document when link version 1 was made, byte for byte:
    // every v1 link is a patch against it and is compressed with it as dictionary.
    // Frozen: a change here breaks every v1 link in the world. A new baseline needs a
    // new link version.
    static constexpr std::string_view baseline =
        R"b({"actuals":[],"assumptions":{"benchmark_set_id":"article","benchmark_sets":[{"id":"article)b"
        R"b(","metric":"engagement rate by followers (the article's examples count likes)","name":"The)b"
        R"b( article's figures (AdWeek)","note":"The article (about 2017; it cites 2015 and 2017 studi)b"
        R"b(es) gives no figure for 10,000 to 99,999 followers. The 15% and 7.4% figures could not be )b"
        R"b(traced to the underlying study; compare with the Markerly 2016 set.","platform":"all","sou)b"
        R"b(rce":"AdWeek, as cited by the article on micro-influencer marketing","tiers":[{"derived":f)b"
        R"b(alse,"engagement_rate":0.15,"max_followers":999,"min_followers":0,"name":"under 1,000","no)b"
        R"b(te":"About 15%, as the article cites AdWeek."},{"derived":false,"engagement_rate":0.074,"m)b"
        R"b(ax_followers":9999,"min_followers":1000,"name":"1,000 to 9,999","note":"About 7.4%, as the)b"
        R"b( article cites AdWeek."},{"derived":true,"engagement_rate":0.042,"max_followers":99999,"mi)b"
        R"b(n_followers":10000,"name":"10,000 to 99,999","note":"Derived: the article gives no figure.)b"
        R"b( Geometric mean of the neighbouring tiers, sqrt(7.4% x 2.4%) = 4.21%, shown as 4.2%. A pow)b"
        R"b(er-law fit through the tiers' midpoints would give about 3.5%, so treat it as a rough guid)b"
        R"b(e."},{"derived":false,"engagement_rate":0.024,"max_followers":9223372036854775807,"min_fol)b"
        R"b(lowers":100000,"name":"100,000 and more","note":"2.4%, as the article cites AdWeek."}],"ye)b"
        R"b(ar":2017},{"id":"markerly-2016","metric":"like rate by followers (likes per post / followe)b"
        R"b(rs; comments not counted)","name":"Markerly 2016, Instagram like rates","note":"The study )b"
        R"b(usually cited for 'engagement falls as followers grow'. It measures likes only, so count l)b"
        R"b(ikes alone when grading against it.","platform":"Instagram","source":"Markerly study of In)b"
        R"b(stagram accounts, reported by Digiday","tiers":[{"derived":false,"engagement_rate":0.08,"m)b"
        R"b(ax_followers":999,"min_followers":0,"name":"under 1,000","note":"About 8%."},{"derived":fa)b"
        R"b(lse,"engagement_rate":0.04,"max_followers":9999,"min_followers":1000,"name":"1,000 to 9,99)b"
        R"b(9","note":"About 4%."},{"derived":false,"engagement_rate":0.024,"max_followers":99999,"min)b"
        R"b(_followers":10000,"name":"10,000 to 99,999","note":"About 2.4%."},{"derived":true,"engagem)b"
        R"b(ent_rate":0.02,"max_followers":999999,"min_followers":100000,"name":"100,000 to 999,999",")b"
        R"b(note":"Derived: the report gives no figure for this range. Geometric mean of the neighbour)b"
        R"b(ing tiers, sqrt(2.4% x 1.7%) = 2.02%, shown as 2.0%."},{"derived":false,"engagement_rate":)b"
        R"b(0.017,"max_followers":9999999,"min_followers":1000000,"name":"1,000,000 to 9,999,999","not)b"
        R"b(e":"About 1.7%."},{"derived":true,"engagement_rate":0.017,"max_followers":9223372036854775)b"
        R"b(807,"min_followers":10000000,"name":"10,000,000 and more","note":"Derived: the report stop)b"
        R"b(s at 10 million; the 1.7% of the tier below is carried over."}],"year":2016},{"id":"hypeau)b"
        R"b(ditor-2023","metric":"engagement rate by followers (likes + comments per post / followers))b"
        R"b(","name":"HypeAuditor 2023, Instagram (nano published, other tiers derived)","note":"A 202)b"
        R"b(0s set with 2020s tier names. Only the nano rate (2.78%) is taken from the report; the oth)b"
        R"b(er tiers are derived and marked so. Replace them with the report's own figures if you have)b"
        R"b( them. The same report gives TikTok nano 12.6% and finds 36% of Instagram accounts affecte)b"
        R"b(d by fraud.","platform":"Instagram","source":"HypeAuditor, State of Influencer Marketing 2)b"
        R"b(023","tiers":[{"derived":true,"engagement_rate":0.0556,"max_followers":999,"min_followers")b"
        R"b(:0,"name":"under 1,000","note":"Derived: Markerly 2016 rate for this size x 2.78% / 4% (sc)b"
        R"b(aled so that nano matches HypeAuditor 2023). 8% x 0.695 = 5.56%."},{"derived":false,"engag)b"
        R"b(ement_rate":0.0278,"max_followers":9999,"min_followers":1000,"name":"nano (1,000 to 9,999))b"
        R"b(","note":"2.78%, as published by HypeAuditor for Instagram nano influencers."},{"derived":)b"
        R"b(true,"engagement_rate":0.0167,"max_followers":49999,"min_followers":10000,"name":"micro (1)b"
        R"b(0,000 to 49,999)","note":"Derived: Markerly 2016 rate for this size x 2.78% / 4% (scaled s)b"
        R"b(o that nano matches HypeAuditor 2023). 2.4% x 0.695 = 1.67%."},{"derived":true,"engagement)b"
        R"b(_rate":0.0139,"max_followers":499999,"min_followers":50000,"name":"mid-tier (50,000 to 499)b"
        R"b(,999)","note":"Derived: Markerly 2016 rate for this size x 2.78% / 4% (scaled so that nano)b"
        R"b( matches HypeAuditor 2023). 2.0% (itself derived) x 0.695 = 1.39%."},{"derived":true,"enga)b"
        R"b(gement_rate":0.0139,"max_followers":999999,"min_followers":500000,"name":"macro (500,000 t)b"
        R"b(o 999,999)","note":"Derived: Markerly 2016 rate for this size x 2.78% / 4% (scaled so that)b"
        R"b( nano matches HypeAuditor 2023). 2.0% (itself derived) x 0.695 = 1.39%."},{"derived":true,)b"
        R"b("engagement_rate":0.0118,"max_followers":9223372036854775807,"min_followers":1000000,"name)b"
        R"b(":"mega (1,000,000 and more)","note":"Derived: Markerly 2016 rate for this size x 2.78% / )b"
        R"b(4% (scaled so that nano matches HypeAuditor 2023). 1.7% x 0.695 = 1.18%."}],"year":2023}],)b"
        R"b("currency":"USD","funnel":{"average_order_value":2000,"click_basis":"engagements","click_t)b"
        R"b(hrough_rate":0.02,"conversion_rate":0.02,"emv_cpm":500,"include_emv":false,"margin":0.4},")b"
        R"b(funnel_from_targeted":true,"number_format":{"decimal_comma":false},"pricing":{"currency":")b"
        R"b(USD","kind":"tier_table","per_thousand":1000,"table_name":"The article's examples","target)b"
        R"b(_cpe":20,"tier_prices":[{"max_followers":99999,"min_followers":0,"name":"micro (under 100,)b"
        R"b(000)","note":"The article's negotiated price for an Instagram photo by a micro blogger (IZ)b"
        R"b(EA's 2017 average was $62).","price":10000},{"max_followers":9223372036854775807,"min_foll)b"
        R"b(owers":100000,"name":"macro (100,000 and more)","note":"The article's example of a blogger)b"
        R"b( with an audience in the millions; smaller macro accounts often cost less, so enter their )b"
        R"b(quote.","price":500000}]},"reach_rate":0.1,"uncertainty":{"seed":20170101,"sigma":0.5,"tri)b"
        R"b(als":10000}},"budget":500000,"comparison":{"a":{"influencers":[{"audience_fit":1.0,"engage)b"
        R"b(ment":0.024,"engagement_kind":"rate","followers":1000000,"id":1,"name":"National parenting)b"
        R"b( blogger","niche":"Parenting","notes":"Engagement rate: the benchmark for 100,000 and more)b"
        R"b( followers (2.4%, The article's figures (AdWeek)); replace it with the measured rate. Audi)b"
        R"b(ence fit: 100% until estimated.","platform":"Instagram","posts":1,"price":500000,"region":)b"
        R"b("United States (national)"}],"name":"One national blogger"},"b":{"influencers":[{"audience)b"
        R"b(_fit":1.0,"engagement":0.074,"engagement_kind":"rate","followers":1000,"id":2,"name":"New )b"
        R"b(England blogger 1","niche":"Parenting","notes":"Engagement rate: the benchmark for 1,000 t)b"
        R"b(o 9,999 followers (7.4%, The article's figures (AdWeek)); replace it with the measured rat)b"
        R"b(e. Audience fit: 100% until estimated.","platform":"Instagram","posts":1,"price":10000,"re)b"
        R"b(gion":"New England"},{"audience_fit":1.0,"engagement":0.074,"engagement_kind":"rate","foll)b"
        R"b(owers":1050,"id":3,"name":"New England blogger 2","niche":"Parenting","notes":"Engagement )b"
        R"b(rate: the benchmark for 1,000 to 9,999 followers (7.4%, The article's figures (AdWeek)); r)b"
        R"b(eplace it with the measured rate. Audience fit: 100% until estimated.","platform":"Instagr)b"
        R"b(am","posts":1,"price":10000,"region":"New England"},{"audience_fit":1.0,"engagement":0.074)b"
        R"b(,"engagement_kind":"rate","followers":1200,"id":4,"name":"New England blogger 3","niche":")b"
        R"b(Parenting","notes":"Engagement rate: the benchmark for 1,000 to 9,999 followers (7.4%, The)b"
        R"b( article's figures (AdWeek)); replace it with the measured rate. Audience fit: 100% until )b"
        R"b(estimated.","platform":"Instagram","posts":1,"price":10000,"region":"New England"},{"audie)b"
        R"b(nce_fit":1.0,"engagement":0.15,"engagement_kind":"rate","followers":300,"id":5,"name":"Flo)b"
        R"b(rida blogger 1","niche":"Parenting","notes":"Engagement rate: the benchmark for under 1,00)b"
        R"b(0 followers (15.0%, The article's figures (AdWeek)); replace it with the measured rate. Au)b"
        R"b(dience fit: 100% until estimated.","platform":"Instagram","posts":1,"price":10000,"region")b"
        R"b(:"Florida"},{"audience_fit":1.0,"engagement":0.15,"engagement_kind":"rate","followers":400)b"
        R"b(,"id":6,"name":"Florida blogger 2","niche":"Parenting","notes":"Engagement rate: the bench)b"
        R"b(mark for under 1,000 followers (15.0%, The article's figures (AdWeek)); replace it with th)b"
        R"b(e measured rate. Audience fit: 100% until estimated.","platform":"Instagram","posts":1,"pr)b"
        R"b(ice":10000,"region":"Florida"},{"audience_fit":1.0,"engagement":0.15,"engagement_kind":"ra)b"
        R"b(te","followers":500,"id":7,"name":"Florida blogger 3","niche":"Parenting","notes":"Engagem)b"
        R"b(ent rate: the benchmark for under 1,000 followers (15.0%, The article's figures (AdWeek));)b"
        R"b( replace it with the measured rate. Audience fit: 100% until estimated.","platform":"Insta)b"
        R"b(gram","posts":1,"price":10000,"region":"Florida"},{"audience_fit":1.0,"engagement":0.074,")b"
        R"b(engagement_kind":"rate","followers":1000,"id":8,"name":"Midwest blogger 1","niche":"Parent)b"
        R"b(ing","notes":"Engagement rate: the benchmark for 1,000 to 9,999 followers (7.4%, The artic)b"
        R"b(le's figures (AdWeek)); replace it with the measured rate. Audience fit: 100% until estima)b"
        R"b(ted.","platform":"Instagram","posts":1,"price":10000,"region":"Midwest"},{"audience_fit":1)b"
        R"b(.0,"engagement":0.074,"engagement_kind":"rate","followers":1100,"id":9,"name":"Midwest blo)b"
        R"b(gger 2","niche":"Parenting","notes":"Engagement rate: the benchmark for 1,000 to 9,999 fol)b"
        R"b(lowers (7.4%, The article's figures (AdWeek)); replace it with the measured rate. Audience)b"
        R"b( fit: 100% until estimated.","platform":"Instagram","posts":1,"price":10000,"region":"Midw)b"
        R"b(est"},{"audience_fit":1.0,"engagement":0.074,"engagement_kind":"rate","followers":1500,"id)b"
        R"b(":10,"name":"Pacific Northwest blogger","niche":"Parenting","notes":"Engagement rate: the )b"
        R"b(benchmark for 1,000 to 9,999 followers (7.4%, The article's figures (AdWeek)); replace it )b"
        R"b(with the measured rate. Audience fit: 100% until estimated.","platform":"Instagram","posts)b"
        R"b(":1,"price":10000,"region":"Pacific Northwest"},{"audience_fit":1.0,"engagement":0.074,"en)b"
        R"b(gagement_kind":"rate","followers":2000,"id":11,"name":"Texas blogger","niche":"Parenting",)b"
        R"b("notes":"Engagement rate: the benchmark for 1,000 to 9,999 followers (7.4%, The article's )b"
        R"b(figures (AdWeek)); replace it with the measured rate. Audience fit: 100% until estimated.")b"
        R"b(,"platform":"Instagram","posts":1,"price":10000,"region":"Texas"}],"name":"Ten regional bl)b"
        R"b(oggers"},"judgement":"cost_per_result","metric":"engagements"},"engagement":{"averaging":")b"
        R"b(mean","basis":"followers","counted":{"comments":true,"likes":true,"saves":false,"shares":f)b"
        R"b(alse},"posts":[{"audience":1000,"comments":0,"likes":150,"saves":0,"shares":0}]},"engageme)b"
        R"b(nt_followers":1000,"format":"microreach","optimizer":{"coverage":[],"max_budget_share":1.0)b"
        R"b(,"min_influencers":0,"must_exclude":[],"must_include":[],"objective":"expected_engagements)b"
        R"b("},"roster":[{"audience_fit":1.0,"engagement":0.024,"engagement_kind":"rate","followers":1)b"
        R"b(000000,"id":1,"name":"National parenting blogger","niche":"Parenting","notes":"Engagement )b"
        R"b(rate: the benchmark for 100,000 and more followers (2.4%, The article's figures (AdWeek));)b"
        R"b( replace it with the measured rate. Audience fit: 100% until estimated.","platform":"Insta)b"
        R"b(gram","posts":1,"price":500000,"region":"United States (national)"},{"audience_fit":1.0,"e)b"
        R"b(ngagement":0.074,"engagement_kind":"rate","followers":1000,"id":2,"name":"New England blog)b"
        R"b(ger 1","niche":"Parenting","notes":"Engagement rate: the benchmark for 1,000 to 9,999 foll)b"
        R"b(owers (7.4%, The article's figures (AdWeek)); replace it with the measured rate. Audience )b"
        R"b(fit: 100% until estimated.","platform":"Instagram","posts":1,"price":10000,"region":"New E)b"
        R"b(ngland"},{"audience_fit":1.0,"engagement":0.074,"engagement_kind":"rate","followers":1050,)b"
        R"b("id":3,"name":"New England blogger 2","niche":"Parenting","notes":"Engagement rate: the be)b"
        R"b(nchmark for 1,000 to 9,999 followers (7.4%, The article's figures (AdWeek)); replace it wi)b"
        R"b(th the measured rate. Audience fit: 100% until estimated.","platform":"Instagram","posts":)b"
        R"b(1,"price":10000,"region":"New England"},{"audience_fit":1.0,"engagement":0.074,"engagement)b"
        R"b(_kind":"rate","followers":1200,"id":4,"name":"New England blogger 3","niche":"Parenting",")b"
        R"b(notes":"Engagement rate: the benchmark for 1,000 to 9,999 followers (7.4%, The article's f)b"
        R"b(igures (AdWeek)); replace it with the measured rate. Audience fit: 100% until estimated.",)b"
        R"b("platform":"Instagram","posts":1,"price":10000,"region":"New England"},{"audience_fit":1.0)b"
        R"b(,"engagement":0.15,"engagement_kind":"rate","followers":300,"id":5,"name":"Florida blogger)b"
        R"b( 1","niche":"Parenting","notes":"Engagement rate: the benchmark for under 1,000 followers )b"
        R"b((15.0%, The article's figures (AdWeek)); replace it with the measured rate. Audience fit: )b"
        R"b(100% until estimated.","platform":"Instagram","posts":1,"price":10000,"region":"Florida"},)b"
        R"b({"audience_fit":1.0,"engagement":0.15,"engagement_kind":"rate","followers":400,"id":6,"nam)b"
        R"b(e":"Florida blogger 2","niche":"Parenting","notes":"Engagement rate: the benchmark for und)b"
        R"b(er 1,000 followers (15.0%, The article's figures (AdWeek)); replace it with the measured r)b"
        R"b(ate. Audience fit: 100% until estimated.","platform":"Instagram","posts":1,"price":10000,")b"
        R"b(region":"Florida"},{"audience_fit":1.0,"engagement":0.15,"engagement_kind":"rate","followe)b"
        R"b(rs":500,"id":7,"name":"Florida blogger 3","niche":"Parenting","notes":"Engagement rate: th)b"
        R"b(e benchmark for under 1,000 followers (15.0%, The article's figures (AdWeek)); replace it )b"
        R"b(with the measured rate. Audience fit: 100% until estimated.","platform":"Instagram","posts)b"
        R"b(":1,"price":10000,"region":"Florida"},{"audience_fit":1.0,"engagement":0.074,"engagement_k)b"
        R"b(ind":"rate","followers":1000,"id":8,"name":"Midwest blogger 1","niche":"Parenting","notes")b"
        R"b(:"Engagement rate: the benchmark for 1,000 to 9,999 followers (7.4%, The article's figures)b"
        R"b( (AdWeek)); replace it with the measured rate. Audience fit: 100% until estimated.","platf)b"
        R"b(orm":"Instagram","posts":1,"price":10000,"region":"Midwest"},{"audience_fit":1.0,"engageme)b"
        R"b(nt":0.074,"engagement_kind":"rate","followers":1100,"id":9,"name":"Midwest blogger 2","nic)b"
        R"b(he":"Parenting","notes":"Engagement rate: the benchmark for 1,000 to 9,999 followers (7.4%)b"
        R"b(, The article's figures (AdWeek)); replace it with the measured rate. Audience fit: 100% u)b"
        R"b(ntil estimated.","platform":"Instagram","posts":1,"price":10000,"region":"Midwest"},{"audi)b"
        R"b(ence_fit":1.0,"engagement":0.074,"engagement_kind":"rate","followers":1500,"id":10,"name":)b"
        R"b("Pacific Northwest blogger","niche":"Parenting","notes":"Engagement rate: the benchmark fo)b"
        R"b(r 1,000 to 9,999 followers (7.4%, The article's figures (AdWeek)); replace it with the mea)b"
        R"b(sured rate. Audience fit: 100% until estimated.","platform":"Instagram","posts":1,"price":)b"
        R"b(10000,"region":"Pacific Northwest"},{"audience_fit":1.0,"engagement":0.074,"engagement_kin)b"
        R"b(d":"rate","followers":2000,"id":11,"name":"Texas blogger","niche":"Parenting","notes":"Eng)b"
        R"b(agement rate: the benchmark for 1,000 to 9,999 followers (7.4%, The article's figures (AdW)b"
        R"b(eek)); replace it with the measured rate. Audience fit: 100% until estimated.","platform":)b"
        R"b("Instagram","posts":1,"price":10000,"region":"Texas"}],"screen":"compare","title":"Learnin)b"
        R"b(g-to-read toy","tracking":{"adopt_min_posts":1,"averaging":"mean","counted":{"comments":tr)b"
        R"b(ue,"likes":true,"saves":false,"shares":false}},"version":1})b";
    return baseline;
}

} // namespace detail

namespace {

constexpr std::string_view link_field = "Share link";

Error link_error(ErrorCode code, std::string message) {
    return make_error(code, std::string(link_field), std::move(message));
}

Error damaged() {
    return link_error(ErrorCode::malformed,
                      "This link is damaged; opened the default scenario instead.");
}

Error newer() {
    return link_error(ErrorCode::unsupported,
                      "This link comes from a newer version of Microreach; opened the default "
                      "scenario instead.");
}

// The frozen baseline of each link version, [0] for v1: the patch's base and the
// compressor's dictionary.
using BaselineFunction = std::string_view (*)();
constexpr BaselineFunction baselines[] = {detail::share_baseline_v1, detail::share_baseline_v2,
                                          detail::share_baseline_v3};
static_assert(std::size(baselines) == share_link_version);

bool known_version(int version) {
    return version >= 1 && version <= share_link_version;
}

std::string_view baseline_text(int version) {
    return baselines[version - 1]();
}

const nlohmann::json& baseline_document(int version) {
    static const std::vector<nlohmann::json> documents = [] {
        std::vector<nlohmann::json> parsed;
        for (const BaselineFunction baseline : baselines) {
            parsed.push_back(nlohmann::json::parse(baseline(), nullptr, false));
        }
        return parsed;
    }();
    return documents[static_cast<std::size_t>(version - 1)];
}

std::string_view trim_fragment(std::string_view text) {
    auto space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    };
    while (!text.empty() && space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && space(text.back())) {
        text.remove_suffix(1);
    }
    if (!text.empty() && text.front() == '#') {
        text.remove_prefix(1);
    }
    return text;
}

} // namespace

Result<std::string> encode_share_fragment(const Scenario& scenario) {
    const nlohmann::json patch = detail::create_merge_patch(baseline_document(share_link_version),
                                                            detail::scenario_to_json(scenario));
    const std::string text = patch.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string packed = detail::lz_compress(text, baseline_text(share_link_version));
    const std::uint32_t crc = detail::crc32(text);
    for (unsigned shift = 0; shift < 32; shift += 8) {
        packed += static_cast<char>((crc >> shift) & 0xFFU);
    }
    std::string fragment = "v" + std::to_string(share_link_version) + ".";
    fragment += detail::base64url_encode(packed);
    if (fragment.size() > max_share_fragment_bytes || text.size() > max_share_payload_bytes ||
        !detail::json_cost_within(text, max_share_objects, max_share_values)) {
        return link_error(ErrorCode::too_large,
                          "This scenario is too large for a link (over 32 KB or 1,000 rows); "
                          "save it as a file and share the file instead.");
    }
    return fragment;
}

Result<Scenario> decode_share_fragment(std::string_view fragment) {
    fragment = trim_fragment(fragment);
    if (fragment.size() > max_share_fragment_bytes) {
        return link_error(ErrorCode::too_large,
                          "This link is too long (over 32 KB) to be a Microreach link; opened "
                          "the default scenario instead.");
    }
    // "v<1 to 4 digits>."
    const std::size_t dot = fragment.find('.');
    if (fragment.empty() || fragment.front() != 'v' || dot == std::string_view::npos || dot < 2 ||
        dot > 5) {
        return damaged();
    }
    int version = 0;
    for (std::size_t i = 1; i < dot; ++i) {
        if (fragment[i] < '0' || fragment[i] > '9') {
            return damaged();
        }
        version = version * 10 + (fragment[i] - '0');
    }
    if (version > share_link_version) {
        return newer();
    }
    if (!known_version(version)) {
        return damaged();
    }
    const auto packed = detail::base64url_decode(fragment.substr(dot + 1));
    if (!packed || packed->size() < 5) {
        return damaged();
    }
    const std::string_view body(packed->data(), packed->size() - 4);
    std::uint32_t crc = 0;
    for (unsigned k = 0; k < 4; ++k) {
        const auto byte = static_cast<unsigned char>((*packed)[packed->size() - 4 + k]);
        crc |= static_cast<std::uint32_t>(byte) << (8U * k);
    }
    const auto text = detail::lz_decompress(body, max_share_payload_bytes, baseline_text(version));
    if (!text || detail::crc32(*text) != crc) {
        return damaged();
    }
    // Checked before parsing: what a link holds is bounded by what it costs to open.
    if (!detail::json_cost_within(*text, max_share_objects, max_share_values)) {
        return link_error(ErrorCode::too_large,
                          "This link holds more than a Microreach link can (over 1,000 rows or "
                          "20,000 values); opened the default scenario instead.");
    }
    auto patch = detail::parse_state_text(*text);
    if (!patch.ok() || !patch.value().is_object()) {
        return damaged();
    }
    nlohmann::json document = baseline_document(version);
    document.merge_patch(patch.value());
    auto scenario = detail::scenario_from_json(document);
    if (!scenario.ok()) {
        if (scenario.error().code == ErrorCode::unsupported) {
            return newer();
        }
        if (scenario.error().code == ErrorCode::too_large) {
            return link_error(ErrorCode::too_large,
                              "This link holds more than Microreach can open; opened the "
                              "default scenario instead.");
        }
        return damaged();
    }
    return scenario;
}

// [SECTION] URL prefill parameters

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::string trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return std::string(text);
}

std::optional<std::uint32_t> parse_colour(std::string_view text) {
    if (!text.empty() && text.front() == '#') {
        text.remove_prefix(1);
    }
    if (text.size() != 3 && text.size() != 6) {
        return std::nullopt;
    }
    std::uint32_t value = 0;
    for (const char c : text) {
        std::uint32_t digit = 0;
        if (c >= '0' && c <= '9') {
            digit = static_cast<std::uint32_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digit = static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            digit = static_cast<std::uint32_t>(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
        // "#e52" is shorthand for "#ee5522": each digit doubled.
        value = text.size() == 3 ? (value << 8U) | (digit << 4U) | digit : (value << 4U) | digit;
    }
    return value;
}

bool valid_screen_id(std::string_view id) {
    if (id.empty() || id.size() > 32) {
        return false;
    }
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

// A rejected value is repeated in the message only when it is a short plain word
// ("pink", "XYZ"): a link must not make the app show text of the link's choosing
// (content spoofing on the app's own origin). Anything else reads "that".
std::string shown(std::string_view value) {
    const bool plain =
        !value.empty() && value.size() <= 12 && std::all_of(value.begin(), value.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '#' || c == '-' || c == '_';
        });
    return plain ? '"' + std::string(value) + '"' : std::string("that");
}

Error parameter_error(std::string_view name, std::string message) {
    return make_error(ErrorCode::invalid, std::string(name), std::move(message));
}

} // namespace

PrefillParams parse_prefill(std::string_view query, Currency default_currency,
                            const std::vector<std::string_view>& screen_ids) {
    PrefillParams params;
    if (!query.empty() && query.front() == '?') {
        query.remove_prefix(1);
    }
    if (query.size() > max_prefill_query_bytes) {
        params.errors.push_back(make_error(
            ErrorCode::too_large, "URL",
            "URL: the parameters are longer than 4 KB, so they were ignored; shorten the link."));
        return params;
    }
    std::optional<std::string> budget_text;
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string_view::npos) {
            end = query.size();
        }
        const std::string_view pair = query.substr(start, end - start);
        start = end + 1;
        if (pair.empty()) {
            continue;
        }
        const std::size_t equals = pair.find('=');
        const auto raw_name = detail::percent_decode(pair.substr(0, equals));
        if (!raw_name) {
            continue; // not one of ours: nothing to report against
        }
        const std::string name = lower(trimmed(*raw_name));
        const bool known = name == "screen" || name == "budget" || name == "currency" ||
                           name == "theme" || name == "accent" || name == "embed";
        if (!known) {
            continue;
        }
        const auto decoded = detail::percent_decode(
            equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1));
        if (!decoded) {
            params.errors.push_back(parameter_error(
                name, name + ": the value has a broken %-escape; copy the link again."));
            continue;
        }
        const std::string value = trimmed(*decoded);
        if (name == "screen") {
            const std::string id = lower(value);
            const auto& ids = screen_ids.empty() ? core::screen_ids() : screen_ids;
            // A former name ("optimizer") is accepted where today's ("roster") is.
            const auto stored = screen_from_id(id);
            const std::string_view today = stored ? screen_id(*stored) : std::string_view(id);
            const bool listed =
                valid_screen_id(id) && (std::find(ids.begin(), ids.end(), id) != ids.end() ||
                                        std::find(ids.begin(), ids.end(), today) != ids.end());
            if (listed) {
                params.screen = id;
            } else {
                std::string choices;
                for (std::size_t k = 0; k < ids.size(); ++k) {
                    choices += (k == 0 ? "" : ", ") + std::string(ids[k]);
                }
                params.errors.push_back(parameter_error(
                    // Never repeated: the app names its screens itself.
                    name, "screen: that is not a screen" +
                              (choices.empty() ? "" : "; use one of " + choices) + "."));
            }
        } else if (name == "budget") {
            budget_text = value;
        } else if (name == "currency") {
            const auto currency = value.size() == 3 ? currency_from_text(value) : std::nullopt;
            if (currency) {
                params.currency = currency;
            } else {
                params.errors.push_back(
                    parameter_error(name, "currency: " + shown(value) +
                                              " is not a currency here; use USD, EUR, "
                                              "GBP, CAD or AUD."));
            }
        } else if (name == "theme") {
            const std::string theme = lower(value);
            if (theme == "light") {
                params.theme = Theme::light;
            } else if (theme == "dark") {
                params.theme = Theme::dark;
            } else if (theme == "system" || theme == "auto") {
                params.theme = Theme::system;
            } else {
                params.errors.push_back(
                    parameter_error(name, "theme: " + shown(value) +
                                              " is not a theme; use light, dark or system."));
            }
        } else if (name == "accent") {
            if (const auto colour = parse_colour(value)) {
                params.accent = colour;
            } else {
                params.errors.push_back(parameter_error(
                    name, "accent: " + shown(value) +
                              " is not a colour; use six hex digits such as %23e4572e."));
            }
        } else if (name == "embed") {
            const std::string flag = lower(value);
            if (equals == std::string_view::npos || flag == "1" || flag == "true" ||
                flag == "yes" || flag == "on") {
                params.embed = true;
            } else if (flag == "0" || flag == "false" || flag == "no" || flag == "off") {
                params.embed = false;
            } else {
                params.errors.push_back(parameter_error(
                    name, "embed: " + shown(value) + " is not on or off; use 1 or 0."));
            }
        }
    }
    if (budget_text) {
        const Currency currency = params.currency.value_or(default_currency);
        auto budget = parse_money(*budget_text, "budget", currency);
        if (budget.ok()) {
            params.budget = budget.value();
        } else {
            params.errors.push_back(budget.error());
        }
    }
    return params;
}

} // namespace core
