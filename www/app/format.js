// Formats the engine's figures for people: impressions, cm², impressions/cm².
// Pure functions (no DOM), so node --test checks them directly.

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** `{ dots, area_cm2, density_per_cm2 }` → display strings with units. */
export function formatStats(stats) {
  const ok = (x) => typeof x === 'number' && Number.isFinite(x);
  return {
    dots: ok(stats?.dots) ? integer.format(stats.dots) : '–',
    area: ok(stats?.area_cm2) ? `${oneDecimal.format(stats.area_cm2)} cm²` : '–',
    density: ok(stats?.density_per_cm2) ? `${integer.format(stats.density_per_cm2)} /cm²` : '–',
  };
}

/** One line for the status bar under the canvas. */
export function statusLine(stats) {
  const f = formatStats(stats);
  return `${f.dots} impressions · ${f.area} treated · avg ${f.density}`;
}

/** `text` as a sentence: trimmed, ending in a full stop unless it already ends in . ! or ?. */
export function sentence(text) {
  const t = String(text ?? '').trim();
  return t === '' || /[.!?…]$/.test(t) ? t : `${t}.`;
}

/**
 * At most `most` characters of `text` for a message: control characters shown as spaces,
 * an ellipsis when cut, so a hostile 10 MB value never fills the page.
 */
export function excerpt(text, most = 40) {
  const flat = String(text).slice(0, most + 1).replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return flat.length > most ? `${flat.slice(0, most)}…` : flat;
}
