// The design in a share link: deflate-compressed JSON in the URL fragment (the part after
// #, which browsers never send to a server), base64url, with a CRC-32 so that a cut or
// edited link is caught before it reaches the engine. `d1.` names the format, so later
// formats can keep reading old links. Uses the platform's CompressionStream (browsers and
// node 18+); no DOM, checked by node --test.

import { crc32 } from './png-text.js';

/** The fragment's prefix: `#d1.<crc>.<data>`. */
export const PREFIX = 'd1.';
const CUT = 'This share link is incomplete or was changed, so it cannot be opened.';

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
  const text = String(fragment ?? '').replace(/^#/, '');
  if (text.length > 1_000_000) throw new Error('This share link is far too long to be a design.');
  const match = /^d1\.([0-9a-f]{8})\.([A-Za-z0-9_-]+)$/.exec(text);
  if (!match) throw new Error(CUT);
  let json;
  try {
    json = await pipe(fromBase64Url(match[2]), new DecompressionStream('deflate-raw'));
  } catch {
    throw new Error(CUT);
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
