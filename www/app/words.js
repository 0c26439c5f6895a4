// The sentences the page builds from figures, in the visitor's language: the status line
// (impressions, area, density, the stage shown), the guides' labels drawn over the head and
// the handles' names for screen readers, the pigment advice, a photo's contrast sentence and
// figures, and the sliders' millimetres. The fixed wordings of the markup are translated by
// ui/strings.js (a table of whole texts); these carry numbers, so each language has its own
// grammar and its own decimal mark here. English and Spanish ship (a Spanish page read
// "6,368 impressions · 90.7 cm² treated · … After session 3 of 3, healed" and "7.5 cm" beside
// Spanish buttons). Pure functions, no DOM: node --test checks them.

/** The languages with their own sentences, by primary subtag; anything else is English. */
const LANGS = ['en', 'es'];

/** Fitzpatrick skin types in the clinic's own numerals. */
const FITZPATRICK = ['I', 'II', 'III', 'IV', 'V', 'VI'];

/** `x` rounded to a whole number, halves to the even one, as Rust's `{:.0}` formats it. */
export function roundHalfEven(x) {
  const down = Math.floor(x);
  const rest = x - down;
  if (rest > 0.5) return down + 1;
  if (rest < 0.5) return down;
  return down % 2 === 0 ? down : down + 1;
}

/**
 * `n` with exactly `digits` decimals, written as `Intl.NumberFormat` writes it for `lang` 'en'
 * (en-US: "12,345.6") or 'es' (es-ES: "12.345,6", and "1234,5": no group mark under five
 * digits), without Intl: a page's first number format loads the locale's data, 25–40 ms on
 * the main thread before the first dots on a cold start (issue 12). Rounded as Intl rounds:
 * the number's shortest decimal form (JavaScript's own, "0.15"), ties away from zero, so
 * 0.15 reads 0.2 where `toFixed` says 0.1. node --test compares the two on many thousands
 * of values.
 */
export function formatFixed(n, digits, lang) {
  const x = Number(n);
  const es = lang === 'es';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  const [whole, fraction] = roundedDecimal(Math.abs(x), digits);
  const grouped = whole.length > (es ? 4 : 3) ? whole.replace(/\B(?=(\d{3})+$)/g, es ? '.' : ',') : whole;
  const negative = x < 0 || Object.is(x, -0);
  return `${negative ? '-' : ''}${grouped}${digits > 0 ? `${es ? ',' : '.'}${fraction}` : ''}`;
}

/** Finite `x` ≥ 0 to `digits` decimals from its shortest decimal form, ties up: [whole, fraction]. */
function roundedDecimal(x, digits) {
  const [mantissa, exponent = '0'] = String(x).split('e');
  const [head, tail = ''] = mantissa.split('.');
  let all = head + tail;
  let point = head.length + Number(exponent);
  if (point <= 0) {
    all = '0'.repeat(1 - point) + all;
    point = 1;
  }
  all = all.padEnd(point + digits + 1, '0');
  let kept = all.slice(0, point + digits);
  if (all[point + digits] >= '5') kept = (BigInt(kept) + 1n).toString().padStart(kept.length, '0');
  const wholeLength = kept.length - digits;
  return [kept.slice(0, wholeLength).replace(/^0+(?=\d)/, ''), kept.slice(wholeLength)];
}

/** The primary subtag of `lang` this module has sentences for ('en' when none). */
export function wordsLanguage(lang) {
  const primary = String(lang ?? 'en').toLowerCase().split('-')[0];
  return LANGS.includes(primary) ? primary : 'en';
}

