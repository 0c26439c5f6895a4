// What a gesture on the canvas does to the hairline, in design millimetres: a freehand
// stroke redraws the line (or feeds the active photo tool), a handle drag previews every
// frame and settles where the pointer let go, or on the last line the engine took when
// that one is refused (a crossing line snaps back), an
// arrow key nudges a handle, and a two-finger pinch scales the view. One completed gesture
// is one undo step. Part of the app core: no DOM; the input view converts events to calls.

import * as viewport from './viewport.js';
import { inPageWords } from './format.js';
import { keepAlongTheLine } from './editor.js';

/** How close a dragged handle may come to its neighbours, across the forehead and along the line, mm. */
export const KEEP_APART_MM = 2;

/**
 * How far the pointer may get from the handle it drags (which stops short of its
 * neighbours) before the gesture counts as a stroke begun on that handle, CSS px: two and a
 * half of the handles' 44 px targets. A handle's target is about 14 mm wide on a phone, so a
 * new line drawn from where the old one ends grabbed the end handle, which slid up and down
 * the temple while the finger crossed the forehead; the line was not redrawn, and nothing
 * was said.
 */
export const STROKE_AFTER_CSS_PX = 110;

/** And at least this far, mm: zoomed in 30×, 110 px is a millimetre, and a handle pushed against its neighbour became a stroke. */
export const STROKE_AFTER_MM = 15;

