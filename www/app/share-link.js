// The design in a share link: deflate-compressed JSON in the URL fragment (the part after
// #, which browsers never send to a server), base64url, with a CRC-32 so that a cut or
// edited link is caught before it reaches the engine. `d1.` names the format, so later
// formats can keep reading old links. Uses the platform's CompressionStream (browsers and
// node 18+); no DOM, checked by node --test.

import { crc32 } from './png-text.js';
import { MAX_FILE_BYTES } from './design-file.js';

/** The fragment's prefix: `#d1.<crc>.<data>`. */
export const PREFIX = 'd1.';
const CUT = 'This share link is incomplete or was changed, so it cannot be opened.';
const BOMB = 'This share link unpacks to far more than a design, so it cannot be opened.';

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes) {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error(CUT);
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  } catch {
    throw new Error(CUT);
  }
}

/**
 * `bytes` inflated, at most `most` bytes of them: past that it stops and throws BOMB. A link
 * of 390,000 characters unpacked to 300 MB of spaces before its CRC was checked, a 2.7 s
 * freeze of the page (issue 13's hostile-input pass); the cap is a design file's.
 */
async function inflateAtMost(bytes, most) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > most) {
      reader.cancel().catch(() => {});
      throw new Error(BOMB);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The fragment (without #) that carries `design`. */
export async function encodeDesign(design) {
  const json = new TextEncoder().encode(JSON.stringify(design));
  const packed = await pipe(json, new CompressionStream('deflate-raw'));
  return `${PREFIX}${crc32(json).toString(16).padStart(8, '0')}.${toBase64Url(packed)}`;
}

/** Whether a URL fragment (with or without #) is a share link's. */
export const isShareFragment = (fragment) => String(fragment ?? '').replace(/^#/, '').startsWith(PREFIX);

/** The design object in a fragment; throws a plain message for a cut, edited or foreign link. */
export async function decodeDesign(fragment) {
  let text = String(fragment ?? '').replace(/^#/, '');
  if (text.length > 1_000_000) throw new Error('This share link is far too long to be a design.');
  try {
    text = decodeURIComponent(text); // (a space or '>' pasted in arrives escaped)
  } catch {
    /* a stray '%': the link's own characters are still read below */
  }
  const match = /^\s*d1\.([0-9a-f]{8})\.(.+)$/s.exec(text);
  if (!match) throw new Error(CUT);
  // A link pasted with the sentence it came in ("…#d1.….)." or "<…>") or wrapped by an
  // e-mail (a space or line break in it) was refused as changed. Base64url holds none of
  // those characters, so they are dropped; the CRC-32 below still refuses a link whose own
  // characters were cut or changed (found by a user pass).
  const data = match[2].replace(/[^A-Za-z0-9_-]/g, '');
  if (!data) throw new Error(CUT);
  let json;
  try {
    json = await inflateAtMost(fromBase64Url(data), MAX_FILE_BYTES);
  } catch (error) {
    throw new Error(error.message === BOMB ? BOMB : CUT);
  }
  if (crc32(json).toString(16).padStart(8, '0') !== match[1]) throw new Error(CUT);
  try {
    const value = JSON.parse(new TextDecoder().decode(json));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch {
    /* fall through */
  }
  throw new Error(CUT);
}
