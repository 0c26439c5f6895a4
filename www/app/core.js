// The designer's app core: one design's state and every action on it, with no DOM. Views
// turn pointer, key and control events into these actions and subscribe to the state;
// data flows one way: an action changes the state (through the engine, which validates
// every design), subscribers are told what changed, and at most once per frame the
// engine's picture is painted by whoever subscribed to frames. Undo history, the autosave
// (through an injected Web Storage), the treatment stage and the view live here; each app
// owns its own, so two designers on one page never share a thing.

import { wordsLanguage } from './words.js';
import { createTabKeep } from './tab-keep.js';
import { createPhotoWork } from './photo-work.js';
import { createStageActions } from './stage-actions.js';
import { createHistory } from './history.js';
import { createAutosave, KEY, LONG_HAIR_KEY } from './autosave.js';
import { createEditor, flatten } from './editor.js';
import { createFrameLoop } from './frame-loop.js';
import { createLineGestures } from './line-gestures.js';
import { createPhotoActions } from './photo-actions.js';
import { createHeadActions } from './head-actions.js';
import { createOpenDesign } from './open-design.js';
import { createHeadPictures } from './head-pictures.js';
import { createPainter, PAINT_BUDGET_MS, LAY_BUDGET_MS, MIN_PAINT_MS } from './painter.js';
import { createFrameBudget } from './frame-budget.js';
import { createPreviews } from './previews.js';
import { createViewActions } from './view-actions.js';
import { inPageWords } from './format.js';
import { createDesignApply } from './apply-design.js';

/**
 * `engine` is the wasm module's exports (after `init`); `storage` a Web Storage or null;
 * `tabStorage` this tab's own (sessionStorage) or null: a reload takes this tab's design
 * before the device's newest, which another tab may have written (autosave.js);
 * `storageKey` where this app's autosave lives; `keep` false when it keeps nothing on purpose
 * (a kiosk, storage-key="none"): no warning then that the design is not saved; `schedule(fn)` runs `fn` at the next frame;
 * `decodePhoto(file, limits, onProgress)` → `{ width, height, data, originalWidth, originalHeight }`;
 * `layBudgetMs` the time a frame gives to laying a preview (LAY_BUDGET_MS; 0 lays one strip
 * of the scalp a frame, as a slow phone does: the tests' setting); `afterTask(fn)` runs `fn`
 * once the page's thread is free after the current task (the page: a MessageChannel), so that
 * each frame's cost sets the next one's share of the budgets (frame-budget.js); without it
 * the budgets stay whole.
 * Returns the app: `state`, `limits`, `marks`, `subscribe`, `onFrame`, `ready`, and actions.
 */
