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
