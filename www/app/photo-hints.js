// The fixed sentences a client's photo brings to the page: a photo tool's tip, and what the
// page guessed or doubts about the photo (the treated area, the scale, a skin type read from
// a dim photo). Kept apart from the photo actions (photo-actions.js) that say them; each is
// a key of the Spanish table (ui/strings-es.js). No DOM.

/** What the page says while the thinning-hair head is made. */
export const PREPARING = 'Preparing the thinning-hair head';

/** The tips shown while a photo tool is active. */
export const TOOL_TIPS = {
  calibrate: 'Drag along something of known length on the photo, e.g. 10 cm of a ruler held to the head.',
  region: 'Draw around the area to treat, in one loop.',
  eyedropper: 'Tap a lock of hair to pick its colour.',
};
/**
 * A photo whose brightest parts are grey, not near white (the engine's `dim`): every colour
 * in it reads darker, and a fair skin at 70 % exposure read Fitzpatrick IV, at 50 % VI, with
 * the shade advised for it (a user pass). Said until a skin type is chosen.
 */
export const DIM_PHOTO = "This photo looks dim: the skin type read from it may be darker than the client's skin. Check it, or choose it yourself.";
export const UNCALIBRATED = 'Scale not calibrated: the photo is assumed to be 25 cm wide, so dot sizes are approximate. Use “Calibrate scale” and drag along a known distance.';
/**
 * While a client's photo is treated over the area guessed for it (calibrate.js's
 * defaultRegion): nothing tells a face from bald scalp, and a front selfie had its forehead,
 * eyes and cheeks filled with 15,000 impressions and not a word about it.
 */
export const GUESSED_AREA = 'These impressions fill a guessed area. Use “Draw treated area” and circle the thinning or bald scalp, so that none land on the face or forehead.';
