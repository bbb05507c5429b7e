// Colours and shapes of the app: a light theme that sits well inside a blog post, a
// dark one, and an accent colour an embedder can set (`?accent=0f766e`). Text colours
// are checked against their backgrounds for WCAG AA contrast (4.5:1); an accent that
// is too light or too dark for the theme is shifted until it passes.
#pragma once

#include "imgui.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace web {

enum class ThemeKind : std::uint8_t { light, dark };

// Semantic colours the screens and charts use (ImGui's style covers the widgets).
struct Palette {
    ImU32 background = 0; // the canvas and main window
    ImU32 card = 0;       // panels
    ImU32 card_border = 0;
    ImU32 text = 0;
    ImU32 muted = 0;       // captions, units, axis labels (AA on background and card)
    ImU32 accent = 0;      // links, selected tab, primary buttons (AA on background)
    ImU32 on_accent = 0;   // text drawn on an accent fill
    ImU32 accent_soft = 0; // highlighted rows, selected segment background
    ImU32 good = 0;        // "well above", under budget (AA text)
    ImU32 bad = 0;         // errors, over budget (AA text)
    ImU32 warn = 0;
    ImU32 grid = 0;      // chart grid lines
    ImU32 series_a = 0;  // plan A / the big influencer
    ImU32 series_b = 0;  // plan B / the small ones
    ImU32 band_even = 0; // alternating tier bands in the engagement chart
    ImU32 band_odd = 0;
};

struct ThemeSettings {
    ThemeKind kind = ThemeKind::light;
    std::optional<ImU32> accent; // embedder's accent (IM_COL32), or the default blue
};

// Applies the theme to ImGui's style and returns the palette.
const Palette& apply_theme(const ThemeSettings& settings);
[[nodiscard]] const Palette& palette();
[[nodiscard]] ThemeKind current_theme();

// "3556d8", "#3556d8" or "35d" -> colour; nullopt for anything else.
[[nodiscard]] std::optional<ImU32> parse_hex_colour(std::string_view text);
// WCAG 2 contrast ratio between two opaque colours (1 .. 21).
[[nodiscard]] double contrast_ratio(ImU32 a, ImU32 b);
// `colour` made lighter (towards white) or darker until its contrast with
// `background` reaches `minimum` (or it cannot move further).
[[nodiscard]] ImU32 ensure_contrast(ImU32 colour, ImU32 background, double minimum);
// Blends a over b: t = 0 gives b, 1 gives a.
[[nodiscard]] ImU32 mix(ImU32 a, ImU32 b, float t);
[[nodiscard]] ImU32 with_alpha(ImU32 colour, float alpha);

} // namespace web
