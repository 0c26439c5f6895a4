// Keeps the last good design in this browser's localStorage, so that a reload, a closed
// tab or a crash does not lose a consultation's work; and turns an engine crash (a Rust
// panic: always a bug) into a clear message and a way back, instead of a page that half
// works. Only the design (numbers in mm) is stored, never a photo, and nothing leaves the
// device. Pure functions over an injected storage and event target, so node tests drive it.

/** localStorage key; the suffix is the design file version it holds. */
export const KEY = 'hairline-studio.design.v1';

/**
 * `storage` is a Web Storage (or any `{ getItem, setItem, removeItem }`); returns
 * `{ save(design), load(), clear() }`. Storage failures (private mode, quota) are ignored:
 * autosave is a convenience, never a reason to stop the designer.
 */
export function createAutosave(storage) {
  return {
    save(design) {
      try {
        storage?.setItem(KEY, JSON.stringify(design));
      } catch {
        /* full or disabled storage: keep working without autosave */
      }
    },
    /** The saved design object, or null when there is none or it is not JSON. */
    load() {
      try {
        const text = storage?.getItem(KEY);
        if (!text) return null;
        const value = JSON.parse(text);
        return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
      } catch {
        return null;
      }
    },
    clear() {
      try {
        storage?.removeItem(KEY);
      } catch {
        /* ignore */
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
