// The stage's overlay canvas (guides, curve, stroke), drawn in a worker where the browser
// can, else on the page. Why (issue 12): the overlay is drawn again at every step of a
// handle drag or a stroke, and each drawing on the page's thread was a whole canvas for
// that thread to take in and hand to the compositor. Measured on a tablet at 4× CPU
// (`RUNS=4 RATE=4 DEVICE=tablet node bench/handle-drag.mjs OLD_WWW NEW_WWW`), frame interval
// of a handle drag: p90 33 → 17 ms, max 100–133 → 50–67 ms. In a worker
// (`transferControlToOffscreen`, overlay-worker.js) the canvas's frames go to the compositor
// from the worker's thread, and the page only posts what to draw (plain data).
//
// The canvas is handed over once the worker has loaded and said so; until then the latest
// drawing waits. A browser without OffscreenCanvas or module workers, or a worker that
// fails to start (a host's policy may forbid workers), gets the same drawing on the page:
// the canvas was not handed over yet, so nothing is lost.

import { drawOverlay } from './guides.js';
import { wordsFor } from '../app/words.js';

/** Whether `canvas` can be drawn by a worker here. */
function canHandOver(canvas) {
  if (typeof Worker !== 'function' || typeof OffscreenCanvas !== 'function') return false;
  if (typeof canvas.transferControlToOffscreen !== 'function') return false;
  try {
    return Boolean(new OffscreenCanvas(1, 1).getContext('2d'));
  } catch {
    return false;
  }
}

/** Resolves after two frames: a worker's drawing is on the page's canvas by then. */
const afterFrames = () => new Promise((ok) => { requestAnimationFrame(() => requestAnimationFrame(ok)); });

/**
 * Wraps the overlay `canvas`. Returns `{ size, resize(width, height), draw(scene, lang),
 * drawn(), dispose() }`: `size` the backing size the page set (the canvas's own
 * `width` follows a worker's drawing), `draw` draws `scene` (drawOverlay's, without words)
 * in language `lang`, `drawn()` resolves once every drawing asked for is on the canvas.
 */
export function createOverlayCanvas(canvas) {
  const size = { width: canvas.width, height: canvas.height };
  // 'starting' (a worker loading), 'worker' (the canvas handed over) or 'page'.
  let mode = 'page';
  let worker = null;
  let context = null;
  let waiting = null; // the latest drawing asked for while the worker loads
  let posted = 0;
  let answered = 0;
  const waiters = [];

  const settle = () => {
    if (mode === 'starting' && waiting) return;
    if (mode === 'worker' && answered < posted) return;
    for (const ok of waiters.splice(0)) ok();
  };
  const drawOnPage = ({ scene, lang }) => {
    drawOverlay(context, { ...scene, words: wordsFor(lang) });
  };
  const post = ({ scene, lang }) => {
    posted += 1;
    worker.postMessage({ seq: posted, size: [size.width, size.height], lang, scene });
  };
  const onPage = () => {
    worker?.terminate();
    worker = null;
    mode = 'page';
    context = canvas.getContext('2d');
    if (waiting) drawOnPage(waiting);
    waiting = null;
    settle();
  };

  if (canHandOver(canvas)) {
    try {
      worker = new Worker(new URL('./overlay-worker.js', import.meta.url), { type: 'module' });
      mode = 'starting';
      worker.onmessage = ({ data }) => {
        if (data.ready && mode === 'starting') {
          const handed = canvas.transferControlToOffscreen();
          worker.postMessage({ canvas: handed }, [handed]);
          mode = 'worker';
          if (waiting) post(waiting);
          waiting = null;
        } else if (data.failed) {
          answered = Math.max(answered, data.seq);
          settle();
          // A drawing that throws is a bug, as it would be on the page: said as one.
          throw new Error(`The guides could not be drawn: ${data.failed}`);
        } else if (data.drawn) {
          answered = Math.max(answered, data.drawn);
        }
        settle();
      };
      worker.onerror = (event) => {
        // A worker that cannot start (no module workers, a policy against workers): draw here.
        if (mode !== 'starting') return;
        event.preventDefault();
        onPage();
      };
    } catch {
      onPage();
    }
  } else {
    onPage();
  }

  return {
    size,
    /** Sets the backing size (the displayed size × devicePixelRatio); the next drawing uses it. */
    resize(width, height) {
      if (size.width === width && size.height === height) return;
      size.width = width;
      size.height = height;
      // A canvas handed over is resized by the worker, with the drawing that follows.
      if (mode !== 'worker') {
        canvas.width = width;
        canvas.height = height;
      }
    },
    draw(scene, lang) {
      const drawing = { scene, lang };
      if (mode === 'page') drawOnPage(drawing);
      else if (mode === 'worker') post(drawing);
      else waiting = drawing;
    },
    /** Resolves once the canvas shows every drawing asked for so far. */
    drawn() {
      return new Promise((ok) => { waiters.push(ok); settle(); }).then(() => (mode === 'worker' ? afterFrames() : undefined));
    },
    dispose() {
      worker?.terminate();
      worker = null;
      for (const ok of waiters.splice(0)) ok();
    },
  };
}
