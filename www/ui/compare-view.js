// Before/after compare over the canvas: a divider the user drags (only its handle takes the
// pointer, so on a phone the rest of the page still scrolls), moves with the keys (arrows
// ±1 %, Shift ±10 %, Home/End) and double-clicks back to the middle; F or the Swap button
// swaps the sides; a side-by-side layout for wide screens. The "before" picture is painted
// by the canvas view on its own canvas with the same view, and revealed by clipping, so the
// two stay pixel-aligned through pan and zoom. This view only turns events into
// `app.setCompare` and shows `state.compare`.

import { wordsFor } from '../app/words.js';
import { createListeners } from './listeners.js';
import { setAttr, setHidden, setText } from './dom-write.js';

/** Divider keys → change in "% after" (before the flip is applied), or null. */
export function dividerStep(key, shift) {
  const step = shift ? 10 : 1;
  return { ArrowLeft: -step, ArrowRight: step, ArrowDown: -step, ArrowUp: step, Home: -100, End: 100 }[key] ?? null;
}

/** "% after" for a pointer `fraction` (0 left … 1 right) of the stage's width. */
export function afterAt(fraction, flipped) {
  const f = Math.min(1, Math.max(0, fraction));
  return Math.round((flipped ? f : 1 - f) * 1000) / 10;
}