export function createApp({ engine, storage = null, tabStorage = null, storageKey = KEY, keep = true, schedule, afterTask = null, decodePhoto, layBudgetMs = LAY_BUDGET_MS }) {
  const limits = engine.limits();
  // The engine's light grey around the head: the stage's until the page's theme says
  // otherwise, and always that of pictures for paper and files.
  const paperBackdrop = [...engine.Designer.default_backdrop()];
  const marks = engine.templateLandmarks();
  // (Made from the engine's own default, not converted out and back in: issue 12, first dots.)
  const designer = engine.Designer.for_default_design();
  const editor = createEditor(engine, { midline: limits.template.midline_x });
  const autosave = createAutosave(storage, storageKey, tabStorage);
  const subscribers = new Set();
  const painters = new Set();
  let history = null;
  const previews = createPreviews(designer, { layBudgetMs }); // a slider's values, a handle's moves
  const budget = createFrameBudget(); // the share of the budgets this device's frames afford
  let disposed = false; // dispose() freed the engine's designer: nothing runs after
  let storageWarned = false;
  let resolveReady;
  const ready = new Promise((resolve) => { resolveReady = resolve; });
  // The end of the first frame that put the design's picture on the canvas (its guides and
  // handles follow on the next: `ready` waits for them).
  let resolveFirstPicture;
  const firstPicture = new Promise((resolve) => { resolveFirstPicture = resolve; });
  // Callers of settled(), waiting for a finished picture.
  const settling = [];

  /** Everything the views show. Views read it; only actions change it. */
  const state = {
    design: designer.design(),
    stats: null,
    shown: null, // the stage the engine shows: { session, sessions, age, label }
    measures: null,
    advice: [],
    handles: [],
    stage: { session: limits.sessions.max, age: 'healed' }, // the engine shows the plan's last session
    view: { pxPerMm: 1, offsetX: 0, offsetY: 0, ratio: 1, fitPxPerMm: 1 },
    size: { width: 1, height: 1, ratio: 1 },
    mirror: true,
    moveMode: false,
    spaceHeld: false,
    // A pinch, pan or wheel zoom under way: the canvas moves its last picture (CSS) and the
    // engine paints the new view once the gesture ends (issue 12: a whole phone frame is
    // 30–100 ms of work on this machine, several times that on a phone).
    viewGesture: false,
    guides: true,
    cleared: false,
    stroke: null, // [[x, y, pressure], …] mm while drawing
    active: -1, // the handle being dragged
    dragging: false,
    message: { text: '', info: false },
    history: { canUndo: false, canRedo: false },
    crashed: null, // { onPhoto } once the engine has stopped
    // Before/after: `mode` 'off' | 'slider' | 'side'; `after` the % of the width showing
    // the current stage; `before` the stage it is compared with; `flipped` puts after on the left.
    compare: { mode: 'off', after: 50, before: { session: 0, age: 'healed' }, flipped: false },
    laid: 1, // share of the shown session laid so far (the demo animates it; 1 otherwise)
    photo: null, // set by the photo actions
    // The colour around the head or photo on screen, [r, g, b] (the page's theme; the
    // engine's light grey until the view says otherwise); stills for paper keep the grey.
    backdrop: [...paperBackdrop],
    // The visitor's language for the sentences the page builds from figures (app/words.js).
    lang: 'en',
  };

  const notify = (...changes) => {
    const what = new Set(changes);
    for (const fn of [...subscribers]) fn(state, what);
  };

  const frames = createFrameLoop(schedule, (dirty) => {
    if (disposed) return;
    let repaint = dirty.engine;
    const frameStart = performance.now();
    // The figures of a design set since the last frame (apply): counted here, before the
    // painters draw the guides with its measures.
    if (figuresDue) refreshStats();
    // This frame's share of the budgets, from the frames before (frame-budget.js), and
    // whether it lays or paints within them (only such frames' cost is the budgets').
    const share = budget.share;
    const laying = previews.busy;
    paintedInParts = false;
    // A preview is laid over as many frames as it takes (issue 12; see previews.js).
    const step = previews.step({
      frameStart,
      budgetMs: layBudgetMs * share,
      painting: painter.pending,
      // A drag let go now settles on it.
      taken: (next) => { if (gestures.dragging) gestures.accepted({ design: next.design, handles: next.handles }); },
    });
    if (step.again) request({ engine: true });
    if (step.refused) showMessage(`${inPageWords(step.refused?.message ?? step.refused)} The last valid line is kept.`);
    if (step.laid) {
      refreshStats();
      showMessage('');
    }
    if (step.repaint !== undefined) repaint = step.repaint;
    // What is left of the frame's painting time after the laying.
    paintBudget = PAINT_BUDGET_MS * share - (performance.now() - frameStart);
    // Only the view changed, by a gesture: the painters may move the last picture instead.
    const preview = repaint && state.viewGesture && !dirty.content;
    // Only the compare's mode or "before" changed, and the live picture on the canvas is
    // finished: the painters need not paint it again.
    const beforeOnly = repaint && dirty.beforeOnly && step.repaint === undefined && !painter.pending;
    // A painter returns { again: true } to finish its part on the next frame (the canvas
    // view draws the guides a frame after the first picture).
    let again = false;
    for (const paint of [...painters]) again = paint({ repaint, preview, beforeOnly })?.again || again;
    if (painter.shown && resolveFirstPicture) {
      resolveFirstPicture();
      resolveFirstPicture = null;
    }
    if (again) request();
    // What the frame cost the page's thread, the browser's work on it included, tells the next.
    if (laying || paintedInParts) afterTask?.(() => budget.ended(performance.now() - frameStart));
    // The first picture, or the one asked for, is not done yet; nor during a pinch, pan or
    // wheel run, whose moved picture is not the view's own; nor with a value still to lay.
    if (again || painter.pending || state.viewGesture || previews.busy) return;
    resolveReady?.();
    resolveReady = null;
    for (const settle of settling.splice(0)) settle();
  });
  const request = (what) => frames.request(what);
  const painter = createPainter(designer, state, request, { paperBackdrop });
  const view = createViewActions({ designer, limits, state, notify, request, paperBackdrop });
  const stages = createStageActions({ designer, state, notify, request, refreshStats });
  const { fit, setView } = view;
  const { paint, renderStill } = painter;
  // This frame's painting time, less what laying a preview took of it.
  let paintBudget = PAINT_BUDGET_MS;
  let paintedInParts = false; // this frame painted within its budget
  const paintInParts = (context) => {
    paintedInParts = true;
    return painter.paintInParts(context, Math.max(MIN_PAINT_MS, paintBudget));
  };
  const paintCompareInParts = (liveContext, stagingContext, before, liveIsCurrent) => {
    paintedInParts = true;
    return painter.paintCompareInParts(liveContext, stagingContext, before, liveIsCurrent, Math.max(MIN_PAINT_MS, paintBudget));
  };

  function showMessage(text, { info = false } = {}) {
    state.message = { text, info };
    notify('message');
  }

  /** The engine has stopped (a panic: always a bug): no more edits; the views say so. */
  function crash() {
    if (state.crashed) return;
    state.crashed = { onPhoto: Boolean(state.photo?.loaded) };
    notify('crash');
  }

  // A design was set and its figures are still to count: on the next frame, a task of
  // its own (apply).
  let figuresDue = false;
  // Every design put in place: checked, copied, applied or shown after its laying (apply-design.js).
  const { checkDesign, apply, endOnNewest, endSliderDrag } = createDesignApply({
    engine, designer, editor, previews, state, notify, request, lists: limits.lists, crash, showMessage,
    figuresDue: () => { figuresDue = true; },
  });

  /** Re-reads the figures, the stage shown and the shape advice after a change. */
  function refreshStats() {
    figuresDue = false;
    state.stats = designer.stats();
    state.shown = designer.stage();
    state.design = designer.design();
    state.measures = engine.measureHairline(flatten(state.design.hairline), state.design.head?.sex);
    // The shape rules measure against the template's brows and eye corners: on a photo they
    // would warn about the wrong face, so only the engine's own warnings are shown there.
    // Density-only ignores the hairline, so its shape rules do not apply either. Warnings
    // come from the engine as { code, field, message }, already in the page's words.
    // The top view has no brows or eye corners to measure against either.
    const shapeWarnings = state.photo?.loaded || state.design.style === 'density-only' || state.design.head?.view === 'top' ? [] : state.measures.warnings;
    state.advice = [...shapeWarnings, ...state.stats.warnings].map((w) => w.message);
    notify('stats');
    photo.refresh();
  }

  /**
   * The design as it is saved, shared and kept in a consultation: with the Ludwig grade of
   * the long-haired head when that is shown (`LONG_HAIR_KEY`, which the engine ignores), so
   * opening it makes that head again.
   */
  function savedDesign(design = designer.design()) {
    const longHair = state.photo?.ludwig ?? null;
    return longHair ? { ...design, [LONG_HAIR_KEY]: longHair } : design;
  }

  /**
   * Saves the design on this device: on the template, and on the thinning-hair head (made
   * again from the design's seed and the saved Ludwig grade at the next start); not on a
   * client's photo, which is never stored, so its photo-relative design could not come back.
   * (`design`: the engine's design when the caller has just read it; else read here.)
   */
  function autosaveDesign(design) {
    // `keep` false: this designer keeps nothing on purpose (a kiosk, storage-key="none"),
    // so a save that does not happen is no storage trouble to warn of.
    if (!keep) return;
    if (state.photo?.loaded && !state.photo?.ludwig) { photoWork.keep(); return; }
    photoWork.leave(); // back on the template: that photo's work is done
    if (!autosave.save(savedDesign(design)) && !storageWarned) {
      storageWarned = true; // said once: the design stays on screen, only a reload would lose it
      showMessage("This browser's storage is full or blocked: your design stays on screen, but it will not be restored if the page reloads.", { info: true });
    }
  }

  // A client's photo work and typed words, kept in this tab across a reload (app/tab-keep.js).
  const tabKeep = createTabKeep({ tabStorage, storageKey, keep });
  const photoWork = createPhotoWork({
    tabKeep, state, designer, savedDesign, digest: () => core.photo.actions.digest(),
    openDesign: (...args) => openDesign(...args), showMessage,
  });
  const resumePhotoWork = photoWork.resume;

  // (`design`: the engine's design, when the caller has just read it: a 2,000-point line is
  // milliseconds to read out again.)
  const snapshot = (design = designer.design()) => ({ design, handles: editor.handles });

  function showHistory() {
    state.history = { canUndo: history.canUndo, canRedo: history.canRedo };
    notify('history');
  }

  /**
   * Records the current design as one undo step and saves it (`design`: the engine's
   * design, when the caller has it from `apply`).
   */
  function commit(design = designer.design()) {
    history.push(snapshot(design));
    autosaveDesign(design);
    showHistory();
  }

  function restore(snap) {
    if (!snap) return;
    state.cleared = false;
    apply(snap.design, snap.handles);
    autosaveDesign(); // an undo or redo is an edit too: a reload must not bring the undone back
    showHistory();
  }

  const setMirror = (on) => { editor.mirror = on; state.mirror = !!on; notify('tools'); };
  const setGuides = (on) => { state.guides = !!on; notify('tools'); request(); };

  /**
   * Live preview of one field while a slider moves: applied on the next frame, or, for a
   * value that repaints the whole picture, once the picture being painted is shown.
   */
  function preview(field, value) {
    // (On a value still waiting: two sliders moved at once keep both.)
    const base = previews.latestWhole() ?? designer.design();
    previews.set({ design: { ...base, [field]: value }, handles: editor.handles, whole: field !== 'marks', field });
    request({ engine: true });
  }

  /** One field set as one undo step; a refused value is said and changes nothing. */
  function setField(field, value) {
    try {
      commit(apply({ ...designer.design(), [field]: value }, editor.handles));
    } catch (error) {
      showMessage(error.message);
    }
  }

  /**
   * A slider's pointer drag let go on `value`: one undo step, ending on the value its drag
   * showed (apply-design.js `endSliderDrag`), not laid again in the release's `change`
   * event (45–60 ms of that task for a density value on a tablet at 4× CPU, issue 12). A
   * key's step on a slider is `setField`: each step of a held key laid at once and shown.
   */
  function releaseSlider(field, value) {
    try {
      commit(endSliderDrag(field, value) ?? apply({ ...designer.design(), [field]: value }, editor.handles));
    } catch (error) {
      showMessage(error.message);
    }
  }

  /** Internals shared with the line gestures and the photo actions (not part of the app API). */
  const core = {
    engine, designer, editor, limits, marks, state, notify, request, apply, checkDesign, commit, restore, fit, refreshStats,
    showMessage, setMirror, setGuides, setView, snapshot, currentSnapshot: () => history.current(), resumePhotoWork,
    preview, setField,
    // (A design opened over a client's photo sets the photo's work aside, not on a designer
    // that keeps nothing: open-design.js.)
    photoWorkAside: () => (keep ? photoWork.aside() : async () => false),
    setPending(next) { previews.set(next); request({ engine: true }); },
    /**
     * Starts the undo history afresh from the design shown: after another head (a photo
     * loaded, the thinning-hair head, back to the template), whose designs are in another
     * frame's millimetres (undo past a photo load laid the template's line over the photo).
     */
    newHistory() { history = createHistory(snapshot()); showHistory(); heads.forgetViews(); },
    /** The preview not yet in place (waiting for a frame, or being laid), taken away: `{ design, handles }` or null. */
    takePreview: () => previews.take(),
    endOnNewest, // a drag let go ends on its last move (apply-design.js)
    decodePhoto,
    /** Resolves once the next frame has painted (a progress bar shows before a long step). */
    afterPaint: () => new Promise((ok) => { schedule(() => setTimeout(ok, 0)); }),
  };
  const photo = createPhotoActions(core);
  const headPictures = createHeadPictures(engine, (design, size) => photo.actions.pictureOf(design, size));
  core.photo = photo;
  const gestures = createLineGestures(core);
  const heads = createHeadActions(core);
  core.forgetViews = heads.forgetViews; // (a design opened from elsewhere: open-design.js)
  const openDesign = createOpenDesign(core);

  // Boot: the newest saved design the engine accepts; an unusable one never hides the one before.
  let restored = false;
  let restoredLongHair = null; // the Ludwig grade of the thinning-hair head it was saved on
  for (const { [LONG_HAIR_KEY]: longHair, ...saved } of autosave.candidates()) {
    try {
      designer.set_design(saved);
      restored = true;
      restoredLongHair = [1, 2, 3].includes(longHair) ? longHair : null;
      break;
    } catch {
      /* from an older or broken page: try the previous one, else start from the template */
    }
  }
  editor.derive(designer.design().hairline);
  state.handles = editor.handles;
  state.design = designer.design();
  history = createHistory(snapshot());
  refreshStats();
  photo.analyse();
  // (On the long-haired head there is no line to reset: density-only follows her hair.)
  const restoredWords = restoredLongHair
    ? 'Restored your last design from this device, on the long-haired head.'
    : "Restored your last design from this device. \"Reset to preset line\" starts the line over.";
  if (restored) state.message = { text: restoredWords, info: true };
  if (tabKeep.photoWork.waiting.size > 0) {
    state.message = { text: "Your work on a client's photo was not kept across the reload: the photo never leaves this page. Load the same photo again to go on with its design.", info: true };
  }
  // Saved on the thinning-hair head: that head is made again (from the design's seed, so
  // the same head and scalp) and the design laid on it; `ready` waits for it.
  // Started after the first picture, once the views have given the photo actions their
  // engine worker (started here, the head was made on this thread: a second's block).
  const restoring = restoredLongHair
    ? firstPicture
      .then(() => photo.actions.thinning(restoredLongHair, { design: designer.design() }))
      .then(() => { if (!state.message.text) showMessage(restoredWords, { info: true }); })
    : null;

  return {
    state,
    limits,
    marks,
    ready: restoring ? Promise.all([ready, restoring]).then(() => new Promise((ok) => { settling.push(ok); request(); })) : ready,
    /**
     * Resolves at the end of the first frame with the design's picture on the canvas, its
     * guides and handles drawn on the next (issue 12: first dots after navigation); `ready`
     * resolves once they are.
     */
    firstPicture,
    /** Whether a design saved on this device was restored at start. */
    restored,
    /** `fn(state, changes)` after every action (`changes`: a Set of what changed); returns an unsubscribe. */
    subscribe(fn) { subscribers.add(fn); return () => subscribers.delete(fn); },
    /**
     * `fn({ repaint, preview, beforeOnly })` once per frame, after the state settled
     * (`preview`: only the view changed, by a gesture, and the last picture may be moved
     * instead; `beforeOnly`: only the compare changed, the live picture is finished); `fn` returns
     * `{ again: true }` to be called on the next frame too, the picture not finished until
     * then. Returns an unsubscribe.
     */
    onFrame(fn) { painters.add(fn); request({ engine: true }); return () => painters.delete(fn); },
    paint,
    paintInParts,
    /**
     * The compare's two pictures in parts: `(liveContext, stagingContext, before,
     * liveIsCurrent)` → `{ shown, done }`; when shown, the view puts the staged "before" on
     * its canvas in the same frame (see painter.js).
     */
    paintCompareInParts,
    /** Resolves after the next frame once the picture on the canvas is done (it shows the design and view). */
    // (A treated area drawn on a photo is applied once the engine worker has analysed it.)
    settled: () => {
      const frame = () => new Promise((ok) => { settling.push(ok); request(); });
      const pending = photo.actions.pending();
      return pending ? pending.then(frame) : frame();
    },
    renderStill,
    /** Runs a requested frame now (tests without a frame clock). */
    flush: () => frames.flush(),

    // The design
    getDesign: () => designer.design(),
    savedDesign,
    /** Validates and applies `design` as one undo step; throws an Error with the engine's message, changing nothing. */
    setDesign(design) {
      const applied = apply(design);
      state.cleared = false;
      commit(applied);
      heads.forgetViews();
    },
    /**
     * Starts over from `design` (an embedding page's starting point): applied and saved with
     * no undo step; throws the engine's Error, changing nothing.
     */
    startWith(design) {
      apply(design);
      state.cleared = false;
      heads.forgetViews();
      history = createHistory(snapshot());
      autosaveDesign();
      showHistory();
    },
    /** The hair-loss presets the engine offers: `[{ name, title, description }]`. */
    presets: engine.presets(),
    setHead: heads.setHead,
    fromLongHair: heads.fromLongHair,
    /** Paints the template `head` untreated on `context`'s whole canvas: the picker's pictures (head-pictures.js). */
    paintHead: (context, head) => headPictures.paint(context, head),
    addMark: heads.addMark,
    updateMark: heads.updateMark,
    removeMark: heads.removeMark,
    preview,
    setField,
    releaseSlider,
    stats: () => designer.stats(),
    /**
     * The treatment plan of the current design (the engine's: areas per zone, impressions
     * and hours per session, shade and dilution, needles, forecast, top-up), for `context`
     * `{ client_reference, date, fitzpatrick, hair_colour }` (each optional).
     */
    plan: (context = null) => designer.plan(context),
    undo() {
      const could = history.canUndo;
      if (state.cleared) { state.cleared = false; notify('line'); request(); return could; }
      restore(history.undo());
      return could;
    },
    redo() {
      const could = history.canRedo;
      restore(history.redo());
      return could;
    },
    /**
     * Opens a design from a file, link or consultation as one undo step, on the head it was
     * made on; a refused one is said (naming `source`) and leaves the current design.
     * Returns whether it opened (app/open-design.js).
     */
    openDesign,
    resumePhotoWork,
    /** The consultation's typed words kept in this tab (app/tab-keep.js `words`). */
    consultationWords: tabKeep.words,
    showMessage,
    crash,

    /**
     * Starts the undo history afresh from what is shown (a kiosk's loop hands its picture
     * to a visitor: Undo replayed the loop's own edits).
     */
    newHistory: () => core.newHistory(),

    /**
     * Wipes whatever the visitor did (a kiosk between visitors): no photo, the template's
     * design, the plan's last session healed, no compare, no history; nothing is kept.
     */
    wipe() {
      if (state.photo?.loaded) photo.actions.template();
      apply(engine.defaultDesign());
      state.cleared = false;
      heads.forgetViews(); // (the last visitor's front design never comes back to the next)
      history = createHistory(snapshot());
      showHistory();
      this.setLaid(1);
      this.setStage({ session: limits.sessions.max, age: 'healed' });
      this.setCompare({ mode: 'off', after: 50, before: { session: 0, age: 'healed' }, flipped: false });
      fit();
      showMessage('');
      // The tools as a new visitor finds them, and the views put away what they showed
      // (an open plan sheet named the last visitor and showed their photo).
      setMirror(true);
      setGuides(true);
      state.moveMode = false;
      state.spaceHeld = false;
      notify('tools');
      notify('wipe');
    },

    ...stages, // the stage shown and the compare (app/stage-actions.js)

    // The view (app/view-actions.js)
    resize: view.resize,
    setCovered: view.setCovered,
    fit,
    setView,
    zoomBy: view.zoomBy,
    panBy: view.panBy,
    pinch: gestures.pinch,

    // The line and its tools
    stroke: gestures.stroke,
    drag: gestures.drag,
    nudge: gestures.nudge,
    clear: gestures.clear,
    cancel: gestures.cancel,
    resetLine: gestures.resetLine,
    setMirror,
    setGuides,
    setMoveMode(on) { state.moveMode = !!on; notify('tools'); },
    setSpaceHeld(on) { state.spaceHeld = !!on; notify('tools'); },
    /**
     * The stage's colour (`[r, g, b]`, from the page's theme; see view-actions). The
     * long-haired head shown is made again before a wall of the new colour (photo-actions
     * rewall: its wall stayed the colour it was made with, a dark box in a light stage).
     */
    setBackdrop(colour) {
      if (view.setBackdrop(colour)) photo.actions.rewall();
    },
    /** The language of the page's sentences with figures (a BCP 47 tag; app/words.js). */
    setLanguage(lang) {
      const code = wordsLanguage(lang);
      if (code === state.lang) return;
      state.lang = code;
      notify('lang', 'stats');
      request();
    },
    setViewGesture: view.setViewGesture,
    /** Whether a drag on the canvas should pan the view. */
    panning: () => state.moveMode || state.spaceHeld,

    photo: photo.actions,

    /**
     * Frees the engine's designer (its pixels, dots and caches) now rather than whenever the
     * garbage collector gets to it: an element taken off a page gives its memory back at
     * once. Nothing is painted or told after; the app is not used again.
     */
    dispose() {
      if (disposed) return;
      disposed = true;
      photo.dispose();
      headPictures.dispose();
      subscribers.clear();
      painters.clear();
      designer.free();
    },
  };
}
