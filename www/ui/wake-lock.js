// Keeps a kiosk's screen on while the demo runs: a screen wake lock, taken again whenever the
// page comes back into view (browsers drop it when a page is hidden). A browser without the
// API, or one that refuses (no user gesture, power saving), simply lets the screen sleep.

/** Holds a screen wake lock for `doc` through `nav.wakeLock`; returns `release()`. */
export function holdWakeLock(doc, nav) {
  let lock = null;
  let held = true;
  const take = async () => {
    if (!held || doc.visibilityState !== 'visible' || !nav?.wakeLock?.request || (lock && !lock.released)) return;
    try {
      lock = await nav.wakeLock.request('screen');
      if (!held) lock.release().catch(() => {});
    } catch {
      lock = null; // refused: the screen may sleep; nothing to tell the visitor
    }
  };
  const onVisibility = () => { take(); };
  doc.addEventListener('visibilitychange', onVisibility);
  take();
  return () => {
    held = false;
    doc.removeEventListener('visibilitychange', onVisibility);
    lock?.release?.().catch?.(() => {});
    lock = null;
  };
}
