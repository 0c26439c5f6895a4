// What the app does with the moment of the treatment shown and the before/after compare:
// the stage (after which session, how long after), a session part-way laid (the demo), and
// the compare's mode, divider and "before" stage. Part of the
// app core: no DOM; `notify(...)` and `request(flags)` as in core.js.

/** The stage and compare actions over `designer` (the engine's) and the app's `state`. */
export function createStageActions({ designer, state, notify, request, refreshStats }) {
  return {
    getStage: () => designer.stage(),
    /**
     * Shows the treatment at another moment: `{ session }` (0 = before) and/or `{ age }`
     * ("fresh", "healed" or years). The session asked for is kept even when the plan has
     * fewer sessions (the engine shows the last), so adding a session back shows it again.
     * Throws on an unknown age before anything changes.
     */
    setStage(change) {
      const next = { ...state.stage, ...change };
      designer.set_stage(next.session, String(next.age));
      state.stage = next;
      refreshStats();
      request({ engine: true });
    },

    /**
     * Shows the shown session part-way laid: `progress` (0–1) of its impressions, in the
     * engine's laying order (the demo's attract loop). Not part of the design; 1 shows it done.
     */
    setLaid(progress) {
      const p = Number.isFinite(progress) ? Math.min(1, Math.max(0, progress)) : 1;
      if (p === state.laid) return;
      designer.set_progress(p);
      state.laid = p;
      notify('stage');
      request({ engine: true });
    },

    /**
     * Changes the compare: `{ mode, after, before, flipped }` (any of them). `after` is
     * clamped to 0–100 %; an unknown mode or a bad stage throws before anything changes.
     */
    setCompare(change) {
      const next = { ...state.compare, ...change };
      if (!['off', 'slider', 'side'].includes(next.mode)) throw new Error('compare: mode must be "off", "slider" or "side"');
      const after = Number(next.after);
      next.after = Number.isFinite(after) ? Math.min(100, Math.max(0, after)) : state.compare.after;
      next.flipped = Boolean(next.flipped);
      const repaint = next.mode !== state.compare.mode || JSON.stringify(next.before) !== JSON.stringify(state.compare.before);
      if (change.before) {
        designer.set_stage(next.before.session, String(next.before.age)); // throws on a bad stage
        designer.set_stage(state.stage.session, String(state.stage.age));
      }
      state.compare = next;
      notify('compare');
      request({ engine: repaint, beforeOnly: true });
    },
  };
}
