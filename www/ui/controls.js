// The control panel and the stage toolbar: style, parameters in physical units, the
// treatment timeline (sessions planned, which session and how long after it is shown, the
// top-up), line tools (mirror, guides, clear, reset), undo/redo and fit. It reports choices
// through callbacks and is told what to show; it never touches the engine. Sliders report
// `preview` while moving (live re-layout) and `commit` when let go (one undo step).

import { createListeners } from './listeners.js';
import { setAttr, setHidden, setText } from './dom-write.js';
import { wordsFor } from '../app/words.js';

/** Parameter sliders: design field, element id, display format with its unit (`words`: app/words.js, the decimal mark). */
export const PARAMS = [
  { field: 'density_per_cm2', id: 'p-density', format: (v, words) => `${words.integer(Math.round(v))}\u00a0/cm²` },
  { field: 'dot_mm', id: 'p-dot', format: (v, words) => words.mm(v, 2) },
  { field: 'transition_mm', id: 'p-transition', format: (v, words) => words.mm(v, 1) },
  { field: 'shade', id: 'p-shade', format: (v) => `${Math.round(v * 100)}\u00a0%` },
];

/**
 * The age slider's stops: fresh, healed, then 1–10 years (the engine's range; a top-up
 * planned after 7–10 years, which the top-up list offers, could not be seen at 6). The
 * slider shows those to 6 years, or to a year past the design's top-up.
 */
export const AGES = ['fresh', 'healed', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];

/** Plain words for an age stop, as the status line says it. */
export function ageLabel(age) {
  if (age === 'fresh') return 'fresh (day 0)';
  if (age === 'healed') return 'healed (about 1 month)';
  return Number(age) === 1 ? '1 year on' : `${age} years on`;
}

/**
 * Wires the controls under `root`, their ranges from the engine's `limits` (no copies in
 * the page); returns setters for what they show and `dispose`.
 */
