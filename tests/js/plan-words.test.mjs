// The treatment plan's sentences per language (www/app/plan-words.js) against the engine's
// own plan: English is the engine's wording to the letter; Spanish has none of it left, and
// says the figures the engine gives beside its words (zones, sessions, forecast, top-up,
// pigment cautions), with decimal commas.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import init, * as engine from '../../www/pkg/hairline.js';
import { planWords } from '../../www/app/plan-words.js';
import { wordsFor } from '../../www/app/words.js';

await init({ module_or_path: readFileSync(new URL('../../www/pkg/hairline_bg.wasm', import.meta.url)) });

/** Every sentence a plan sheet shows, through `w`. */
function sentences(plan, w) {
  return [
    w.head(plan), w.hairColour(plan), w.density(plan), w.counted(plan), w.impressions(plan), w.time(plan),
    ...(plan.hairline_height_mm != null ? [w.hairlineHeight(plan.hairline_height_mm)] : []),
    ...plan.zones.map((z) => w.zone(z)),
    ...plan.sessions.flatMap((s) => [w.day(s.day), w.purpose(s), w.ratio(s), ...s.needles.map((n) => w.needle(n))]),
    w.sessionsCaption(plan), ...plan.forecast.map((f) => w.forecastLabel(f, plan)), w.forecastCaption(plan),
    w.topUp(plan), ...w.warnings(plan), w.notice(plan), ...w.sources(plan), w.alt,
  ];
}

/** Plans of designs that between them say every sentence: each style, one, two and three sessions, a top-up at 1 and 2.5 years or none, shades to warn about, a transition of 8.5 mm (a half: the engine rounds it to the even 8). */
function plans() {
  const designer = engine.Designer.for_default_design();
  const base = designer.design();
  const out = [];
  for (const [style, sessions, top_up_years, shade, hair, fitzpatrick, transition_mm] of [
    ['soft', 3, null, 0.75, 'dark-brown', 2, 8.5],
    ['sharp', 1, 2.5, 1, 'black', 1, base.transition_mm],
    ['density-only', 2, 1, 0.25, 'dark-brown', 6, base.transition_mm],
  ]) {
    designer.set_design({ ...base, style, sessions, top_up_years, shade, transition_mm });
    out.push(designer.plan({ client_reference: 'R-1', date: '2026-11-25', fitzpatrick, hair_colour: hair }));
  }
  designer.free();
  return out;
}

/** The numbers in `text` ("3,500–7,000", "3500–7000" and "3.500" all read 3500), in order. */
const numbers = (text) => (text.match(/\d[\d.,]*/g) ?? []).map((n) => n.replace(/[.,](?=\d{3}\b)/g, '').replace(',', '.')).map(Number);

test('the pigment cautions are the engine’s warnings as figures: said in English they are its words', () => {
  for (const plan of plans()) {
    const said = wordsFor('en').shadeCautions(plan.pigment_advice.cautions, { hair: plan.hair_colour, fitzpatrick: plan.skin.fitzpatrick });
    assert.deepEqual(said, plan.pigment_advice.warnings);
  }
});

test('a Spanish sentence written out for an engine sentence has its figures (no drift when the engine changes its own)', () => {
  const es = planWords('es');
  for (const plan of plans()) {
    // The sources, the area counted and the notice are looked up, not made from figures.
    es.sources(plan).forEach((spanish, i) => assert.deepEqual(numbers(spanish), numbers(plan.sources[i]), spanish));
    assert.deepEqual(numbers(es.counted(plan)), numbers(plan.head.area_counted), es.counted(plan));
    assert.deepEqual(numbers(es.notice(plan)), numbers(plan.notice));
    // Made from figures: the same numbers as the engine's English.
    plan.zones.forEach((z) => assert.deepEqual(numbers(es.zone(z)), numbers(z.description), es.zone(z)));
    assert.deepEqual(numbers(es.topUp(plan)), numbers(plan.top_up.advice), es.topUp(plan));
    plan.forecast.forEach((f) => assert.deepEqual(numbers(es.forecastLabel(f, plan)), numbers(f.label), es.forecastLabel(f, plan)));
    es.warnings(plan).forEach((w, i) => assert.deepEqual(numbers(w), numbers(plan.pigment_advice.warnings[i]), w));
  }
});

test('in Spanish no English sentence of the engine is left, and the figures are said', () => {
  const es = planWords('es');
  const [soft, sharp, densityOnly] = plans();
  assert.ok(sharp.pigment_advice.warnings.length > 0 && densityOnly.pigment_advice.warnings.length > 0, 'shades warned about');
  for (const plan of [soft, sharp, densityOnly]) {
    const said = sentences(plan, es);
    for (const english of [plan.head.description, plan.top_up.advice, plan.notice, ...plan.zones.map((z) => z.description),
      ...plan.sessions.map((s) => s.purpose), ...plan.forecast.map((f) => f.label), ...plan.pigment_advice.warnings, ...plan.sources]) {
      assert.ok(!said.includes(english), `left in English: ${english}`);
    }
    for (const s of said) {
      assert.doesNotMatch(s, /\b(the|and|behind|impressions|years|session|template|healed|needle|shade)\b/, s);
      assert.ok(s.length > 0);
    }
  }
  // The figures: the soft transition's depth (the design's transition_mm), the top-up at
  // 2.5 years with a decimal comma, the forecast row after it, the cautions' shades.
  const zone = soft.zones.find((z) => z.zone === 'transition');
  assert.equal(zone.builds_over_mm, 8.5);
  assert.equal(es.zone(zone), `transición de la línea: de impresiones sueltas hasta ${zone.strays_mm}\u00a0mm por delante de la línea a 8\u00a0mm por detrás, con una densidad que pasa del ${Math.round(zone.starts_at * 100)}\u00a0% a la completa`);
  assert.match(zone.description, / to 8 mm behind it/, 'the engine writes 8.5 mm as 8 (its {:.0} rounds halves to even)');
  assert.match(es.topUp(sharp), /^Retoque previsto al cabo de 2,5 años;/);
  assert.match(es.topUp(densityOnly), /^Retoque previsto al cabo de 1 año;/, 'one year, not "1 años"');
  assert.match(es.topUp(soft), /^Aún no hay retoque previsto/);
  assert.equal(sharp.forecast.filter((f) => /tras el retoque/.test(es.forecastLabel(f, sharp))).length, 1);
  assert.match(es.warnings(sharp)[0], /^Un tono del 100\u00a0% es demasiado oscuro para una piel clara \(Fitzpatrick I\)/);
  assert.match(es.warnings(densityOnly)[0], /demasiado claro .* Fitzpatrick VI con pelo castaño oscuro/);
  assert.equal(es.head(soft), 'cabeza modelo: rapada o calva, hombre, de frente');
  assert.equal(es.purpose(sharp.sessions[0]), 'todo el tratamiento en una sola sesión');
  assert.match(es.density(soft), /puntos de 0,\d\d\u00a0mm$/);
});
