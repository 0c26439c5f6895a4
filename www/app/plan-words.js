// The treatment plan's sentences in the visitor's language: the values of its facts, the
// zones, sessions, needles and forecast rows, the top-up advice, the pigment notes and the
// notice. Why: the plan is the hand-over a technician gives the client, and on a Spanish
// page it was English but for its headings (the engine writes its sentences in English).
// The engine gives every sentence's figures and codes beside its words (zone, aim, role,
// stage, kind, head and photo fields); English is the engine's own wording, to the letter,
// and other languages are said here from the figures, with their own decimal mark. The
// fixed headings ("Client", "Zone"…) stay the markup's English, translated by ui/strings.js
// like every label (a clinic's `strings` override reaches them). Pure, no DOM: node --test
// checks it.

import { formatFixed, wordsFor, roundHalfEven } from './words.js';
import { DEFAULT_PHOTO_WIDTH_MM } from './calibrate.js';

const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];

/** A preset's title in the middle of a Spanish sentence ("norwood-3" → "Norwood III"). */
function presetTitleEs(name) {
  const [kind, n] = String(name ?? '').split(/-(?=\d+$)/);
  if (kind === 'norwood') return `Norwood ${ROMAN[Number(n)] ?? n}`;
  if (kind === 'ludwig') return `Ludwig ${ROMAN[Number(n)] ?? n}`;
  return { bald: 'rapada o calva', 'alopecia-areata': 'alopecia areata', 'alopecia-totalis': 'alopecia total' }[name] ?? String(name ?? '');
}

const SPANISH = {
  countedFront: 'El área que muestra la vista de frente, en su plano: la parte superior de la cabeza se ve acortada y la coronilla no se cuenta (la vista desde arriba muestra la parte superior; el cuero cabelludo de una cabeza entera mide unos 500\u00a0cm², 40.000–45.000 impresiones).',
  countedTop: 'El área que muestra la vista desde arriba, en su plano: los lados y la nuca por debajo de la coronilla se ven acortados o no se cuentan (el cuero cabelludo de una cabeza entera mide unos 500\u00a0cm², 40.000–45.000 impresiones).',
  countedPhoto: 'El área que muestra la foto, en su plano y a su calibración: el cuero cabelludo que se aleja de la cámara se ve acortado, y lo que la foto no muestra no se cuenta.',
  zones: {
    'density-only': 'la zona con pelo ralo, a densidad completa con un borde difuminado',
    full: 'densidad completa por detrás de la línea',
  },
  aims: {
    whole: 'todo el tratamiento en una sola sesión',
    foundation: 'base: la línea y una primera capa uniforme y dispersa, en un tono más claro',
    finishing: 'acabado: las últimas impresiones, una capa dispersa más oscura para dar profundidad',
    building: 'relleno: más densidad entre las impresiones de la primera capa',
  },
  needles: { line: 'aguja única en la línea', fill: 'grupo de tres agujas por detrás de la línea' },
  notice: 'Esta imagen es una ilustración, no una garantía de resultados. Cada cuero cabelludo absorbe el pigmento de forma distinta; las cifras son estimaciones a partir del diseño.',
  // The sources, by the subject before their colon (the engine's SOURCES, src/engine/plan.rs);
  // one the engine adds later stays in its English.
  sources: {
    Rate: 'Ritmo: unas 14.000 impresiones en una sesión de 2–4\u00a0h, es decir 3500–7000 por hora [profesional: jonathangerow.com] (docs/domain.md §6)',
    Sessions: 'Sesiones: 2–3, una 4.ª para cicatrices o alopecia [profesionales: smphaircreations.com; scalpguru.com] (§8)',
    Spacing: 'Intervalo: 10–30 días entre sesiones, al menos 7 [profesionales: smphaircreations.com; skalptec.com]; 14 días es el valor por defecto del proyecto (§6)',
    Healing: 'Cicatrización: el aspecto final aprox. un mes después de una sesión [profesional: scalpclinic.com]; hasta la mitad del pigmento de una primera sesión se pierde al cicatrizar (experiencia del oficio, sin fuente publicada) (§6, §8)',
    Fading: 'Desvanecimiento: gradual en 4–6 años [profesionales: ultrascalp-ink.co.uk; skalptec.com]; modelado como un 12\u00a0% del pigmento al año (modelo de aspecto, docs/domain.md)',
    'Top-ups': 'Retoques: se recomiendan cada 3–4 años [profesional: toplinesmp.com] a 4–6 años [profesional: ultrascalp-ink.co.uk]; la ventana de 2–6 años es el resumen de docs/domain.md (§6, §8)',
    Dilution: 'Dilución: carbón negro en agua destilada, de 6:1 a 20:1 [profesional: courses.tabauk.com], la más clara aprox. 30:1 (sin verificar); unas 6 / tono partes de agua, como en el consejo de pigmento (§7)',
  },
  alt: 'La cabeza antes del tratamiento y tras las sesiones previstas, cicatrizada',
  guesses: {
    area: 'La zona tratada la supuso la página sobre la foto; el técnico no la dibujó: la zona, las impresiones y el tiempo son aproximados.',
    scale: `La escala de la foto se supuso (${DEFAULT_PHOTO_WIDTH_MM / 10} cm de ancho), no se midió: los tamaños, la zona y las impresiones son aproximados.`,
  },
};

