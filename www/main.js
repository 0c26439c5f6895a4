// Boots the designer: loads the wasm engine, wires stage, input, editor, guides and
// controls, and exposes the page API `window.hairline`. Data flows one way: a pointer, key
// or control changes the editor state; on the next animation frame the engine re-lays the
// dots for the new design (at most once per frame, however many events came in), paints
// one frame, and the overlay and handles follow. A completed gesture is one undo step.
// A client's photo (photo-panel.js) replaces the template head under the same design.

import init, {
  Designer, defaultDesign, fitStroke, curveThrough, handlesOf, symmetrize, measureHairline, templateLandmarks,
  pigmentAdvice, limits as engineLimits,
} from './pkg/hairline.js';
import { createPhotoPanel } from './photo-panel.js';
import { watchStage } from './stage.js';
import { bindControls } from './controls.js';
import { formatStats, statusLine } from './format.js';
import { createHistory } from './history.js';
import * as views from './view.js';
import { attachInput } from './input.js';
import { createEditor, flatten } from './editor.js';
import { createHandleLayer } from './handles.js';
import { drawOverlay, cm } from './guides.js';
import { bindShortcuts } from './shortcuts.js';
import { createAutosave, isEngineCrash, watchForCrash } from './autosave.js';

const canvas = document.getElementById('canvas');
const overlay = document.getElementById('overlay');
const stage = document.getElementById('stage');
const statusEl = document.getElementById('status');
const messageEl = document.getElementById('message');
const figures = {
  dots: document.getElementById('fig-dots'),
  area: document.getElementById('fig-area'),
  density: document.getElementById('fig-density'),
};

let designer = null;
let controls = null;
let photoPanel = null;
let history = null;
let marks = null;
/** The current view: canvas px = mm × pxPerMm + offset; `ratio` device px per CSS px. */
let view = { pxPerMm: 1, offsetX: 0, offsetY: 0, ratio: 1, fitPxPerMm: 1 };
let size = { width: 1, height: 1, ratio: 1 };
/** The engine's limits and defaults (one source: `limits()` of the wasm), read at boot. */
let limits = null;
let editor = null; // made at boot, mirroring about the engine's midline
const ui = {
  guides: true,
  cleared: false,
  moveMode: false,
  spaceHeld: false,
  stroke: null, // [[x, y, pressure], …] mm while drawing
  drag: null, // { base, index, lastGood: { design, handles } }
  active: -1,
  pending: null, // a design to try on the next frame (live preview)
  measures: null,
  stage: { session: 0, age: 'healed' }, // set at boot: after the plan's last session, healed
};
let dirty = { engine: false, overlay: false };
let frameRequested = false;
let painted = null;
const ready = new Promise((resolve) => { painted = resolve; });

function showMessage(text, { info = false } = {}) {
  messageEl.textContent = text;
  messageEl.hidden = !text;
  messageEl.classList.toggle('info', info);
}

/** The browser's storage, if this page may use it (a sandboxed embed may not). */
function localStorageOrNull() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
const autosave = createAutosave(localStorageOrNull());

/** Saves the design on this device, on the template only (photo designs are photo-relative). */
function autosaveDesign() {
  if (photoPanel?.loaded) return;
  const ok = autosave.save(designer.design());
  if (!ok && !ui.storageWarned) {
    ui.storageWarned = true; // said once: the design stays on screen, only a reload would lose it
    showMessage("This browser's storage is full or blocked: your design stays on screen, but it will not be restored if the page reloads.", { info: true });
  }
}

