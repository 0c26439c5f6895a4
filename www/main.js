// Boots the designer page: loads the wasm engine, makes one app (app/core.js) with this
// browser's storage, frame clock and photo decoder, mounts the views on this document
// (ui/mount.js) and exposes the page API as `window.hairline`. Everything else lives in
// the app core (state and actions, no DOM) and the views (DOM, no state of their own).

import init, * as engine from './pkg/hairline.js';
import { createApp } from './app/core.js';
import { createPageApi } from './app/page-api.js';
import { watchForCrash } from './app/autosave.js';
import { mountDesigner } from './ui/mount.js';
import { loadPhoto } from './ui/photo.js';
import { decodeDesign, isShareFragment } from './app/share-link.js';
import { createConsultations } from './app/consultations.js';
import { registerOffline } from './ui/offline.js';

/** The browser's storage, if this page may use it (a sandboxed embed may not). */
function localStorageOrNull() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The browser's database, if this page may use it. */
function indexedDbOrNull() {
  try {
    return window.indexedDB ?? null;
  } catch {
    return null;
  }
}

async function boot() {
  await init();
  const app = createApp({
    engine,
    storage: localStorageOrNull(),
    schedule: (fn) => requestAnimationFrame(fn),
    decodePhoto: loadPhoto,
  });
  watchForCrash(window, () => app.crash());
  const { services } = mountDesigner(document, app, {
    keys: document, host: document.body, reload: () => window.location.reload(), location: window.location,
    consultations: createConsultations(indexedDbOrNull(), { storageManager: navigator.storage ?? null }),
  });
  await openShareLink(app);
  registerOffline(new URL('sw.js', document.baseURI), document.getElementById('update'));
  window.addEventListener('hashchange', () => openShareLink(app));
  return createPageApi(app, services);
}

/**
 * A page opened with a share link shows its design (one undo step, saved like any edit);
 * the fragment is then taken off the address, so a reload keeps later edits. A cut or
 * edited link is said in plain words and the current design stays.
 */
async function openShareLink(app) {
  if (!isShareFragment(window.location.hash)) return;
  try {
    const design = await decodeDesign(window.location.hash);
    if (app.openDesign(design, 'This share link')) {
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
    }
  } catch (error) {
    app.showMessage(`${error.message} Your current design is kept.`);
  }
}

// The API exists at once; `ready` resolves when the first frame is painted.
const booting = boot();
window.hairline = { ready: booting.then((api) => { Object.assign(window.hairline, api); return api.ready; }) };
booting.catch((error) => {
  document.getElementById('status').textContent = 'The designer could not start.';
  const message = document.getElementById('message');
  message.textContent = `Could not start the engine: ${error?.message ?? error}`;
  message.hidden = false;
  console.error(error);
});
