// Unit tests of the page's pure modules (no browser): figure formatting and canvas sizing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatStats, statusLine, sentence, inPageWords } from '../../www/app/format.js';
import { backingSize, MAX_CANVAS_SIDE } from '../../www/ui/stage.js';
import { localDay } from '../../www/app/format.js';
import { designFileName } from '../../www/app/design-file.js';
import { planContext } from '../../www/app/page-api.js';

test('figures carry their units and thousands separators', () => {
  assert.deepEqual(formatStats({ dots: 45210, area_cm2: 498.26, density_per_cm2: 90.7 }), {
    dots: '45,210', area: '498.3\u00a0cm²', density: '91\u00a0/cm²',
  });
  assert.equal(statusLine({ dots: 1200, area_cm2: 12, density_per_cm2: 100 }), '1,200 impressions · 12.0\u00a0cm² treated · avg 100\u00a0/cm²');
});

test('missing or non-finite figures show a dash, never NaN', () => {
  const f = formatStats({ dots: NaN, area_cm2: Infinity });
  assert.deepEqual(f, { dots: '–', area: '–', density: '–' });
  assert.doesNotMatch(statusLine(undefined), /NaN|undefined/);
});

test('the canvas backing store follows the device pixel ratio within limits', () => {
  assert.deepEqual(backingSize(800, 600, 2), { width: 1600, height: 1200, ratio: 2 });
  assert.deepEqual(backingSize(800, 600, NaN), { width: 800, height: 600, ratio: 1 });
  assert.equal(backingSize(100000, 10, 1).width, MAX_CANVAS_SIDE);
  assert.equal(backingSize(0, 0, 1).width, 1);
  assert.equal(backingSize(500, 500, 5).ratio, 3);
});

// Issue 13 (6): refusals read "…made on Your current design is kept." without a full stop.
test('a refusal reads as a sentence before "Your current design is kept."', () => {
  assert.equal(sentence('invalid design: photo: this photo has another shape'), 'invalid design: photo: this photo has another shape.');
  assert.equal(sentence('Already a sentence.'), 'Already a sentence.');
  assert.equal(sentence('  Is it?  '), 'Is it?');
  assert.equal(sentence(undefined), '');
});

test("the engine's refusals are said in the page's words", () => {
  // The page showed "invalid design: sessions: must be … got a number" and "(segments 0 and 117)".
  assert.equal(inPageWords('invalid design: sessions: must be a whole number from 1 to 4, got 0'), 'The number of sessions must be a whole number from 1 to 4, got 0.');
  assert.equal(inPageWords('invalid design: version: is 2; this designer reads version 1', { start: false }), 'its version is 2; this designer reads version 1.');
  assert.equal(inPageWords('invalid design: hairline: crosses itself; draw it as one stroke from one temple to the other'), 'The hairline crosses itself; draw it as one stroke from one temple to the other.');
  assert.equal(inPageWords('invalid design: scalp[3][0]: must be a finite number of mm within ±10000, got "x"'), 'The treated area (scalp[3][0]) must be a finite number of mm within ±10000, got "x".');
  // A field whose name holds a digit, and whole numbers as people write them (issue 13's
  // hostile-input pass: "density_per_cm2: missing", "got -1.0").
  assert.equal(inPageWords('invalid design: density_per_cm2: missing'), 'The density is missing.');
  assert.equal(inPageWords('invalid design: density_per_cm2: must be a finite number from 10 to 200, got null (not a finite number)'), 'The density must be a finite number from 10 to 200, got null (not a finite number).');
  assert.equal(inPageWords('invalid design: seed: must be a whole number from 0 to 9007199254740991, got -1.0'), 'The seed must be a whole number from 0 to 9007199254740991, got -1.');
  assert.equal(inPageWords('invalid design: dot_mm: must be from 0.1 to 0.5 mm, got 2.05'), 'The dot size must be from 0.1 to 0.5 mm, got 2.05.');
  assert.equal(inPageWords('invalid design: dot_mm: must be a finite number from 0.1 to 0.5 mm, got 2'), 'The dot size must be a finite number from 0.1 to 0.5 mm, got 2.');
  assert.equal(inPageWords('invalid design: head.preset: there is no preset "x"'), 'The head (head.preset): there is no preset "x".');
  assert.equal(inPageWords('invalid design: photo: this photo is wider than the one this design was made on; load that photo again'), 'This photo is wider than the one this design was made on; load that photo again.');
  assert.equal(inPageWords('invalid design: seed: missing', { start: false }), 'the seed is missing.');
  // Not the engine's: as it was, as a sentence.
  assert.equal(inPageWords('This file is not a design file'), 'This file is not a design file.');
  assert.equal(inPageWords('invalid design: not valid JSON'), 'Not valid JSON.');
  for (const m of ['invalid design: sessions: must be 1', 'invalid plan context: date: must be YYYY-MM-DD']) assert.doesNotMatch(inPageWords(m), /invalid|:\s*must/);
});

