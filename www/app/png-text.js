// Text inside a PNG file: writes and reads an iTXt chunk (uncompressed UTF-8), so that an
// exported picture carries its design and dropping the picture back on the page reopens
// it. Pure functions over bytes (no DOM), checked by node --test. Chunk layout from the PNG
// specification (W3C, 2nd edition, §11.3.4.5): keyword, 0, compression flag 0, method 0,
// language tag, 0, translated keyword, 0, text; every chunk ends with a CRC-32 of its type
// and data.

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (the PNG and zip polynomial) of `bytes`. */
export function crc32(bytes, crc = 0xffffffff) {
  let c = crc;
  for (let i = 0; i < bytes.length; i += 1) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Whether `bytes` start like a PNG file. */
export function isPng(bytes) {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

const CUT_SHORT = 'This picture is cut short (the file is incomplete).';

/**
 * The chunks of a PNG in order as `{ type, at, start, length, cut }` (`at` where the chunk
 * begins, `start` where its data does), up to IEND or, in a file cut short, up to the end
 * (its last chunk then `cut`): `{ list, complete }`, `complete` when IEND was reached.
 */
function chunks(bytes) {
  if (!isPng(bytes)) throw new Error('This file is not a PNG picture.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const list = [];
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const cut = at + 12 + length > bytes.length;
    list.push({ type, at, start: at + 8, length, cut });
    if (cut) break;
    if (type === 'IEND') return { list, complete: true };
    at += 12 + length;
  }
  return { list, complete: false };
}

/** `png` (bytes) with an iTXt chunk `keyword` = `text` inserted before its end. */
export function addText(png, keyword, text) {
  const { list, complete } = chunks(png);
  if (!complete) throw new Error(CUT_SHORT);
  const end = list[list.length - 1];
  const encoder = new TextEncoder();
  const key = encoder.encode(keyword);
  const body = encoder.encode(text);
  // keyword 0 | compression flag 0 | method 0 | language "" 0 | translated keyword "" 0 | text
  const data = new Uint8Array(key.length + 5 + body.length);
  data.set(key, 0);
  data.set(body, key.length + 5);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(encoder.encode('iTXt'), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, end.at), 0);
  out.set(chunk, end.at);
  out.set(png.subarray(end.at), end.at + chunk.length);
  return out;
}

/**
 * The text of the iTXt chunk `keyword` in `png` (bytes), or null when it has none. Throws
 * a short message on a broken file; the error's `designDamaged` is true when the chunk
 * `keyword` itself is damaged or cut (the picture then carried a design that cannot be
 * read: a damaged exported picture was opened as the client's photo without a word). Other
 * chunks' CRCs are not checked here: the browser's decoder judges the picture.
 */
export function readText(png, keyword) {
  const { list, complete } = chunks(png);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const ours = new TextEncoder().encode(`${keyword}\0`);
  const isOurs = (data) => data.length >= ours.length && ours.every((b, i) => data[i] === b);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (const c of list) {
    const data = png.subarray(c.start, Math.min(c.start + c.length, png.length));
    if (c.type !== 'iTXt' || !isOurs(data)) continue;
    if (c.cut || view.getUint32(c.start + c.length) !== crc32(png.subarray(c.at + 4, c.start + c.length))) {
      throw damaged(c.cut ? `${CUT_SHORT.replace(/\.$/, '')}: the design inside it cannot be read.` : 'The design inside this picture is damaged.');
    }
    const zero = ours.length - 1;
    if (data[zero + 1] !== 0) return null; // a compressed iTXt is not one of ours
    let from = zero + 3;
    for (let skip = 0; skip < 2; skip += 1) { // language tag, translated keyword
      const next = data.indexOf(0, from);
      if (next < 0) return null;
      from = next + 1;
    }
    return decoder.decode(data.subarray(from));
  }
  if (!complete) throw new Error(CUT_SHORT);
  return null;
}

const damaged = (message) => Object.assign(new Error(message), { designDamaged: true });
