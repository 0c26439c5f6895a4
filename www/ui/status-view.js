// The figures and words about the design: the status line under the canvas (impressions,
// area, density and the stage shown), the plan figures in the panel, and the message over
// the stage (a refusal, a restore notice). Shows the app's state; its one input is a tap
// on the message, which puts it away.

import { wordsFor } from '../app/words.js';
import { setHidden, setText } from './dom-write.js';
import { createListeners } from './listeners.js';

/** Mounts on `root`'s #status, #fig-dots, #fig-area, #fig-density and #message. */
export function mountStatusView(root, app) {
  const $ = (id) => root.getElementById(id);
  const status = $('status');
  const message = $('message');
  const figures = { dots: $('fig-dots'), area: $('fig-area'), density: $('fig-density') };
  let statusParts = null; // [figures, stage], made at the first figures
  const show = (state, changes) => {
    if ((changes.has('stats') || changes.has('lang')) && state.stats) {
      const words = wordsFor(state.lang);
      const f = words.stats(state.stats);
      setText(figures.dots, f.dots);
      setText(figures.area, f.area);
      setText(figures.density, f.density);
      // Two parts, so that a stage too short for both shows the figures alone (CSS: a phone
      // held sideways, where the panel's timeline says the stage).
      if (!statusParts) {
        statusParts = [status.ownerDocument.createElement('span'), status.ownerDocument.createElement('span')];
        statusParts[0].className = 'status-figures';
        statusParts[1].className = 'status-stage';
        status.replaceChildren(...statusParts);
      }
      setText(statusParts[0], words.statusLine(state.stats, state.shown));
      setText(statusParts[1], ` · ${words.stageLabel(state.shown, state.design.top_up_years)}`);
    }
    if (changes.has('message')) {
      setText(message, state.message.text);
      setHidden(message, !state.message.text);
      message.classList.toggle('info', state.message.info);
    }
  };
  show(app.state, new Set(['stats', 'message']));
  // Where the status ends, for the compare's labels to sit below it (with the status in the
  // corner beside the head, "Before treatment" covered its figures and stage).
  const stage = $('stage');
  let statusBottom = '';
  const sized = typeof ResizeObserver === 'function' && stage ? new ResizeObserver(() => {
    const bottom = `${Math.round(status.offsetTop + status.offsetHeight)}px`;
    if (bottom === statusBottom) return; // (its words change every step of a slider drag)
    statusBottom = bottom;
    stage.style.setProperty('--status-bottom', bottom);
  }) : null;
  sized?.observe(status);
  const listeners = createListeners();
  listeners.listen(message, 'click', () => app.showMessage(''));
  const stop = app.subscribe(show);
  return { dispose() { stop(); sized?.disconnect(); listeners.removeAll(); } };
}
