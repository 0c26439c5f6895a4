// <hairline-designer>: the whole designer as one custom element, for the project's own page
// and for a clinic's: `<script type="module" src=".../hairline-designer.js"></script>` then
// `<hairline-designer design-style="soft"></hairline-designer>`. Each element owns its
// shadow root (markup ui/markup.js, look designer.css), its app (app/core.js: design,
// history, view, autosave under its own storage key) and its views (ui/mount.js), so two
// on one page never share a thing but the wasm engine module, loaded once. This file only
// turns attributes into app actions and app news into events; the conventions follow
// model-viewer: attributes mirrored by properties, a static property for the wasm
// location, `ready` as a promise and an event.

import * as engine from './pkg/hairline.js';
import { compiledEngine, startEngine, startedEngine } from './ui/engine-loader.js';
import { createApp } from './app/core.js';
import { createPageApi } from './app/page-api.js';
import { KEY, createAutosave, watchForCrash } from './app/autosave.js';
import { createConsultations } from './app/consultations.js';
import { decodeDesign, isShareFragment } from './app/share-link.js';
import * as options from './app/embed-options.js';
import { excerpt } from './app/format.js';
import { mountDesigner } from './ui/mount.js';
import { loadPhoto } from './ui/photo.js';
import { DESIGNER_MARKUP } from './ui/markup.js';
import { createKeyScope } from './ui/keyboard-scope.js';
import { createTranslator, MOST_STRING_CHARS, stringTable } from './ui/strings.js';
import { mountReveal } from './ui/reveal.js';
import { mountDemo } from './ui/demo-view.js';
import { afterTask } from './ui/after-task.js';
import { POSTER_ATTRIBUTES, POSTER_FILE, opensOnPoster, pagePoster, showPoster } from './ui/poster.js';
import { indexedDbOrNull, localStorageOrNull, sessionStorageOrNull } from './ui/browser-storage.js';
import { FIT_MARGIN_CSS_PX } from './app/view-actions.js';
import { pageLanguage, watchPageLanguage } from './ui/page-language.js';

/** The attributes whose property, set to the value they hold, applies it again (see `reapplyAttribute`). */
const REAPPLIED = new Set(['preset', 'design-style', 'session', 'age']);
let reapplyAttribute = () => {};

/** Attribute → property name; every one is mirrored. */
const MIRRORED = {
  preset: 'preset', 'design-style': 'designStyle', session: 'session', age: 'age', controls: 'controls',
  theme: 'theme', strings: 'strings', logo: 'logo', reveal: 'reveal', 'storage-key': 'storageKey',
  'idle-timeout': 'idleTimeout',
};

const template = document.createElement('template');
template.innerHTML = DESIGNER_MARKUP;

/**
 * The element's own background as `[r, g, b]` (its theme's --hairline-wash, or what the
 * page set), for the stage around the head; null when it is not an opaque colour (a
 * transparent host keeps the engine's light grey).
 */
