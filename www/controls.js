// The control panel: style picker and fresh/healed toggle. It reports choices through
// callbacks and is told what to show; it never touches the engine.

/** Wires the panel under `root`; returns `{ showStyle, dispose }`. */
export function bindControls(root, { onStyle, onLook }) {
  const listeners = [];
  const listen = (el, type, fn) => {
    el.addEventListener(type, fn);
    listeners.push(() => el.removeEventListener(type, fn));
  };
  for (const input of root.querySelectorAll('input[name="style"]')) {
    listen(input, 'change', () => input.checked && onStyle(input.value));
  }
  for (const input of root.querySelectorAll('input[name="look"]')) {
    listen(input, 'change', () => input.checked && onLook(input.value));
  }
  return {
    showStyle(style) {
      for (const input of root.querySelectorAll('input[name="style"]')) input.checked = input.value === style;
    },
    dispose() {
      listeners.splice(0).forEach((off) => off());
    },
  };
}
