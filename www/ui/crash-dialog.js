// When the engine stops (a Rust panic: always a bug), this dialog takes over the designer:
// nothing else takes keyboard or pointer input, the words say what is kept, and one button
// reloads (the autosave restores the last template design).

/** Shows the dialog over `container` (the page's body) once the app reports a crash. */
export function mountCrashDialog(container, app, { reload }) {
  let box = null;
  const show = (state) => {
    if (!state.crashed || box) return;
    box = document.createElement('div');
    box.className = 'crash';
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-labelledby', 'crash-title');
    const panel = document.createElement('div');
    const title = Object.assign(document.createElement('h2'), { id: 'crash-title', textContent: 'The designer stopped' });
    const words = document.createElement('p');
    words.textContent = 'It hit an internal error and stopped so that it cannot change your design. '
      + (state.crashed.onPhoto ? 'Designs on a photo are not kept; your last template design is saved on this device.'
        : 'Your last design is saved on this device.');
    const button = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Reload and restore' });
    button.addEventListener('click', reload);
    panel.append(title, words, button);
    box.append(panel);
    for (const el of container.children) el.inert = true; // no keyboard or pointer gets through
    container.append(box);
    button.focus();
  };
  return { dispose: app.subscribe(show) };
}
