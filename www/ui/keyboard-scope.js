// Which designer the keyboard belongs to when a page holds several. Keys and pastes arrive
// at the document; a designer hears those that come from inside it, and those aimed at no
// designer in particular (focus on the page's body) when it was the last one the visitor
// touched, clicked or focused (the first one on the page until then). So Ctrl+Z undoes in
// the designer the visitor is using, and never in both.

/** The designer (host element) each document's unaimed keys belong to. */
const owners = new WeakMap();

/** Whether `event` is for `host`: from inside it, or unaimed and `host` owns the document. */
export function isFor(host, event, owner) {
  const path = event.composedPath?.() ?? [];
  if (path.includes(host)) return true;
  if (path.some((node) => node !== host && node?.localName === host.localName)) return false;
  return owner === host;
}

/**
 * An event target for `host`'s shortcuts and pastes: `addEventListener(type, fn)` and
 * `removeEventListener(type, fn)` listen on `doc` and pass on only the events for `host`.
 * `dispose()` stops claiming the keyboard.
 */
export function createKeyScope(doc, host) {
  const claim = () => owners.set(doc, host);
  if (!owners.get(doc)?.isConnected) claim();
  host.addEventListener('pointerdown', claim, true);
  host.addEventListener('focusin', claim);
  const wrapped = new Map();
  return {
    addEventListener(type, fn) {
      const filter = (event) => { if (isFor(host, event, owners.get(doc))) fn(event); };
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
      host.removeEventListener('pointerdown', claim, true);
      host.removeEventListener('focusin', claim);
      for (const { type, filter } of wrapped.values()) doc.removeEventListener(type, filter);
      wrapped.clear();
      if (owners.get(doc) === host) owners.delete(doc);
    },
  };
}
