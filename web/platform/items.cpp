#include "web/platform/items.hpp"

#include <cstdio>

namespace web {
namespace {

struct ItemsState {
    std::vector<Item> items;                                  // being collected this frame
    std::vector<Item> previous_items;                         // the last complete frame
    std::vector<std::pair<ImGuiID, std::string>> table_names; // this frame's label_table calls
    ItemAddedFunction added_listener = nullptr;
};

ItemsState g_items;

} // namespace

void items_begin_frame() {
    g_items.previous_items.swap(g_items.items);
    g_items.items.clear();
    g_items.table_names.clear();
}

const std::vector<Item>& items_current() {
    return g_items.items;
}

const std::vector<Item>& items_previous() {
    return g_items.previous_items;
}

const Item* items_find_previous(ImGuiID id) {
    for (const Item& item : g_items.previous_items) {
        if (item.id == id) {
            return &item;
        }
    }
    return nullptr;
}

void describe_last_item(Role role, std::string_view name, std::string_view value, bool selected) {
    const ImGuiID id = ImGui::GetItemID();
    // The widget reported itself last (or just before its tooltip's items).
    for (auto it = g_items.items.rbegin(); it != g_items.items.rend(); ++it) {
        if (it->id == id) {
            it->role = role;
            it->name.assign(name);
            it->value.assign(value);
            it->selected = selected;
            return;
        }
    }
}

void label_table(std::string_view name) {
    if (const ImGuiTable* table = ImGui::GetCurrentTable()) {
        g_items.table_names.emplace_back(table->ID, std::string(name));
        for (Item& item : g_items.items) { // cells submitted before the call
            if (item.table == table->ID) {
                item.table_name.assign(name);
            }
        }
    }
}

void items_set_added_listener(ItemAddedFunction listener) {
    g_items.added_listener = listener;
}

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    for (const char c : text) {
        const auto ch = static_cast<unsigned char>(c);
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += c;
        } else if (ch < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", ch);
            out += escaped;
        } else {
            out += c;
        }
    }
    out += '"';
}

} // namespace web

// Dear ImGui calls these for every item when TestEngineHookItems is set.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, ImGuiID id, const ImRect& rect,
                                 const ImGuiLastItemData*) {
    if (web::g_items.added_listener != nullptr) {
        web::g_items.added_listener(id, rect);
    }
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* context, ImGuiID id, const char* label,
                                  ImGuiItemStatusFlags flags) {
    if (label == nullptr) {
        return;
    }
    ImGuiWindow* window = context->CurrentWindow;
    // Windows report their own name too; keep widgets only.
    if (window != nullptr && window->ID == id) {
        return;
    }
    web::Item item;
    item.id = id;
    item.label = label;
    item.rect = context->LastItemData.Rect;
    item.flags = flags;
    item.text_width = ImGui::CalcTextSize(label, nullptr, true).x;
    item.disabled = (context->LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0;
    if (window != nullptr) {
        item.window = window->Name;
        item.clip = window->ClipRect;
        item.in_popup = (window->Flags & ImGuiWindowFlags_Popup) != 0;
        item.scrolls_x = (window->Flags & ImGuiWindowFlags_HorizontalScrollbar) != 0;
    }
    ImGuiTable* table = context->CurrentTable;
    if (table != nullptr && window == table->InnerWindow && table->CurrentColumn >= 0) {
        item.table = table->ID;
        item.row = table->CurrentRow;
        item.column = table->CurrentColumn;
        item.column_name = ImGui::TableGetColumnName(table, table->CurrentColumn);
        item.header = (table->RowFlags & ImGuiTableRowFlags_Headers) != 0;
        for (const auto& [table_id, name] : web::g_items.table_names) {
            if (table_id == table->ID) {
                item.table_name = name;
            }
        }
    }
    web::g_items.items.push_back(std::move(item));
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) {
    return nullptr;
}
