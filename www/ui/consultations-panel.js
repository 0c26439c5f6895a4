// The consultations part of the panel as a view: save the consultation on screen (reference,
// notes, design, a small before/after picture and, only when ticked, the photo), list and
// search the saved ones, reopen or delete one, export all to a file and import them on
// another tablet. Storage is app/consultations.js; every message goes to the message line.

import { exportPicture } from './export-png.js';
import { excerpt, localDay } from '../app/format.js';
import { download } from './files-panel.js';
import { wordsFor } from '../app/words.js';
import { createListeners } from './listeners.js';

/**
 * Runs `request` in a consultations worker (consultations-worker.js) on `store`'s database:
 * `{ file }` adds the consultations in `file` and resolves to `{ added, skipped }`;
 * `{ exportAll: true }` resolves to `{ blob }`, all of them as one file. Rejects in the
 * page's words. A browser with no module workers does it here.
 */
function offThread(request, store) {
  const here = async () => (request.exportAll
    ? { blob: new Blob([await store.exportAll()], { type: 'application/json' }) }
    : store.importAll(await request.file.text()));
  let worker;
  try {
    worker = new Worker(new URL('./consultations-worker.js', import.meta.url), { type: 'module' });
  } catch {
    return here();
  }
  return new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      worker.terminate();
      if (data.error != null) reject(new Error(data.error));
      else resolve(data);
    };
    worker.onerror = (event) => { // (the worker could not start)
      event.preventDefault();
      worker.terminate();
      here().then(resolve, reject);
    };
    worker.postMessage(request);
  });
}

/** Most rows the list draws (newest first); Find reaches the others. */
export const MOST_ROWS = 50;

