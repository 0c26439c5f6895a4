// What a client's photo does to the design, with no DOM: a decoded photo replaces the
// template head (its calibration is part of the design), the tools (calibrate by a known
// distance, draw the treated area, pick the hair colour) turn a stroke into one undoable
// edit, and the contrast words and pigment advice are worked out soon after each change.
// Part of the app core; the photo panel view only shows `state.photo` and calls these.
// The heavy work (the thinning-hair head, about a second; the contrast analysis, up to a
// few hundred ms) goes to an off-thread engine when the view gives one (`useEngine`), so
// the page keeps answering; without one (node tests, old browsers) it runs here.
// Everything stays on this device.

import { inPageWords } from './format.js';
import { DIM_PHOTO, GUESSED_AREA, PREPARING, TOOL_TIPS, UNCALIBRATED } from './photo-hints.js';
import { pictureMargin } from './viewport.js';
import { createRegionAnalysis } from './region-analysis.js';
import { checkPhotoShape, defaultPxPerMm, recalibrate, rescale, defaultRegion, defaultHairline, loopToRegion } from './calibrate.js';

/** Wait after an edit before the contrast analysis (~100 ms of work) runs again, ms. */
const ANALYSIS_DELAY_MS = 200;

/** Photo actions over the core's internals (see core.js); `core.decodePhoto` decodes a file. */
export function createPhotoActions(core) {
  const { state, designer, limits, notify } = core;
  state.photo = {
    loaded: false, // a photo (or the thinning-hair template) is under the design
    status: null, // 'loading' | 'ready' | 'thinning' | 'error' | null
    calibrated: false,
    assumedPxPerMm: null,
    guessedArea: null, // the guessed treated area in photo px ('x,y,…'), while it is the design's
    guessedAreaKey: null, // that area, kept while the photo is (an undo can bring it back)
    mode: null, // 'calibrate' | 'region' | 'eyedropper' | null
    hint: null,
    progress: null, // { stage, fraction } while a photo is prepared
    knownMm: 100,
    hair: 'dark-brown',
    fitz: 2,
    hairPicked: false,
    fitzPicked: false,
    dim: false, // the photo's brightest parts are grey: the skin type read from it may be too dark
    contrast: null, // for a photo: { report, shown, topUp }, the engine's report at that stage (words.contrast says it)
    source: null, // the photo file (a Blob), in memory only
    advice: null, // { figures, warnings, cautions }, or { text, warnings, cautions } when the engine refused
    ludwig: null, // 1–3 while the long-haired thinning head of that Ludwig grade is shown
  };
  const photo = state.photo;
  let timer = 0;
  let engine = null; // the off-thread engine (useEngine), or null: everything runs here
  let engineHasPhoto = false; // whether the engine holds the photo shown
  let choice = 0; // the latest photo choice (a photo, the thinning head, the template): older ones give way
  // The design on the template head when a photo came over it, and the guides then shown:
  // "Back to the template head" returns to them. It gave the default design (a technician's
  // Norwood IV line gone, with nothing to undo) and left the guides off.
  let leftTemplate = null; // { design, guides }
  let arriving = 0; // the choice of a photo or head on its way (0: none); see analyse()
  let asked = 0; // the latest analysis asked of the engine: older answers are dropped
  let hairHint = []; // the eyedropper's colour, for the engine's classifier too

  const changed = () => notify('photo');
  const sameColour = (a, b) => a.length === b.length && a.every((c, i) => c === b[i]);

  /** The hint: a photo tool's tip, else what the page guessed (the area, the scale), a sentence each. */
  function showHint() {
    const guesses = [photo.guessedArea && GUESSED_AREA, photo.loaded && !photo.calibrated && UNCALIBRATED, photo.loaded && photo.dim && !photo.fitzPicked && DIM_PHOTO].filter(Boolean);
    photo.hint = TOOL_TIPS[photo.mode] ?? (guesses.length ? guesses : null);
  }
  /** A treated area as photo px ('x,y,…', whole px): the same area before and after a calibration. */
  const areaInPx = (design) => (design.scalp ?? []).map(([x, y]) => `${Math.round(x * design.px_per_mm)},${Math.round(y * design.px_per_mm)}`).join(' ');

  function setMode(mode) {
    const tip = TOOL_TIPS[photo.mode];
    photo.mode = photo.mode === mode ? null : mode;
    showHint();
    // The tool's tip on the stage too, where the finger is: on a phone it was only in the
    // panel, a scroll away, while the stage's notice still spoke of the guessed area (and,
    // over the picture, took the drag meant for the ruler under it: designer.css lets a
    // drag through while a tool is on). Gone with the tool.
    if (TOOL_TIPS[photo.mode]) core.showMessage(TOOL_TIPS[photo.mode], { info: true });
    else if (tip && state.message.text === tip) core.showMessage('');
    changed();
  }

  function progress(stage, fraction) {
    photo.progress = fraction == null ? null : { stage, fraction };
    changed();
  }

  /** The photo is under the design now: density-only in its default region, the guides off. */
  function showPhotoTools(status) {
    photo.loaded = true;
    photo.status = status;
    core.setMirror(false);
    // The measured guides belong to the template head, not to this photo (nor over hair).
    core.setGuides(false);
    showHint();
    // Said on the stage too (on a phone the photo's panel is a scroll away from the picture).
    core.showMessage(photo.guessedArea ? GUESSED_AREA : '', { info: true });
    changed();
    refresh();
  }

  /** Shows what the classifier found (`photo_analysis()`) and the contrast (`contrast()`). */
  function showAnalysis(analysis, c) {
    if (analysis?.skin_rgb?.length === 3) photo.skinRgb = [...analysis.skin_rgb];
    if (analysis && !photo.hairPicked) photo.hair = analysis.hair_colour;
    if (analysis && !photo.fitzPicked) photo.fitz = analysis.fitzpatrick;
    if (analysis) {
      photo.dim = Boolean(analysis.dim);
      showHint();
    }
    if (c) {
      // The figures and the stage they were measured at, for the views to say in the
      // visitor's language (words.contrast).
      photo.contrast = { report: c, shown: designer.stage(), topUp: designer.design().top_up_years ?? null };
    }
  }

  /** The pigment advice for the hair and skin known now. */
  function advise() {
    try {
      const advice = core.engine.pigmentAdvice(photo.hair, photo.fitz, designer.design().shade);
      // The figures, for the views to say in the visitor's language (words.pigmentAdvice).
      const figures = { hair: photo.hair, fitzpatrick: photo.fitz, shade: advice.shade, waterParts: advice.water_parts };
      photo.advice = { figures, warnings: advice.warnings, cautions: advice.cautions };
    } catch (error) {
      photo.advice = { text: error?.message ?? String(error), warnings: [], cautions: [] };
    }
  }

  /**
   * Works out the contrast words and the pigment advice for the current design: in the
   * engine worker when it holds the photo (the words follow when it answers; an answer
   * overtaken by a newer question is dropped), else here.
   */
  function analyse() {
    clearTimeout(timer);
    const design = designer.design();
    // A design applied with its own calibration (setDesign, redo) is calibrated too, and
    // one back on the assumed scale (undo of a calibration) is not: the warning about the
    // assumed 25 cm came back with it (it stayed away, dot sizes approximate unsaid).
    if (photo.loaded && photo.assumedPxPerMm != null) {
      const calibrated = design.px_per_mm !== photo.assumedPxPerMm;
      if (calibrated !== photo.calibrated) {
        photo.calibrated = calibrated;
        showHint();
      }
    }
    // The guessed area stays guessed until a drawn one (or a design's own) replaces it; an
    // undo back to it is guessed again.
    if (photo.guessedAreaKey) {
      const guessed = photo.loaded && areaInPx(design) === photo.guessedAreaKey ? photo.guessedAreaKey : null;
      if (guessed !== photo.guessedArea) {
        photo.guessedArea = guessed;
        showHint();
      }
    }
    if (photo.loaded && engine && engineHasPhoto) {
      const question = ++asked;
      const shown = choice;
      const current = () => question === asked && shown === choice && photo.loaded;
      engine.analyse({ design, stage: state.stage, laid: state.laid, hairHint }).then(({ analysis, contrast }) => {
        if (!current()) return;
        showAnalysis(analysis, contrast);
        advise();
        changed();
      }, () => {
        if (!current()) return;
        engineHasPhoto = false; // the worker stopped: work here from now on
        analyse();
      });
    } else if (photo.loaded && arriving !== choice) {
      // (While a photo or head is on its way it replaces the one shown: working out the old
      // one's contrast here took 170 ms of the page's thread while the engine worker was
      // busy with the new one. Its arrival, or its failure, asks for the analysis again.)
      showAnalysis(designer.photo_analysis(), designer.contrast());
    }
    advise();
    changed();
  }

  /**
   * A picture painted by the off-thread engine (`request` as engine-worker.js's `picture`):
   * resolves an ImageBitmap, or null when there is no such engine or it stopped.
   */
  async function paintOffThread(request) {
    if (!engine) return null;
    try {
      const { bitmap } = await engine.picture(request);
      return bitmap;
    } catch (error) {
      if (error?.workerFailed) return null;
      throw error;
    }
  }

  /** Analyses soon (the analysis costs ~100 ms): many edits in a row cost one analysis. */
  function refresh() {
    clearTimeout(timer);
    timer = setTimeout(analyse, ANALYSIS_DELAY_MS);
  }

  // The SHA-256 (hex) of the photo file shown, or null (none, the generated head, or a page
  // without Web Crypto: served over plain http): how a consultation saved without its photo
  // knows the photo it was made on.
  let digest = Promise.resolve(null);

  let rewalls = 0; // the latest remake of the long-haired head's wall

  // A treated area drawn or a calibration, analysed by the engine worker first.
  const region = createRegionAnalysis({
    core, designer, photo,
    photoSide: {
      engine: () => engine,
      hasPhoto: () => engineHasPhoto,
      lostPhoto: () => { engineHasPhoto = false; },
      choice: () => choice,
      hairHint: () => hairHint,
      progress,
      refresh: () => refresh(),
      shown: () => {
        showHint(); // (calibrated: the hint about the assumed scale goes)
        changed();
      },
    },
  });

  const actions = {
    /** A treated area or calibration being analysed before it is applied, else null. */
    pending: () => region.pending(),
    /** Resolves the SHA-256 (hex) of the photo file shown, or null. */
    digest: () => digest,
    /**
     * Decodes `file` off the main thread and puts it under the design; a refusal keeps the
     * design. `resume`: the visitor chose it, so it may bring back the design it had in this
     * tab before a reload (core `resumePhotoWork`).
     */
    async load(file, { resume = false } = {}) {
      if (!file) return;
      const mine = ++choice;
      arriving = mine;
      photo.status = 'loading';
      progress('Opening the photo', 0.05);
      try {
        const img = await core.decodePhoto(file, { maxSide: limits.photo.work_max_side_px, maxPixels: limits.photo.max_pixels }, progress);
        if (mine !== choice) return; // another photo or the template was chosen meanwhile
        progress('Finding hair and scalp', 0.85);
        await core.afterPaint(); // let the bar paint
        if (mine !== choice) return;
        checkPhotoShape(img.originalWidth, img.originalHeight);
        const ppm = defaultPxPerMm(img.originalWidth, limits.px_per_mm.min);
        const [w, h] = [img.originalWidth / ppm, img.originalHeight / ppm];
        const region = defaultRegion(w, h);
        // The engine worker analyses this photo from now on (it answers in order, so every
        // analysis asked from now on is of this photo). A copy of its pixels moves there and
        // it classifies the hair over the first region first (a few hundred ms on a phone),
        // which the designer here then takes instead of doing it on the page's thread.
        engineHasPhoto = false;
        let analysis = null;
        let inWorker = false;
        if (engine) {
          try {
            ({ analysis } = await engine.photo({ ...img, data: img.data.slice() }, ppm, region));
            inWorker = true;
          } catch {
            /* no worker, or it refused: this thread analyses */
          }
          if (mine !== choice) return; // another photo was chosen meanwhile: it decides
        }
        // The design it opens with goes in with it: the dots are laid once, for that design
        // (laid for the old one first, the new photo's hair was classified over the old
        // region on this thread, about 260 ms on a phone at 4× CPU).
        const left = photo.loaded ? leftTemplate : { design: designer.design(), guides: state.guides };
        const opening = { ...designer.design(), style: 'density-only', scalp: region, hairline: defaultHairline(w, h) };
        designer.set_photo(img.width, img.height, img.data, img.originalWidth, img.originalHeight, ppm, analysis, opening);
        leftTemplate = left; // (once the photo is taken: a refused one leaves the template as it was)
        engineHasPhoto = inWorker;
        hairHint = [];
        photo.assumedPxPerMm = ppm;
        photo.source = file; // kept in memory only; a consultation stores it when asked to
        digest = digestOf(file);
        photo.calibrated = false;
        photo.ludwig = null;
        photo.skinRgb = null; // the new photo's, once analysed
        // Its skin type is read from it (the long-haired head's chosen one stayed, so a
        // client's photo after it was never read, nor said to be dim: a review).
        photo.fitzPicked = false;
        photo.dim = false;
        photo.loaded = true; // before apply: the shape advice is for the template only
        photo.guessedAreaKey = areaInPx({ scalp: region, px_per_mm: ppm });
        photo.guessedArea = photo.guessedAreaKey;
        core.apply({ ...designer.design(), style: 'density-only', scalp: region, hairline: defaultHairline(w, h) });
        core.commit();
        core.newHistory();
        core.fit();
        showPhotoTools('ready');
        // (The visitor's own choice, not a consultation's photo: that brings its own design.)
        if (resume) await core.resumePhotoWork?.(file);
      } catch (error) {
        photo.status = 'error';
        core.showMessage(`${inPageWords(error?.message ?? error)} Your current design is kept.`);
      } finally {
        if (arriving === mine) {
          arriving = 0;
          refresh(); // what was asked for meanwhile, of the photo now shown
        }
        if (mine === choice) progress(null, null);
      }
    },

    /**
     * The template head with long hair thinning as in Ludwig grade `ludwig` (1–3; the
     * presets' Ludwig patterns with long hair): a calibrated "photo" in template mm,
     * density-only over its hair-bearing scalp. With an engine worker the head is made
     * there (the status says so meanwhile) and only put under the design here. `design`:
     * one made on that head (a reload, a file, a link, a consultation), laid on it as it is
     * (its treated area and style with it), its seed making the head.
     */
    async thinning(ludwig = 2, { design = null } = {}) {
      const grade = Number(ludwig);
      if (![1, 2, 3].includes(grade)) {
        core.showMessage('Long thinning hair comes in Ludwig grades 1, 2 and 3. Your current design is kept.');
        return;
      }
      const mine = ++choice;
      // The template design to go back to (as a photo's): the one on screen when this head
      // came over the template; none for a design made on this head (a reload, a file).
      const left = photo.loaded || design ? leftTemplate : { design: designer.design(), guides: state.guides };
      const put = (show) => {
        const region = show();
        leftTemplate = left;
        hairHint = [];
        photo.calibrated = true;
        photo.assumedPxPerMm = null; // a generated head's scale is known, not assumed
        photo.guessedArea = null; // and its hair-bearing region is its own, not a guess
        photo.guessedAreaKey = null;
        photo.source = null;
        photo.skinRgb = null; // this head's, once analysed (not the last client's)
        digest = Promise.resolve(null); // a generated head: no client photo
        // The template's skin is drawn as Fitzpatrick II, and estimating it from pixels half
        // covered by sub-pixel strands reads far too dark: the client's own skin type (the
        // design's head) sets the advice, II unless chosen.
        photo.fitz = (design ?? designer.design()).head?.skin ?? 2;
        photo.fitzPicked = true;
        photo.loaded = true;
        photo.ludwig = grade;
        // Its head is the one shown: a woman's, Ludwig `grade`, seen from the front (the
        // design's head still named the preset before, a Norwood III man, in saved files
        // and the page's `designchange` event).
        const current = designer.design();
        const head = { ...current.head, preset: `ludwig-${grade}`, sex: 'female', view: 'front' };
        const fresh = { ...current, head, style: 'density-only', scalp: region };
        try {
          core.apply(design ?? fresh);
        } catch (error) {
          if (!design) throw error;
          core.apply(fresh); // (checked before it came here; the head's own design if not)
          core.showMessage(`${inPageWords(error?.message ?? error)} The head's own design is shown.`);
        }
        core.commit();
        core.newHistory();
        core.fit();
        showPhotoTools('thinning');
      };
      const here = () => {
        try {
          // The head is made from the design's seed: the one laid on it, when given.
          if (design && design.seed !== designer.design().seed) core.apply({ ...designer.design(), seed: design.seed });
          put(() => designer.show_thinning_template(grade));
        } catch (error) {
          core.showMessage(`${inPageWords(error?.message ?? error)} Your current design is kept.`);
        }
      };
      if (!engine) {
        here();
        return;
      }
      const before = photo.status;
      photo.status = 'loading';
      arriving = mine;
      // The worker's photo becomes the head before this page shows it: until then the
      // photo shown (if any) is analysed here.
      engineHasPhoto = false;
      core.showMessage(`${PREPARING}…`, { info: true });
      progress(PREPARING, 0.1);
      try {
        // The head follows the design's seed, and stands before a wall of the stage's colour
        // (a light box in a dark-themed designer): made again if either changed meanwhile.
        let seed;
        let wall;
        let head;
        do {
          seed = design?.seed ?? designer.design().seed;
          wall = [...state.backdrop];
          head = await engine.thinning(seed, grade, wall);
        } while (mine === choice && ((!design && designer.design().seed !== seed) || !sameColour(wall, state.backdrop)));
        if (mine !== choice) return;
        progress(PREPARING, 0.9);
        await core.afterPaint(); // let the bar paint before the designer takes the head
        if (mine !== choice) return;
        // The worker gave the head's hair as drawn and its analysis too: the designer takes
        // them, classifying nothing.
        put(() => designer.show_thinning_head(head.pixels, head.truth, head.analysis));
        engineHasPhoto = true;
      } catch (error) {
        if (mine !== choice) return;
        photo.status = before;
        if (error?.workerFailed) {
          engine = null; // no worker here (no module workers): make the head on this thread, as before
          here();
        } else {
          core.showMessage(`${inPageWords(error?.message ?? error)} Your current design is kept.`);
        }
      } finally {
        if (arriving === mine) {
          arriving = 0;
          refresh(); // what was asked for meanwhile, of what is shown now
        }
        if (mine === choice) {
          progress(null, null);
          if (state.message.text === `${PREPARING}…`) core.showMessage('');
        }
      }
    },

    /**
     * The long-haired head on screen made again before a wall of the stage's colour now (a
     * theme switched while it is shown: its wall stayed the colour it was made with). Only
     * its pixels change, quietly: the design, its history, the view and any message stay
     * (the same seed and grade give the same hair and dots). Nothing while another photo or
     * head is on its way (that one is made before the new wall, see thinning), or without
     * the engine worker (made here, the head would block the page for a second).
     */
    async rewall() {
      if (!engine || !photo.loaded || !photo.ludwig || arriving !== 0 || photo.status === 'loading') return;
      const mine = ++rewalls;
      const shown = choice; // a photo or head chosen meanwhile wins (its choice is not taken)
      const grade = photo.ludwig;
      const seed = designer.design().seed;
      const wall = [...state.backdrop];
      let head;
      try {
        head = await engine.thinning(seed, grade, wall);
      } catch (error) {
        if (error?.workerFailed) engineHasPhoto = false;
        return; // (the head keeps its wall: decoration, not the design)
      }
      if (mine !== rewalls || shown !== choice || photo.ludwig !== grade || designer.design().seed !== seed) return;
      if (!sameColour(wall, state.backdrop)) { this.rewall(); return; }
      // The head's pixels change; its calibration and the eyedropper's hair, which showing a
      // head sets back to the head's own, are put back as they were.
      const kept = designer.design();
      try {
        designer.show_thinning_head(head.pixels, head.truth, head.analysis);
        designer.set_design(kept);
        if (hairHint.length === 3) designer.set_hair_hint(hairHint);
      } catch {
        return;
      }
      engineHasPhoto = true;
      core.request({ engine: true });
      refresh();
    },

    /**
     * Back to the template head, with `design`, else the design it had when a photo came
     * over it, else its default (the default, and the engine's refusal said, if the one
     * asked for is refused; with `strict`, the refusal is thrown and nothing changes); the
     * undo history starts over.
     */
    template(design = null, { strict = false } = {}) {
      if (design && strict) core.checkDesign(design);
      // A tool's tip over the picture goes with the tool (it stayed over the template head).
      if (TOOL_TIPS[photo.mode] && state.message.text === TOOL_TIPS[photo.mode]) core.showMessage('');
      const left = leftTemplate;
      leftTemplate = null;
      if (!design && left) design = left.design;
      choice += 1;
      hairHint = [];
      engineHasPhoto = false;
      engine?.close(); // its memory goes with the photo
      progress(null, null);
      if (state.message.text === `${PREPARING}…`) core.showMessage('');
      designer.clear_photo();
      Object.assign(photo, { loaded: false, status: null, fitzPicked: false, dim: false, contrast: null, mode: null, hint: null, source: null, ludwig: null, skinRgb: null, guessedArea: null, guessedAreaKey: null });
      digest = Promise.resolve(null);
      try {
        core.apply(design ?? core.engine.defaultDesign());
      } catch (error) {
        if (!design) throw error;
        core.apply(core.engine.defaultDesign());
        core.showMessage(inPageWords(error?.message ?? error));
      }
      core.commit();
      core.newHistory();
      core.fit();
      core.setMirror(true);
      if (left?.guides) core.setGuides(true);
      changed();
    },

    /**
     * Gives the actions an off-thread engine (`createPhotoEngine` in ui/photo.js, or null
     * to work here); the view that owns it closes it.
     */
    /**
     * An exported picture (`width` × `height` px, the design at `stage`) painted by the
     * off-thread engine: resolves an ImageBitmap, or null when there is no such engine or it
     * does not hold the photo shown (the caller then paints here).
     */
    async picture(width, height, stage) {
      if (photo.loaded && !engineHasPhoto) return null;
      return paintOffThread({
        design: designer.design(), stage, laid: state.laid, onPhoto: Boolean(photo.loaded),
        width, height, margin: pictureMargin(width, height),
      });
    },

    /**
     * A picture of `design` on the template head at `stage`, `width` × `height` px fitted
     * with `margin`, painted by the off-thread engine: an ImageBitmap, or null when there is
     * no such engine (the caller paints here).
     */
    pictureOf(design, { width, height, margin, stage }) {
      return paintOffThread({ design, stage, laid: 1, onPhoto: false, width, height, margin });
    },

    useEngine(next) {
      engine = next ?? null;
      engineHasPhoto = false;
    },

    /** Toggles a photo tool: 'calibrate', 'region' or 'eyedropper'. */
    setMode,
    /** The known distance (mm) the calibration stroke stands for. */
    setKnownMm(mm) { photo.knownMm = mm; },
    setHair(hair) { photo.hair = hair; photo.hairPicked = true; analyse(); },
    setSkin(fitz) { photo.fitz = Number(fitz); photo.fitzPicked = true; showHint(); analyse(); },

    /** A stroke (design mm) while a tool is active: calibration, region or eyedropper. */
    stroke(points) {
      const mode = photo.mode;
      if (!mode || points.length === 0) return;
      try {
        if (mode === 'calibrate') {
          // The calibration is part of the design: one apply rescales the points and the
          // photo together, or (refused) changes neither.
          const frame = designer.photo_frame(); // the original photo's size, px
          const next = recalibrate(designer.design().px_per_mm, points[0], points[points.length - 1], photo.knownMm, {
            limits, widthPx: frame?.photo?.width_px ?? 0, heightPx: frame?.photo?.height_px ?? 0,
          });
          const calibrated = (design) => {
            const factor = design.px_per_mm / next;
            return { ...design, px_per_mm: next, scalp: rescale(design.scalp, factor), hairline: rescale(design.hairline, factor) };
          };
          setMode(null);
          region.apply(calibrated, () => {
            photo.calibrated = true;
            core.fit();
          });
          return;
        } else if (mode === 'region') {
          const scalp = loopToRegion(points);
          setMode(null);
          region.apply((design) => ({ ...design, scalp }));
          return;
        } else if (mode === 'eyedropper') {
          const [x, y] = points[points.length - 1];
          // The skin the analysis found, so that a tap on sparse hair takes its strands.
          const rgb = designer.photo_colour(x, y, 0.6, photo.skinRgb ?? []);
          if (rgb.length === 3) {
            designer.set_hair_hint(rgb);
            hairHint = [...rgb];
            photo.hairPicked = false;
            core.refreshStats(); // the dots follow the hair as now classified: so do the figures
            core.request({ engine: true });
          }
        }
        setMode(null);
        refresh();
      } catch (error) {
        core.showMessage(error?.message ?? String(error));
      }
    },
  };

  return {
    actions,
    refresh,
    analyse,
    dispose() { clearTimeout(timer); choice += 1; },
  };
}

/** The SHA-256 of `file`'s bytes as hex, or null (no Web Crypto, or the file cannot be read). */
async function digestOf(file) {
  try {
    const hash = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    return null;
  }
}
