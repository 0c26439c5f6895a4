// The engine's heavy photo work off the page's main thread: a module Worker with its own
// wasm instance (the same engine file as the page's) and one Designer holding the photo the
// page shows. It makes the template head with thinning hair (about a second of work) and
// classifies its hair, handing both to the page, and it answers the contrast analysis
// after each change (the first one builds the appearance model's tables for photo pixels:
// a few hundred ms), so the page stays responsive. Same engine, same seed, same design: the same numbers and
// pixels as on the main thread. Nothing leaves the device: the photo came from the page and
// goes back to it only. Spoken to by createPhotoEngine (photo.js); one request at a time, in
// order, each answered with its `id`. It also paints exported pictures (a full render at
// the export's size builds the dot shapes for that scale: half a second or more, which on
// the page's thread would freeze it), on its own designer for the template.

import init, { Designer, thinningHeadWithTruth } from '../pkg/hairline.js';

let started = null;
let designer = null;
let templateDesigner = null;

const photoDesigner = () => {
  designer ??= Designer.for_default_design();
  return designer;
};

const handlers = {
  /**
   * The thinning-hair head for a design's seed: its pixels, its hair as drawn (`truth`, one
   * byte a pixel, which the engine takes instead of classifying the head) and the analysis
   * of the treated region made from it here, so the page's designer does none of it. This
   * worker's designer keeps the head (copied in before the buffers go), for `analyse`.
   * `wall` (`[r, g, b]`) is the page's stage colour, behind the head.
   */
  thinning({ seed, ludwig, wall }) {
    const { pixels, truth } = thinningHeadWithTruth(seed, ludwig, Array.isArray(wall) ? Uint8Array.from(wall) : undefined);
    const d = photoDesigner();
    const region = d.show_thinning_head(pixels, truth, null);
    d.set_design({ ...d.design(), style: 'density-only', scalp: region });
    const analysis = d.export_analysis();
    return [{ pixels, truth, analysis }, [pixels.buffer, truth.buffer, analysis.coverage.buffer, analysis.visible.buffer]];
  },
  /**
   * A client's photo (the page's work copy), for the analysis. With `region` (the scalp of
   * the density-only design the page is about to apply) it also classifies the photo's hair
   * there and answers that `analysis` (export_analysis), so the page's designer takes it
   * instead of spending a few hundred ms of its thread on it.
   */
  photo({ width, height, data, originalWidth, originalHeight, pxPerMm, region }) {
    const d = photoDesigner();
    // With the region, the photo comes with the density-only design over it: one layout,
    // one classification (the old design's would be thrown away).
    const design = region ? { ...d.design(), style: 'density-only', scalp: region } : null;
    d.set_photo(width, height, data, originalWidth, originalHeight, pxPerMm, null, design);
    if (!region) return [{ analysis: null }, []];
    d.set_hair_hint([]); // a new photo's layer starts with none: nothing to lay again
    const analysis = d.export_analysis();
    return [{ analysis }, analysis ? [analysis.coverage.buffer, analysis.visible.buffer] : []];
  },
  /**
   * The analysis of the photo for `design`'s treated region (a treated area drawn, the photo
   * calibrated), for the page's designer to take instead of classifying the photo there on
   * the page's thread (a few hundred ms on a phone for a 12 MP photo).
   */
  region({ design, hairHint }) {
    const d = photoDesigner();
    d.set_design(design);
    d.set_hair_hint(hairHint ?? []); // (the same as before, as a rule: nothing classified again)
    const analysis = d.export_analysis();
    return [{ analysis }, analysis ? [analysis.coverage.buffer, analysis.visible.buffer] : []];
  },
  /** The classifier's findings and the contrast of `design` on the photo at `stage`. */
  analyse({ design, stage, laid, hairHint }) {
    const d = photoDesigner();
    d.set_design(design);
    d.set_hair_hint(hairHint ?? []);
    d.set_stage(stage.session, String(stage.age));
    d.set_progress(laid ?? 1);
    return [{ analysis: d.photo_analysis(), contrast: d.contrast() }, []];
  },
  /**
   * A picture of `design` at `stage` fitted to `width` × `height` px with `margin` (as the
   * page's renderStill): on the photo this worker holds when `onPhoto`, else on the
   * template. Answers an ImageBitmap, moved to the page.
   */
  picture({ design, stage, laid, onPhoto, width, height, margin }) {
    const d = onPhoto ? photoDesigner() : (templateDesigner ??= Designer.for_default_design());
    d.set_design(design);
    d.set_stage(stage.session, String(stage.age));
    d.set_progress(laid ?? 1);
    const fitted = onPhoto ? d.fit_photo_view(width, height, margin) : [];
    if (fitted.length !== 3) d.fit_view(width, height, margin);
    const canvas = new OffscreenCanvas(width, height);
    d.invalidate(); // a new canvas: paint it whole
    d.render(canvas.getContext('2d'));
    const bitmap = canvas.transferToImageBitmap();
    return [{ bitmap }, [bitmap]];
  },
};

self.onmessage = async ({ data }) => {
  const { id, type, wasm } = data;
  try {
    started ??= init({ module_or_path: wasm });
    await started;
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request ${type}`);
    const [reply, transfer] = handler(data);
    self.postMessage({ id, ...reply }, transfer);
  } catch (error) {
    self.postMessage({ id, error: error?.message ?? String(error) });
  }
};
