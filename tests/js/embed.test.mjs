// Unit tests of what a <hairline-designer>'s attributes may hold (app/embed-options.js),
// the interface's translation tables (ui/strings.js) and which designer hears unaimed keys
// (ui/keyboard-scope.js): a clinic's page can put anything in an attribute.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as options from '../../www/app/embed-options.js';
import { stringTable, translate } from '../../www/ui/strings.js';
import { isFor } from '../../www/ui/keyboard-scope.js';
import { excerpt } from '../../www/app/format.js';
import { opensOnPoster } from '../../www/ui/poster.js';

test('attribute readers accept what the README documents and refuse the rest in one short sentence', () => {
  assert.equal(options.readStyle(' Sharp '), 'sharp');
  assert.equal(options.readPreset('thinning-hair'), 'thinning-hair');
  assert.equal(options.readPreset(' Norwood-3 ', ['norwood-3']), 'norwood-3');
  assert.equal(options.readControls(null), 'full');
  assert.equal(options.readControls('minimal'), 'minimal');
  assert.equal(options.readSession('before', 4), 0);
  assert.equal(options.readSession('3', 4), 3);
  assert.equal(options.readAge('healed'), 'healed');
  assert.equal(options.readAge('2.5'), '2.5');
  assert.equal(options.readIdleSeconds(null), 90);
  assert.equal(options.readIdleSeconds('30'), 30);
  assert.equal(options.readAge(' .5 '), '0.5');
  assert.equal(options.readIdleSeconds('30.5'), 30.5);
  assert.equal(options.readStorageKey(null, 'default'), 'default');
  assert.equal(options.readStorageKey('none', 'default'), null);
  assert.equal(options.readStorageKey('clinic.a', 'default'), 'clinic.a');
  const bad = [
    () => options.readStyle('x'.repeat(1e6)),
    () => options.readPreset('norwood-99'),
    () => options.readControls('some'),
    () => options.readSession('2.5', 4),
    () => options.readSession('', 4),
    () => options.readSession('5', 4),
    () => options.readAge('NaN'),
    () => options.readAge('1e308'),
    // Number's other forms were taken: age="0x5" showed 5 years without a word.
    () => options.readAge('0x5'),
    () => options.readAge('1e1'),
    () => options.readSession('0b1', 4),
    () => options.readIdleSeconds('0x20'),
    () => options.readIdleSeconds('Infinity'),
    () => options.readIdleSeconds('5'),
    () => options.readStorageKey('a b', 'd'),
    () => options.readStorageKey('k'.repeat(101), 'd'),
  ];
  for (const f of bad) {
    assert.throws(f, (error) => error.message.length < 200 && /\.$/.test(error.message), String(f));
  }
});

test('demo is on when present, as HTML has it, except the ways a developer writes "no"', () => {
  assert.equal(options.readDemo(null), false);
  for (const on of ['', 'demo', 'true', 'kiosk']) assert.equal(options.readDemo(on), true, on);
  // demo="false" started the attract loop and kept nothing of the clinic's visitors.
  for (const off of ['false', 'FALSE', ' off ', 'no', '0']) assert.equal(options.readDemo(off), false, off);
  assert.equal(opensOnPoster({ attribute: (name) => (name === 'demo' ? 'false' : null) }), true, 'no demo, so the poster');
  assert.equal(opensOnPoster({ attribute: (name) => (name === 'demo' ? '' : null) }), false);
});

test('excerpt keeps messages short and free of control characters', () => {
  assert.equal(excerpt('abc'), 'abc');
  assert.equal(excerpt('x'.repeat(100), 10), `${'x'.repeat(10)}…`);
  assert.equal(excerpt('a\nb\u0000c'), 'a b c');
});

test('string tables: Spanish ships, a clinic overrides wording, bad JSON is refused', () => {
  assert.equal(stringTable('fr', null).table.Undo, undefined, 'an unknown language is English');
  assert.equal(stringTable('es-MX', null).table.Undo, 'Deshacer');
  const { table, refused } = stringTable('es', JSON.stringify({ Undo: 'Atrás', Redo: 5, Fit: 'x'.repeat(501) }));
  assert.equal(table.Undo, 'Atrás');
  assert.equal(table.Redo, 'Rehacer', 'a non-string override keeps the wording');
  // ...and is named, so the element can say it ({"Undo": 5} was dropped without a word).
  assert.deepEqual(refused, ['Redo', 'Fit']);
  assert.deepEqual(stringTable('en', '{"Undo": "Back"}').refused, []);
  assert.throws(() => stringTable('en', '{"Undo":'), /not JSON/);
  assert.throws(() => stringTable('en', '"Undo"'), /must be an object/);
  assert.throws(() => stringTable('en', 'null'), /must be an object/);
  assert.equal(translate({ Undo: 'Deshacer' }, ' Undo '), ' Deshacer ');
  assert.equal(translate({ Undo: 'Deshacer' }, 'Undo it'), null, 'only whole wordings are keys');
  assert.equal(translate({ __proto__: null, toString: 'x' }, 'constructor'), null);
});

test('unaimed keys go to the designer the visitor last used; aimed keys to their own', () => {
  const a = { localName: 'hairline-designer' };
  const b = { localName: 'hairline-designer' };
  const body = { localName: 'body' };
  const inside = (host) => ({ composedPath: () => [{ localName: 'input' }, host, body] });
  const unaimed = { composedPath: () => [body] };
  assert.equal(isFor(a, inside(a), b), true, 'from inside a, even when b owns the keyboard');
  assert.equal(isFor(a, inside(b), a), false, 'from inside b, never a');
  assert.equal(isFor(a, unaimed, a), true);
  assert.equal(isFor(b, unaimed, a), false);
  // Before the visitor used any designer, unaimed keys are the page's (Space scrolled nothing
  // and "-" zoomed a designer nobody had touched).
  assert.equal(isFor(a, unaimed, undefined), false);
  // A key aimed at the page's own controls is theirs: Escape on a clinic's dialog button was
  // taken by the designer and the dialog stayed open.
  const onPageButton = { composedPath: () => [{ localName: 'button', nodeType: 1 }, { localName: 'dialog', nodeType: 1 }, body] };
  assert.equal(isFor(a, onPageButton, a), false);
});

test('the poster of the default design shows only when that design opens: not over a saved design, a share link, a preset, a stage or a kiosk, nor on the dark theme', () => {
  const with_ = (attributes, rest = {}) => opensOnPoster({ attribute: (name) => attributes[name] ?? null, hasSaved: false, sharedLink: false, ...rest });
  assert.equal(with_({}), true);
  assert.equal(with_({ 'design-style': ' Soft ', lang: 'es', theme: 'light', controls: 'minimal', 'storage-key': 'clinic.a' }), true);
  assert.equal(with_({}, { hasSaved: true }), false);
  assert.equal(with_({}, { sharedLink: true }), false);
  for (const [name, value] of [['design-style', 'sharp'], ['design-style', 'density-only'], ['preset', 'norwood-3'], ['session', '1'], ['age', 'fresh'], ['demo', ''], ['theme', ' Dark']]) {
    assert.equal(with_({ [name]: value }), false, `${name}="${value}"`);
  }
});
