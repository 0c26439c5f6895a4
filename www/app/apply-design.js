// Putting a design in the engine's place, for the app core (core.js): checked, applied at
// once, or shown after a preview was laid. Every way a design comes in (the page API, a
// file, a link, a consultation, a photo's head, undo and redo, a line drawn, a handle let
// go) goes through here, so each is copied, bounded and refused alike, in the page's own
// words. No DOM.

import { isEngineCrash } from './autosave.js';
import { refuseOverlongLists } from './design-file.js';

/** What a design that cannot be copied (a cycle, a function, nesting past the browser's depth) is told. */
const NOT_PLAIN = 'invalid design: it must be a plain object of numbers, strings and lists, not nested too deeply (a design file)';

/**
 * A copy of `design` the engine may take apart: the caller's object is never read again
 * (a page changing it later changes nothing), and a cycle or a function is refused here in
 * the page's words (the engine's conversion would recurse, issue 13).
 */
function plainCopy(design) {
  try {
    return structuredClone(design);
  } catch {
    throw new Error(NOT_PLAIN);
  }
}

/**
 * The engine's own Error for a refusal, as the page's Error; a crash (a panic: always a
 * bug, not bad input) stops the app through `crash` and is thrown as it came.
 */
function asRefusal(error, crash) {
  if (isEngineCrash(error)) {
    crash();
    return error;
  }
  return new Error(error?.message ?? String(error));
}

/**
 * The apply path of one app: `engine` the wasm exports, `designer` its Designer, `editor`
 * its handles, `previews` its previews on their way (previews.js), `state` and `notify`
 * the core's, `request(what)` asks for a frame, `lists` the limits of a design's lists,
 * `crash()` stops the app, `showMessage(text)` says a sentence, `figuresDue()` has the
 * figures counted on the next frame.
 */
export function createDesignApply({ engine, designer, editor, previews, state, notify, request, lists, crash, showMessage, figuresDue }) {
  /**
   * Throws the engine's Error when it would refuse `design`, changing nothing (a designer
   * of its own checks it: for a step that must not begin with a design it cannot end on).
   */
  function checkDesign(design) {
    const copy = plainCopy(design);
    let trial;
    try {
      trial = new engine.Designer(copy);
    } catch (error) {
      throw asRefusal(error, crash);
    } finally {
      trial?.free();
    }
  }

  /**
   * Shows the design the engine has just put in place (apply's, or a drag's last preview
   * laid to its end): `handles` as given or derived; `figuresNow` false when its dots are
   * still being laid. Returns the design.
   */
  function showApplied(handleList, { figuresNow = true } = {}) {
    const applied = designer.design();
    if (handleList) editor.handles = handleList;
    else {
      try { editor.derive(applied.hairline); } catch { editor.handles = []; }
    }
    state.handles = editor.handles;
    state.design = applied;
    notify('design');
    // The figures (the treated area, the shape's measures and advice) are counted on the
    // next frame, with the picture they go with: a 2,000-point line's design took this
    // thread 70–136 ms in one task with them, 100 ms being the most any task may take
    // (issue 13). `app.stats()` counts them at once for whoever asks before. A design whose
    // dots are still to lay (place) has them counted on the frame that shows its dots.
    if (figuresNow) figuresDue();
    showMessage('');
    request({ engine: true });
    return applied;
  }

  /**
   * Applies `design` now (throws the engine's Error, changing nothing); `handles` as given
   * or derived. Returns the design as the engine took it.
   */
  function apply(design, handleList) {
    refuseOverlongLists(design, lists);
    const copy = plainCopy(design);
    try {
      designer.set_design(copy);
    } catch (error) {
      throw asRefusal(error, crash); // a crash stops the app, whatever the caller does with it
    }
    // A preview not yet shown is older than this design (and the engine gave up laying it);
    // a refused design, above, changes nothing, a preview under way included.
    previews.clear();
    return showApplied(handleList);
  }

  /**
   * Puts a preview `{ design, handles }` in place now, its dots laid over the next frames
   * (previews.js `place`: a drag let go while its last move waited for a frame, whose laying
   * took 13–23 ms of the release's task on a tablet at 4× CPU, issue 12). Throws the
   * engine's Error, changing nothing. Returns the design, as apply does.
   */
  function place(entry) {
    let laid;
    try {
      laid = previews.place(entry);
    } catch (error) {
      throw asRefusal(error, crash);
    }
    return showApplied(entry.handles, { figuresNow: laid });
  }

  /**
   * The newest preview, when the engine has taken it, put in place now and shown (the
   * rest of its laying done at once): returns the engine's design; null when the newest
   * still waits for a frame or none is on its way.
   */
  function finishPreview() {
    const done = previews.finish();
    return done ? showApplied(done.handles) : null;
  }

  /**
   * A drag let go ends on its newest preview: the one the engine has taken finished where
   * it is; one still waiting for a frame put in place now, its dots laid over the next
   * frames (the engine's `place_in_parts`). Returns the engine's design, or null when none
   * is on its way (a photo's change gave its laying up). Throws the engine's refusal of a
   * preview put in place, changing nothing.
   */
  function endOnNewest() {
    const finished = finishPreview();
    if (finished) return finished;
    const latest = previews.take();
    return latest ? place(latest) : null;
  }

  /**
   * A slider's drag let go on `value` of `field`: the design its drag previewed, as
   * `endOnNewest` ends a drag (shown already, as it is). Returns that design, or null when
   * `value` is not this slider's preview (another slider's under two thumbs, or none
   * left), to be applied as any value.
   */
  function endSliderDrag(field, value) {
    const newest = previews.newest();
    if (!newest) {
      const shown = designer.design();
      return Object.is(shown[field], value) ? shown : null;
    }
    if (!newest.whole || newest.field !== field || !Object.is(newest.design[field], value)) return null;
    return endOnNewest();
  }

  return { checkDesign, apply, endOnNewest, endSliderDrag };
}
