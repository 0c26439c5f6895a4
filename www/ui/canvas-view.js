// The canvas view: keeps the canvases at the displayed size × devicePixelRatio (telling the
// app, which fits the head), paints the engine's picture when the design or view changed
// (and the compare's "before" on its own canvas, same size and view, when comparing),
// and has the overlay drawn (guides, curve, stroke, when they change; by a worker where the
// browser can, overlay-canvas.js) and places the handle buttons every frame. For a phone's sake (issue 12) a pinch or pan moves the last picture
// by a CSS transform until it ends, and a whole repaint is spread over frames with the last
// picture kept meanwhile (app.paintInParts); the first picture, a resized canvas and the
// compare's two are painted whole (the first picture's guides and handles a frame later).
// It only shows the app's state; handle nudges (arrow keys) go back as app actions.

import { watchStage } from './stage.js';
import { overlayIsEmpty } from './guides.js';
import { createOverlayCanvas } from './overlay-canvas.js';
import { wordsFor } from '../app/words.js';
import { createHandleLayer } from './handles.js';
import * as viewport from '../app/viewport.js';
import { handlePoints } from '../app/mark-shapes.js';
import { setTransform } from './dom-write.js';

/** How far inside the picture's edge a handle focused with Tab is brought, CSS px (a touch target). */
const FOCUSED_HANDLE_INSET_CSS_PX = 64;

