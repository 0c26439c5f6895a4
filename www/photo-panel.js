// The photo part of the panel: bring a photo in (file picker, camera, drag-and-drop, paste),
// calibrate its scale by dragging along a known distance, draw the treated region, pick the
// hair colour (eyedropper or list) and skin type, and read the before/after contrast and
// the pigment advice in plain words. It calls the engine through the `designer` handle and
// the page through `page` callbacks; strokes on the canvas come here while a photo tool is
// active. Everything stays on this device.

import { loadPhoto } from './photo.js';
import { sentence } from './format.js';
import { checkPhotoShape, defaultPxPerMm, recalibrate, rescale, defaultRegion, defaultHairline, loopToRegion } from './calibrate.js';

const FITZ = ['I', 'II', 'III', 'IV', 'V', 'VI'];

/**
 * Wires the photo controls under `root`. `page` gives `{ designer, limits, pigmentAdvice,
 * apply, commit, fit, request, showMessage, setMirror }`. Returns `{ mode, loaded, stroke,
 * refresh, dispose }`. The photo's calibration lives in the design (`px_per_mm`).
 */
export function createPhotoPanel(root, page) {
  const $ = (id) => root.getElementById(id);
  const el = {
    file: $('photo-file'), progress: $('photo-progress'), stageText: $('photo-stage'), hint: $('photo-hint'),
    tools: $('photo-tools'), calibrate: $('photo-calibrate'), known: $('photo-known'), region: $('photo-region'),
    eyedropper: $('photo-eyedropper'), template: $('photo-template'), words: $('contrast-words'),
    figures: $('contrast-figures'), hair: $('hair-colour'), fitz: $('skin-type'), advice: $('pigment-advice'),
    warnings: $('pigment-warnings'), stage: root.getElementById('stage'),
  };
  const state = { loaded: false, calibrated: false, mode: null, timer: 0, hairPicked: false, fitzPicked: false };
  const listeners = [];
  const listen = (target, type, fn, opts) => {
    target.addEventListener(type, fn, opts);
    listeners.push(() => target.removeEventListener(type, fn, opts));
  };

  function setMode(mode) {
    state.mode = state.mode === mode ? null : mode;
    for (const [name, button] of [['calibrate', el.calibrate], ['region', el.region], ['eyedropper', el.eyedropper]]) {
      button.setAttribute('aria-pressed', String(state.mode === name));
    }
    const tips = {
      calibrate: 'Drag along something of known length on the photo, e.g. 10 cm of a ruler held to the head.',
      region: 'Draw around the area to treat, in one loop.',
      eyedropper: 'Tap a lock of hair to pick its colour.',
    };
    showHint(tips[state.mode] ?? null);
  }

  function showHint(text) {
    if (text) { el.hint.textContent = text; el.hint.hidden = false; return; }
    if (state.loaded && !state.calibrated) {
      el.hint.textContent = 'Scale not calibrated: the photo is assumed to be 25 cm wide, so dot sizes are approximate. Use “Calibrate scale” and drag along a known distance.';
      el.hint.hidden = false;
    } else {
      el.hint.hidden = true;
    }
  }

  function progress(stage, fraction) {
    el.progress.hidden = fraction == null;
    el.stageText.hidden = fraction == null;
    if (fraction != null) { el.progress.value = fraction; el.stageText.textContent = `${stage}…`; }
  }

  async function load(file) {
    if (!file) return;
    document.body.dataset.photo = 'loading';
    progress('Opening the photo', 0.05);
    try {
      const img = await loadPhoto(file, { maxSide: page.limits.photo.work_max_side_px, maxPixels: page.limits.photo.max_pixels }, progress);
      progress('Finding hair and scalp', 0.85);
      await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))); // let the bar paint
      checkPhotoShape(img.originalWidth, img.originalHeight);
      const ppm = defaultPxPerMm(img.originalWidth, page.limits.px_per_mm.min);
      state.assumedPxPerMm = ppm;
      page.designer.set_photo(img.width, img.height, img.data, img.originalWidth, img.originalHeight, ppm);
      const [w, h] = [img.originalWidth / ppm, img.originalHeight / ppm];
      state.loaded = true;
      state.calibrated = false;
      page.setMirror(false);
      // The measured guides belong to the template head, not to this photo.
      const guides = root.getElementById('guides');
      if (guides?.checked) guides.click();
      page.apply({ ...page.designer.design(), style: 'density-only', scalp: defaultRegion(w, h), hairline: defaultHairline(w, h) });
      page.commit();
      page.fit();
      el.tools.hidden = false;
      showHint(null);
      page.showMessage('');
      document.body.dataset.photo = 'ready';
      refresh();
    } catch (error) {
      document.body.dataset.photo = 'error';
      page.showMessage(`${sentence(error?.message ?? error)} Your current design is kept.`);
    } finally {
      progress(null, null);
      el.file.value = '';
    }
  }

  /** A stroke (design mm) while a tool is active: calibration, region or eyedropper. */
  function stroke(points) {
    const mode = state.mode;
    if (!mode || points.length === 0) return;
    try {
      if (mode === 'calibrate') {
        // The calibration is part of the design: one apply rescales the points and the
        // photo together, or (refused) changes neither.
        const design = page.designer.design();
        const next = recalibrate(design.px_per_mm, points[0], points[points.length - 1], el.known.value);
        const factor = design.px_per_mm / next;
        page.apply({ ...design, px_per_mm: next, scalp: rescale(design.scalp, factor), hairline: rescale(design.hairline, factor) });
        page.commit();
        state.calibrated = true;
        page.fit();
      } else if (mode === 'region') {
        const region = loopToRegion(points);
        page.apply({ ...page.designer.design(), scalp: region });
        page.commit();
      } else if (mode === 'eyedropper') {
        const [x, y] = points[points.length - 1];
        const rgb = page.designer.photo_colour(x, y, 0.6);
        if (rgb.length === 3) {
          page.designer.set_hair_hint(rgb);
          state.hairPicked = false;
          page.request({ engine: true });
        }
      }
      setMode(null);
      refresh();
    } catch (error) {
      page.showMessage(error?.message ?? String(error));
    }
  }

  /** Updates the contrast words and pigment advice soon (analysis costs ~100 ms). */
  function refresh() {
    clearTimeout(state.timer);
    state.timer = setTimeout(update, 200);
  }

  function update() {
    const design = page.designer.design();
    // A design applied with its own calibration (undo, setDesign) is calibrated too.
    if (state.loaded && !state.calibrated && design.px_per_mm !== state.assumedPxPerMm) {
      state.calibrated = true;
      showHint(null);
    }
    let hair = el.hair.value;
    let fitz = Number(el.fitz.value);
    if (state.loaded) {
      const analysis = page.designer.photo_analysis();
      const c = page.designer.contrast();
      if (analysis && !state.hairPicked) { hair = analysis.hair_colour; el.hair.value = hair; }
      if (analysis && !state.fitzPicked) { fitz = analysis.fitzpatrick; el.fitz.value = String(fitz); }
      if (c) {
        el.words.textContent = c.dots === 0
          ? 'No impressions land on visible scalp in this area.'
          : `${c.summary[0].toUpperCase()}${c.summary.slice(1)}: ${page.designer.stage().label.replace(/^A/, 'a')} (${c.dots.toLocaleString('en')} impressions, ${Math.round(c.dots_on_scalp_fraction * 100)} % on visible scalp).`;
        el.figures.textContent = `Contrast (RMS, 0.5 mm): ${c.rms_before.toFixed(3)} → ${c.rms_after.toFixed(3)} · hair–scalp (Weber): ${c.weber_before.toFixed(2)} → ${c.weber_after.toFixed(2)} · scalp showing: ${Math.round(c.scalp_fraction * 100)} %`;
        el.words.hidden = false;
        el.figures.hidden = false;
      }
    }
    try {
      const advice = page.pigmentAdvice(hair, fitz, design.shade);
      el.advice.textContent = `Recommended shade for ${hair.replace('-', ' ')} hair on Fitzpatrick ${FITZ[fitz - 1]} skin: ${Math.round(advice.shade * 100)} % (about ${Math.round(advice.water_parts)}:1 water to carbon).`;
      el.warnings.replaceChildren(...advice.warnings.map((w) => Object.assign(document.createElement('li'), { textContent: w })));
      el.warnings.hidden = advice.warnings.length === 0;
    } catch (error) {
      el.advice.textContent = error?.message ?? String(error);
    }
  }

  listen(el.file, 'change', () => load(el.file.files?.[0]));
  listen(el.calibrate, 'click', () => setMode('calibrate'));
  listen(el.region, 'click', () => setMode('region'));
  listen(el.eyedropper, 'click', () => setMode('eyedropper'));
  listen(el.hair, 'change', () => { state.hairPicked = true; update(); });
  listen(el.fitz, 'change', () => { state.fitzPicked = true; update(); });
  // The template head with generated thinning hair: a calibrated "photo" in template mm.
  listen($('photo-thinning'), 'click', () => {
    try {
      const region = page.designer.show_thinning_template(2);
      state.loaded = true;
      state.calibrated = true;
      // The template's skin is drawn as Fitzpatrick II; estimating it from pixels half
      // covered by sub-pixel strands reads far too dark.
      el.fitz.value = '2';
      state.fitzPicked = true;
      page.setMirror(false);
      // The measured guides would cover the hair that this view is about.
      const guides = root.getElementById('guides');
      if (guides?.checked) guides.click();
      page.apply({ ...page.designer.design(), style: 'density-only', scalp: region });
      page.commit();
      page.fit();
      el.tools.hidden = false;
      showHint(null);
      page.showMessage('');
      document.body.dataset.photo = 'thinning';
      refresh();
    } catch (error) {
      page.showMessage(`${sentence(error?.message ?? error)} Your current design is kept.`);
    }
  });
  listen(el.template, 'click', () => {
    page.designer.clear_photo();
    state.loaded = false;
    state.fitzPicked = false;
    el.tools.hidden = true;
    el.words.hidden = true;
    el.figures.hidden = true;
    setMode(null);
    page.resetTemplate();
  });
  listen(el.stage, 'dragover', (e) => { e.preventDefault(); });
  listen(el.stage, 'drop', (e) => { e.preventDefault(); load(e.dataTransfer?.files?.[0]); });
  listen(document, 'paste', (e) => {
    const file = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
    if (file) { e.preventDefault(); load(file); }
  });
  update();

  return {
    get mode() { return state.mode; },
    get loaded() { return state.loaded; },
    stroke,
    refresh,
    dispose() { listeners.splice(0).forEach((off) => off()); clearTimeout(state.timer); },
  };
}
