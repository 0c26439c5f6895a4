// Formats the engine's figures for people: impressions, cm², impressions/cm².
// Pure functions (no DOM), so node --test checks them directly.

import { wordsFor } from './words.js';

const english = wordsFor('en');

/** `{ dots, area_cm2, density_per_cm2 }` → display strings with units, in English (words.js has every language). */
export const formatStats = (stats) => english.stats(stats);

/** The status line's figures in English (words.js: `statusLine` of every language). */
export const statusLine = (stats, shown = null) => english.statusLine(stats, shown);

/** `text` as a sentence: trimmed, ending in a full stop unless it already ends in . ! or ?. */
export function sentence(text) {
  const t = String(text ?? '').trim();
  return t === '' || /[.!?…]$/.test(t) ? t : `${t}.`;
}

/** The design's fields as the page names them, in the middle of a sentence. */
const FIELD_WORDS = {
  version: 'its version',
  seed: 'the seed',
  style: 'the style',
  hairline: 'the hairline',
  scalp: 'the treated area',
  density_per_cm2: 'the density',
  dot_mm: 'the dot size',
  transition_mm: 'the transition', // (the slider's name: a sharp design has one too, unused)
  shade: 'the shade',
  sessions: 'the number of sessions',
  top_up_years: 'the top-up',
  px_per_mm: 'the photo scale',
  photo: 'the photo',
  head: 'the head',
  marks: 'the scars and marks',
};

/**
 * An error of the engine in the page's words, as a sentence: "invalid design: sessions: must
 * be a whole number from 1 to 4, got 0" reads "The number of sessions must be a whole number
 * from 1 to 4, got 0." A field the page has no words for keeps its name; `start: false`
 * leaves the first letter as it is, for the middle of a sentence ("… cannot be opened:
 * the dot size must be …").
 */
export function inPageWords(message, { start = true } = {}) {
  // (Whole numbers as people write them: the engine says "got -1.0", "got 5.0".)
  let text = String(message ?? '').trim().replace(/^invalid (design|plan context): /, '').replace(/\bgot (-?\d+)\.0\b/g, 'got $1');
  // (Field names may hold digits: "density_per_cm2: missing" kept its engine name.)
  const field = /^([a-z_][a-z0-9_]*)((?:\[\d+\]|\.[a-z_][a-z0-9_]*)*): (.*)$/s.exec(text);
  if (field) {
    const [, root, rest, problem] = field;
    const words = FIELD_WORDS[root] ? `${FIELD_WORDS[root]}${rest ? ` (${root}${rest})` : ''}` : `${root}${rest}`;
    // "must be …", "is 2; …", "crosses itself; …" follow the field's name; "missing" is
    // said of it; a problem that names its own subject ("this photo is wider …") stands
    // alone; anything else comes after a colon.
    if (/^(must|is|has|crosses|encloses|should|needs)\b/.test(problem)) text = `${words} ${problem}`;
    else if (/^missing\b/.test(problem)) text = `${words} is ${problem}`;
    else if (/^(this|its|their)\b/.test(problem)) text = problem;
    else text = `${words}: ${problem}`;
  }
  text = sentence(text);
  return start ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/**
 * At most `most` characters of `text` for a message: control characters shown as spaces,
 * an ellipsis when cut, so a hostile 10 MB value never fills the page.
 */
export function excerpt(text, most = 40) {
  const flat = String(text).slice(0, most + 1).replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return flat.length > most ? `${flat.slice(0, most)}…` : flat;
}

/**
 * `date`'s calendar day where the person is, as YYYY-MM-DD: the plan's date and the files'
 * names. (The day in UTC put tomorrow's date on every evening session in the Americas and
 * yesterday's on a morning one in New Zealand.)
 */
export function localDay(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
