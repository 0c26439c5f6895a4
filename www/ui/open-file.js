// One way in for a file, whichever control or gesture brought it (the "Open design" button,
// drag-and-drop, paste, `hairline.loadFile`): a design file or a picture exported by the
// designer reopens its design; any other image becomes the client's photo.

import { designFromBytes, MAX_FILE_BYTES } from '../app/design-file.js';
import { isPng, readText } from '../app/png-text.js';
import { PNG_KEYWORD } from '../app/design-file.js';

/** Whether `bytes` are a PNG that carries a design. */
function pngWithDesign(bytes) {
  try {
    return isPng(bytes) && readText(bytes, PNG_KEYWORD) !== null;
  } catch {
    return false;
  }
}

/**
 * Opens `file` in `app`: resolves to 'design', 'photo' or null (refused; the app has said
 * why and the design is unchanged).
 */
export async function openFile(app, file) {
  if (!file) return null;
  const name = String(file.name ?? '');
  const looksJson = /\.json$/i.test(name) || file.type === 'application/json';
  const maybePng = file.type === 'image/png' || /\.png$/i.test(name);
  if (looksJson || maybePng) {
    if (file.size > MAX_FILE_BYTES && looksJson) {
      app.showMessage('This file is too large to be a design file. Your current design is kept.');
      return null;
    }
    const bytes = file.size <= MAX_FILE_BYTES ? new Uint8Array(await file.arrayBuffer()) : null;
    if (looksJson || (bytes && pngWithDesign(bytes))) {
      let design;
      try {
        design = designFromBytes(bytes);
      } catch (error) {
        app.showMessage(`${error.message} Your current design is kept.`);
        return null;
      }
      return app.openDesign(design, `“${name.slice(0, 40)}”`) ? 'design' : null;
    }
  }
  await app.photo.load(file);
  return app.state.photo.status === 'error' ? null : 'photo';
}
