// Consultations kept on this device, in the browser's own database (IndexedDB): the client
// reference, notes, the design, a small before/after picture and, only when the technician
// ticks it, the photo. Nothing is uploaded. Search by reference or notes, reopen, delete,
// and move them all to another tablet as one file. Every failure (storage full, blocked,
// private mode) comes back as a short message; nothing on screen is touched here.

const DB_NAME = 'hairline-consultations';
const STORE = 'consultations';
/** The export file's format name and version. */
export const EXPORT_FORMAT = 'hairline-consultations';
export const EXPORT_VERSION = 1;

const UNAVAILABLE = 'Consultations cannot be kept in this browser: its storage is switched off or blocked.';
const FULL = "This device's storage is full: the consultation was not saved. Your design stays on screen.";

const promised = (request) => new Promise((ok, fail) => {
  request.onsuccess = () => ok(request.result);
  request.onerror = () => fail(request.error);
});

/** Plain words for a storage error. */
function explain(error) {
  const name = error?.name ?? '';
  if (name === 'QuotaExceededError') return new Error(FULL);
  if (name === 'DataCloneError') return new Error('This consultation could not be stored (its data is not storable).');
  return new Error(UNAVAILABLE);
}

async function blobToDataUrl(blob) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type || 'application/octet-stream'};base64,${btoa(text)}`;
}

function dataUrlToBlob(url) {
  const match = /^data:([\w/+.-]*);base64,([A-Za-z0-9+/=]*)$/.exec(String(url));
  if (!match) throw new Error('bad picture');
  return new Blob([Uint8Array.from(atob(match[2]), (c) => c.charCodeAt(0))], { type: match[1] });
}

/** A record as stored and listed: checks the fields a file import could get wrong. */
function checkRecord(r) {
  if (!r || typeof r !== 'object') throw new Error('not a consultation');
  if (typeof r.reference !== 'string' || r.reference.length > 200) throw new Error('bad reference');
  if (!r.design || typeof r.design !== 'object' || Array.isArray(r.design)) throw new Error('bad design');
  return {
    reference: r.reference,
    notes: typeof r.notes === 'string' ? r.notes.slice(0, 5000) : '',
    savedAt: typeof r.savedAt === 'string' && !Number.isNaN(Date.parse(r.savedAt)) ? r.savedAt : new Date().toISOString(),
    design: r.design,
    // The SHA-256 of the photo the design was made on (hex), kept even when the photo is not:
    // reopened without it, the design must not land on another client's photo of the same size.
    photoDigest: typeof r.photoDigest === 'string' && /^[0-9a-f]{64}$/.test(r.photoDigest) ? r.photoDigest : null,
    stage: checkStage(r.stage),
  };
}

/**
 * The moment the consultation showed when saved (`{ session, age }`: after which session,
 * "fresh", "healed" or years), so that it reopens on the picture the client was shown; null
 * for one saved before it was kept, or one whose stage is not of that shape (the engine still
 * checks it when it is shown).
 */
export function checkStage(stage) {
  if (!stage || typeof stage !== 'object') return null;
  const { session, age } = stage;
  if (!Number.isInteger(session) || session < 0 || session > MAX_SESSION) return null;
  if (age === 'fresh' || age === 'healed') return { session, age };
  const given = typeof age === 'number' || (typeof age === 'string' && age.trim() !== '' && age.length < 12);
  const years = given ? Number(age) : NaN;
  return Number.isFinite(years) && years >= 0 && years <= MAX_YEARS ? { session, age: String(years) } : null;
}
/** The most a stage can say: sessions (the reopening keeps to the engine's plan limit) and years on. */
const MAX_SESSION = 20;
const MAX_YEARS = 10;

/**
 * The consultations in `indexedDB` (the browser's factory; null when there is none).
 * Every method returns a promise and rejects with an Error in plain words.
 */
export function createConsultations(indexedDB, { storageManager = null } = {}) {
  let opening = null;
  const open = () => {
    if (!indexedDB) return Promise.reject(new Error(UNAVAILABLE));
    opening ??= new Promise((ok, fail) => {
      let request;
      try {
        request = indexedDB.open(DB_NAME, 1);
      } catch {
        fail(new Error(UNAVAILABLE));
        return;
      }
      request.onupgradeneeded = () => {
        request.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
      };
      request.onsuccess = () => ok(request.result);
      request.onerror = () => fail(new Error(UNAVAILABLE));
      request.onblocked = () => fail(new Error(UNAVAILABLE));
    }).catch((error) => { opening = null; throw error; });
    return opening;
  };
  const run = async (mode, fn) => {
    const db = await open();
    try {
      const tx = db.transaction(STORE, mode);
      const result = await fn(tx.objectStore(STORE));
      await new Promise((ok, fail) => {
        tx.oncomplete = ok;
        tx.onerror = () => fail(tx.error);
        tx.onabort = () => fail(tx.error);
      });
      return result;
    } catch (error) {
      throw explain(error);
    }
  };

  return {
    /**
     * Saves `{ reference, notes, design, thumbnail (Blob), photo (Blob or null), photoDigest
     * (the SHA-256 of the design's photo, hex, or null), stage (the moment shown) }`;
     * resolves to `{ id, unchanged, updated }`. The same consultation saved again (the newest
     * with its reference has the same notes, design and photo: a second tap on Save) is not
     * stored twice: `unchanged` is then true and `id` the one kept. With `replaces` (the id of
     * the consultation on screen: opened or saved last), one of the same reference and photo
     * is replaced (`updated`): reopened, changed and saved, a consultation was listed twice.
     */
    save(record) {
      const clean = { ...checkRecord({ ...record, savedAt: new Date().toISOString() }), thumbnail: record.thumbnail ?? null, photo: record.photo ?? null };
      const samePhoto = (a, b) => (a == null && b == null) || (a != null && b != null && a.size === b.size && a.type === b.type);
      return run('readwrite', async (store) => {
        const all = await promised(store.getAll());
        const last = all
          .filter((r) => r.reference === clean.reference)
          .sort((a, b) => b.savedAt.localeCompare(a.savedAt) || b.id - a.id)[0];
        if (last && last.notes === clean.notes && JSON.stringify(last.design) === JSON.stringify(clean.design) && samePhoto(last.photo, clean.photo) && (last.photoDigest ?? null) === clean.photoDigest && JSON.stringify(last.stage ?? null) === JSON.stringify(clean.stage)) {
          return { id: last.id, unchanged: true, updated: false };
        }
        const replaced = Number.isInteger(record.replaces) ? all.find((r) => r.id === record.replaces) : null;
        if (replaced && replaced.reference === clean.reference && (replaced.photoDigest ?? null) === clean.photoDigest) {
          return { id: await promised(store.put({ ...clean, id: replaced.id })), unchanged: false, updated: true };
        }
        return { id: await promised(store.add(clean)), unchanged: false, updated: false };
      });
    },
    /** The consultations whose reference or notes contain `query` (any case), newest first, without photos. */
    async list(query = '') {
      const all = await run('readonly', (store) => promised(store.getAll()));
      const q = String(query).trim().toLowerCase();
      return all
        .filter((r) => !q || r.reference.toLowerCase().includes(q) || r.notes.toLowerCase().includes(q))
        .sort((a, b) => b.savedAt.localeCompare(a.savedAt) || b.id - a.id)
        .map(({ photo, ...rest }) => ({ ...rest, hasPhoto: Boolean(photo) }));
    },
    /** One consultation, photo included, or null. */
    get(id) {
      return run('readonly', (store) => promised(store.get(id))).then((r) => r ?? null);
    },
    remove(id) {
      return run('readwrite', (store) => promised(store.delete(id)));
    },
    clear() {
      return run('readwrite', (store) => promised(store.clear()));
    },
    /** All consultations as one JSON text (pictures inside as data URLs). */
    async exportAll() {
      const all = await run('readonly', (store) => promised(store.getAll()));
      const consultations = [];
      for (const r of all) {
        consultations.push({
          ...checkRecord(r),
          thumbnail: r.thumbnail ? await blobToDataUrl(r.thumbnail) : null,
          photo: r.photo ? await blobToDataUrl(r.photo) : null,
        });
      }
      return JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, consultations });
    },
    /** Adds the consultations in an export's `text`; resolves to `{ added, skipped }`. */
    async importAll(text) {
      let value;
      try {
        value = JSON.parse(text);
      } catch {
        throw new Error('This file is not a consultations file.');
      }
      if (value?.format !== EXPORT_FORMAT || !Array.isArray(value.consultations)) throw new Error('This file is not a consultations file.');
      if (value.version > EXPORT_VERSION) throw new Error('This consultations file is from a newer version of the designer.');
      const records = [];
      let skipped = 0;
      for (const r of value.consultations.slice(0, 10_000)) {
        try {
          records.push({ ...checkRecord(r), thumbnail: r.thumbnail ? dataUrlToBlob(r.thumbnail) : null, photo: r.photo ? dataUrlToBlob(r.photo) : null });
        } catch {
          skipped += 1;
        }
      }
      await run('readwrite', async (store) => { for (const r of records) store.add(r); });
      return { added: records.length, skipped: skipped + Math.max(0, value.consultations.length - 10_000) };
    },
    /** Asks the browser to keep this storage; resolves to true, false (refused) or null (not asked). */
    async persist() {
      if (!storageManager?.persist) return null;
      try {
        return (await storageManager.persisted?.()) || await storageManager.persist();
      } catch {
        return false;
      }
    },
  };
}
