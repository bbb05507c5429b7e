// Strips comments and whitespace from the page scripts the first screen loads as
// they are (web/js/loader.js: 21 KB with its comments, 12 KB without), with the
// printer Emscripten itself uses for its glue (acorn-optimizer's minifyWhitespace:
// names and code stay as written, so error messages and the names that
// web/tools/hash-names.mjs rewrites are unchanged). A file it cannot read stays as it
// was, and the build says so: the page works the same, only larger.
//
// Usage: node web/tools/minify-js.mjs <emscripten root> <file>...
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const [emscripten, ...files] = process.argv.slice(2);
if (!emscripten || files.length === 0) {
  console.error('usage: minify-js.mjs <emscripten root> <file>...');
  process.exit(2);
}
for (const file of files) {
  const before = await readFile(file, 'utf8');
  try {
    const after = execFileSync(process.execPath, [join(emscripten, 'tools', 'acorn-optimizer.js'), file,
      'minifyWhitespace'], { maxBuffer: 1 << 26 }).toString().trim();
    if (!after) throw new Error('no output');
    await writeFile(file, after + '\n');
    console.log(`minify-js: ${file} ${before.length} -> ${after.length + 1} bytes`);
  } catch (error) {
    console.warn(`minify-js: ${file} kept as it is (${error.message.split('\n')[0]})`);
  }
}
