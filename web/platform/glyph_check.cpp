#include "web/platform/glyph_check.hpp"

#include "imgui.h"

namespace web {
namespace {

// In the Latin-1 range the font subset keeps, and in no text the app writes.
constexpr ImWchar marker_char = 0x00A4;
long g_missing_total = 0;

} // namespace

void glyph_check_mark_fallback(ImFont* font) {
    font->FallbackChar = marker_char;
}

void glyph_check_frame(const ImDrawData& draw_data, const ImFontAtlas& atlas) {
    for (const ImFont* font : atlas.Fonts) {
        const ImFontGlyph* marker = font->FindGlyphNoFallback(marker_char);
        if (marker == nullptr || font->FallbackGlyph != marker) {
            continue;
        }
        // A glyph quad's top-left vertex carries (U0, V0); nothing else in the atlas
        // starts at the marker's texels.
        for (const ImDrawList* list : draw_data.CmdLists) {
            for (const ImDrawVert& vertex : list->VtxBuffer) {
                if (vertex.uv.x == marker->U0 && vertex.uv.y == marker->V0) {
                    ++g_missing_total;
                }
            }
        }
    }
}

long glyph_check_missing_total() {
    return g_missing_total;
}

} // namespace web
