// What the app needs from the page for "Get embed code" and "Download single file",
// beside web/platform/page_services.hpp (implemented in page_services.cpp).
#pragma once

#include <string>

namespace web {

// The folder the app is served from, ending in '/', without query or fragment:
// "https://example.com/microreach/". The script embed is <app url>embed.js and the
// plain iframe's src is <app url>?embed=1 (docs/embedding.md). On file:// it is the
// file's folder.
[[nodiscard]] std::string page_app_url();

// True when this page is the single-file build (microreach.html): it has nothing
// more to download, so "Download single file" should not be offered.
[[nodiscard]] bool page_is_single_file();

// Starts the download of microreach.html (fetched from the app's folder, from the
// service worker's cache once it was downloaded before). When it cannot be fetched
// (offline before any download, the single file itself, a sandboxed iframe) the
// page is asked to show `error_message` in its error box for a few seconds instead.
void page_download_single_file(const std::string& error_message);

} // namespace web
