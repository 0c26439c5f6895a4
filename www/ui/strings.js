// The words of the interface in the visitor's language. The markup is written in English
// and each English wording is its own key, gettext-style: a table maps it to another
// language ("Undo" → "Deshacer"), and a clinic's `strings` JSON overrides any wording the
// same way. The translator replaces whole text nodes and the aria-label, title and
// placeholder attributes whose trimmed text is a key, now and whenever a view writes one
// (a MutationObserver), so labels the views fill in (session "Before", option lists) are
// translated too; in the page's messages (an element with `data-sentences`) a text that is
// not a key whole is translated sentence by sentence ("… Your current design is kept."). Sentences built from figures are app/words.js's and, on the plan sheet,
// app/plan-words.js's (per language); the engine's refusal messages stay in English.

import { SPANISH } from './strings-es.js';

/** The languages shipped with the designer, by their primary subtag. */
export const LANGUAGES = { en: {}, es: SPANISH };

const ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'aria-valuetext'];

/** The longest wording, and key, a clinic's `strings` may give. */
export const MOST_STRING_CHARS = 500;

/**
 * The table for `lang` (a BCP 47 tag; unknown ones give English) with `overrides` (the
 * `strings` attribute's text, JSON of English → wording) on top. Throws a short message
 * when the overrides are not such an object; nothing else is read from them. Returns
 * `{ table, refused }`: `refused` lists the keys whose wording was not text of up to
 * `MOST_STRING_CHARS` characters (left as they were; the element says so: {"Undo": 5} was
 * dropped without a word).
 */
export function stringTable(lang, overrides) {
  const base = LANGUAGES[String(lang ?? 'en').toLowerCase().split('-')[0]] ?? {};
  if (overrides == null || overrides === '') return { table: { ...base }, refused: [] };
  let parsed;
  try {
    parsed = JSON.parse(overrides);
  } catch {
    throw new Error('The strings attribute is not JSON: give an object such as {"Undo": "Back"}.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('The strings attribute must be an object of English wording to your wording.');
  }
  const table = { ...base };
  const refused = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string' && key.length <= MOST_STRING_CHARS && value.length <= MOST_STRING_CHARS) table[key] = value;
    else refused.push(key);
  }
  return { table, refused };
}

/** Where one sentence ends and the next begins: after . ! ? or …, white space, then a capital or an opening mark. */
const SENTENCE_BREAK = /((?<=[.!?…])\s+(?=[A-ZÁÉÍÓÚÑ“"«¿¡(]))/;

/**
 * `text` translated by `table`, keeping its surrounding white space; null when not a key.
 * A text that is not a key whole is translated sentence by sentence: a message made of a
 * refusal and "Your current design is kept." (or a file's name in its first sentence) stayed
 * English on a Spanish page (a user pass); the sentences that are keys are translated.
 */
export function translate(table, text, { sentences = true } = {}) {
  const whole = translateWhole(table, text);
  if (whole !== null || !sentences || !SENTENCE_BREAK.test(text)) return whole;
  let changed = false;
  const parts = text.split(SENTENCE_BREAK).map((part, i) => {
    if (i % 2 === 1) return part; // (the white space between two sentences)
    const next = translateWhole(table, part);
    if (next === null) return part;
    changed = true;
    return next;
  });
  return changed ? parts.join('') : null;
}

/** `text` translated by `table` as one key, keeping its surrounding white space; else null. */
function translateWhole(table, text) {
  const key = text.trim();
  if (!key || !Object.hasOwn(table, key)) return null;
  const value = table[key];
  if (value === key) return null;
  return text.replace(key, value);
}

/**
 * Translates everything under `root` by `table` and keeps translating what views write;
 * English (the markup) comes back by reversing the table. Returns `{ setTable(table), dispose() }`.
 */
export function createTranslator(root) {
  let table = {};
  let reverse = {};
  const fix = (node) => {
    if (node.nodeType === 3) {
      // Sentence by sentence only in the page's own messages (`data-sentences`): a
      // consultation's notes or a reference, typed by a person, are theirs.
      const sentences = Boolean(node.parentElement?.hasAttribute('data-sentences'));
      const back = translate(reverse, node.data, { sentences }) ?? node.data;
      const next = translate(table, back, { sentences }) ?? back;
      if (next !== node.data) node.data = next;
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) return;
    if (node.nodeType === 1) {
      for (const name of ATTRIBUTES) {
        const value = node.getAttribute(name);
        if (value == null) continue;
        const back = translate(reverse, value) ?? value;
        const next = translate(table, back) ?? back;
        if (next !== value) node.setAttribute(name, next);
      }
    }
    for (const child of node.childNodes) fix(child);
  };
  const observer = new MutationObserver((records) => {
    observer.disconnect(); // our own writes are not news
    for (const r of records) {
      if (r.type === 'characterData' || r.type === 'attributes') fix(r.target);
      else for (const n of r.addedNodes) fix(n);
    }
    watch();
  });
  const watch = () => observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES });
  watch();
  return {
    setTable(next) {
      observer.disconnect();
      reverse = Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k]));
      table = next;
      fix(root);
      reverse = Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k]));
      watch();
    },
    dispose() { observer.disconnect(); },
  };
}
