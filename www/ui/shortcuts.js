// Keyboard shortcuts of one designer: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or Ctrl+Y redo,
// + / − zoom, 0 fit, F swaps the compare's sides, Escape drops the gesture under way, and Space held down pans with the
// mouse. Shortcuts never fire while typing in a field; arrow keys belong to the focused
// control (sliders, handles). Owns its listeners.

/** The action for a keydown, or null. Pure, so node --test can check it. */
export function actionFor({ key, ctrlKey = false, metaKey = false, shiftKey = false, altKey = false }) {
  const mod = ctrlKey || metaKey;
  const k = key.length === 1 ? key.toLowerCase() : key;
  if (mod && !altKey && k === 'z') return shiftKey ? 'redo' : 'undo';
  if (mod && !altKey && k === 'y') return 'redo';
  if (mod || altKey) return null;
  if (k === '+' || k === '=') return 'zoomIn';
  if (k === '-' || k === '_') return 'zoomOut';
  if (k === '0') return 'fit';
  if (k === 'Escape') return 'cancel';
  if (k === 'f') return 'flip';
  return null;
}

/** Listens on `target` (the designer's key scope, ui/keyboard-scope.js); `on[action]()` for each shortcut; `onSpace(held)`. */
export function bindShortcuts(target, on, onSpace) {
  // Any field that takes text: the consultations' Find box is type="search", and "-", "0"
  // and "f" typed there zoomed, fitted and swapped instead of reaching it. Checkboxes,
  // radios, sliders and buttons take no text: shortcuts work on them.
  const NO_TEXT = new Set(['checkbox', 'radio', 'range', 'button', 'submit', 'reset', 'color', 'file', 'image']);
  const typing = (el) => Boolean(el?.matches?.('textarea, select, [contenteditable=""], [contenteditable="true"]')
    || (el?.localName === 'input' && !NO_TEXT.has(el.type)));
  const keydown = (e) => {
    // The element the key is really aimed at, inside a designer's shadow root too.
    const aimed = e.composedPath?.()[0] ?? e.target;
    // (A list's letters choose its items, but Ctrl+Z there has no meaning of its own: after
    // picking the number of sessions from it, it undoes.)
    const undoing = ['undo', 'redo'].includes(actionFor(e));
    if (typing(aimed) && !(undoing && aimed?.localName === 'select')) return;
    if (e.key === ' ' && (aimed === aimed?.ownerDocument?.body || aimed?.id === 'stage' || aimed?.localName === 'hairline-designer')) {
      e.preventDefault();
      if (!e.repeat) onSpace(true);
      return;
    }
    const action = actionFor(e);
    if (!action || !on[action]) return;
    // Undo inside a slider or handle is ours too; other keys keep their native meaning there.
    // Escape is taken only when it dropped something (`cancel` says so): otherwise it is the
    // page's, and closes a clinic's dialog the designer sits in.
    if (on[action]() === false) return;
    e.preventDefault();
  };
  const keyup = (e) => { if (e.key === ' ') onSpace(false); };
  target.addEventListener('keydown', keydown);
  target.addEventListener('keyup', keyup);
  return () => {
    target.removeEventListener('keydown', keydown);
    target.removeEventListener('keyup', keyup);
  };
}
