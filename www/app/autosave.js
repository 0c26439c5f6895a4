// Keeps the last good design in this browser's localStorage, so that a reload, a closed
// tab or a crash does not lose a consultation's work; and turns an engine crash (a Rust
// panic: always a bug) into a clear message and a way back, instead of a page that half
// works. Only the design (numbers in mm) is stored, never a photo, and nothing leaves the
// device. Pure functions over an injected storage and event target, so node tests drive it.

/** localStorage key; the suffix is the design file version it holds. */
export const KEY = 'hairline-studio.design.v1';
/**
 * The field a saved design carries when it was made on the generated thinning-hair head:
 * its Ludwig grade (1–3), so a reload makes that head again instead of the short-haired
 * one. The page's own note, taken off before the design goes to the engine.
 */
export const LONG_HAIR_KEY = 'page_long_hair_ludwig';
/** Where a save is written and checked before it replaces the good one. */
export const STAGING_KEY = `${KEY}.next`;
/** The good design before the current one, kept in case the current one will not load. */
export const PREVIOUS_KEY = `${KEY}.previous`;

/** A stored text as a design object, or null (missing, not JSON, not an object). */
function parseDesign(text) {
  if (!text) return null;
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * `storage` is a Web Storage (or any `{ getItem, setItem, removeItem }`) and `key` where
 * this designer keeps its design (two designers on one page use two keys); `tabStorage`,
 * if given, this tab's own (sessionStorage: it outlives a reload of the tab, no other tab
 * sees it). Returns `{ save(design), candidates(), load(), clear() }`.
 *
 * Never lose a design (issue 13): a save is written to a staging key, read back and
 * compared, and only then replaces the saved design, whose previous version is kept too; a
 * failed, partial or corrupt write leaves the good ones as they were. `save` returns
 * `true`, or `false` when the storage is full or blocked (the caller says so once: the
 * design stays on screen). Nothing here ever throws.
 *
 * Two tabs of the designer share `storage`: each save there replaced the other tab's, and
 * a reload of the first brought back the second's design as "your last design" (its own
 * gone for good after two edits there). Each save also goes to the tab's own storage, and
 * a reload takes the tab's own design first; a new tab, with nothing of its own, opens the
 * newest design of the device.
 */
export function createAutosave(storage, key = KEY, tabStorage = null) {
  const device = savedSlot(storage, key);
  const tab = tabStorage ? savedSlot(tabStorage, key) : null;
  return {
    save(design) {
      let text;
      try {
        text = JSON.stringify(design);
      } catch {
        return false;
      }
      tab?.save(text);
      return device.save(text);
    },
    /** The saved designs to try, newest first: this tab's (current, previous), then the device's. */
    candidates() {
      return [...(tab?.texts() ?? []), ...device.texts()].map(parseDesign).filter(Boolean);
    },
    /** The newest saved design object, or null. */
    load() {
      return this.candidates()[0] ?? null;
    },
    clear() {
      tab?.clear();
      device.clear();
    },
  };
}

/** One storage's saved design under `key`: written, checked, then replacing the good one. */
function savedSlot(storage, key) {
  const keys = { current: key, staging: `${key}.next`, previous: `${key}.previous` };
  const get = (name) => {
    try {
      return storage?.getItem(name) ?? null;
    } catch {
      return null;
    }
  };
  return {
    save(text) {
      try {
        if (!storage) return false;
        storage.setItem(keys.staging, text);
        if (storage.getItem(keys.staging) !== text || !parseDesign(text)) return false;
        const current = storage.getItem(keys.current);
        if (current && current !== text && parseDesign(current)) storage.setItem(keys.previous, current);
        storage.setItem(keys.current, text);
        if (storage.getItem(keys.current) !== text) return false;
        storage.removeItem(keys.staging);
        return true;
      } catch {
        return false; /* full or disabled storage: the design stays on screen */
      }
    },
    /** The stored texts, newest first: the current one, then the one before it. */
    texts() {
      return [get(keys.current), get(keys.previous)];
    },
    clear() {
      for (const name of Object.values(keys)) {
        try {
          storage?.removeItem(name);
        } catch {
          /* ignore */
        }
      }
    },
  };
}

/**
 * Whether `error` is the engine trapping: a Rust panic aborts as `unreachable`, and every
 * later call on the same handle then fails with wasm-bindgen's "recursive use" guard.
 */
export function isEngineCrash(error) {
  if (!error) return false;
  if (typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError) return true;
  const text = `${error?.message ?? error}`;
  return /unreachable|panicked at|recursive use of an object/.test(text);
}

/**
 * Calls `onCrash(error)` once when `target` (a window) reports an engine crash through an
 * uncaught error or an unhandled rejection. Returns a function that stops listening.
 */
export function watchForCrash(target, onCrash) {
  let fired = false;
  const check = (error) => {
    if (!fired && isEngineCrash(error)) {
      fired = true;
      onCrash(error);
    }
  };
  const onError = (event) => check(event.error ?? event.message);
  const onRejection = (event) => check(event.reason);
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
