#include "web/app/theme.hpp"

#include "core/numbers.hpp"

#include <algorithm>
#include <cmath>

namespace web {
namespace {

Palette g_palette;
ThemeKind g_kind = ThemeKind::light;

constexpr ImU32 rgb(unsigned hex) {
    return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, 0xFF);
}

ImVec4 to_vec4(ImU32 colour) {
    return ImGui::ColorConvertU32ToFloat4(colour);
}

double channel_luminance(unsigned value) {
    const double c = value / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double relative_luminance(ImU32 colour) {
    const unsigned r = (colour >> IM_COL32_R_SHIFT) & 0xFF;
    const unsigned g = (colour >> IM_COL32_G_SHIFT) & 0xFF;
    const unsigned b = (colour >> IM_COL32_B_SHIFT) & 0xFF;
    return 0.2126 * channel_luminance(r) + 0.7152 * channel_luminance(g) +
           0.0722 * channel_luminance(b);
}

void apply_style(const Palette& p, ThemeKind kind) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(16, 14);
    style.FramePadding = ImVec2(9, 6);
    style.CellPadding = ImVec2(7, 5);
    style.ItemSpacing = ImVec2(10, 8);
    style.ItemInnerSpacing = ImVec2(7, 6);
    style.IndentSpacing = 18;
    style.ScrollbarSize = 13;
    style.GrabMinSize = 14;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 1;
    style.PopupBorderSize = 1;
    style.FrameBorderSize = 1;
    style.TabBorderSize = 0;
    style.WindowRounding = 0;
    style.ChildRounding = 10;
    style.FrameRounding = 6;
    style.PopupRounding = 8;
    style.ScrollbarRounding = 6;
    style.GrabRounding = 6;
    style.TabRounding = 6;
    style.SelectableTextAlign = ImVec2(0.0f, 0.5f);
    style.SeparatorTextBorderSize = 1;
    style.SeparatorTextPadding = ImVec2(0, 4);
    // The platform draws only on input: tooltips must appear at once, a delay would
    // need frames while nothing moves.
    style.HoverFlagsForTooltipMouse =
        ImGuiHoveredFlags_DelayNone | ImGuiHoveredFlags_AllowWhenDisabled;
    style.HoverFlagsForTooltipNav =
        ImGuiHoveredFlags_DelayNone | ImGuiHoveredFlags_AllowWhenDisabled;

    const bool dark = kind == ThemeKind::dark;
    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = to_vec4(p.text);
    c[ImGuiCol_TextDisabled] = to_vec4(p.muted);
    c[ImGuiCol_WindowBg] = to_vec4(p.background);
    c[ImGuiCol_ChildBg] = to_vec4(p.card);
    c[ImGuiCol_PopupBg] = to_vec4(dark ? rgb(0x23262E) : rgb(0xFFFFFF));
    c[ImGuiCol_Border] = to_vec4(p.card_border);
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    const ImU32 frame = dark ? rgb(0x262A33) : rgb(0xFFFFFF);
    c[ImGuiCol_FrameBg] = to_vec4(frame);
    c[ImGuiCol_FrameBgHovered] = to_vec4(mix(p.accent, frame, 0.08f));
    c[ImGuiCol_FrameBgActive] = to_vec4(mix(p.accent, frame, 0.12f));
    c[ImGuiCol_TitleBg] = to_vec4(p.card);
    c[ImGuiCol_TitleBgActive] = to_vec4(p.card);
    c[ImGuiCol_TitleBgCollapsed] = to_vec4(p.card);
    c[ImGuiCol_MenuBarBg] = to_vec4(p.card);
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarGrab] = to_vec4(dark ? rgb(0x4A505C) : rgb(0xC3C8D1));
    c[ImGuiCol_ScrollbarGrabHovered] = to_vec4(dark ? rgb(0x5A6170) : rgb(0xA9B0BC));
    c[ImGuiCol_ScrollbarGrabActive] = to_vec4(p.accent);
    c[ImGuiCol_CheckMark] = to_vec4(p.accent);
    c[ImGuiCol_SliderGrab] = to_vec4(p.accent);
    c[ImGuiCol_SliderGrabActive] = to_vec4(mix(p.text, p.accent, 0.2f));
    const ImU32 button = dark ? rgb(0x2B2F39) : rgb(0xEDEFF3);
    c[ImGuiCol_Button] = to_vec4(button);
    c[ImGuiCol_ButtonHovered] = to_vec4(mix(p.accent, button, 0.14f));
    c[ImGuiCol_ButtonActive] = to_vec4(mix(p.accent, button, 0.26f));
    c[ImGuiCol_Header] = to_vec4(p.accent_soft);
    c[ImGuiCol_HeaderHovered] = to_vec4(mix(p.accent, p.background, 0.12f));
    c[ImGuiCol_HeaderActive] = to_vec4(mix(p.accent, p.background, 0.2f));
    c[ImGuiCol_Separator] = to_vec4(p.card_border);
    c[ImGuiCol_SeparatorHovered] = to_vec4(p.accent);
    c[ImGuiCol_SeparatorActive] = to_vec4(p.accent);
    c[ImGuiCol_ResizeGrip] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ResizeGripHovered] = to_vec4(with_alpha(p.accent, 0.5f));
    c[ImGuiCol_ResizeGripActive] = to_vec4(p.accent);
    c[ImGuiCol_Tab] = to_vec4(button);
    c[ImGuiCol_TabHovered] = to_vec4(mix(p.accent, button, 0.14f));
    c[ImGuiCol_TabActive] = to_vec4(p.accent);
    c[ImGuiCol_TabUnfocused] = to_vec4(button);
    c[ImGuiCol_TabUnfocusedActive] = to_vec4(p.accent);
    c[ImGuiCol_PlotLines] = to_vec4(p.accent);
    c[ImGuiCol_PlotLinesHovered] = to_vec4(p.series_a);
    c[ImGuiCol_PlotHistogram] = to_vec4(p.accent);
    c[ImGuiCol_PlotHistogramHovered] = to_vec4(p.series_a);
    c[ImGuiCol_TableHeaderBg] = to_vec4(dark ? rgb(0x23262E) : rgb(0xF1F3F6));
    c[ImGuiCol_TableBorderStrong] = to_vec4(p.card_border);
    c[ImGuiCol_TableBorderLight] = to_vec4(mix(p.card_border, p.background, 0.6f));
    c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] =
        to_vec4(dark ? IM_COL32(255, 255, 255, 8) : IM_COL32(20, 30, 60, 8));
    c[ImGuiCol_TextSelectedBg] = to_vec4(with_alpha(p.accent, 0.3f));
    c[ImGuiCol_DragDropTarget] = to_vec4(p.accent);
    // The keyboard focus is drawn by the accessible mirror's focused element (a CSS
    // outline in the page's accent), which also covers items ImGui draws no frame for.
    c[ImGuiCol_NavHighlight] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_NavWindowingHighlight] = to_vec4(p.accent);
    c[ImGuiCol_NavWindowingDimBg] = ImVec4(0, 0, 0, 0.3f);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, dark ? 0.55f : 0.35f);
}

} // namespace

