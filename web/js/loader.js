// Starts the calculator on its page: applies embed mode, theme and accent from the
// URL before the first paint, checks WebGL2 and WebAssembly, downloads the wasm with
// a real progress bar (still compiled while streaming), reports failures in words
// instead of leaving a blank canvas, and registers the service worker for offline
// use once the app runs.
//
// The same file runs inline in the single-file build (microreach.html), where the
// app's code and wasm are already in the page: then it downloads nothing and
// registers no service worker.
(function () {
  'use strict';
  const root = document.documentElement;
  let params;
  try {
    params = new URLSearchParams(location.search);
  } catch (e) {
    params = new URLSearchParams('');
  }

  // [embed] "1", "true", "yes" or a bare "embed" turn embed mode on.
  const embed = params.get('embed');
  if (embed !== null && /^(1|true|yes|on|)$/i.test(embed)) root.classList.add('microreach-embed');
  const theme = (params.get('theme') || '').toLowerCase();
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  const accent = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(params.get('accent') || '');
  if (accent) root.style.setProperty('--microreach-accent', '#' + accent[1]);

  const singleFile = typeof window.createMicroreach === 'function';

  // The wasm download starts now, from the head, while the page is still parsing (it
  // answers the <link rel="preload"> of the same file), and reports real progress:
  // bytes received against Content-Length. Without a usable length (a compressed
  // transfer) the bar shows activity without a percentage.
  const download = { loaded: 0, total: 0, bar: null, promise: null };
  function showProgress() {
    const bar = download.bar || (download.bar = document.getElementById('microreach-progress'));
    if (!bar) return;
    if (download.total) bar.value = Math.min(100, Math.round((download.loaded / download.total) * 100));
    else bar.removeAttribute('value');
  }
  function fetchWithProgress(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error('could not download ' + url + ' (HTTP ' + response.status + ')');
      const encoded = response.headers.get('Content-Encoding');
      download.total = encoded && encoded !== 'identity' ? 0 : Number(response.headers.get('Content-Length')) || 0;
      if (!response.body || !download.total) {
        showProgress();
        // Streaming compilation needs this type; a host that sends another still works.
        return response.body ? new Response(response.body, { headers: { 'Content-Type': 'application/wasm' } }) : response;
      }
      // Read as the bytes arrive (not when the compiler asks), so the bar moves with
      // the network even before the app's code has loaded.
      const reader = response.body.getReader();
      const stream = new ReadableStream({
        start: function (controller) {
          function pump() {
            return reader.read().then(function (chunk) {
              if (chunk.done) {
                controller.close();
                return undefined;
              }
              download.loaded += chunk.value.byteLength;
              showProgress();
              controller.enqueue(chunk.value);
              return pump();
            });
          }
          pump().catch(function (error) { controller.error(error); });
        },
      });
      return new Response(stream, { headers: { 'Content-Type': 'application/wasm' } });
    });
  }
  function hasWebGL2() {
    try {
      return !!document.createElement('canvas').getContext('webgl2');
    } catch (e) {
      return false;
    }
  }
  const canRun = typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
  const webgl2 = canRun && hasWebGL2();
  // An opaque origin ("null": an iframe sandboxed without allow-same-origin, or a page
  // opened from disk) cannot fetch the wasm: every request is cross-origin and static
  // hosts send no CORS headers. A <script> may still load, so the wasm then comes as
  // base64 in microreach.wasm.js.
  const opaque = (function () {
    try {
      return window.origin === 'null' || location.origin === 'null';
    } catch (e) {
      return true;
    }
  })();
  if (!singleFile && !opaque && webgl2 && typeof fetch === 'function') {
    download.promise = fetchWithProgress('microreach.wasm');
    download.promise.catch(function () {});  // reported when the app asks for it
  }

  function start() {
    const loading = document.getElementById('microreach-loading');
    const progress = document.getElementById('microreach-progress');
    const errorBox = document.getElementById('microreach-error');
    const canvas = document.getElementById('microreach-canvas');
    let failed = false;

    function showError(message) {
      failed = true;
      if (loading) loading.hidden = true;
      if (canvas && canvas.parentElement) canvas.parentElement.hidden = true;
      if (errorBox) {
        errorBox.textContent = message;
        errorBox.hidden = false;
      }
    }
    // The app itself may report a startup failure in the same box (web/main.cpp):
    // then the bar and the empty canvas go away too.
    if (errorBox && typeof MutationObserver === 'function') {
      new MutationObserver(function () {
        if (!errorBox.hidden) {
          if (loading) loading.hidden = true;
          if (canvas && canvas.parentElement) canvas.parentElement.hidden = true;
        }
      }).observe(errorBox, { attributes: true, attributeFilter: ['hidden'] });
    }
    window.addEventListener('microreach:ready', function () {
      if (loading) loading.hidden = true;
      if (!singleFile) registerServiceWorker();
    }, { once: true });

    if (!canRun) {
      showError('Microreach needs WebAssembly, which this browser does not support or has turned off. Any current Chrome, Firefox, Safari or Edge works.');
      return;
    }
    if (!webgl2) {
      showError('Microreach needs WebGL2, which is turned off or unsupported in this browser (check that hardware acceleration is on). Any current Chrome, Firefox, Safari or Edge works.');
      return;
    }

    function instantiateWasm(imports, receiveInstance) {
      (download.promise || fetchWithProgress('microreach.wasm'))
        .then(function (response) {
          return WebAssembly.instantiateStreaming(response, imports);
        })
        .then(function (result) {
          receiveInstance(result.instance, result.module);
        })
        .catch(function (error) {
          showError('Microreach could not start: ' + error.message + '. Reload the page to try again.');
        });
      return {};
    }

    function decodeBase64(text) {
      const binary = atob(text);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return bytes;
    }

    // The single file carries the wasm as base64 in a data block (never executed).
    function instantiateInlineWasm(imports, receiveInstance) {
      Promise.resolve().then(function () {
        const block = document.getElementById('microreach-wasm');
        if (!block) throw new Error('the page has no WebAssembly part');
        return WebAssembly.instantiate(decodeBase64(block.textContent.trim()), imports);
      }).then(function (result) {
        receiveInstance(result.instance, result.module);
      }).catch(function (error) {
        showError('Microreach could not start: ' + error.message + '. Download the file again and reopen it.');
      });
      return {};
    }

    // Opaque origins: the same wasm as base64 in a script (no CORS needed).
    function instantiateScriptWasm(imports, receiveInstance) {
      if (progress) progress.removeAttribute('value');
      new Promise(function (resolve, reject) {
        const script = document.createElement('script');
        script.src = 'microreach.wasm.js';
        script.onload = resolve;
        script.onerror = function () { reject(new Error('could not download microreach.wasm.js')); };
        document.head.appendChild(script);
      }).then(function () {
        const base64 = window.__microreachWasmBase64;
        delete window.__microreachWasmBase64;
        if (typeof base64 !== 'string') throw new Error('microreach.wasm.js holds no WebAssembly');
        return WebAssembly.instantiate(decodeBase64(base64), imports);
      }).then(function (result) {
        if (progress) progress.value = 100;
        receiveInstance(result.instance, result.module);
      }).catch(function (error) {
        showError('Microreach could not start: ' + error.message + '. Reload the page to try again.');
      });
      return {};
    }

    function run() {
      const options = {
        canvas: canvas,
        print: function (text) { console.log(text); },
        printErr: function (text) { console.warn(text); },
        onAbort: function () {
          if (!failed) showError('Microreach stopped unexpectedly. Reload the page to start again.');
        },
      };
      options.instantiateWasm = singleFile ? instantiateInlineWasm : opaque ? instantiateScriptWasm : instantiateWasm;
      window.createMicroreach(options).then(function (module) {
        window.microreach = module;
      }, function () {
        if (!failed) showError('Microreach could not start. Reload the page to try again.');
      });
    }

    if (singleFile) {
      if (progress) progress.value = 100;
      run();
      return;
    }
    const script = document.createElement('script');
    script.src = 'microreach.js';
    script.onerror = function () {
      showError('Microreach could not load its code. Check your connection and reload the page.');
    };
    script.onload = run;
    document.head.appendChild(script);
  }

  // Offline use: sw.js caches the whole app (a cache named after the build), after
  // the app has started so it does not compete with the first download. Blocked in
  // sandboxed iframes and on file://; the app works the same without it.
  function registerServiceWorker() {
    try {
      if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
      navigator.serviceWorker.register('sw.js').catch(function () {});
    } catch (e) {
      // SecurityError in an opaque-origin (sandboxed) document.
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
})();
