// The exported picture's footer (www/ui/export-png.js, footerLayout): whatever the caption,
// it never runs over the honest notice or the logo, and no text is squeezed narrower than
// it is set: a long caption wraps to two lines, a longer one ends in "…". The stage's name
// on each picture stays inside it, and the words on the picture and in the compare's list
// are the visitor's language's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportFont, exportOptions, footerLayout, labelLines } from '../../www/ui/export-png.js';
import { wordsFor } from '../../www/app/words.js';

// Text widths as a browser's would grow: in proportion to the characters and the size.
const measure = (text, px, weight = 400) => text.length * px * (weight >= 600 ? 0.56 : 0.5);
const NOTICE = 'Illustration, not a guarantee of results.';

/** The caption's lines' boxes and the notice's left edge, px. */
function boxes(o, layout) {
  const noticeLeft = layout.notice.right - measure(NOTICE, layout.notice.px);
  const lines = layout.caption.lines.map((l) => ({ ...l, right: l.x + measure(l.text, layout.caption.px, 600) }));
  return { noticeLeft, lines };
}

/** Whether two rows of text (centre y, size px) overlap in height. */
const rowsOverlap = (y1, px1, y2, px2) => Math.abs(y1 - y2) < 0.6 * (px1 + px2);

for (const [kind, width] of [['after', 1080], ['both', 2048], ['after', 320]]) {
  for (const logo of [0, 200]) {
    test(`${kind} at ${width} px${logo ? ' with a logo' : ''}: captions of every length keep clear of the notice`, () => {
      for (const caption of ['', 'Consultation 24 Nov', 'Hairline plan for Jonathan Alexander Doe-Smithson, Norwood III, three sessions, consultation 24/11/2026', 'x'.repeat(120), 'Plan '.repeat(40)]) {
        const o = exportOptions({ kind, width, caption });
        const layout = footerLayout(o, measure, Math.min(logo, o.width * 0.25));
        const { noticeLeft, lines } = boxes(o, layout);
        assert.ok(noticeLeft >= 0, 'the notice is on the picture');
        if (logo) assert.ok(layout.notice.right <= layout.logo.x, 'the notice stops before the logo');
        assert.ok(lines.length <= 2, `${lines.length} lines`);
        for (const [i, line] of lines.entries()) {
          const px = layout.caption.px;
          if (rowsOverlap(line.y, px, layout.notice.y, layout.notice.px)) {
            assert.ok(line.right < noticeLeft, `"${line.text}" ends at ${line.right}, the notice starts at ${noticeLeft}`);
          }
          if (logo) assert.ok(line.right < layout.logo.x, 'the caption stops before the logo');
          assert.ok(line.y - 0.6 * px > o.panelHeight && line.y + 0.6 * px < o.height, 'in the footer');
          if (i > 0) assert.ok(!rowsOverlap(line.y, px, lines[i - 1].y, px), 'lines apart');
          assert.ok(px >= o.footer * 0.25, `set at ${px} px, no smaller than a quarter of the footer`);
        }
        assert.ok(layout.notice.y + 0.6 * layout.notice.px < o.height, 'the notice in the footer');
        if (!caption) assert.equal(lines.length, 0);
        // Every character is shown, or the cut is marked.
        const shown = lines.map((l) => l.text).join(' ');
        if (shown.replace(/\s/g, '') !== caption.replace(/\s/g, '')) assert.ok(shown.endsWith('…'), `cut without a mark: "${shown}"`);
      }
    });
  }
}

test('a short caption stays on one line at its size; captions of 60 and 100 characters are shown whole', () => {
  const o = exportOptions({ kind: 'after', width: 1080, caption: 'Consultation 24 Nov' });
  const short = footerLayout(o, measure);
  assert.equal(short.caption.lines.length, 1);
  assert.equal(short.caption.px, o.footer * 0.36);
  for (const caption of ['Hairline plan for J. Doe, Norwood III, three sessions, 24/11/2026', 'Hairline plan for Jonathan Alexander Doe-Smithson, Norwood III, three sessions, consultation 24/11/2026']) {
    const long = footerLayout(exportOptions({ kind: 'after', width: 1080, caption }), measure);
    assert.ok(long.caption.px < o.footer * 0.36);
    assert.equal(long.caption.lines.map((l) => l.text).join(' '), caption, 'shown whole, in at most two lines');
  }
});

