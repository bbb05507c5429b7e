// Test hook only: finds text the app drew with a character its font does not have.
// ImGui draws such a character as the font's fallback glyph; with the hook on, the
// fallback is a glyph the app never draws on purpose (the currency sign, U+00A4), so
// every quad textured with it in the draw data is a missing character.
#pragma once

struct ImDrawData;
struct ImFont;
struct ImFontAtlas;

namespace web {

// Call for each font before the atlas is built.
void glyph_check_mark_fallback(ImFont* font);
// Counts the fallback glyphs of the atlas's fonts in a frame's draw data (after
// ImGui::Render).
void glyph_check_frame(const ImDrawData& draw_data, const ImFontAtlas& atlas);
// Fallback glyphs drawn since the page loaded.
long glyph_check_missing_total();

} // namespace web
