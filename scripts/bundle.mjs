// Bundles the page's ES modules into one file per entry (esbuild), so that a visitor's
// browser fetches the designer's code in one request instead of about fifty.
//
// Why: the modules were discovered level by level (main.js → the element → the app and its
// views → …), each fetched, parsed and linked on its own; on a phone that was about 250 ms
// before the engine could even start, on localhost, and a round trip per level on a real
// network (issue 12: first dots ≤ 300 ms). The sources stay as they are and are what the
// unit tests import; the bundles are generated next to them (www/*.bundle.js, ignored by git):
//   www/main.bundle.js               the project's own page (index.html loads it)
//   www/hairline-designer.bundle.js  the element alone, for a clinic's page (embed.html)
// The workers stay separate modules (each is its own entry, started by URL).
//
// `new URL('./x', import.meta.url)` in a module means "next to this module"; in the bundle
// import.meta.url is the bundle's, at www/, so the plugin below rewrites each such path to
// be relative to www/ (what bundlers such as Vite do for the same pattern).
//   node scripts/bundle.mjs        (scripts/build and the end-to-end harness run it)

import { build } from 'esbuild';
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The real path: esbuild reports modules by theirs, so a www/ reached through a symlink
// would otherwise give paths that climb out of it.
const WWW = realpathSync(fileURLToPath(new URL('../www/', import.meta.url)));
export const ENTRIES = ['main.js', 'hairline-designer.js'];
// A relative path (no scheme, not from the root) resolved against the module's own URL.
const MODULE_URL = /new URL\((['"])([^'":/][^'":]*)\1, import\.meta\.url\)/g;

/** Rewrites module-relative asset URLs so they stay right once the module is in a bundle at www/. */
const assetUrls = {
  name: 'module-relative-urls',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      // Every `new URL(…, import.meta.url)` must be one the rewrite understands: another
      // spelling would keep a path relative to the source file and break in the bundle.
      const all = source.match(/new URL\([^)]*import\.meta\.url/g)?.length ?? 0;
      const known = source.match(MODULE_URL)?.length ?? 0;
      if (all !== known) {
        throw new Error(`${relative(WWW, path)}: write module-relative URLs as new URL('./path', import.meta.url)`);
      }
      const contents = source.replace(MODULE_URL, (_, quote, rel) => {
        const target = relative(WWW, join(dirname(path), rel)).split(sep).join(posix.sep);
        return `new URL(${quote}./${target}${quote}, import.meta.url)`;
      });
      return { contents, loader: 'js' };
    });
  },
};

/** Writes the bundles; resolves to their paths. Throws with esbuild's message on an error. */
export async function bundle() {
  await build({
    entryPoints: ENTRIES.map((e) => join(WWW, e)),
    outdir: WWW,
    entryNames: '[name].bundle',
    bundle: true,
    format: 'esm',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [assetUrls],
  });
  return ENTRIES.map((e) => join(WWW, e.replace(/\.js$/, '.bundle.js')));
}

// Run as a script (also through a symlinked path), not imported by the harness.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const files = await bundle();
  console.log(`bundle: ${files.map((f) => relative(WWW, f)).join(', ')}`);
}
