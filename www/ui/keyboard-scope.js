// Which designer the keyboard belongs to when a page holds several, and when the keys belong
// to the clinic's page instead. Keys and pastes arrive at the document; a designer hears
// those that come from inside it, and those aimed at no element in particular (focus on the
// page's body) once the visitor has touched, clicked or focused it (the last one used), or,
// on a page that does not scroll (the designer is the page), the first one until then. So
// Ctrl+Z undoes in the designer the visitor is using, and never in both; and a key aimed at
// the page's own controls (a booking dialog's button, a form field), or pressed on a
// scrolling page before the visitor used any designer, is the page's: Escape closes the clinic's dialogs and Space
// scrolls. (Until then every key on the page went to the first designer.) A touch on the
// designer takes the keyboard from a field of the page: Ctrl+Z after drawing undid the
// visitor's typing in the clinic's form and left the stroke.

/** The designer (host element) each document's unaimed keys belong to. */
const owners = new WeakMap();

/**
 * Whether the page around `host` scrolls (else the designer is the page, as on the project's
 * own): its document, any box it sits in (an app shell scrolling a <main>, across shadow
 * roots), or the page around a frame it is in (a frame's own document rarely scrolls, but
 * the wheel over it scrolls the page outside).
 */
export function pageScrolls(host) {
  const doc = host.ownerDocument;
  const win = doc.defaultView;
  if (win && win !== win.top) return true;
  for (let el = host.parentElement ?? host.getRootNode?.().host; el && el !== doc.body && el !== doc.documentElement;
    el = el.parentElement ?? el.getRootNode?.().host) {
    const overflow = win?.getComputedStyle(el).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && el.scrollHeight > el.clientHeight + 1) return true;
  }
  const page = doc.scrollingElement ?? doc.documentElement;
  return page.scrollHeight > page.clientHeight + 1;
}

/** The element that has the keyboard in `doc`, inside shadow roots too. */
function focused(doc) {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Whether `event` is for `host`: from inside it, or unaimed and `host` owns the document. */
export function isFor(host, event, owner) {
  const path = event.composedPath?.() ?? [];
  if (path.includes(host)) return true;
  if (path.some((node) => node !== host && node?.localName === host.localName)) return false;
  // Aimed at an element of the page (not its body): that element's key.
  const aimed = path[0];
  if (aimed && !['body', 'html'].includes(aimed.localName) && aimed.nodeType !== 9 && aimed !== event.view) return false;
  return owner === host;
}

/**
 * An event target for `host`'s shortcuts and pastes: `addEventListener(type, fn)` and
 * `removeEventListener(type, fn)` listen on `doc` and pass on only the events for `host`.
 * `dispose()` stops claiming the keyboard.
 */
export function createKeyScope(doc, host) {
  const claim = () => owners.set(doc, host);
  // The designer the page's unaimed keys go to: the one used last; before any was used, the
  // page's first designer when the page does not scroll (the designer is the page: + zooms
  // at once), else none (Space and the arrows scroll the clinic's page).
  const owner = () => {
    const used = owners.get(doc);
    if (used?.isConnected) return used;
    return !pageScrolls(host) && doc.querySelector(host.localName) === host ? host : undefined;
  };
  const touched = () => {
    claim();
    // The drawing surface keeps the focus where it was (its pointer events are cancelled):
    // a field of the page kept it, and in a frame the frame never got it. Nothing of the
    // page keeps it now, and a designer in a frame gets the keyboard.
    const active = focused(doc);
    const ours = active === host || host.contains(active) || host.shadowRoot?.contains(active);
    if (active && !ours && active !== doc.body) active.blur?.();
    if (doc.defaultView && doc.defaultView !== doc.defaultView.top && !doc.hasFocus()) doc.defaultView.focus();
  };
  host.addEventListener('pointerdown', touched, true);
  host.addEventListener('focusin', claim);
  host.addEventListener('input', claim); // a control changed by any means (a screen reader's too)
  const wrapped = new Map();
  return {
    /** Whether the visitor has used this designer last (touched, clicked or focused it). */
    owns: () => owner() === host,
    addEventListener(type, fn) {
      const filter = (event) => { if (isFor(host, event, owner())) fn(event); };
      wrapped.set(fn, { type, filter });
      doc.addEventListener(type, filter);
    },
    removeEventListener(type, fn) {
      const entry = wrapped.get(fn);
      if (!entry) return;
      doc.removeEventListener(entry.type, entry.filter);
      wrapped.delete(fn);
    },
    dispose() {
      host.removeEventListener('pointerdown', touched, true);
      host.removeEventListener('focusin', claim);
      host.removeEventListener('input', claim);
      for (const { type, filter } of wrapped.values()) doc.removeEventListener(type, filter);
      wrapped.clear();
      if (owners.get(doc) === host) owners.delete(doc);
    },
  };
}
