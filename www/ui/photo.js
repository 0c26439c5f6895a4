// Loads a client's photo on this device: checks that the file is an image, decodes and
// scales it in a Worker (photo-worker.js; same origin, allowed by the page's CSP) so that a
// 50 MP photo never freezes the page, and reports progress. Falls back to the main thread
// where Workers cannot draw (no OffscreenCanvas). No request is ever made with the photo.


/** Whether `file` claims to be an image (type, or an image extension when the type is empty). */
export function isImageFile(file) {
  if (!file) return false;
  if (file.type) return file.type.startsWith('image/');
  return /\.(png|jpe?g|webp|gif|bmp|avif|heic|heif)$/i.test(file.name ?? '');
}

/**
 * Decodes and scales `file` to at most `maxSide` px a side (the engine's work copy),
 * refusing more than `maxPixels` (both from the engine's `limits().photo`); resolves
 * `{ width, height, data, originalWidth, originalHeight }` (`data` a Uint8ClampedArray of
 * RGBA), rejects with a plain-words Error. `onProgress(stage, fraction)` as work goes on.
 */
export function loadPhoto(file, { maxSide, maxPixels }, onProgress = () => {}) {
  if (!isImageFile(file)) {
    return Promise.reject(new Error(`“${file?.name ?? 'this file'}” is not an image; choose a photo (JPEG, PNG, HEIC…)`));
  }
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return loadOnMainThread(file, { maxSide, maxPixels }, onProgress);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./photo-worker.js', import.meta.url));
    const done = () => worker.terminate();
    worker.onmessage = ({ data }) => {
      if (data.type === 'progress') onProgress(data.stage, data.fraction);
      else if (data.type === 'done') { done(); resolve(data); }
      else { done(); reject(new Error(`This photo could not be opened: ${data.message}`)); }
    };
    worker.onerror = (event) => { event.preventDefault(); done(); reject(new Error('This photo could not be opened.')); };
    worker.postMessage({ file, maxSide, maxPixels });
  });
}

async function loadOnMainThread(file, { maxSide, maxPixels }, onProgress) {
  onProgress('Decoding the photo', 0.15);
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (error) {
    throw new Error(`This photo could not be opened: ${error?.message ?? error}`);
  }
  const { width, height } = bitmap;
  if (width * height > maxPixels) throw new Error(`This photo has ${(width * height / 1e6).toFixed(1)} MP; at most ${Math.round(maxPixels / 1e6)} MP are accepted.`);
  onProgress('Scaling for work', 0.55);
  const k = Math.min(1, maxSide / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * k));
  canvas.height = Math.max(1, Math.round(height * k));
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close?.();
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return { width: canvas.width, height: canvas.height, originalWidth: width, originalHeight: height, data };
}
