// A tiny static file server for the built site, on 127.0.0.1 only.
// Serves .wasm as application/wasm (needed for streaming compilation) and the cache
// headers docs/embedding.md recommends: content-hashed names ("loader.1a2b3c4d5e.js")
// are immutable, every other file is revalidated, so a rebuild shows up on reload.
// A file's precompressed copy (".br", ".gz", written last by the build with
// web/tools/precompress.mjs) is sent as it is when the browser accepts that encoding.
// No dependencies beyond Node itself.
//
// Usage: node scripts/serve.mjs [folder] [--port N]   (port 0 picks a free one)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const mimeTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

// The encodings a request accepts, in our order of preference (smallest first).
function acceptedEncodings(header = '') {
  const accepted = new Set();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((param) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(param));
    if (name && !refused) accepted.add(name);
  }
  return [
    ['br', '.br'],
    ['gzip', '.gz'],
  ].filter(([name]) => accepted.has(name));
}

// The bytes to send for a file: its precompressed copy the request accepts, or itself.
async function chooseBody(path, acceptEncoding) {
  const body = await readFile(path);
  for (const [encoding, suffix] of acceptedEncodings(acceptEncoding)) {
    const copy = await readFile(path + suffix).catch(() => null);
    if (copy) return { body: copy, encoding };
  }
  return { body, encoding: null };
}

export function startServer(root, port = 0, host = '127.0.0.1') {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url, 'http://localhost');
      let path = normalize(join(base, decodeURIComponent(url.pathname)));
      if (path !== base && !path.startsWith(base + sep)) {
        response.writeHead(403).end('Forbidden');
        return;
      }
      if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, 'index.html');
      const { body, encoding } = await chooseBody(path, request.headers['accept-encoding']);
      response.writeHead(200, {
        'Content-Type': mimeTypes[extname(path)] || 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': /\.[0-9a-f]{10}\./.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        Vary: 'Accept-Encoding',
        ...(encoding ? { 'Content-Encoding': encoding } : {}),
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const portIndex = args.indexOf('--port');
  const port = portIndex >= 0 ? Number(args[portIndex + 1]) : Number(process.env.PORT || 8080);
  const root = args.find((arg, index) => !arg.startsWith('--') && index !== portIndex + 1) || 'build/wasm-release/dist';
  try {
    const server = await startServer(root, port);
    const { port: actualPort } = server.address();
    console.log(`Microreach is running at http://127.0.0.1:${actualPort}/  (Ctrl+C stops it)`);
  } catch (error) {
    if (error.code === 'EADDRINUSE') {
      console.error(`Port ${port} is in use. Try: PORT=8081 ./run`);
      process.exit(1);
    }
    throw error;
  }
}
