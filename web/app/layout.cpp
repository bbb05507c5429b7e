#include "web/app/layout.hpp"

#include "imgui_internal.h"

#include <algorithm>

namespace web::layout {

Columns::Columns(const char* id, bool two, float left_share) {
    if (!two) {
        return;
    }
    table_ = ImGui::BeginTable(
        id, 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoSavedSettings, ImVec2(0, 0));
    if (table_) {
        ImGui::TableSetupColumn("left", ImGuiTableColumnFlags_WidthStretch, left_share);
        ImGui::TableSetupColumn("right", ImGuiTableColumnFlags_WidthStretch, 1.0f - left_share);
    }
}

Columns::~Columns() {
    if (table_) {
        ImGui::EndTable();
    }
}

void Columns::next() {
    if (table_) {
        ImGui::TableNextColumn();
    } else if (!first_) {
        gap();
    }
    first_ = false;
}

TileGrid::TileGrid(float min_width, int max_per_row) {
    const float available = ImGui::GetContentRegionAvail().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    per_row_ =
        std::clamp(static_cast<int>((available + spacing) / (min_width + spacing)), 1, max_per_row);
    width_ =
        (available - spacing * static_cast<float>(per_row_ - 1)) / static_cast<float>(per_row_);
}

float TileGrid::next() {
    if (index_ % per_row_ != 0) {
        ImGui::SameLine();
        ImGui::SetCursorPosY(row_y_); // groups start level, whatever their first item is
    } else {
        row_y_ = ImGui::GetCursorPosY();
    }
    ++index_;
    return width_;
}

void gap(float height) {
    ImGui::Dummy(ImVec2(0, height));
}

} // namespace web::layout
