#include "web/platform/test_hook.hpp"

#include "imgui.h"
#include "imgui_internal.h"
#include "web/platform/clip_check.hpp"
#include "web/platform/glyph_check.hpp"
#include "web/platform/items.hpp"

#include <algorithm>
#include <cstdio>
#include <emscripten/emscripten.h>
#include <emscripten/heap.h>
#include <vector>

namespace web {
namespace {

struct HookState {
    bool enabled = false;
    // CPU time of recent frames, for the benchmark's frame-cost figures.
    static constexpr int frame_time_capacity = 512;
    double frame_times_ms[frame_time_capacity] = {};
    int frame_time_count = 0;
};

HookState g_hook;

// clang-format off
EM_JS(int, js_clip_check_wanted, (), {
    return new URLSearchParams(location.search).get('clipcheck') === '1' ? 1 : 0;
});
// clang-format on

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

bool test_hook_inputable_at(float x, float y) {
    for (const Item& item : items_previous()) {
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
    json += std::string("]") + ",\"navId\":" + std::to_string(ImGui::GetCurrentContext()->NavId) +
            ",\"wantTextInput\":" + (io.WantTextInput ? "true" : "false") +
            ",\"missingGlyphs\":" + std::to_string(glyph_check_missing_total()) + ",\"items\":[";
    bool first = true;
    for (const Item& item : items_current()) {
        if (!first) {
            json += ',';
        }
        first = false;
        char numbers[320];
        std::snprintf(numbers, sizeof numbers,
                      "{\"id\":%u,\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f,\"flags\":%d,"
                      "\"textW\":%.1f,\"clipX\":%.1f,\"clipR\":%.1f,\"scrollsX\":%s,\"header\":%s,"
                      "\"label\":",
                      item.id, item.rect.Min.x, item.rect.Min.y, item.rect.GetWidth(),
                      item.rect.GetHeight(), item.flags, item.text_width, item.clip.Min.x,
                      item.clip.Max.x, item.scrolls_x ? "true" : "false",
                      item.header ? "true" : "false");
        json += numbers;
        append_json_string(json, item.label);
        json += ",\"window\":";
        append_json_string(json, item.window);
        json += '}';
    }
    // Cut text in what was drawn (only when asked: it reads every vertex).
    static const bool clip_check = js_clip_check_wanted() != 0;
    json += "],\"cutText\":";
    json += clip_check ? cut_text_json() : std::string("null");
    json += ",\"state\":";
    json += state_json.empty() ? "null" : state_json;
    json += '}';
    js_publish_test_state(json.c_str());
}

} // namespace web
