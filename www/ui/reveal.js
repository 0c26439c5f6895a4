// reveal="interaction": on a clinic's page a designer must not trap the visitor's finger.
// Until "Design your hairline" is tapped, the canvas takes no gesture (a touch scrolls the
// page), the tools are hidden and a button over the picture invites the visitor in; once
// tapped, the designer is live for the rest of the visit. `host` carries
// `data-concealed` while the cover is up, which designer.css reads.

/** Shows the cover when `on`; `onReveal()` after the tap. Returns `{ set(on), dispose() }`. */
export function mountReveal(root, host, { onReveal = () => {} } = {}) {
  const cover = root.getElementById('reveal');
  const button = root.getElementById('reveal-button');
  let revealed = false;
  const show = (on) => {
    const up = on && !revealed;
    cover.hidden = !up;
    host.toggleAttribute('data-concealed', up);
  };
  const open = () => {
    revealed = true;
    show(false);
    // The keyboard goes on into the designer just opened: its first tool that takes focus
    // (the stage itself cannot take it, and the focus fell back to the page's body).
    const tool = [...root.querySelectorAll('.tools button')].find((b) => !b.disabled && b.getClientRects().length > 0);
    tool?.focus({ preventScroll: true });
    onReveal();
  };
  button.addEventListener('click', open);
  return {
    set: show,
    get revealed() { return revealed; },
    dispose() { button.removeEventListener('click', open); },
  };
}