/** Mounts on `root`'s #stage, #canvas, #overlay and #handles; returns `{ canvas, before, stage, handles, toStage, rect, dispose }`. */
export function mountCanvasView(root, app) {
  const canvas = root.getElementById('canvas');
  const overlay = root.getElementById('overlay');
  const before = root.getElementById('canvas-before');
  const beforeContext = before.getContext('2d');
  // The compare's "before" is painted in parts here, off screen, and put on its canvas with
  // the live picture it matches (app/painter.js, paintCompareInParts).
  const staging = document.createElement('canvas');
  const stagingContext = staging.getContext('2d');
  const sizeLike = (target) => {
    if (target.width !== canvas.width || target.height !== canvas.height) {
      target.width = canvas.width;
      target.height = canvas.height;
    }
  };
  const stage = root.getElementById('stage');
  const engineContext = canvas.getContext('2d');
  // Drawn in a worker where the browser can (overlay-canvas.js): the page only says what to draw.
  const overlayCanvas = createOverlayCanvas(overlay);

  const handles = createHandleLayer(root.getElementById('handles'), {
    describe(i, n, point) {
      return wordsFor(app.state.lang).handleName(i, n, point, app.limits.template.midline_x, app.marks?.glabella_y ?? null);
    },
    describedBy: () => `${app.state.lang} ${app.limits.template.midline_x} ${app.marks?.glabella_y ?? null}`,
    onNudge(i, delta) {
      const moved = app.nudge(i, delta);
      if (moved >= 0) handles.focus(moved);
    },
    // A handle reached with Tab while zoomed in can lie outside the picture: the view pans
    // to bring it in, as far inside as a finger's target (the browser scrolled the whole
    // stage to it instead, the picture gone; a keyboard could not pan: found by a user pass).
    // Only for the keyboard's focus (a press on a handle focuses it too: the view must not
    // move under the finger) and only for a handle whose knob is off the picture.
    onFocus(i, button) {
      if (!button.matches(':focus-visible')) return;
      const box = stage.getBoundingClientRect();
      const r = button.getBoundingClientRect();
      const [x, y] = [(r.left + r.right) / 2, (r.top + r.bottom) / 2];
      if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) return;
      const margin = Math.min(FOCUSED_HANDLE_INSET_CSS_PX, box.width / 4, box.height / 4);
      const into = (at, low, high) => (at < low ? low - at : at > high ? high - at : 0);
      const dx = into(x, box.left + margin, box.right - margin);
      const dy = into(y, box.top + margin, box.bottom - margin);
      const { pxPerClient } = rect(canvas);
      const k = pxPerClient > 0 ? pxPerClient / app.state.view.ratio : 1;
      app.panBy([dx * k, dy * k]);
    },
  });

  // The view of the picture on the canvases, and how it is moved during a pinch or pan.
  let paintedView = null;
  let paintedSize = '';
  let shift = null;
  // The view whose picture the compare's "before" canvas holds.
  let beforeShows = null;
  const showPainted = () => {
    shift = null;
    setTransform(canvas, '');
    setTransform(before, '');
    paintedView = app.state.view;
    paintedSize = `${canvas.width}×${canvas.height}`;
  };
  // What the overlay shows, as last drawn, and how a pinch or pan has moved it since.
  let overlayDrawn = null;
  let overlayShift = null;
  /**
   * The overlay's client rect as laid out, a gesture's move taken out: it is the picture's
   * box for the handles, the pointer and the status line's cover.
   */
  const overlayBox = () => viewport.unshiftedRect(overlay.getBoundingClientRect(), overlayShift, overlay.offsetWidth);
  /**
   * The client rect of the picture's canvas (`before` for the compare's), as laid out: a
   * gesture's moved picture aside; with `pxPerClient`, its canvas px per client px, as the
   * page's transforms make them now (measured each time: a transform's change is no resize).
   */
  const rect = (which = canvas) => {
    const box = which === canvas ? overlayBox() : viewport.unshiftedRect(which.getBoundingClientRect(), shift, which.offsetWidth);
    const sized = which === canvas ? overlayCanvas.size : which;
    return { left: box.left, top: box.top, right: box.right, bottom: box.bottom, width: box.width, height: box.height, x: box.left, y: box.top, pxPerClient: box.width > 0 ? sized.width / box.width : 0 };
  };
  const OVERLAY_CONTENT = ['view', 'marks', 'stroke', 'guides', 'cleared', 'showCurve', 'hairlineText', 'measuresText', 'keepOutText', 'lang'];
  /**
   * Draws the overlay again when what it shows changed; one with nothing on it (over a
   * photo, no curve or stroke) stays as it is whatever the view. Each drawing is a whole
   * canvas for the browser to take in: about 8 ms of every frame of a pinch or pan over a
   * photo on a throttled phone, for an empty overlay (issue 12).
   */
  const showOverlay = (scene) => {
    const last = overlayDrawn;
    const next = {
      ...scene, size: `${overlayCanvas.size.width}×${overlayCanvas.size.height}`, empty: overlayIsEmpty(scene),
      hairlineText: JSON.stringify(scene.hairline), measuresText: JSON.stringify(scene.measures), keepOutText: JSON.stringify(scene.keepOut),
    };
    if (last && last.size === next.size && ((last.empty && next.empty) || OVERLAY_CONTENT.every((k) => last[k] === next[k]))) return;
    overlayDrawn = next;
    const { lang, ...drawn } = scene;
    overlayCanvas.draw(drawn, lang);
  };

  // Where the picture's canvas sits in the stage (its box in CSS px from the stage's corner),
  // measured once after a resize or a change of the compare's layout rather than every frame:
  // read in a frame after the views wrote their figures, it forced a layout of its own before
  // the frame's (issue 12: 2–4 ms a frame on a throttled phone).
  // In the stage's own CSS px: inside a page's `transform: scale()` or CSS `zoom`, client px
  // are not the stage's, and the handles (placed in the stage) sat away from the line (at
  // scale 0.5 a handle was drawn at (94, 37) for a point at (179, 74)).
  let boxInStage = null;
  let compareLayout = '';
  const pictureBox = () => {
    if (!boxInStage) {
      const rect = stage.getBoundingClientRect();
      const box = overlayBox();
      const measured = stage.offsetWidth > 0 ? rect.width / stage.offsetWidth : 1;
      const scale = Math.abs(measured - 1) < 0.01 || !(measured > 0) ? 1 : measured; // (offsetWidth is whole px)
      boxInStage = { left: (box.left - rect.left) / scale, top: (box.top - rect.top) / scale, scale };
    }
    return boxInStage;
  };
  /** Design mm → the stage's own CSS px, where the handles are placed. */
  const toStage = (p) => {
    const { left, top, scale } = pictureBox();
    const [x, y] = viewport.toClient(app.state.view, { left: 0, top: 0 }, p);
    return [left + x / scale, top + y / scale];
  };
  const stopPainting = app.onFrame(({ repaint, preview, beforeOnly }) => {
    const { state } = app;
    const first = !paintedView;
    // Compare turned on or off, or another "before" chosen, over a finished live picture of
    // this view and size: only the "before" is painted (the live one, painted again whole in
    // the same frame, made turning compare on a 50 ms task on a tablet at 1x, 271 ms at 4x).
    const liveIsCurrent = beforeOnly && paintedView === state.view && !shift
      && paintedSize === `${canvas.width}×${canvas.height}`;
    const moved = repaint && preview && paintedView ? viewport.previewTransform(paintedView, state.view) : null;
    if (moved) {
      // A gesture moves the view: move the last picture with it (the compositor's work, no
      // engine frame); the gesture's end paints the new view.
      shift = moved;
      setTransform(canvas, moved.css);
      setTransform(before, moved.css);
      repaint = false;
    } else if (repaint && (!paintedView || paintedSize !== `${canvas.width}×${canvas.height}`)) {
      // The first picture and a resized (so cleared) canvas, with nothing to keep on screen
      // meanwhile, are painted whole (the compare's two as well).
      if (state.compare.mode !== 'off') {
        sizeLike(before);
        app.paint(beforeContext, state.compare.before);
      }
      app.paint(engineContext);
      showPainted();
      if (state.compare.mode !== 'off') beforeShows = paintedView;
    } else if (repaint && state.compare.mode !== 'off') {
      // The compare's two pictures over as many frames as they take, shown together. A
      // "before" canvas with no picture of this view yet (compare just turned on) shows the
      // live one meanwhile, not an old or empty picture.
      sizeLike(staging);
      const stale = before.width !== canvas.width || before.height !== canvas.height || beforeShows !== paintedView;
      sizeLike(before);
      if (stale) {
        beforeContext.drawImage(canvas, 0, 0);
        beforeShows = paintedView;
      }
      if (app.paintCompareInParts(engineContext, stagingContext, state.compare.before, liveIsCurrent).shown) {
        beforeContext.drawImage(staging, 0, 0);
        showPainted();
        beforeShows = paintedView;
      } else if (paintedView) {
        shift = viewport.previewTransform(paintedView, state.view);
        setTransform(canvas, shift?.css ?? '');
        setTransform(before, shift?.css ?? '');
      }
    } else if (repaint && liveIsCurrent) {
      // Compare turned off: the live picture on the canvas is the design's already.
    } else if (repaint) {
      // Anything else over as many frames as it takes (a phone), the last picture (moved
      // for a new view) staying until the new one is done.
      if (app.paintInParts(engineContext).shown) {
        showPainted();
      } else if (paintedView) {
        shift = viewport.previewTransform(paintedView, state.view);
        setTransform(canvas, shift?.css ?? '');
      }
    }
    if (first && paintedView) {
      // The first picture's frame shows the picture alone; its guides and handles come on
      // the next (issue 12: first dots after navigation; the overlay is 15–28 ms of a phone's
      // first frame).
      return { again: true };
    }
    const scene = {
      view: state.view, marks: app.marks, measures: state.measures, hairline: state.design.hairline, stroke: state.stroke,
      guides: state.guides && state.design.head?.view !== 'top', // the top view has no face to measure
      cleared: state.cleared, showCurve: state.dragging || state.active >= 0, lang: state.lang,
      // The handles over the overlay, which its labels keep clear of (guides.js).
      keepOut: [...(state.handles ?? []), ...(state.design.marks ?? []).flatMap(handlePoints)],
    };
    // The guides' text and lines are a few ms a frame on a phone: drawn again only when
    // what they show changed (a slider drag changes the dots, not them). While fingers or
    // the wheel move the view, the guides move with the picture as it is moved, one
    // transform for both, and are drawn sharp again when the gesture's picture is painted:
    // drawing them at every step was a canvas for the browser to take in at every frame of
    // a pinch or pan (issue 12: a tablet at 4× kept 33 ms frames).
    const drawnAt = overlayDrawn?.size === `${overlayCanvas.size.width}×${overlayCanvas.size.height}` ? overlayDrawn.view : null;
    const carried = moved && drawnAt ? viewport.previewTransform(drawnAt, state.view) : null;
    if (carried) {
      overlayShift = carried;
      setTransform(overlay, carried.css);
    } else {
      if (overlayShift) {
        overlayShift = null;
        setTransform(overlay, '');
      }
      showOverlay(scene);
    }
    handles.update(state.handles, toStage, {
      // Density-only ignores the hairline: its handles would invite edits that change nothing.
      visible: !state.cleared && !state.stroke && state.design.style !== 'density-only',
      active: state.active,
      mirror: state.mirror,
    });
  });

  // How much of the picture the status line (top) and the toolbar (bottom) cover, canvas
  // px: a photo is fitted clear of them (on a tablet held upright the toolbar covered the
  // photo's bottom, where a ruler is held to calibrate, and the calibration drag pressed Undo).
  const toolbar = root.querySelector('.tools');
  const status = root.getElementById('status');
  const covered = (ratio) => {
    const box = overlayBox();
    const over = (el) => (el && el.getClientRects().length > 0 ? el.getBoundingClientRect() : null);
    const top = over(status);
    const bottom = over(toolbar);
    return {
      top: top ? Math.max(0, Math.min(box.height / 3, top.bottom - box.top)) * ratio : 0,
      bottom: bottom ? Math.max(0, Math.min(box.height / 3, box.bottom - bottom.top)) * ratio : 0,
      // Across, where the status line lies (canvas px): over the crown, or beside the head.
      left: top ? (top.left - box.left) * ratio : 0,
      right: top ? (top.right - box.left) * ratio : 0,
    };
  };
  const covers = typeof ResizeObserver === 'function' ? new ResizeObserver(() => app.setCovered(covered(app.state.size.ratio))) : null;
  for (const el of [status, toolbar]) if (el) covers?.observe(el);
  const stopWatching = watchStage(canvas, overlay, (size) => {
    boxInStage = null;
    overlayCanvas.resize(size.width, size.height);
    app.resize({ ...size, covered: covered(size.ratio) });
  }, overlayBox);

  const stopPanning = app.subscribe((state, changes) => {
    if (changes.has('tools')) stage.classList.toggle('panning', state.moveMode || state.spaceHeld);
    // Side by side, and flipped, move the canvas in the stage (a divider's move does not).
    const layout = `${state.compare.mode}/${state.compare.flipped}`;
    if (changes.has('compare') && layout !== compareLayout) {
      compareLayout = layout;
      boxInStage = null;
    }
  });

  return {
    canvas,
    before,
    stage,
    handles,
    /** Design mm → the stage's own CSS px (where handles go), the picture's box kept until a resize or compare change. */
    toStage,
    /** The client rect of a canvas, with its canvas px per client px (see above). */
    rect,
    /** Resolves once the overlay shows every drawing asked for (a worker's drawing comes a little later). */
    overlayDrawn: () => overlayCanvas.drawn(),
    dispose() { stopPainting(); stopWatching(); stopPanning(); covers?.disconnect(); handles.dispose(); overlayCanvas.dispose(); },
  };
}
