// Consultations kept on this device, in the browser's own database (IndexedDB): the client
// reference, notes, the design, a small before/after picture and, only when the technician
// ticks it, the photo. Nothing is uploaded. Search by reference or notes, reopen, delete,
// and move them all to another tablet as one file. Every failure (storage full, blocked,
// private mode) comes back as a short message; nothing on screen is touched here.

const DB_NAME = 'hairline-consultations';
/** 2: the list's own store of small summaries beside the whole records. */
const DB_VERSION = 2;
const STORE = 'consultations';
/** What the list shows of each consultation, under the same id: no design, no photo. */
const SUMMARIES = 'summaries';
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

/**
 * The picture in a data URL as a Blob. Decoded into one typed array by a plain loop:
 * `Uint8Array.from(atob(…), callback)` called a function per byte, seconds for a photo.
 */
function dataUrlToBlob(url) {
  const text = String(url);
  const comma = text.indexOf(',');
  const head = /^data:([\w/+.-]*);base64$/.exec(text.slice(0, comma));
  if (comma < 0 || !head) throw new Error('bad picture');
  let binary;
  try {
    binary = atob(text.slice(comma + 1)); // (refuses anything but base64)
  } catch {
    throw new Error('bad picture');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: head[1] });
}

/** What the list shows of stored record `r`. */
function summaryOf(r) {
  return { id: r.id, reference: r.reference, notes: r.notes, savedAt: r.savedAt, hasPhoto: Boolean(r.photo), thumbnail: r.thumbnail ?? null };
}

