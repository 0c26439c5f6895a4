// Scars and marks as shapes, in design mm: where a mark's two handles are (its middle, and
// its end or corner), what a drag or an arrow key does to each kind within the engine's
// limits, where a new mark goes so that its handles clear the line's, and a mark in plain
// words. Pure functions (no DOM) shared by the marks view and the app's actions, so node
// --test checks them.

/** How far apart (across or down) a mark's handles and the others' are kept on screen, CSS
 * px: the handles are 44 CSS px square touch targets (designer.css) that must not overlap. */
export const HANDLE_APART_CSS_PX = 46;

const WORDS = { strip: 'Strip (FUT) scar', fue: 'FUE scar area', patch: 'Patch (burn or birthmark)' };
const clamp = (v, [lo, hi]) => Math.min(hi, Math.max(lo, v));

/** `mark` in plain words with its size, e.g. "Strip (FUT) scar, 12.0 cm × 2.0 mm". */
export function describeMark(mark) {
  const size = mark.kind === 'strip'
    ? `${(mark.length_mm / 10).toFixed(1)} cm × ${mark.width_mm.toFixed(1)} mm`
    : `${((2 * mark.rx_mm) / 10).toFixed(1)} × ${((2 * mark.ry_mm) / 10).toFixed(1)} cm`;
  return `${WORDS[mark.kind] ?? mark.kind}, ${size}`;
}

/** Where `mark`'s handles are, mm: `[move, size]`. */
export function handlePoints(mark) {
  const a = ((mark.angle_deg ?? 0) * Math.PI) / 180;
  const turn = ([x, y]) => [mark.x + x * Math.cos(a) - y * Math.sin(a), mark.y + x * Math.sin(a) + y * Math.cos(a)];
  const corner = mark.kind === 'strip' ? [mark.length_mm / 2, 0] : [mark.rx_mm, mark.ry_mm];
  return [[mark.x, mark.y], turn(corner)];
}

/**
 * `mark` with handle `which` ("move" or "size") dragged to `p` (mm): `grab` is the handle
 * from where the finger took it (mm; it jumped to the finger, turning a strip 5.5° when
 * taken 12 px off its end), `frame` the head's `[width, height]` mm the mark's middle stays
 * on (dragged onto the panel, a mark left the head for good). Sizes stay within the
 * engine's `limits.marks`.
 */
export function dragMark(mark, which, p, limits, { grab = [0, 0], frame = null } = {}) {
  const at = [p[0] + grab[0], p[1] + grab[1]];
  if (which === 'move') {
    const [x, y] = frame ? [clamp(at[0], [0, frame[0]]), clamp(at[1], [0, frame[1]])] : at;
    return { ...mark, x: round(x), y: round(y) };
  }
  p = at;
  const dx = p[0] - mark.x;
  const dy = p[1] - mark.y;
  if (mark.kind === 'strip') {
    return {
      ...mark,
      length_mm: round(clamp(2 * Math.hypot(dx, dy), [limits.length_mm.min, limits.length_mm.max])),
      angle_deg: round((Math.atan2(dy, dx) * 180) / Math.PI),
    };
  }
  const a = ((mark.angle_deg ?? 0) * Math.PI) / 180;
  const lx = dx * Math.cos(a) + dy * Math.sin(a);
  const ly = -dx * Math.sin(a) + dy * Math.cos(a);
  const range = [limits.radius_mm.min, limits.radius_mm.max];
  return { ...mark, rx_mm: round(clamp(Math.abs(lx), range)), ry_mm: round(clamp(Math.abs(ly), range)) };
}

const round = (v) => Math.round(v * 100) / 100;

/**
 * `mark` after arrow key `key` on its handle `which`, `step` mm (1, or 5 with Shift): the
 * middle handle moves the mark, an area's corner moves as a drag would; a strip's end
 * handle takes Left and Right as shorter and longer (2 × `step` mm, both ends) and Up and
 * Down as a turn of `step` degrees. Moving the end a millimetre sideways, as before, also
 * lengthened the strip (120 → 120.02 mm a press, 6 mm over a quarter turn). `null` for any
 * other key.
 */
export function nudgeMark(mark, which, key, step, limits, { frame = null } = {}) {
  const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[key];
  if (!d) return null;
  if (which === 'size' && mark.kind === 'strip') {
    if (d[0]) return { ...mark, length_mm: round(clamp(mark.length_mm + 2 * d[0], [limits.length_mm.min, limits.length_mm.max])) };
    const angle = (((mark.angle_deg ?? 0) + d[1] + 540) % 360) - 180; // within −180…180°
    return { ...mark, angle_deg: round(angle) };
  }
  const [mx, my] = handlePoints(mark)[which === 'move' ? 0 : 1];
  return dragMark(mark, which, [mx + d[0], my + d[1]], limits, { frame });
}

/**
 * The points of a grid `step` mm apart (multiples of `step`) inside `polygon` (`[[x, y], …]`,
 * even-odd), row by row: each row's edge crossings are found once and the row is walked
 * past them, a point being inside when an odd number of crossings lie to its right. Testing
 * each grid point against every edge instead took 23 ms of a 75 ms tap on "Add FUE area"
 * (a laptop at 1×; about 12,000 grid points on the template's scalp), four times that on a
 * phone-class CPU.
 */
