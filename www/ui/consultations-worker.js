// Imports a consultations file off the page's thread: reads the text, the JSON and every
// picture's data URL (decoded into a Blob) and adds the consultations to this device's
// database, which a worker reaches as the page does (a 60 MB file held the page 6.3 s, and
// 10,000 consultations 1.4 s more while they were handed to the page and stored). Takes
// `{ file }` (the File the technician chose; the page never holds its text) and answers
// `{ added, skipped }` or `{ error }` in the page's words. One file per worker.

import { createConsultations } from '../app/consultations.js';

self.onmessage = async ({ data }) => {
  try {
    self.postMessage(await createConsultations(self.indexedDB ?? null).importAll(await data.file.text()));
  } catch (error) {
    self.postMessage({ error: error?.message ?? 'This file is not a consultations file.' });
  }
};
