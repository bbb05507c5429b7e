// What the app asks of the page around it: the URL (share links and prefill
// parameters), the accessible live region, storage for autosave, the clipboard
// for "Copy link", downloads, and the embedding iframe's height messages.
// Every function degrades gracefully: in a sandboxed iframe without storage the
// storage calls report `unavailable` and everything else keeps working.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace web {

// The page URL's fragment without '#', and its query string without '?'.
[[nodiscard]] std::string page_fragment();
[[nodiscard]] std::string page_query();
// Replaces the fragment without adding a history entry or scrolling.
void page_replace_fragment(std::string_view fragment);
// The full URL of the page (for share links and embed code), fragment excluded.
[[nodiscard]] std::string page_base_url();

// The HTML equivalent of the canvas for screen readers (aria-live region).
void page_announce_results(std::string_view plain_text_report);

enum class StorageStatus { saved, unavailable, full, error };
// localStorage; `unavailable` when storage is blocked (sandboxed iframe, privacy mode).
[[nodiscard]] StorageStatus page_storage_write(std::string_view key, std::string_view value);
[[nodiscard]] std::optional<std::string> page_storage_read(std::string_view key);
[[nodiscard]] bool page_storage_available();
void page_storage_remove(std::string_view key);
// Another tab (or window) of this site changed a "microreach:" key (the `storage`
// event; never fired for this tab's own writes).
using StorageListener = void (*)(std::string_view key, void* user);
void page_set_storage_listener(StorageListener listener, void* user);

// Writes text to the system clipboard (inside the current user gesture).
void page_copy_text(std::string_view text);
// Offers a file download (CSV, JSON, PNG, the single-file page).
void page_download(std::string_view filename, std::string_view mime_type, std::string_view bytes);
// Files chosen in a picker or dropped on the calculator arrive here (whole file,
// after the page checked its size limit; `error` is set instead when it refused it).
using FileReceiver = void (*)(std::string_view name, std::string_view bytes, std::string_view error,
                              void* user);
void page_set_file_receiver(FileReceiver receiver, void* user);
// Asks the page to open a file picker (`accept` like ".csv,.json").
void page_open_file_picker(std::string_view accept);

// Tells an embedding page (parent window) the content height, in CSS pixels.
void page_post_height(float css_px);

} // namespace web
