#include "web/platform/test_hook.hpp"

#include "imgui.h"
#include "imgui_internal.h"

#include <algorithm>
#include <cstdio>
#include <emscripten/emscripten.h>
#include <emscripten/heap.h>
#include <vector>

namespace web {
namespace {

struct Item {
    ImGuiID id = 0;
    std::string label; // as passed to ImGui, "##id" suffixes included
    ImRect rect;
    ImGuiItemStatusFlags flags = 0;
    std::string window;
};

struct HookState {
    bool enabled = false;
    std::vector<Item> items;          // being collected this frame
    std::vector<Item> previous_items; // the last complete frame
    // CPU time of recent frames, for the benchmark's frame-cost figures.
    static constexpr int frame_time_capacity = 512;
    double frame_times_ms[frame_time_capacity] = {};
    int frame_time_count = 0;
};

HookState g_hook;

void append_json_string(std::string& out, const char* text) {
    out += '"';
    for (const char* c = text; *c != 0; ++c) {
        const unsigned char ch = static_cast<unsigned char>(*c);
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += static_cast<char>(ch);
        } else if (ch < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", ch);
            out += escaped;
        } else {
            out += static_cast<char>(ch);
        }
    }
    out += '"';
}

// clang-format off
EM_JS(void, js_publish_test_state, (const char* json), {
    window.__microreachTest = JSON.parse(UTF8ToString(json));
});
// clang-format on

} // namespace

void test_hook_set_enabled(bool enabled) {
    g_hook.enabled = enabled;
}
bool test_hook_enabled() {
    return g_hook.enabled;
}

void test_hook_begin_frame() {
    g_hook.previous_items.swap(g_hook.items);
    g_hook.items.clear();
}

bool test_hook_inputable_at(float x, float y) {
    for (const Item& item : g_hook.previous_items) {
        if ((item.flags & ImGuiItemStatusFlags_Inputable) && item.rect.Contains(ImVec2(x, y))) {
            return true;
        }
    }
    return false;
}

void test_hook_end_frame(long frames_drawn, double frame_ms, const std::string& state_json) {
    if (!g_hook.enabled) {
        return;
    }
    g_hook.frame_times_ms[g_hook.frame_time_count % HookState::frame_time_capacity] = frame_ms;
    ++g_hook.frame_time_count;
    const ImGuiIO& io = ImGui::GetIO();
    std::string json =
        "{\"frames\":" + std::to_string(frames_drawn) + ",\"frameMs\":" + std::to_string(frame_ms) +
        ",\"heapBytes\":" + std::to_string(emscripten_get_heap_size()) + ",\"recentFrameMs\":[";
    const int recent = std::min(g_hook.frame_time_count, HookState::frame_time_capacity);
    for (int i = 0; i < recent; ++i) {
        const int index = (g_hook.frame_time_count - recent + i) % HookState::frame_time_capacity;
        char number[32];
        std::snprintf(number, sizeof number, "%s%.3f", i == 0 ? "" : ",",
                      g_hook.frame_times_ms[index]);
        json += number;
    }
    json += std::string("]") + ",\"wantTextInput\":" + (io.WantTextInput ? "true" : "false") +
            ",\"items\":[";
    bool first = true;
    for (const Item& item : g_hook.items) {
        if (!first) {
            json += ',';
        }
        first = false;
        char numbers[160];
        std::snprintf(
            numbers, sizeof numbers,
            "{\"id\":%u,\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f,\"flags\":%d,\"label\":",
            item.id, item.rect.Min.x, item.rect.Min.y, item.rect.GetWidth(), item.rect.GetHeight(),
            item.flags);
        json += numbers;
        append_json_string(json, item.label.c_str());
        json += ",\"window\":";
        append_json_string(json, item.window.c_str());
        json += '}';
    }
    json += "],\"state\":";
    json += state_json.empty() ? "null" : state_json;
    json += '}';
    js_publish_test_state(json.c_str());
}

} // namespace web

// Dear ImGui calls these for every item when TestEngineHookItems is set.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, ImGuiID, const ImRect&, const ImGuiLastItemData*) {}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* context, ImGuiID id, const char* label,
                                  ImGuiItemStatusFlags flags) {
    if (label == nullptr) {
        return;
    }
    // Windows report their own name too; keep widgets only.
    if (context->CurrentWindow != nullptr && context->CurrentWindow->ID == id) {
        return;
    }
    web::Item item;
    item.id = id;
    item.label = label;
    item.rect = context->LastItemData.Rect;
    item.flags = flags;
    if (context->CurrentWindow != nullptr) {
        item.window = context->CurrentWindow->Name;
    }
    web::g_hook.items.push_back(std::move(item));
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) {
    return nullptr;
}
