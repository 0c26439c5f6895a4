// The "Save and share" part of the panel as a view: download the picture (after, before or
// both, at a chosen size, with a caption and the clinic's logo), save and open design
// files, and copy a share link. Turns clicks into exports and app actions; says what
// happened in the page's message line. Nothing leaves the device: a share link carries the
// design in its fragment, which browsers never send to a server.

import { exportPicture } from './export-png.js';
import { openFile } from './open-file.js';
import { designFileText, designFileName } from '../app/design-file.js';
import { encodeDesign } from '../app/share-link.js';
import { createListeners } from './listeners.js';

/** Starts a download of `blob` named `name` (no request leaves the page). */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The page's URL with `fragment` as its share fragment. */
export const shareUrl = (location, fragment) => `${location.origin}${location.pathname}${location.search}#${fragment}`;

/**
 * Mounts on the #files controls under `root`; `location` is the page's (for share links);
 * `onExport({ kind, blob, … })` hears each picture (kind after, before, both) or design file.
 */
export function mountFilesPanel(root, app, { location, onExport = () => {} }) {
  const $ = (id) => root.getElementById(id);
  const el = {
    kind: $('export-kind'), width: $('export-width'), caption: $('export-caption'), logo: $('export-logo'),
    exportPng: $('export-png'), save: $('save-design'), open: $('open-design'), share: $('share-link'), url: $('share-url'),
  };
  const listeners = createListeners();
  const { listen } = listeners;
  let logo = null;
  let logoLoaded = Promise.resolve(); // a logo attribute's picture still on its way

  listen(el.logo, 'change', async () => {
    const file = el.logo.files?.[0];
    el.logo.value = '';
    if (!file) return;
    try {
      logo = await createImageBitmap(file);
      app.showMessage(`The logo “${file.name.slice(0, 40)}” will be on exported pictures.`, { info: true });
    } catch {
      app.showMessage('This logo could not be read: use a PNG, JPEG or WebP picture.');
    }
  });
  listen(el.exportPng, 'click', async () => {
    el.exportPng.disabled = true;
    try {
      const options = { kind: el.kind.value, width: Number(el.width.value), caption: el.caption.value };
      await logoLoaded;
      const blob = await exportPicture(app, { ...options, logo });
      download(blob, designFileName(new Date(), 'png'));
      onExport({ ...options, blob });
    } catch (error) {
      app.showMessage(error?.message ?? String(error));
    } finally {
      el.exportPng.disabled = false;
    }
  });
  listen(el.save, 'click', () => {
    const blob = new Blob([designFileText(app.savedDesign())], { type: 'application/json' });
    download(blob, designFileName());
    app.showMessage('Design file saved to your downloads: open it with “Open design…” to carry on.', { info: true });
    onExport({ kind: 'design-file', blob });
  });
  listen(el.open, 'change', async () => {
    const file = el.open.files?.[0];
    el.open.value = '';
    await openFile(app, file, { expecting: 'design' });
  });
  listen(el.share, 'click', async () => {
    const url = shareUrl(location, await encodeDesign(app.savedDesign()));
    el.url.value = url;
    el.url.hidden = false;
    try {
      await navigator.clipboard.writeText(url);
      app.showMessage('Share link copied. It carries the design itself: nothing is stored on a server.', { info: true });
    } catch {
      el.url.select();
      app.showMessage('Copy the share link below. It carries the design itself: nothing is stored on a server.', { info: true });
    }
  });
  return {
    /** The logo exported pictures carry (an ImageBitmap), or null. */
    get logo() { return logo; },
    set logo(next) { logo = next; },
    /** Settles when a logo being loaded has arrived (or failed). */
    get logoLoaded() { return logoLoaded; },
    set logoLoaded(promise) { logoLoaded = promise; },
    dispose() { listeners.removeAll(); },
  };
}
