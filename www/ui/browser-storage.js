// This browser's storage as the designer may use it: each is null where the page may not
// (a sandboxed iframe, storage blocked by the visitor), so callers keep nothing rather than
// throw. Read by the element for its autosave, its tab's keep and its consultations, and
// by the poster to know whether a saved design will open.

/** The browser's storage, if this page may use it (a sandboxed iframe may not). */
export function localStorageOrNull() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** This tab's own storage (it outlives a reload; no other tab sees it), if the page may use it. */
export function sessionStorageOrNull() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** The browser's database, if this page may use it. */
export function indexedDbOrNull() {
  try {
    return window.indexedDB ?? null;
  } catch {
    return null;
  }
}
