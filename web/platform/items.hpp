// Every widget of a frame, as Dear ImGui's item hooks (IMGUI_ENABLE_TEST_ENGINE)
// report it: id, label, rectangle, status, window and table cell, plus what the app
// adds about it (role, accessible name, value) through describe_last_item(). The
// accessible mirror (mirror.hpp), the test hook (test_hook.hpp) and the phone
// keyboard (a tap on a text field) all read this one list.
#pragma once

#include "imgui.h"
#include "imgui_internal.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace web {

// What a widget is to a screen reader; `automatic` lets the mirror decide from ImGui's
// status flags (checkable items are checkboxes, text fields textboxes, others buttons).
enum class Role : std::uint8_t { automatic, button, tab, checkbox, textbox, combobox, header };

struct Item {
    ImGuiID id = 0;
    std::string label; // as passed to ImGui, "##id" suffixes included
    ImRect rect;       // CSS pixels in the layout (the page scrolls, the layout does not)
    ImRect clip;       // the visible part of its window
    ImGuiItemStatusFlags flags = 0;
    bool disabled = false;
    bool in_popup = false;
    std::string window;
    // Table cell: the table's id, its name (label_table) and the column's header.
    ImGuiID table = 0;
    int row = -1, column = -1;
    std::string column_name, table_name;
    // Set by the app for the accessible mirror.
    Role role = Role::automatic;
    std::string name;  // accessible name when the label does not say it ("" = from the label)
    std::string value; // a field's text, a combo's choice, a tile's figure
    bool selected = false;
    // For the clipping check: the label's width and whether its window scrolls
    // sideways (a part out of view there is scrolled away, not cut).
    float text_width = 0.0f;
    bool scrolls_x = false;
    bool header = false; // a table header: ImGui cuts it with "..." and a tooltip
};

// The items of the frame being built and of the last complete frame.
void items_begin_frame();
[[nodiscard]] const std::vector<Item>& items_current();
[[nodiscard]] const std::vector<Item>& items_previous();
[[nodiscard]] const Item* items_find_previous(ImGuiID id);

// Describes the item just submitted (call right after it): its role, its accessible
// name when its label is empty or cryptic, its value, whether it is the selected one.
void describe_last_item(Role role, std::string_view name = {}, std::string_view value = {},
                        bool selected = false);
// Names the table being built (call between BeginTable and EndTable), for screen readers.
void label_table(std::string_view name);

// Called from the ItemAdd hook for every item: lets the mirror move ImGui's keyboard
// focus to an item while it is being submitted (the only moment ImGui allows it).
using ItemAddedFunction = void (*)(ImGuiID id, const ImRect& rect);
void items_set_added_listener(ItemAddedFunction listener);

// Appends `text` as a JSON string literal (quotes and escapes included).
void append_json_string(std::string& out, std::string_view text);

} // namespace web
