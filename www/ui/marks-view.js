// Scars and marks as a view: the panel's "Add strip scar / FUE area / patch" buttons and
// the list of marks (each with Remove), and over the canvas two handles per mark: one in
// the middle moves it, one at its end (a strip: its length and turn) or corner (an area
// or patch: its two radii) resizes it. Mouse, finger and pen drag a handle (the picture
// follows every frame, one undo step when let go); arrow keys move a focused handle 1 mm
// (Shift: 5 mm), a strip's end taking Left/Right as its length and Up/Down as a turn. The
// shape maths is the app core's (app/mark-shapes.js).

import * as viewport from '../app/viewport.js';
import { HANDLE_APART_CSS_PX, describeMark, dragMark, handlePoints, nudgeMark, spreadHandles } from '../app/mark-shapes.js';
import { createListeners } from './listeners.js';
import { setHidden, setTransform } from './dom-write.js';

/**
 * Mounts the marks' panel controls and canvas handles; `rect()` is the canvas's client rect
 * (canvasView.rect), `toStage(p)` a design point in the stage's own px (canvasView.toStage).
 */
export function mountMarksView(root, app, { rect: canvasRect, toStage }) {
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
      setHidden(note, !onPhoto);
      for (const b of addButtons) if (b.disabled !== onPhoto) b.disabled = onPhoto;
      setHidden(list, onPhoto);
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
    const onPhoto = Boolean(app.state.photo?.loaded);
    marksNow().forEach((mark, i) => {
      const onScreen = handlePoints(mark).map(toStage); // (in the stage: no layout read per frame)
      spreadHandles(onScreen, HANDLE_APART_CSS_PX).forEach(([x, y], k) => {
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
