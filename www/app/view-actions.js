// What the app does with the view, the picture's scale and place on the canvas: fit the
// head (or the photo) to the stage, follow a resize without losing a close-up, zoom and pan
// (the gestures' results), the moment a gesture lasts, and the colour around the head.
// Part of the app core: no DOM; the views measure and report, this sets the engine's view.

import * as viewport from './viewport.js';

/** Device px of margin around the head when the view is fitted, per CSS px. */
export const FIT_MARGIN_CSS_PX = 16;

/** Half the width of the template head's crown near its top, mm (either side of the midline). */
const CROWN_HALF_MM = 30;

/**
 * The view actions over `designer` (the engine's, with its `limits()`) and the app's `state`; `notify(...)` and
 * `request(flags)` as in core.js. `paperBackdrop` is the engine's light grey (the colour
 * around the head until the page's theme says otherwise, and always on paper).
 */
export function createViewActions({ designer, limits, state, notify, request, paperBackdrop }) {
  function setView(next) {
    try {
      designer.set_view(next.pxPerMm, next.offsetX, next.offsetY);
      state.view = { ...next, fitted: false };
      notify('view');
      request({ engine: true, viewOnly: true });
    } catch {
      /* a degenerate pinch (fingers on one spot): keep the current view */
    }
  }

  function fit() {
    const { width, height, ratio, covered } = state.size;
    // A photo is fitted clear of what covers the picture (the status line, the toolbar:
    // `covered`, canvas px), so every part of it can be touched: a ruler is often held at
    // its bottom, under the toolbar on an upright tablet.
    const top = Math.round(covered?.top ?? 0);
    const clear = Math.max(1, height - top - Math.round(covered?.bottom ?? 0));
    const photoFit = state.photo?.loaded ? designer.fit_photo_view(width, clear, FIT_MARGIN_CSS_PX * ratio) : [];
    const onPhoto = photoFit.length === 3 ? [photoFit[0], photoFit[1], photoFit[2] + top] : [];
    if (onPhoto.length === 3 && top > 0) designer.set_view(...onPhoto);
    let [pxPerMm, offsetX, offsetY] = onPhoto.length === 3 ? onPhoto : designer.fit_view(width, height, FIT_MARGIN_CSS_PX * ratio);
    // The template head is fitted below the status line where the line lies over its crown:
    // in a narrow designer (a clinic's 350 px box on a phone) the line wraps to three lines
    // over the top of the head, hiding the dots there and the guides' 7 and 10 cm labels.
    // (A wide page leaves room above the head, and a tablet's line sits beside it: unchanged.)
    const { vertex_y: vertexY, midline_x: midline } = limits?.template ?? {};
    const overCrown = () => covered.left < offsetX + (midline + CROWN_HALF_MM) * pxPerMm
      && covered.right > offsetX + (midline - CROWN_HALF_MM) * pxPerMm;
    if (onPhoto.length !== 3 && top > 0 && vertexY != null && offsetY + vertexY * pxPerMm < top && overCrown()) {
      const [below, belowX, belowY] = designer.fit_view(width, clear + Math.round(covered?.bottom ?? 0), FIT_MARGIN_CSS_PX * ratio);
      [pxPerMm, offsetX, offsetY] = [below, belowX, belowY + top];
      designer.set_view(pxPerMm, offsetX, offsetY); // (fit_view set the engine's view without the shift)
    }
    state.view = { pxPerMm, offsetX, offsetY, ratio, fitPxPerMm: pxPerMm, fitted: true };
    notify('view');
    request({ engine: true });
  }

  return {
    fit,
    setView,
    /**
     * The stage's new size (canvas px, `ratio` device px per CSS px). A fitted view fits the
     * new size; a zoomed or panned one keeps its zoom and the point at its centre: every
     * resize refitted, so turning a tablet (or a phone's address bar showing) lost the
     * close-up a technician had pinched to.
     */
    resize(size) {
      const before = state.size;
      const view = state.view;
      state.size = size;
      fit();
      if (view.fitted !== false || !(before.width > 1 && before.height > 1 && before.ratio > 0)) return;
      const pxPerMm = view.pxPerMm * (size.ratio / before.ratio);
      const centre = [(before.width / 2 - view.offsetX) / view.pxPerMm, (before.height / 2 - view.offsetY) / view.pxPerMm];
      setView({
        ...state.view,
        pxPerMm,
        offsetX: size.width / 2 - centre[0] * pxPerMm,
        offsetY: size.height / 2 - centre[1] * pxPerMm,
      });
    },
    /**
     * What covers the picture now (`{ top, bottom }` canvas px: the status line, the toolbar),
     * for the next fit of a photo; measured again when they change size (the status's words
     * wrap to more lines in another language or stage), the view itself left as it is.
     */
    setCovered(covered) {
      state.size = { ...state.size, covered };
    },
    zoomBy(factor, at = [state.size.width / 2, state.size.height / 2]) {
      setView(viewport.zoomAbout(state.view, factor, at));
    },
    /** Moves the view by `[dx, dy]` CSS px. */
    panBy([dx, dy]) { setView(viewport.panBy(state.view, [dx * state.view.ratio, dy * state.view.ratio])); },
    /**
     * A pinch, pan or run of wheel steps begins (`true`) or ends (`false`). While it lasts a
     * new view is shown by moving the last picture; its end paints the view properly.
     */
    setViewGesture(on) {
      if (state.viewGesture === !!on) return;
      state.viewGesture = !!on;
      if (!on) request({ engine: true });
    },
    /**
     * Sets the colour around the head or photo on screen, `[r, g, b]` 0–255 (the view reads
     * it from the page's theme): a light grey stage in a dark page looked unfinished.
     * Anything else (null: no opaque colour) brings back the engine's light grey. Returns
     * whether the colour changed.
     */
    setBackdrop(colour) {
      if (!Array.isArray(colour) || colour.length !== 3 || !colour.every((c) => Number.isInteger(c) && c >= 0 && c <= 255)) {
        colour = paperBackdrop;
      }
      if (colour.every((c, i) => c === state.backdrop[i])) return false;
      state.backdrop = [...colour];
      designer.set_backdrop(...colour);
      request({ engine: true });
      return true;
    },
  };
}
