// Mounts every view of one designer on its markup: the canvas and its input, the controls,
// the photo panel, the figures and messages, and the crash dialog. Each view gets the root
// it lives in (a <hairline-designer>'s shadow root) and the app.

import { mountCanvasView } from './canvas-view.js';
import { mountCanvasInput } from './canvas-input.js';
import { mountControls } from './controls.js';
import { mountPhotoPanel } from './photo-panel.js';
import { mountStatusView } from './status-view.js';
import { mountFirstHint } from './first-hint.js';
import { mountCrashDialog } from './crash-dialog.js';
import { mountCompareView } from './compare-view.js';
import { mountFilesPanel, shareUrl } from './files-panel.js';
import { exportPicture } from './export-png.js';
import { openFile } from './open-file.js';
import { encodeDesign } from '../app/share-link.js';
import { mountConsultationsPanel } from './consultations-panel.js';
import { mountPlanView } from './plan-view.js';
import { mountPresetPicker } from './preset-picker.js';
import { mountMarksView } from './marks-view.js';

/**
 * Mounts the views of `app` under `root` (a ShadowRoot or Document holding the markup).
 * `keys` hears keyboard shortcuts and pastes (ui/keyboard-scope.js), `host` carries state
 * attributes, `overlay` holds the crash dialog (default `host`), `reload` restarts after a
 * crash, `location` makes share links, `consultations` keeps them, `onExport(detail)` hears
 * each picture or design file saved. Returns `{ canvas, services, dispose }`: `services`
 * are what the page API needs from the views (screen geometry, pictures, files, links,
 * the clinic's logo).
 */
export function mountDesigner(root, app, { keys, host, overlay = host, reload, location, consultations, onExport }) {
  const canvasView = mountCanvasView(root, app);
  const files = mountFilesPanel(root, app, { location, onExport });
  const views = [
    canvasView,
    mountCanvasInput(canvasView, app, { keys }),
    mountCompareView(root, app, { stage: canvasView.stage }),
    mountControls(root, app),
    mountPresetPicker(root, app),
    mountMarksView(root, app, { rect: () => canvasView.rect(), toStage: (p) => canvasView.toStage(p) }),
    mountPhotoPanel(root, app, { pasteTarget: keys, host }),
    mountStatusView(root, app),
    mountFirstHint(root, app, { host }),
    mountCrashDialog(overlay, app, { reload }),
    files,
    mountConsultationsPanel(root, app, { store: consultations }),
    mountPlanView(root, app, { reference: () => root.getElementById('c-reference')?.value.trim() ?? '' }),
  ];
  const services = {
    canvasRect: () => canvasView.rect(),
    /** Resolves once the guides' overlay shows what was last asked (it may be drawn in a worker). */
    overlayDrawn: () => canvasView.overlayDrawn(),
    exportPicture: async (options) => {
      await files.logoLoaded;
      return exportPicture(app, { logo: files.logo, ...options });
    },
    loadFile: (file) => openFile(app, file),
    shareLink: async () => shareUrl(location, await encodeDesign(app.savedDesign())),
    setLogo: (bitmap) => { files.logo = bitmap; },
    /** A logo is on its way (the `logo` attribute): exports wait for `promise` first. */
    loadingLogo: (promise) => { files.logoLoaded = promise; },
  };
  return {
    canvas: canvasView.canvas,
    services,
    dispose() { for (const view of views.reverse()) view.dispose(); },
  };
}
