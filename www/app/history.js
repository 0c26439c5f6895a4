// Undo and redo: a bounded list of snapshots with a cursor. Each snapshot is a whole
// editor state (design and handles), kept as its JSON text and parsed on the way out, so
// restoring one gives back exactly the earlier design (numbers round-trip through JSON
// exactly; designs hold no NaN, undefined or cycles) and no caller can change a kept one.
// Text, not object copies: a full history of 100 steps of a 2 KB design grew Chromium's JS
// heap by 1.0 MB as object copies and by 0.43 MB as text (measured; the e2e test in
// tests/e2e/reliability.test.mjs holds it under 0.7 MB).
// Pure (no DOM): node --test checks it.

/** A history of at most `limit` snapshots (oldest dropped first). */
export function createHistory(initial, limit = 100) {
  let entries = [JSON.stringify(initial)];
  let cursor = 0;
  return {
    /** Records `state` as the newest snapshot; forgets anything that was undone. */
    push(state) {
      entries = entries.slice(0, cursor + 1);
      entries.push(JSON.stringify(state));
      if (entries.length > limit) entries.splice(0, entries.length - limit);
      cursor = entries.length - 1;
    },
    /** Steps back; returns the snapshot to restore, or null at the oldest. */
    undo() {
      if (cursor === 0) return null;
      cursor -= 1;
      return JSON.parse(entries[cursor]);
    },
    /** Steps forward; returns the snapshot to restore, or null at the newest. */
    redo() {
      if (cursor >= entries.length - 1) return null;
      cursor += 1;
      return JSON.parse(entries[cursor]);
    },
    /** The snapshot at the cursor. */
    current: () => JSON.parse(entries[cursor]),
    get canUndo() { return cursor > 0; },
    get canRedo() { return cursor < entries.length - 1; },
  };
}
