// Writes to the DOM that happen only when the value shown changes. The views show the
// app's state on every change of it (a handle drag notifies them about sixty times a
// second), and the browser treats even a write of the same text, `hidden` or attribute as
// a change: the element's style, and for text its layout, are worked out again, and the
// next canvas text or box measure waits for that (issue 12: on a phone at 4× CPU, about
// 8 ms of every handle-drag frame went to style and layout of panels that looked the same).

/** Sets `el`'s text if it differs. */
export function setText(el, text) {
  if (el && el.textContent !== text) el.textContent = text;
}

/** Sets `el.hidden` if it differs. */
export function setHidden(el, hidden) {
  if (el && el.hidden !== Boolean(hidden)) el.hidden = Boolean(hidden);
}

/** Sets attribute `name` of `el` to `value` if it differs. */
export function setAttr(el, name, value) {
  if (el && el.getAttribute(name) !== value) el.setAttribute(name, value);
}

// The transform last written to each element, as written: the browser reads a transform back
// in its own spelling ("12px" for "12.0px", which would never equal ours), and reading it is
// itself work. Every transform in the views goes through here.
const transforms = new WeakMap();

/** Sets `el`'s CSS transform if it differs from the one last set here. */
export function setTransform(el, css) {
  if (!el || transforms.get(el) === css) return;
  el.style.transform = css;
  transforms.set(el, css);
}