test('the status line gives the figures of the stage shown beside the plan total', () => {
  const stats = { dots: 1200, area_cm2: 12, density_per_cm2: 100 };
  assert.equal(statusLine(stats, { session: 3, sessions: 3, dots: 1200 }), '1,200 impressions · 12.0\u00a0cm² treated · avg 100\u00a0/cm²');
  assert.equal(statusLine(stats, { session: 1, sessions: 3, dots: 456 }), '456 of 1,200 impressions · 12.0\u00a0cm² treated · avg 38 of 100\u00a0/cm²');
  assert.equal(statusLine(stats, { session: 0, sessions: 3, dots: 0 }), '1,200 impressions planned · 12.0\u00a0cm² to treat · avg 100\u00a0/cm²');
  assert.equal(statusLine(stats, { session: 1, sessions: 3 }), '1,200 impressions · 12.0\u00a0cm² treated · avg 100\u00a0/cm²', 'an engine without the count: the plan');
});

test("the plan's date and the files' names are the day where the person is, not the day in UTC", () => {
  // An evening session in California read tomorrow's date; a morning one in New Zealand, yesterday's.
  const before = process.env.TZ;
  try {
    process.env.TZ = 'Pacific/Auckland';
    const morning = new Date('2026-11-23T20:30:00Z'); // 09:30 on the 24th there
    assert.equal(localDay(morning), '2026-11-24');
    assert.equal(designFileName(morning), 'hairline-design-2026-11-24.json');
    process.env.TZ = 'America/Los_Angeles';
    const evening = new Date('2026-11-24T05:00:00Z'); // 21:00 on the 23rd there
    assert.equal(localDay(evening), '2026-11-23');
    assert.match(planContext({ state: { photo: null } }).date, /^\d{4}-\d{2}-\d{2}$/);
  } finally {
    if (before === undefined) delete process.env.TZ; else process.env.TZ = before;
  }
});