/** Mounts on the #consultations controls under `root`; `store` from createConsultations. */
export function mountConsultationsPanel(root, app, { store }) {
  const $ = (id) => root.getElementById(id);
  const el = {
    reference: $('c-reference'), notes: $('c-notes'), keepPhoto: $('c-keep-photo'), save: $('c-save'),
    search: $('c-search'), list: $('c-list'), exportAll: $('c-export'), importFile: $('c-import'), status: $('c-status'),
  };
  const listeners = createListeners();
  const { listen } = listeners;
  const urls = [];
  const timers = new Set(); // each row's "Delete? Tap again" timer, stopped when the rows go
  let asked = false;
  // The consultation on screen (opened or saved last): Save updates it while its reference
  // and photo stay the same; another reference or photo is a new consultation.
  let onScreen = null;
  // Another client's photo after a saved (or reopened) consultation starts a new one: the
  // name, notes, photo consent and caption were the last client's, and Save kept client B's
  // photo under client A's name and consent. Words typed before the photo is loaded (no
  // consultation saved yet) stay.
  // What was typed before a reload of this tab comes back (it was lost with the photo's work).
  const typed = app.consultationWords?.read();
  if (typed && !el.reference.value && !el.notes.value) {
    el.reference.value = typed.reference;
    el.notes.value = typed.notes;
  }
  const keepWords = () => app.consultationWords?.write({ reference: el.reference.value, notes: el.notes.value });
  listen(el.reference, 'input', keepWords);
  listen(el.notes, 'input', keepWords);

  // (The same client's photo picked again is not another client: compared by its SHA-256.)
  let shownPhoto = app.state.photo?.source ?? null;
  let onScreenPhoto = null; // the SHA-256 of the photo the consultation on screen was made on
  const stopWatching = app.subscribe((state, changes) => {
    if (changes.has('lang')) refresh(); // the rows' dates and words in the new language
    if (!changes.has('photo')) return;
    const source = state.photo?.source ?? null;
    if (source === shownPhoto) return;
    shownPhoto = source;
    if (!source || onScreen === null) return;
    const consultation = onScreen;
    app.photo.digest().then((digest) => {
      // (Reopened or saved meanwhile: that consultation's words stay.)
      if (onScreen !== consultation || state.photo?.source !== source || (digest && digest === onScreenPhoto)) return;
      onScreen = null;
      onScreenPhoto = null;
      el.reference.value = '';
      el.notes.value = '';
      keepWords();
      el.keepPhoto.checked = false;
      const caption = root.getElementById('export-caption');
      if (caption) caption.value = '';
    });
  });

  async function refresh() {
    let items;
    try {
      items = await store.list(el.search.value);
    } catch (error) {
      el.list.replaceChildren(Object.assign(document.createElement('li'), { className: 'empty', textContent: error.message }));
      el.status.hidden = true; // ("Kept in this browser only" beside "cannot be kept" contradicted it)
      return;
    }
    el.status.hidden = false;
    urls.splice(0).forEach((u) => URL.revokeObjectURL(u));
    for (const stopTimer of timers) stopTimer(); // the rows they belonged to go now
    timers.clear();
    if (items.length === 0) {
      el.list.replaceChildren(Object.assign(document.createElement('li'), {
        className: 'empty', textContent: el.search.value ? 'No consultation matches.' : 'No consultations saved yet.',
      }));
      return;
    }
    const words = wordsFor(app.state.lang);
    // In the designer's language (a Spanish designer in an English browser dated its rows
    // "Nov 24, 2026, 8:49 PM"); in English, the browser's own way (day or month first). One
    // format for all rows (made per row, it was a good part of 2 s for 10,000 rows).
    const dates = new Intl.DateTimeFormat(words.lang === 'en' ? undefined : words.lang, { dateStyle: 'medium', timeStyle: 'short' });
    // The newest rows only: 10,000 rows took seconds to build on every letter typed in Find.
    const more = items.length > MOST_ROWS
      ? [Object.assign(document.createElement('li'), { className: 'empty more', textContent: words.consultation.more(MOST_ROWS, items.length) })]
      : [];
    el.list.replaceChildren(...items.slice(0, MOST_ROWS).map((item) => {
      const li = document.createElement('li');
      li.dataset.id = String(item.id);
      const img = document.createElement('img');
      img.alt = '';
      if (item.thumbnail) { const u = URL.createObjectURL(item.thumbnail); urls.push(u); img.src = u; }
      const who = document.createElement('div');
      who.className = 'who';
      const when = dates.format(new Date(item.savedAt));
      who.append(Object.assign(document.createElement('strong'), { textContent: item.reference || words.consultation.noReference }),
        Object.assign(document.createElement('small'), { textContent: `${when}${item.hasPhoto ? ` · ${words.consultation.withPhoto}` : ''}${item.notes ? ` · ${item.notes}` : ''}` }));
      const open = Object.assign(document.createElement('button'), { type: 'button', className: 'button', textContent: 'Open' });
      open.setAttribute('aria-label', words.consultation.open(item.reference));
      open.addEventListener('click', () => reopen(item.id));
      const remove = Object.assign(document.createElement('button'), { type: 'button', className: 'button', textContent: 'Delete' });
      remove.setAttribute('aria-label', words.consultation.remove(item.reference));
      // Two taps: the first asks (for 5 s), the second deletes (one tap beside Open took a
      // client's consultation for good).
      let asking = null;
      timers.add(() => clearTimeout(asking));
      remove.addEventListener('click', async () => {
        if (!asking) {
          remove.textContent = 'Delete? Tap again';
          remove.classList.add('confirm');
          remove.setAttribute('aria-label', `Tap again to delete the consultation ${item.reference}`);
          asking = setTimeout(() => {
            asking = null;
            remove.textContent = 'Delete';
            remove.classList.remove('confirm');
            remove.setAttribute('aria-label', words.consultation.remove(item.reference));
          }, 5000);
          return;
        }
        clearTimeout(asking);
        asking = null;
        // The list is built again: the keyboard's focus goes to the row that takes this one's
        // place (or the search box), not to the page's top (it fell to <body>).
        const at = [...el.list.children].indexOf(li);
        // Said: "Saved the consultation …" stayed over the picture after it was deleted (a user pass).
        try {
          await store.remove(item.id);
          if (onScreen === item.id) onScreen = null;
          app.showMessage(words.consultation.deleted((item.reference || words.consultation.noReference).slice(0, 40)), { info: true });
        } catch (error) { app.showMessage(error.message); }
        await refresh();
        const rows = el.list.querySelectorAll('li[data-id]');
        (rows[Math.min(at, rows.length - 1)]?.querySelector('button') ?? el.search).focus();
      });
      li.append(img, who, open, remove);
      return li;
    }), ...more);
  }

  let overriding = null; // { id, until }: the consultation whose photo check a second Open passes
  async function reopen(id) {
    try {
      const record = await store.get(id);
      if (!record) { app.showMessage('This consultation is no longer on this device.'); refresh(); return; }
      if (record.photo) {
        await app.photo.load(record.photo);
        // A photo this browser cannot read (an import's SVG, a cut file): its design was
        // made on that photo and is not opened (the refusal was at once replaced by
        // "Opened the consultation", and the design laid on the template).
        if (app.state.photo?.status === 'error') {
          app.showMessage(`The consultation “${excerpt(record.reference)}” cannot be opened: its saved photo cannot be read on this device. Your current design is kept.`);
          return;
        }
      }
      // Saved without its photo: only on that photo (another client's of the same size took
      // it). The same photo sent again may come re-encoded (a phone converts HEIC, a message
      // recompresses): a second Open within a few seconds opens it on the photo shown.
      const shown = app.state.photo?.loaded && !app.state.photo?.ludwig ? await app.photo.digest() : null;
      const passed = overriding?.id === id && Date.now() < overriding.until;
      if (!record.photo && record.photoDigest && shown && shown !== record.photoDigest && !passed) {
        app.showMessage(`The consultation “${record.reference.slice(0, 40)}” was made on another photo: load that client's photo, then open it again (or tap Open again to use this photo). Your current design is kept.`);
        overriding = { id, until: Date.now() + 5000 };
        return;
      }
      overriding = null;
      const said = app.state.message;
      if (app.openDesign(record.design, 'This consultation')) {
        // On the moment it was saved at: the picture the client was shown (and its thumbnail).
        if (record.stage) {
          try {
            app.setStage({ ...record.stage, session: Math.min(record.stage.session, app.limits.sessions.max) });
          } catch {
            /* a stage this engine does not know: the one on screen stays */
          }
        }
        onScreen = record.id;
        onScreenPhoto = record.photoDigest ?? null;
        // Its photo stays kept when it is saved again (the box started unticked: Save
        // updated the consultation and dropped the client's photo from it for good).
        el.keepPhoto.checked = Boolean(record.photo);
        el.reference.value = record.reference;
        el.notes.value = record.notes;
        keepWords();
        // (Not over what opening it said itself: the client's photo work set aside.)
        if (!app.state.message.text || app.state.message.text === said.text) app.showMessage(`Opened the consultation “${record.reference.slice(0, 40)}”.`, { info: true });
      }
    } catch (error) {
      app.showMessage(error.message);
    }
  }

  listen(el.save, 'click', async () => {
    // Save is disabled while it saves, which drops the keyboard's focus to <body>: it comes back.
    const focused = root.activeElement === el.save;
    const reference = el.reference.value.trim();
    if (!reference) { app.showMessage('Give the consultation a client reference first.'); el.reference.focus(); return; }
    el.save.disabled = true;
    // The design and the moment on screen at the tap: a slider moved while the thumbnail was
    // made would have stored another stage than the one it shows.
    const design = app.savedDesign();
    const stage = { ...app.state.stage };
    try {
      const thumbnail = await exportPicture(app, { kind: 'both', width: 320 });
      const photo = el.keepPhoto.checked ? app.state.photo.source : null;
      const photoDigest = app.state.photo?.loaded ? await app.photo.digest() : null;
      const { id, unchanged, updated } = await store.save({ reference, notes: el.notes.value, design, thumbnail, photo, photoDigest, stage, replaces: onScreen });
      onScreen = id;
      onScreenPhoto = photoDigest;
      const name = `“${reference.slice(0, 40)}”`;
      let words = unchanged ? `The consultation ${name} is already saved as it is on this device.`
        : updated ? `Updated the consultation ${name} on this device.`
          : `Saved the consultation ${name} on this device.`;
      if (!asked) {
        asked = true;
        const kept = await store.persist();
        if (kept === false) words += ' The browser did not grant lasting storage: it may clear consultations when space runs low, so export them now and then.';
      }
      app.showMessage(words, { info: true });
      el.status.textContent = 'Kept in this browser only: nothing is uploaded.';
    } catch (error) {
      app.showMessage(error.message);
    } finally {
      el.save.disabled = false;
      if (focused) el.save.focus();
      refresh();
    }
  });
  listen(el.search, 'input', refresh);
  listen(el.exportAll, 'click', async () => {
    try {
      const { blob } = await offThread({ exportAll: true }, store);
      download(blob, `consultations-${localDay()}.json`);
    } catch (error) {
      app.showMessage(error.message);
    }
  });
  listen(el.importFile, 'change', async () => {
    const file = el.importFile.files?.[0];
    el.importFile.value = '';
    if (!file) return;
    try {
      if (file.size > 500 * 1024 * 1024) throw new Error('This file is too large to be a consultations file.');
      app.showMessage(`Importing “${excerpt(file.name)}”…`, { info: true });
      const { added, skipped } = await offThread({ file }, store);
      app.showMessage(`Imported ${added} consultation${added === 1 ? '' : 's'}${skipped ? `; ${skipped} could not be read and were left out` : ''}.`, { info: true });
    } catch (error) {
      app.showMessage(error.message);
    }
    refresh();
  });
  refresh();
  return { refresh, dispose() { stopWatching(); listeners.removeAll(); urls.splice(0).forEach((u) => URL.revokeObjectURL(u)); for (const stopTimer of timers) stopTimer(); } };
}
