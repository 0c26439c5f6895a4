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

/** Plans of designs that between them say every sentence: each style, one and three sessions, a top-up or none, a shade to warn about. */
function plans() {
  const designer = engine.Designer.for_default_design();
  const base = designer.design();
  const out = [];
  for (const [style, sessions, top_up_years, shade, hair, fitzpatrick] of [
    ['soft', 3, null, 0.75, 'dark-brown', 2],
    ['sharp', 1, 2.5, 1, 'black', 1],
    ['density-only', 2, 1, 0.25, 'dark-brown', 6],
  ]) {
    designer.set_design({ ...base, style, sessions, top_up_years, shade });
    out.push(designer.plan({ client_reference: 'R-1', date: '2026-11-25', fitzpatrick, hair_colour: hair }));
  }
  designer.free();
  return out;
}

test('in English the plan says the engine’s own sentences', () => {
  const en = planWords('en');
  for (const plan of plans()) {
    assert.equal(en.head(plan), plan.head.description);
    assert.deepEqual(plan.zones.map((z) => en.zone(z)), plan.zones.map((z) => z.description));
    assert.deepEqual(plan.sessions.map((s) => en.purpose(s)), plan.sessions.map((s) => s.purpose));
    assert.deepEqual(plan.forecast.map((f) => en.forecastLabel(f, plan)), plan.forecast.map((f) => f.label));
    assert.equal(en.topUp(plan), plan.top_up.advice);
    assert.deepEqual(en.warnings(plan), plan.pigment_advice?.warnings ?? []);
    assert.deepEqual(en.sources(plan), plan.sources);
    // The cautions carry the warnings' figures: said again in English, they are the warnings.
    assert.deepEqual(wordsFor('en').shadeCautions(plan.pigment_advice.cautions, { hair: plan.hair_colour, fitzpatrick: plan.skin.fitzpatrick }), plan.pigment_advice.warnings);
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
  assert.equal(es.zone(zone), `transición de la línea: desde pelos sueltos a ${zone.strays_mm}\u00a0mm por delante de la línea hasta ${zone.builds_over_mm}\u00a0mm por detrás, con la densidad subiendo del ${Math.round(zone.starts_at * 100)}\u00a0% al total`);
  assert.match(zone.description, new RegExp(`${zone.strays_mm} mm in front of the line to ${zone.builds_over_mm} mm behind it, density building from ${Math.round(zone.starts_at * 100)} %`), 'the same figures as the engine says');
  assert.match(es.topUp(sharp), /^Retoque previsto a los 2,5 años;/);
  assert.match(es.topUp(soft), /^Aún no hay retoque previsto/);
  assert.equal(sharp.forecast.filter((f) => /tras el retoque/.test(es.forecastLabel(f, sharp))).length, 1);
  assert.match(es.warnings(sharp)[0], /^Un tono del 100\u00a0% es demasiado oscuro para una piel clara \(Fitzpatrick I\)/);
  assert.match(es.warnings(densityOnly)[0], /demasiado claro .* Fitzpatrick VI con pelo castaño oscuro/);
  assert.equal(es.head(soft), 'cabeza modelo: rapada o calva, hombre, de frente');
  assert.equal(es.purpose(sharp.sessions[0]), 'todo el tratamiento en una sola sesión');
  assert.match(es.density(soft), /puntos de 0,\d\d\u00a0mm$/);
});
