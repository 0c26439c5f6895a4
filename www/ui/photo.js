// Loads a client's photo on this device: checks that the file is an image, decodes and
// scales it in a Worker (photo-worker.js; same origin, allowed by the page's CSP) so that a
// 50 MP photo never freezes the page, and reports progress. Falls back to the main thread
// where Workers cannot draw (no OffscreenCanvas). No request is ever made with the photo.
// Hostile files (issue 13) are refused in plain words before anything is decoded, from
// their first and last bytes (inspectImage): a drawing (SVG: never decoded, so nothing it
// refers to is ever fetched), text, an animated GIF, a PNG or JPEG that ends early, one
// whose header says more pixels than accepted.
// Also the page's side of the engine worker (engine-worker.js, createPhotoEngine): the
// thinning-hair head and the contrast analysis run there, off the main thread.

import { excerpt } from '../app/format.js';

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
 * RGBA), rejects with a plain-words Error, before decoding anything for a file that
 * `inspectImage` shows unusable. `onProgress(stage, fraction)` as work goes on.
 */
export async function loadPhoto(file, { maxSide, maxPixels }, onProgress = () => {}) {
  const name = `“${excerpt(file?.name ?? 'this file')}”`;
  if (!isImageFile(file)) throw new Error(`${name} is not an image; choose a photo (JPEG, PNG, HEIC…)`);
  refuseHostile(await inspectImage(file), name, maxPixels);
  return decode(file, { maxSide, maxPixels }, onProgress, name);
}

function decode(file, { maxSide, maxPixels }, onProgress, name) {
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return loadOnMainThread(file, { maxSide, maxPixels }, onProgress, name);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./photo-worker.js', import.meta.url));
    const done = () => worker.terminate();
    worker.onmessage = ({ data }) => {
      if (data.type === 'progress') onProgress(data.stage, data.fraction);
      else if (data.type === 'done') { done(); resolve(data); }
      else { done(); reject(new Error(data.decoding ? unreadable(name) : sentenceOf(data.message))); }
    };
    worker.onerror = (event) => { event.preventDefault(); done(); reject(new Error(unreadable(name))); };
    worker.postMessage({ file, maxSide, maxPixels });
  });
}

/** What the page says when the browser cannot decode a file (its own words are technical). */
const unreadable = (name) => `${name} could not be opened: it is not a photo this browser can read, or it is damaged`;
const sentenceOf = (text) => {
  const t = String(text ?? '').trim();
  return t ? `${t[0].toUpperCase()}${t.slice(1)}` : 'This photo could not be opened';
};

/** Throws in plain words for what `inspectImage` found unusable. */
function refuseHostile(info, name, maxPixels) {
  if (info.kind === 'svg') throw new Error(`${name} is a drawing (SVG), not a photo; choose a photo (JPEG, PNG, HEIC…)`);
  if (info.kind === 'text') throw new Error(`${name} is not an image (it holds text); choose a photo (JPEG, PNG, HEIC…)`);
  if (info.frames > 1) throw new Error(`${name} is an animation (${info.frames} frames), not a photo; choose a still photo (JPEG, PNG, HEIC…)`);
  if (info.complete === false) throw new Error(`${name} is incomplete: the file ends before the picture does. Copy or save the photo again`);
  if (info.width > 0 && info.height > 0 && info.width * info.height > maxPixels) {
    throw new Error(`This photo has ${(info.width * info.height / 1e6).toFixed(1)} MP (${info.width} × ${info.height} px); at most ${Math.round(maxPixels / 1e6)} MP are accepted`);
  }
}

/** Bytes `[from, to)` of a Blob. */
const bytesOf = async (blob, from, to) => new Uint8Array(await blob.slice(from, to).arrayBuffer());

/**
 * What a file's bytes say it is, without decoding it: `{ kind, width, height, complete,
 * frames }`. `kind` is 'png', 'jpeg', 'gif', 'webp', 'svg', 'text' (no image format and
 * printable text) or 'unknown' (left to the browser: AVIF, HEIC, BMP…); `width` and
 * `height` as the header gives them (0 when unknown); `complete` false for a PNG or JPEG
 * whose end is missing (undefined when not checked); `frames` the number of GIF frames.
 */
