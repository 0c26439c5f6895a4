// The preset picker's pictures: a template head untreated, fitted to a small canvas. The
// off-thread engine paints them when there is one (each head's hair is 10–40 ms of the
// page's thread on this machine, four times that on a phone, and the picker paints a dozen
// just after the first picture, when a visitor starts to drag: issue 12); else a second,
// small designer on this thread, made on first use and freed with the app. No DOM: the
// canvas context comes from the view.

/**
 * Head pictures over `engine` (the wasm module's exports), painted off-thread by
 * `pictureOf(design, { width, height, margin, stage })` (photo-actions.js; resolves an
 * ImageBitmap, or null when there is no such engine). Returns `{ paint, dispose }`.
 */
export function createHeadPictures(engine, pictureOf) {
  let thumbnails = null; // the designer on this thread, if ever needed
  let disposed = false;
  return {
    /** Paints the template `head` (`{ preset, sex, skin, hair, view }`) on `context`'s whole canvas. */
    async paint(context, head) {
      const { width, height } = context.canvas;
      const design = { ...engine.presetDesign(head), density_per_cm2: 10 };
      const margin = Math.round(Math.min(width, height) * 0.02);
      const stage = { session: 0, age: 'healed' };
      // (A worker that cannot paint, one without OffscreenCanvas, leaves it to this thread.)
      const bitmap = await pictureOf(design, { width, height, margin, stage }).catch(() => null);
      if (disposed) { bitmap?.close?.(); return; }
      if (bitmap) {
        context.clearRect(0, 0, width, height);
        context.drawImage(bitmap, 0, 0);
        bitmap.close?.();
        return;
      }
      thumbnails ??= new engine.Designer(engine.presetDesign(head));
      thumbnails.set_design(design);
      thumbnails.set_stage(stage.session, stage.age);
      thumbnails.fit_view(width, height, margin);
      thumbnails.invalidate();
      thumbnails.render(context);
    },
    /** Frees the designer on this thread, if one was made; nothing is painted after. */
    dispose() {
      disposed = true;
      thumbnails?.free();
      thumbnails = null;
    },
  };
}
