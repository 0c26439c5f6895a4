// The control panel and the stage toolbar: style, parameters in physical units, pigment
// look, line tools (mirror, guides, clear, reset), undo/redo and fit. It reports choices
// through callbacks and is told what to show; it never touches the engine. Sliders report
// `preview` while moving (live re-layout) and `commit` when let go (one undo step).

/** Parameter sliders: design field, element id, display format with its unit. */
export const PARAMS = [
  { field: 'density_per_cm2', id: 'p-density', format: (v) => `${Math.round(v)} /cm²` },
  { field: 'dot_mm', id: 'p-dot', format: (v) => `${v.toFixed(2)} mm` },
  { field: 'transition_mm', id: 'p-transition', format: (v) => `${v.toFixed(1)} mm` },
  { field: 'shade', id: 'p-shade', format: (v) => `${Math.round(v * 100)} %` },
];

/** Wires the controls under `root`; returns setters for what they show and `dispose`. */
export function bindControls(root, on) {
  const listeners = [];
  const listen = (el, type, fn) => {
    if (!el) return;
    el.addEventListener(type, fn);
    listeners.push(() => el.removeEventListener(type, fn));
  };
  const $ = (sel) => root.querySelector(sel);
  for (const input of root.querySelectorAll('input[name="style"]')) {
    listen(input, 'change', () => input.checked && on.style(input.value));
  }
  for (const input of root.querySelectorAll('input[name="look"]')) {
    listen(input, 'change', () => input.checked && on.look(input.value));
  }
  for (const p of PARAMS) {
    const input = $(`#${p.id}`);
    const output = $(`#${p.id}-out`);
    listen(input, 'input', () => {
      output.textContent = p.format(Number(input.value));
      on.preview(p.field, Number(input.value));
    });
    listen(input, 'change', () => on.commit(p.field, Number(input.value)));
  }
  const buttons = { undo: $('#undo'), redo: $('#redo'), fit: $('#fit'), clear: $('#clear'), reset: $('#reset') };
  for (const [name, b] of Object.entries(buttons)) listen(b, 'click', () => on[name]());
  const mirror = $('#mirror');
  const move = $('#move');
  listen(mirror, 'click', () => on.mirror(mirror.getAttribute('aria-pressed') !== 'true'));
  listen(move, 'click', () => on.move(move.getAttribute('aria-pressed') !== 'true'));
  listen($('#guides'), 'change', (e) => on.guides(e.target.checked));

  return {
    /** Shows a design's style and numbers. */
    showDesign(design) {
      for (const input of root.querySelectorAll('input[name="style"]')) input.checked = input.value === design.style;
      for (const p of PARAMS) {
        const input = $(`#${p.id}`);
        if (document.activeElement !== input || Number(input.value) !== design[p.field]) input.value = String(design[p.field]);
        $(`#${p.id}-out`).textContent = p.format(design[p.field]);
      }
      const soft = design.style === 'soft';
      $('#p-transition').disabled = !soft;
      $('#p-transition-note').hidden = soft;
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
      box.replaceChildren(...list.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
      box.hidden = list.length === 0;
      $('#advice-ok').hidden = list.length !== 0;
    },
    dispose() {
      listeners.splice(0).forEach((off) => off());
    },
  };
}
