// Live previews on their way to the engine (a slider's value, a handle's move): the newest
// waiting for a frame, one the engine is laying over frames, one laid and waiting to be
// shown. Part of the app core (core.js runs one step per frame); no DOM.
//
// Why over frames: on a phone at 4× CPU a density value is about 15 ms of laying and a
// handle move 16 ms, more than a frame with the painting (issue 12). A preview is laid at
// most `layBudgetMs` a frame; the canvas and figures show the design before until it is
// laid. Newer values wait for it, and also while a picture is painted over frames: laid on
// every frame, each re-laid every dot and the picture under way showed bands of several
// values (a handle's area started over with each move, and could stay unpainted until the
// hand rested); now each picture is of one value. A design laid over several frames is then
// shown a step a frame, so that no frame does two of them: the frame after the laying reads
// its figures and draws its line, the next begins its picture.

/**
 * The previews of `designer` (the engine's), laid at most `layBudgetMs` a frame. Each entry
 * is `{ design, handles, whole }` (`whole`: a value that re-lays every dot, a slider's).
 */
export function createPreviews(designer, { layBudgetMs }) {
  let pending = null; // the newest, waiting for a frame
  let laying = null; // being laid over frames
  let toShow = null; // laid over frames, shown from the next frame on

  /**
   * A laying the engine no longer does: a design put in place was laid at once by whoever
   * read its dots or figures (an export, the plan), and is shown like one laid over frames
   * (dropped, its figures stayed the design's before); a preview was given up for another
   * change.
   */
  function settledOrGivenUp() {
    if (!laying || designer.is_laying()) return;
    if (laying.placed) toShow = laying;
    laying = null;
  }

  return {
    /** Lays `next` on a frame (in place of one still waiting). */
    set(next) { pending = next; },

    /** The newest not yet in place (waiting, or being laid), taken away; or null. */
    take() {
      const latest = pending ?? laying;
      pending = null;
      laying = null;
      return latest;
    },

    /**
     * The newest, when the engine has taken it (being laid, or laid and not yet shown), put
     * in place now: the rest of its laying done at once (a drag let go ends on it; laying
     * it again from the start was 15–20 ms of the release on a tablet at 4× CPU, issue 12).
     * Null when the newest still waits for a frame, or none is on its way.
     */
    finish() {
      if (pending) return null;
      settledOrGivenUp();
      if (laying) designer.go_on_laying(Infinity);
      const done = laying ?? toShow;
      laying = null;
      toShow = null;
      return done;
    },

    /**
     * Puts `entry` in place now, in place of any other: the engine's design at once, its
     * dots laid for at most `budgetMs` now and then over the next frames as a preview's
     * (a drag let go while its last move waited for a frame; see the engine's
     * `place_in_parts`). Throws the engine's refusal, changing nothing. Returns whether its
     * dots are laid already.
     */
    place(entry, budgetMs = 0) {
      const done = designer.place_in_parts(entry.design, budgetMs);
      pending = null;
      toShow = null;
      laying = done ? null : { ...entry, placed: true };
      return done;
    },

    /** Forgets them all: a design was set, and the engine gave up laying any. */
    clear() {
      pending = null;
      laying = null;
      toShow = null;
    },

    /** The newest on its way (waiting, being laid, or laid and not yet shown), left in place; or null. */
    newest() { return pending ?? laying ?? toShow; },

    /** The design a slider's next value builds on: the newest whole value not yet shown, or null. */
    latestWhole() {
      if (pending?.whole) return pending.design;
      return laying?.whole ? laying.design : null;
    },

    /** Whether any is on its way (a finished picture waits for it). */
    get busy() { return Boolean(pending || laying || toShow); },

    /**
     * One frame's work, begun at `frameStart` (performance.now()), laying for at most
     * `budgetMs` (the app's share of `layBudgetMs` this frame); `painting` whether a picture
     * is painted over frames; `taken(entry)` hears of each preview the engine took (a valid
     * design, laid or not). Returns `{ laid, repaint, again, refused }`: the preview now in
     * place, to show (its figures read); whether the frame paints the picture (true, false,
     * or undefined: as it would anyway); whether another frame is needed; the engine's
     * refusal of the preview tried (it is dropped), or null.
     */
    step({ frameStart, painting, taken, budgetMs = layBudgetMs }) {
      settledOrGivenUp();
      const shown = toShow;
      toShow = null;
      const held = shown || laying || (pending && painting);
      let laid = null;
      let refused = null;
      try {
        if (shown) {
          laid = shown;
        } else if (laying && !painting) {
          // (Not while a picture is painted over frames: a design laid meanwhile would
          // change the dots under the bands still to paint.)
          if (designer.go_on_laying(budgetMs)) [toShow, laying] = [laying, null];
        } else if (pending && !held) {
          const next = pending;
          pending = null;
          const done = designer.lay_in_parts(next.design, budgetMs); // throws on a refused design
          taken(next);
          // (Laid at once but late in the frame, as on a phone: shown from the next frame on.)
          if (done && performance.now() - frameStart > budgetMs / 2) toShow = next;
          else if (done) laid = next;
          else laying = next;
        }
      } catch (error) {
        refused = error;
      }
      // A preview laid on this frame is shown and painted from the next; one shown on this
      // frame after laying over frames is painted from the next too.
      const repaint = toShow || shown ? false : laid ? true : undefined;
      return { laid, repaint, again: Boolean(held || laying || toShow), refused };
    },
  };
}
