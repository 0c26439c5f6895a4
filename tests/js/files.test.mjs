// Design files, pictures and share links (www/app/png-text.js, share-link.js,
// design-file.js): a design survives each round trip exactly, and a cut, edited or
// foreign input is refused in plain words; a consultation's stage (app/consultations.js) likewise.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addText, readText, crc32, isPng } from '../../www/app/png-text.js';
import { encodeDesign, decodeDesign, isShareFragment } from '../../www/app/share-link.js';
import { designFromBytes, designFileText, mistakeAt, PNG_KEYWORD } from '../../www/app/design-file.js';
import { checkStage, readConsultationsFile } from '../../www/app/consultations.js';

// A 1×1 PNG (a grey pixel).
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==', 'base64'));
const DESIGN = { version: 1, style: 'soft', density_per_cm2: 90, hairline: [[70.5, 80], [110, 72.25], [150, 80]], note: 'ünïcode ✓' };

test('crc32 matches the published check value', () => {
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
});

test('a PNG carries a design in an iTXt chunk and gives it back exactly', () => {
  const text = JSON.stringify(DESIGN);
  const out = addText(PNG, PNG_KEYWORD, text);
  assert.ok(isPng(out));
  assert.equal(out.length, PNG.length + 12 + PNG_KEYWORD.length + 5 + new TextEncoder().encode(text).length);
  assert.equal(readText(out, PNG_KEYWORD), text);
  assert.equal(readText(out, 'other'), null);
  assert.deepEqual(designFromBytes(out), DESIGN);
  // IEND stays last.
  assert.equal(Buffer.from(out.subarray(out.length - 8, out.length - 4)).toString('latin1'), 'IEND');
});

test('a cut or damaged picture, or one without a design, is refused in plain words', () => {
  const out = addText(PNG, PNG_KEYWORD, JSON.stringify(DESIGN));
  assert.throws(() => designFromBytes(out.subarray(0, out.length - 20)), /cut short/);
  const edited = out.slice();
  edited[out.length - 30] ^= 0x20; // a flipped bit in the design's text
  assert.throws(() => designFromBytes(edited), /damaged/);
  assert.throws(() => designFromBytes(PNG), /does not contain a design/);
  // Damage in the design's own chunk is told from a picture broken elsewhere, so a damaged
  // exported picture is refused rather than opened as the client's photo.
  assert.throws(() => readText(edited, PNG_KEYWORD), (error) => error.designDamaged === true);
  const at = Buffer.from(out).indexOf(PNG_KEYWORD);
  assert.throws(() => readText(out.subarray(0, at + 20), PNG_KEYWORD), (error) => error.designDamaged === true && /cut short/.test(error.message));
  assert.throws(() => readText(PNG.subarray(0, 30), PNG_KEYWORD), (error) => !error.designDamaged && /cut short/.test(error.message));
});

test('design files: saved text loads back exactly; not JSON, not an object or no version is refused', () => {
  const bytes = new TextEncoder().encode(designFileText(DESIGN));
  assert.deepEqual(designFromBytes(bytes), DESIGN);
  assert.throws(() => designFromBytes(new TextEncoder().encode('{"version": 1,')), /This design file is cut short/);
  assert.throws(() => designFromBytes(new TextEncoder().encode('[1, 2]')), /not a design file/);
  assert.throws(() => designFromBytes(new TextEncoder().encode('{"style": "soft"}')), /no version/);
  assert.throws(() => designFromBytes(new Uint8Array(9 * 1024 * 1024)), /too large/);
});

test('a share link round-trips a design; cut, edited or foreign links are refused', async () => {
  // A design of the page's size: a 60-point line and a 40-point scalp outline.
  const big = { ...DESIGN, hairline: Array.from({ length: 60 }, (_, i) => [60 + i * 1.5, 80 - Math.sin(i / 19) * 9]), scalp: Array.from({ length: 40 }, (_, i) => [110 + 50 * Math.cos(i / 6.4), 70 + 60 * Math.sin(i / 6.4)]) };
  const long = await encodeDesign(big);
  assert.ok(long.length < JSON.stringify(big).length * 0.8, `compressed: ${long.length} chars for ${JSON.stringify(big).length}`);
  assert.deepEqual(await decodeDesign(long), big);
  const fragment = await encodeDesign(DESIGN);
  assert.ok(isShareFragment(`#${fragment}`));
  assert.deepEqual(await decodeDesign(`#${fragment}`), DESIGN);
  await assert.rejects(decodeDesign(fragment.slice(0, -6)), /incomplete or was changed/);
  const i = fragment.length - 10;
  const edited = fragment.slice(0, i) + (fragment[i] === 'A' ? 'B' : 'A') + fragment.slice(i + 1);
  await assert.rejects(decodeDesign(edited), /incomplete or was changed/);
  await assert.rejects(decodeDesign('#d1.zz.<script>'), /incomplete or was changed/);
  await assert.rejects(decodeDesign('#section-2'), /incomplete or was changed/);
  assert.equal(isShareFragment('#section-2'), false);
  // Pasted with the sentence it was sent in, or wrapped by an e-mail (a user pass): the
  // link's own characters are all there, so it opens; the checksum still guards them.
  for (const stray of [`${fragment}).`, `${fragment}>`, `${fragment},`, `${fragment.slice(0, 30)}%20${fragment.slice(30)}`, `${fragment.slice(0, 30)}\n${fragment.slice(30)}`]) {
    assert.deepEqual(await decodeDesign(`#${stray}`), DESIGN, stray);
  }
  await assert.rejects(decodeDesign(`${fragment.slice(0, -6)}).`), /incomplete or was changed/);
});