export async function inspectImage(file) {
  const head = await bytesOf(file, 0, 64 * 1024);
  const out = { kind: 'unknown', width: 0, height: 0, complete: undefined, frames: 1 };
  const at = (i) => head[i] ?? 0;
  const be16 = (i) => (at(i) << 8) | at(i + 1);
  const be32 = (i) => ((at(i) << 24) >>> 0) + (at(i + 1) << 16) + (at(i + 2) << 8) + at(i + 3);
  const le16 = (i) => at(i) | (at(i + 1) << 8);
  const ascii = (i, n) => String.fromCharCode(...head.subarray(i, i + n));
  if (ascii(1, 3) === 'PNG' && at(0) === 0x89) {
    out.kind = 'png';
    [out.width, out.height] = [be32(16), be32(20)];
    // The last chunk of every PNG is IEND (a little slack for trailing bytes some tools add).
    const tail = await bytesOf(file, Math.max(0, file.size - 1024), file.size);
    out.complete = String.fromCharCode(...tail).includes('IEND');
  } else if (at(0) === 0xff && at(1) === 0xd8) {
    out.kind = 'jpeg';
    Object.assign(out, await inspectJpeg(file, head));
  } else if (ascii(0, 4) === 'GIF8') {
    out.kind = 'gif';
    [out.width, out.height] = [le16(6), le16(8)];
    out.frames = gifFrames(file.size <= 64 * 1024 ? head : await bytesOf(file, 0, file.size));
  } else if (ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') {
    out.kind = 'webp';
    const chunk = ascii(12, 4);
    if (chunk === 'VP8X') [out.width, out.height] = [1 + (at(24) | (at(25) << 8) | (at(26) << 16)), 1 + (at(27) | (at(28) << 8) | (at(29) << 16))];
    else if (chunk === 'VP8L') [out.width, out.height] = [1 + (le16(21) & 0x3fff), 1 + (((at(22) >> 6) | (at(23) << 2) | (at(24) << 10)) & 0x3fff)];
    else if (chunk === 'VP8 ') [out.width, out.height] = [le16(26) & 0x3fff, le16(28) & 0x3fff];
  } else {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 4096)).replace(/^\uFEFF/, '');
    if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text) || /^\s*<\?xml[\s\S]*<svg[\s>]/i.test(text)) out.kind = 'svg';
    else if (head.length > 0 && !/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) out.kind = 'text';
  }
  return out;
}

/**
 * A JPEG's size (from its frame header) and whether it is whole: walks the segments to the
 * image's first scan, then looks for the end-of-image marker after it (scan data never
 * holds FF D9, so the first one is the end; a thumbnail's own markers sit inside a skipped
 * segment, and data some phones append after the end do not matter).
 */
async function inspectJpeg(file, head) {
  let bytes = head;
  let pos = 2;
  let size = { width: 0, height: 0 };
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return { ...size, complete: undefined }; // not a segment: leave it to the browser
    const marker = bytes[pos + 1];
    if (marker === 0xff) { pos += 1; continue; } // fill byte
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { pos += 2; continue; }
    if (marker === 0xd9) return { ...size, complete: true };
    const length = (bytes[pos + 2] << 8) | bytes[pos + 3];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (pos + 9 > bytes.length) bytes = await bytesOf(file, 0, pos + 16);
      size = { height: (bytes[pos + 5] << 8) | bytes[pos + 6], width: (bytes[pos + 7] << 8) | bytes[pos + 8] };
    }
    if (marker === 0xda) return { ...size, complete: await endsAfter(file, pos) };
    pos += 2 + length;
    if (pos + 4 > bytes.length && pos + 4 <= file.size) bytes = await bytesOf(file, 0, Math.min(file.size, pos + 64 * 1024));
  }
  return { ...size, complete: pos + 4 > file.size ? false : undefined };
}

/**
 * Whether an FF D9 (end of image) lies after byte `from` of a JPEG: looked for from the end
 * backwards, 64 KB at a time (a whole file ends within its last bytes; only a cut one is
 * read back to its scan).
 */
async function endsAfter(file, from) {
  const CHUNK = 64 * 1024;
  for (let end = file.size; end > from; end -= CHUNK - 1) {
    const start = Math.max(from, end - CHUNK);
    const bytes = await bytesOf(file, start, end);
    for (let i = bytes.length - 2; i >= 0; i -= 1) {
      if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
    }
  }
  return false;
}

