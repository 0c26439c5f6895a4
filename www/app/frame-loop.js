// Coalesces requests for a new frame into one call per animation frame, however many
// pointer, key or slider events arrive in between; the scheduler is injected
// (requestAnimationFrame on the page, a timer or a manual pump in node tests).

/**
 * `schedule(callback)` runs `callback` once at the next frame; `onFrame(dirty)` paints
 * with the accumulated `{ engine }` flag (true when the dots must be drawn again).
 * Returns `{ request({ engine }), flush() }`; `flush` runs a requested frame now.
 */
export function createFrameLoop(schedule, onFrame) {
  let requested = false;
  let engine = false;
  const run = () => {
    if (!requested) return;
    requested = false;
    const dirty = { engine };
    engine = false;
    onFrame(dirty);
  };
  return {
    request({ engine: repaint = false } = {}) {
      engine = engine || repaint;
      if (requested) return;
      requested = true;
      schedule(run);
    },
    flush: run,
  };
}
