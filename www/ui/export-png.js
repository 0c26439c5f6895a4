// Exports the design as a PNG a clinic can hand over or post: the after, the before, or both
// side by side, at a chosen width, with the stage named on each picture, an optional caption
// and clinic logo, and the honest notice. The design rides inside the file (an iTXt chunk),
// so dropping the picture back on the page reopens it. Painting goes through the engine's
// own renderer at the export's resolution: in the engine worker when the page has one
// (`app.photo.picture`), else on this thread (`renderStill`).

import { addText } from '../app/png-text.js';
import { PNG_KEYWORD } from '../app/design-file.js';
import { wordsFor } from '../app/words.js';

/** Export widths offered, px, and the accepted range. */
export const EXPORT_WIDTHS = [1080, 2048, 4096];
export const MIN_EXPORT_WIDTH = 320;
export const MAX_EXPORT_WIDTH = 4096;
/** Each picture is 4:5 (portrait, as phones and social posts show a head). */
const PANEL_ASPECT = 5 / 4;

/** The name of `stage` on its picture, as the status line says it, in the visitor's language. */
function stageWords(app, stage) {
  const sessions = app.state.shown?.sessions ?? stage.session;
  return wordsFor(app.state.lang).stageLabel({ ...stage, session: Math.min(stage.session, sessions), sessions }, app.state.design.top_up_years);
}

/**
 * A label fitted to `room` px: at `px` if it fits; else smaller, down to 70 % of it; else on
 * two lines broken at the comma nearest its middle (each fitted the same way). `measure(text,
 * px)` is its width. Returns `{ text: [lines], px }`.
 */
export function labelLines(label, room, measure, px) {
  const fit = (texts) => Math.min(px, ...texts.map((t) => (px * room) / Math.max(1, measure(t, px))));
  const one = fit([label]);
  if (one >= px * 0.7) return { text: [label], px: one };
  const commas = [...label.matchAll(/, /g)].map((m) => m.index);
  const breaks = commas.length ? commas : [...label.matchAll(/ /g)].map((m) => m.index);
  if (!breaks.length) return { text: [label], px: one };
  const at = breaks.reduce((best, i) => (Math.abs(i - label.length / 2) < Math.abs(best - label.length / 2) ? i : best));
  const sep = label.slice(at, at + 2) === ', ' ? 1 : 0;
  const two = [label.slice(0, at + sep), label.slice(at + sep).trim()];
  return { text: two, px: fit(two) };
}

/**
 * The exported picture's font at `px` (rounded down to a tenth of a pixel, never up: a size
 * fitted to the room and then rounded to a whole pixel came out wider than the room, and a
 * long Spanish stage label ran off the picture's edge).
 */
export const exportFont = (px, weight = 400) => `${weight} ${Math.floor(px * 10) / 10}px system-ui, -apple-system, "Segoe UI", sans-serif`;

/** Checks and completes export options; throws in plain words. */
export function exportOptions({ kind = 'after', width = 1080, caption = '' } = {}) {
  if (!['after', 'before', 'both'].includes(kind)) throw new Error('export: kind must be "after", "before" or "both"');
  const w = Number(width);
  if (!Number.isInteger(w) || w < MIN_EXPORT_WIDTH || w > MAX_EXPORT_WIDTH) {
    throw new Error(`export: width must be a whole number of pixels from ${MIN_EXPORT_WIDTH} to ${MAX_EXPORT_WIDTH}`);
  }
  const text = String(caption ?? '').slice(0, 200);
  const panel = kind === 'both' ? Math.floor(w / 2) : w;
  const panelHeight = Math.round(panel * PANEL_ASPECT);
  const footer = Math.round(panelHeight * 0.07);
  return { kind, width: w, caption: text, panel, panelHeight, footer, height: panelHeight + footer };
}