const PHRASES = {
  en: {
    impressions: 'impressions',
    planned: (dots, area, density) => `${dots} impressions planned · ${area} to treat · avg ${density}`,
    partway: (laid, dots, area, now, density) => `${laid} of ${dots} impressions · ${area} treated · avg ${now} of ${density}`,
    whole: (dots, area, density) => `${dots} impressions · ${area} treated · avg ${density}`,
    before: 'Before treatment',
    after: (session, sessions, age, topUp) => `After session ${session} of ${sessions}, ${age}${topUp}`,
    fresh: 'fresh (day 0)',
    healed: 'healed (about 1 month)',
    yearsOn: (years, one) => (one ? '1 year on' : `${years} years on`),
    topUp: (years, one) => `, after the top-up at ${years} ${one ? 'year' : 'years'}`,
    glabella: 'glabella',
    eyeCorner: 'outer eye corner',
    templePoint: 'temple point',
    aboveBrows: (cm) => `${cm} above brows`,
    thirds: ['upper', 'middle', 'lower'],
    third: (name, cm) => `${name} ⅓ ${cm}`,
    handle: (i, n, where) => `Hairline handle ${i} of ${n}: ${where}`,
    onMidline: 'on the midline',
    across: (cm, left) => `${cm} ${left ? 'left of' : 'right of'} the midline`,
    level: ', level with the brows',
    up: (cm, above) => `, ${cm} ${above ? 'above' : 'below'} the brows`,
    hairColours: { black: 'black', 'dark-brown': 'dark brown', brown: 'brown', red: 'red', blond: 'blond', grey: 'grey' },
    choice: (session, age) => `After session ${session}, ${age}`,
    choiceAges: { healed: 'healed', fresh: 'fresh', years: (y) => `${y} year${y > 1 ? 's' : ''} on` },
    sameSide: (label) => `${label}: the same as the other side`,
    notice: 'Illustration, not a guarantee of results.',
    consultation: { noReference: '(no reference)', withPhoto: 'with photo', open: (ref) => `Open the consultation ${ref}`, remove: (ref) => `Delete the consultation ${ref}`, deleted: (ref) => `Deleted the consultation “${ref}” from this device.`, more: (shown, total) => `The newest ${shown} of ${total.toLocaleString('en')} are shown: type a name or note in Find to reach the others.` },
    pigment: (hair, fitz, shade, water) => `Recommended shade for ${hair} hair on Fitzpatrick ${fitz} skin: ${shade}\u00a0% (about ${water}:1 water to carbon).`,
    // The engine's pigment warnings to the letter (src/engine/photo/pigment.rs).
    tooDark: (chosen, fitz, advised) => `Shade ${chosen} % is too dark for fair skin (Fitzpatrick ${fitz}): carbon this dark can heal with a bluish cast; ${advised} % is safer.`,
    tooLight: (chosen, fitz, hair, advised) => `Shade ${chosen} % is too light to read against Fitzpatrick ${fitz} skin with ${hair} hair; ${advised} % is recommended.`,
    noneOnScalp: 'No impressions land on visible scalp in this area.',
    closeUp: (pct) => (pct === null ? 'scalp shows about as much as before close up' : `scalp shows ${pct}\u00a0% less close up`),
    fromAfar: (near, step) => `${near}; from a metre away the thinning area stands out ${step}\u00a0% less against the hair`,
    contrastWords: (summary, stage, dots, onScalp) => `${summary}: ${stage} (${dots} impressions, ${onScalp}\u00a0% on visible scalp).`,
    contrastFigures: (rms, weber, showing) => `Contrast (RMS, 0.5\u00a0mm): ${rms} · hair–scalp (Weber): ${weber} · scalp showing: ${showing}\u00a0%`,
  },
  es: {
    impressions: 'impresiones',
    planned: (dots, area, density) => `${dots} impresiones previstas · ${area} por tratar · media ${density}`,
    partway: (laid, dots, area, now, density) => `${laid} de ${dots} impresiones · ${area} tratados · media ${now} de ${density}`,
    whole: (dots, area, density) => `${dots} impresiones · ${area} tratados · media ${density}`,
    before: 'Antes del tratamiento',
    after: (session, sessions, age, topUp) => `Tras la sesión ${session} de ${sessions}, ${age}${topUp}`,
    fresh: 'recién hecho (día 0)',
    healed: 'cicatrizado (aprox. 1 mes)',
    yearsOn: (years, one) => (one ? '1 año después' : `${years} años después`),
    topUp: (years, one) => `, tras el retoque ${one ? 'al año' : `a los ${years} años`}`,
    glabella: 'glabela',
    eyeCorner: 'comisura externa del ojo',
    templePoint: 'punto temporal',
    aboveBrows: (cm) => `${cm} sobre las cejas`,
    thirds: ['superior', 'medio', 'inferior'],
    third: (name, cm) => `⅓ ${name} ${cm}`,
    handle: (i, n, where) => `Punto ${i} de ${n} de la línea: ${where}`,
    onMidline: 'en la línea media',
    across: (cm, left) => `${cm} a la ${left ? 'izquierda' : 'derecha'} de la línea media`,
    level: ', a la altura de las cejas',
    up: (cm, above) => `, ${cm} ${above ? 'sobre' : 'bajo'} las cejas`,
    hairColours: { black: 'negro', 'dark-brown': 'castaño oscuro', brown: 'castaño', red: 'pelirrojo', blond: 'rubio', grey: 'canoso' },
    choice: (session, age) => `Tras la sesión ${session}, ${age}`,
    choiceAges: { healed: 'cicatrizado', fresh: 'recién hecho', years: (y) => (y > 1 ? `${y} años después` : '1 año después') },
    sameSide: (label) => `${label}: igual que el otro lado`,
    notice: 'Ilustración, no una garantía de resultados.',
    consultation: { noReference: '(sin referencia)', withPhoto: 'con foto', open: (ref) => `Abrir la consulta ${ref}`, remove: (ref) => `Borrar la consulta ${ref}`, deleted: (ref) => `Se borró la consulta «${ref}» de este dispositivo.`, more: (shown, total) => `Se muestran las ${shown} más recientes de ${total.toLocaleString('es')}: escriba un nombre o una nota en Buscar para llegar a las demás.` },
    pigment: (hair, fitz, shade, water) => `Tono recomendado para pelo ${hair} en piel Fitzpatrick ${fitz}: ${shade}\u00a0% (aprox. ${water}:1 de agua por carbón).`,
    tooDark: (chosen, fitz, advised) => `Un tono del ${chosen}\u00a0% es demasiado oscuro para una piel clara (Fitzpatrick ${fitz}): un carbón tan oscuro puede virar a azulado al cicatrizar; un ${advised}\u00a0% es más seguro.`,
    tooLight: (chosen, fitz, hair, advised) => `Un tono del ${chosen}\u00a0% es demasiado claro para notarse sobre una piel Fitzpatrick ${fitz} con pelo ${hair}; se recomienda un ${advised}\u00a0%.`,
    noneOnScalp: 'Ninguna impresión cae sobre cuero cabelludo visible en esta zona.',
    closeUp: (pct) => (pct === null ? 'de cerca, el cuero cabelludo se ve más o menos como antes' : `de cerca, el cuero cabelludo se ve un ${pct}\u00a0% menos`),
    fromAfar: (near, step) => `${near}; a un metro, la zona clareada destaca un ${step}\u00a0% menos frente al pelo`,
    contrastWords: (summary, stage, dots, onScalp) => `${summary}: ${stage} (${dots} impresiones, ${onScalp}\u00a0% sobre cuero cabelludo visible).`,
    contrastFigures: (rms, weber, showing) => `Contraste (RMS, 0,5\u00a0mm): ${rms} · pelo–cuero cabelludo (Weber): ${weber} · cuero cabelludo visible: ${showing}\u00a0%`,
  },
};

