// Prints what a visitor downloads for one <hairline-designer>: the element's JS modules
// (followed from www/hairline-designer.js through its imports and workers), its stylesheet
// and the engine's wasm, raw and gzip -9, and the one-file bundle of the modules the page
// loads instead (scripts/bundle.mjs; the workers stay separate). Run after scripts/build:
//   node scripts/sizes.mjs

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const www = new URL('../www/', import.meta.url).pathname;
const seen = new Set();
function follow(file) {
  if (seen.has(file)) return;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const m of source.matchAll(/(?:import|from)\s*\(?\s*['"](\.[^'"]+)['"]/g)) follow(resolve(dirname(file), m[1]));
  for (const m of source.matchAll(/new URL\('(\.[^']+\.js)'/g)) follow(resolve(dirname(file), m[1]));
}
follow(resolve(www, 'hairline-designer.js'));
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const sizes = (buffers) => [buffers.reduce((s, b) => s + b.length, 0), buffers.reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0)];
const [js, jsGz] = sizes([...seen].map((f) => readFileSync(f)));
const [css, cssGz] = sizes([readFileSync(resolve(www, 'designer.css'))]);
const [wasm, wasmGz] = sizes([readFileSync(resolve(www, 'pkg/hairline_bg.wasm'))]);
console.log(`JS modules (${seen.size}): ${kib(js)} raw, ${kib(jsGz)} gzip -9`);
console.log(`stylesheet: ${kib(css)} raw, ${kib(cssGz)} gzip -9`);
console.log(`engine wasm: ${kib(wasm)} raw, ${kib(wasmGz)} gzip -9`);
console.log(`total: ${kib(js + css + wasm)} raw, ${kib(jsGz + cssGz + wasmGz)} gzip -9`);
const [bundle, bundleGz] = sizes([readFileSync(resolve(www, 'hairline-designer.bundle.js'))]);
console.log(`the element's modules as one bundle (hairline-designer.bundle.js): ${kib(bundle)} raw, ${kib(bundleGz)} gzip -9`);