/** How many frames a GIF holds (walks its blocks; stops at the trailer or the end). */
function gifFrames(bytes) {
  let pos = 13;
  if (bytes[10] & 0x80) pos += 3 * (1 << ((bytes[10] & 7) + 1)); // global colour table
  let frames = 0;
  const subBlocks = () => { while (pos < bytes.length && bytes[pos] !== 0) pos += bytes[pos] + 1; pos += 1; };
  while (pos < bytes.length) {
    const block = bytes[pos];
    if (block === 0x3b) break; // trailer
    if (block === 0x21) { pos += 2; subBlocks(); continue; } // extension
    if (block !== 0x2c) break;
    frames += 1;
    const flags = bytes[pos + 9];
    pos += 10;
    if (flags & 0x80) pos += 3 * (1 << ((flags & 7) + 1)); // local colour table
    pos += 1; // LZW minimum code size
    subBlocks();
  }
  return Math.max(frames, 1);
}

async function loadOnMainThread(file, { maxSide, maxPixels }, onProgress, name) {
  onProgress('Decoding the photo', 0.15);
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new Error(unreadable(name));
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

/**
 * The engine worker (engine-worker.js: its own wasm instance from `wasm`, the engine file's
 * address; default the one beside pkg/hairline.js), started on first use. Each call
 * resolves with the worker's answer or rejects with an Error in the engine's words:
 * `thinning(seed, ludwig, wall)` → `{ pixels, truth, analysis }` (the head's RGBA, before a
 * wall of the stage's colour `[r, g, b]`,
 * `thinningFrame()` in size, its hair as drawn, one byte a pixel, and its treated region's
 * `export_analysis()`, for `show_thinning_head`);
 * `photo(img, pxPerMm, region)` hands it a decoded photo (`img` as `loadPhoto` gives it; its
 * pixel buffer is transferred, so the page must not use `img.data` afterwards) → `{ analysis }`:
 * with `region` (a scalp polygon, mm) its hair classified there, for `set_photo`, else null;
 * `analyse({ design, stage, laid, hairHint })` → `{ analysis, contrast }` as
 * `photo_analysis()` and `contrast()` give them; `region({ design, hairHint })` →
 * `{ analysis }`, its `export_analysis()` for that design's treated region (or null). `close()` ends the worker and its memory
 * (calls waiting then reject). Returns null where module workers are missing.
 */
export function createPhotoEngine({ wasm } = {}) {
  if (typeof Worker === 'undefined') return null;
  // The page's compiled engine crosses as it is (the worker starts it without a download
  // or a compile); else only an address does (a URL object would not).
  const where = typeof WebAssembly !== 'undefined' && wasm instanceof WebAssembly.Module ? wasm
    : typeof wasm === 'string' || wasm instanceof URL ? String(wasm) : undefined;
  let worker = null;
  let nextId = 0;
  const waiting = new Map();
  // `workerFailed` tells a worker that stopped (or never started) from the engine's refusals.
  const failAll = (message) => {
    for (const { reject } of waiting.values()) reject(Object.assign(new Error(message), { workerFailed: true }));
    waiting.clear();
  };
  const stop = () => { worker?.terminate(); worker = null; };
  const start = () => {
    if (worker) return worker;
    worker = new Worker(new URL('./engine-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }) => {
      const call = waiting.get(data.id);
      if (!call) return;
      waiting.delete(data.id);
      if (data.error != null) call.reject(new Error(data.error));
      else call.resolve(data);
    };
    // The worker could not start (no module workers) or stopped: say so to every caller,
    // who then works on the main thread.
    worker.onerror = (event) => { event.preventDefault(); stop(); failAll('the engine worker stopped'); };
    return worker;
  };
  const call = (message, transfer = []) => new Promise((resolve, reject) => {
    const id = ++nextId;
    waiting.set(id, { resolve, reject });
    try {
      start().postMessage({ ...message, id, wasm: where }, transfer);
    } catch (error) {
      waiting.delete(id);
      reject(Object.assign(error instanceof Error ? error : new Error(String(error)), { workerFailed: true }));
    }
  });
  return {
    thinning: (seed, ludwig, wall) => call({ type: 'thinning', seed, ludwig, wall }),
    photo: (img, pxPerMm, region = null) => call({
      type: 'photo', width: img.width, height: img.height, data: img.data,
      originalWidth: img.originalWidth, originalHeight: img.originalHeight, pxPerMm, region,
    }, [img.data.buffer]),
    analyse: (request) => call({ type: 'analyse', ...request }),
    /** The analysis of the photo it holds for `design`'s treated region: `{ analysis }`. */
    region: (request) => call({ type: 'region', ...request }),
    /** An exported picture painted there: resolves `{ bitmap }` (see engine-worker.js). */
    picture: (request) => call({ type: 'picture', ...request }),
    close() { stop(); failAll('the engine worker was closed'); },
  };
}
