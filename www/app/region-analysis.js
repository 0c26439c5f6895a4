// A treated area drawn on a photo, or the photo calibrated, applied once the engine worker
// has classified the photo's hair there. Why (issue 13): density-only on a photo follows
// the hair classified in the treated region, and classifying a new one on the page's
// thread took a task of 100–130 ms here and 300–500 ms on a phone at 4× CPU for a 12 MP
// photo (100 ms at most). The worker answers the area's analysis, the page's designer
// keeps it (take_analysis) and the design is applied as before. Part of the photo actions
// (photo-actions.js), whose state it reads through `photoSide`; no DOM.

/**
 * `core` and `designer` the app core's; `photo` its state.photo; `photoSide`:
 * `{ engine(), hasPhoto(), lostPhoto(), choice(), hairHint(), progress(stage, fraction),
 * refresh(), shown() }` (`shown()`: the hint and the panel told of a change). Returns
 * `{ apply(make, done), pending() }`.
 */
export function createRegionAnalysis({ core, designer, photo, photoSide }) {
  let asked = 0; // the latest area or calibration sent to the worker
  let work = null; // its promise, until it is applied (settled() waits for it)

  /**
   * Applies and commits the design `make(design now)` gives, then `done()`: with the
   * worker holding the photo, once it has analysed that area (the bar says so meanwhile).
   * The design on screen stays until then; an edit made meanwhile (a slider, Undo) is kept,
   * the area or calibration going onto it; a later stroke or photo wins. A refusal is said
   * and changes nothing.
   */
  async function apply(make, done = () => {}) {
    const now = () => {
      core.apply(make(designer.design()));
      core.commit();
      done();
      photoSide.shown();
    };
    const design = make(designer.design());
    const engine = photoSide.engine();
    if (!engine || !photoSide.hasPhoto() || design.style !== 'density-only') {
      try {
        now();
      } catch (error) {
        core.showMessage(error?.message ?? String(error));
      }
      photoSide.refresh();
      return;
    }
    const mine = analysedThenApplied(engine, design, now);
    work = mine;
    await mine;
    if (work === mine) work = null;
  }

  async function analysedThenApplied(engine, design, now) {
    const mine = ++asked;
    const shown = photoSide.choice();
    const current = () => mine === asked && shown === photoSide.choice() && photo.loaded;
    try {
      photoSide.progress('Finding hair and scalp', 0.5);
      const { analysis } = await engine.region({ design, hairHint: photoSide.hairHint() });
      if (!current()) return;
      try {
        if (analysis) designer.take_analysis(analysis);
      } catch {
        /* only a speed-up: the area is classified here instead */
      }
      now();
    } catch (error) {
      if (!current()) return;
      if (error?.workerFailed) {
        photoSide.lostPhoto(); // a restarted worker holds no photo
        try { now(); } catch (refused) { core.showMessage(refused?.message ?? String(refused)); }
      } else {
        core.showMessage(error?.message ?? String(error));
      }
    } finally {
      // (A photo or head chosen meanwhile has its own bar and analysis.)
      if (current()) {
        photoSide.progress(null, null);
        photoSide.refresh();
      }
    }
  }

  return { apply, pending: () => work };
}