/** A panic in the engine is a bug: stop taking input, keep the saved design, offer a way back. */
function showCrash() {
  if (document.querySelector('.crash')) return;
  const onPhoto = Boolean(photoPanel?.loaded); // (the engine may refuse every call after a trap)
  const box = document.createElement('div');
  box.className = 'crash';
  box.setAttribute('role', 'alertdialog');
  box.setAttribute('aria-labelledby', 'crash-title');
  box.innerHTML = '<div><h2 id="crash-title">The designer stopped</h2>'
    + '<p>It hit an internal error and stopped so that it cannot change your design. '
    + (onPhoto ? 'Designs on a photo are not kept; your last template design is saved on this device.</p>'
      : 'Your last design is saved on this device.</p>')
    + '<button type="button">Reload and restore</button></div>';
  box.querySelector('button').addEventListener('click', () => window.location.reload());
  for (const el of document.body.children) el.inert = true; // no keyboard or pointer gets through
  document.body.append(box);
  box.querySelector('button').focus();
}

/**
 * Shows the treatment at another moment: `{ session }` (0 = before) and/or `{ age }`
 * ("fresh", "healed" or years). The session asked for is kept even when the plan has fewer
 * sessions (the engine shows the last), so adding a session back shows it again.
 */
function setStage(change) {
  ui.stage = { ...ui.stage, ...change };
  designer.set_stage(ui.stage.session, String(ui.stage.age));
  showStats();
  request({ engine: true });
}

function showStats() {
  const stats = designer.stats();
  const f = formatStats(stats);
  figures.dots.textContent = f.dots;
  figures.area.textContent = f.area;
  figures.density.textContent = f.density;
  const shown = designer.stage();
  controls.showStage(shown);
  statusEl.textContent = `${statusLine(stats)} · ${shown.label}`;
  const design = designer.design();
  ui.measures = measureHairline(flatten(design.hairline));
  // The shape rules measure against the template's brows and eye corners: on a photo they
  // would warn about the wrong face, so only the engine's own warnings are shown there.
  // Density-only ignores the hairline, so its shape rules do not apply either. Warnings
  // come from the engine as { code, field, message }, already in the page's words.
  const shapeWarnings = photoPanel?.loaded || design.style === 'density-only' ? [] : ui.measures.warnings;
  controls.showAdvice([...shapeWarnings, ...stats.warnings].map((w) => w.message));
  photoPanel?.refresh();
}

function request(what = {}) {
  dirty = { engine: dirty.engine || !!what.engine, overlay: true };
  if (frameRequested || !designer) return;
  frameRequested = true;
  requestAnimationFrame(frame);
}

function frame() {
  frameRequested = false;
  if (ui.pending) {
    const next = ui.pending;
    ui.pending = null;
    try {
      designer.set_design(next.design);
      if (ui.drag) ui.drag.lastGood = { design: designer.design(), handles: next.handles };
      showStats();
      showMessage('');
      dirty.engine = true;
    } catch (error) {
      showMessage(`${error?.message ?? error}. The last valid line is kept.`);
    }
  }
  if (dirty.engine) designer.render(canvas.getContext('2d'));
  dirty.engine = false;
  paintOverlay();
  painted?.();
  painted = null;
}

function paintOverlay() {
  const design = designer.design();
  drawOverlay(overlay.getContext('2d'), {
    view, marks, measures: ui.measures, hairline: design.hairline, stroke: ui.stroke,
    guides: ui.guides, cleared: ui.cleared, showCurve: ui.drag !== null || ui.active >= 0,
  });
  const rect = stage.getBoundingClientRect();
  const box = canvas.getBoundingClientRect();
  handles.update(editor.handles, (p) => {
    const [x, y] = views.toClient(view, box, p);
    return [x - rect.left, y - rect.top];
    // Density-only ignores the hairline: its handles would invite edits that change nothing.
  }, { visible: !ui.cleared && !ui.stroke && design.style !== 'density-only', active: ui.active, mirror: editor.mirror });
  dirty.overlay = false;
}

/**
 * The state undo/redo records: the design (with the photo's calibration, which the engine
 * keeps in the design: an undo brings back both in one step) and the handles.
 */
const snapshot = () => ({
  design: designer.design(),
  handles: editor.handles,
});

function commit() {
  history.push(snapshot());
  autosaveDesign();
  controls.showHistory(history.canUndo, history.canRedo);
}

