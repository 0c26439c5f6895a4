// What this tab keeps of a client's visit across a reload (sessionStorage: it outlives a
// reload of the tab, no other tab sees it), never a photo: the design made on each photo,
// by the photo's SHA-256 (a reload, or a tablet's browser reloading a tab left in the
// background, gave the template's design back with nothing said), and the consultation's
// typed reference and notes. Nothing with `keep` false (a kiosk, storage-key="none").
// Storage only, no DOM: the app core decides when to keep and bring back.

/** How many photos' work a tab keeps. */
const PHOTO_WORKS_KEPT = 5;

/**
 * Over `tabStorage` (a Web Storage or null) under `storageKey`'s names. Returns
 * `{ photoWork: { waiting, take(digest), keep(digest, design), setAside(digest, design), forget() }, words: { read(), write(words) } }`.
 */
export function createTabKeep({ tabStorage, storageKey, keep }) {
  const store = keep ? tabStorage : null;
  const read = (key) => {
    try {
      return JSON.parse(store?.getItem(key) ?? 'null');
    } catch {
      return null;
    }
  };
  const write = (key, value) => {
    try {
      if (value == null) store?.removeItem(key);
      else store?.setItem(key, JSON.stringify(value));
      return Boolean(store);
    } catch {
      return false; // full or blocked: the design stays on screen
    }
  };

  const WORK_KEY = `${storageKey}.photo-work`;
  const works = () => {
    const list = read(WORK_KEY);
    return Array.isArray(list) ? list.filter((w) => typeof w?.digest === 'string' && w.design && typeof w.design === 'object') : [];
  };
  // Work from before this page's start, not brought back yet: never written over by its
  // photo's opening design (a second reload, or another photo loaded first, lost it).
  const waiting = new Map(works().map((w) => [w.digest, w.design]));
  const photoWork = {
    /** Photos (SHA-256 → design) whose work from before the reload is not brought back yet. */
    waiting,
    /** The design kept for the photo `digest` from before the reload, taken out of waiting, or null. */
    take(digest) {
      const design = waiting.get(digest) ?? null;
      waiting.delete(digest);
      return design;
    },
    /** Keeps `design` as the work on the photo `digest` (not while older work on it waits); whether it was kept. */
    keep(digest, design) {
      if (waiting.has(digest)) return false;
      return write(WORK_KEY, [{ digest, design }, ...works().filter((w) => w.digest !== digest)].slice(0, PHOTO_WORKS_KEPT));
    },
    /**
     * Sets `design` aside as the work on the photo `digest`, waiting for that photo as work
     * from before a reload does (a design file, link or consultation opened over the photo
     * took the screen: the same photo loaded again brings it back).
     */
    setAside(digest, design) {
      waiting.set(digest, design);
      write(WORK_KEY, [{ digest, design }, ...works().filter((w) => w.digest !== digest)].slice(0, PHOTO_WORKS_KEPT));
    },
    /** Forgets the kept work, but what still waits for its photo. */
    forget() {
      const left = works().filter((w) => waiting.has(w.digest));
      write(WORK_KEY, left.length ? left : null);
    },
  };

  const WORDS_KEY = `${storageKey}.consultation-words`;
  const words = {
    /** `{ reference, notes }` typed in this tab before a reload, or null. */
    read() {
      const typed = read(WORDS_KEY);
      return typed && typeof typed.reference === 'string' && typeof typed.notes === 'string' ? typed : null;
    },
    /** Keeps `{ reference, notes }` (empty ones: nothing). */
    write({ reference = '', notes = '' } = {}) {
      write(WORDS_KEY, reference || notes ? { reference: String(reference).slice(0, 200), notes: String(notes).slice(0, 5000) } : null);
    },
  };
  return { photoWork, words };
}
