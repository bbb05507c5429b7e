// The page side of web/platform/page_services.hpp: URL fragment and query, the
// aria-live region, localStorage that survives being blocked or full, clipboard,
// downloads, file picker and drop, and the height messages to an embedding page.
//
// Every JavaScript call is wrapped so that a browser refusing something (a
// sandboxed iframe throws SecurityError on `localStorage`, `history` can be
// locked, the clipboard needs permission) degrades to a status, never an
// exception that would stop the app.
//
// Strings cross the boundary as pointer + length and are decoded with
// TextDecoder, so they may hold any bytes (downloads of PNG data included).
#include "web/platform/page_services.hpp"

#include "web/platform/page_links.hpp"

#include <cstdint>
#include <cstdlib>
#include <emscripten/emscripten.h>
#include <string>

namespace web {
namespace {

// The largest file the picker or a drop hands to the app: the CSV reader's own
// limit (core/csv.hpp, CsvLimits::max_bytes), checked before reading the file
// so a huge file costs nothing.
constexpr double max_file_bytes = 10.0 * 1024.0 * 1024.0;

struct FileReceiverSlot {
    FileReceiver receiver = nullptr;
    void* user = nullptr;
};

FileReceiverSlot g_file_receiver;

struct StorageListenerSlot {
    StorageListener listener = nullptr;
    void* user = nullptr;
};

StorageListenerSlot g_storage_listener;

// clang-format off
// Installed once, before main(): the height messages to an embedding page, the
// handshake that tells us the parent's origin, and the file drop target.
EM_JS(void, js_page_install, (double max_bytes), {
    if (typeof window === "undefined" || window.__microreachPage) return;
    const page = { parentOrigin: null, lastHeight: 0, maxFileBytes: max_bytes };
    window.__microreachPage = page;

    page.text = (ptr, length) => length ? new TextDecoder().decode(HEAPU8.subarray(ptr, ptr + length)) : "";
    page.returnString = (text) => {
        const size = lengthBytesUTF8(text) + 1;
        const ptr = _malloc(size);
        stringToUTF8(text, ptr, size);
        return ptr;
    };
    // As returnString, with the byte length in the first 4 bytes (little endian), so
    // text holding NUL characters (damaged saved data) arrives whole.
    page.returnSized = (text) => {
        const size = lengthBytesUTF8(text);
        const ptr = _malloc(size + 5);
        for (let k = 0; k < 4; k++) HEAPU8[ptr + k] = (size >>> (8 * k)) & 255;
        stringToUTF8(text, ptr + 4, size + 1);
        return ptr;
    };

    // Embedding: where may height messages go? The parent's origin as the browser
    // reports it (ancestorOrigins, else the referrer), replaced by the origin of a
    // verified hello message from the parent. Opaque origins ("null": sandboxed or
    // file:// parents) cannot be targeted; only then is "*" used, and the message
    // carries nothing but a number of pixels.
    const framed = (() => { try { return window.parent !== window; } catch (e) { return true; } })();
    page.framed = framed;
    if (framed) {
        try {
            if (location.ancestorOrigins && location.ancestorOrigins.length) page.parentOrigin = location.ancestorOrigins[0];
        } catch (e) {}
        if (!page.parentOrigin && document.referrer) {
            try { page.parentOrigin = new URL(document.referrer).origin; } catch (e) {}
        }
    }
    // The height of the whole document (the canvas frame, or the loading bar or an
    // error message before it), measured after layout; `hint` is used only when the
    // document cannot be measured yet.
    page.measure = (hint) => {
        const box = document.documentElement ? document.documentElement.getBoundingClientRect() : null;
        return box && box.height > 0 ? box.height : hint;
    };
    page.postHeight = (hint) => {
        if (!framed) return;
        let height = page.measure(hint);
        if (!(height > 0) || !isFinite(height)) return;
        height = Math.ceil(Math.min(height, 100000));
        if (height === page.lastHeight && !page.forcePost) return;
        page.forcePost = false;
        page.lastHeight = height;
        const target = page.parentOrigin && page.parentOrigin !== "null" ? page.parentOrigin : "*";
        try {
            window.parent.postMessage({ type: "microreach:height", version: 1, height: height }, target);
        } catch (e) {}
    };
    if (framed) {
        document.addEventListener("microreach:height", (event) => {
            page.postHeight(event.detail && typeof event.detail.height === "number" ? event.detail.height : 0);
        });
        if (typeof ResizeObserver !== "undefined") {
            const observe = () => new ResizeObserver(() => page.postHeight(0)).observe(document.documentElement);
            if (document.documentElement) observe();
        }
        // The part of this frame in the reader's view (embed.js): the canvas is kept
        // to it (assets/microreach.css reads the two variables), so a tall iframe
        // never needs a canvas taller than the screen.
        page.setViewport = (data) => {
            const valid = (v) => typeof v === "number" && isFinite(v) && v >= 0 && v <= 100000;
            if (data.version !== 1 || !valid(data.top) || !valid(data.height)) return;
            const style = document.documentElement.style;
            style.setProperty("--microreach-visible-top", Math.floor(data.top) + "px");
            style.setProperty("--microreach-visible-height", Math.max(1, Math.ceil(data.height)) + "px");
            dispatchEvent(new CustomEvent("microreach:viewport"));
        };
        window.addEventListener("message", (event) => {
            const data = event.data;
            if (event.source !== window.parent || !data || typeof data !== "object") return;
            if (data.type === "microreach:viewport") return page.setViewport(data);
            if (data.type !== "microreach:hello" || data.version !== 1) return;
            if (typeof event.origin === "string" && event.origin !== "null") page.parentOrigin = event.origin;
            page.forcePost = true;
            page.postHeight(page.lastHeight);
        });
    }

    // localStorage that survives being blocked (a sandboxed iframe throws SecurityError
    // on the mere property access; privacy modes may too) and full (QuotaExceededError).
    // Write returns the StorageStatus order: 0 saved, 1 unavailable, 2 full, 3 error.
    page.storage = () => {
        try { return window.localStorage || null; } catch (e) { return null; }
    };
    page.storageWrite = (key, value) => {
        const status = (() => {
            const storage = page.storage();
            if (!storage) return 1;
            try {
                storage.setItem(key, value);
                return 0;
            } catch (e) {
                const name = e && e.name;
                if (name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || (e && (e.code === 22 || e.code === 1014))) return 2;
                if (name === "SecurityError") return 1;
                return 3;
            }
        })();
        page.storageStatus = ["saved", "unavailable", "full", "error"][status];
        return status;
    };
    page.storageRead = (key) => {
        const storage = page.storage();
        if (!storage) return null;
        try { return storage.getItem(key); } catch (e) { return null; }
    };
    page.storageAvailable = () => {
        const storage = page.storage();
        if (!storage) return false;
        try {
            storage.setItem("microreach:probe", "1");
            storage.removeItem("microreach:probe");
            return true;
        } catch (e) {
            // Full but readable storage still holds saved work; writes report "full".
            return !!(e && (e.name === "QuotaExceededError" || e.code === 22)) && storage.length > 0;
        }
    };

    page.storageRemove = (key) => {
        const storage = page.storage();
        if (storage) { try { storage.removeItem(key); } catch (e) {} }
    };
    // Another tab wrote: the app hears of its keys (web/app/persistence.hpp).
    window.addEventListener("storage", (event) => {
        if (!event.key || event.key.indexOf("microreach:") !== 0) return;
        const ptr = page.returnString(event.key);
        _mr_page_storage_changed(ptr, lengthBytesUTF8(event.key));
        _free(ptr);
    });

    // A share link pasted into the address bar of an open page changes only the
    // fragment (no reload): reload so the app opens it. The app's own fragment writes
    // (history.replaceState, or location.replace as a fallback) are remembered and do
    // not count.
    page.fragment = () => { const hash = location.hash || ""; return hash.charAt(0) === "#" ? hash.substring(1) : hash; };
    page.lastFragment = page.fragment();
    // No history entry, no scrolling, no hashchange event.
    page.replaceFragment = (fragment) => {
        const url = String(location.href).split("#")[0] + (fragment ? "#" + fragment : "");
        page.lastFragment = fragment;
        if (url === location.href) return;
        try {
            history.replaceState(history.state, "", url);
        } catch (e) {
            // Some sandboxes lock the history API; replacing the location with the same
            // document and a new fragment does not reload the page.
            try { location.replace(fragment ? "#" + fragment : "#"); } catch (e2) {}
        }
    };
    window.addEventListener("hashchange", () => {
        if (page.fragment() !== page.lastFragment) location.reload();
    });

    // "Get embed code" and "Download single file" (web/platform/page_links.hpp).
    page.appUrl = () => new URL("./", String(location.href).split("#")[0]).href.split("?")[0];
    // fetch() works on the site (and from the service worker's cache), not on file:// or
    // in an opaque origin; a failure shows the app's sentence in the page's notice.
    page.downloadSingleFile = (message) => {
        const complain = () => {
            const box = document.getElementById("microreach-notice");
            if (!box || !message) return;
            box.textContent = message;
            box.hidden = false;
            setTimeout(() => { if (box.textContent === message) box.hidden = true; }, 8000);
        };
        if (document.documentElement.dataset.microreachBuild === "single-file" || window.origin === "null") {
            complain();
            return Promise.resolve(false);
        }
        return fetch("microreach.html").then((response) => {
            if (!response.ok) throw new Error("HTTP " + response.status);
            return response.blob();
        }).then((blob) => {
            const url = URL.createObjectURL(new Blob([blob], { type: "text/html" }));
            const link = document.createElement("a");
            link.href = url;
            link.download = "microreach.html";
            document.body.appendChild(link);
            link.click();
            document.body.removeChild(link);
            setTimeout(() => URL.revokeObjectURL(url), 60000);
            return true;
        }).catch(() => { complain(); return false; });
    };

    // Files dropped on the calculator (its frame, not the whole article).
    const deliver = (file) => {
        const name = String(file.name || "file");
        const send = (bytes, error) => {
            const namePtr = page.returnString(name);
            const errorPtr = page.returnString(error);
            const length = bytes ? bytes.length : 0;
            const bytesPtr = _malloc(length + 1);
            if (length) HEAPU8.set(bytes, bytesPtr);
            _mr_page_receive_file(namePtr, lengthBytesUTF8(name), bytesPtr, length, errorPtr, lengthBytesUTF8(error));
            _free(namePtr); _free(errorPtr); _free(bytesPtr);
        };
        if (file.size > page.maxFileBytes) {
            const mb = (file.size / 1048576).toFixed(1);
            send(null, name + " is " + mb + " MB; Microreach opens files up to " + Math.round(page.maxFileBytes / 1048576) + " MB. Split it into smaller files.");
            return;
        }
        file.arrayBuffer().then((buffer) => send(new Uint8Array(buffer), ""),
                                () => send(null, name + " could not be read. Try choosing it again."));
    };
    page.deliver = deliver;
    const attachDrop = () => {
        const canvas = document.getElementById("microreach-canvas");
        const target = canvas ? (canvas.parentElement || canvas) : null;
        if (!target) return;
        const hasFiles = (event) => event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types || [], "Files") >= 0;
        target.addEventListener("dragover", (event) => {
            if (!hasFiles(event)) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = "copy";
        });
        target.addEventListener("drop", (event) => {
            if (!hasFiles(event)) return;
            event.preventDefault();
            const files = event.dataTransfer.files;
            if (files && files.length) deliver(files[0]);
        });
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attachDrop, { once: true });
    else attachDrop();
});

EM_JS(char*, js_page_fragment, (), {
    return window.__microreachPage.returnString(window.__microreachPage.fragment());
});

EM_JS(char*, js_page_query, (), {
    const search = location.search || "";
    return window.__microreachPage.returnString(search.charAt(0) === "?" ? search.substring(1) : search);
});

EM_JS(char*, js_page_base_url, (), {
    return window.__microreachPage.returnString(String(location.href).split("#")[0]);
});

EM_JS(void, js_page_replace_fragment, (const char* ptr, int length), {
    const page = window.__microreachPage;
    page.replaceFragment(page.text(ptr, length));
});

// One paragraph per report line; only lines that changed are replaced, so a
// screen reader (aria-atomic="false") reads what changed, not the whole report.
// Updates wait for typing to pause (300 ms).
EM_JS(void, js_page_announce, (const char* ptr, int length), {
    const page = window.__microreachPage;
    const text = page.text(ptr, length);
    clearTimeout(page.liveTimer);
    page.pendingReport = text;
    page.liveTimer = setTimeout(() => {
        let region = document.getElementById("microreach-live");
        if (!region) {
            region = document.createElement("div");
            region.id = "microreach-live";
            region.className = "microreach-visually-hidden";
            region.setAttribute("role", "status");
            region.setAttribute("aria-live", "polite");
            region.setAttribute("aria-atomic", "false");
            document.body.appendChild(region);
        }
        const lines = text.trimEnd().split("\n");
        while (region.children.length > lines.length) region.removeChild(region.lastElementChild);
        lines.forEach((line, index) => {
            let paragraph = region.children[index];
            if (!paragraph) {
                paragraph = document.createElement("p");
                region.appendChild(paragraph);
            }
            if (paragraph.textContent !== line) paragraph.textContent = line;
        });
        page.pendingReport = null;
        region.dispatchEvent(new CustomEvent("microreach:announced", { bubbles: true }));
    }, 300);
});

// Storage: the logic is in js_page_install (window.__microreachPage.storage*), so the
// page tests can drive the same code with storage blocked or full.
EM_JS(int, js_page_storage_write, (const char* key_ptr, int key_length, const char* value_ptr, int value_length), {
    const page = window.__microreachPage;
    return page.storageWrite(page.text(key_ptr, key_length), page.text(value_ptr, value_length));
});

// Returns a malloc'd sized string (page.returnSized), or 0 when the key is missing or
// storage is blocked.
EM_JS(char*, js_page_storage_read, (const char* key_ptr, int key_length), {
    const page = window.__microreachPage;
    const value = page.storageRead(page.text(key_ptr, key_length));
    return value === null ? 0 : page.returnSized(value);
});

EM_JS(int, js_page_storage_available, (), {
    return window.__microreachPage.storageAvailable() ? 1 : 0;
});

EM_JS(void, js_page_storage_remove, (const char* key_ptr, int key_length), {
    const page = window.__microreachPage;
    page.storageRemove(page.text(key_ptr, key_length));
});

// The async Clipboard API first; where it is missing or refused (an iframe without
// allow="clipboard-write"), a selected off-screen textarea and execCommand.
EM_JS(void, js_page_copy_text, (const char* ptr, int length), {
    const text = window.__microreachPage.text(ptr, length);
    const fallback = () => {
        const active = document.activeElement;
        const area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.className = "microreach-visually-hidden";
        document.body.appendChild(area);
        area.select();
        try { document.execCommand("copy"); } catch (e) {}
        document.body.removeChild(area);
        if (active && active.focus) active.focus({ preventScroll: true });
    };
    try {
        if (navigator.clipboard && navigator.clipboard.writeText) {
            navigator.clipboard.writeText(text).catch(fallback);
            return;
        }
    } catch (e) {}
    fallback();
});

EM_JS(void, js_page_download, (const char* name_ptr, int name_length, const char* mime_ptr, int mime_length, const char* bytes_ptr, int bytes_length), {
    const page = window.__microreachPage;
    try {
        const blob = new Blob([HEAPU8.slice(bytes_ptr, bytes_ptr + bytes_length)], { type: page.text(mime_ptr, mime_length) || "application/octet-stream" });
        const url = URL.createObjectURL(blob);
        const link = document.createElement("a");
        link.href = url;
        link.download = page.text(name_ptr, name_length) || "microreach";
        link.rel = "noopener";
        document.body.appendChild(link);
        link.click();
        document.body.removeChild(link);
        setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (e) {
        console.warn("Microreach: the download could not start (" + e + ")");
    }
});

EM_JS(void, js_page_open_file_picker, (const char* ptr, int length), {
    const page = window.__microreachPage;
    const input = document.createElement("input");
    input.type = "file";
    input.accept = page.text(ptr, length);
    input.className = "microreach-visually-hidden";
    input.tabIndex = -1;
    input.addEventListener("change", () => {
        if (input.files && input.files.length) page.deliver(input.files[0]);
        if (input.parentNode) input.parentNode.removeChild(input);
    }, { once: true });
    document.body.appendChild(input);
    input.click();
});

EM_JS(char*, js_page_app_url, (), {
    return window.__microreachPage.returnString(window.__microreachPage.appUrl());
});

EM_JS(int, js_page_is_single_file, (), {
    return document.documentElement.dataset.microreachBuild === "single-file" ? 1 : 0;
});

EM_JS(void, js_page_download_single_file, (const char* error_ptr, int error_length), {
    const page = window.__microreachPage;
    page.downloadSingleFile(page.text(error_ptr, error_length));
});

EM_JS(void, js_page_post_height, (double css_px), {
    window.__microreachPage.postHeight(css_px);
});
// clang-format on

std::string take_js_string(char* text) {
    if (text == nullptr) {
        return {};
    }
    std::string result(text);
    std::free(text);
    return result;
}

// A string from page.returnSized: 4 bytes of length, then the bytes (NULs included).
std::string take_js_sized_string(char* block) {
    std::uint32_t size = 0;
    for (int k = 0; k < 4; ++k) {
        size |= static_cast<std::uint32_t>(static_cast<unsigned char>(block[k])) << (8 * k);
    }
    std::string result(block + 4, size);
    std::free(block);
    return result;
}

int length_of(std::string_view text) {
    return static_cast<int>(text.size());
}

// Runs before main(): the drop target and embedding messages must be ready
// before the first frame reports a height.
struct PageInstaller {
    PageInstaller() { js_page_install(max_file_bytes); }
};
const PageInstaller g_page_installer;

} // namespace

std::string page_fragment() {
    return take_js_string(js_page_fragment());
}

std::string page_query() {
    return take_js_string(js_page_query());
}

void page_replace_fragment(std::string_view fragment) {
    js_page_replace_fragment(fragment.data(), length_of(fragment));
}

std::string page_base_url() {
    return take_js_string(js_page_base_url());
}

void page_announce_results(std::string_view plain_text_report) {
    js_page_announce(plain_text_report.data(), length_of(plain_text_report));
}

StorageStatus page_storage_write(std::string_view key, std::string_view value) {
    switch (js_page_storage_write(key.data(), length_of(key), value.data(), length_of(value))) {
    case 0:
        return StorageStatus::saved;
    case 1:
        return StorageStatus::unavailable;
    case 2:
        return StorageStatus::full;
    default:
        return StorageStatus::error;
    }
}

std::optional<std::string> page_storage_read(std::string_view key) {
    char* value = js_page_storage_read(key.data(), length_of(key));
    if (value == nullptr) {
        return std::nullopt;
    }
    return take_js_sized_string(value);
}

bool page_storage_available() {
    return js_page_storage_available() != 0;
}

void page_storage_remove(std::string_view key) {
    js_page_storage_remove(key.data(), length_of(key));
}

void page_set_storage_listener(StorageListener listener, void* user) {
    g_storage_listener.listener = listener;
    g_storage_listener.user = user;
}

void page_copy_text(std::string_view text) {
    js_page_copy_text(text.data(), length_of(text));
}

void page_download(std::string_view filename, std::string_view mime_type, std::string_view bytes) {
    js_page_download(filename.data(), length_of(filename), mime_type.data(), length_of(mime_type),
                     bytes.data(), length_of(bytes));
}

void page_set_file_receiver(FileReceiver receiver, void* user) {
    g_file_receiver.receiver = receiver;
    g_file_receiver.user = user;
}

void page_open_file_picker(std::string_view accept) {
    js_page_open_file_picker(accept.data(), length_of(accept));
}

std::string page_app_url() {
    return take_js_string(js_page_app_url());
}

bool page_is_single_file() {
    return js_page_is_single_file() != 0;
}

void page_download_single_file(const std::string& error_message) {
    js_page_download_single_file(error_message.data(), static_cast<int>(error_message.size()));
}

void page_post_height(float css_px) {
    js_page_post_height(static_cast<double>(css_px));
}

} // namespace web

extern "C" {

// Called by the page glue with a whole file (or an error instead of its bytes).
EMSCRIPTEN_KEEPALIVE void mr_page_receive_file(const char* name, int name_length, const char* bytes,
                                               int bytes_length, const char* error,
                                               int error_length) {
    const auto& slot = web::g_file_receiver;
    if (slot.receiver == nullptr) {
        return;
    }
    slot.receiver(std::string_view(name, static_cast<std::size_t>(name_length)),
                  std::string_view(bytes, static_cast<std::size_t>(bytes_length)),
                  std::string_view(error, static_cast<std::size_t>(error_length)), slot.user);
}

// Called by the page glue when another tab changed a "microreach:" storage key.
EMSCRIPTEN_KEEPALIVE void mr_page_storage_changed(const char* key, int key_length) {
    const auto& slot = web::g_storage_listener;
    if (slot.listener != nullptr) {
        slot.listener(std::string_view(key, static_cast<std::size_t>(key_length)), slot.user);
    }
}

} // extern "C"
