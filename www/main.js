// Boots the designer: loads the wasm engine, wires stage and controls, and exposes the page
// API `window.hairline`. Data flows one way: a choice updates the design, the engine lays
// the dots, and one frame is painted on the next animation frame.

import init, { Designer, defaultDesign } from './pkg/hairline.js';
import { watchStage } from './stage.js';
import { bindControls } from './controls.js';
import { formatStats, statusLine } from './format.js';

const canvas = document.getElementById('canvas');
const statusEl = document.getElementById('status');
const messageEl = document.getElementById('message');
const figures = {
  dots: document.getElementById('fig-dots'),
  area: document.getElementById('fig-area'),
  density: document.getElementById('fig-density'),
};

let designer = null;
/** The current view: canvas px = mm × pxPerMm + offset; `ratio` device px per CSS px. */
let view = { pxPerMm: 1, offsetX: 0, offsetY: 0, ratio: 1 };
let frameRequested = false;
let painted = null;
const ready = new Promise((resolve) => { painted = resolve; });

function showMessage(text) {
  messageEl.textContent = text;
  messageEl.hidden = !text;
}

function showStats() {
  const stats = designer.stats();
  const f = formatStats(stats);
  figures.dots.textContent = f.dots;
  figures.area.textContent = f.area;
  figures.density.textContent = f.density;
  statusEl.textContent = statusLine(stats);
}

function requestFrame() {
  if (frameRequested || !designer) return;
  frameRequested = true;
  requestAnimationFrame(() => {
    frameRequested = false;
    designer.render(canvas.getContext('2d'));
    painted?.();
    painted = null;
  });
}

/** Validates and applies `design`; throws an Error with the engine's message, changing nothing. */
function applyDesign(design) {
  let copy;
  try {
    copy = structuredClone(design);
  } catch {
    throw new Error('invalid design: it must be a plain object (a design file)');
  }
  try {
    designer.set_design(copy);
  } catch (error) {
    throw new Error(error?.message ?? String(error));
  }
  controls.showStyle(designer.design().style);
  showStats();
  showMessage('');
  requestFrame();
}

let controls;

async function boot() {
  await init();
  designer = new Designer(defaultDesign());
  controls = bindControls(document.querySelector('.panel'), {
    onStyle(style) {
      try {
        applyDesign({ ...designer.design(), style });
      } catch (error) {
        showMessage(error.message);
      }
    },
    onLook(look) {
      designer.set_healed(look === 'healed');
      requestFrame();
    },
  });
  watchStage(canvas, ({ width, height, ratio }) => {
    const [pxPerMm, offsetX, offsetY] = designer.fit_view(width, height, 16 * ratio);
    view = { pxPerMm, offsetX, offsetY, ratio };
    requestFrame();
  });
  showStats();
}

window.hairline = {
  ready,
  getDesign: () => designer.design(),
  setDesign: (design) => applyDesign(design),
  /** Design mm → client (CSS) px under the current view. */
  toScreen([x, y]) {
    const rect = canvas.getBoundingClientRect();
    return [rect.left + (x * view.pxPerMm + view.offsetX) / view.ratio, rect.top + (y * view.pxPerMm + view.offsetY) / view.ratio];
  },
  /** Client (CSS) px → design mm under the current view. */
  toDesign([clientX, clientY]) {
    const rect = canvas.getBoundingClientRect();
    return [((clientX - rect.left) * view.ratio - view.offsetX) / view.pxPerMm, ((clientY - rect.top) * view.ratio - view.offsetY) / view.pxPerMm];
  },
  stats: () => {
    const { dots, area_cm2, density_per_cm2, warnings } = designer.stats();
    return { dots, area_cm2, density_per_cm2, warnings };
  },
};

boot().catch((error) => {
  statusEl.textContent = 'The designer could not start.';
  showMessage(`Could not start the engine: ${error?.message ?? error}`);
  console.error(error);
});
