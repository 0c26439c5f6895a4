// Exports the design as a PNG a clinic can hand over or post: the after, the before, or both
// side by side, at a chosen width, with the stage named on each picture, an optional caption
// and clinic logo, and the honest notice. The design rides inside the file (an iTXt chunk),
// so dropping the picture back on the page reopens it. Painting goes through the engine's
// own renderer at the export's resolution: in the engine worker when the page has one
// (`app.photo.picture`), else on this thread (`renderStill`).

import { addText } from '../app/png-text.js';
import { PNG_KEYWORD } from '../app/design-file.js';

/** Export widths offered, px, and the accepted range. */
export const EXPORT_WIDTHS = [1080, 2048, 4096];
export const MIN_EXPORT_WIDTH = 320;
export const MAX_EXPORT_WIDTH = 4096;
/** Each picture is 4:5 (portrait, as phones and social posts show a head). */
const PANEL_ASPECT = 5 / 4;
const NOTICE = 'Illustration, not a guarantee of results.';

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

function canvasOf(width, height) {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c;
}

/**
 * A PNG Blob of the design: `{ kind, width, caption }` as in `exportOptions`, `logo` an
 * ImageBitmap or image (drawn in the footer). Throws in plain words on bad options.
 */
export async function exportPicture(app, { logo = null, ...options } = {}) {
  const o = exportOptions(options);
  const after = app.state.stage;
  const before = app.state.compare.before;
  const panels = o.kind === 'both' ? [before, after] : [o.kind === 'before' ? before : after];
  const out = canvasOf(o.width, o.height);
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, o.width, o.height);
  const font = (px, weight = 400) => `${weight} ${Math.round(px)}px system-ui, -apple-system, "Segoe UI", sans-serif`;
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
    // The stage, named on its picture.
    const label = app.labelOf(stage);
    ctx.font = font(unit * 2.4, 600);
    const pad = unit * 1.2;
    const w = ctx.measureText(label).width + pad * 2;
    ctx.fillStyle = 'rgba(255,255,255,0.9)';
    ctx.fillRect(x + pad, pad, w, unit * 4);
    ctx.fillStyle = '#1d2b33';
    ctx.textBaseline = 'middle';
    ctx.fillText(label, x + pad * 2, pad + unit * 2);
  });
  if (panels.length === 2) {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(o.panel - 1, 0, 2, o.panelHeight);
  }
  // Footer: caption on the left, logo and the notice on the right.
  const y = o.panelHeight + o.footer / 2;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#1d2b33';
  ctx.font = font(o.footer * 0.36, 600);
  ctx.fillText(o.caption, o.footer * 0.4, y, o.width * 0.55);
  let right = o.width - o.footer * 0.4;
  if (logo) {
    const h = o.footer * 0.7;
    const w = Math.min(o.width * 0.25, (logo.width / logo.height) * h);
    right -= w;
    ctx.drawImage(logo, right, y - h / 2, w, h);
    right -= o.footer * 0.4;
  }
  ctx.fillStyle = '#5b6b73';
  ctx.font = font(o.footer * 0.26);
  ctx.textAlign = 'right';
  ctx.fillText(NOTICE, right, y, o.width * 0.4);
  const blob = await new Promise((ok, fail) => out.toBlob((b) => (b ? ok(b) : fail(new Error('The browser could not make the picture (too large for this device?).'))), 'image/png'));
  const bytes = addText(new Uint8Array(await blob.arrayBuffer()), PNG_KEYWORD, JSON.stringify(app.getDesign()));
  return new Blob([bytes], { type: 'image/png' });
}
