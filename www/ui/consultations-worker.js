// Moves consultations in and out of this device off the page's thread. The database is
// reached from a worker as from the page.
// - `{ file }` (the File the technician chose; the page never holds its text): reads the
//   text, the JSON and every picture's data URL (decoded into a Blob) and adds the
//   consultations; answers `{ added, skipped }`. A 60 MB file held the page 6.3 s, and
//   10,000 consultations 1.4 s more while they were handed to the page and stored.
// - `{ exportAll: true }`: every consultation as one JSON file, its pictures as data URLs;
//   answers `{ blob }` (a 60 MB photo held the page 1.9 s while it was encoded).
// Any failure answers `{ error }` in the page's words. One request per worker.

import { createConsultations } from '../app/consultations.js';

self.onmessage = async ({ data }) => {
  try {
    const store = createConsultations(self.indexedDB ?? null);
    if (data.exportAll) {
      self.postMessage({ blob: new Blob([await store.exportAll()], { type: 'application/json' }) });
    } else {
      self.postMessage(await store.importAll(await data.file.text()));
    }
  } catch (error) {
    self.postMessage({ error: error?.message ?? 'The consultations could not be read.' });
  }
};
