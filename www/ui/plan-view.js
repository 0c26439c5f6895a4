// The treatment plan as a printable page: client reference and date, head and skin, style
// and hairline height, treated area per zone, impressions and hours per session, shade and
// dilution, needles, session spacing, the healing and fading forecast with top-up timing,
// before/after pictures and the notice. Every figure is the engine's (`app.plan`); this view
// only lays them out, its sentences in the page's language (app/plan-words.js). On screen it
// opens over the designer with Print and Close; the print stylesheet prints only the plan,
// on A4 or Letter, with no server involved.

import { exportPicture } from './export-png.js';
import { planContext } from '../app/page-api.js';
import { createListeners } from './listeners.js';
import { planWords } from '../app/plan-words.js';

/** An element with text (never HTML: a client reference is shown, not interpreted). */
function h(tag, text = '', attrs = {}) {
  const el = Object.assign(document.createElement(tag), attrs);
  if (text !== '') el.textContent = text;
  return el;
}

/**
 * A table of `rows` under `head`. With `stack`, each cell also carries its column's name,
 * shown only where the sheet is too narrow for the table (designer.css): each row then
 * stacks as a card of "name value" lines. (A name in the cell, not an attribute: the
 * translator translates text, so the names are in the page's language.)
 */
function table(head, rows, caption, { stack = false } = {}) {
  const t = h('table', '', stack ? { className: 'stack' } : {});
  if (caption) t.append(h('caption', caption));
  const thead = h('thead');
  const tr = h('tr');
  for (const c of head) tr.append(h('th', c, { scope: 'col' }));
  thead.append(tr);
  const tbody = h('tbody');
  for (const row of rows) {
    const r = h('tr');
    row.forEach((c, i) => {
      const cell = i === 0 ? h('th', '', { scope: 'row' }) : h('td');
      if (stack) cell.append(h('span', head[i], { className: 'column-name' }));
      cell.append(h('span', c));
      r.append(cell);
    });
    tbody.append(r);
  }
  t.append(thead, tbody);
  return t;
}

/**
 * The plan's sections as DOM, from the engine's plan object and the pictures' URLs, its
 * sentences in `lang` (app/plan-words.js; the headings are the markup's English, which the
 * translator turns into the page's language like every label).
 */
