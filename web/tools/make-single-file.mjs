// Builds microreach.html: the whole app in one file that opens from disk (file://)
// with no server. It is the site's index.html with the style sheet, the favicon, the
// app's JavaScript and its wasm (base64, in a non-executed data block) inline.
//
// Why not emcc -sSINGLE_FILE=1: in Emscripten 3.1.6 that build first tries
// fetch("data:application/octet-stream;base64,...") for the wasm, which a strict
// Content-Security-Policy reports as a connect-src violation before the code falls
// back to decoding the string. Here loader.js decodes the block itself and calls
// WebAssembly.instantiate, and the page reuses the exact microreach.js and
// microreach.wasm of the multi-file site (one link, identical code).
//
// CSP: inline code cannot satisfy script-src 'self', so the single file names each
// inline script and style by its SHA-256 hash instead: no 'unsafe-inline', no other
// source allowed (default-src 'none'), WebAssembly compilation by 'wasm-unsafe-eval'.
//
// Usage: node web/tools/make-single-file.mjs <dist folder> [output file]
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const [dist, output = join(dist || '.', 'microreach.html')] = process.argv.slice(2);
if (!dist) {
  console.error('usage: make-single-file.mjs <dist folder> [output file]');
  process.exit(2);
}

const read = (name) => readFile(join(dist, name), 'utf8');
const [html, css, loader, app, favicon, wasm] = await Promise.all([
  read('index.html'), read('microreach.css'), read('loader.js'), read('microreach.js'),
  readFile(join(dist, 'favicon.svg')), readFile(join(dist, 'microreach.wasm')),
]);

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// Inline <script> content ends at the first "</script"; "<!--" can change how the
// rest is parsed. Neither may appear in code we inline.
function inlineScript(code, name) {
  if (/<\/script|<!--/i.test(code)) {
    console.error(`${name} contains "</script" or "<!--" and cannot be inlined safely`);
    process.exit(1);
  }
  return code;
}

let page = html;
function replaceOnce(pattern, replacement, what) {
  if (!pattern.test(page)) {
    console.error(`index.html: ${what} not found`);
    process.exit(1);
  }
  page = page.replace(pattern, () => replacement);
}

const appCode = inlineScript(app, 'microreach.js');
const loaderCode = inlineScript(loader, 'loader.js');
const csp = [
  "default-src 'none'",
  `script-src ${sha256(appCode)} ${sha256(loaderCode)} 'wasm-unsafe-eval'`,
  `style-src ${sha256(css)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

replaceOnce(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`, 'the CSP meta tag');
// Files that do not exist next to a single file, and things only a served site has.
page = page.replace(/\s*<link rel="(preload|manifest)"[^>]*>/g, '');
page = page.replace(/\s*<meta property="og:image[^>]*>/g, '');
page = page.replace(/\s*<!-- Fetched in parallel[^>]*-->/, '');
page = page.replace(/\s*<!-- Synchronous on purpose[\s\S]*?-->/, '');
replaceOnce(/<link rel="icon" href="favicon.svg" type="image\/svg\+xml">/,
  `<link rel="icon" href="data:image/svg+xml;base64,${favicon.toString('base64')}" type="image/svg+xml">`, 'the favicon link');
replaceOnce(/<link rel="stylesheet" href="microreach.css">/, `<style>${css}</style>`, 'the style sheet link');
replaceOnce(/<script src="loader.js"><\/script>/,
  `<script type="application/wasm;base64" id="microreach-wasm">${wasm.toString('base64')}</script>\n` +
  `  <script>${appCode}</script>\n  <script>${loaderCode}</script>`, 'the loader script');
replaceOnce(/<html lang="en">/, '<html lang="en" data-microreach-build="single-file">', 'the html element');

await writeFile(output, page);
console.log(`${output}: ${(Buffer.byteLength(page) / 1024).toFixed(0)} KB, CSP ${csp.length} characters`);
