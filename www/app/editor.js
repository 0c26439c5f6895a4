// The hairline editor's state and edits: handles (design mm, left to right), mirror
// symmetry, strokes, drags and arrow-key nudges. The geometry (fitting, the curve,
// mirroring) is the engine's; this module only keeps the handles and pairs mirror
// partners. It never touches the DOM; `engine` is injected, so the pure parts are tested
// with node --test.

/** Index of handle `i`'s mirror partner among `n` symmetric handles. */
export const partnerOf = (i, n) => n - 1 - i;

/** Whether `handles` are mirror-symmetric about `mid` (within `tol` mm). */
export function isSymmetric(handles, mid, tol = 1e-6) {
  const n = handles.length;
  return handles.every(([x, y], i) => {
    const [px, py] = handles[partnerOf(i, n)];
    return Math.abs(x + px - 2 * mid) <= tol && Math.abs(y - py) <= tol;
  });
}

/**
 * Handle `i` moved to `[x, y]`; with `mirror`, its partner follows reflected about `mid`,
 * and the middle handle of an odd count stays on the midline. Returns new handles.
 */
export function moveHandle(handles, i, [x, y], mirror, mid) {
  const next = handles.map((p) => [p[0], p[1]]);
  if (!Number.isFinite(x) || !Number.isFinite(y) || i < 0 || i >= next.length) return next;
  if (!mirror) {
    next[i] = [x, y];
    return next;
  }
  const j = partnerOf(i, next.length);
  if (j === i) {
    next[i] = [mid, y];
  } else {
    next[i] = [x, y];
    next[j] = [2 * mid - x, y];
  }
  return next;
}

/**
 * `[x, y]` for handle `i` of `handles`, kept at least `keep` mm short of its neighbours
 * along the line: ahead of the one before along the direction from it to handle `i`, and
 * behind the one after along the direction from handle `i` to it; and short of the line
 * through a neighbour square to the line's direction beyond it, so that the line turns by
 * no more than a right angle there (unless it already did). Moved onto those bounds, the
 * nearest point. A handle dragged past its neighbour folds the curve through them into a
 * hairpin; the second bound holds when arrow keys walk it round the neighbour a step at a
 * time, each step's direction taken afresh.
 */
export function keepAlongTheLine(handles, i, [x, y], keep) {
  const here = handles[i];
  const direction = (a, b) => {
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const length = Math.hypot(dx, dy);
    return length > 1e-9 ? [dx / length, dy / length] : null;
  };
  let [px, py] = [x, y];
  const before = handles[i - 1];
  const fromBefore = before && direction(before, here);
  if (fromBefore) {
    const ahead = (px - before[0]) * fromBefore[0] + (py - before[1]) * fromBefore[1];
    if (ahead < keep) [px, py] = [px + (keep - ahead) * fromBefore[0], py + (keep - ahead) * fromBefore[1]];
  }
  const after = handles[i + 1];
  const toAfter = after && direction(here, after);
  if (toAfter) {
    const behind = (after[0] - px) * toAfter[0] + (after[1] - py) * toAfter[1];
    if (behind < keep) [px, py] = [px - (keep - behind) * toAfter[0], py - (keep - behind) * toAfter[1]];
  }
  // No turn back at a neighbour: handle i stays short of the line through it square to the
  // line's direction beyond it (not bound there where it was already past it).
  const beyondBefore = handles[i - 2] && before && direction(handles[i - 2], before);
  if (beyondBefore) {
    const side = (q) => (q[0] - before[0]) * beyondBefore[0] + (q[1] - before[1]) * beyondBefore[1];
    const s = side([px, py]);
    if (side(here) >= -1e-6 && s < 0) [px, py] = [px - s * beyondBefore[0], py - s * beyondBefore[1]];
  }
  const beyondAfter = handles[i + 2] && after && direction(after, handles[i + 2]);
  if (beyondAfter) {
    const side = (q) => (after[0] - q[0]) * beyondAfter[0] + (after[1] - q[1]) * beyondAfter[1];
    const s = side([px, py]);
    if (side(here) >= -1e-6 && s < 0) [px, py] = [px + s * beyondAfter[0], py + s * beyondAfter[1]];
  }
  return [px, py];
}