/** Applies `design` now (throws the engine's Error, changing nothing); `handles` as given or derived. */
function apply(design, handleList) {
  let copy;
  try {
    copy = structuredClone(design);
  } catch {
    throw new Error('invalid design: it must be a plain object of numbers, strings and lists, not nested too deeply (a design file)');
  }
  try {
    designer.set_design(copy);
  } catch (error) {
    if (isEngineCrash(error)) {
      showCrash(); // a bug, not bad input: stop, whatever the caller does with the error
      throw error;
    }
    throw new Error(error?.message ?? String(error));
  }
  const applied = designer.design();
  if (handleList) editor.handles = handleList;
  else {
    try { editor.derive(applied.hairline); } catch { editor.handles = []; }
  }
  controls.showDesign(applied);
  showStats();
  showMessage('');
  request({ engine: true });
}

function restore(state) {
  if (!state) return;
  ui.cleared = false;
  apply(state.design, state.handles);
  autosaveDesign(); // an undo or redo is an edit too: a reload must not bring the undone back
  controls.showHistory(history.canUndo, history.canRedo);
}

const undo = () => {
  if (ui.cleared) { ui.cleared = false; request(); return; }
  restore(history.undo());
};
const redo = () => restore(history.redo());

/** A design with a new hairline, applied at once; a refused line leaves the design alone. */
function tryHairline(result, { record = true } = {}) {
  try {
    apply({ ...designer.design(), hairline: result.hairline }, result.handles);
    if (record) commit();
    return true;
  } catch (error) {
    showMessage(`${error.message}. Your previous line is kept.`);
    request();
    return false;
  }
}

const toMm = (p) => views.toDesign(view, canvas.getBoundingClientRect(), [p.x, p.y]);

function fit() {
  const onPhoto = photoPanel?.loaded ? designer.fit_photo_view(size.width, size.height, 16 * size.ratio) : [];
  const [pxPerMm, offsetX, offsetY] = onPhoto.length === 3 ? onPhoto : designer.fit_view(size.width, size.height, 16 * size.ratio);
  view = { pxPerMm, offsetX, offsetY, ratio: size.ratio, fitPxPerMm: pxPerMm };
  request({ engine: true });
}

function setView(next) {
  try {
    designer.set_view(next.pxPerMm, next.offsetX, next.offsetY);
    view = next;
    request({ engine: true });
  } catch {
    /* a degenerate pinch (fingers on one spot): keep the current view */
  }
}

const zoomCentre = () => [size.width / 2, size.height / 2];

const handles = createHandleLayer(document.getElementById('handles'), {
  describe(i, n, [x, y]) {
    const mid = limits.template.midline_x;
    const side = Math.abs(x - mid) < 0.05 ? 'on the midline' : `${cm(Math.abs(x - mid))} ${x < mid ? 'left of' : 'right of'} the midline`;
    return `Hairline handle ${i + 1} of ${n}: ${side}, ${cm(marks ? marks.glabella_y - y : 0)} above the brows`;
  },
  onNudge(i, [dx, dy]) {
    const { handles: base, index } = editor.prepareDrag(i);
    const [x, y] = base[index];
    try {
      const result = editor.move(base, index, [x + dx, y + dy]);
      if (tryHairline(result)) handles.focus(index);
    } catch (error) {
      showMessage(error.message);
    }
  },
});

function onStroke(phase, points) {
  if (phase === 'start' || phase === 'move') {
    ui.stroke = points.map((p) => [...toMm(p), p.pressure]);
    request();
    return;
  }
  const stroke = ui.stroke;
  ui.stroke = null;
  // The eyedropper takes a tap (which input.js reports as a cancelled stroke) or a drag.
  if (photoPanel?.mode === 'eyedropper' && stroke?.length) {
    photoPanel.stroke(stroke.map(([x, y]) => [x, y]));
    request();
    return;
  }
  if (phase === 'cancel' || !stroke || stroke.length < 2) { request(); return; }
  if (photoPanel?.mode) { photoPanel.stroke(stroke.map(([x, y]) => [x, y])); request(); return; }
  try {
    const result = editor.stroke(stroke.map(([x, y]) => [x, y]), ui.cleared);
    if (tryHairline(result)) ui.cleared = false;
  } catch (error) {
    showMessage(error.message);
    request();
  }
}

