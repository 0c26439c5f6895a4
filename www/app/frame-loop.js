// Coalesces requests for a new frame into one call per animation frame, however many
// pointer, key or slider events arrive in between; the scheduler is injected
// (requestAnimationFrame on the page, a timer or a manual pump in node tests).
// It also keeps apart what changed: only the view (a pinch, a pan, a wheel), which the
// canvas can show for a moment by moving its last picture, or the picture's content; and
// whether the compare's "before" was all that changed (the live picture stays as it is).

/**
 * `schedule(callback)` runs `callback` once at the next frame; `onFrame(dirty)` paints
 * with the accumulated `{ engine, content, beforeOnly }` flags: `engine` when the engine's
 * picture must be shown again, `content` when more than the view changed (a picture must be
 * painted), `beforeOnly` when every such request was the compare's alone (its mode or its
 * "before" stage: the live picture is unchanged).
 * Returns `{ request({ engine, viewOnly, beforeOnly }), flush() }`; `flush` runs a requested
 * frame now.
 */
export function createFrameLoop(schedule, onFrame) {
  let requested = false;
  let engine = false;
  let content = false;
  let othersToo = false;
  const run = () => {
    if (!requested) return;
    requested = false;
    const dirty = { engine, content, beforeOnly: engine && !othersToo };
    engine = false;
    content = false;
    othersToo = false;
    onFrame(dirty);
  };
  return {
    request({ engine: repaint = false, viewOnly = false, beforeOnly = false } = {}) {
      if (repaint && !beforeOnly) othersToo = true;
      engine = engine || repaint;
      content = content || (repaint && !viewOnly);
      if (requested) return;
      requested = true;
      schedule(run);
    },
    flush: run,
  };
}
