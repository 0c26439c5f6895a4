// The language a designer speaks when the page does not give it one: its own `lang`, else
// the nearest `lang` above it, else the document's; and a watch on those attributes, so that
// a clinic's language switch that changes `<html lang>` (or a section's) without a reload is
// followed (the designer stayed in the language it started in). Split from the element.

/** The language of `element`: its own `lang`, the nearest above it, or the document's. */
export function pageLanguage(element) {
  return element.getAttribute('lang') ?? element.closest('[lang]')?.getAttribute('lang') ?? element.ownerDocument.documentElement.lang;
}

/**
 * Calls `onChange()` when a `lang` attribute changes in `element`'s document or in the shadow
 * root it sits in. Returns `{ rewatch, dispose }`: `rewatch()` watches where the element is
 * now (moved into another component's shadow root, the changes there were missed).
 */
export function watchPageLanguage(element, onChange) {
  if (typeof MutationObserver !== 'function') return { rewatch() {}, dispose() {} };
  const observer = new MutationObserver(() => onChange());
  const options = { attributes: true, attributeFilter: ['lang'], subtree: true };
  const rewatch = () => {
    observer.disconnect();
    observer.observe(element.ownerDocument.documentElement, options);
    const root = element.getRootNode();
    if (root !== element.ownerDocument && root.nodeType === Node.DOCUMENT_FRAGMENT_NODE) observer.observe(root, options);
  };
  rewatch();
  return { rewatch, dispose: () => observer.disconnect() };
}