function onDrag(phase, index, point, cancelled) {
  if (phase === 'start') {
    const { handles: base, index: i } = editor.prepareDrag(index);
    ui.drag = { base, index: i, lastGood: snapshot(), moved: false };
    ui.active = i;
    request();
    return;
  }
  if (!ui.drag) return;
  if (phase === 'move') {
    try {
      const result = editor.move(ui.drag.base, ui.drag.index, toMm(point));
      editor.handles = result.handles;
      ui.drag.moved = true;
      ui.pending = { design: { ...designer.design(), hairline: result.hairline }, handles: result.handles };
      request({ engine: true });
    } catch (error) {
      showMessage(error.message);
    }
    return;
  }
  // End: settle on the last design the engine accepted (a crossing line snaps back).
  const { lastGood, moved, index: i } = ui.drag;
  ui.pending = null;
  ui.drag = null;
  ui.active = -1;
  if (cancelled || !moved) {
    restore(cancelled ? history.current() : null);
    request();
    return;
  }
  apply(lastGood.design, lastGood.handles);
  commit();
  handles.focus(i);
}

function previewParam(field, value) {
  ui.pending = { design: { ...designer.design(), [field]: value }, handles: editor.handles };
  request({ engine: true });
}

function commitParam(field, value) {
  try {
    apply({ ...designer.design(), [field]: value }, editor.handles);
    commit();
  } catch (error) {
    showMessage(error.message);
  }
}

let input = null;

async function boot() {
  await init();
  limits = engineLimits();
  ui.stage.session = limits.sessions.max; // the engine shows the plan's last session
  editor = createEditor({ fitStroke, curveThrough, symmetrize, handlesOf }, { midline: limits.template.midline_x });
  marks = templateLandmarks();
  designer = new Designer(defaultDesign());
  watchForCrash(window, showCrash);
  // The newest saved design the engine accepts; an unusable one never hides the one before.
  let restored = false;
  for (const saved of autosave.candidates()) {
    try {
      designer.set_design(saved);
      restored = true;
      break;
    } catch {
      /* from an older or broken page: try the previous one, else start from the template */
    }
  }
  controls = bindControls(document, limits, {
    style(style) { commitParam('style', style); },
    stage(change) { setStage(change); },
    preview: previewParam,
    commit: commitParam,
    undo,
    redo,
    fit,
    clear() { ui.cleared = true; showMessage(''); request(); },
    reset() {
      try {
        apply({ ...designer.design(), hairline: defaultDesign().hairline });
        ui.cleared = false;
        commit();
      } catch (error) {
        showMessage(error.message);
      }
    },
    mirror(on) { editor.mirror = on; controls.showMirror(on); },
    move(on) { ui.moveMode = on; controls.showMove(on); stage.classList.toggle('panning', on); },
    guides(on) { ui.guides = on; request(); },
  });
  photoPanel = createPhotoPanel(document, {
    designer, limits, pigmentAdvice, apply, commit, fit, request, showMessage,
    setMirror(on) { editor.mirror = on; controls.showMirror(on); },
    resetTemplate() { apply(defaultDesign()); commit(); fit(); editor.mirror = true; controls.showMirror(true); },
  });
  editor.derive(designer.design().hairline);
  history = createHistory(snapshot());
  controls.showDesign(designer.design());
  controls.showHistory(false, false);
  input = attachInput(stage, {
    handleIndex: (target) => handles.indexOf(target),
    panMode: () => ui.moveMode || ui.spaceHeld,
    wheelFactor: views.wheelFactor,
    on: {
      stroke: onStroke,
      drag: onDrag,
      pinch(phase, start, now) {
        if (phase === 'start') ui.pinchStart = view;
        if (phase === 'move' && ui.pinchStart) {
          const box = canvas.getBoundingClientRect();
          const c = (p) => views.toCanvas(view, box, p);
          setView(views.pinch(ui.pinchStart, start.map(c), now.map(c)));
        }
        if (phase === 'end') ui.pinchStart = null;
      },
      pan(phase, delta) {
        // 'start' and 'end' come without a delta (issue 13: destructuring it threw on every pan's end).
        if (phase === 'move' && delta) setView(views.panBy(view, [delta[0] * view.ratio, delta[1] * view.ratio]));
      },
      wheel(factor, p) { setView(views.zoomAbout(view, factor, views.toCanvas(view, canvas.getBoundingClientRect(), p))); },
      doubleTap: fit,
    },
  });
  bindShortcuts(document, {
    undo, redo, fit,
    zoomIn: () => setView(views.zoomAbout(view, 1.25, zoomCentre())),
    zoomOut: () => setView(views.zoomAbout(view, 0.8, zoomCentre())),
    cancel: () => { input.cancel(); if (ui.cleared) { ui.cleared = false; request(); } },
  }, (held) => { ui.spaceHeld = held; stage.classList.toggle('panning', held || ui.moveMode); });
  watchStage(canvas, (next) => {
    size = next;
    for (const c of [overlay]) {
      if (c.width !== next.width || c.height !== next.height) { c.width = next.width; c.height = next.height; }
    }
    fit();
  });
  showStats();
  if (restored) showMessage("Restored your last design from this device. \"Reset to preset line\" starts the line over.", { info: true });
}

