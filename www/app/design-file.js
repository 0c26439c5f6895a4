// Design files as people handle them: a versioned `.json` saved from the page, or a PNG
// exported by it (the design rides in an iTXt chunk). Turns file bytes into a design object
// or a short message in the page's words; the engine then validates every value. Pure (no
// DOM), checked by node --test.

import { excerpt, localDay } from './format.js';
import { isPng, readText } from './png-text.js';
import { EXPORT_FORMAT as CONSULTATIONS_FORMAT } from './consultations.js';

/** The iTXt keyword an exported picture stores its design under. */
export const PNG_KEYWORD = 'hairline-design';
/** A design file larger than this is not one of ours (a design is a few kB; 100,000-point lines ~4 MB). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** The text of a design file (pretty JSON with its version, as saved). */
export const designFileText = (design) => `${JSON.stringify(design, null, 2)}\n`;

/** A file name for a design saved today: `hairline-design-2026-11-23.json`. */
export const designFileName = (date = new Date(), ext = 'json') => `hairline-design-${localDay(date)}.${ext}`;

/**
 * The design in a file's `bytes` (Uint8Array): a design `.json` or a PNG exported by the
 * designer. Throws an Error in plain words otherwise.
 */
export function designFromBytes(bytes) {
  if (bytes.length > MAX_FILE_BYTES) throw new Error('This file is too large to be a design file.');
  let text;
  if (isPng(bytes)) {
    text = readText(bytes, PNG_KEYWORD);
    if (text === null) throw new Error('This picture does not contain a design (only pictures exported by this designer do).');
  } else {
    // Saved again by Windows Notepad as "Unicode", a design file is UTF-16 with its byte
    // order mark (it was refused as unreadable: a user pass).
    const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
    text = new TextDecoder(encoding, { fatal: false }).decode(bytes);
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const where = /^\s*\{/.test(text) ? mistakeAt(text, error) : null;
    if (where?.atEnd) throw new Error('This design file is cut short: it ends before the design does.');
    // A design file edited by hand (a comma after the last item, a comment) was refused
    // with no word of where: the line and column are said.
    if (where) throw new Error(`This design file has a mistake at line ${where.line}, column ${where.column} (a comma after the last item or a comment, as a hand edit may leave, is not allowed).`);
    throw new Error('This file is not a design file (it is not readable as one).');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('This file is not a design file.');
  // (A consultations export has a version too: the engine then said "the seed is missing".)
  if (value.format === CONSULTATIONS_FORMAT) throw new Error('This is a consultations file, not a design: open it with Import… under Consultations.');
  if (value.version === undefined) throw new Error('This file is not a design file (it has no version).');
  return value;
}

/**
 * Where `JSON.parse` of `text` failed, as `{ line, column, atEnd }` (from 1; `atEnd` when
 * the text ended first), from its `error`'s message: V8 gives a position, Firefox a line
 * and column, Safari neither ("Unexpected EOF" when cut short); null when it says nothing
 * of where. A comma before a closing bracket is pointed at, not the bracket.
 */
export function mistakeAt(text, error) {
  const message = String(error?.message ?? '');
  const end = text.trimEnd().length;
  if (/end of JSON input|end of data|unexpected EOF|unterminated string/i.test(message)) return { line: 0, column: 0, atEnd: true };
  let at = null;
  const position = /position (\d+)/.exec(message);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (position) {
    at = Number(position[1]);
  } else if (lineColumn) {
    const lines = text.split('\n');
    const line = Math.min(Number(lineColumn[1]), lines.length);
    at = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + Number(lineColumn[2]) - 1;
  }
  if (at === null) return null;
  if (at >= end) return { line: 0, column: 0, atEnd: true };
  if (/[}\]]/.test(text[at])) {
    const comma = text.slice(0, at).trimEnd();
    if (comma.endsWith(',')) at = comma.length - 1;
  }
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1, atEnd: false };
}

/**
 * Throws the engine's kind of refusal when a field of `design` is a list longer than any a
 * design holds (`lists` is `limits().lists`): read by its length alone, before the design
 * is copied for the engine. A 100,000-point line was copied (structuredClone) and walked
 * for 216–406 ms before its refusal. A value whose fields cannot be listed is left to the
 * engine, which says so.
 */
export function refuseOverlongLists(design, lists) {
  let overlong = null;
  try {
    for (const [field, value] of Object.entries(design ?? {})) {
      if (Array.isArray(value) && value.length > lists.max_items) {
        overlong = { field, length: value.length };
        break;
      }
    }
  } catch {
    return; // (a throwing getter or Proxy: the engine's own walk refuses it in words)
  }
  if (overlong) {
    throw new Error(`invalid design: ${excerpt(overlong.field)}: it holds a list of ${overlong.length} items; its lists hold at most ${lists.max_items} (a line at most ${lists.max_points} points)`);
  }
}
