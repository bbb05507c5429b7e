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

  // A parameter as docs/embedding.md says: names in any letter case, the last of
  // repeated ones wins (as in core::parse_prefill); null when absent.
  function param(name) {
    let value = null;
    params.forEach(function (v, k) { if (k.toLowerCase() === name) value = v; });
    return value;
  }
  // [embed] "1", "true", "yes", "on" or a bare "embed" turn embed mode on.
  const embed = param('embed');
  if (embed !== null && /^\s*(1|true|yes|on|)\s*$/i.test(embed)) root.classList.add('microreach-embed');
  const theme = (param('theme') || '').trim().toLowerCase();
  if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  const accent = /^\s*#?([0-9a-f]{3}|[0-9a-f]{6})\s*$/i.exec(param('accent') || '');
  if (accent) {
    root.style.setProperty('--microreach-accent', '#' + accent[1]);
    root.dataset.microreachAccent = accent[1];  // read by the app (web/main.cpp)
  }

  const singleFile = typeof window.createMicroreach === 'function';

  // The files this page loads. web/tools/hash-names.mjs rewrites these names into
  // content-hashed ones ("microreach.1a2b3c4d5e.wasm"), so a page of one build never
  // loads a file of another.
  const FILES = {
    wasm: 'microreach.wasm',
    deferred: 'microreach.deferred.wasm',
    app: 'microreach.js',
    wasmScript: 'microreach.wasm.js',
    wasmBytes: 0,  // the first part's size, written by the build (0: unknown)
  };

  // The wasm download starts now, from the head, while the page is still parsing (it
  // answers the <link rel="preload"> of the same file), and reports real progress:
  // bytes received against Content-Length. A compressed transfer's length counts
  // compressed bytes while the stream gives decoded ones: then the size the build wrote
  // is the total. Without either, the bar shows activity without a percentage.
  const download = { loaded: 0, total: 0, bar: null, promise: null, compiled: null };
  // The startup's steps on the page's timeline, for the benchmark (tests/perf/bench.mjs).
  function mark(name) {
    if (window.performance && typeof performance.mark === 'function') performance.mark(name);
  }
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
      const compressed = encoded && encoded !== 'identity';
      download.total = (compressed ? FILES.wasmBytes : Number(response.headers.get('Content-Length'))) || 0;
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
  // The early download only needs to know WebGL2 exists; the real check (start) asks
  // the page's own canvas for the context the app will use, with the app's attributes
  // (web/platform/browser_platform.cpp), so the browser creates it once, not twice.
  const webgl2Known = typeof window.WebGL2RenderingContext === 'function';
  function canvasHasWebGL2(canvas) {
    try {
      return !!canvas && !!canvas.getContext('webgl2', {
        alpha: false, antialias: false, depth: false, stencil: false,
        premultipliedAlpha: true, preserveDrawingBuffer: false,
      });
    } catch (e) {
      return false;
    }
  }
  const canRun = typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function';
  const webgl2 = canRun && webgl2Known;
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
    download.promise = fetchWithProgress(FILES.wasm);
    download.promise.catch(function () {});  // reported when the app asks for it
    // Compiled as the bytes arrive, while the page parses and microreach.js downloads:
    // by the time the app's code asks for the module it is usually ready, so only the
    // instantiation is left on the way to the first frame.
    if (typeof WebAssembly.compileStreaming === 'function') {
      download.compiled = download.promise.then(function (response) {
        return WebAssembly.compileStreaming(response);
      }).then(function (module) {
        mark('microreach:compiled');
        return module;
      });
      download.compiled.catch(function () {});
    }
  }

  // The app's code may come in two parts (web/tools/split-wasm.mjs): FILES.wasm runs
  // the first screen, FILES.deferred holds the rest. A split module imports its missing
  // functions from "placeholder". The rest is fetched when the reader shows interest
  // (pointer, touch, focus or a key on the app), or before the app starts when the
  // startup needs more than the first screen (a shared link, saved work, URL
  // parameters). A reader who only scrolls past never downloads it.
  //
  // Both parts carry the build's id (a "microreach-build" custom section written by
  // web/tools/hash-names.mjs); the rest is linked only when its id is the first part's.
  // When it cannot be had (the host deleted this build's files after a deployment, the
  // file is another build's, it does not link), the app stops where it is, its work
  // already saved (the autosave and the link in the address follow every change), and
  // the page says "Microreach was updated: reload to continue" with a reload button.
  const deferred = { split: false, build: null, module: null, promise: null, stopped: null, primary: null, linked: null };
  const BUILD_SECTION = 'microreach-build';
  function buildOf(module) {
    const sections = WebAssembly.Module.customSections(module, BUILD_SECTION);
    return sections.length ? new TextDecoder().decode(sections[0]) : null;
  }
  function isSplit(module) {
    return WebAssembly.Module.imports(module).some(function (entry) { return entry.module === 'placeholder'; });
  }
  // Thrown into the app's call that needed the rest; the page's error handler below
  // keeps it out of the console (the page says what happened instead).
  function StoppedError(message) {
    this.name = 'MicroreachStopped';
    this.message = message;
  }
  StoppedError.prototype = Object.create(Error.prototype);
  window.addEventListener('error', function (event) {
    if (event.error instanceof StoppedError) event.preventDefault();
  });
  function stop(updated) {
    if (deferred.stopped) return deferred.stopped;
    deferred.stopped = new StoppedError(updated ? 'Microreach was updated' : 'Microreach could not download the rest of its code');
    const frame = document.querySelector('.microreach-frame');
    if (frame) frame.inert = true;  // no more input reaches the stopped app
    const canvas = document.getElementById('microreach-canvas');
    if (canvas && document.activeElement === canvas) canvas.blur();
    const box = document.getElementById('microreach-update');
    if (box) {
      const text = box.querySelector('p');
      if (text) {
        text.textContent = updated
          ? 'Microreach was updated: reload to continue. Your work is saved.'
          : 'Microreach could not download the rest of its code: check your connection, then reload to continue. Your work is saved.';
      }
      const button = box.querySelector('button');
      if (button) button.onclick = function () { location.reload(); };
      box.hidden = false;
    }
    root.dataset.microreachStopped = updated ? 'updated' : 'offline';
    return deferred.stopped;
  }
  // The compiled rest, checked against the first part's build id.
  function checked(module) {
    if (buildOf(module) !== deferred.build) throw stop(true);
    return module;
  }
  function fetchDeferred() {
    if (!deferred.split || deferred.stopped) return Promise.resolve(null);
    if (!deferred.promise) {
      deferred.promise = fetch(FILES.deferred).then(function (response) {
        // Gone: this build's files were replaced by a deployment.
        if (response.status === 404 || response.status === 410) throw stop(true);
        if (!response.ok) throw new Error('could not download ' + FILES.deferred + ' (HTTP ' + response.status + ')');
        return response.arrayBuffer();
      }).then(function (buffer) {
        return WebAssembly.compile(buffer).catch(function () { throw stop(true); });
      }).then(function (module) {
        deferred.module = deferred.module || checked(module);
        link();
        return deferred.module;
      });
      // A network failure is retried on the next sign of interest.
      deferred.promise.catch(function () { if (!deferred.stopped) deferred.promise = null; });
    }
    return deferred.promise;
  }
  // Embedding options are part of the first screen's profile (web/tools/split-wasm.mjs
  // loads the page with them); any other parameter (a budget, a screen, the test hook)
  // runs code from the rest.
  const firstScreenParams = ['embed', 'theme', 'accent'];
  function startupNeedsDeferred() {
    if (location.hash.length > 1) return true;
    for (const key of params.keys()) {
      if (firstScreenParams.indexOf(key.toLowerCase()) < 0) return true;
    }
    try {
      return window.localStorage.getItem('microreach:autosave') !== null ||
        window.localStorage.getItem('microreach:scenarios') !== null;
    } catch (e) {
      return false;
    }
  }
  // Links the rest as soon as both parts are here and the app runs: its functions take
  // the placeholders' places in the shared table, so the app never waits for them, and
  // a rest that does not fit shows the notice before the reader's next gesture.
  function link() {
    if (deferred.linked || !deferred.module || !deferred.primary || deferred.stopped) return deferred.linked;
    try {
      deferred.linked = new WebAssembly.Instance(deferred.module, { primary: deferred.primary });
    } catch (e) {
      throw stop(true);  // a LinkError: the rest does not fit this first part
    }
    root.dataset.microreachDeferred = 'linked';
    return deferred.linked;
  }
  // Emscripten calls this, synchronously, the first time the app runs a function of the
  // deferred part. Usually the module is already here; if the first touch came before
  // the download finished, it is fetched now, synchronously (a short pause, once).
  function loadDeferredNow(file, imports) {
    if (deferred.stopped) throw deferred.stopped;
    let module = deferred.module;
    if (!module) {
      const request = new XMLHttpRequest();
      let status = 0;
      try {
        request.open('GET', FILES.deferred, false);
        request.overrideMimeType('text/plain; charset=x-user-defined');
        request.send(null);
        status = request.status;
      } catch (e) {
        status = 0;
      }
      if (status !== 200) throw stop(status === 404 || status === 410);
      const text = request.responseText;
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
      try {
        module = new WebAssembly.Module(bytes);
      } catch (e) {
        throw stop(true);
      }
      deferred.module = module = checked(module);
    }
    deferred.primary = imports.primary;
    return [link(), module];
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
    if (!webgl2 || !canvasHasWebGL2(canvas)) {
      showError('Microreach needs WebGL2, which is turned off or unsupported in this browser (check that hardware acceleration is on). Any current Chrome, Firefox, Safari or Edge works.');
      return;
    }

    function instantiateWasm(imports, receiveInstance) {
      const instantiated = download.compiled
        ? download.compiled.then(function (module) {
          return WebAssembly.instantiate(module, imports).then(function (instance) {
            return { instance: instance, module: module };
          });
        })
        : (download.promise || fetchWithProgress(FILES.wasm)).then(function (response) {
          return WebAssembly.instantiateStreaming(response, imports);
        });
      instantiated
        .then(function (result) {
          deferred.split = isSplit(result.module);
          if (!deferred.split) return result;
          deferred.build = buildOf(result.module);
          const container = canvas && canvas.parentElement ? canvas.parentElement : document;
          ['pointerover', 'pointerdown', 'touchstart', 'focusin', 'keydown'].forEach(function (type) {
            container.addEventListener(type, fetchDeferred, { once: true, passive: true, capture: true });
          });
          return startupNeedsDeferred() ? fetchDeferred().then(function () { return result; }) : result;
        })
        .then(function (result) {
          mark('microreach:instantiated');
          receiveInstance(result.instance, result.module);
          if (deferred.split) {
            deferred.primary = result.instance.exports;
            link();
          }
        })
        .catch(function (error) {
          if (error instanceof StoppedError) {
            // This page is older than the site (a cached page after a deployment).
            if (loading) loading.hidden = true;
            if (canvas && canvas.parentElement) canvas.parentElement.hidden = true;
            return;
          }
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
        script.src = FILES.wasmScript;
        script.onload = resolve;
        script.onerror = function () { reject(new Error('could not download ' + FILES.wasmScript)); };
        document.head.appendChild(script);
      }).then(function () {
        const base64 = window.__microreachWasmBase64;
        delete window.__microreachWasmBase64;
        if (typeof base64 !== 'string') throw new Error(FILES.wasmScript + ' holds no WebAssembly');
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
        printErr: function (text) {
          // Emscripten's notes on loading the deferred part are not problems.
          if (/^(placeholder function called|instantiated deferred module)/.test(text)) return;
          console.warn(text);
        },
        onAbort: function () {
          if (failed) return;
          if (deferred.stopped) return;  // the update notice already says what to do
          showError('Microreach stopped unexpectedly. Reload the page to start again.');
        },
        loadSplitModule: loadDeferredNow,
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
    script.src = FILES.app;
    script.onerror = function () {
      showError('Microreach could not load its code. Check your connection and reload the page.');
    };
    script.onload = function () {
      mark('microreach:code');
      run();
    };
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