/**
 * The sentences of `lang`: `{ lang, integer(n), decimal(n), cm(mm), mm(value, digits),
 * stats(stats), statusLine(stats, shown), stageLabel(shown, topUpYears), guide,
 * handleName(...), pigmentAdvice(advice), contrast(report, shown, topUpYears),
 * compareChoices(sessions, topUpYears), sameSide(label), hairColourName(text), shadeCautions(cautions, head),
 * notice, consultation: { noReference, withPhoto, open(ref), remove(ref), deleted(ref), more(shown, total) } }`.
 */
export function wordsFor(lang) {
  const code = wordsLanguage(lang);
  // One object per language: the overlay redraws only when what it shows changed, words too.
  if (!made.has(code)) made.set(code, makeWords(code));
  return made.get(code);
}

const made = new Map();

function makeWords(code) {
  const p = PHRASES[code];
  const ok = (x) => typeof x === 'number' && Number.isFinite(x);
  const integer = (n) => formatFixed(n, 0, code);
  const decimal = (n) => formatFixed(n, 1, code);
  const cm = (mm) => `${decimal(mm / 10)}\u00a0cm`;
  // Years as the engine writes them: an age whole or to a tenth ("2.5 years on"), a top-up
  // as given ("at 2.25 years"), with the language's decimal mark.
  const mark = code === 'es' ? ',' : '.';
  const years = (y) => (Math.abs(y - Math.round(y)) < 1e-9 ? String(Math.round(y)) : decimal(y));
  const given = (y) => String(y).replace('.', mark);

  /**
   * `{ dots, area_cm2, density_per_cm2 }` → display strings with units, each figure held to
   * its unit by a no-break space (a phone's two-line status broke "82,3⏎cm²"), as are cm()
   * and mm().
   */
  function stats(s) {
    return {
      dots: ok(s?.dots) ? integer(s.dots) : '–',
      area: ok(s?.area_cm2) ? `${decimal(s.area_cm2)}\u00a0cm²` : '–',
      density: ok(s?.density_per_cm2) ? `${integer(s.density_per_cm2)}\u00a0/cm²` : '–',
    };
  }

  /**
   * The plan's figures, or with `shown` (the engine's stage: `{ session, sessions, dots }`)
   * those of the stage on screen beside the plan's (after session 1 of 3 the picture holds
   * a third of the impressions, and the line said the whole plan's count under it).
   */
  function statusLine(s, shown = null) {
    const f = stats(s);
    if (shown && ok(shown.dots) && ok(shown.session) && shown.session < shown.sessions) {
      if (shown.session <= 0) return p.planned(f.dots, f.area, f.density);
      const now = ok(s?.area_cm2) && s.area_cm2 > 0 ? integer(shown.dots / s.area_cm2) : '–';
      return p.partway(integer(shown.dots), f.dots, f.area, now, f.density);
    }
    return p.whole(f.dots, f.area, f.density);
  }

  /**
   * The stage on screen in words (`shown`: `{ session, sessions, age }`, age "fresh",
   * "healed" or years), past a planned top-up at `topUpYears` saying so.
   */
  function stageLabel(shown, topUpYears = null) {
    if (!shown || !(shown.session > 0)) return p.before;
    const age = shown.age === 'fresh' ? p.fresh
      : shown.age === 'healed' ? p.healed
        : p.yearsOn(years(Number(shown.age)), Math.abs(Number(shown.age) - 1) < 1e-9);
    return p.after(shown.session, shown.sessions, age, toppedUp(Number(shown.age), topUpYears));
  }

  /** ", after the top-up at … years" for an age (years) past a planned top-up, else "". */
  function toppedUp(age, topUpYears) {
    return ok(age) && ok(topUpYears) && age >= topUpYears ? p.topUp(given(topUpYears), topUpYears === 1) : '';
  }

  /**
   * A hairline handle's name for a screen reader: which of how many, where it is across
   * (`midline` x, mm) and up (`glabella` y, mm; null without the template's marks). What
   * rounds to 0.0 cm is "on the midline" or "level with the brows"; below the brows says
   * below (it said "-1.8 cm above the brows" and "0.0 cm left of the midline").
   */
  function handleName(i, n, [x, y], midline, glabella) {
    const across = Math.abs(x - midline);
    let where = cm(across) === cm(0) ? p.onMidline : p.across(cm(across), x < midline);
    if (glabella != null) {
      const up = glabella - y;
      where += cm(Math.abs(up)) === cm(0) ? p.level : p.up(cm(Math.abs(up)), up > 0);
    }
    return p.handle(i + 1, n, where);
  }

  /**
   * The pigment advice (`{ hair, fitzpatrick, shade, waterParts }`: the hair colour's code,
   * skin type 1–6, the shade 0–1 and the parts of water to one of carbon) as a sentence.
   */
  function pigmentAdvice({ hair, fitzpatrick, shade, waterParts }) {
    const hairName = p.hairColours[hair] ?? String(hair).replace('-', ' ');
    return p.pigment(hairName, FITZPATRICK[fitzpatrick - 1] ?? String(fitzpatrick), integer(Math.round(shade * 100)), integer(Math.round(waterParts)));
  }

  /** A hair colour's name: its code ("dark-brown") or its English words ("dark brown"); anything else as written. */
  function hairColourName(text) {
    const key = String(text ?? '').trim().toLowerCase().replace(/\s+/g, '-');
    return p.hairColours[key] ?? String(text ?? '');
  }

  /**
   * The engine's pigment cautions (`[{ kind: "too-dark" | "too-light", chosen, advised }]`,
   * shades 0–1) for `hair` (a code or its English words) on Fitzpatrick `fitzpatrick` skin,
   * as sentences (in English, the engine's wording).
   */
  function shadeCautions(cautions, { hair, fitzpatrick }) {
    const fitz = FITZPATRICK[Math.min(6, Math.max(1, Math.round(fitzpatrick ?? 1))) - 1];
    const percent = (x) => String(roundHalfEven(x * 100)); // as the engine's {:.0}
    return (cautions ?? []).map((c) => (c.kind === 'too-dark'
      ? p.tooDark(percent(c.chosen), fitz, percent(c.advised))
      : p.tooLight(percent(c.chosen), fitz, hairColourName(hair), percent(c.advised))));
  }

  /**
   * The stages one can compare with, short (a list's options): before treatment, each
   * session healed, the last fresh, and years on. `[{ value: "session/age", label }]`.
   */
  function compareChoices(sessions, topUpYears = null) {
    const a = p.choiceAges;
    const list = [{ value: '0/healed', label: p.before }];
    for (let s = 1; s <= sessions; s += 1) list.push({ value: `${s}/healed`, label: p.choice(s, a.healed) });
    list.push({ value: `${sessions}/fresh`, label: p.choice(sessions, a.fresh) });
    // Past a planned top-up, as the status line and the plan say it (the list said "3 years
    // on" where they said "3 years on, after the top-up at 3 years").
    for (const y of [1, 3, 5]) list.push({ value: `${sessions}/${y}`, label: `${p.choice(sessions, a.years(y))}${toppedUp(y, topUpYears)}` });
    return list;
  }

  /**
   * The contrast a photo's analysis measured (the engine's report: `dots`,
   * `dots_on_scalp_fraction`, `reduction`, `step_reduction`, `step_before`, `rms_before`…)
   * at the stage `shown` (as for stageLabel) as `{ words, figures }`. The English is the
   * engine's own summary (plain_words in src/engine/photo/contrast.rs) to the letter, but for
   * a no-break space before each "%", which a narrow panel broke from its figure.
   */
  function contrast(report, shown, topUpYears = null) {
    const r = report ?? {};
    const percent = (share) => integer(Math.round(share * 100));
    const fixed = (v, digits) => (ok(v) ? v.toFixed(digits).replace('.', mark) : '–');
    let words = p.noneOnScalp;
    if (ok(r.dots) && r.dots > 0) {
      const pct = Math.round((r.reduction ?? 0) * 100);
      const step = Math.round((r.step_reduction ?? 0) * 100);
      const near = p.closeUp(pct >= 1 ? integer(pct) : null);
      const summary = r.step_before > 0 && step >= 1 ? p.fromAfar(near, integer(step)) : near;
      const stage = stageLabel(shown, topUpYears);
      words = p.contrastWords(`${summary[0].toUpperCase()}${summary.slice(1)}`, `${stage[0].toLowerCase()}${stage.slice(1)}`,
        integer(r.dots), percent(r.dots_on_scalp_fraction ?? 0));
    }
    const figures = p.contrastFigures(`${fixed(r.rms_before, 3)} → ${fixed(r.rms_after, 3)}`,
      `${fixed(r.weber_before, 2)} → ${fixed(r.weber_after, 2)}`, percent(r.scalp_fraction ?? 0));
    return { words, figures };
  }

  /** Millimetres to `digits` decimals with the language's mark ("0,25 mm"). */
  const mm = (value, digits) => `${value.toFixed(digits).replace('.', mark)}\u00a0mm`;

  const guide = { glabella: p.glabella, eyeCorner: p.eyeCorner, templePoint: p.templePoint, aboveBrows: p.aboveBrows, thirds: p.thirds, third: p.third };
  return {
    lang: code, integer, decimal, cm, mm, stats, statusLine, stageLabel, handleName, pigmentAdvice, contrast, guide,
    compareChoices, sameSide: p.sameSide, hairColourName, shadeCautions, notice: p.notice, consultation: p.consultation,
  };
}
