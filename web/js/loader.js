// Starts the calculator on its page: checks WebGL2 and WebAssembly, downloads the
// wasm with a real progress bar (still compiled while streaming), and reports
// failures in words instead of leaving a blank canvas.
(function () {
  'use strict';
  const loading = document.getElementById('microreach-loading');
  const progress = document.getElementById('microreach-progress');
  const errorBox = document.getElementById('microreach-error');

  function showError(message) {
    if (loading) loading.hidden = true;
    if (errorBox) {
      errorBox.textContent = message;
      errorBox.hidden = false;
    }
  }

  function hasWebGL2() {
    try {
      return !!document.createElement('canvas').getContext('webgl2');
    } catch (e) {
      return false;
    }
  }

  if (typeof WebAssembly !== 'object') {
    showError('Microreach needs WebAssembly, which this browser does not support. Any current Chrome, Firefox, Safari or Edge works.');
    return;
  }
  if (!hasWebGL2()) {
    showError('Microreach needs WebGL2, which is turned off or unsupported in this browser. Any current Chrome, Firefox, Safari or Edge works.');
    return;
  }

  // Reports download progress while handing the bytes to streaming compilation.
  function fetchWithProgress(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error('could not download ' + url + ' (HTTP ' + response.status + ')');
      const total = Number(response.headers.get('Content-Length')) || 0;
      if (!response.body || !total) return response;
      let loaded = 0;
      const reader = response.body.getReader();
      const stream = new ReadableStream({
        pull: function (controller) {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              controller.close();
              return;
            }
            loaded += chunk.value.byteLength;
            if (progress) progress.value = Math.min(100, Math.round((loaded / total) * 100));
            controller.enqueue(chunk.value);
          });
        },
      });
      return new Response(stream, { headers: { 'Content-Type': 'application/wasm' } });
    });
  }

  function instantiateWasm(imports, receiveInstance) {
    fetchWithProgress('microreach.wasm')
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

  const script = document.createElement('script');
  script.src = 'microreach.js';
  script.onerror = function () {
    showError('Microreach could not load its code. Check your connection and reload the page.');
  };
  script.onload = function () {
    window.addEventListener('microreach:ready', function () {
      if (loading) loading.hidden = true;
    }, { once: true });
    createMicroreach({
      canvas: document.getElementById('microreach-canvas'),
      instantiateWasm: instantiateWasm,
      print: function (text) { console.log(text); },
      printErr: function (text) { console.warn(text); },
      onAbort: function () { showError('Microreach stopped unexpectedly. Reload the page to start again.'); },
    }).then(function (module) {
      window.microreach = module;
    });
  };
  document.head.appendChild(script);
})();
