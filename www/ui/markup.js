// The markup of one designer, cloned into each <hairline-designer>'s shadow root: the canvas
// stage with its overlays and tools, the panel of controls, and the treatment-plan sheet.
// Ids are unique within one shadow root, so two designers on a page never collide; the
// `part` names are the element's styling hooks (see designer.css). Static text only: the
// views fill in the numbers, and ui/strings.js translates the words.

export const DESIGNER_MARKUP = `
<div class="designer" part="designer">
  <div class="layout">
    <section class="stage" id="stage" part="stage" aria-label="Design canvas: draw the hairline with a finger, pen or mouse; drag the handles to shape it">
      <canvas id="canvas" aria-label="Template head with the simulated pigment impressions"></canvas>
      <div id="before-pane" class="before-pane" hidden><canvas id="canvas-before" aria-label="The same head at the stage compared with"></canvas></div>
      <canvas id="overlay" aria-hidden="true"></canvas>
      <span id="compare-label-left" class="compare-label left" hidden></span>
      <span id="compare-label-right" class="compare-label right" hidden></span>
      <div id="compare-divider" class="compare-divider" role="slider" tabindex="0" aria-label="Before and after divider: drag, or use the arrow keys"
        aria-valuemin="0" aria-valuemax="100" aria-valuenow="50" aria-valuetext="50 % after" aria-keyshortcuts="F" hidden><span class="grip" aria-hidden="true">⇔</span></div>
      <div id="handles" class="handles" role="group" aria-label="Hairline handles: arrow keys move the focused handle"></div>
      <div id="mark-handles" class="handles mark-handles" role="group" aria-label="Scar and mark handles"></div>
      <p id="status" class="status" part="status" role="status" aria-live="polite">Loading the engine…</p>
      <p id="message" class="message" part="message" role="alert" title="Tap to close" data-sentences hidden></p>
      <p id="first-hint" class="first-hint" part="hint" hidden><span class="for-touch">Drag a circle to shape the hairline, or draw a new one with your finger.</span><span class="for-mouse">Drag a circle to shape the hairline, or draw a new one with the mouse.</span></p>
      <div class="tools" part="toolbar" role="toolbar" aria-label="Editing tools">
        <button type="button" id="undo" class="tool" part="tool" aria-keyshortcuts="Control+Z Meta+Z" title="Undo (Ctrl/⌘+Z)" disabled><span class="icon" aria-hidden="true">↶</span> <span class="label">Undo</span></button>
        <button type="button" id="redo" class="tool" part="tool" aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z" title="Redo (Ctrl/⌘+Shift+Z)" disabled><span class="icon" aria-hidden="true">↷</span> <span class="label">Redo</span></button>
        <button type="button" id="mirror" class="tool toggle" part="tool" aria-pressed="true" title="Mirror: shaping one side shapes the other"><span class="icon" aria-hidden="true">⇋</span> <span class="label">Mirror</span></button>
        <button type="button" id="move" class="tool toggle" part="tool" aria-pressed="false" title="Move the view by dragging (or hold Space, or use two fingers)"><span class="icon" aria-hidden="true">✥</span> <span class="label">Move</span></button>
        <button type="button" id="fit" class="tool" part="tool" aria-keyshortcuts="0" title="Fit the head to the screen (or double-tap)"><span class="icon" aria-hidden="true">⤢</span> <span class="label">Fit</span></button>
        <button type="button" id="compare" class="tool toggle" part="tool" aria-pressed="false" title="Compare before and after"><span class="icon" aria-hidden="true">◧</span> <span class="label">Compare</span></button>
      </div>
      <div id="compare-bar" class="compare-bar" role="group" aria-label="Compare" hidden>
        <label class="select"><span class="compare-with">Compare with</span> <select id="compare-before"></select></label>
        <div class="segmented" role="radiogroup" aria-label="Layout">
          <label><input type="radio" name="compare-mode" value="slider" checked><span>Divider</span></label>
          <label><input type="radio" name="compare-mode" value="side"><span>Side by side</span></label>
        </div>
        <button type="button" id="compare-flip" class="tool" part="tool" aria-keyshortcuts="F" title="Swap the sides (F)"><span class="icon" aria-hidden="true">⇄</span> <span class="label">Swap</span></button>
      </div>
      <p id="demo-invite" class="demo-invite" part="demo-invite" hidden>Touch the screen to design your own hairline</p>
      <div id="reveal" class="reveal" part="reveal" hidden>
        <button type="button" id="reveal-button" class="reveal-button" part="button reveal-button">Design your hairline</button>
      </div>
    </section>
    <aside class="panel" part="panel" aria-label="Design controls">
      <fieldset class="group" id="head-group">
        <legend>Your head today</legend>
        <div class="segmented" role="radiogroup" aria-label="Sex">
          <label><input type="radio" name="head-sex" value="male" checked><span>Man</span></label>
          <label><input type="radio" name="head-sex" value="female"><span>Woman</span></label>
        </div>
        <div class="segmented" role="radiogroup" aria-label="View">
          <label><input type="radio" name="head-view" value="front" checked><span>Front</span></label>
          <label><input type="radio" name="head-view" value="top"><span>From above</span></label>
        </div>
        <div class="segmented" id="hair-length" role="radiogroup" aria-label="Hair length">
          <label><input type="radio" name="hair-length" value="short" checked><span>Short hair</span></label>
          <label><input type="radio" name="hair-length" value="long"><span>Long hair</span></label>
        </div>
        <div id="presets" class="preset-strip" role="radiogroup" aria-label="Hair loss today"></div>
        <small class="preset-words"><span id="preset-title"></span>: <span id="preset-words"></span></small>
      </fieldset>
      <fieldset class="group" id="photo-group">
        <legend>Your photo</legend>
        <label part="button" class="button file-button" for="photo-file">Use a photo or the camera…</label>
        <input type="file" id="photo-file" accept="image/*" class="visually-hidden">
        <small>Or drop or paste a photo here. It stays on this device: nothing is uploaded.</small>
        <button type="button" id="photo-thinning" part="button" class="button">Try on a template with thinning hair</button>
        <progress id="photo-progress" max="1" value="0" hidden></progress>
        <small id="photo-stage" aria-live="polite" hidden></small>
        <p id="photo-hint" class="photo-hint" role="status" hidden></p>
        <div id="photo-tools" class="photo-tools" hidden>
          <div class="row">
            <button type="button" id="photo-calibrate" part="button" class="button" aria-pressed="false">Calibrate scale</button>
            <label class="known">Known distance <input type="number" id="photo-known" value="100" min="1" max="1000" step="1" inputmode="decimal"> mm</label>
          </div>
          <div class="row">
            <button type="button" id="photo-region" part="button" class="button" aria-pressed="false">Draw treated area</button>
            <button type="button" id="photo-eyedropper" part="button" class="button" aria-pressed="false">Pick hair colour</button>
          </div>
          <button type="button" id="photo-template" part="button" class="button">Back to the template head</button>
          <p id="contrast-words" class="contrast-words" aria-live="polite" hidden></p>
          <small id="contrast-figures" hidden></small>
        </div>
      </fieldset>
      <fieldset class="group" id="pigment-group">
        <legend>Pigment match</legend>
        <div class="row">
          <label class="select">Hair <select id="hair-colour">
            <option value="black">black</option><option value="dark-brown" selected>dark brown</option><option value="brown">brown</option>
            <option value="red">red</option><option value="blond">blond</option><option value="grey">grey</option>
          </select></label>
          <label class="select">Skin <select id="skin-type">
            <option value="1">Fitzpatrick I</option><option value="2" selected>Fitzpatrick II</option><option value="3">Fitzpatrick III</option>
            <option value="4">Fitzpatrick IV</option><option value="5">Fitzpatrick V</option><option value="6">Fitzpatrick VI</option>
          </select></label>
        </div>
        <p id="pigment-advice" class="pigment-advice"></p>
        <ul id="pigment-warnings" class="advice" hidden></ul>
      </fieldset>
      <fieldset class="group" id="style-picker">
        <legend>Hairline style</legend>
        <label class="choice">
          <input type="radio" name="style" value="soft" checked>
          <span class="hint hint-soft" aria-hidden="true"></span>
          <span class="text"><strong>Soft</strong> <small>Natural and feathered: density builds over about a centimetre.</small></span>
        </label>
        <label class="choice">
          <input type="radio" name="style" value="sharp">
          <span class="hint hint-sharp" aria-hidden="true"></span>
          <span class="text"><strong>Sharp</strong> <small>Defined and crisp: full density within 2 mm of the line.</small></span>
        </label>
        <label class="choice">
          <input type="radio" name="style" value="density-only">
          <span class="hint hint-density" aria-hidden="true"></span>
          <span class="text"><strong>Density only</strong> <small>Keep your hairline; fill thinning areas so less scalp shows.</small></span>
        </label>
      </fieldset>
      <section class="group" id="advice-group" aria-labelledby="advice-title">
        <h2 id="advice-title" class="legend">Consultation check</h2>
        <ul id="advice" class="advice" aria-live="polite" hidden></ul>
        <p id="advice-ok" class="advice-ok">The line follows the usual shape rules.</p>
      </section>
      <fieldset class="group" id="params">
        <legend>Impressions</legend>
        <div class="param">
          <label for="p-density">Density</label><output id="p-density-out" for="p-density">90 /cm²</output>
          <input type="range" id="p-density" step="5" value="90" aria-describedby="p-density-help">
          <small id="p-density-help">Impressions per cm² behind the line; 80–100 matches a natural scalp.</small>
        </div>
        <div class="param">
          <label for="p-dot">Dot size</label><output id="p-dot-out" for="p-dot">0.25 mm</output>
          <input type="range" id="p-dot" step="0.01" value="0.25" aria-describedby="p-dot-help">
          <small id="p-dot-help">Needles make 0.18–0.30 mm; larger reads as a “helmet”.</small>
        </div>
        <div class="param">
          <label for="p-transition">Transition</label><output id="p-transition-out" for="p-transition">10.0 mm</output>
          <input type="range" id="p-transition" step="0.5" value="10" aria-describedby="p-transition-help">
          <small id="p-transition-help">How far behind a soft line density builds to full. <span id="p-transition-note" hidden>(Soft style only.)</span></small>
        </div>
        <div class="param">
          <label for="p-shade">Shade</label><output id="p-shade-out" for="p-shade">75 %</output>
          <input type="range" id="p-shade" step="0.05" value="0.75" aria-describedby="p-shade-help">
          <small id="p-shade-help">Pigment darkness: 20 % light grey (≈ 30:1 dilution) to 100 % near black (≈ 6:1).</small>
        </div>
      </fieldset>
      <fieldset class="group" id="treatment">
        <legend>Treatment</legend>
        <div class="param">
          <label for="t-sessions">Sessions planned</label>
          <select id="t-sessions" aria-describedby="t-sessions-help"></select>
          <small id="t-sessions-help">Session 1 lays a lighter, sparser foundation; later sessions add density and darker shades.</small>
        </div>
        <div class="param">
          <span id="t-session-label" class="label">Show after session</span>
          <div class="segmented" id="t-session" role="radiogroup" aria-labelledby="t-session-label"></div>
        </div>
        <div class="param">
          <label for="t-age">Age of the work</label><output id="t-age-out" for="t-age" aria-live="off">healed (about 1 month)</output>
          <input type="range" id="t-age" min="0" max="7" step="1" value="1" aria-describedby="t-age-help">
          <small id="t-age-help">Fresh (day 0) → healed (about a month) → years of gradual fading (to 6, or past a later top-up).</small>
        </div>
        <div class="param">
          <label for="t-topup">Top-up</label>
          <select id="t-topup">
            <option value="" selected>None planned</option>
            <option value="1">After 1 year</option>
            <option value="2">After 2 years</option>
            <option value="3">After 3 years</option>
            <option value="4">After 4 years</option>
            <option value="5">After 5 years</option>
            <option value="6">After 6 years</option>
            <option value="7">After 7 years</option>
            <option value="8">After 8 years</option>
            <option value="9">After 9 years</option>
            <option value="10">After 10 years</option>
          </select>
        </div>
      </fieldset>
      <fieldset class="group" id="line-tools">
        <legend>Line</legend>
        <label class="switch"><input type="checkbox" id="guides" checked> <span>Show measured guides</span></label>
        <div class="row">
          <button type="button" id="clear" part="button" class="button">Clear and redraw</button>
          <button type="button" id="reset" part="button" class="button">Reset to preset line</button>
        </div>
      </fieldset>
      <fieldset class="group" id="marks-group">
        <legend>Scars and marks</legend>
        <div class="row">
          <button type="button" id="add-strip" part="button" class="button">Add strip scar</button>
          <button type="button" id="add-fue" part="button" class="button">Add FUE area</button>
          <button type="button" id="add-patch" part="button" class="button">Add patch</button>
        </div>
        <small id="marks-on-photo" hidden>Scars and marks are drawn on the bald template head, not on the long-haired head or a photo. On a client's photo a scar shows as bare scalp, which density-only fills like the scalp around it.</small>
        <ul id="mark-list" class="mark-list"></ul>
        <small>Drag a mark's middle handle to move it and its outer handle to resize it. Scar tissue grows no hair, so marks are filled at full density; it takes pigment less evenly.</small>
      </fieldset>
      <fieldset class="group" id="files">
        <legend>Save and share</legend>
        <div class="row">
          <label class="select">Picture <select id="export-kind">
            <option value="after" selected>After</option><option value="before">Before</option><option value="both">Both, side by side</option>
          </select></label>
          <label class="select">Size <select id="export-width">
            <option value="1080" selected>1080 px</option><option value="2048">2048 px</option><option value="4096">4096 px</option>
          </select></label>
        </div>
        <label class="text-field">Caption <input type="text" id="export-caption" maxlength="200" placeholder="e.g. Hairline plan for J. D."></label>
        <div class="row">
          <label part="button" class="button file-button" for="export-logo">Clinic logo…</label>
          <input type="file" id="export-logo" accept="image/png,image/jpeg,image/webp" class="visually-hidden">
          <button type="button" id="export-png" part="button" class="button">Download picture</button>
        </div>
        <div class="row">
          <button type="button" id="save-design" part="button" class="button">Save design file</button>
          <label part="button" class="button file-button" for="open-design">Open design…</label>
          <input type="file" id="open-design" accept=".json,application/json,image/png" class="visually-hidden">
        </div>
        <div class="row">
          <button type="button" id="share-link" part="button" class="button">Copy share link</button>
          <button type="button" id="print-plan" part="button" class="button">Treatment plan…</button>
        </div>
        <input type="text" id="share-url" class="share-url" readonly aria-label="Share link" hidden>
        <small>Pictures and design files carry the design: open one here to continue it. Nothing is uploaded.</small>
      </fieldset>
      <fieldset class="group" id="consultations">
        <legend>Consultations on this device</legend>
        <label class="text-field">Client reference <input type="text" id="c-reference" maxlength="200" autocomplete="off" placeholder="e.g. JD-2026-11"></label>
        <label class="text-field">Notes <textarea id="c-notes" rows="2" maxlength="5000"></textarea></label>
        <label class="switch"><input type="checkbox" id="c-keep-photo"> <span>Keep the photo on this device</span></label>
        <button type="button" id="c-save" part="button" class="button">Save consultation</button>
        <label class="text-field">Find <input type="search" id="c-search" autocomplete="off" placeholder="Reference or notes"></label>
        <ul id="c-list" class="consultation-list" aria-live="polite"></ul>
        <div class="row">
          <button type="button" id="c-export" part="button" class="button">Export all</button>
          <label part="button" class="button file-button" for="c-import">Import…</label>
          <input type="file" id="c-import" accept=".json,application/json" class="visually-hidden">
        </div>
        <small id="c-status">Kept in this browser only: nothing is uploaded.</small>
      </fieldset>
      <dl class="figures" part="figures" aria-label="Plan figures">
        <div><dt>Impressions</dt><dd id="fig-dots">–</dd></div>
        <div><dt>Treated</dt><dd id="fig-area">–</dd></div>
        <div><dt>Average density</dt><dd id="fig-density">–</dd></div>
      </dl>
    </aside>
  </div>
  <div id="plan-dialog" class="plan-dialog" role="dialog" aria-modal="true" aria-labelledby="plan-title" tabindex="-1" hidden>
    <article class="plan-page">
      <header class="plan-head">
        <h1 id="plan-title">Treatment plan · scalp micropigmentation</h1>
        <div class="plan-actions">
          <button type="button" id="plan-print" part="button" class="button">Print</button>
          <button type="button" id="plan-close" part="button" class="button">Close</button>
        </div>
      </header>
      <div id="plan-body"></div>
    </article>
  </div>
</div>
`;
