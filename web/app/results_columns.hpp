// The results screen's tables. The tracked posts, their columns described once in
// `post_columns`: header and field name, cell text, editor and item id
// ("##actual_Likes_3" is row 3's likes). From the table come the wide table and, on
// phones, a tap list (influencer, likes, revenue) with the tapped post's detail: every
// field and the Remove button (list_detail.hpp).
#pragma once

#include "core/tracking.hpp"
#include "web/app/app.hpp"
#include "web/app/widgets.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace web::results {

// One tracked post as a column sees it.
struct PostCell {
    App& app;
    std::size_t index; // in the scenario's actuals
    const core::ActualResult& post;
    core::NumberFormat format;
};

struct PostColumn {
    std::string_view key; // item ids
    const char* label;    // header and field name
    float width;
    // A count typed per post (likes, ...) needs only this; other columns give their
    // text and editor.
    std::int64_t core::ActualResult::*count = nullptr;
    std::string (*text)(const PostCell&) = nullptr;
    void (*edit)(const PostCell&, const char* id, const ui::FieldOptions&) = nullptr;
};

std::string influencer_name(const PostCell& cell);
void edit_influencer(const PostCell& cell, const char* id, const ui::FieldOptions& options);
std::string revenue_text(const PostCell& cell);
void edit_revenue(const PostCell& cell, const char* id, const ui::FieldOptions& options);

inline constexpr PostColumn post_columns[] = {
    {.key = "who",
     .label = "Influencer",
     .width = 190,
     .text = influencer_name,
     .edit = edit_influencer},
    {.key = "Likes", .label = "Likes", .width = 78, .count = &core::ActualResult::likes},
    {.key = "Comments", .label = "Comments", .width = 78, .count = &core::ActualResult::comments},
    {.key = "Shares", .label = "Shares", .width = 78, .count = &core::ActualResult::shares},
    {.key = "Saves", .label = "Saves", .width = 78, .count = &core::ActualResult::saves},
    {.key = "Clicks", .label = "Clicks", .width = 78, .count = &core::ActualResult::clicks},
    {.key = "Sales", .label = "Sales", .width = 78, .count = &core::ActualResult::conversions},
    {.key = "revenue", .label = "Revenue", .width = 90, .text = revenue_text, .edit = edit_revenue},
};

// The tracked posts, in the layout the screen's width calls for.
void draw_posts_table(App& app);

// "Who delivered": the influencers in `order` (best first), as a table on wide screens,
// on phones a tap list (rank and name, against expected, cost per engagement) and the
// tapped influencer's figures. Its columns are `rank_columns` in results_columns.cpp.
// `expected_basis` says what the expectation counts ("likes and comments").
void draw_ranking_table(App& app, const core::TrackingResult& tracking,
                        std::span<const std::size_t> order, std::string_view expected_basis);

} // namespace web::results