test('a design file edited by hand: saved as UTF-16 it opens; a trailing comma or a comment is refused with its line and column', () => {
  // A user pass: Notepad's "Unicode" (UTF-16 with its byte order mark), a comma after the
  // last item and a comment line were all "not readable as one", with no word of where.
  const text = designFileText(DESIGN);
  const utf16 = new Uint8Array(2 + text.length * 2);
  utf16.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i += 1) { utf16[2 + i * 2] = text.charCodeAt(i) & 0xff; utf16[3 + i * 2] = text.charCodeAt(i) >> 8; }
  assert.deepEqual(designFromBytes(utf16), DESIGN);
  const lines = text.split('\n');
  const comma = lines.map((l, i) => (i === lines.length - 3 ? `${l},` : l)).join('\n'); // after the last field
  const last = lines[lines.length - 3];
  assert.throws(() => designFromBytes(new TextEncoder().encode(comma)), new RegExp(`mistake at line ${lines.length - 2}, column ${last.length + 1} \\(a comma after the last item`));
  const comment = ['{', '  // client: JD', ...lines.slice(1)].join('\n');
  assert.throws(() => designFromBytes(new TextEncoder().encode(comment)), /mistake at line 2, column 3/);
  assert.throws(() => designFromBytes(new TextEncoder().encode('hello')), /not a design file \(it is not readable as one\)/);
  // The same places from other browsers' messages (Firefox: a line and column; Safari: none).
  const trailing = '{\n  "a": 1,\n}\n';
  assert.deepEqual(mistakeAt(trailing, new SyntaxError('JSON.parse: expected double-quoted property name at line 3 column 1 of the JSON data')), { line: 2, column: 9, atEnd: false });
  assert.deepEqual(mistakeAt(trailing, new SyntaxError("Expected double-quoted property name in JSON at position 12 (line 3 column 1)")), { line: 2, column: 9, atEnd: false });
  assert.equal(mistakeAt('{"a": "b', new SyntaxError('JSON.parse: unterminated string at line 1 column 7 of the JSON data')).atEnd, true);
  assert.equal(mistakeAt('{"a": 1', new SyntaxError('JSON Parse error: Unexpected EOF')).atEnd, true);
  assert.equal(mistakeAt('{"a": x}', new SyntaxError('JSON Parse error: Unexpected identifier "x"')), null);
});

test('a consultations file opened as a design is named for what it is', () => {
  // (It has a version, so it was taken for a design and refused as "the seed is missing".)
  const file = new TextEncoder().encode(JSON.stringify({ format: 'hairline-consultations', version: 1, consultations: [] }));
  assert.throws(() => designFromBytes(file), /^Error: This is a consultations file, not a design: open it with Import… under Consultations\.$/);
});

test('a share link that unpacks to far more than a design is refused without unpacking it all', async () => {
  // 60 MB of spaces before a design: a 60 kB link (the hostile-input pass's 300 MB froze the page 2.7 s).
  const text = `${' '.repeat(60 * 1024 * 1024)}${JSON.stringify(DESIGN)}`;
  const json = new TextEncoder().encode(text);
  const packed = new Uint8Array(await new Response(new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
  let b64 = '';
  for (let i = 0; i < packed.length; i += 0x8000) b64 += String.fromCharCode(...packed.subarray(i, i + 0x8000));
  const link = `d1.${crc32(json).toString(16).padStart(8, '0')}.${btoa(b64).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
  assert.ok(link.length < 1_000_000, `a link of ${link.length} characters, under the length refused outright`);
  await assert.rejects(decodeDesign(link), /unpacks to far more than a design/);
});

test("a consultation's stage is kept as the app makes it and refused when it is not a stage", () => {
  // Every stage the timeline makes: before, fresh, healed, whole years (strings) or numbers.
  assert.deepEqual(checkStage({ session: 0, age: 'healed' }), { session: 0, age: 'healed' });
  assert.deepEqual(checkStage({ session: 1, age: 'fresh' }), { session: 1, age: 'fresh' });
  assert.deepEqual(checkStage({ session: 3, age: '5' }), { session: 3, age: '5' });
  assert.deepEqual(checkStage({ session: 3, age: 2.5 }), { session: 3, age: '2.5' });
  // From an imported file: past the engine's years, empty, not a number, too long, no stage.
  for (const bad of [{ session: 3, age: '11' }, { session: 3, age: '' }, { session: 3, age: ' ' }, { session: 3, age: 'x'.repeat(13) },
    { session: 50, age: 'healed' }, { session: -1, age: 'healed' }, { session: 1.5, age: 'healed' }, { session: '2', age: 'healed' }, {}, null, 'healed']) {
    assert.equal(checkStage(bad), null, JSON.stringify(bad));
  }
});

test('a consultations file is read into checked records with their pictures as bytes; a bad entry is left out and counted', async () => {
  const picture = `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`;
  const good = { reference: 'AB-1', notes: 'n', savedAt: '2026-11-01T10:00:00.000Z', design: DESIGN, thumbnail: picture, photo: null };
  const text = JSON.stringify({ format: 'hairline-consultations', version: 1, consultations: [good, { ...good, reference: 5 }, { ...good, photo: 'data:image/png;base64,@@' }] });
  const { records, skipped } = readConsultationsFile(text);
  assert.equal(records.length, 1);
  assert.equal(skipped, 2);
  assert.deepEqual(new Uint8Array(await records[0].thumbnail.arrayBuffer()), PNG, 'the picture decoded byte for byte');
  assert.equal(records[0].thumbnail.type, 'image/png');
  assert.throws(() => readConsultationsFile('{"format": "other"}'), /not a consultations file/);
  assert.throws(() => readConsultationsFile(JSON.stringify({ format: 'hairline-consultations', version: 99, consultations: [] })), /newer version/);
});