std::optional<ImU32> parse_hex_colour(std::string_view text) {
    if (!text.empty() && text.front() == '#') {
        text.remove_prefix(1);
    }
    if (text.size() != 6 && text.size() != 3) {
        return std::nullopt;
    }
    unsigned value = 0;
    for (const char ch : text) {
        const int digit = core::hex_digit(ch);
        if (digit < 0) {
            return std::nullopt;
        }
        value = value * 16 + static_cast<unsigned>(digit);
        if (text.size() == 3) {
            value = value * 16 + static_cast<unsigned>(digit); // "35d" is "3355dd"
        }
    }
    return rgb(value);
}

double contrast_ratio(ImU32 a, ImU32 b) {
    const double la = relative_luminance(a);
    const double lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

ImU32 mix(ImU32 a, ImU32 b, float t) {
    const ImVec4 va = to_vec4(a);
    const ImVec4 vb = to_vec4(b);
    return ImGui::ColorConvertFloat4ToU32(ImVec4(vb.x + (va.x - vb.x) * t, vb.y + (va.y - vb.y) * t,
                                                 vb.z + (va.z - vb.z) * t,
                                                 vb.w + (va.w - vb.w) * t));
}

ImU32 with_alpha(ImU32 colour, float alpha) {
    const auto a = static_cast<ImU32>(std::clamp(alpha, 0.0f, 1.0f) * 255.0f + 0.5f);
    return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

ImU32 ensure_contrast(ImU32 colour, ImU32 background, double minimum) {
    // Move towards black on light backgrounds and towards white on dark ones, in
    // small steps, so the hue stays recognisable.
    const bool light_background = relative_luminance(background) > 0.18;
    const ImU32 target = light_background ? rgb(0x000000) : rgb(0xFFFFFF);
    ImU32 result = colour | IM_COL32_A_MASK;
    for (int step = 1; step <= 20 && contrast_ratio(result, background) < minimum; ++step) {
        result = mix(target, colour | IM_COL32_A_MASK, static_cast<float>(step) * 0.05f);
    }
    return result;
}

const Palette& apply_theme(const ThemeSettings& settings) {
    Palette p;
    if (settings.kind == ThemeKind::dark) {
        p.background = rgb(0x15171C);
        p.card = rgb(0x1C1F26);
        p.card_border = rgb(0x30343D);
        p.text = rgb(0xE8EAEF);
        p.muted = rgb(0xA4AAB6);
        p.good = rgb(0x5ED39A);
        p.bad = rgb(0xFF8F86);
        p.warn = rgb(0xF2B45A);
        p.grid = rgb(0x2C3039);
        p.series_a = rgb(0xF59E5B);
        p.band_even = IM_COL32(255, 255, 255, 7);
        p.band_odd = IM_COL32(255, 255, 255, 16);
    } else {
        p.background = rgb(0xFFFFFF);
        p.card = rgb(0xF7F8FA);
        p.card_border = rgb(0xE1E4EA);
        p.text = rgb(0x1A1D23);
        p.muted = rgb(0x5A6170);
        p.good = rgb(0x16703F);
        p.bad = rgb(0xB42318);
        p.warn = rgb(0x8F5300);
        p.grid = rgb(0xE6E8ED);
        p.series_a = rgb(0xC2410C);
        p.band_even = IM_COL32(20, 30, 60, 6);
        p.band_odd = IM_COL32(20, 30, 60, 16);
    }
    const ImU32 default_accent = settings.kind == ThemeKind::dark ? rgb(0x8AA4FF) : rgb(0x2F55D4);
    const ImU32 wanted = settings.accent.value_or(default_accent);
    // Accent text must read on both the page and the cards.
    p.accent = ensure_contrast(ensure_contrast(wanted, p.background, 4.5), p.card, 4.5);
    p.on_accent = contrast_ratio(rgb(0xFFFFFF), p.accent) >= contrast_ratio(rgb(0x111318), p.accent)
                      ? rgb(0xFFFFFF)
                      : rgb(0x111318);
    p.accent_soft = mix(p.accent, p.background, settings.kind == ThemeKind::dark ? 0.22f : 0.11f);
    p.series_b = p.accent;
    p.series_a = ensure_contrast(p.series_a, p.card, 3.0);
    g_palette = p;
    g_kind = settings.kind;
    apply_style(g_palette, g_kind);
    return g_palette;
}

const Palette& palette() {
    return g_palette;
}
ThemeKind current_theme() {
    return g_kind;
}

} // namespace web
