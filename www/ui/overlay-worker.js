// Draws the stage's overlay (the guides, the editable curve, the stroke: guides.js) on the
// canvas the page handed over (`transferControlToOffscreen`), in this worker's thread. Why
// (issue 12): the overlay changes at every step of a handle drag, and each drawing of it on
// the page was a whole canvas for the page's thread to take in and hand to the browser's
// compositor; a worker's canvas goes to the compositor from here. Spoken to by
// overlay-canvas.js: `{ canvas }` once, then `{ seq, size, lang, scene }` for each drawing,
// each answered `{ drawn: seq }` (or `{ failed: message, seq }`).

import { drawOverlay } from './guides.js';
import { wordsFor } from '../app/words.js';

let context = null;

self.onmessage = ({ data }) => {
  if (data.canvas) {
    context = data.canvas.getContext('2d');
    return;
  }
  try {
    const [width, height] = data.size;
    // A new size is a cleared canvas, drawn at once in the same task: no empty frame between.
    if (context.canvas.width !== width || context.canvas.height !== height) {
      context.canvas.width = width;
      context.canvas.height = height;
    }
    drawOverlay(context, { ...data.scene, words: wordsFor(data.lang) });
    // Answered once the drawing has gone to the page's canvas: at this worker's next frame.
    if (typeof self.requestAnimationFrame === 'function') self.requestAnimationFrame(() => self.postMessage({ drawn: data.seq }));
    else self.postMessage({ drawn: data.seq });
  } catch (error) {
    self.postMessage({ failed: String(error?.message ?? error), seq: data.seq });
  }
};

// The modules above have loaded: the page may hand over its canvas.
self.postMessage({ ready: true });
