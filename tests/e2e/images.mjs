// Pictures the end-to-end tests bring in as files, made here so no binary is committed: a
// minimal PNG encoder (RGB, one IDAT) and a scalp photo with hair dense, thinning and sparse
// and a ruler. Used by photo.test.mjs and the soak (soak.mjs).

import { deflateSync } from 'node:zlib';

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
export const crc32 = (buf) => {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 255] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};
/** A PNG of `width` × `height` RGB pixels from `row(y, out)` filling `out` (Uint8Array width × 3). */
export function png(width, height, row, level = 6) {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  const line = new Uint8Array(width * 3);
  for (let y = 0; y < height; y += 1) {
    row(y, line);
    raw.set(line, y * stride + 1);
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level })), chunk('IEND', Buffer.alloc(0))]);
}

/** Seeded noise. */
const rng = (seed) => () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32; };

/**
 * A 200 × 150 mm scalp photo at 8 px/mm (1600 × 1200): fair skin under a lighting gradient,
 * dark hair strands dense on the left, thinning in the middle, sparse on the right, and a
 * ruler's two ticks 100 mm (800 px) apart at the bottom.
 */
export function scalpPhoto() {
  const [w, h] = [1600, 1200];
  const rand = rng(7);
  const strands = [];
  for (const [x0, x1, n] of [[0, 530, 900], [530, 1070, 260], [1070, 1600, 40]]) {
    for (let i = 0; i < n; i += 1) strands.push({ x: x0 + rand() * (x1 - x0), slope: (rand() - 0.5) * 0.25, tone: 0.8 + rand() * 0.4 });
  }
  return png(w, h, (y, out) => {
    for (let x = 0; x < w; x += 1) {
      const light = 1 - 0.25 * (x / w) - 0.15 * (y / h);
      const noise = (rand() - 0.5) * 6;
      out[x * 3] = 226 * light + noise; out[x * 3 + 1] = 188 * light + noise; out[x * 3 + 2] = 160 * light + noise;
    }
    if (y < 1050) {
      for (const s of strands) {
        const x = Math.round(s.x + s.slope * y);
        if (x < 0 || x >= w) continue;
        out[x * 3] = 30 * s.tone; out[x * 3 + 1] = 25 * s.tone; out[x * 3 + 2] = 22 * s.tone;
      }
    }
    if (y >= 1100 && y < 1160) {
      for (const tx of [200, 1000]) for (let x = tx; x < tx + 3; x += 1) { out[x * 3] = 10; out[x * 3 + 1] = 10; out[x * 3 + 2] = 10; }
    }
  });
}
