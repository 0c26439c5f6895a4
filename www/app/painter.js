// How the app core puts the engine's picture on a canvas: the live picture (whole, or a
// whole repaint spread over frames so that a phone's page keeps its frame rate, issue 12),
// the compare's two pictures (also in parts, shown together), and still pictures fitted to an export's canvas.
// It also knows whether the live picture is finished, which `ready` and `settled()` wait
// for. No DOM: contexts come from the views.

import * as viewport from './viewport.js';

/**
 * Painting time per frame for a whole repaint spread over frames (paintInParts), ms: with
 * the overlay and the browser's own work a frame stays under 16.7 ms on this machine and
 * under the 20 ms goal where a band takes longer (a phone: bands are checked
 * between, not cut).
 */
export const PAINT_BUDGET_MS = 8;

/**
 * Time per frame for laying a preview's dots (a slider's value, a handle's move) when it
 * takes more than a frame (a phone), ms; the frame's painting gets what is left of
 * PAINT_BUDGET_MS, and at least MIN_PAINT_MS (one band).
 */
export const LAY_BUDGET_MS = 6;
export const MIN_PAINT_MS = 2;

/**
 * A painter over `designer` (the engine's) for the app's `state`; `request(flags)` asks the
 * frame loop for another frame; `paperBackdrop` is the colour around the head in stills.
 * Returns `{ paint, paintInParts, paintCompareInParts, renderStill, pending, shown }` (`shown`: a live picture
 * has been put on a canvas).
 */
export function createPainter(designer, state, request, { paperBackdrop }) {
  let lastContext = null;
  // A whole picture painted over several frames is not done yet.
  let pending = false;
  // A live picture (whole or in parts) has been put on a canvas.
  let shown = false;

  /**
   * Shows the engine's picture of the current design in a 2D context (the canvas view), at
   * the stage shown or at `stage` (the compare's "before"). The engine repaints only what
   * changed since its last picture, so a picture for another canvas is painted whole.
   */
  function paint(context, stage = null) {
    cycle = null; // a whole picture ends a compare's cycle under way
    if (context !== lastContext) designer.invalidate();
    lastContext = context;
    if (!stage) pending = false; // the live picture, painted whole
    if (!stage) { designer.render(context); shown = true; return; }
    designer.set_stage(stage.session, String(stage.age));
    try {
      designer.render(context);
    } finally {
      designer.set_stage(state.stage.session, String(state.stage.age));
      designer.invalidate();
      lastContext = null;
    }
  }

  /**
   * Shows the engine's picture of the current design in `context` (the canvas view's), a
   * whole repaint spread over frames: at most `budgetMs` of painting per call, the
   * canvas keeping its last picture until a new one is finished. Returns `{ shown, done }`:
   * whether a new picture (at the current view) went on the canvas, and whether it shows
   * the design as it is; if not done, the next frame goes on (a picture finished while
   * changes came in is shown and painted again).
   */
  function paintInParts(context, budgetMs = PAINT_BUDGET_MS) {
    cycle = null; // compare turned off: a cycle under way ends (turned on again, it starts anew)
    if (context !== lastContext) designer.invalidate();
    lastContext = context;
    let progress;
    try {
      progress = designer.render_in_parts(context, budgetMs);
    } catch (error) {
      pending = false; // nothing waits for a picture that cannot come
      throw error;
    }
    const done = progress === 2;
    pending = !done;
    shown ||= progress > 0;
    // Going on is no new content: during a pinch or pan the moved picture is shown instead.
    if (!done) request({ engine: true, viewOnly: true });
    return { shown: progress > 0, done };
  }

  // The compare's cycle under way: the "before" picture painted in parts into a staging
  // canvas, then the live one in parts, then both shown in one frame (the two must match).
  let cycle = null;
  const stageKey = (s) => `${s.session}/${s.age}`;

  /**
   * The compare's two pictures, each a whole repaint spread over frames as `paintInParts`
   * does for the live one: first the "before" (at stage `before`) into `stagingContext`,
   * then the live picture into `liveContext`; the live one is put on its canvas when done,
   * and `{ shown: true }` tells the view to show the staged "before" in the same frame.
   * Painted whole in one frame, the two were 100–230 ms tasks on a photo at a close-up on
   * this machine at 1× (issue 13's soak, compare on, every edit). `liveIsCurrent`: the live
   * picture on screen already shows the design (compare turned on, another "before"): only
   * the "before" is painted. Returns `{ shown, done }` as `paintInParts` does; not done
   * while a cycle is under way, or when the design, view or stages changed during it (the
   * next frames paint both again).
   */
  function paintCompareInParts(liveContext, stagingContext, before, liveIsCurrent, budgetMs = PAINT_BUDGET_MS) {
    const now = { design: state.design, view: state.view, stage: stageKey(state.stage), before: stageKey(before) };
    if (!cycle) cycle = { ...now, step: 'before', skipLive: liveIsCurrent };
    const fail = (error) => { pending = false; cycle = null; throw error; };
    const goOn = () => { pending = true; request({ engine: true, viewOnly: true }); return { shown: false, done: false }; };
    let progress;
    if (cycle.step === 'before') {
      if (stagingContext !== lastContext) designer.invalidate();
      lastContext = stagingContext;
      designer.set_stage(before.session, String(before.age));
      try {
        progress = designer.render_in_parts(stagingContext, budgetMs);
      } catch (error) {
        fail(error);
      } finally {
        designer.set_stage(state.stage.session, String(state.stage.age));
      }
      if (progress === 0) return goOn();
      if (!cycle.skipLive) {
        cycle.step = 'live';
        return goOn();
      }
    } else {
      if (liveContext !== lastContext) designer.invalidate();
      lastContext = liveContext;
      try {
        progress = designer.render_in_parts(liveContext, budgetMs);
      } catch (error) {
        fail(error);
      }
      if (progress === 0) return goOn();
    }
    const started = cycle;
    cycle = null;
    const done = progress === 2 && Object.keys(now).every((k) => started[k] === now[k]);
    pending = !done;
    shown = true;
    if (!done) request({ engine: true, viewOnly: true });
    return { shown: true, done };
  }

  /**
   * Paints the design at `stage` fitted to `context`'s whole canvas (a picture to export),
   * leaving the view on screen as it was.
   */
  function renderStill(context, stage = state.stage) {
    designer.settle(); // a design put in place, its dots still coming (a drag just let go), is the one exported
    const { width, height } = context.canvas;
    const margin = viewport.pictureMargin(width, height);
    const onPhoto = state.photo?.loaded ? designer.fit_photo_view(width, height, margin) : [];
    if (onPhoto.length !== 3) designer.fit_view(width, height, margin);
    // Stills go on paper and into files: the template's light grey, whatever the page's theme.
    designer.set_backdrop(...paperBackdrop);
    try {
      paint(context, stage);
    } finally {
      designer.set_backdrop(...state.backdrop);
      designer.set_view(state.view.pxPerMm, state.view.offsetX, state.view.offsetY);
      designer.invalidate();
      lastContext = null;
      request({ engine: true });
    }
  }

  return { paint, paintInParts, paintCompareInParts, renderStill, get pending() { return pending; }, get shown() { return shown; } };
}
