// A canvas on the page whose picture is drawn off screen and handed to the browser once, when
// it changed. Why (issue 12): a 2D canvas drawn on after the page's first paint is copied for
// the compositor at every frame the page draws, changed or not, where the browser composites
// in software (the benchmark's Chromium): the preset picker's thirteen pictures were thirteen
// such copies in every frame of a handle drag (`node bench/canvas-copies.mjs OLD_WWW NEW_WWW`,
// a phone at 4×: 15.0 → 2.0 copies a frame, the two left the stage's; committing ×0.85). Shown through the canvas's
// 'bitmaprenderer' (one ImageBitmap handed over), a picture that does not change costs nothing.
// Not used for the stage's picture and overlay: handing over a phone-sized bitmap costs about
// 20 ms at 4× CPU throttling (a new surface cleared and rasterised each time), more than the
// copies it saves when it changes every few frames, as they do during a drag.
//
// `context` is a 2D context kept between frames; `present()` shows what it holds. Where the
// browser lacks OffscreenCanvas or 'bitmaprenderer', `context` is the canvas's own 2D context
// and `present()` does nothing: the picture is the same.

/**
 * Wraps `canvas` (its width and height stay the page's to set: the off-screen surface follows
 * them before each drawing, through `context`). Returns `{ canvas, context, present }`.
 */
export function presentedCanvas(canvas) {
  // (The off-screen 2D context first: a canvas that took 'bitmaprenderer' can never give a
  // 2D context, and a browser without the one would have left the picture blank.)
  const surface = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(canvas.width, canvas.height) : null;
  const context = surface?.getContext('2d') ?? null;
  const renderer = context ? canvas.getContext('bitmaprenderer') : null;
  if (!renderer) {
    return { canvas, context: canvas.getContext('2d'), present() {} };
  }
  return {
    canvas,
    /** The drawing context, its surface sized as the canvas (a change of size clears it). */
    get context() {
      if (surface.width !== canvas.width || surface.height !== canvas.height) {
        surface.width = canvas.width;
        surface.height = canvas.height;
      }
      return context;
    },
    /** Shows what `context` holds; the next drawing starts from a clear surface. */
    present() {
      renderer.transferFromImageBitmap(surface.transferToImageBitmap());
    },
  };
}
