// Scars and marks as a view: the panel's "Add strip scar / FUE area / patch" buttons and
// the list of marks (each with Remove), and over the canvas two handles per mark: one in
// the middle moves it, one at its end (a strip: its length and turn) or corner (an area
// or patch: its two radii) resizes it. Mouse, finger and pen drag a handle (the picture
// follows every frame, one undo step when let go); arrow keys move a focused handle 1 mm
// (Shift: 5 mm), a strip's end taking Left/Right as its length and Up/Down as a turn. The
// shape maths is pure (`dragMark`, `nudgeMark`), so node --test checks it.

import * as viewport from '../app/viewport.js';
import { createListeners } from './listeners.js';
import { setHidden, setTransform } from './dom-write.js';

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
 * Mounts the marks' panel controls and canvas handles; `rect()` is the canvas's client rect
 * (canvasView.rect), `pictureBox()` its box in the stage (canvasView.pictureBox).
 */
export function mountMarksView(root, app, { rect: canvasRect, pictureBox }) {
  const $ = (id) => root.getElementById(id);
  const layer = $('mark-handles');
  const list = $('mark-list');
  const doc = layer.ownerDocument;
  const listeners = createListeners();
  const limits = app.limits.marks;
  // The head the marks stay on: the template's frame (a photo's, in its own mm, when shown).
  const headFrame = () => {
    const photo = app.state.design.photo;
    const ppm = app.state.design.px_per_mm;
    return photo && ppm ? [photo.width_px / ppm, photo.height_px / ppm] : app.limits.template.frame_mm;
  };
  let drag = null; // { index, which, mark, pointerId }
  let buttons = [];

  for (const kind of ['strip', 'fue', 'patch']) {
    listeners.listen($(`add-${kind}`), 'click', () => {
      const index = app.addMark(kind);
      if (index >= 0) requestAnimationFrame(() => buttons[index]?.[0]?.focus({ preventScroll: true }));
    });
  }

  const marksNow = () => {
    const marks = [...(app.state.design.marks ?? [])];
    if (drag) marks[drag.index] = drag.mark;
    return marks;
  };
  const toMm = (e) => viewport.toDesign(app.state.view, canvasRect(), [e.clientX, e.clientY]);

  function makeButtons(count) {
    while (buttons.length > count) buttons.pop().forEach((b) => b.remove());
    while (buttons.length < count) {
      const index = buttons.length;
      const pair = ['move', 'size'].map((which) => {
        const b = Object.assign(doc.createElement('button'), { type: 'button', className: `mark-handle ${which}` });
        b.dataset.mark = String(index);
        b.dataset.which = which;
        b.addEventListener('pointerdown', (e) => {
          e.preventDefault();
          e.stopPropagation();
          const mark = app.state.design.marks?.[index];
          if (!mark) return;
          const handle = handlePoints(mark)[which === 'move' ? 0 : 1];
          const finger = toMm(e);
          drag = { index, which, mark, pointerId: e.pointerId, grab: [handle[0] - finger[0], handle[1] - finger[1]] };
          try { b.setPointerCapture(e.pointerId); } catch { /* synthetic pointers */ }
          b.classList.add('active');
        });
        b.addEventListener('pointermove', (e) => {
          if (!drag || drag.pointerId !== e.pointerId) return;
          drag.mark = dragMark(drag.mark, drag.which, toMm(e), limits, { grab: drag.grab, frame: headFrame() });
          app.updateMark(drag.index, drag.mark, { preview: true });
        });
        const end = (e) => {
          if (!drag || drag.pointerId !== e.pointerId) return;
          const { index: i, mark } = drag;
          drag = null;
          b.classList.remove('active');
          app.updateMark(i, mark);
        };
        b.addEventListener('pointerup', end);
        b.addEventListener('pointercancel', end);
        b.addEventListener('keydown', (e) => {
          const mark = app.state.design.marks?.[index];
          const next = mark && nudgeMark(mark, which, e.key, e.shiftKey ? 5 : 1, limits, { frame: headFrame() });
          if (!next) return;
          e.preventDefault();
          app.updateMark(index, next);
        });
        layer.append(b);
        return b;
      });
      buttons.push(pair);
    }
  }

  function showList(marks) {
    list.replaceChildren(...marks.map((mark, i) => {
      const li = doc.createElement('li');
      const words = Object.assign(doc.createElement('span'), { textContent: describeMark(mark) });
      const remove = Object.assign(doc.createElement('button'), { type: 'button', className: 'button', textContent: 'Remove' });
      remove.setAttribute('aria-label', `Remove ${describeMark(mark)}`);
      remove.addEventListener('click', () => app.removeMark(i));
      li.append(words, remove);
      return li;
    }));
  }

  const note = $('marks-on-photo');
  const addButtons = ['strip', 'fue', 'patch'].map((kind) => $(`add-${kind}`));
  const show = (state, changes) => {
    if (changes.has('photo')) {
      // Marks are the template head's: on a photo (or the thinning-hair head) the engine
      // leaves them out, so they are not offered there and the panel says why.
      const onPhoto = Boolean(state.photo?.loaded);
      note.hidden = !onPhoto;
      for (const b of addButtons) b.disabled = onPhoto;
      list.hidden = onPhoto;
    }
    if (!changes.has('design')) return;
    const marks = state.design.marks ?? [];
    makeButtons(marks.length);
    showList(marks);
    marks.forEach((mark, i) => {
      const words = describeMark(mark);
      buttons[i][0].setAttribute('aria-label', `Move the ${words}: drag, or arrow keys`);
      const keys = mark.kind === 'strip' ? 'Left and Right arrows for its length, Up and Down to turn it' : 'or arrow keys';
      buttons[i][1].setAttribute('aria-label', `Resize the ${words}: drag, ${keys}`);
    });
  };
  const unsubscribe = app.subscribe(show);
  show(app.state, new Set(['design', 'photo']));

  // Handles follow the view every frame, like the hairline's.
  const stopFrames = app.onFrame(() => {
    const box = pictureBox(); // (in the stage: no layout read per frame)
    const onPhoto = Boolean(app.state.photo?.loaded);
    marksNow().forEach((mark, i) => {
      handlePoints(mark).forEach((p, k) => {
        const [x, y] = viewport.toClient(app.state.view, box, p);
        const b = buttons[i]?.[k];
        if (!b) return;
        setTransform(b, `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`);
        setHidden(b, onPhoto);
      });
    });
  });

  return {
    dispose() {
      unsubscribe();
      stopFrames();
      listeners.removeAll();
      buttons.flat().forEach((b) => b.remove());
    },
  };
}
