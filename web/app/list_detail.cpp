// Phone lists, row details and fitted text (list_detail.hpp).
#include "web/app/list_detail.hpp"

#include "imgui_internal.h"
#include "web/app/layout.hpp"
#include "web/app/theme.hpp"
#include "web/app/widgets.hpp"
#include "web/platform/items.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>

namespace web::ui {
namespace {

// The detail card's grid of fields (one detail is drawn at a time).
std::optional<layout::TileGrid> g_detail_grid;

// Draws `text` left-aligned in [min.x, min.x + width) on the line at min.y, cut with an
// ellipsis when it is wider; the last item then shows the full text as `full` says.
void draw_fitted(std::string_view text, ImVec2 min, float width, FullText full) {
    const char* begin = text.data();
    const char* end = begin + text.size();
    const float height = ImGui::GetTextLineHeight();
    const bool cut = ImGui::CalcTextSize(begin, end).x > width + 0.5f;
    const ImRect box(min, ImVec2(min.x + width, min.y + height));
    if (!cut) {
        ImGui::GetWindowDrawList()->AddText(min, ImGui::GetColorU32(ImGuiCol_Text), begin, end);
        return;
    }
    ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), box.Min, box.Max, box.Max.x, box.Max.x,
                              begin, end, nullptr);
    if (full == FullText::by_caller) {
        return;
    }
    // Tooltip on hover; a tap (no hover on touch screens) pins the same text in a popup.
    const ImGuiID popup = ImGui::GetID(begin, end);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip) && !ImGui::IsPopupOpen(popup, 0)) {
        ImGui::SetTooltip("%.*s", static_cast<int>(text.size()), begin);
    }
    if (full == FullText::hover_and_tap && ImGui::IsItemHovered() &&
        ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
        ImGui::OpenPopupEx(popup);
    }
    if (ImGui::BeginPopupEx(popup, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar |
                                       ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22.0f);
        ImGui::TextUnformatted(begin, end);
        ImGui::PopTextWrapPos();
        ImGui::EndPopup();
    }
}

} // namespace

bool list_layout(float screen_width) {
    return screen_width < 640.0f;
}

void fitted_text(std::string_view text, float width, ImU32 colour, FullText full) {
    const float room = width > 0.0f ? width : std::max(1.0f, ImGui::GetContentRegionAvail().x);
    const float natural = ImGui::CalcTextSize(text.data(), text.data() + text.size()).x;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    // An item the size of what is shown, so hover and tap find it (no id: not a control).
    const ImVec2 size(std::min(room, natural), ImGui::GetTextLineHeight());
    ImGui::ItemSize(size);
    if (!ImGui::ItemAdd(ImRect(min, ImVec2(min.x + size.x, min.y + size.y)), 0)) {
        return;
    }
    if (colour != 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
    }
    draw_fitted(text, min, room, full);
    if (colour != 0) {
        ImGui::PopStyleColor();
    }
}

void same_line_if_room(float width, float spacing) {
    // The room left on the line the last item ended (GetContentRegionAvail measures
    // from the start of the next line).
    const float right_edge = ImGui::GetWindowPos().x + ImGui::GetContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + spacing + width <= right_edge) {
        ImGui::SameLine(0.0f, spacing);
    }
}

void tap_list(const char* id, std::string_view table_name, std::span<const ListColumn> columns,
              const TapRows& rows, std::uint32_t& open) {
    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2.0f + 8.0f;
    const bool scrolls =
        rows.shown_rows > 0 && rows.count > static_cast<std::size_t>(rows.shown_rows);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_NoSavedSettings |
                                  (scrolls ? ImGuiTableFlags_ScrollY : 0);
    const ImVec2 size(0.0f,
                      scrolls ? row_h * static_cast<float>(rows.shown_rows + 1) + 6.0f : 0.0f);
    if (!ImGui::BeginTable(id, static_cast<int>(columns.size()), flags, size)) {
        return;
    }
    for (const ListColumn& column : columns) {
        ImGui::TableSetupColumn(std::string(column.header).c_str(),
                                ImGuiTableColumnFlags_WidthStretch, column.weight);
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableHeadersRow();
    label_table(table_name);
    bool found = false;
    for (std::size_t r = 0; r < rows.count && !found; ++r) {
        found = rows.key(r) == open;
    }
    if (!found) {
        open = 0; // the open row left the list (deleted, filtered out)
    }
    // Long lists (a roster of thousands) draw only the rows in view.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.count), row_h);
    while (clipper.Step()) {
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            const auto r = static_cast<std::size_t>(k);
            const std::uint32_t row_key = rows.key(r);
            const bool is_open = row_key == open;
            ImGui::PushID(static_cast<int>(row_key));
            ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
            const ImU32 background = rows.background ? rows.background(r) : 0;
            if (background != 0) {
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, background);
            }
            ImGui::TableNextColumn();
            // The whole row is the tap target; the name is drawn over it, cut to its cell.
            const std::string name = rows.text(r, 0);
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const float name_w = ImGui::GetContentRegionAvail().x;
            char label[32];
            std::snprintf(label, sizeof label, "##open_%u", row_key);
            if (ImGui::Selectable(label, is_open, ImGuiSelectableFlags_SpanAllColumns,
                                  ImVec2(0, row_h - 8.0f))) {
                open = is_open ? 0 : row_key;
            }
            describe_last_item(Role::button, (is_open ? "Close " : "Open ") + name, {}, is_open);
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip) &&
                ImGui::CalcTextSize(name.c_str()).x > name_w) {
                ImGui::SetTooltip("%s", name.c_str());
            }
            const float y = at.y + (row_h - 8.0f - ImGui::GetTextLineHeight()) * 0.5f;
            const ImU32 colour = rows.name_colour ? rows.name_colour(r) : 0;
            if (colour != 0) {
                ImGui::PushStyleColor(ImGuiCol_Text, colour);
            }
            draw_fitted(name, ImVec2(at.x, y), name_w, FullText::by_caller);
            if (colour != 0) {
                ImGui::PopStyleColor();
            }
            for (std::size_t c = 1; c < columns.size(); ++c) {
                ImGui::TableNextColumn();
                ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (y - at.y));
                // A tap opens the row; the detail shows the figure whole.
                fitted_text(rows.text(r, c), 0.0f, 0, FullText::hover);
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

StoredOpenRow::StoredOpenRow(const char* list_id)
    : key(static_cast<std::uint32_t>(ImGui::GetStateStorage()->GetInt(ImGui::GetID(list_id)))),
      id_(ImGui::GetID(list_id)) {}

StoredOpenRow::~StoredOpenRow() {
    ImGui::GetStateStorage()->SetInt(id_, static_cast<int>(key));
}

void begin_detail(const char* id, std::string_view title, std::string_view subtitle) {
    layout::gap(4);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().background);
    begin_card(id, title, subtitle);
    ImGui::PopStyleColor();
    g_detail_grid.emplace(130.0f, 3);
}

float detail_field(std::string_view caption) {
    const float width = g_detail_grid->next();
    ImGui::BeginGroup();
    field_label(caption);
    return width;
}

void end_detail_field() {
    ImGui::EndGroup();
}

void end_detail() {
    g_detail_grid.reset();
    end_card();
}

} // namespace web::ui