/** Adds checked record `r` and its summary (in `stores`' transaction); resolves to its id. */
async function addRecord(stores, r) {
  const id = await promised(stores.records.add(r));
  await promised(stores.summaries.put(summaryOf({ ...r, id })));
  return id;
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

/** Most consultations one file may bring (the rest are counted as left out). */
export const MAX_IMPORTED = 10_000;

/**
 * The consultations in an export's `text`, checked, their pictures as Blobs: `{ records,
 * skipped }`. Throws a short message when the text is not such a file. Pure (no storage).
 */
export function readConsultationsFile(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('This file is not a consultations file.');
  }
  if (value?.format !== EXPORT_FORMAT || !Array.isArray(value.consultations)) throw new Error('This file is not a consultations file.');
  if (value.version > EXPORT_VERSION) throw new Error('This consultations file is from a newer version of the designer.');
  const records = [];
  let skipped = Math.max(0, value.consultations.length - MAX_IMPORTED);
  for (const r of value.consultations.slice(0, MAX_IMPORTED)) {
    try {
      records.push({ ...checkRecord(r), thumbnail: r.thumbnail ? dataUrlToBlob(r.thumbnail) : null, photo: r.photo ? dataUrlToBlob(r.photo) : null });
    } catch {
      skipped += 1;
    }
  }
  return { records, skipped };
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
  let closed = false; // closed(): the designer was taken off the page, nothing opens again
  const open = () => {
    if (!indexedDB || closed) return Promise.reject(new Error(UNAVAILABLE));
    opening ??= new Promise((ok, fail) => {
      let request;
      try {
        request = indexedDB.open(DB_NAME, DB_VERSION);
      } catch {
        fail(new Error(UNAVAILABLE));
        return;
      }
      request.onupgradeneeded = (event) => {
        const db = request.result;
        if (event.oldVersion < 1) db.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
        if (event.oldVersion < 2) {
          // The list's own store, filled from what an earlier version kept.
          const summaries = db.createObjectStore(SUMMARIES, { keyPath: 'id' });
          request.transaction.objectStore(STORE).openCursor().onsuccess = ({ target }) => {
            const cursor = target.result;
            if (!cursor) return;
            summaries.put(summaryOf(cursor.value));
            cursor.continue();
          };
        }
      };
      request.onsuccess = () => {
        const db = request.result;
        // Another tab's newer designer upgrading the database: this one lets go (it would
        // block it) and opens again when next asked.
        db.onversionchange = () => { db.close(); opening = null; };
        ok(db);
      };
      request.onerror = () => fail(new Error(UNAVAILABLE));
      request.onblocked = () => fail(new Error(UNAVAILABLE));
    }).catch((error) => { opening = null; throw error; });
    return opening;
  };
  /** Runs `fn({ records, summaries })` in one transaction over both stores. */
  const run = async (mode, fn) => {
    const db = await open();
    try {
      const tx = db.transaction([STORE, SUMMARIES], mode);
      const result = await fn({ records: tx.objectStore(STORE), summaries: tx.objectStore(SUMMARIES) });
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
      return run('readwrite', async (stores) => {
        // (Found through the list's store: the whole records, designs and photos, are read
        // only for the two that can matter.)
        const summaries = await promised(stores.summaries.getAll());
        const newest = summaries
          .filter((r) => r.reference === clean.reference)
          .sort((a, b) => b.savedAt.localeCompare(a.savedAt) || b.id - a.id)[0];
        const last = newest ? await promised(stores.records.get(newest.id)) : null;
        if (last && last.notes === clean.notes && JSON.stringify(last.design) === JSON.stringify(clean.design) && samePhoto(last.photo, clean.photo) && (last.photoDigest ?? null) === clean.photoDigest && JSON.stringify(last.stage ?? null) === JSON.stringify(clean.stage)) {
          return { id: last.id, unchanged: true, updated: false };
        }
        const replaced = Number.isInteger(record.replaces) ? await promised(stores.records.get(record.replaces)) : null;
        if (replaced && replaced.reference === clean.reference && (replaced.photoDigest ?? null) === clean.photoDigest) {
          const kept = { ...clean, id: replaced.id };
          await promised(stores.records.put(kept));
          await promised(stores.summaries.put(summaryOf(kept)));
          return { id: replaced.id, unchanged: false, updated: true };
        }
        return { id: await addRecord(stores, clean), unchanged: false, updated: false };
      });
    },
    /**
     * The consultations whose reference or notes contain `query` (any case), newest first:
     * `{ id, reference, notes, savedAt, hasPhoto, thumbnail }`, read from the list's own
     * store (with 10,000 kept, reading every whole record held the page 2.2 s a letter).
     */
    async list(query = '') {
      const all = await run('readonly', (stores) => promised(stores.summaries.getAll()));
      const q = String(query).trim().toLowerCase();
      return all
        .filter((r) => !q || r.reference.toLowerCase().includes(q) || r.notes.toLowerCase().includes(q))
        .sort((a, b) => b.savedAt.localeCompare(a.savedAt) || b.id - a.id);
    },
    /** One consultation, photo included, or null. */
    get(id) {
      return run('readonly', (stores) => promised(stores.records.get(id))).then((r) => r ?? null);
    },
    remove(id) {
      return run('readwrite', async (stores) => {
        await promised(stores.records.delete(id));
        await promised(stores.summaries.delete(id));
      });
    },
    clear() {
      return run('readwrite', async (stores) => {
        await promised(stores.records.clear());
        await promised(stores.summaries.clear());
      });
    },
    /** All consultations as one JSON text (pictures inside as data URLs). */
    async exportAll() {
      const all = await run('readonly', (stores) => promised(stores.records.getAll()));
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
    /**
     * Adds the consultations in an export's `text`; resolves to `{ added, skipped }`. (The
     * page runs it in a worker, ui/consultations-worker.js: a 60 MB file held the page 6.3 s.)
     */
    async importAll(text) {
      const { records, skipped } = readConsultationsFile(text);
      await run('readwrite', (stores) => Promise.all(records.map((r) => addRecord(stores, r))));
      return { added: records.length, skipped };
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
    /**
     * Lets go of the database (a designer taken off the page): an open connection is a
     * pending activity the browser keeps alive, and with it every closure of this store
     * and the connection itself; a clinic's page that added and removed designers kept one
     * of each per designer (found by the soak's heap snapshots). A call still under way,
     * or a later one, is refused, not given a new connection that nothing would close.
     */
    close() {
      closed = true;
      const was = opening;
      opening = null;
      was?.then((db) => db.close(), () => {});
    },
  };
}
