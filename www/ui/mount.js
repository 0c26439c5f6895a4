// Mounts every view of one designer on its markup: the canvas and its input, the controls,
// the photo panel, the figures and messages, and the crash dialog. Each view gets the root
// it lives in (the page's document today, an element's shadow root tomorrow) and the app.

import { mountCanvasView } from './canvas-view.js';
import { mountCanvasInput } from './canvas-input.js';
import { mountControls } from './controls.js';
import { mountPhotoPanel } from './photo-panel.js';
import { mountStatusView } from './status-view.js';
import { mountCrashDialog } from './crash-dialog.js';
import { mountCompareView } from './compare-view.js';
import { mountFilesPanel, shareUrl } from './files-panel.js';
import { exportPicture } from './export-png.js';
import { openFile } from './open-file.js';
import { encodeDesign } from '../app/share-link.js';
import { mountConsultationsPanel } from './consultations-panel.js';
import { mountPlanView } from './plan-view.js';

/**
 * Mounts the views of `app` under `root` (a Document or ShadowRoot holding the markup).
 * `keys` hears keyboard shortcuts and pastes, `host` carries state attributes, `reload`
 * restarts after a crash, `location` makes share links, `consultations` keeps them. Returns `{ canvas, services,
 * dispose }`: `services` are what the page API needs from the views (screen geometry,
 * pictures, files, links).
 */
export function mountDesigner(root, app, { keys, host, reload, location, consultations }) {
  const canvasView = mountCanvasView(root, app);
  const files = mountFilesPanel(root, app, { location });
  const views = [
    canvasView,
    mountCanvasInput(canvasView, app, { keys }),
    mountCompareView(root, app, { stage: canvasView.stage }),
    mountControls(root, app),
    mountPhotoPanel(root, app, { pasteTarget: keys, host }),
    mountStatusView(root, app),
    mountCrashDialog(host, app, { reload }),
    files,
    mountConsultationsPanel(root, app, { store: consultations }),
    mountPlanView(root, app, { reference: () => root.getElementById('c-reference')?.value.trim() ?? '' }),
  ];
  const services = {
    canvasRect: () => canvasView.canvas.getBoundingClientRect(),
    exportPicture: (options) => exportPicture(app, { logo: files.logo, ...options }),
    loadFile: (file) => openFile(app, file),
    shareLink: async () => shareUrl(location, await encodeDesign(app.getDesign())),
  };
  return {
    canvas: canvasView.canvas,
    services,
    dispose() { for (const view of views.reverse()) view.dispose(); },
  };
}