test("the stage's name stays on its picture: smaller, then on two lines, never past the edge", () => {
  // (A 1080 px "Both" picture cut "…4 years on, after the top-up at 2 years" at "2 year".)
  const measure = (text, px) => text.length * px * 0.55;
  const room = 540 - 4 * 8;
  const short = labelLines('Before treatment', room, measure, 16);
  assert.deepEqual(short, { text: ['Before treatment'], px: 16 });
  const long = 'After session 3 of 3, 4 years on, after the top-up at 2 years';
  const fitted = labelLines(long, 300, measure, 16);
  assert.equal(fitted.text.join(' '), long, 'every word kept');
  assert.equal(fitted.text.length, 2);
  assert.ok(fitted.text.every((t) => measure(t, fitted.px) <= 300 + 1e-9), JSON.stringify(fitted));
  assert.ok(fitted.px >= 16 * 0.7 - 1e-9 || fitted.text.length === 2);
  const slightly = labelLines(long, measure(long, 16) * 0.9, measure, 16);
  assert.equal(slightly.text.length, 1, 'a little too long: a little smaller');
  assert.ok(measure(long, slightly.px) <= measure(long, 16) * 0.9 + 1e-9);
});

test("the stages to compare with read in the visitor's language", () => {
  assert.deepEqual(wordsFor('en').compareChoices(3).map((c) => c.label), [
    'Before treatment', 'After session 1, healed', 'After session 2, healed', 'After session 3, healed',
    'After session 3, fresh', 'After session 3, 1 year on', 'After session 3, 3 years on', 'After session 3, 5 years on']);
  assert.deepEqual(wordsFor('es').compareChoices(2).map((c) => `${c.value} ${c.label}`), [
    '0/healed Antes del tratamiento', '1/healed Tras la sesión 1, cicatrizado', '2/healed Tras la sesión 2, cicatrizado',
    '2/fresh Tras la sesión 2, recién hecho', '2/1 Tras la sesión 2, 1 año después', '2/3 Tras la sesión 2, 3 años después', '2/5 Tras la sesión 2, 5 años después']);
  assert.equal(wordsFor('es').notice, 'Ilustración, no una garantía de resultados.');
});

test('past a planned top-up the stages to compare with say so, as the status line does', () => {
  // (The list read "3 years on" where the status line and the plan read "3 years on, after
  // the top-up at 3 years" for the same stage.)
  for (const lang of ['en', 'es']) {
    const words = wordsFor(lang);
    const choices = words.compareChoices(3, 3);
    for (const y of [1, 3, 5]) {
      const choice = choices.find((c) => c.value === `3/${y}`);
      const status = words.stageLabel({ session: 3, sessions: 3, age: y }, 3);
      assert.ok(status.endsWith(choice.label.slice(choice.label.indexOf(',') + 1)), `${lang} ${y}: “${choice.label}” / “${status}”`);
      assert.equal(/top-up|retoque/.test(choice.label), y >= 3, `${lang} ${y}: ${choice.label}`);
    }
  }
});

test('a stage label fitted to its picture is drawn no wider than the room, at any export width', () => {
  // (Fitted at 13.6 px and drawn at 14, "Tras la sesión 1 de 4, 10 años después, tras el
  // retoque a los 9 años" ran 22 px past the right picture's edge at 1080 px.)
  const width = (text, font) => text.length * 0.56 * Number(/ ([\d.]+)px/.exec(font)[1]);
  const measure = (text, px) => width(text, exportFont(px, 600));
  const labels = [wordsFor('es').stageLabel({ session: 1, sessions: 4, age: 10 }, 9), wordsFor('en').stageLabel({ session: 1, sessions: 4, age: 10 }, 9), 'Antes del tratamiento'];
  for (const w of [320, 400, 800, 1080, 1600, 2160]) {
    const o = exportOptions({ kind: 'both', width: w });
    const unit = o.panelHeight / 100;
    const room = o.panel - unit * 1.2 * 4;
    for (const label of labels) {
      const lines = labelLines(label, room, measure, unit * 2.4);
      for (const line of lines.text) assert.ok(width(line, exportFont(lines.px, 600)) <= room + 1e-9, `${w} px: “${line}” at ${exportFont(lines.px, 600)}`);
    }
  }
});
