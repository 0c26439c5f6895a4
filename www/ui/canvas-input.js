// Turns pointer, wheel and key events on the designer into app actions: converts client
// px to design mm (strokes and handle drags) or canvas px (pinch), and keyboard shortcuts
// to undo, redo, zoom, fit and cancel. The gesture recognition itself is in input.js, the
// shortcut table in shortcuts.js; this view only translates.

import { attachInput } from './input.js';
import { bindShortcuts } from './shortcuts.js';
import * as viewport from '../app/viewport.js';

/** How long the wheel rests before a run of wheel zooms counts as ended (ms). */
const WHEEL_REST_MS = 150;

/** Mounts on the canvas view's stage; `keys` is where shortcuts are heard (the document). */
export function mountCanvasInput(canvasView, app, { keys }) {
  const { canvas, before, stage, handles } = canvasView;
  // Side by side, the "before" pane shows the same view: a point over it maps through it.
  const box = (x) => {
    const after = canvasView.rect(canvas);
    if (app.state.compare.mode !== 'side' || (x >= after.left && x <= after.right)) return after;
    return canvasView.rect(before);
  };
  const toMm = (p) => viewport.toDesign(app.state.view, box(p.x), [p.x, p.y]);
  const toCanvas = (p) => viewport.toCanvas(app.state.view, box(p[0]), p);

  let wheelRest = 0;
  // The stroke so far in mm, each point converted once, through the view as it was when
  // drawn: converted again on every move, a stroke under way when the tablet turned (the
  // view refitted) or the wheel zoomed was mapped whole through the new view, and looped.
  let strokeMm = [];
  // The wheel over a designer on a clinic's page that scrolls: it zoomed the picture, and a
  // visitor scrolling down the page got stuck on it. It zooms once the visitor has used the
  // designer (touched, clicked or focused it), with Ctrl or Cmd held (a trackpad's pinch
  // sends Ctrl), or when the page does not scroll (the designer is the page); else the page
  // scrolls, and the designer says once how to zoom.
  let wheelTold = false;
  const input = attachInput(stage, {
    handleIndex: (target, x, y) => handles.indexOf(target, x, y),
    panMode: () => app.panning(),
    wheelFactor: viewport.wheelFactor,
    wheelZooms: (e) => e.ctrlKey || e.metaKey || keys.owns?.(), // (owned at once where the page does not scroll)
    on: {
      wheelPassed() {
        if (wheelTold) return;
        wheelTold = true;
        app.showMessage('To zoom the picture with the wheel, click it first or hold Ctrl.', { info: true });
      },
      stroke(phase, points) {
        if (phase === 'start') strokeMm = [];
        if (phase !== 'start' && phase !== 'move') { app.stroke(phase, []); return; }
        for (const p of points.slice(strokeMm.length)) strokeMm.push([...toMm(p), p.pressure]);
        app.stroke(phase, strokeMm.slice());
      },
      drag(phase, index, point, cancelled) {
        const focus = app.drag(phase, index, point ? toMm(point) : null, cancelled);
        if (focus === 'stroke') return 'stroke'; // a stroke begun on a handle (line-gestures.js)
        if (focus >= 0) handles.focus(focus);
        return undefined;
      },
      pinch(phase, start, now) {
        app.setViewGesture(phase !== 'end');
        app.pinch(phase, start?.map(toCanvas), now?.map(toCanvas));
      },
      pan(phase, delta) {
        app.setViewGesture(phase !== 'end');
        // 'start' and 'end' come without a delta (issue 13: destructuring it threw on every pan's end).
        // Client px are the canvas's CSS px times the page's transform, if any: the picture
        // keeps up with the finger under it.
        if (phase === 'move' && delta) {
          const { pxPerClient } = canvasView.rect(canvas);
          const k = pxPerClient > 0 ? pxPerClient / app.state.view.ratio : 1;
          app.panBy([delta[0] * k, delta[1] * k]);
        }
      },
      wheel(factor, p) {
        // A run of wheel steps (a trackpad pinch sends dozens) is one gesture: it ends when
        // the wheel has rested for WHEEL_REST_MS.
        app.setViewGesture(true);
        clearTimeout(wheelRest);
        wheelRest = setTimeout(() => app.setViewGesture(false), WHEEL_REST_MS);
        app.zoomBy(factor, toCanvas(p));
      },
      doubleTap: () => app.fit(),
    },
  });

  // A key's zoom is about the handle the keyboard is on, which stays where it is (about the
  // picture's centre, a handle zoomed off screen was moved by arrows unseen: a user pass);
  // else about the centre (undefined).
  const focusedHandleAt = () => {
    const focused = canvas.getRootNode().activeElement;
    if (!focused?.classList?.contains('handle')) return undefined;
    const r = focused.getBoundingClientRect();
    return toCanvas([(r.left + r.right) / 2, (r.top + r.bottom) / 2]);
  };
  const stopShortcuts = bindShortcuts(keys, {
    undo: () => app.undo(),
    redo: () => app.redo(),
    fit: () => app.fit(),
    zoomIn: () => app.zoomBy(1.25, focusedHandleAt()),
    zoomOut: () => app.zoomBy(0.8, focusedHandleAt()),
    // Whether there was a gesture or a pending "clear and redraw" to drop (else the key is the page's).
    cancel: () => {
      const dropping = input.busy || app.state.cleared;
      input.cancel();
      app.cancel();
      return dropping;
    },
    flip: () => { if (app.state.compare.mode !== 'off') app.setCompare({ flipped: !app.state.compare.flipped }); },
  }, (held) => app.setSpaceHeld(held));

  return {
    dispose() { clearTimeout(wheelRest); input.dispose(); stopShortcuts(); },
  };
}