/**
 * Where the footer's parts go (`o` from `exportOptions`; `measure(text, px, weight)` the
 * width of a text at a font size; `logoWidth` 0 without a logo; `noticeText` the notice in
 * the visitor's language). The notice and the logo
 * keep their own width on the right and the caption gets what is left: on one line at its
 * size, else smaller on two lines broken between words; a caption longer still takes the
 * footer's whole width on two lines, the notice moving below it, and only what does not fit
 * even then is cut, marked "…". No text is squeezed narrower than it is set (a long caption
 * was condensed and ran over the notice). Returns `{ notice: { right, y, px }, logo: { x, y },
 * caption: { px, lines: [{ text, x, y }] } }` in the picture's px.
 */
export function footerLayout(o, measure, logoWidth = 0, noticeText = wordsFor('en').notice) {
  const f = o.footer;
  const top = o.panelHeight;
  const middle = top + f / 2;
  const margin = f * 0.4;
  const right = o.width - margin;
  const logoX = right - logoWidth;
  const noticeRight = logoWidth > 0 ? logoX - margin : right;
  // The notice at `px`, or smaller on a narrow picture (at most 45 % of its width).
  const noticeAt = (px) => Math.min(px, (px * o.width * 0.45) / measure(noticeText, px));
  const text = o.caption.trim().replace(/\s+/g, ' ');
  const fits = (line, px, room) => measure(line, px, 600) <= room;
  /** `text` in at most two lines of `room` at `px`, words whole where they can be. */
  const wrap = (px, room) => {
    const words = text.split(' ');
    const lines = [];
    while (words.length && lines.length < 2) {
      let line = '';
      while (words.length && fits(line ? `${line} ${words[0]}` : words[0], px, room)) line = line ? `${line} ${words.shift()}` : words.shift();
      if (!line) {
        // One word longer than the room (a long reference): broken where it must be.
        const word = words.shift();
        let cut = word.length;
        while (cut > 1 && !fits(word.slice(0, cut), px, room)) cut -= 1;
        line = word.slice(0, cut);
        words.unshift(word.slice(cut));
      }
      lines.push(line);
    }
    const whole = words.length === 0;
    if (!whole) {
      let last = `${lines[1]} ${words.join(' ')}`;
      while (last.length > 1 && !fits(`${last}…`, px, room)) last = last.slice(0, -1).trimEnd();
      lines[1] = `${last}…`;
    }
    return { lines, whole };
  };
  const beside = (px) => Math.max(0, noticeRight - measure(noticeText, px) - margin * 1.5 - margin);
  // Lines at `ys` (fractions of the footer's height from its top).
  const layout = (px, lines, ys, notice) => ({
    notice,
    logo: { x: logoX, y: middle },
    caption: { px, lines: lines.map((line, i) => ({ text: line, x: margin, y: top + f * ys[i] })) },
  });
  const notice = { right: noticeRight, y: middle, px: noticeAt(f * 0.26) };
  if (!text) return layout(f * 0.36, [], [], notice);
  if (fits(text, f * 0.36, beside(notice.px))) return layout(f * 0.36, [text], [0.5], notice);
  const two = wrap(f * 0.27, beside(notice.px));
  if (two.whole) return layout(f * 0.27, two.lines, [0.33, 0.67], notice);
  // The whole width left of the logo for the caption, the notice on a row of its own below.
  const below = { right: noticeRight, y: top + f * 0.81, px: noticeAt(f * 0.2) };
  const full = wrap(f * 0.25, Math.max(0, (logoWidth > 0 ? logoX - margin : right) - margin));
  return layout(f * 0.25, full.lines, [0.18, 0.49], below);
}

function canvasOf(width, height) {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c;
}

/**
 * A PNG Blob of the design: `{ kind, width, caption }` as in `exportOptions`, `logo` an
 * ImageBitmap or image (drawn in the footer), `stages` `{ before, after }` to show other
 * stages than the screen's (the plan sheet: before treatment and the planned work healed).
 * Throws in plain words on bad options.
 */