window.hairline = {
  ready,
  getDesign: () => designer.design(),
  /**
   * Validates and applies `design` (one undo step; its `px_per_mm` recalibrates a loaded
   * photo in the same step); throws an Error with the engine's message, changing nothing.
   */
  setDesign(design) {
    apply(design);
    ui.cleared = false;
    commit();
  },
  /** Design mm → client (CSS) px under the current view. */
  toScreen: (p) => views.toClient(view, canvas.getBoundingClientRect(), p),
  /** Client (CSS) px → design mm under the current view. */
  toDesign: (p) => views.toDesign(view, canvas.getBoundingClientRect(), p),
  stats: () => {
    const { dots, area_cm2, density_per_cm2, warnings } = designer.stats();
    return { dots, area_cm2, density_per_cm2, warnings };
  },
  /** Steps back one edit; returns whether there was one. */
  undo() { const can = history.canUndo; undo(); return can; },
  /** Steps forward one undone edit; returns whether there was one. */
  redo() { const can = history.canRedo; redo(); return can; },
  /** The handles (mm) shaping the hairline, left to right. */
  handles: () => editor.handles,
  /** The current view `{ pxPerMm, offsetX, offsetY, ratio }` (canvas device px). */
  view: () => ({ ...view }),
  /** The moment shown: `{ session, sessions, age, label }`. */
  stage: () => designer.stage(),
  /**
   * Shows the treatment after `session` (0: before; default the plan's last) at `age`
   * ("fresh", "healed" or a number of years 0–10); throws on an unknown age, changing nothing.
   */
  setStage({ session = ui.stage.session, age = ui.stage.age } = {}) {
    const s = Number(session);
    const most = limits.sessions.max;
    if (!Number.isInteger(s) || s < 0 || s > most) throw new Error(`stage: session must be a whole number from 0 (before) to ${most}, got ${String(session).slice(0, 40)}`);
    designer.set_stage(s, String(age)); // throws on a bad age before anything changes
    setStage({ session: s, age: String(age) });
  },
};

boot().catch((error) => {
  statusEl.textContent = 'The designer could not start.';
  showMessage(`Could not start the engine: ${error?.message ?? error}`);
  console.error(error);
});
