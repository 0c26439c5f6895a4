// Undo and redo: a bounded list of snapshots with a cursor. Each snapshot is a whole
// editor state (design and handles), kept as JSON text and parsed on the way out, so
// restoring one gives back exactly the earlier design (numbers round-trip through JSON
// exactly; designs hold no NaN, undefined or cycles) and no caller can change a kept one.
// Text, split by field and shared between steps: a step is the JSON text of each field of
// the state (one level into nested objects, so each field of the design), and when a step
// has the same fields as the step before, each field's text equal to that step's is that
// same string, not a copy. An edit changes one or two fields (the density, the hairline),
// so a step costs those fields and a small array of references, not a whole design. Values
// JSON leaves out (undefined, functions) are left out here too. Measured in Chromium, 150 density edits (a full history
// of a 4 KB design, tests/e2e/reliability.test.mjs): object copies grew the JS heap by
// 1.0 MB, whole texts by 0.34–0.43 MB, shared fields by 0.12–0.17 MB; after a warm-up on a full
// history (V8's compiled code left out), whole texts 0.30 MB, shared fields 0.05 MB (the test holds 0.15).
// Pure (no DOM): node --test checks it.

/**
 * The fields of `state` as `{ layout, texts }`: `layout` lists the keys (for an object
 * field, `[key, subkeys]`), `texts` each leaf field's JSON text in that order. Texts and
 * a layout equal to `previous`'s are `previous`'s own strings and array.
 */
const kept = ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';

function split(state, previous) {
  const layout = [];
  const texts = [];
  for (const [key, value] of Object.entries(state).filter(kept)) {
    // A plain object is split one level; anything JSON writes its own way (a Date's toJSON)
    // is one text.
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.toJSON !== 'function') {
      const inner = Object.entries(value).filter(kept);
      layout.push([key, inner.map(([k]) => k)]);
      for (const [, v] of inner) texts.push(JSON.stringify(v));
    } else {
      layout.push(key);
      texts.push(JSON.stringify(value));
    }
  }
  if (previous) {
    const same = JSON.stringify(layout) === JSON.stringify(previous.layout);
    return {
      layout: same ? previous.layout : layout,
      texts: same ? texts.map((t, i) => (t === previous.texts[i] ? previous.texts[i] : t)) : texts,
    };
  }
  return { layout, texts };
}

/** The state `split` took apart, as a new object. */
function join({ layout, texts }) {
  let i = 0;
  // Object.fromEntries defines each field as data, so even a field named __proto__ comes back.
  return Object.fromEntries(layout.map((entry) => (typeof entry === 'string'
    ? [entry, JSON.parse(texts[i++])]
    : [entry[0], Object.fromEntries(entry[1].map((k) => [k, JSON.parse(texts[i++])]))])));
}

/** A history of at most `limit` snapshots (oldest dropped first). */
export function createHistory(initial, limit = 100) {
  let entries = [split(initial, null)];
  let cursor = 0;
  return {
    /**
     * Records `state` as the newest snapshot and forgets anything that was undone; returns
     * false, recording nothing, when it is the state at the cursor already (a second tap on
     * the chosen preset made undo steps that changed nothing, so Undo looked broken).
     */
    push(state) {
      const next = split(state, entries[cursor]);
      if (next.layout === entries[cursor].layout && next.texts.every((t, i) => t === entries[cursor].texts[i])) return false;
      entries = entries.slice(0, cursor + 1);
      entries.push(next);
      if (entries.length > limit) entries.splice(0, entries.length - limit);
      cursor = entries.length - 1;
      return true;
    },
    /** Steps back; returns the snapshot to restore, or null at the oldest. */
    undo() {
      if (cursor === 0) return null;
      cursor -= 1;
      return join(entries[cursor]);
    },
    /** Steps forward; returns the snapshot to restore, or null at the newest. */
    redo() {
      if (cursor >= entries.length - 1) return null;
      cursor += 1;
      return join(entries[cursor]);
    },
    /** The snapshot at the cursor. */
    current: () => join(entries[cursor]),
    get canUndo() { return cursor > 0; },
    get canRedo() { return cursor < entries.length - 1; },
  };
}