export async function exportPicture(app, { logo = null, stages = null, ...options } = {}) {
  const o = exportOptions(options);
  // The result: the stage shown, or the plan's finished work when "Before" is shown (its
  // side-by-side, the plan sheet's picture and a consultation's thumbnail showed two
  // untreated heads).
  const shown = app.state.stage;
  const after = stages?.after ?? (shown.session > 0 ? shown : { session: app.limits.sessions.max, age: 'healed' });
  const before = stages?.before ?? app.state.compare.before;
  const panels = o.kind === 'both' ? [before, after] : [o.kind === 'before' ? before : after];
  const out = canvasOf(o.width, o.height);
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, o.width, o.height);
  const font = exportFont;
  const unit = o.panelHeight / 100;
  // Painted by the engine worker when there is one (a full render at a new scale takes
  // half a second or more), else here on a canvas of its own.
  const pictures = await Promise.all(panels.map((stage) => app.photo.picture?.(o.panel, o.panelHeight, stage) ?? null));
  panels.forEach((stage, i) => {
    let picture = pictures[i];
    if (!picture) {
      picture = canvasOf(o.panel, o.panelHeight);
      app.renderStill(picture.getContext('2d'), stage);
    }
    const x = i * o.panel;
    ctx.drawImage(picture, x, 0);
    picture.close?.();
    // The stage, named on its picture in the visitor's language, within the picture: smaller
    // if it must be, then on two lines ("…4 years on, after the top-up at 2 years" ran off
    // the right edge, cut to "2 year").
    const pad = unit * 1.2;
    const room = o.panel - pad * 4;
    const lines = labelLines(stageWords(app, stage), room, (text, px) => { ctx.font = font(px, 600); return ctx.measureText(text).width; }, unit * 2.4);
    ctx.font = font(lines.px, 600);
    const w = Math.max(...lines.text.map((t) => ctx.measureText(t).width)) + pad * 2;
    const lineHeight = lines.px * 1.35;
    ctx.fillStyle = 'rgba(255,255,255,0.9)';
    ctx.fillRect(x + pad, pad, w, unit * 4 + lineHeight * (lines.text.length - 1));
    ctx.fillStyle = '#1d2b33';
    ctx.textBaseline = 'middle';
    lines.text.forEach((t, k) => ctx.fillText(t, x + pad * 2, pad + unit * 2 + k * lineHeight));
  });
  if (panels.length === 2) {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(o.panel - 1, 0, 2, o.panelHeight);
  }
  // Footer: caption on the left, logo and the notice on the right, never over each other.
  const measure = (text, px, weight = 400) => { ctx.font = font(px, weight); return ctx.measureText(text).width; };
  const logoHeight = o.footer * 0.7;
  const logoWidth = logo ? Math.min(o.width * 0.25, (logo.width / logo.height) * logoHeight) : 0;
  const notice = wordsFor(app.state.lang).notice;
  const layout = footerLayout(o, measure, logoWidth, notice);
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#1d2b33';
  ctx.font = font(layout.caption.px, 600);
  for (const line of layout.caption.lines) ctx.fillText(line.text, line.x, line.y);
  if (logo) ctx.drawImage(logo, layout.logo.x, layout.logo.y - logoHeight / 2, logoWidth, logoHeight);
  ctx.fillStyle = '#5b6b73';
  ctx.font = font(layout.notice.px);
  ctx.textAlign = 'right';
  ctx.fillText(notice, layout.notice.right, layout.notice.y);
  const blob = await new Promise((ok, fail) => out.toBlob((b) => (b ? ok(b) : fail(new Error('The browser could not make the picture (too large for this device?).'))), 'image/png'));
  const bytes = addText(new Uint8Array(await blob.arrayBuffer()), PNG_KEYWORD, JSON.stringify(app.savedDesign()));
  return new Blob([bytes], { type: 'image/png' });
}
