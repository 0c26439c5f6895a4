// Offline: registers the service worker (sw.js) that caches the designer on the first
// visit, and when a new version has been installed, shows "Update available: reload";
// the page reloads only when the visitor taps it, never by itself over their work.

/**
 * Registers `workerUrl` and wires the update notice `banner` (with a button) under it.
 * Resolves to the registration, or null where service workers are not available (a
 * sandboxed frame, a private window, http on another host).
 */
export async function registerOffline(workerUrl, banner, { reload = () => window.location.reload() } = {}) {
  if (!('serviceWorker' in navigator)) return null;
  let registration;
  try {
    registration = await navigator.serviceWorker.register(workerUrl);
  } catch {
    return null; // the designer still works online
  }
  const button = banner?.querySelector('button');
  const offer = (worker) => {
    if (!worker || !banner || !navigator.serviceWorker.controller) return; // a first install is not an update
    banner.hidden = false;
    button.onclick = () => {
      navigator.serviceWorker.addEventListener('controllerchange', () => reload(), { once: true });
      worker.postMessage('skip-waiting');
    };
  };
  offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => { if (worker.state === 'installed') offer(worker); });
  });
  return registration;
}