/** Mounts on `root`'s compare markup inside the canvas view's stage. */
export function mountCompareView(root, app, { stage }) {
  const $ = (id) => root.getElementById(id);
  const el = {
    toggle: $('compare'), bar: $('compare-bar'), divider: $('compare-divider'), before: $('compare-before'),
    flip: $('compare-flip'), left: $('compare-label-left'), right: $('compare-label-right'), pane: $('before-pane'),
    canvas: $('canvas-before'),
  };
  const listeners = createListeners();
  const { listen } = listeners;
  const compare = () => app.state.compare;
  let dragging = null;

  listen(el.toggle, 'click', () => {
    const on = compare().mode === 'off';
    const mode = on ? (root.querySelector('input[name="compare-mode"]:checked')?.value ?? 'slider') : 'off';
    app.setCompare({ mode });
  });
  listen(el.flip, 'click', () => app.setCompare({ flipped: !compare().flipped }));
  listen(el.before, 'change', () => {
    const [session, age] = el.before.value.split('/');
    try {
      app.setCompare({ before: { session: Number(session), age } });
    } catch (error) {
      app.showMessage(error.message);
    }
  });
  for (const input of root.querySelectorAll('input[name="compare-mode"]')) {
    listen(input, 'change', () => input.checked && app.setCompare({ mode: input.value }));
  }
  const fractionOf = (e) => {
    const box = stage.getBoundingClientRect();
    return (e.clientX - box.left) / Math.max(1, box.width);
  };
  listen(el.divider, 'pointerdown', (e) => {
    e.preventDefault();
    e.stopPropagation();
    dragging = e.pointerId;
    try { el.divider.setPointerCapture(e.pointerId); } catch { /* synthetic pointer */ }
    el.divider.focus();
  });
  listen(el.divider, 'pointermove', (e) => {
    if (dragging !== e.pointerId) return;
    app.setCompare({ after: afterAt(fractionOf(e), compare().flipped) });
  });
  const release = (e) => { if (dragging === e.pointerId) dragging = null; };
  listen(el.divider, 'pointerup', release);
  listen(el.divider, 'pointercancel', release);
  listen(el.divider, 'dblclick', () => app.setCompare({ after: 50 }));
  listen(el.divider, 'keydown', (e) => {
    const step = dividerStep(e.key, e.shiftKey);
    if (step === null) return;
    e.preventDefault();
    // Left and right move the divider that way (which side grows depends on the swap);
    // up, down, Home and End change the value, "% after", as on any slider.
    const horizontal = e.key === 'ArrowLeft' || e.key === 'ArrowRight';
    const signed = horizontal && !compare().flipped ? -step : step;
    app.setCompare({ after: compare().after + signed });
  });

  let shownSessions = ''; // the sessions and language the list was made for
  let shown = '';
  const show = (state, changes) => {
    if (!changes.has('compare') && !changes.has('stats') && !changes.has('view') && !changes.has('lang')) return;
    const c = state.compare;
    const on = c.mode !== 'off';
    const side = c.mode === 'side';
    const sessions = state.shown?.sessions ?? 3;
    // (In the visitor's language, as the status line says it: it stayed the engine's English.)
    const afterLabel = state.shown ? wordsFor(state.lang).stageLabel(state.shown, state.design.top_up_years) : 'After';
    // A drag notifies every frame: the compare is shown again only when what it shows
    // changed, and off it shows nothing (its writes and measures were about 1 ms of every
    // frame on a throttled phone, issue 12). In the slider the "before" canvas keeps the
    // stage's width, which is the picture canvas's, as laid out.
    const width = state.size.cssWidth ?? state.size.width / state.size.ratio;
    const key = on ? JSON.stringify([c, sessions, afterLabel, state.stage, side ? 0 : width]) : 'off';
    if (key === shown) return;
    shown = key;
    setAttr(el.toggle, 'aria-pressed', String(on));
    setHidden(el.bar, !on);
    setHidden(el.pane, !on);
    setHidden(el.divider, !on || side);
    setHidden(el.left, !on);
    setHidden(el.right, !on);
    stage.classList.toggle('compare-side', side);
    stage.classList.toggle('flipped', on && c.flipped);
    // (Off, the mode shows as the slider: the toggle opens the compare in the mode checked.)
    for (const input of root.querySelectorAll('input[name="compare-mode"]')) input.checked = input.value === (side ? 'side' : 'slider');
    if (!on) return;
    // The stages to compare with, in the visitor's language (they stayed English).
    const words = wordsFor(state.lang);
    const topUp = state.design.top_up_years ?? null;
    const choices = words.compareChoices(sessions, topUp);
    if (`${sessions}/${words.lang}/${topUp}` !== shownSessions) {
      shownSessions = `${sessions}/${words.lang}/${topUp}`;
      el.before.replaceChildren(...choices.map(({ value, label }) => Object.assign(document.createElement('option'), { value, textContent: label })));
    }
    // A "before" session past the plan's (sessions lowered since it was chosen) shows as the
    // plan's last, as the engine paints it: the list and the label say so (the list went
    // blank and the label said "Before" over a treated head).
    el.before.value = `${Math.min(c.before.session, sessions)}/${c.before.age}`;
    // The divider sits where "before" ends: before on the left unless flipped.
    const x = c.flipped ? c.after : 100 - c.after;
    el.divider.style.left = `${x}%`;
    // The pane is as wide as the part "before" shows; its canvas keeps the stage's width.
    el.pane.classList.toggle('flipped', c.flipped && !side);
    el.pane.style.width = side ? '' : `${c.flipped ? 100 - x : x}%`;
    el.canvas.style.width = side ? '100%' : `${width}px`;
    setAttr(el.divider, 'aria-valuenow', String(c.after));
    setAttr(el.divider, 'aria-valuetext', `${Math.round(c.after)} % after`);
    // Both sides at one stage (the sessions lowered under both): said, not left to look
    // like a comparison.
    const now = state.stage;
    const same = Math.min(c.before.session, sessions) === Math.min(now.session, sessions) && String(c.before.age) === String(now.age);
    const chosen = choices.find((o) => o.value === el.before.value)?.label ?? choices[0].label;
    const beforeLabel = same ? words.sameSide(chosen) : chosen;
    setText(el.left, c.flipped ? afterLabel : beforeLabel);
    setText(el.right, c.flipped ? beforeLabel : afterLabel);
  };
  show(app.state, new Set(['compare']));
  const stop = app.subscribe(show);
  return { dispose() { stop(); listeners.removeAll(); } };
}