function backdropOf(host) {
  const m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)$/.exec(getComputedStyle(host).backgroundColor);
  if (!m || (m[4] !== undefined && Number(m[4]) < 1)) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export class HairlineDesigner extends HTMLElement {
  /** Where the engine's .wasm file is; set before the first element connects (like model-viewer's decoder locations). */
  static wasmLocation = new URL('./pkg/hairline_bg.wasm', import.meta.url).href;
  /** The compiled engine once started (for the engine worker), else null. */
  static get wasmModule() { return compiledEngine(); }
  static stylesheet = new URL('./designer.css', import.meta.url).href;
  static observedAttributes = [...Object.keys(MIRRORED), 'lang', 'demo'];

  #app = null;
  #api = null;
  #mounted = null;
  /** Logo loads started (the `logo` attribute): only the newest may set the logo. */
  #logoLoads = 0;
  #disposers = [];
  #booting = null;
  /** Starts begun; one taken over by a later start (or by a removal) stops at its next step. */
  #boots = 0;
  /** Taken off the page after it started (its calls say so until it is added back and ready). */
  #removed = false;
  #translator = null;
  // The language it speaks, and the watch on the page's lang attributes that keeps it so.
  #spoken = null;
  #language = null;
  #reveal = null;
  #demo = null;
  /** Bad attributes said in this task, shown together (several set at once each had its say). */
  #reports = [];
  /** Bad attributes said before the designer was up, shown when it is. */
  #early = [];
  /** The refusal last shown in the message line (cleared when a later value is taken). */
  #shownReport = null;
  #reporting = false;
  #resolveReady;
  /** The poster (ui/poster.js: `{ shown, remove }`), until the engine's first picture. */
  #poster = null;
  #resolveFirstPicture;
  #rejectFirstPicture;
  #rejectReady;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open', delegatesFocus: false });
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: HairlineDesigner.stylesheet });
    this.styled = new Promise((resolve) => { link.onload = resolve; link.onerror = resolve; });
    shadow.append(link, template.content.cloneNode(true));
    this.#newPromises();
  }

  /** `ready` and `firstPicture` for the next start (a new element, or one added back to a page). */
  #newPromises() {
    /** Resolves with the element when the first picture is painted; rejects if the engine cannot start. */
    this.ready = new Promise((resolve, reject) => { this.#resolveReady = resolve; this.#rejectReady = reject; });
    this.ready.catch(() => {}); // reported as an `error` event and on screen; awaiting it is optional
    /** Resolves with the element once the design's picture is first on screen (its guides follow a frame later); rejects as `ready` does. */
    this.firstPicture = new Promise((resolve, reject) => { this.#resolveFirstPicture = resolve; this.#rejectFirstPicture = reject; });
    this.firstPicture.catch(() => {});
    /** Resolves with the element in the frame that first shows the design's dots: the poster's, else the engine's first picture. */
    this.firstDots = this.firstPicture;
  }

  /**
   * On its first start, a designer about to open the default design shows the poster
   * (ui/poster.js) until the engine's first picture covers it.
   */
  #posterIfDefault() {
    if (!this.#opensOnPoster()) return;
    const stage = this.shadowRoot.getElementById('stage');
    const src = new URL(POSTER_FILE, HairlineDesigner.stylesheet).href;
    this.#poster = showPoster(stage, { src, image: pagePoster(this), marginCssPx: FIT_MARGIN_CSS_PX, firstPicture: this.firstPicture });
    const shown = this.#poster.shown.then(() => this);
    const done = () => { this.#poster = null; };
    this.firstPicture.then(done, done);
    this.firstDots = Promise.race([shown, this.firstPicture]);
    this.firstDots.catch(() => {});
  }

  /** Whether this designer will open with the default design the poster shows (ui/poster.js). */
  #opensOnPoster() {
    let hasSaved = false;
    try {
      const key = options.readStorageKey(this.getAttribute('storage-key'), KEY);
      hasSaved = Boolean(key) && createAutosave(localStorageOrNull(), key, sessionStorageOrNull()).candidates().length > 0;
    } catch {
      /* a bad key keeps nothing: the default design opens */
    }
    const sharedLink = this.#ownsAddress() && isShareFragment(window.location.hash);
    return opensOnPoster({ attribute: (name) => this.getAttribute(name), hasSaved, sharedLink });
  }

  connectedCallback() {
    // A property a page's script set before this element was defined (a module script runs
    // after the page's own: createElement, then `storageKey = 'none'`, then append) sits on
    // the instance and hides the prototype's: it was lost, and with it the clinic's "keep
    // nothing". It is set again through the property, so it reaches its attribute.
    for (const property of Object.values(MIRRORED)) {
      if (!Object.hasOwn(this, property)) continue;
      const value = this[property];
      delete this[property];
      this[property] = value;
    }
    if (!this.#booting && !this.#boots) this.#posterIfDefault();
    this.#booting ??= this.#boot().catch((error) => { if (this.#app || !this.#removed) this.#bootFailed(error); });
    // Moved (disconnected and connected in one task, so kept): into a section of another
    // language it speaks that one, and it hears the lang changes where it is now.
    if (this.#app) {
      this.#language?.rewatch();
      this.#speakPageLanguage();
    }
  }

  disconnectedCallback() {
    // Moving the element (disconnect then connect in one task) keeps it; removing it frees it.
    queueMicrotask(() => { if (!this.isConnected) this.#dispose(); });
  }

  attributeChangedCallback(name, old, value) {
    // Set before the engine is up (the page's `?demo`, a script's preset): the poster goes
    // if the design that opens is no longer its own.
    if (this.#poster && POSTER_ATTRIBUTES.has(name) && !this.#opensOnPoster()) this.#poster.remove();
    if (old === value || !this.#app) return;
    this.#applyAttribute(name, value, { start: false });
  }

  static {
    // A property set to the value its attribute already holds applies it again: after the
    // visitor picked Sharp, a clinic's button setting `designStyle = 'soft'` (the attribute's
    // value still) changed nothing, as the attribute did not change.
    reapplyAttribute = (element, name, value) => {
      if (element.#app && element.getAttribute(name) === value) element.#applyAttribute(name, value, { start: false });
    };
  }

  async #boot() {
    // A start the element outlived (taken off the page meanwhile) stops at its next step:
    // it wrote its failure into the fresh markup and added a second hashchange listener.
    const boot = ++this.#boots;
    const current = () => boot === this.#boots;
    await Promise.all([this.styled, startEngine(HairlineDesigner.wasmLocation)]);
    // A poster on its way gets one frame to be shown (its bytes are usually in by now):
    // from here to the engine's first picture the page's thread has no frame to spare.
    // `shown` resolves in the frame's callbacks, before the browser draws that frame, so the
    // start waits for a task after it: going on at once put the next 100 ms of the start
    // before the poster's frame reached the screen.
    if (this.#poster) {
      await Promise.race([this.#poster.shown, new Promise((ok) => { requestAnimationFrame(ok); })]);
      await new Promise((ok) => { setTimeout(ok, 0); }); // a task after that frame
    }
    if (!current()) return;
    if (!this.isConnected) {
      this.#booting = null; // taken off the page while the engine started: start when added back
      return;
    }
    let storageKey;
    try {
      storageKey = options.readStorageKey(this.getAttribute('storage-key'), KEY);
    } catch (error) {
      this.#report(error.message);
      storageKey = null; // a bad key keeps nothing rather than writing somewhere unexpected
    }
    if (options.readDemo(this.getAttribute('demo'))) storageKey = null; // a kiosk keeps nothing of its visitors
    const app = createApp({
      engine,
      storage: storageKey ? localStorageOrNull() : null,
      tabStorage: storageKey ? sessionStorageOrNull() : null,
      storageKey: storageKey ?? KEY,
      keep: Boolean(storageKey),
      schedule: (fn) => requestAnimationFrame(fn),
      afterTask,
      decodePhoto: loadPhoto,
    });
    this.#app = app;
    app.firstPicture.then(() => this.#resolveFirstPicture(this));
    const root = this.shadowRoot;
    const keys = createKeyScope(document, this);
    const consultations = createConsultations(indexedDbOrNull(), { storageManager: navigator.storage ?? null });
    this.#disposers.push(() => keys.dispose(), watchForCrash(window, () => app.crash()), () => consultations.close());
    this.#mounted = mountDesigner(root, app, {
      keys, host: this, overlay: root.querySelector('.designer'),
      reload: () => window.location.reload(), location: window.location,
      consultations,
      onExport: (detail) => this.#emit('export', detail),
    });
    this.#api = createPageApi(app, this.#mounted.services);
    this.#translator = createTranslator(root);
    this.#reveal = mountReveal(root, this, { onReveal: () => this.#emit('reveal') });
    this.#disposers.push(() => this.#translator.dispose(), () => this.#reveal.dispose());
    this.#disposers.push(app.subscribe((state, changes) => {
      if (changes.has('design')) this.#emit('designchange', { design: state.design });
      if (changes.has('message') && state.message.text && !state.message.info && !this.#reporting) this.#emit('error', { message: state.message.text });
      if (changes.has('crash')) this.#emit('error', { message: 'The designer stopped after an internal error.' });
    }));
    for (const message of this.#early.splice(0)) this.#report(message, { emitted: true });
    // The theme first: it reads the element's computed background, cheap while the layout the
    // views just measured is clean (after the words were translated it forced a style pass
    // of its own, about 8 ms of the first dots).
    for (const name of ['theme', 'lang', 'controls', 'reveal', 'logo']) this.#applyAttribute(name, this.getAttribute(name), { start: true });
    // Without a lang of its own it follows the page's (ui/page-language.js).
    this.#language = watchPageLanguage(this, () => this.#speakPageLanguage());
    this.#disposers.push(() => { this.#language?.dispose(); this.#language = null; });
    // The starting design: a saved one wins over the page's attributes (a reload keeps the visitor's work).
    if (!app.restored) {
      for (const name of ['preset', 'design-style']) this.#applyAttribute(name, this.getAttribute(name), { start: true });
    }
    for (const name of ['session', 'age']) this.#applyAttribute(name, this.getAttribute(name), { start: true });
    this.#applyAttribute('demo', this.getAttribute('demo'), { start: true });
    if (this.#ownsAddress()) {
      await this.#openShareLink();
      if (!current()) return;
      const onHash = () => this.#openShareLink();
      window.addEventListener('hashchange', onHash);
      this.#disposers.push(() => window.removeEventListener('hashchange', onHash));
    }
    const resolveReady = this.#resolveReady;
    await app.ready;
    await this.#mounted.services.overlayDrawn(); // its guides, drawn in a worker where it can
    if (!current()) return;
    resolveReady(this);
    this.#emit('ready');
  }

  /** Speaks the page's language again if it is not the one spoken (a lang changed, or the element moved). */
  #speakPageLanguage() {
    if (!this.#app || pageLanguage(this) === this.#spoken) return;
    this.#applyAttribute('lang', null, { start: false });
  }

  #bootFailed(error) {
    const box = Object.assign(document.createElement('p'), { className: 'boot-failure', role: 'alert' });
    box.textContent = `The designer could not start: ${error?.message ?? error}`;
    this.shadowRoot.querySelector('.designer')?.replaceChildren(box);
    console.error(error);
    this.#rejectReady(error);
    this.#rejectFirstPicture(error);
    this.#emit('error', { message: box.textContent });
  }

  /**
   * Frees the engine and the views (the element was taken off the page). Added back, it
   * starts again on fresh markup, with new `ready` and `firstPicture` promises: it showed its
   * old picture with no handles, and every call failed with "null pointer passed to rust".
   */
  #dispose() {
    this.#poster?.remove();
    this.#demo?.dispose();
    this.#demo = null;
    this.#mounted?.dispose();
    for (const dispose of this.#disposers.splice(0).reverse()) dispose();
    this.#mounted = null;
    this.#api = null;
    const started = Boolean(this.#app);
    this.#app?.dispose();
    this.#app = null;
    this.#boots += 1; // a start still under way stops; added back, the element starts anew
    this.#booting = null;
    if (!started) return;
    this.#removed = true;
    const root = this.shadowRoot;
    root.replaceChildren(root.querySelector('link[rel="stylesheet"]'), template.content.cloneNode(true));
    this.#newPromises();
  }

  /** An attribute's value applied to the app; a bad one is said (message and `error` event) and changes nothing. */
  #applyAttribute(name, value, { start }) {
    const app = this.#app;
    try {
      switch (name) {
        case 'lang':
        case 'strings': {
          const lang = pageLanguage(this);
          this.#spoken = lang;
          app.setLanguage(lang); // (the sentences with figures: the status line, the guides, the handles)
          const { table, refused } = stringTable(lang, this.getAttribute('strings'));
          this.#translator.setTable(table);
          if (refused.length > 0) {
            const names = refused.slice(0, 3).map((key) => `“${excerpt(key, 40)}”`).join(', ');
            const more = refused.length > 3 ? ` and ${refused.length - 3} more` : '';
            this.#report(`strings: ${names}${more} kept the designer's wording: each wording must be text of up to ${MOST_STRING_CHARS} characters.`);
            return;
          }
          break;
        }
        case 'controls': options.readControls(value); break; // designer.css reads the attribute itself
        case 'reveal': {
          const how = value?.trim().toLowerCase() ?? '';
          this.#reveal.set(how === 'interaction');
          // (A misspelt value was taken silently, and the designer took gestures at once.)
          if (!['', 'interaction', 'none'].includes(how)) {
            this.#report(`reveal must be interaction or none, not “${String(value).slice(0, 40)}”: the designer takes gestures at once.`);
            return;
          }
          break;
        }
        case 'logo':
          if (value) this.#loadLogo(value);
          else {
            this.#logoLoads += 1; // a load still on its way no longer applies
            this.#mounted.services.setLogo(null);
          }
          break;
        case 'design-style':
          if (value == null) break;
          if (start) app.startWith({ ...app.getDesign(), style: options.readStyle(value) });
          else app.setField('style', options.readStyle(value));
          break;
        case 'preset': {
          if (value == null) break;
          const name = options.readPreset(value, app.presets.map((p) => p.name));
          if (name === 'thinning-hair') { app.photo.thinning(); break; }
          if (app.state.photo?.loaded) app.photo.template();
          const preset = name === 'template' ? 'bald' : name;
          if (start) app.startWith(engine.presetDesign({ preset, sex: preset.startsWith('ludwig') ? 'female' : 'male' }));
          else app.setHead({ preset });
          break;
        }
        case 'session':
        case 'age': {
          if (value == null) break;
          const most = app.limits.sessions.max;
          const session = name === 'session' ? options.readSession(value, most) : app.state.stage.session;
          const age = name === 'age' ? options.readAge(value) : app.state.stage.age;
          app.setStage({ session, age });
          // Past the plan's sessions the last is shown: said (session="4" on a 3-session plan
          // showed session 3 without a word, though "7" is refused as past 4).
          const planned = app.state.shown?.sessions ?? session;
          if (name === 'session' && session > planned) {
            this.#report(`This plan has ${planned} sessions: session="${session}" shows the last, session ${planned}.`);
            return;
          }
          break;
        }
        case 'demo':
        case 'idle-timeout': {
          const on = options.readDemo(this.getAttribute('demo'));
          // A bad idle time is said, and the screen runs on the default one: a kiosk left
          // showing a refusal and no attract loop helps no one.
          let idleSeconds = options.IDLE_DEFAULT_S;
          let refused = null;
          try {
            idleSeconds = options.readIdleSeconds(this.getAttribute('idle-timeout'));
          } catch (error) {
            refused = `${error.message.replace(/\.$/, '')}: the default, ${options.IDLE_DEFAULT_S} s, is used.`;
          }
          if (name === 'idle-timeout' && !this.#demo) {
            if (refused && !on) this.#report(refused); // (with demo on, its own turn says it)
            break;
          }
          this.#demo?.dispose();
          this.#demo = on ? mountDemo(this.shadowRoot, this, app, { line: engine.defaultDesign().hairline, idleSeconds }) : null;
          if (refused) this.#report(refused);
          break;
        }
        case 'theme':
          // (The stylesheet reads it: "dark", or the light theme for anything else, said.)
          // The stage around the head takes the theme's background (--hairline-wash).
          app.setBackdrop(backdropOf(this));
          if (value != null && !['', 'light', 'dark'].includes(value.trim().toLowerCase())) {
            this.#report(`theme must be light or dark, not “${String(value).slice(0, 40)}”: the light theme is used.`);
            return;
          }
          break;
        case 'storage-key':
          // Read once, when the designer starts: a change later moved nothing and said nothing.
          if (!start) {
            this.#report('storage-key is read when the designer starts on a page: set it before adding the designer (this change is not used).');
            return;
          }
          break;
        default: break;
      }
      // A value taken: a refusal of an earlier one is no longer news ("age must be…" stayed
      // on screen over the stage the next, good value showed).
      if (!start && this.#shownReport && app?.state.message.text === this.#shownReport) app.showMessage('');
    } catch (error) {
      this.#report(error.message);
    }
  }

  #loadLogo(url) {
    // Exports wait for this: one asked for while the logo still loads carries it too. Only
    // the newest value of the attribute may set the logo, and a server that never answers
    // holds exports back for 10 s at most.
    const load = ++this.#logoLoads;
    this.#mounted?.services.loadingLogo((async () => {
      try {
        // Only from the page's own site (or a data: URL): the designer makes no request to
        // another origin, and a javascript: URL was handed to fetch (a console error).
        const at = new URL(url, document.baseURI);
        if (at.origin !== window.location.origin && at.protocol !== 'data:') throw new Error('another origin');
        const response = await fetch(at, { signal: AbortSignal.timeout(10_000) });
        if (!response.ok) throw new Error(String(response.status));
        const bitmap = await createImageBitmap(await response.blob());
        if (load === this.#logoLoads) this.#mounted?.services.setLogo(bitmap);
      } catch {
        if (load === this.#logoLoads) this.#report('The logo attribute does not point to a picture this page can load (PNG, JPEG or WebP on this site).');
      }
    })());
  }

  /** The first designer on a page answers the page's share links (`#d1.…`). */
  #ownsAddress() {
    return document.querySelector('hairline-designer') === this;
  }

  async #openShareLink() {
    if (!isShareFragment(window.location.hash)) return;
    try {
      const design = await decodeDesign(window.location.hash);
      const said = this.#app?.state.message;
      if (this.#app?.openDesign(design, 'This share link')) {
        window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
        // Said, as a consultation's opening is: the one who got the link saw a design and
        // no word that it was the one sent (not over what opening it said itself).
        if (!this.#app.state.message.text || this.#app.state.message.text === said?.text) this.#app.showMessage('Opened the design from the shared link.', { info: true });
      }
    } catch (error) {
      this.#app?.showMessage(`${error.message} Your current design is kept.`);
    }
  }

  /**
   * Says a bad attribute: an `error` event for each, and on screen all of those set in one
   * task together (a page that sets several bad ones at once saw only the last).
   */
  #report(message, { emitted = false } = {}) {
    if (!emitted) this.#emit('error', { message });
    if (!this.#app) {
      // Said before the designer is up (a bad storage-key is read first): shown once it is,
      // as the README promises (it was an `error` event only).
      this.#early.push(message);
      return;
    }
    this.#reports.push(message);
    if (this.#reports.length > 1) return;
    queueMicrotask(() => {
      const all = this.#reports.splice(0);
      this.#reporting = true;
      try {
        this.#shownReport = all.join(' ');
        this.#app?.showMessage(this.#shownReport);
      } finally {
        this.#reporting = false;
      }
    });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // The page API (app/page-api.js has each one's contract), once `ready`.
  getDesign(...args) { return this.#call('getDesign', args); }
  setDesign(...args) { return this.#call('setDesign', args); }
  toScreen(...args) { return this.#call('toScreen', args); }
  toDesign(...args) { return this.#call('toDesign', args); }
  stats(...args) { return this.#call('stats', args); }
  undo(...args) { return this.#call('undo', args); }
  redo(...args) { return this.#call('redo', args); }
  handles(...args) { return this.#call('handles', args); }
  view(...args) { return this.#call('view', args); }
  stage(...args) { return this.#call('stage', args); }
  setStage(...args) { return this.#call('setStage', args); }
  exportPNG(...args) { return this.#call('exportPNG', args); }
  shareLink(...args) { return this.#call('shareLink', args); }
  loadFile(...args) { return this.#call('loadFile', args); }
  plan(...args) { return this.#call('plan', args); }
  settled(...args) { return this.#call('settled', args); }

  /**
   * What the designers of this page hold in memory, for a kiosk's long-run watch:
   * `{ jsHeapBytes, wasmBytes, wasmInUseBytes, wasmSpareBytes, wasmPeakBytes }`: the JS
   * heap where the browser tells it (else null); the engine's wasm memory, a high-water
   * mark that never shrinks; the bytes the engine holds in it now (less the spare, the
   * figure that shows a leak); of those, the buffers kept for reuse (spare frames, at
   * most two a designer, drawing scratch, at most about 2 MB each, and the kernel tables,
   * at most 4 MB); and the most bytes it held at once since the last reading
   * (what the memory had to make room for: the busiest moment, a photo being loaded);
   * and `wasmTakenBytes`, `[small, large]`: the memory each of the engine's two heaps has
   * taken (blocks of 256 KB and more, photos and frames, are kept apart from small objects
   * so that a freed photo's room stays whole for the next: src/web/memory.rs).
   */
  memoryUse() {
    const wasmExports = startedEngine();
    const wasmPeakBytes = wasmExports ? engine.heapPeak() : null;
    if (wasmExports) engine.resetHeapPeak();
    return {
      jsHeapBytes: globalThis.performance?.memory?.usedJSHeapSize ?? null,
      wasmBytes: wasmExports?.memory?.buffer.byteLength ?? null,
      wasmInUseBytes: wasmExports ? engine.heapInUse() : null,
      wasmSpareBytes: wasmExports ? engine.heapSpare() : null,
      wasmPeakBytes,
      wasmTakenBytes: wasmExports ? [...engine.heapTaken()] : null,
    };
  }

  /** The demo's state: `{ mode: "attract" | "visitor", scene }`, or null when not a demo. */
  demoState() {
    return this.#demo ? { mode: this.#demo.mode, scene: this.#demo.scene } : null;
  }

  /** The page API's method `name`, once ready. */
  #call(name, args) {
    if (!this.#api) {
      throw new Error(this.#removed && !this.isConnected
        ? 'This designer was taken off the page: add it back and await its ready promise first.'
        : 'The designer is still starting: await its ready promise first.');
    }
    return this.#api[name](...args);
  }
}

for (const [attribute, property] of Object.entries(MIRRORED)) {
  Object.defineProperty(HairlineDesigner.prototype, property, {
    get() { return this.getAttribute(attribute); },
    set(value) {
      if (value == null) this.removeAttribute(attribute);
      else if (this.getAttribute(attribute) === String(value) && REAPPLIED.has(attribute)) reapplyAttribute(this, attribute, String(value));
      else this.setAttribute(attribute, String(value));
    },
    configurable: true,
    enumerable: true,
  });
}

if (!customElements.get('hairline-designer')) customElements.define('hairline-designer', HairlineDesigner);
