// With `?testhook=1` in the page URL, every widget's label and rectangle (from
// items.hpp), the frame counters and the app state are published on
// `window.__microreachTest` so end-to-end tests can click by label. The platform uses
// the rectangles to open the phone keyboard on a tap on a text field.
#pragma once

#include <string>

namespace web {

void test_hook_set_enabled(bool enabled);
[[nodiscard]] bool test_hook_enabled();
// Publishes this frame's items (only when enabled).
void test_hook_end_frame(long frames_drawn, double frame_ms, const std::string& state_json);
// True when (x, y), in CSS pixels, is over a text field drawn in the last frame.
[[nodiscard]] bool test_hook_inputable_at(float x, float y);

} // namespace web
