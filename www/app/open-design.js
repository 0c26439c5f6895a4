// Opening a design from a file, a share link or a consultation: on the head it was made on
// (the template, a client's photo loaded first, or the long-haired head made again from
// its grade), as one step; a refused one is said in the page's words, naming where it came
// from, and the design on screen stays. Part of the app core: no DOM.

import { isEngineCrash, LONG_HAIR_KEY } from './autosave.js';
import { inPageWords } from './format.js';

/** Said when a design opened over a client's photo set the photo's work aside. */
export const PHOTO_WORK_ASIDE = 'Your work on the photo is kept in this tab: load the same photo again to go back to it.';

/** `openDesign(design, source)` over the core's internals (see core.js); returns whether it opened. */
export function createOpenDesign(core) {
  const { state, apply, checkDesign, commit, showMessage } = core;
  const refused = (source, error) => {
    if (isEngineCrash(error)) throw error;
    showMessage(`${source} cannot be opened: ${inPageWords(error.message, { start: false })} Your current design is kept.`);
    return false;
  };
  /** Says, once `setting` resolves true, that the photo's work was set aside. */
  const sayAside = (setting, source, head) => {
    setting.then((kept) => { if (kept) showMessage(`${source} is opened on ${head}. ${PHOTO_WORK_ASIDE}`, { info: true }); });
  };
  return function openDesign(design, source = 'This design') {
    const object = design && typeof design === 'object';
    // Made on the long-haired head (its grade noted by savedDesign): that head is made
    // again from the design's seed and the design laid on it. Its file, link and
    // consultation were refused as a client's photo design, which there was no photo for.
    const longHair = object ? design[LONG_HAIR_KEY] : null;
    if ([1, 2, 3].includes(longHair)) {
      const { [LONG_HAIR_KEY]: _, ...onHead } = design;
      try {
        checkDesign(onHead);
      } catch (error) {
        return refused(source, error);
      }
      // The design shown stays until the head is made, then both come at once. A client's
      // photo work is set aside first, as below (a review: this way it went unsaid).
      const setAside = core.photoWorkAside?.() ?? (async () => false);
      core.photo.actions.thinning(longHair, { design: onHead });
      sayAside(setAside(), source, 'the long-haired head');
      return true;
    }
    // A template design opened over a photo or the long-haired head goes back to the
    // template head with it (it was laid over the picture shown, the man's line over her face).
    // The work on a client's photo is set aside for that photo, as across a reload: it went
    // with no question and no undo (found by a user pass).
    if (object && !design.photo && state.photo?.loaded) {
      const setAside = core.photoWorkAside?.() ?? (async () => false);
      try {
        core.photo.actions.template(design, { strict: true });
      } catch (error) {
        return refused(source, error);
      }
      sayAside(setAside(), source, 'the template head');
      return true;
    }
    // A design made on a client's photo is in that photo's millimetres: without the photo
    // (never in a file or link) it was laid over the template head, forehead and all. (The
    // long-haired head is no client's photo: a photo design cannot be laid on it.)
    const made = design?.photo;
    if (made && typeof made === 'object' && (!state.photo?.loaded || state.photo?.ludwig)) {
      const size = Number.isFinite(made.width_px) && Number.isFinite(made.height_px) ? ` (${Math.round(made.width_px)} × ${Math.round(made.height_px)} px)` : '';
      showMessage(`${source} was made on a client's photo${size}, which is not in it: load that photo first, then open the design again. Your current design is kept.`);
      return false;
    }
    try {
      const applied = apply(design);
      state.cleared = false;
      commit(applied);
      core.forgetViews?.();
      return true;
    } catch (error) {
      return refused(source, error);
    }
  };
}
