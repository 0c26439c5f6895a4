// The hair-loss picker as a view: a strip of pictures of the template head, one per preset
// (the engine paints each: remaining hair buzzed, on the chosen skin), that a client on a
// phone recognises without knowing the Norwood numbers; one tap starts from that head (one
// undo step). Front / From above switches the view (the crown, where vertex loss shows);
// Man/Woman and the panel's skin and hair colour re-paint the head. The
// pictures are painted one per frame, so opening the page never blocks for long.

import { createListeners } from './listeners.js';

const THUMB = { width: 96, height: 124 };

/** Mounts on the #head-group controls under `root`. */
export function mountPresetPicker(root, app, { schedule = (fn) => requestAnimationFrame(fn) } = {}) {
  const $ = (id) => root.getElementById(id);
  const strip = $('presets');
  const words = $('preset-words');
  const hair = $('hair-colour');
  const skin = $('skin-type');
  const listeners = createListeners();
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
    listeners.listen(button, 'click', () => app.setHead({ preset: preset.name }));
  }
  for (const input of root.querySelectorAll('input[name="head-sex"]')) {
    listeners.listen(input, 'change', () => { if (input.checked) app.setHead({ sex: input.value }); });
  }
  for (const input of root.querySelectorAll('input[name="head-view"]')) {
    listeners.listen(input, 'change', () => { if (input.checked) app.setHead({ view: input.value }); });
  }
  // The panel's hair and skin choices are the template head's too (on a photo they only
  // set the pigment advice; the photo panel handles that).
  listeners.listen(hair, 'change', () => app.setHead({ hair: hair.value }));
  listeners.listen(skin, 'change', () => app.setHead({ skin: Number(skin.value) }));

  // Pictures are painted lazily, one per frame, whenever the skin or hair they show changes.
  let queued = false;
  const paintNext = () => {
    queued = false;
    const head = app.state.design.head ?? {};
    const look = `${head.skin ?? 2}/${head.hair ?? 'dark-brown'}/${head.view ?? 'front'}`;
    for (const [name, card] of cards) {
      if (card.painted === look) continue;
      try {
        app.paintHead(card.canvas.getContext('2d'), { preset: name, view: head.view ?? 'front', sex: /^ludwig/.test(name) ? 'female' : 'male', skin: head.skin ?? 2, hair: head.hair ?? 'dark-brown' });
      } catch {
        /* a picture is decoration: the title still says what the preset is */
      }
      card.painted = look;
      queued = true;
      schedule(paintNext);
      return;
    }
  };
  const show = (state, changes) => {
    if (!changes.has('design') && !changes.has('photo') && !changes.has('stats')) return;
    const head = state.design.head ?? { preset: 'bald', sex: 'male' };
    const current = head.preset ?? 'bald';
    for (const [name, card] of cards) card.button.setAttribute('aria-checked', String(name === current));
    for (const input of root.querySelectorAll('input[name="head-sex"]')) input.checked = input.value === (head.sex ?? 'male');
    for (const input of root.querySelectorAll('input[name="head-view"]')) input.checked = input.value === (head.view ?? 'front');
    const preset = app.presets.find((p) => p.name === current);
    words.textContent = preset ? `${preset.title}: ${preset.description}` : '';
    const onPhoto = Boolean(state.photo?.loaded);
    if (!onPhoto && changes.has('design')) {
      // An undo can change the head's skin or hair: the selects and the pigment advice follow.
      const hairNow = head.hair ?? 'dark-brown';
      const skinNow = head.skin ?? 2;
      if (hair.value !== hairNow) { hair.value = hairNow; app.photo.setHair(hairNow); }
      if (skin.value !== String(skinNow)) { skin.value = String(skinNow); app.photo.setSkin(skinNow); }
    }
    strip.toggleAttribute('inert', onPhoto);
    strip.classList.toggle('off', onPhoto);
    if (!queued) { queued = true; schedule(paintNext); }
  };
  const unsubscribe = app.subscribe(show);
  show(app.state, new Set(['design']));
  return { dispose() { unsubscribe(); listeners.removeAll(); } };
}
