// Phone layouts for tables: below the width where a wide table fits, a screen shows a
// list of its rows (the name and one or two figures) and, under it, the tapped row's
// detail with every field and the row's buttons. The columns come from the screen's
// own column table (compare_columns.hpp, results_columns.hpp), so the wide table, the
// list and the detail show the same fields. Also: text that fits its box or is cut
// with an ellipsis, the full text on hover and on tap.
#pragma once

#include "imgui.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace web::ui {

// Whether a screen this wide shows lists and details instead of wide tables (phones,
// and narrow windows: the planner's roster switches at the same width).
[[nodiscard]] bool list_layout(float screen_width);

// Where cut text shows in full: a tooltip on hover and a popup on tap; a tooltip only
// (where a tap does something else); or as the caller arranges.
enum class FullText { hover_and_tap, hover, by_caller };

// Text in the space left on the line (or `width`): drawn whole when it fits, else cut
// with "..." and the full text shown as `full` says.
void fitted_text(std::string_view text, float width = 0.0f, ImU32 colour = 0,
                 FullText full = FullText::hover_and_tap);

// Puts the next item, `width` wide, on the current line when it fits there (after
// `spacing`), else lets it start a new line. For rows of legend entries.
void same_line_if_room(float width, float spacing);

// One column of a tap list: its header and its share of the width.
struct ListColumn {
    std::string_view header;
    float weight = 1.0f;
};

// The rows of a tap list, told by functions of the row's place in the list.
struct TapRows {
    std::size_t count = 0;
    std::function<std::string(std::size_t row, std::size_t column)> text;
    // Identifies a row across edits (an influencer's id); never 0.
    std::function<std::uint32_t(std::size_t row)> key;
    std::function<ImU32(std::size_t row)> background;  // a row's highlight, 0: none
    std::function<ImU32(std::size_t row)> name_colour; // 0: the text colour
    int shown_rows = 0; // > 0: at most this many rows in view, the list scrolls
};

// A list of rows to tap: column 0 is the row's name (the tappable part, spanning the
// row; named for screen readers "Open <name>", item id "##open_<key>"), the others
// short figures. `open` is the key of the open row (0: none): a tap opens a row or
// closes the open one; a row gone from the list closes.
void tap_list(const char* id, std::string_view table_name, std::span<const ListColumn> columns,
              const TapRows& rows, std::uint32_t& open);

// The open row of a tap list for screens that do not keep it in the app's state: kept
// in ImGui's storage under the list's id, read on construction, written back when done.
class StoredOpenRow {
public:
    explicit StoredOpenRow(const char* list_id);
    ~StoredOpenRow();
    StoredOpenRow(const StoredOpenRow&) = delete;
    StoredOpenRow& operator=(const StoredOpenRow&) = delete;
    std::uint32_t key = 0;

private:
    ImGuiID id_;
};

// The open row's detail: a card titled with the row's name; fields go in a grid of
// `detail_field` cells, buttons after `detail_buttons`.
void begin_detail(const char* id, std::string_view title, std::string_view subtitle);
// Starts one field of the grid (its caption drawn) and returns the width for its editor;
// call end_detail_field after the editor.
float detail_field(std::string_view caption);
void end_detail_field();
void end_detail();

} // namespace web::ui
