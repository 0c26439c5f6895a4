// The poster (issue 12, first dots; <model-viewer>'s `poster` is the model): while the
// engine is fetched, compiled and lays its first picture (about 400 ms on a phone here, a
// second or more on a phone's network), a designer about to open the default design shows
// the engine's own picture of it, `www/poster.webp` (made by scripts/make-poster.mjs,
// checked against the engine by tests/e2e/page.test.mjs), under its canvas, where the
// engine's fit puts the frame. The engine's first picture covers it and it is removed. A
// designer opening anything else (a saved design, a share link, a preset or stage the page
// asked for, a kiosk) shows no poster: a visitor would see another design first.
//
// A page may give the poster as a child, `<img slot="poster" src="poster.webp" alt="" hidden>`
// (as <model-viewer>'s `slot="poster"`): the browser fetches it while it reads the page,
// before the element's script has run, so its bytes are in when the element first looks.
// The element then shows that image (moved into its stage) instead of fetching its own,
// and leaves it unseen where the poster is not the design that opens (a host's children
// are drawn only through its slots, and the stage has none).

import { readDemo } from '../app/embed-options.js';

/** The poster's file, next to the element's stylesheet. */
export const POSTER_FILE = 'poster.webp';

/** Attributes that start the designer on another design or moment than the poster's. */
const OTHER_START = ['preset', 'session', 'age'];

/** Attributes that decide whether the poster is the design that opens ([`opensOnPoster`]). */
export const POSTER_ATTRIBUTES = new Set([...OTHER_START, 'demo', 'design-style', 'theme']);

/**
 * Whether a designer will open with the default design the poster shows: `attribute(name)`
 * reads its attributes, `hasSaved` whether a saved design will be restored, `sharedLink`
 * whether a share link will open. (The default style is Soft: `design-style="soft"` keeps it.
 * The dark theme shows none: the head's anti-aliased edge, blended with the light wash the
 * poster was made on, drew a light rim on the dark one.)
 */
export function opensOnPoster({ attribute, hasSaved, sharedLink }) {
  if (hasSaved || sharedLink) return false;
  if (OTHER_START.some((name) => attribute(name) != null) || readDemo(attribute('demo'))) return false;
  if (attribute('theme')?.trim().toLowerCase() === 'dark') return false;
  const style = attribute('design-style');
  return style == null || style.trim().toLowerCase() === 'soft';
}

/** The poster a page gave as a child of `host` (`<img slot="poster">`), else null. */
export function pagePoster(host) {
  const image = host.querySelector(':scope > img[slot="poster"]');
  return image instanceof HTMLImageElement ? image : null;
}

/**
 * Shows the poster at `src` (or the page's `image`, [`pagePoster`], which it moves into
 * the stage) under the canvas of `stage`, inset by the fit's `marginCssPx`,
 * until `firstPicture` settles, or `remove()` is called, or the stage leaves the page (then
 * it is removed). Returns `{ shown, remove }`: `shown` resolves in the frame that first shows
 * it, and never if it was removed first or cannot be loaded.
 *
 * Nothing here waits for an event: while the engine starts, the page's thread runs long
 * tasks, and the image's `load` (or `decode()`) came 100–150 ms after its bytes, too late
 * on a phone to be seen before the engine's picture. Each frame looks instead whether the
 * bytes are in and the element's stylesheet places the stage; the frame that finds both
 * shows the poster (`decoding = 'sync'`: that frame waits for its pixels).
 */
export function showPoster(stage, { src, image = null, marginCssPx, firstPicture }) {
  const poster = image ?? document.createElement('img');
  poster.removeAttribute('slot');
  poster.hidden = false;
  poster.className = 'poster';
  poster.alt = ''; // the canvas over it names the picture
  poster.decoding = 'sync';
  poster.style.setProperty('--poster-margin', `${marginCssPx}px`);
  // Out of the flow and unseen until the element's stylesheet places it (designer.css).
  poster.style.position = 'absolute';
  poster.style.visibility = 'hidden';
  let replaced = false;
  const remove = () => { replaced = true; poster.remove(); };
  firstPicture.then(remove, remove);
  poster.addEventListener('error', remove, { once: true });
  if (!image) poster.src = src;
  stage.prepend(poster); // first in the stage: the canvas paints over it
  if (image?.complete && image.naturalWidth === 0) remove(); // the page's poster did not load
  const shown = new Promise((resolve) => {
    const look = () => {
      if (replaced) return;
      if (!stage.isConnected) { // the designer was taken off the page before it showed
        remove();
        return;
      }
      const placed = getComputedStyle(stage).position === 'relative'; // designer.css is in
      if (!(placed && poster.complete && poster.naturalWidth > 0)) {
        requestAnimationFrame(look);
        return;
      }
      poster.style.visibility = 'visible';
      resolve(); // in this frame, which shows it (as the engine's `firstPicture` resolves in the frame it paints)
    };
    requestAnimationFrame(look);
  });
  return { shown, remove };
}
