// Loads the JS API module (core + embind bindings: build/<preset>/microreach-api.js
// and microreach-api.wasm, the files the site ships) once per test file. The path
// comes from MICROREACH_API_JS (set by ctest's js_api).
//
// The module is CommonJS (Emscripten's MODULARIZE output). Inside this repository,
// package.json says "type": "module", so Node would read a .js file here as an ES
// module; a copy with the .cjs extension (and its .wasm beside it) is loaded instead.
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

export function apiPath() {
  const path = process.env.MICROREACH_API_JS;
  if (!path) throw new Error('Set MICROREACH_API_JS to the built module, e.g. build/wasm-test/microreach-api.js');
  return resolve(path);
}

let apiPromise = null;
export function loadApi() {
  if (!apiPromise) {
    let path = apiPath();
    if (!path.endsWith('.cjs')) {
      const folder = mkdtempSync(join(tmpdir(), 'microreach-api-'));
      const wasm = path.replace(/\.js$/, '.wasm');
      if (existsSync(wasm)) copyFileSync(wasm, join(folder, basename(wasm)));
      const copy = join(folder, basename(path).replace(/\.js$/, '.cjs'));
      copyFileSync(path, copy);
      path = copy;
    }
    const createMicroreachApi = require(path);
    apiPromise = createMicroreachApi({ locateFile: (name) => join(dirname(path), name) });
  }
  return apiPromise;
}

// Unwraps an {ok, value} envelope, failing loudly with the error's message.
export function value(result) {
  if (!result || result.ok !== true) {
    throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  }
  return result.value;
}
