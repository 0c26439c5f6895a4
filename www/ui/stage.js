// Keeps the canvas's backing store at the displayed size × devicePixelRatio, so that dots
// are drawn at true pixel scale, and reports every size change. Owns its ResizeObserver.

/** Largest canvas side the engine accepts, px. */
export const MAX_CANVAS_SIDE = 8192;

/** Backing-store size for a CSS box of `cssWidth` × `cssHeight` at `ratio` device px per CSS px. */
export function backingSize(cssWidth, cssHeight, ratio) {
  const r = Number.isFinite(ratio) && ratio > 0 ? Math.min(ratio, 3) : 1;
  const clamp = (v) => Math.max(1, Math.min(MAX_CANVAS_SIDE, Math.round(v * r)));
  return { width: clamp(cssWidth), height: clamp(cssHeight), ratio: r };
}

/**
 * Watches `canvas`'s box through `boxElement` (an element laid out the same); calls
 * `onResize({ width, height, ratio, cssWidth })` (the backing size, and the box's width in
 * CSS px) now and on every change. `measure()` gives the box's client rect as laid out: by
 * default `boxElement`'s own; the stage passes one that takes a pinch's transform back out
 * (a pinch moves the canvas and the overlay by a CSS transform, and a turn of the tablet
 * mid-pinch would have sized the canvas to the moved box).
 */
export function watchStage(canvas, boxElement, onResize, measure = () => boxElement.getBoundingClientRect()) {
  const apply = () => {
    const box = measure();
    const size = backingSize(box.width, box.height, window.devicePixelRatio);
    if (canvas.width !== size.width || canvas.height !== size.height) {
      canvas.width = size.width;
      canvas.height = size.height;
    }
    onResize({ ...size, cssWidth: box.width });
  };
  const observer = new ResizeObserver(apply);
  observer.observe(boxElement);
  apply();
  return () => observer.disconnect();
}
