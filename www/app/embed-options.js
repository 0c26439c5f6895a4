// What a <hairline-designer>'s attributes ask of the designer, read and checked with no DOM:
// each reader takes the attribute's text and returns the value to apply, or throws one
// short sentence in the page's words (the element reports it as an `error` event and
// changes nothing). Attribute text comes from a clinic's page and may be anything.

import { excerpt } from './format.js';

/**
 * Starting points the `preset` attribute takes besides the engine's hair-loss presets
 * (`bald`, `norwood-1`…`norwood-7`, `ludwig-1`…`ludwig-3`, `alopecia-areata`,
 * `alopecia-totalis`): `template` (the bald template head) and `thinning-hair` (the
 * generated head with long thinning hair).
 */
export const EXTRA_PRESETS = ['template', 'thinning-hair'];
export const CONTROLS = ['full', 'minimal', 'none'];
export const STYLES = ['soft', 'sharp', 'density-only'];
/** Seconds of no touch before a demo wipes the visitor's work and starts its loop again. */
export const IDLE_DEFAULT_S = 90;

const quoted = (text) => `“${excerpt(String(text), 40)}”`;

/**
 * A plain decimal number's value, or NaN: attribute numbers are written as people write
 * them, so `Number`'s other forms ("0x5", "1e1", "0b1", "Infinity") are not numbers here
 * (age="0x5" was taken as 5 years without a word).
 */
export function decimal(text) {
  const t = String(text ?? '').trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : NaN;
}

/** Values of the `demo` attribute that turn it off, as a clinic's developer would write them. */
const DEMO_OFF = ['false', 'off', 'no', '0'];

/**
 * `demo`: on when the attribute is present (HTML's boolean attributes: `demo` and `demo=""`),
 * except `demo="false"`, "off", "no" or "0": a clinic writing `demo="false"` means no demo,
 * and got one.
 */
export function readDemo(text) {
  if (text == null) return false;
  return !DEMO_OFF.includes(String(text).trim().toLowerCase());
}

/** `preset`: one of `engineNames` (the engine's presets) or an extra one; the name. */
export function readPreset(text, engineNames = []) {
  const name = String(text).trim().toLowerCase();
  if (engineNames.includes(name) || EXTRA_PRESETS.includes(name)) return name;
  throw new Error(`There is no preset ${quoted(text)}: use a name such as norwood-3, ludwig-2 or alopecia-areata.`);
}

export function readStyle(text) {
  const name = String(text).trim().toLowerCase();
  if (STYLES.includes(name)) return name;
  throw new Error(`There is no hairline style ${quoted(text)}: use soft, sharp or density-only.`);
}

export function readControls(text) {
  const name = String(text ?? '').trim().toLowerCase() || 'full';
  if (CONTROLS.includes(name)) return name;
  throw new Error(`controls must be full, minimal or none, not ${quoted(text)}.`);
}

/** `session`: "before" or 0 … `most`. */
export function readSession(text, most) {
  const t = String(text).trim().toLowerCase();
  if (t === 'before') return 0;
  const n = decimal(t);
  if (Number.isInteger(n) && n >= 0 && n <= most) return n;
  throw new Error(`session must be “before” or a whole number from 0 to ${most}, not ${quoted(text)}.`);
}

/** `age`: "fresh", "healed" or years 0–10. */
export function readAge(text) {
  const t = String(text).trim().toLowerCase();
  if (t === 'fresh' || t === 'healed') return t;
  const n = decimal(t);
  if (Number.isFinite(n) && n >= 0 && n <= 10) return String(n);
  throw new Error(`age must be fresh, healed or a number of years from 0 to 10, not ${quoted(text)}.`);
}

/** `idle-timeout` in seconds (10 s – 1 h), default 90. */
export function readIdleSeconds(text) {
  if (text == null || String(text).trim() === '') return IDLE_DEFAULT_S;
  const n = decimal(text);
  if (Number.isFinite(n) && n >= 10 && n <= 3600) return n;
  throw new Error(`idle-timeout must be a number of seconds from 10 to 3600, not ${quoted(text)}.`);
}

/** `storage-key`: where this designer's autosave lives; "none" keeps nothing. */
export function readStorageKey(text, fallback) {
  if (text == null) return fallback;
  const t = String(text).trim();
  if (t.toLowerCase() === 'none') return null;
  if (/^[\w.:-]{1,100}$/.test(t)) return t;
  throw new Error(`storage-key must be up to 100 letters, digits, dots, colons, dashes or underscores (or none), not ${quoted(text)}.`);
}