/**
 * Flat `[x0, y0, …]` ⇄ `[[x0, y0], …]`. (A loop: `flatMap` took 3–4 ms for a 2,000-point
 * line on a fresh page, part of the 100 ms a design's task may take: issue 13.)
 */
export function flatten(points) {
  const flat = new Array(points.length * 2);
  for (let k = 0; k < points.length; k += 1) {
    flat[2 * k] = points[k][0];
    flat[2 * k + 1] = points[k][1];
  }
  return flat;
}
export const pairs = (flat) => Array.from({ length: Math.floor(flat.length / 2) }, (_, k) => [flat[2 * k], flat[2 * k + 1]]);

/**
 * An editor over engine functions `{ fitStroke, curveThrough, curveMoved, symmetrize,
 * handlesOf }`, mirroring about the face's `midline` (mm, the engine's
 * `limits().template.midline_x`). Every edit returns `{ handles, hairline }` or throws the
 * engine's Error; the caller applies the hairline to the design. A stroke's hairline is the
 * curve through the handles; a moved handle's is that curve spliced into the line as it was
 * where the handle reaches (a preset's line keeps its shape elsewhere: `curveMoved`).
 */
export function createEditor(engine, { mirror = true, midline } = {}) {
  let handles = [];
  const state = { mirror };
  const result = (next) => ({ handles: next, hairline: pairs(engine.curveThrough(flatten(next))) });
  return {
    get handles() { return handles.map((p) => [...p]); },
    set handles(next) { handles = next.map((p) => [...p]); },
    get mirror() { return state.mirror; },
    set mirror(on) { state.mirror = !!on; },
    /** Handles derived from a design's hairline (a loaded or reset design). */
    derive(hairline) {
      handles = pairs(engine.handlesOf(flatten(hairline)));
      return this.handles;
    },
    /** A freehand stroke (mm): replaces the part of the line it redraws (or all, when `fresh`). */
    stroke(points, fresh = false) {
      const base = fresh ? [] : flatten(handles);
      return result(pairs(engine.fitStroke(flatten(points), base, state.mirror)));
    },
    /**
     * Before a drag of handle `i` of the design's `line` (mm pairs): with mirror on and
     * asymmetric handles, the grabbed side is mirrored onto the other first. Returns the
     * handles to drag, the grabbed index and the line to move them on, flat (null when
     * mirrored first: the whole line is the curve through the mirrored handles).
     */
    prepareDrag(i, line = null) {
      let next = this.handles;
      let index = i;
      const mirrorFirst = state.mirror && next.length > 1 && !isSymmetric(next, midline);
      if (mirrorFirst) {
        const grabbed = next[i];
        next = pairs(engine.symmetrize(flatten(next), grabbed[0] <= midline));
        let best = Infinity;
        next.forEach(([x, y], k) => {
          const d = Math.hypot(x - grabbed[0], y - grabbed[1]);
          if (d < best) { best = d; index = k; }
        });
      }
      // (Flattened once for the drag's every move: a line may hold 2,000 points.)
      return { handles: next, index, line: mirrorFirst || !line ? null : flatten(line) };
    },
    /**
     * Handle `i` of `base` at `to` (mm), its partner following when mirrored; on `line`
     * (prepareDrag's, flat) the rest of the line keeps its points.
     */
    move(base, i, to, line = null) {
      const next = moveHandle(base, i, to, state.mirror, midline);
      if (!line) return result(next);
      return { handles: next, hairline: pairs(engine.curveMoved(line, flatten(base), flatten(next))) };
    },
  };
}
