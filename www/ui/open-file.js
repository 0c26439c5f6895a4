// One way in for a file, whichever control or gesture brought it (the "Open design" button,
// drag-and-drop, paste, `hairline.loadFile`): a design file or a picture exported by the
// designer reopens its design; any other image becomes the client's photo.

import { designFromBytes, MAX_FILE_BYTES } from '../app/design-file.js';
import { isPng, readText } from '../app/png-text.js';
import { PNG_KEYWORD } from '../app/design-file.js';
import { excerpt } from '../app/format.js';
import { isImageFile } from './photo.js';

/**
 * Whether `bytes` are a PNG that carries a design: true, false, or the reason when it
 * carried one that cannot be read (damaged or cut: not a client's photo either, so it is
 * refused; it was opened as the photo without a word). A PNG broken elsewhere is left to
 * the photo decoder, which says so.
 */
function pngWithDesign(bytes) {
  try {
    return isPng(bytes) && readText(bytes, PNG_KEYWORD) !== null;
  } catch (error) {
    return error.designDamaged ? error.message : false;
  }
}

/** Whether `bytes` begin as a JSON object does (after a byte-order mark and white space). */
function startsLikeJson(bytes) {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[i])) i += 1;
  return bytes[i] === 0x7b; // {
}

/**
 * Opens `file` in `app`: resolves to 'design', 'photo' or null (refused; the app has said
 * why and the design is unchanged). A design file saved under another name (`.txt`) is
 * known by its content. `expecting` is 'design' for the "Open design…" button: a file that
 * is neither a design nor an image is then refused as not a design file (it was told to
 * choose a photo).
 */
export async function openFile(app, file, { expecting = 'any' } = {}) {
  if (!file) return null;
  const name = String(file.name ?? '');
  const quoted = `“${excerpt(name)}”`;
  const looksJson = /\.json$/i.test(name) || file.type === 'application/json';
  const maybePng = file.type === 'image/png' || /\.png$/i.test(name);
  const other = !looksJson && !maybePng && !isImageFile(file);
  if (looksJson || maybePng || other) {
    if (file.size > MAX_FILE_BYTES && looksJson) {
      app.showMessage('This file is too large to be a design file. Your current design is kept.');
      return null;
    }
    const bytes = file.size <= MAX_FILE_BYTES ? new Uint8Array(await file.arrayBuffer()) : null;
    const inPicture = bytes && maybePng ? pngWithDesign(bytes) : false;
    if (typeof inPicture === 'string') {
      app.showMessage(`${inPicture} It was exported by the designer, so it is not opened as a photo. Your current design is kept.`);
      return null;
    }
    if (looksJson || inPicture || (bytes && other && startsLikeJson(bytes))) {
      let design;
      try {
        design = designFromBytes(bytes);
      } catch (error) {
        app.showMessage(`${error.message} Your current design is kept.`);
        return null;
      }
      const said = app.state.message;
      if (!app.openDesign(design, quoted)) return null;
      // (Said, as a share link's design is: a file opened changed the picture with no word.
      // Not over what opening it said itself.)
      if (!app.state.message.text || app.state.message.text === said.text) app.showMessage(inPicture ? 'Opened the design saved in this picture.' : 'Opened the design file.', { info: true });
      return 'design';
    }
    if (other && expecting === 'design') {
      app.showMessage(`${quoted} is not a design file: open a design saved by the designer (.json) or a picture it exported. Your current design is kept.`);
      return null;
    }
  }
  await app.photo.load(file, { resume: true });
  return app.state.photo.status === 'error' ? null : 'photo';
}