export function planSections(plan, pictures, lang = 'en', guesses = []) {
  const w = planWords(lang);
  const { int, pct } = w;
  const parts = [];
  const facts = h('dl', '', { className: 'plan-facts' });
  const fact = (term, value) => { if (value != null && value !== '') facts.append(h('dt', term), h('dd', value)); };
  fact('Client', plan.client_reference ?? '—');
  fact('Date', plan.date ?? '—');
  fact('Head', w.head(plan));
  fact('Skin', w.skin(plan));
  fact('Hair colour', w.hairColour(plan));
  fact('Style', plan.style === 'density-only' ? 'Density only (the hairline is kept)' : `${plan.style[0].toUpperCase()}${plan.style.slice(1)} hairline`);
  if (plan.hairline_height_mm != null) fact('Hairline height', w.hairlineHeight(plan.hairline_height_mm));
  fact('Density', w.density(plan));
  fact('Treated area', w.area(plan.treated_area_cm2));
  fact('Counted', w.counted(plan));
  fact('Impressions', w.impressions(plan));
  fact('Time', w.time(plan));
  parts.push(h('h2', 'The plan'));
  // What the page guessed on a client's photo, said before the figures that rest on it.
  if (guesses.length) {
    const list = h('ul', '', { className: 'plan-guesses' });
    for (const kind of guesses) list.append(h('li', w.guess(kind)));
    parts.push(list);
  }
  parts.push(facts);
  if (pictures.length) {
    const figure = h('figure', '', { className: 'plan-pictures' });
    for (const { url, alt } of pictures) figure.append(h('img', '', { src: url, alt }));
    figure.append(h('figcaption', w.notice(plan)));
    parts.push(figure);
  }
  parts.push(table(['Zone', 'Area', 'Impressions', 'Density'], plan.zones.map((z) => [
    w.zone(z), w.area(z.area_cm2), int(z.impressions), w.zoneDensity(z),
  ]), 'Treated area per zone'));
  parts.push(table(['Session', 'Day', 'Purpose', 'New impressions', 'Hours', 'Shade', 'Dilution (water : pigment)', 'Needles'], plan.sessions.map((s) => [
    String(s.session), w.day(s.day), w.purpose(s), int(s.new_impressions), w.hours(s.hours),
    pct(s.shade), w.ratio(s), s.needles.map((n) => (n.cartridge ? `${w.needle(n)} (${n.cartridge})` : w.needle(n))).join('; '),
  ]), w.sessionsCaption(plan), { stack: true }));
  parts.push(table(['When', 'Day', 'Pigment remaining', 'Compared with healed'], plan.forecast.map((f) => [
    w.forecastLabel(f, plan), int(f.day), pct(f.pigment_remaining), pct(f.relative_to_healed),
  ]), w.forecastCaption(plan)));
  parts.push(h('h3', 'Top-up'), h('p', w.topUp(plan)));
  const warnings = w.warnings(plan);
  if (warnings.length) {
    const list = h('ul');
    for (const warning of warnings) list.append(h('li', warning));
    parts.push(h('h3', 'Pigment notes'), list);
  }
  parts.push(h('p', w.notice(plan), { className: 'plan-notice' }));
  const sources = h('ul', '', { className: 'plan-sources' });
  for (const s of w.sources(plan)) sources.append(h('li', s));
  parts.push(h('h3', 'Sources of the figures'), sources);
  return parts;
}

/** The print-only rules for the page around the element while the sheet is open. */
const PAGE_PRINT_RULES = `@page { size: auto; margin: 14mm; }
@media print {
  [data-hairline-print="hide"] { display: none !important; }
  [data-hairline-print="path"] { position: static !important; transform: none !important; overflow: visible !important;
    height: auto !important; min-height: 0 !important; max-height: none !important; margin: 0 !important;
    padding: 0 !important; border: 0 !important; box-shadow: none !important; }
}`;

/**
 * While the plan sheet is open, a print shows the sheet alone, with the page's margins: the
 * clinic's own page around the element (its header, menus, footer) printed above and below
 * the plan, and the sheet's `@page` margin, in the shadow root, was ignored (browsers take
 * `@page` from the document only). Marks the element's way up to `<body>` and everything
 * beside it, and adds a print-only stylesheet to the document; returns the undoing.
 */
function printSheetAlone(host) {
  const doc = host?.ownerDocument;
  const view = doc?.defaultView;
  if (!host?.isConnected || !doc?.body || !view?.CSSStyleSheet || !('adoptedStyleSheets' in doc)) return () => {};
  // One sheet prints at a time: another designer's open sheet gives its marks up (with two,
  // the second found everything marked already and printed a blank page).
  printing.get(doc)?.();
  const sheet = new view.CSSStyleSheet();
  sheet.replaceSync(PAGE_PRINT_RULES);
  const marked = [];
  const mark = (el, how) => {
    if (el.hasAttribute('data-hairline-print')) return;
    el.setAttribute('data-hairline-print', how);
    marked.push(el);
  };
  for (let node = host; node && node !== doc.body && node.parentElement; node = node.parentElement) {
    mark(node, 'path');
    for (const sibling of node.parentElement.children) if (sibling !== node) mark(sibling, 'hide');
  }
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  const release = () => {
    if (printing.get(doc) !== release) return;
    printing.delete(doc);
    for (const el of marked) el.removeAttribute('data-hairline-print');
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
  };
  printing.set(doc, release);
  return release;
}

/** The undoing of the sheet that prints, per document. */
const printing = new WeakMap();

