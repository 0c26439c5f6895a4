// The photo part of the panel as a view: the file picker, camera, drag-and-drop and paste
// hand a photo to the app; the tool buttons, known distance, hair colour and skin type
// become app actions; the progress, hint, contrast words and pigment advice show the
// app's `state.photo`. What a photo does to the design is in app/photo-actions.js. The
// view also gives the app its engine worker (photo.js), which makes the thinning-hair head
// and analyses the photo off the main thread, and ends it when unmounted.

import { openFile } from './open-file.js';
import { createListeners } from './listeners.js';
import { wordsFor } from '../app/words.js';
import { setAttr, setHidden, setText } from './dom-write.js';
import { createPhotoEngine } from './photo.js';

/**
 * Mounts on the photo controls under `root`; `pasteTarget` hears pastes (the document),
 * `host` carries `data-photo` (loading, ready, thinning, error) for styles and tests.
 */
export function mountPhotoPanel(root, app, { pasteTarget, host }) {
  const $ = (id) => root.getElementById(id);
  const el = {
    file: $('photo-file'), progress: $('photo-progress'), stageText: $('photo-stage'), hint: $('photo-hint'),
    tools: $('photo-tools'), calibrate: $('photo-calibrate'), known: $('photo-known'), region: $('photo-region'),
    eyedropper: $('photo-eyedropper'), template: $('photo-template'), thinning: $('photo-thinning'),
    words: $('contrast-words'), figures: $('contrast-figures'), hair: $('hair-colour'), fitz: $('skin-type'),
    advice: $('pigment-advice'), warnings: $('pigment-warnings'), stage: $('stage'),
  };
  const listeners = createListeners();
  const { listen } = listeners;
  const photo = app.photo;
  // The worker loads the engine from where this designer did (a clinic may host it elsewhere).
  const engine = createPhotoEngine({ wasm: host?.constructor?.wasmModule ?? host?.constructor?.wasmLocation });
  photo.useEngine(engine);
  // A dropped or pasted design file or exported picture reopens its design; other images are photos.
  const load = async (file) => {
    try {
      await openFile(app, file);
    } finally {
      el.file.value = ''; // the same file picked again is a new choice
    }
  };

  listen(el.file, 'change', () => {
    const file = el.file.files?.[0];
    photo.load(file, { resume: true }).finally(() => { el.file.value = ''; }); // the photo button takes photos only
  });
  listen(el.calibrate, 'click', () => photo.setMode('calibrate'));
  listen(el.region, 'click', () => photo.setMode('region'));
  listen(el.eyedropper, 'click', () => photo.setMode('eyedropper'));
  listen(el.known, 'input', () => photo.setKnownMm(el.known.value));
  listen(el.hair, 'change', () => photo.setHair(el.hair.value));
  listen(el.fitz, 'change', () => photo.setSkin(el.fitz.value));
  listen(el.thinning, 'click', () => photo.thinning());
  // With work done on the photo since it came (a calibration, a treated area, an edit:
  // none of it can be undone once the photo goes), the first tap asks and the second goes;
  // a slip beside the photo tools cost the whole calibration.
  let asking = null;
  const templateWords = el.template.textContent;
  const stopAsking = () => {
    clearTimeout(asking);
    asking = null;
    el.template.textContent = templateWords;
    el.template.classList.remove('confirm');
  };
  listen(el.template, 'click', () => {
    if (!asking && app.state.photo?.loaded && !app.state.photo?.ludwig && app.state.history?.canUndo) {
      el.template.textContent = 'Your work on this photo goes: tap again';
      el.template.classList.add('confirm');
      askedAbout = app.state.photo.source;
      asking = setTimeout(stopAsking, 5000);
      return;
    }
    stopAsking();
    photo.template();
  });
  listen(el.stage, 'dragover', (e) => { e.preventDefault(); });
  listen(el.stage, 'drop', (e) => { e.preventDefault(); load(e.dataTransfer?.files?.[0]); });
  listen(pasteTarget, 'paste', (e) => {
    const file = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
    if (file) { e.preventDefault(); load(file); }
  });

  let askedAbout = null; // the photo "Back to the template head" asked about
  const show = (state, changes) => {
    if (!changes.has('photo') && !changes.has('lang')) return;
    const p = state.photo;
    // Another photo (or none): a question about the last one is no longer asked.
    if (asking && askedAbout !== p.source) stopAsking();
    // Only what changed is written (dom-write.js): the panel is shown again at every analysis,
    // and a write of the same values made the browser redo style and layout mid-drag.
    if (p.status) { if (host.dataset.photo !== p.status) host.dataset.photo = p.status; } else if ('photo' in host.dataset) delete host.dataset.photo;
    // (The photo tool on, for the stage's notice to let a drag through: designer.css.)
    if (p.mode) { if (host.dataset.photoTool !== p.mode) host.dataset.photoTool = p.mode; } else if ('photoTool' in host.dataset) delete host.dataset.photoTool;
    setHidden(el.progress, !p.progress);
    setHidden(el.stageText, !p.progress);
    if (p.progress) {
      if (el.progress.value !== p.progress.fraction) el.progress.value = p.progress.fraction;
      setText(el.stageText, `${p.progress.stage}…`);
    }
    for (const [name, button] of [['calibrate', el.calibrate], ['region', el.region], ['eyedropper', el.eyedropper]]) {
      setAttr(button, 'aria-pressed', String(p.mode === name));
    }
    // One text node a sentence (each is translated whole: ui/strings.js).
    const sentences = [p.hint ?? []].flat();
    const shown = [...el.hint.childNodes].map((n) => n.dataset?.text);
    if (shown.length !== sentences.length || shown.some((t, i) => t !== sentences[i])) {
      el.hint.replaceChildren(...sentences.map((text, i) => {
        const span = el.hint.ownerDocument.createElement('span');
        span.dataset.text = text;
        span.textContent = i ? ` ${text}` : text;
        return span;
      }));
    }
    setHidden(el.hint, sentences.length === 0);
    setHidden(el.tools, !p.loaded);
    setHidden(el.words, !p.loaded || !p.contrast);
    setHidden(el.figures, !p.loaded || !p.contrast);
    if (p.contrast) {
      const said = wordsFor(state.lang).contrast(p.contrast.report, p.contrast.shown, p.contrast.topUp);
      setText(el.words, said.words);
      setText(el.figures, said.figures);
    }
    if (el.hair.value !== p.hair) el.hair.value = p.hair;
    if (el.fitz.value !== String(p.fitz)) el.fitz.value = String(p.fitz);
    if (p.advice) {
      const words = wordsFor(state.lang);
      setText(el.advice, p.advice.figures ? words.pigmentAdvice(p.advice.figures) : p.advice.text);
      // The engine's English warnings, or the same from their figures in the page's language.
      const list = words.lang === 'en' || !p.advice.figures ? p.advice.warnings
        : words.shadeCautions(p.advice.cautions, p.advice.figures);
      const warnings = list.join('\n');
      if (warnings !== shownWarnings) {
        shownWarnings = warnings;
        el.warnings.replaceChildren(...list.map((w) => Object.assign(document.createElement('li'), { textContent: w })));
      }
      setHidden(el.warnings, list.length === 0);
    }
  };
  let shownWarnings = null;
  show(app.state, new Set(['photo']));
  const stop = app.subscribe(show);
  return {
    dispose() {
      stop();
      clearTimeout(asking);
      listeners.removeAll();
      photo.useEngine(null);
      engine?.close();
    },
  };
}
