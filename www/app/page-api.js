// The designer's scripting API (`window.hairline` on the page): the same actions a person
// has, for tests, kiosks and a clinic's own scripts. A thin layer over one app; what it
// needs from the page (where the canvas is, pictures, files, links) comes in as services.

import * as viewport from './viewport.js';
import { localDay } from './format.js';

/** The plan's context: what the caller gave, else today, the skin and hair the page shows. */
export function planContext(app, { client_reference = null, date = null, fitzpatrick = null, hair_colour = null } = {}) {
  const photo = app.state.photo;
  return {
    client_reference,
    date: date ?? localDay(),
    fitzpatrick: fitzpatrick ?? photo?.fitz ?? null,
    hair_colour: hair_colour ?? photo?.hair ?? null,
  };
}

/**
 * The API over `app`. `services`: `canvasRect()` the canvas's client rect,
 * `exportPicture(options)` → Promise<Blob>, `loadFile(file)` → Promise, `shareLink()` →
 * Promise<string>, `overlayDrawn()` → Promise once the guides show what was last asked.
 */
export function createPageApi(app, { canvasRect, exportPicture, loadFile, shareLink, overlayDrawn = async () => {} }) {
  return {
    ready: app.ready,
    /** Resolves once the design's picture is first on the canvas (`ready`: with its guides). */
    firstPicture: app.firstPicture,
    /**
     * Resolves once the picture on the canvas shows the design and view as they are now (a
     * whole repaint can take several frames on a slow device; tests and kiosks wait on it).
     */
    settled: () => app.settled().then(() => overlayDrawn()),
    getDesign: () => app.getDesign(),
    /**
     * Validates and applies `design` (one undo step; its `px_per_mm` recalibrates a loaded
     * photo in the same step); throws an Error with the engine's message, changing nothing.
     */
    setDesign: (design) => app.setDesign(design),
    /** Design mm → client (CSS) px under the current view. */
    toScreen: (p) => viewport.toClient(app.state.view, canvasRect(), p),
    /** Client (CSS) px → design mm under the current view. */
    toDesign: (p) => viewport.toDesign(app.state.view, canvasRect(), p),
    stats: () => {
      const { dots, area_cm2, density_per_cm2, warnings } = app.stats();
      return { dots, area_cm2, density_per_cm2, warnings };
    },
    /**
     * The treatment plan (see README): for the client reference and date given, the skin and
     * hair colour the page shows; throws in plain words on a bad date or reference.
     */
    plan: (context = {}) => app.plan(planContext(app, context)),
    /** Steps back one edit; returns whether there was one. */
    undo: () => app.undo(),
    /** Steps forward one undone edit; returns whether there was one. */
    redo: () => app.redo(),
    /** The handles (mm) shaping the hairline, left to right. */
    handles: () => app.state.handles.map((p) => [...p]),
    /** The current view `{ pxPerMm, offsetX, offsetY, ratio }` (canvas device px). */
    view: () => ({ ...app.state.view }),
    /** The moment shown: `{ session, sessions, age, label, dots }` (`dots`: the impressions laid by then). */
    stage: () => app.getStage(),
    /**
     * Shows the treatment after `session` (0: before; default the plan's last) at `age`
     * ("fresh", "healed" or a number of years 0–10); throws on an unknown age, changing nothing.
     */
    /**
     * A PNG of the design (`kind` "after", "before" or "both"; `width` px 320–4096; optional
     * `caption`), the design embedded; resolves to a Blob.
     */
    exportPNG: (options = {}) => exportPicture(options),
    /** A link that opens this design (in its fragment, never sent to a server); resolves to the URL. */
    shareLink: () => shareLink(),
    /**
     * Opens a File: a design file or exported picture reopens its design, another image
     * becomes the photo. Resolves to "design", "photo" or null (refused, with a message).
     */
    loadFile: (file) => loadFile(file),
    setStage(stage = {}) {
      // (null threw a bare TypeError, and "x" was taken as an empty change, without a word.)
      if (stage === null || typeof stage !== 'object' || Array.isArray(stage)) {
        throw new Error('stage: give the moment as { session, age }, e.g. { session: 3, age: "healed" }');
      }
      const { session = app.state.stage.session, age = app.state.stage.age } = stage;
      const s = Number(session);
      const most = app.limits.sessions.max;
      if (!Number.isInteger(s) || s < 0 || s > most) throw new Error(`stage: session must be a whole number from 0 (before) to ${most}, got ${String(session).slice(0, 40)}`);
      app.setStage({ session: s, age: String(age) }); // throws on a bad age before anything changes
    },
  };
}
