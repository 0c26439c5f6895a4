// Undo and redo: a bounded list of snapshots with a cursor. Each snapshot is a whole
// editor state (design and handles), deep-copied in and out, so restoring one gives back
// exactly the earlier design. Pure (no DOM): node --test checks it.

/** A history of at most `limit` snapshots (oldest dropped first). */
export function createHistory(initial, limit = 100) {
  const copy = (s) => structuredClone(s);
  let entries = [copy(initial)];
  let cursor = 0;
  return {
    /** Records `state` as the newest snapshot; forgets anything that was undone. */
    push(state) {
      entries = entries.slice(0, cursor + 1);
      entries.push(copy(state));
      if (entries.length > limit) entries.splice(0, entries.length - limit);
      cursor = entries.length - 1;
    },
    /** Steps back; returns the snapshot to restore, or null at the oldest. */
    undo() {
      if (cursor === 0) return null;
      cursor -= 1;
      return copy(entries[cursor]);
    },
    /** Steps forward; returns the snapshot to restore, or null at the newest. */
    redo() {
      if (cursor >= entries.length - 1) return null;
      cursor += 1;
      return copy(entries[cursor]);
    },
    /** The snapshot at the cursor. */
    current: () => copy(entries[cursor]),
    get canUndo() { return cursor > 0; },
    get canRedo() { return cursor < entries.length - 1; },
  };
}
