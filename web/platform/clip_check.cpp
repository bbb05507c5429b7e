// Cut text in the frame's draw lists (clip_check.hpp).
#include "web/platform/clip_check.hpp"

#include "imgui.h"
#include "imgui_internal.h"
#include "web/platform/items.hpp"

#include <cstdio>
#include <map>
#include <utility>

namespace web {
namespace {

// The character each glyph's top-left texture coordinate stands for, in every font.
std::map<std::pair<float, float>, unsigned> glyphs_by_uv(const ImFontAtlas& atlas) {
    std::map<std::pair<float, float>, unsigned> glyphs;
    for (const ImFont* font : atlas.Fonts) {
        for (const ImFontGlyph& glyph : font->Glyphs) {
            if (glyph.Visible) {
                glyphs.emplace(std::pair(glyph.U0, glyph.V0), glyph.Codepoint);
            }
        }
    }
    return glyphs;
}

void append_utf8(std::string& out, unsigned c) {
    char bytes[5] = {};
    ImTextCharToUtf8(bytes, c);
    out += bytes;
}

struct Line {
    std::string text;
    float x = 0.0f, y = 0.0f, last_x = 0.0f;
    bool cut = false;
};

} // namespace

std::string cut_text_json() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    const auto glyphs = glyphs_by_uv(atlas);
    std::string json = "[";
    const auto flush = [&](const ImGuiWindow& window, Line& line, const ImVec4& clip) {
        if (line.cut && !line.text.empty()) {
            char numbers[96];
            std::snprintf(numbers, sizeof numbers,
                          "{\"x\":%.1f,\"y\":%.1f,\"clipR\":%.1f,\"window\":", line.x, line.y,
                          clip.z);
            json += json.size() > 1 ? "," : "";
            json += numbers;
            append_json_string(json, window.Name);
            json += ",\"text\":";
            append_json_string(json, line.text);
            json += '}';
        }
        line = Line{};
    };
    for (const ImGuiWindow* window : g.Windows) {
        if (!window->Active || window->Hidden ||
            (window->Flags & ImGuiWindowFlags_HorizontalScrollbar) != 0) {
            continue;
        }
        const ImDrawList& list = *window->DrawList;
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback != nullptr || cmd.TextureId != atlas.TexID) {
                continue;
            }
            const ImVec4& clip = cmd.ClipRect;
            Line line;
            // A glyph is a quad drawn as triangles (a, b, c) and (a, c, d), a its top-left
            // corner with the glyph's own top-left texture coordinate (a glyph ImGui
            // clipped itself has another one and is not counted).
            for (unsigned i = cmd.IdxOffset; i + 2 < cmd.IdxOffset + cmd.ElemCount; i += 3) {
                const ImDrawVert& a = list.VtxBuffer[cmd.VtxOffset + list.IdxBuffer[i]];
                const ImDrawVert& b = list.VtxBuffer[cmd.VtxOffset + list.IdxBuffer[i + 1]];
                const ImDrawVert& c = list.VtxBuffer[cmd.VtxOffset + list.IdxBuffer[i + 2]];
                if (b.pos.y != a.pos.y || b.pos.x <= a.pos.x) {
                    continue;
                }
                const auto glyph = glyphs.find(std::pair(a.uv.x, a.uv.y));
                if (glyph == glyphs.end()) {
                    continue;
                }
                // Glyphs of a line go left to right (their quads may overlap a little).
                if (!line.text.empty() && (a.pos.y != line.y || a.pos.x < line.last_x)) {
                    flush(*window, line, clip);
                }
                if (line.text.empty()) {
                    line.x = a.pos.x;
                    line.y = a.pos.y;
                }
                append_utf8(line.text, glyph->second);
                line.last_x = a.pos.x;
                // Visible in height, reaching past the right edge.
                line.cut |= a.pos.y < clip.w && c.pos.y > clip.y && c.pos.x > clip.z + 0.5f;
            }
            flush(*window, line, clip);
        }
    }
    return json + "]";
}

} // namespace web
