// The hair-loss picker as a view: a strip of pictures of the template head, one per preset
// (the engine paints each: remaining hair buzzed, on the chosen skin), that a client on a
// phone recognises without knowing the Norwood numbers; one tap starts from that head (one
// undo step). Front / From above switches the view (the crown, where vertex loss shows);
// Man/Woman and the panel's skin and hair colour re-paint the head. For a woman, "Long
// hair" shows the Ludwig patterns with long hair instead of buzzed (the engine's thinning
// head of that grade, a generated photo, density-only): Ludwig II with long hair is the
// "template with thinning hair". The pictures are painted one per frame, so opening the
// page never blocks for long.

import { createListeners } from './listeners.js';
import { setAttr, setHidden, setText } from './dom-write.js';
import { presentedCanvas } from './presented-canvas.js';

const THUMB = { width: 96, height: 124 };

/**
 * When the next preset picture is painted: once the page is idle, or within 2 s (each is a
 * canvas for the browser to take in: painted one a frame from the first picture on, they
 * fell in the frames of a drag or a pinch begun at once, issue 12).
 */
const whenIdle = (fn) => (typeof requestIdleCallback === 'function'
  ? requestIdleCallback(() => fn(), { timeout: 2000 })
  : requestAnimationFrame(fn));

/** Mounts on the #head-group controls under `root`. */
export function mountPresetPicker(root, app, { schedule = whenIdle } = {}) {
  const $ = (id) => root.getElementById(id);
  const strip = $('presets');
  // The title and the description in two text nodes, each its own key for the translator
  // (as one "Ludwig III: Marked thinning …" the Spanish page showed it in English).
  const title = $('preset-title');
  const words = $('preset-words');
  const hair = $('hair-colour');
  const skin = $('skin-type');
  const lengths = $('hair-length');
  const listeners = createListeners();
  const longHair = () => Boolean(app.state.photo?.ludwig);
  /** The Ludwig grade of `preset` (1–3), or 2 for any other. */
  const ludwigOf = (preset) => Number(/^ludwig-([123])$/.exec(preset ?? '')?.[1] ?? 2);
  /** From the long-haired head back to the template, on `preset` (the client's choices kept). */
  const toTemplate = (preset) => app.fromLongHair({ preset });
  /** A tap on a preset: with long hair a Ludwig grade stays long, any other goes short. */
  const choose = (name) => {
    if (!longHair()) app.setHead({ preset: name });
    else if (/^ludwig-/.test(name)) app.photo.thinning(ludwigOf(name));
    else toTemplate(name);
  };
  const cards = new Map(); // name → { button, canvas, painted }
  const doc = strip.ownerDocument;

  for (const preset of app.presets) {
    const button = Object.assign(doc.createElement('button'), { type: 'button', className: 'preset' });
    button.setAttribute('role', 'radio');
    button.dataset.preset = preset.name;
    button.title = preset.description;
    const canvas = Object.assign(doc.createElement('canvas'), THUMB);
    canvas.setAttribute('aria-hidden', 'true');
    const title = Object.assign(doc.createElement('span'), { textContent: preset.title });
    button.append(canvas, title);
    strip.append(button);
    cards.set(preset.name, { button, canvas, painted: null });
    listeners.listen(button, 'click', () => choose(preset.name));
  }
  // One tab stop for the strip, arrow keys between its cards (a radio group; it was 13 tab
  // stops): an arrow chooses the card it lands on, as radios do.
  listeners.listen(strip, 'keydown', (e) => {
    const names = [...cards.keys()];
    const at = names.indexOf(e.target?.dataset?.preset);
    if (at < 0) return;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? names.length - 1 : step ? (at + step + names.length) % names.length : -1;
    if (to < 0) return;
    e.preventDefault();
    cards.get(names[to]).button.focus();
    choose(names[to]);
  });
  for (const input of root.querySelectorAll('input[name="hair-length"]')) {
    listeners.listen(input, 'change', () => {
      if (!input.checked) return;
      if (input.value === 'long') app.photo.thinning(ludwigOf(app.state.design.head?.preset));
      else toTemplate(`ludwig-${app.state.photo?.ludwig ?? 2}`);
    });
  }
  // Man or Woman, Front or From above: the long-haired head is a woman's from the front, so
  // either change goes back to the template, on the same Ludwig grade.
  const change = (what) => {
    if (!longHair()) { app.setHead(what); return; }
    app.fromLongHair(what);
  };
  for (const input of root.querySelectorAll('input[name="head-sex"]')) {
    listeners.listen(input, 'change', () => { if (input.checked) change({ sex: input.value }); });
  }
  for (const input of root.querySelectorAll('input[name="head-view"]')) {
    listeners.listen(input, 'change', () => { if (input.checked) change({ view: input.value }); });
  }
  // The panel's hair and skin choices are the template head's too (on a photo they only
  // set the pigment advice; the photo panel handles that).
  listeners.listen(hair, 'change', () => app.setHead({ hair: hair.value }));
  listeners.listen(skin, 'change', () => app.setHead({ skin: Number(skin.value) }));

  // Pictures are painted lazily, one at a time (by the engine worker when there is one, see
  // app.paintHead), whenever the skin, hair, view or sex they show changes. Each shows the
  // head a tap gives: the chosen sex (a woman's own head), and a woman for the Ludwig
  // presets, which are women's patterns.
  let queued = false;
  let disposed = false;
  const paintNext = async () => {
    queued = false;
    if (disposed) return;
    const head = app.state.design.head ?? {};
    const sex = head.sex ?? 'male';
    const look = `${head.skin ?? 2}/${head.hair ?? 'dark-brown'}/${head.view ?? 'front'}/${sex}`;
    for (const [name, card] of cards) {
      if (card.painted === look) continue;
      card.painted = look;
      queued = true;
      try {
        // Shown only when painted: a dozen drawn canvases were each copied for the
        // compositor at every frame of a drag (presented-canvas.js, issue 12).
        card.picture ??= presentedCanvas(card.canvas);
        await app.paintHead(card.picture.context, { preset: name, view: head.view ?? 'front', sex: /^ludwig/.test(name) ? 'female' : sex, skin: head.skin ?? 2, hair: head.hair ?? 'dark-brown' });
        if (!disposed) card.picture.present();
      } catch {
        /* a picture is decoration: the title still says what the preset is */
      }
      if (!disposed) schedule(paintNext);
      return;
    }
  };
  const show = (state, changes) => {
    if (!changes.has('design') && !changes.has('photo') && !changes.has('stats')) return;
    const long = Boolean(state.photo?.ludwig);
    const head = long ? { preset: `ludwig-${state.photo.ludwig}`, sex: 'female' } : (state.design.head ?? { preset: 'bald', sex: 'male' });
    const current = head.preset ?? 'bald';
    for (const [name, card] of cards) {
      setAttr(card.button, 'aria-checked', String(name === current));
      const stop = name === current ? '0' : '-1';
      if (card.button.getAttribute('tabindex') !== stop) card.button.setAttribute('tabindex', stop);
    }
    for (const input of root.querySelectorAll('input[name="head-sex"]')) input.checked = input.value === (head.sex ?? 'male');
    for (const input of root.querySelectorAll('input[name="head-view"]')) input.checked = input.value === (head.view ?? 'front');
    const preset = app.presets.find((p) => p.name === current);
    setText(title, preset?.title ?? '');
    setText(words, preset?.description ?? '');
    setHidden(words.parentElement, !preset);
    for (const input of root.querySelectorAll('input[name="hair-length"]')) input.checked = input.value === (long ? 'long' : 'short');
    setHidden(lengths, (head.sex ?? 'male') !== 'female');
    // A client's own photo switches the strip off; the long-haired head is one of its presets.
    const onPhoto = Boolean(state.photo?.loaded) && !long;
    if (!onPhoto && !long && changes.has('design')) {
      // An undo can change the head's skin or hair: the selects and the pigment advice follow.
      const hairNow = head.hair ?? 'dark-brown';
      const skinNow = head.skin ?? 2;
      if (hair.value !== hairNow) { hair.value = hairNow; app.photo.setHair(hairNow); }
      if (skin.value !== String(skinNow)) { skin.value = String(skinNow); app.photo.setSkin(skinNow); }
    }
    strip.toggleAttribute('inert', onPhoto);
    strip.classList.toggle('off', onPhoto);
    if (!queued) { queued = true; started.then(() => { if (!disposed) schedule(paintNext); }); }
  };
  // The design's own picture first (issue 12: first dots): the pictures start once it and
  // its guides are on screen. (Before, a designer removed right after `ready` could have
  // started a worker for them that it then stopped while it loaded.)
  const started = app.ready ?? Promise.resolve();
  const unsubscribe = app.subscribe(show);
  show(app.state, new Set(['design']));
  return { dispose() { disposed = true; unsubscribe(); listeners.removeAll(); } };
}
