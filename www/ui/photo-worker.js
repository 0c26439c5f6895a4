// Decodes and scales a client's photo off the main thread: createImageBitmap with EXIF
// orientation ('from-image'), then one high-quality scale onto an OffscreenCanvas of at most
// `maxSide` px per side, and the RGBA bytes back as a transferred buffer (no copy). A 50 MP
// photo decodes here in a second or two while the page keeps painting. Nothing is sent
// anywhere: the file came from the user's device and its pixels go back to the page only.

self.onmessage = async (event) => {
  const { file, maxSide, maxPixels } = event.data;
  try {
    self.postMessage({ type: 'progress', stage: 'Decoding the photo', fraction: 0.15 });
    let bitmap;
    try {
      bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      // The page says so in its own words (the browser's, "The source image could not be
      // decoded", mean little to a clinician).
      self.postMessage({ type: 'error', decoding: true });
      return;
    }
    const { width, height } = bitmap;
    if (width * height > maxPixels) {
      bitmap.close();
      throw new Error(`the photo has ${(width * height / 1e6).toFixed(1)} MP; at most ${maxPixels / 1e6} MP are accepted`);
    }
    self.postMessage({ type: 'progress', stage: 'Scaling for work', fraction: 0.55 });
    const k = Math.min(1, maxSide / Math.max(width, height));
    const w = Math.max(1, Math.round(width * k));
    const h = Math.max(1, Math.round(height * k));
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, w, h);
    bitmap.close();
    const data = ctx.getImageData(0, 0, w, h).data;
    self.postMessage({ type: 'done', width: w, height: h, originalWidth: width, originalHeight: height, data }, [data.buffer]);
  } catch (error) {
    self.postMessage({ type: 'error', message: error?.message ?? String(error) });
  }
};