/** Mounts the plan dialog under `root` (#plan-dialog); `reference()` gives the client reference. */
export function mountPlanView(root, app, { reference, print = () => window.print() }) {
  const $ = (id) => root.getElementById(id);
  const el = { open: $('print-plan'), dialog: $('plan-dialog'), body: $('plan-body'), print: $('plan-print'), close: $('plan-close') };
  const urls = [];
  const listeners = createListeners();
  const { listen } = listeners;
  // While the sheet is open the designer behind it is inert, and Tab cycles within the
  // sheet (it is aria-modal: Tab from Close went on to the handles behind the dimmed cover,
  // where Escape no longer closed it).
  const behind = () => [...el.dialog.parentElement.children].filter((child) => child !== el.dialog);
  let releasePage = () => {};
  const close = () => {
    opens += 1;
    releasePage();
    releasePage = () => {};
    el.dialog.hidden = true;
    for (const child of behind()) child.inert = false;
    urls.splice(0).forEach((u) => URL.revokeObjectURL(u));
    el.open.focus();
  };
  const cycle = (e) => {
    if (e.key !== 'Tab') return;
    const stops = [...el.dialog.querySelectorAll('button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])')].filter((x) => !x.disabled && x.offsetParent !== null);
    if (stops.length === 0) return;
    const active = root.activeElement;
    const at = stops.indexOf(active);
    const next = e.shiftKey ? (at <= 0 ? stops.at(-1) : stops[at - 1]) : (at === -1 || at === stops.length - 1 ? stops[0] : stops[at + 1]);
    e.preventDefault();
    next.focus();
  };

  let opens = 0; // a close (or the designer's removal) while the picture is drawn stops the open
  async function open() {
    const opening = ++opens;
    let plan;
    try {
      plan = app.plan(planContext(app, { client_reference: reference() || null }));
    } catch (error) {
      app.showMessage(error?.message ?? String(error));
      return;
    }
    // The hand-over shows what the plan is for, whatever stage is on screen: it showed a
    // first session's fresh scabs under "after the planned sessions, healed".
    const stages = { before: { session: 0, age: 'healed' }, after: { session: app.limits.sessions.max, age: 'healed' } };
    let blob;
    try {
      blob = await exportPicture(app, { kind: 'both', width: 1600, stages });
    } catch (error) {
      // (A designer removed meanwhile has freed its engine: "null pointer passed to rust".)
      if (opening === opens) app.showMessage(error?.message ?? String(error));
      return;
    }
    if (opening !== opens) return; // (it left its marks on the page for good)
    const url = URL.createObjectURL(blob);
    urls.push(url);
    const photo = app.state.photo;
    const guesses = photo?.loaded ? [photo.guessedArea && 'area', !photo.calibrated && 'scale'].filter(Boolean) : [];
    el.body.replaceChildren(...planSections(plan, [{ url, alt: planWords(app.state.lang).alt }], app.state.lang, guesses));
    el.dialog.hidden = false;
    releasePage();
    releasePage = printSheetAlone(root.host);
    for (const child of behind()) child.inert = true;
    el.print.focus();
  }

  listen(el.open, 'click', open);
  listen(el.print, 'click', () => print());
  listen(el.close, 'click', close);
  listen(el.dialog, 'keydown', (e) => {
    if (e.key !== 'Escape') { cycle(e); return; }
    // The sheet's Escape closes the sheet only, not a clinic's <dialog> the designer sits in.
    e.preventDefault();
    e.stopPropagation();
    close();
  });
  // A kiosk's idle wipe: the sheet named the last visitor and showed their photo.
  const stop = app.subscribe((state, changes) => {
    if (!changes.has('wipe')) return;
    if (!el.dialog.hidden) close();
    else opens += 1; // (a sheet still being drawn would open over the next visitor)
  });
  return { open, dispose() { stop(); listeners.removeAll(); close(); } };
}