/**
 * What the page guessed on a client's photo, for the plan sheet, which the client takes
 * home: the screen's hint says the area is guessed and the scale assumed, and the sheet
 * gave its figures ("202.2 cm²", "17,113 impressions") as if they were measured.
 */
const GUESSES = {
  area: 'The treated area was guessed by the page on the photo, not drawn by the technician: the area, impressions and time are rough.',
  scale: `The photo's scale was assumed (${DEFAULT_PHOTO_WIDTH_MM / 10} cm across), not measured: sizes, the area and impressions are approximate.`,
};

/**
 * The plan's sentences in `lang` (English, and Spanish; anything else is English):
 * `{ head, skin, hairColour, hairlineHeight, density, area, counted, impressions, time,
 * zone, zoneDensity, day, purpose, needle, ratio, hours, sessionsCaption, forecastLabel,
 * forecastCaption, topUp, warnings, notice, sources, guess }`, functions of the engine's plan
 * (`guess(kind)`: what the page guessed on a photo, 'area' or 'scale', said on the sheet)
 * object or of one of its rows or figures; `alt`, the pictures' text; and the number formats
 * `int, one, range, pct`.
 */
export function planWords(lang) {
  const words = wordsFor(lang);
  const es = words.lang === 'es';
  const int = (n) => formatFixed(n, 0, words.lang);
  const one = (n) => formatFixed(n, 1, words.lang);
  // One figure when both ends read the same ("0.1–0.1 h").
  const range = (r, unit = '') => (one(r.low) === one(r.high) ? `${one(r.low)}${unit}` : `${one(r.low)}–${one(r.high)}${unit}`);
  const pct = (x) => `${Math.round(x * 100)}${es ? '\u00a0' : ' '}%`;
  const mark = es ? ',' : '.';
  // Years as given ("2,5 años", "1 año"), with the language's mark.
  const years = (y) => `${String(y).replace('.', mark)} ${y === 1 ? 'año' : 'años'}`;
  // A whole number as the engine writes `{:.0}`: halves to the even neighbour (8.5 → 8), so
  // that both languages give the same figure.
  const whole = (x) => int(roundHalfEven(x));
  const sentence = (s) => `${s[0].toUpperCase()}${s.slice(1)}`;

  if (!es) {
    return {
      int, one, range, pct,
      hours: (r) => range(r, ' h'),
      head: (plan) => plan.head.description,
      skin: (plan) => plan.skin?.label ?? 'not given',
      hairColour: (plan) => plan.hair_colour ?? 'not given',
      hairlineHeight: (mm) => `${one(mm / 10)} cm above the brows (at the midline)`,
      density: (plan) => `${int(plan.target_density_per_cm2)} impressions/cm² behind the line, dots ${plan.dot_mm.toFixed(2)} mm`,
      area: (cm2) => `${one(cm2)} cm²`,
      counted: (plan) => `${sentence(plan.head.area_counted)}.`,
      impressions: (plan) => `${int(plan.total_impressions)} over ${plan.sessions.length} session${plan.sessions.length === 1 ? '' : 's'}`,
      time: (plan) => `${range(plan.total_hours, ' h')} in all, at ${int(plan.impressions_per_hour.low)}–${int(plan.impressions_per_hour.high)} impressions an hour`,
      zone: (z) => z.description,
      zoneDensity: (z) => `${int(z.density_per_cm2)} /cm²`,
      day: (d) => (d === 0 ? 'day 0' : `day ${d}`),
      purpose: (s) => s.purpose,
      needle: (n) => n.description,
      ratio: (s) => s.dilution.ratio,
      sessionsCaption: (plan) => `Sessions, ${plan.session_spacing_days} days apart (anywhere from ${int(plan.session_spacing_range_days.low)} to ${int(plan.session_spacing_range_days.high)} days suits)`,
      forecastLabel: (f) => f.label,
      forecastCaption: (plan) => `Healing and fading (about ${pct(plan.fade_per_year)} a year)`,
      topUp: (plan) => plan.top_up.advice,
      warnings: (plan) => plan.pigment_advice?.warnings ?? [],
      notice: (plan) => plan.notice,
      sources: (plan) => plan.sources,
      guess: (kind) => GUESSES[kind],
      alt: 'The head before treatment and after the planned sessions, healed',
    };
  }

  const headEs = ({ head }) => {
    if (head.kind === 'photo') {
      const [w, h] = head.photo_px ?? [];
      return `la foto del cliente, ${int(w)} × ${int(h)} px a ${head.px_per_mm.toFixed(2).replace('.', mark)} px/mm`;
    }
    if (head.kind === 'thinning-hair') {
      const grade = /^ludwig-/.test(head.preset ?? '') ? `${presetTitleEs(head.preset)}, ` : '';
      return `cabeza modelo con pelo largo ralo: ${grade}mujer, de frente (una imagen generada a ${head.px_per_mm.toFixed(2).replace('.', mark)} px/mm)`;
    }
    const sex = head.sex === 'female' ? 'mujer' : 'hombre';
    const view = head.view === 'top' ? 'vista desde arriba' : 'de frente';
    return `cabeza modelo: ${presetTitleEs(head.preset)}, ${sex}, ${view}`;
  };
  const hairEs = (text) => words.hairColourName(text);
  // The ages of the forecast, as the status line says them, with "fresh" the last session's day.
  const ageEs = (stage) => {
    if (stage === 'fresh') return 'recién hecho, el día de la última sesión';
    if (stage === 'healed') return 'cicatrizado (aprox. 1 mes)';
    const years = Number(String(stage).replace('year-', ''));
    return years === 1 ? '1 año después' : `${int(years)} años después`;
  };
  return {
    int, one, range, pct,
    hours: (r) => range(r, '\u00a0h'),
    head: headEs,
    skin: (plan) => plan.skin?.label ?? 'sin indicar',
    hairColour: (plan) => (plan.hair_colour == null ? 'sin indicar' : hairEs(plan.hair_colour)),
    hairlineHeight: (mm) => `${one(mm / 10)}\u00a0cm sobre las cejas (en la línea media)`,
    density: (plan) => `${int(plan.target_density_per_cm2)} impresiones/cm² por detrás de la línea, puntos de ${plan.dot_mm.toFixed(2).replace('.', mark)}\u00a0mm`,
    area: (cm2) => `${one(cm2)}\u00a0cm²`,
    counted: ({ head }) => (head.kind === 'photo' ? SPANISH.countedPhoto : head.view === 'top' ? SPANISH.countedTop : SPANISH.countedFront),
    impressions: (plan) => `${int(plan.total_impressions)} en ${plan.sessions.length} ${plan.sessions.length === 1 ? 'sesión' : 'sesiones'}`,
    time: (plan) => `${range(plan.total_hours, '\u00a0h')} en total, a ${int(plan.impressions_per_hour.low)}–${int(plan.impressions_per_hour.high)} impresiones por hora`,
    zone: (z) => {
      if (z.zone !== 'transition') return SPANISH.zones[z.zone] ?? z.description;
      const from = `${whole(z.starts_at * 100)}\u00a0%`;
      return z.strays_mm != null
        ? `transición de la línea: de impresiones sueltas hasta ${whole(z.strays_mm)}\u00a0mm por delante de la línea a ${whole(z.builds_over_mm)}\u00a0mm por detrás, con una densidad que pasa del ${from} a la completa`
        : `borde de la línea: los ${whole(z.builds_over_mm)}\u00a0mm por detrás de la línea, con una densidad que pasa del ${from} a la completa`;
    },
    zoneDensity: (z) => `${int(z.density_per_cm2)}\u00a0/cm²`,
    day: (d) => `día ${d}`,
    purpose: (s) => SPANISH.aims[s.aim] ?? s.purpose,
    needle: (n) => SPANISH.needles[n.role] ?? n.description,
    ratio: (s) => s.dilution.ratio.replace('.', mark),
    sessionsCaption: (plan) => `Sesiones, cada ${plan.session_spacing_days} días (sirve cualquier intervalo de ${int(plan.session_spacing_range_days.low)} a ${int(plan.session_spacing_range_days.high)} días)`,
    forecastLabel: (f, plan) => {
      // The first row past a planned top-up says so, as the engine's label does.
      const first = plan.forecast.find((row) => row.after_top_up);
      const t = plan.top_up.planned_after_years;
      const topUp = f === first && t != null ? `, tras el retoque al cabo de ${years(t)}` : '';
      return `${ageEs(f.stage)}${topUp}`;
    },
    forecastCaption: (plan) => `Cicatrización y desvanecimiento (aprox. un ${pct(plan.fade_per_year)} al año)`,
    topUp: (plan) => {
      const { low, high } = plan.top_up.recommended_years;
      const t = plan.top_up.planned_after_years;
      return t != null
        ? `Retoque previsto al cabo de ${years(t)}; devuelve el trabajo a su aspecto cicatrizado. Los retoques suelen hacer falta cada ${int(low)}–${int(high)} años.`
        : `Aún no hay retoque previsto: suele hacer falta uno cada ${int(low)}–${int(high)} años, antes (2–4) para un aspecto nítido, más tarde (5–6) si se acepta que se desvanezca poco a poco.`;
    },
    warnings: (plan) => words.shadeCautions(plan.pigment_advice?.cautions ?? [], {
      hair: plan.hair_colour, fitzpatrick: plan.skin?.fitzpatrick,
    }),
    notice: () => SPANISH.notice,
    sources: (plan) => plan.sources.map((text) => SPANISH.sources[text.split(':')[0]] ?? text),
    guess: (kind) => SPANISH.guesses[kind],
    alt: SPANISH.alt,
  };
}
