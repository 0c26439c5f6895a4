// The page's words in Spanish (ui/strings-es.js): every label a screen reader hears or a
// pointer's hover shows in the designer's markup has its Spanish, as the visible text has
// (a pass with a Spanish page found "Scar and mark handles", "Tap to close" and "Hair
// length" read out in English).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DESIGNER_MARKUP } from '../../www/ui/markup.js';
import { SPANISH } from '../../www/ui/strings-es.js';

test('every aria-label, title and placeholder in the markup has its Spanish', () => {
  const labels = [...DESIGNER_MARKUP.matchAll(/(?:aria-label|title|placeholder)="([^"]+)"/g)].map((m) => m[1].trim());
  assert.ok(labels.length > 20, `${labels.length} labels found`);
  const missing = labels.filter((label) => !Object.hasOwn(SPANISH, label));
  assert.deepEqual(missing, []);
});

test('every fixed message the page shows, and every refusal its own code words, has its Spanish; a message made of sentences is translated sentence by sentence', async () => {
  // A user pass on a Spanish page: a stroke on a photo, a copied share link, a full storage,
  // a refused file and "Your current design is kept." came in English.
  const { readFileSync, readdirSync } = await import('node:fs');
  const { translate } = await import('../../www/ui/strings.js');
  const www = new URL('../../www/', import.meta.url);
  const files = ['app/', 'ui/'].flatMap((dir) => readdirSync(new URL(dir, www)).filter((f) => f.endsWith('.js') && f !== 'strings-es.js').map((f) => new URL(`${dir}${f}`, www)));
  const messages = [];
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/showMessage\(\s*(['"`])((?:\\.|(?!\1).)+)\1/g)) if (!m[2].includes('${')) messages.push(m[2]);
    for (const m of source.matchAll(/^(?:export )?const [A-Z_]+ = (['"`])((?:\\.|(?!\1).)+)\1;/gm)) if (!m[2].includes('${') && m[2].length > 25 && /[.!?]$/.test(m[2])) messages.push(m[2]);
    // (The refusals the page's own code words, in every module: the engine's stay English.)
    for (const m of source.matchAll(/new Error\((['"`])((?:\\.|(?!\1).)+)\1\)/g)) if (!m[2].includes('${') && /^[A-Z]/.test(m[2]) && /[.!?]$/.test(m[2])) messages.push(m[2]);
  }
  assert.ok(messages.length > 20, `${messages.length} messages found`);
  const unsaid = messages.map((m) => m.replace(/\\'/g, "'")).filter((m) => translate(SPANISH, m) === null);
  assert.deepEqual(unsaid, []);
  assert.equal(translate(SPANISH, 'This file is too large to be a design file. Your current design is kept.'), 'Este archivo es demasiado grande para ser un archivo de diseño. Se mantiene tu diseño actual.');
  assert.equal(translate(SPANISH, '“a.json” is opened on the template head. Your work on the photo is kept in this tab: load the same photo again to go back to it.'),
    '“a.json” is opened on the template head. Tu trabajo en la foto se guarda en esta pestaña: vuelve a cargar la misma foto para retomarlo.');
  assert.equal(translate(SPANISH, 'Nothing here. Or here.'), null, 'no key, no change');
  // Only in the page's messages: a person's own text is left as typed.
  assert.equal(translate(SPANISH, 'Client is unsure. Soft'), 'Client is unsure. Suave');
  assert.equal(translate(SPANISH, 'Client is unsure. Soft', { sentences: false }), null);
});