export function bindControls(root, limits, on) {
  const listeners = createListeners();
  const { listen } = listeners;
  const $ = (sel) => root.querySelector(sel);
  for (const input of root.querySelectorAll('input[name="style"]')) {
    listen(input, 'change', () => input.checked && on.style(input.value));
  }
  const sessions = $('#t-sessions');
  if (sessions && limits.sessions) {
    const options = [];
    for (let n = limits.sessions.min; n <= limits.sessions.max; n += 1) {
      options.push(Object.assign(document.createElement('option'), { value: String(n), textContent: n === 4 ? '4 (scars, alopecia)' : String(n) }));
    }
    sessions.replaceChildren(...options);
  }
  const sessionGroup = $('#t-session');
  const age = $('#t-age');
  const topUp = $('#t-topup');
  listen(sessions, 'change', () => on.commit('sessions', Number(sessions.value)));
  listen(topUp, 'change', () => on.commit('top_up_years', topUp.value === '' ? null : Number(topUp.value)));
  /**
   * Shows a top-up of `years` (null: none): the list offers whole years 1–10; a design file
   * may give any value in that range (2.5), which gets an option of its own while it is the
   * design's (the list showed an empty box for a value it did not offer).
   */
  const showTopUp = (years) => {
    const value = years == null ? '' : String(years);
    const own = topUp.querySelector('option[data-own]');
    const offered = [...topUp.options].some((o) => o.value === value && o !== own);
    if (!offered && own?.value !== value) {
      own?.remove();
      const option = Object.assign(document.createElement('option'), { value, textContent: `After ${value} years` });
      option.dataset.own = '';
      const after = [...topUp.options].find((o) => o.value !== '' && Number(o.value) > years);
      topUp.insertBefore(option, after ?? null);
    } else if (offered) {
      own?.remove();
    }
    if (topUp.value !== value) topUp.value = value;
  };
  listen(sessionGroup, 'change', (e) => {
    if (e.target.name === 't-session' && e.target.checked) on.stage({ session: Number(e.target.value) });
  });
  // The age slider's last stop: the design's (below), or further while the stage shown is
  // later (a top-up taken away, or the API's `setStage`): the slider read "6 years on" beside
  // a picture and status line of 9 years. While a pointer drags the slider its range only
  // grows: shrinking it under the finger moved the thumb and so the age (9 years fell to 5
  // in a small drag); it shrinks once the pointer lets go.
  let designAgeStop = 7;
  let shownAgeStop = 0;
  let ageDragged = false;
  const fitAgeRange = () => {
    if (!age) return;
    const last = Math.max(designAgeStop, shownAgeStop);
    if (String(last) !== age.max && (!ageDragged || last > Number(age.max))) age.max = String(last);
    if (!ageDragged && age.value !== String(shownAgeStop)) age.value = String(shownAgeStop);
  };
  const showAge = () => {
    const label = ageLabel(AGES[Number(age.value)]);
    setText($('#t-age-out'), label);
    setAttr(age, 'aria-valuetext', label);
  };
  listen(age, 'input', () => {
    showAge();
    on.stage({ age: AGES[Number(age.value)] });
  });
  listen(age, 'pointerdown', () => { ageDragged = true; });
  for (const end of ['pointerup', 'pointercancel', 'lostpointercapture', 'change']) {
    listen(age, end, () => {
      if (!ageDragged) return;
      ageDragged = false;
      fitAgeRange();
      showAge();
    });
  }
  // The visitor's language for the sliders' figures (0,25 mm in Spanish).
  let figures = wordsFor('en');
  for (const p of PARAMS) {
    const input = $(`#${p.id}`);
    const output = $(`#${p.id}-out`);
    const range = limits[p.field];
    if (input && range) {
      input.min = String(range.min);
      input.max = String(range.max);
    }
    // A screen reader hears the value as shown, with its unit ("75 %", not "0.75"), from
    // the slider itself; its output beside it, a live region by default, announced every
    // step of a drag on top of that.
    output?.setAttribute('aria-live', 'off');
    listen(input, 'input', () => {
      output.textContent = p.format(Number(input.value), figures);
      input.setAttribute('aria-valuetext', output.textContent);
      on.preview(p.field, Number(input.value));
    });
    // A pointer's drag let go ends on the value it showed (app `releaseSlider`); a key's
    // step is set as any value. (The `change` comes after the pointer's release.)
    let dragged = false;
    listen(input, 'pointerdown', () => { dragged = true; });
    listen(input, 'keydown', () => { dragged = false; });
    listen(input, 'change', () => {
      const release = dragged ? on.release : on.commit;
      dragged = false;
      release(p.field, Number(input.value));
    });
  }
  const buttons = { undo: $('#undo'), redo: $('#redo'), fit: $('#fit'), clear: $('#clear'), reset: $('#reset') };
  for (const [name, b] of Object.entries(buttons)) listen(b, 'click', () => on[name]());
  const mirror = $('#mirror');
  const move = $('#move');
  listen(mirror, 'click', () => on.mirror(mirror.getAttribute('aria-pressed') !== 'true'));
  listen(move, 'click', () => on.move(move.getAttribute('aria-pressed') !== 'true'));
  listen($('#guides'), 'change', (e) => on.guides(e.target.checked));

  // Icons in the toolbar when its words do not fit (cut to "U… R… Mi…" on a 360 px phone
  // and in Spanish at 390 px): measured with the words on, on every change of its size.
  const toolbar = root.querySelector('.tools');
  const fitToolbar = () => {
    toolbar.classList.remove('icons-only');
    const cut = [...toolbar.querySelectorAll('.tool')].some((b) => b.offsetParent && b.scrollWidth > b.clientWidth + 1);
    toolbar.classList.toggle('icons-only', cut);
  };
  const sizes = typeof ResizeObserver === 'function' && toolbar ? new ResizeObserver(fitToolbar) : null;
  sizes?.observe(toolbar);
  // Its words changed (another language, a clinic's own): measured again.
  const words = typeof MutationObserver === 'function' && toolbar ? new MutationObserver(fitToolbar) : null;
  words?.observe(toolbar, { characterData: true, childList: true, subtree: true });

  return {
    /** Shows a design's style and numbers, in `lang`'s figures. */
    showDesign(design, lang) {
      figures = wordsFor(lang);
      for (const input of root.querySelectorAll('input[name="style"]')) input.checked = input.value === design.style;
      for (const p of PARAMS) {
        const input = $(`#${p.id}`);
        if (root.activeElement !== input || Number(input.value) !== design[p.field]) input.value = String(design[p.field]);
        const shown = p.format(design[p.field], figures);
        setText($(`#${p.id}-out`), shown);
        if (input.getAttribute('aria-valuetext') !== shown) input.setAttribute('aria-valuetext', shown);
      }
      const soft = design.style === 'soft';
      if ($('#p-transition').disabled !== !soft) $('#p-transition').disabled = !soft;
      setHidden($('#p-transition-note'), soft);
      if (sessions) sessions.value = String(design.sessions ?? 3);
      if (topUp) showTopUp(design.top_up_years);
      // The age slider runs to 6 years, or a year past a later top-up (to 10, where it could
      // not be seen): each stop is a whole repaint while scrubbing, and on a phone at 4× CPU
      // twelve stops missed the 20 ms frame goal that eight met (bench/interaction.mjs).
      const years = Math.min(10, Math.max(6, Math.ceil(design.top_up_years ?? 0) + 1));
      designAgeStop = years + 1;
      fitAgeRange();
      if (age) showAge();
    },
    /** Shows the stage `{ session, sessions, age }` (age "fresh", "healed" or years). */
    showStage(stage) {
      if (!sessionGroup) return;
      const wanted = ['0', ...Array.from({ length: stage.sessions }, (_, i) => String(i + 1))];
      const have = [...sessionGroup.querySelectorAll('input')].map((i) => i.value);
      if (wanted.join() !== have.join()) {
        sessionGroup.replaceChildren(...wanted.map((v) => {
          const label = document.createElement('label');
          const input = Object.assign(document.createElement('input'), { type: 'radio', name: 't-session', value: v });
          const text = Object.assign(document.createElement('span'), { textContent: v === '0' ? 'Before' : v });
          label.append(input, text);
          return label;
        }));
      }
      for (const input of sessionGroup.querySelectorAll('input')) input.checked = Number(input.value) === stage.session;
      const index = AGES.indexOf(typeof stage.age === 'number' ? String(stage.age) : stage.age);
      if (index >= 0) {
        shownAgeStop = index;
        fitAgeRange();
      }
      if (age.disabled !== (stage.session === 0)) age.disabled = stage.session === 0;
      showAge();
    },
    showHistory(canUndo, canRedo) {
      buttons.undo.disabled = !canUndo;
      buttons.redo.disabled = !canRedo;
    },
    showMirror(on) { mirror.setAttribute('aria-pressed', String(on)); },
    showMove(on) { move.setAttribute('aria-pressed', String(on)); },
    /** Gentle advice: a list of sentences (empty hides the box). */
    showAdvice(list) {
      const box = $('#advice');
      const items = [...box.children].map((li) => li.textContent);
      if (items.length !== list.length || items.some((text, i) => text !== list[i])) {
        box.replaceChildren(...list.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
      }
      setHidden(box, list.length === 0);
      setHidden($('#advice-ok'), list.length !== 0);
    },
    dispose() {
      sizes?.disconnect();
      words?.disconnect();
      listeners.removeAll();
    },
  };
}

/** The controls as a view of `app`: choices become app actions, the app's state is shown. */
export function mountControls(root, app) {
  const controls = bindControls(root, app.limits, {
    style(style) { app.setField('style', style); },
    stage(change) { app.setStage(change); },
    preview: (field, value) => app.preview(field, value),
    commit: (field, value) => app.setField(field, value),
    release: (field, value) => app.releaseSlider(field, value),
    undo: () => app.undo(),
    redo: () => app.redo(),
    fit: () => app.fit(),
    clear: () => app.clear(),
    reset: () => app.resetLine(),
    mirror: (on) => app.setMirror(on),
    move: (on) => app.setMoveMode(on),
    guides: (on) => app.setGuides(on),
  });
  const guides = root.getElementById('guides');
  const show = (state, changes) => {
    if (changes.has('design') || changes.has('lang')) controls.showDesign(state.design, state.lang);
    if (changes.has('stats')) {
      controls.showStage(state.shown);
      controls.showAdvice(state.advice);
    }
    if (changes.has('history')) controls.showHistory(state.history.canUndo, state.history.canRedo);
    if (changes.has('tools')) {
      controls.showMirror(state.mirror);
      controls.showMove(state.moveMode);
      if (guides && guides.checked !== state.guides) guides.checked = state.guides;
    }
  };
  show(app.state, new Set(['design', 'stats', 'history', 'tools']));
  const stop = app.subscribe(show);
  return { dispose() { stop(); controls.dispose(); } };
}
