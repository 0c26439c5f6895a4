// A client's photo work kept in this tab across a reload: the design made on each photo,
// by the photo's SHA-256, never the photo (tab-keep.js stores it). The app core says when
// a design on a photo changed (`keep`), when the design left the photo (`leave`), when a
// design from elsewhere took the photo's place (`aside`), and when the visitor loaded a
// photo (`resume`): the same photo as before a reload, or as before that design came, gets
// its design back, unless the design changed meanwhile. No DOM.

/**
 * Over `tabKeep` (createTabKeep's); `state`, `designer` and `savedDesign()` as the app core
 * has them; `digest()` the SHA-256 of the photo shown (photo-actions); `openDesign(design,
 * what)` and `showMessage(text, options)` the core's. Returns `{ keep(), aside(), leave(), resume(file) }`.
 */
export function createPhotoWork({ tabKeep, state, designer, savedDesign, digest, openDesign, showMessage }) {
  let kept = false;
  /** Photos whose work was set aside on this page (not from before a reload). */
  const setAsideHere = new Set();
  /** Keeps the design on screen as the work on the photo shown (once its digest is known). */
  function keep() {
    const design = savedDesign();
    const source = state.photo.source;
    digest().then((hash) => {
      if (hash && state.photo?.source === source && tabKeep.photoWork.keep(hash, design)) kept = true;
    });
  }
  /**
   * The work on the photo shown, read now, to set aside when a design from elsewhere (a
   * file, link or consultation) takes its place: returns a function that sets it aside to
   * wait for the same photo (see `resume`) and resolves whether it was (not without a
   * client's photo, nor without its SHA-256: no Web Crypto on a plain-http address, an
   * unreadable file). Read before the photo goes: its SHA-256 goes with it.
   */
  function aside() {
    if (!state.photo?.loaded || state.photo?.ludwig) return async () => false;
    const design = savedDesign();
    const hash = digest();
    return async () => {
      kept = false;
      const h = await hash.catch(() => null);
      if (!h) return false;
      tabKeep.photoWork.setAside(h, design);
      setAsideHere.add(h);
      return true;
    };
  }
  /** Back on the template: that photo's work is done. */
  function leave() {
    if (!kept) return;
    kept = false;
    tabKeep.photoWork.forget();
  }
  /**
   * The photo `file` was just loaded by the visitor: its design from before a reload comes
   * back, unless the design changed meanwhile (the visitor drew, a page's script set one
   * while the photo's SHA-256 was worked out).
   */
  async function resume(file) {
    if (tabKeep.photoWork.waiting.size === 0) return;
    const before = JSON.stringify(designer.design());
    const hash = await digest();
    if (!hash || !tabKeep.photoWork.waiting.has(hash) || state.photo?.source !== file || JSON.stringify(designer.design()) !== before) return;
    const here = setAsideHere.delete(hash);
    if (openDesign(tabKeep.photoWork.take(hash), 'Your earlier work on this photo')) {
      showMessage(here ? 'Restored your work on this photo.' : 'Restored your work on this photo from before the page was reloaded.', { info: true });
    }
    keep(); // (under its photo again, as it is now)
  }
  return { keep, aside, leave, resume };
}
