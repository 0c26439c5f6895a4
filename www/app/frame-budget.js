// How much of its laying and painting budgets (painter.js) a frame can afford on this device,
// learnt from the frames themselves. Why (issue 12): the budgets are wall-clock milliseconds
// for the page's own work, but a frame also carries the browser's (style, layout, committing
// the canvases): on a phone-class CPU that is 10 ms or more of the 16.7, so full budgets made
// busy frames miss the display's next one (a handle drag at 4× CPU: frame interval p90 33 ms).
// A frame whose page-thread work (the app's and the browser's, measured to the first task
// after it) overran the display's frame shrinks the share (×0.6, down to a quarter); one well
// inside gives a little back (a twentieth of the budgets, up to all of them). On a fast machine nothing changes; on a
// slow one the dots catch up over a few more frames while the line, handles and figures keep
// the display's rate. No DOM: the app core reports each frame's cost.

/** The smallest share of the budgets a frame keeps (one band of dots, a strip of laying). */
export const MIN_SHARE = 0.25;
/** The display's frame, ms (60 Hz). */
export const FRAME_MS = 1000 / 60;

/**
 * Past this a frame's cost says nothing of the budgets (a photo applied, a page paused
 * mid-frame, a tab put away): no share of them would have kept it to one frame.
 */
export const OUTLIER_MS = FRAME_MS * 3;

/** The share (MIN_SHARE–1) of the budgets the next frame may use, from the frames before. */
export function createFrameBudget() {
  let share = 1;
  return {
    /**
     * A frame that laid or painted within its budgets took `costMs` of the page's thread,
     * from its start to the next task. (Frames that did neither, such as a whole picture
     * painted at once, are not reported: their cost is not the budgets'.)
     */
    ended(costMs) {
      if (!Number.isFinite(costMs) || costMs < 0 || costMs > OUTLIER_MS) return;
      if (costMs > FRAME_MS) share = Math.max(MIN_SHARE, share * 0.6);
      else if (costMs < FRAME_MS * 0.75) share = Math.min(1, share + 0.05);
    },
    get share() { return share; },
  };
}