test('sentences with figures in Spanish: the status line, the stage, the guides and the handles, with decimal commas', async () => {
  // A Spanish page read "6,368 impressions · 90.7 cm² treated · … After session 3 of 3,
  // healed" and "7.5 cm" beside Spanish buttons.
  const { wordsFor, wordsLanguage } = await import('../../www/app/words.js');
  const es = wordsFor('es-MX');
  const stats = { dots: 16368, area_cm2: 90.7, density_per_cm2: 70 };
  assert.equal(es.statusLine(stats), '16.368 impresiones · 90,7\u00a0cm² tratados · media 70\u00a0/cm²');
  assert.equal(es.statusLine(stats, { session: 0, sessions: 3, dots: 0 }), '16.368 impresiones previstas · 90,7\u00a0cm² por tratar · media 70\u00a0/cm²');
  assert.equal(es.stageLabel({ session: 3, sessions: 3, age: 'healed' }), 'Tras la sesión 3 de 3, cicatrizado (aprox. 1 mes)');
  assert.equal(es.stageLabel({ session: 2, sessions: 3, age: 4 }, 3), 'Tras la sesión 2 de 3, 4 años después, tras el retoque a los 3 años');
  assert.equal(es.stageLabel({ session: 0, sessions: 3, age: 'healed' }), 'Antes del tratamiento');
  assert.equal(es.cm(75), '7,5\u00a0cm');
  assert.equal(es.handleName(0, 11, [95, 65], 110, 140), 'Punto 1 de 11 de la línea: 1,5\u00a0cm a la izquierda de la línea media, 7,5\u00a0cm sobre las cejas');
  // English keeps the engine's own words, and an unknown language is English.
  const en = wordsFor('fr');
  assert.equal(wordsLanguage('fr'), 'en');
  assert.equal(en.stageLabel({ session: 1, sessions: 3, age: 'fresh' }), 'After session 1 of 3, fresh (day 0)');
  assert.equal(en.stageLabel({ session: 3, sessions: 3, age: 1 }, 1), 'After session 3 of 3, 1 year on, after the top-up at 1 year');
  assert.equal(en.stageLabel({ session: 3, sessions: 3, age: 2.5 }), 'After session 3 of 3, 2.5 years on');
  assert.equal(en.statusLine(stats), '16,368 impressions · 90.7\u00a0cm² treated · avg 70\u00a0/cm²');
  assert.equal(wordsFor('es'), es, 'one object per language');
  // The pigment advice and the sliders' millimetres (they stayed English with decimal points).
  const advice = { hair: 'dark-brown', fitzpatrick: 2, shade: 0.65, waterParts: 9.2 };
  assert.equal(es.pigmentAdvice(advice), 'Tono recomendado para pelo castaño oscuro en piel Fitzpatrick II: 65\u00a0% (aprox. 9:1 de agua por carbón).');
  assert.equal(en.pigmentAdvice(advice), 'Recommended shade for dark brown hair on Fitzpatrick II skin: 65\u00a0% (about 9:1 water to carbon).');
  // The contrast a photo's analysis measured (it stayed English on a Spanish page).
  const report = { dots: 6368, dots_on_scalp_fraction: 0.418, reduction: 0.083, step_reduction: 0.094, step_before: 0.2, rms_before: 0.1234, rms_after: 0.1131, weber_before: 0.52, weber_after: 0.47, scalp_fraction: 0.31 };
  const shown = { session: 3, sessions: 3, age: 'healed' };
  assert.deepEqual(en.contrast(report, shown), {
    words: 'Scalp shows 8\u00a0% less close up; from a metre away the thinning area stands out 9\u00a0% less against the hair: after session 3 of 3, healed (about 1 month) (6,368 impressions, 42\u00a0% on visible scalp).',
    figures: 'Contrast (RMS, 0.5\u00a0mm): 0.123 → 0.113 · hair–scalp (Weber): 0.52 → 0.47 · scalp showing: 31\u00a0%',
  });
  assert.deepEqual(es.contrast(report, shown), {
    words: 'De cerca, el cuero cabelludo se ve un 8\u00a0% menos; a un metro, la zona clareada destaca un 9\u00a0% menos frente al pelo: tras la sesión 3 de 3, cicatrizado (aprox. 1 mes) (6368 impresiones, 42\u00a0% sobre cuero cabelludo visible).',
    figures: 'Contraste (RMS, 0,5\u00a0mm): 0,123 → 0,113 · pelo–cuero cabelludo (Weber): 0,52 → 0,47 · cuero cabelludo visible: 31\u00a0%',
  });
  // As the engine says it: no step from afar without a step before, "about as much" under 1 %.
  assert.match(en.contrast({ ...report, reduction: 0.004, step_before: 0 }, shown).words, /^Scalp shows about as much as before close up: after/);
  assert.equal(es.contrast({ ...report, dots: 0 }, shown).words, 'Ninguna impresión cae sobre cuero cabelludo visible en esta zona.');
  assert.doesNotMatch(JSON.stringify(en.contrast({}, null)), /NaN|undefined/);
  assert.equal(es.mm(0.25, 2), '0,25\u00a0mm');
  assert.equal(en.mm(10, 1), '10.0\u00a0mm');
});

test('numbers are written as Intl writes them in English and Spanish, without making a number format', async () => {
  const { formatFixed } = await import('../../www/app/words.js');
  const values = [0, -0, 0.05, 0.15, 0.25, 0.35, 0.45, 1.005, 2.5, 3.5, -2.5, -0.04, -0.5, 999.95, 9999.5, 12345.65, 1e6 + 0.05,
    123456789.25, 1e20, 2 ** 53, Number.MIN_VALUE, 5e-324, 0.1 + 0.2, NaN, Infinity, -Infinity, 1e21, -3e22];
  // Every tenth and hundredth up to 2,000 (halves of each digit among them), and seeded random
  // values over twelve orders of magnitude.
  for (let k = -20000; k <= 200000; k += 1) values.push(k / 100);
  let seed = 7;
  const random = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
  for (let k = 0; k < 20000; k += 1) values.push((random() - 0.2) * 10 ** Math.floor(random() * 12));
  for (const [lang, locale] of [['en', 'en-US'], ['es', 'es-ES']]) {
    for (const digits of [0, 1, 2]) {
      const intl = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      for (const x of values) assert.equal(formatFixed(x, digits, lang), intl.format(x), `${x} to ${digits} in ${locale}`);
    }
  }
  assert.equal(formatFixed(1234.5, 1, 'es'), '1234,5');
  assert.equal(formatFixed(12345.5, 1, 'es'), '12.345,5');
  assert.equal(formatFixed(1234.5, 0, 'en'), '1,235');
});
