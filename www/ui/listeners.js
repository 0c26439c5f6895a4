// Event listeners a view adds and later removes all at once: every view owns its
// listeners, so `dispose()` leaves nothing behind (two designers, or one remounted).

/** Returns `{ listen(target, type, fn, options), removeAll() }`; a missing target is skipped. */
export function createListeners() {
  const removers = [];
  return {
    listen(target, type, fn, options) {
      if (!target) return;
      target.addEventListener(type, fn, options);
      removers.push(() => target.removeEventListener(type, fn, options));
    },
    removeAll() { removers.splice(0).forEach((remove) => remove()); },
  };
}