export function gridInside(polygon, step) {
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  const [left, right] = [Math.ceil(Math.min(...xs) / step) * step, Math.max(...xs)];
  const points = [];
  for (let y = Math.ceil(Math.min(...ys) / step) * step; y <= Math.max(...ys); y += step) {
    const crossings = [];
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i, i += 1) {
      const [xi, yi] = polygon[i];
      const [xj, yj] = polygon[j];
      if ((yi > y) !== (yj > y)) crossings.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
    crossings.sort((a, b) => a - b);
    let atOrLeft = 0;
    for (let x = left; x <= right; x += step) {
      while (atOrLeft < crossings.length && crossings[atOrLeft] <= x) atOrLeft += 1;
      if ((crossings.length - atOrLeft) % 2 === 1) points.push([x, y]);
    }
  }
  return points;
}

/**
 * Where a new `mark` goes: where the engine's default puts it if both its handles are at
 * least `gapMm` across or down from every point of `avoid` (the line's handles) and of
 * `alsoAvoid` (the other marks'), else the nearest spot on a 2 mm grid over the `scalp`
 * polygon that is, with both handles on the `frame` (`[width, height]` mm); failing that,
 * of the spots clear of `avoid` alone, the one furthest from the other marks' handles
 * (marks may come near marks; the line's handles only when nothing else lies on the
 * treated scalp). Touch targets
 * are squares, which a straight-line gap lets overlap. On a phone an FUE area's default
 * middle sat 5 mm from the line's middle handle, under the same finger. The default when
 * no spot is clear. With `fits(mark)` (the engine's `mark_on_treated_scalp`), a mark must
 * lie where the design's pigment goes, or past the head's outline, out of sight (the
 * engine's own check of marks off the scalp): the scalp polygon runs down over the
 * forehead, and an FUE area placed there, below the hairline, put 528 impressions on the
 * forehead, and a patch went half off the scalp at the head's edge; spots are first
 * narrowed by `onTreatedSide(points)` (the engine's `treated_side`: for each `[x, y]`,
 * whether the pigment goes there), every middle asked in one call.
 */
export function placeNewMark(mark, { avoid = [], alsoAvoid = [], scalp = [], gapMm = 0, frame = null, onTreatedSide = null, fits = null } = {}) {
  // Where its handles show: a small mark's size handle further out (spreadHandles).
  const handlesClearOf = (points) => (m) => spreadHandles(handlePoints(m), gapMm).every(([x, y]) =>
    (!frame || (x >= 0 && y >= 0 && x <= frame[0] && y <= frame[1]))
    && points.every(([ax, ay]) => Math.max(Math.abs(x - ax), Math.abs(y - ay)) >= gapMm));
  const lies = (m) => !fits || fits(m);
  const everything = [...avoid, ...alsoAvoid];
  if ((handlesClearOf(everything)(mark) && lies(mark)) || scalp.length < 3) return mark;
  // Nearest first (a stable sort: equally near spots keep the grid's order); a spot becomes
  // a mark only when it is tried. Spots whose middle is off the treated side are dropped at
  // once, all asked in one call.
  const grid = gridInside(scalp, 2);
  const middles = onTreatedSide ? onTreatedSide(grid) : null;
  const at = ({ x, y }) => ({ ...mark, x, y });
  const spots = [mark, ...grid
    .filter((_, k) => !middles || middles[k])
    .map(([x, y]) => ({ x, y, away: Math.hypot(x - mark.x, y - mark.y) }))
    .sort((a, b) => a.away - b.away)
    .map(at)];
  // Of the spots clear of the line's handles only, those furthest from the other marks'
  // handles first (marks may come near marks, never the line).
  const apart = (m) => Math.min(...spreadHandles(handlePoints(m), gapMm).flatMap(([x, y]) =>
    alsoAvoid.map(([ax, ay]) => Math.max(Math.abs(x - ax), Math.abs(y - ay)))));
  const clearOfAll = spots.filter(handlesClearOf(everything));
  const clearOfTheLine = spots.filter(handlesClearOf(avoid))
    .map((m) => ({ m, d: apart(m) }))
    .sort((a, b) => b.d - a.d)
    .map(({ m }) => m);
  // Clear of every handle, then of the line's only, then, rather than pigment on the
  // forehead, anywhere it lies on the treated scalp, its handles near the line's (a phone's
  // front view with an FUE area 4 cm wide: they can be told apart zoomed in).
  for (const candidates of [clearOfAll, clearOfTheLine, ...(fits ? [spots] : [])]) {
    const found = candidates.find(lies);
    if (found) return found;
  }
  return clearOfTheLine[0] ?? mark; // (nowhere on the treated scalp: at least clear of the line)
}

/**
 * Where a mark's two handles show on screen (`[move, size]`, px), the size handle pushed out
 * along the line from the middle until it is `minPx` across or down from it: on a phone an
 * FUE area's corner lay 32 px from its middle, the two 44 px touch targets overlapping. A
 * drag keeps where the finger took the handle, so one taken further out still moves the
 * corner by what the finger moves.
 */
export function spreadHandles([move, size], minPx) {
  const [dx, dy] = [size[0] - move[0], size[1] - move[1]];
  const apart = Math.max(Math.abs(dx), Math.abs(dy));
  if (apart >= minPx) return [move, size];
  if (apart < 1e-6) return [move, [move[0] + minPx, move[1] + minPx]];
  const k = minPx / apart;
  return [move, [move[0] + dx * k, move[1] + dy * k]];
}
