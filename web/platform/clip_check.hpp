// Cut text, found in what ImGui drew: the glyphs of a line of text that reach past the
// clip rectangle of the draw command holding them. ImGui leaves such glyphs for the GPU
// to scissor, so a label wider than its cell or a caption running off a card shows
// cut mid-letter. Windows that can scroll sideways are skipped (text past their edge is
// scrolled away, not cut), and so is text ImGui cuts itself with "..." or a fine clip.
// The test hook publishes the result when the page URL has `clipcheck=1`
// (tests/e2e/ui-clipping.test.mjs).
#pragma once

#include <string>

namespace web {

// After ImGui::Render(): a JSON array of {window, text, x, y, clipR}, one entry per
// cut line (text: the whole line as drawn, x/y: its first glyph, CSS pixels).
[[nodiscard]] std::string cut_text_json();

} // namespace web