/** Gestures over the core's internals (see core.js); returns the gesture actions. */
export function createLineGestures(core) {
  const { state, editor, notify, request } = core;
  let drag = null; // { base, line, index, lastGood: { design, handles }, moved }
  let pinchStart = null;

  /** A design with a new hairline, applied at once; a refused line leaves the design alone. */
  function tryHairline(result) {
    try {
      core.apply({ ...core.designer.design(), hairline: result.hairline }, result.handles);
      core.commit();
      return true;
    } catch (error) {
      core.showMessage(`${inPageWords(error.message)} Your previous line is kept.`);
      request();
      return false;
    }
  }

  const showLine = () => { notify('line'); request(); };

  /** The template head from the front, whose landmarks the checks below know (not a photo or the crown). */
  const onFrontTemplate = () => !state.photo?.loaded && (state.design.head?.view ?? 'front') === 'front';

  /**
   * `point` for handle `i` of `handles`, kept at least KEEP_APART_MM short of its neighbours
   * along the line (`keepAlongTheLine`): the lowest temple handle dragged straight up past
   * the next folded the line into a hairpin there, and the dots into a sliver. On the
   * template head from the front, whose line runs from one temple to the other with its
   * handles in order, also between them across the forehead: a handle dragged past the next
   * folded the line into a hairpin (the left temple carried over to the right side). The
   * engine took both, as neither line crosses itself. Where the two rules cannot both hold
   * (neighbours a few mm apart), the handle stays where it was.
   */
  function inOrder(handles, i, point) {
    const acrossTheForehead = ([x, y]) => {
      if (!onFrontTemplate()) return [x, y];
      const before = handles[i - 1]?.[0] ?? -Infinity;
      const after = handles[i + 1]?.[0] ?? Infinity;
      if (!(before < after)) return [x, y];
      const low = before + KEEP_APART_MM;
      const high = after - KEEP_APART_MM;
      return [low <= high ? Math.min(Math.max(x, low), high) : (before + after) / 2, y];
    };
    // (Alternating the two until they agree: each keeps to one rule. Four rounds left 3 µm
    // over in one drag position of 15, and the handle jumped back to where the drag began.)
    let p = point;
    for (let round = 0; round < 50; round += 1) {
      const next = acrossTheForehead(keepAlongTheLine(handles, i, p, KEEP_APART_MM));
      const step = Math.hypot(next[0] - p[0], next[1] - p[1]);
      p = next;
      if (step < 1e-9) break;
    }
    const settled = keepAlongTheLine(handles, i, p, KEEP_APART_MM);
    if (Math.hypot(settled[0] - p[0], settled[1] - p[1]) < 1e-6) return p;
    // No place meets both (neighbours a few mm apart): where the handle last was.
    return editor.handles[i] ?? handles[i];
  }

  /**
   * Whether a drawn stroke dips to or below the brows between the outer eye corners, on the
   * template head from the front: on a phone, where the page scrolls only in the panel, a
   * client's swipe over the picture replaced the line with one down the nose or across the
   * mouth ("-12.1 cm above the brows"). A hairline there runs well above them (its temple
   * points, on the eye-corner lines, are the lowest of that stretch); only past them does
   * it come down beside the eyes. Not on a photo or the crown view: other landmarks.
   */
  /**
   * Whether a drawn stroke lies mostly beside the template head, not on it: on a phone, an
   * upward swipe over the stage's empty side (a visitor scrolling the clinic's page) became
   * a box-shaped line with its handles off the head (x −44 and 264 mm). Not on a photo,
   * whose head the engine does not outline.
   */
  function besideTheHead(points) {
    if (state.photo?.loaded) return false;
    try {
      return core.engine.shareOffHead(state.design.head ?? {}, points.flat()) > 0.5;
    } catch {
      return false; // (a head the engine cannot read is refused where the design is checked)
    }
  }

  function belowTheBrows(points) {
    if (!onFrontTemplate()) return false;
    const { glabella_y: brows, lateral_epicanthus_x: [left, right] } = core.marks;
    return points.some(([x, y]) => x > left && x < right && y >= brows);
  }

  return {
    get dragging() { return drag !== null; },
    /** The frame loop accepted a previewed line: the drag settles on it if let go now. */
    accepted(snapshot) { if (drag) drag.lastGood = snapshot; },

    /** A stroke: `start`/`move` with the points so far `[[x, y, pressure], …]` mm, then `end` or `cancel`. */
    stroke(phase, points) {
      if (phase === 'start' || phase === 'move') {
        state.stroke = points;
        showLine();
        return;
      }
      const stroke = state.stroke;
      state.stroke = null;
      const flat = stroke?.map(([x, y]) => [x, y]) ?? [];
      const tool = state.photo?.mode;
      // The eyedropper takes a tap (which the input reports as a cancelled stroke) or a drag.
      if (tool === 'eyedropper' && flat.length) { core.photo.actions.stroke(flat); showLine(); return; }
      if (phase === 'cancel' || flat.length < 2) { showLine(); return; }
      if (tool) { core.photo.actions.stroke(flat); showLine(); return; }
      try {
        const result = editor.stroke(flat, state.cleared);
        // (The stroke's own points: a line that already dips, dragged or opened so, must not
        // make every later stroke at a temple refused.)
        if (besideTheHead(flat)) {
          core.showMessage('That stroke was beside the head, not on it: draw the hairline across the forehead. Your previous line is kept.');
          showLine();
          return;
        }
        if (belowTheBrows(flat)) {
          core.showMessage('That stroke went below the brows; a hairline runs across the forehead above them. Your previous line is kept.');
          showLine();
          return;
        }
        if (tryHairline(result)) {
          state.cleared = false;
          // Density-only (a photo opens in it) lays dots by how much scalp shows and draws
          // no line: a drawn line changed nothing on screen, with nothing said.
          if (state.design.style === 'density-only') {
            core.showMessage('The line is kept, but density-only follows the scalp, not a hairline: choose Soft or Sharp to see it.', { info: true });
          }
        }
      } catch (error) {
        core.showMessage(error.message);
      }
      showLine();
    },

    /**
     * A handle drag: `start` (handle `index`), `move` (to `point`, mm), `end` (`cancelled`
     * when Escape or a lost pointer ended it). `end` returns the handle to focus, or -1;
     * `move` returns 'stroke' when the pointer has got STROKE_AFTER_CSS_PX past where the
     * handle can go: the drag is dropped (the design as before it) and the input should
     * report its points as a stroke from there on.
     */
    drag(phase, index, point, cancelled = false) {
      if (phase === 'start') {
        const { handles: base, index: i, line } = editor.prepareDrag(index, core.designer.design().hairline);
        drag = { base, line, index: i, lastGood: core.snapshot(), moved: false };
        state.active = i;
        state.dragging = true;
        showLine();
        return -1;
      }
      if (!drag) return -1;
      if (phase === 'move') {
        try {
          const result = editor.move(drag.base, drag.index, inOrder(drag.base, drag.index, point), drag.line);
          const [hx, hy] = result.handles[drag.index];
          const cssPxPerMm = state.view.pxPerMm / state.view.ratio;
          const away = Math.hypot(point[0] - hx, point[1] - hy);
          if (away * cssPxPerMm > STROKE_AFTER_CSS_PX && away > STROKE_AFTER_MM) {
            drag = null;
            state.active = -1;
            state.dragging = false;
            core.takePreview();
            core.restore(core.currentSnapshot());
            showLine();
            return 'stroke';
          }
          editor.handles = result.handles;
          state.handles = result.handles;
          drag.moved = true;
          core.setPending({ design: { ...core.designer.design(), hairline: result.hairline }, handles: result.handles });
          notify('line');
        } catch (error) {
          core.showMessage(error.message);
        }
        return -1;
      }
      // End: settle on the line where the pointer let go if the engine takes it (its last
      // move may still be waiting for a frame or being laid over frames on a phone), else on
      // the last line it took (a crossing line snaps back).
      const { lastGood, moved, index: i } = drag;
      drag = null;
      state.active = -1;
      state.dragging = false;
      if (cancelled || !moved) {
        core.takePreview();
        core.restore(cancelled ? core.currentSnapshot() : null);
        showLine();
        return -1;
      }
      // The last move the engine took is finished where it is; a move still waiting for a
      // frame is put in place now, its dots laid over the next frames (core `endOnNewest`).
      let refused = null;
      let placed = null;
      try {
        placed = core.endOnNewest();
      } catch (error) {
        refused = error;
      }
      if (!placed) placed = core.apply(lastGood.design, lastGood.handles);
      if (refused) core.showMessage(`${inPageWords(refused.message)} The last valid line is kept.`);
      core.commit(placed);
      return i;
    },

    /** Moves handle `i` by `[dx, dy]` mm (arrow keys) as one undo step; returns whether it moved. */
    nudge(i, [dx, dy]) {
      const { handles: base, index, line } = editor.prepareDrag(i, core.designer.design().hairline);
      const [x, y] = base[index];
      const target = [x + dx, y + dy];
      const kept = inOrder(base, index, target);
      // A step that would take the handle past a neighbour is not taken: moved onto the
      // bound instead, each step's bound (taken afresh from where the handle is) let the
      // arrow keys walk it round the neighbour, a hairpin a step at a time.
      if (Math.hypot(kept[0] - target[0], kept[1] - target[1]) > 1e-6) return -1;
      try {
        return tryHairline(editor.move(base, index, target, line)) ? index : -1;
      } catch (error) {
        core.showMessage(error.message);
        return -1;
      }
    },

    /** Hides the line so the next stroke draws a new one from scratch (undo brings it back). */
    clear() {
      state.cleared = true;
      core.showMessage('');
      showLine();
    },

    /** Escape: drops a pending "clear and redraw". */
    cancel() {
      if (!state.cleared) return;
      state.cleared = false;
      showLine();
    },

    /** The preset's line (of the head and view the design is on), as one undo step. */
    resetLine() {
      try {
        const design = core.designer.design();
        core.apply({ ...design, hairline: core.engine.presetDesign(design.head ?? {}).hairline });
        state.cleared = false;
        core.commit();
      } catch (error) {
        core.showMessage(error.message);
      }
    },

    /** Two-finger pinch: `start`, `move` with the start and current points (canvas px), `end`. */
    pinch(phase, start, now) {
      if (phase === 'start') pinchStart = state.view;
      if (phase === 'move' && pinchStart) core.setView(viewport.pinch(pinchStart, start, now));
      if (phase === 'end') pinchStart = null;
    },
  };
}
