// A small static file server for www/: correct MIME types (application/wasm for the engine),
// no caching surprises, loopback only, and the security headers a clinic's server should
// send with the designer (HOST_HEADERS, listed in the README). Used by scripts/serve and the
// end-to-end tests, so every browser test runs under that policy.
//   node scripts/static-server.mjs ROOT PORT        (PORT 0 picks a free port)

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

/**
 * What the designer needs and nothing more: its own scripts and wasm ('wasm-unsafe-eval'
 * compiles the engine), its own styles, images from itself or the photo the visitor chose
 * (data:, blob:), its photo Worker, no plugins, no <base>, no form posts, no framing by
 * other sites, no MIME sniffing, no referrer. A host page that embeds the designer sets
 * `frame-ancestors` to its own origins.
 */
export const HOST_HEADERS = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Starts serving `root` on 127.0.0.1:`port` with `headers` (default HOST_HEADERS) on every
 * file; resolves to `{ server, url }`.
 */
export function serve(root, port = 0, { headers = HOST_HEADERS } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        ...headers,
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${server.address().port}` }));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [root = 'www', port = '8000'] = process.argv.slice(2);
  const { url } = await serve(root, Number(port));
  console.log(`Hairline Studio is served at ${url}/ (Ctrl+C stops it)`);
}
