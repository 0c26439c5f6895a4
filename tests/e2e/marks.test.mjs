// End-to-end: scars and marks as a technician handles them. Add an FUE area and a strip
// scar, move one with the mouse, resize one with a finger and with the arrow keys, undo a
// step, and get the marks back from a saved design file and after a reload; the engine
// fills a mark laid over remaining hair.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startHarness, openDesigner, ARTIFACTS, settle } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const nextFrames = settle;
const marks = (page) => page.evaluate(() => window.hairline.getDesign().marks ?? []);
const centreOf = async (page, selector) => {
  const b = await page.locator(selector).boundingBox();
  return [b.x + b.width / 2, b.y + b.height / 2];
};

test('marks: add, move with the mouse, resize with a finger and the keys, undo, save and reload', async () => {
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 900 }, hasTouch: true });
  await page.click('button.preset[data-preset="norwood-2"]');
  const dotsBefore = await page.evaluate(() => window.hairline.stats().dots);
  await page.click('#add-fue');
  await nextFrames(page);
  let list = await marks(page);
  assert.equal(list.length, 1);
  assert.equal(list[0].kind, 'fue');
  const dotsWithArea = await page.evaluate(() => window.hairline.stats().dots);
  assert.ok(dotsWithArea > dotsBefore + 300, `an FUE area in full hair is filled: ${dotsBefore} → ${dotsWithArea} impressions`);
  assert.match(await page.textContent('#mark-list'), /FUE scar area, 4\.0 × 2\.4 cm/);

  // Mouse: drag the middle handle 20 mm to the right (from where the new area went: clear
  // of the line's handles, near the engine's default).
  const [mx, my] = [list[0].x, list[0].y];
  const [x0, y0] = await centreOf(page, '.mark-handle.move[data-mark="0"]');
  const [tx] = await page.evaluate(([x, y]) => window.hairline.toScreen([x + 20, y]), [mx, my]);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let k = 1; k <= 10; k += 1) await page.mouse.move(x0 + ((tx - x0) * k) / 10, y0, { steps: 1 });
  await page.mouse.up();
  await nextFrames(page);
  list = await marks(page);
  assert.ok(Math.abs(list[0].x - (mx + 20)) < 1 && Math.abs(list[0].y - my) < 1, `moved from ${mx}, ${my} to ${list[0].x}, ${list[0].y}`);

  // Finger: drag the resize handle out to make the area 30 × 20 mm in radius.
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const [sx, sy] = await centreOf(page, '.mark-handle.size[data-mark="0"]');
  const [ex, ey] = await page.evaluate(([x, y]) => window.hairline.toScreen([x + 30, y + 20]), [list[0].x, list[0].y]);
  await touch('touchStart', [[sx, sy]]);
  for (let k = 1; k <= 8; k += 1) await touch('touchMove', [[sx + ((ex - sx) * k) / 8, sy + ((ey - sy) * k) / 8]]);
  await touch('touchEnd', []);
  await nextFrames(page);
  list = await marks(page);
  assert.ok(Math.abs(list[0].rx_mm - 30) < 1 && Math.abs(list[0].ry_mm - 20) < 1, `resized to ${list[0].rx_mm} × ${list[0].ry_mm}`);

  // Keys: a strip scar, its end handle one 5 mm step to the right (Shift + →).
  await page.click('#add-strip');
  await nextFrames(page);
  await page.focus('.mark-handle.size[data-mark="1"]');
  await page.keyboard.press('Shift+ArrowRight');
  await nextFrames(page);
  list = await marks(page);
  assert.equal(list[1].kind, 'strip');
  assert.ok(Math.abs(list[1].length_mm - 130) < 0.01, `strip ${list[1].length_mm} mm long`);
  // One undo takes back the key step only.
  await page.click('#undo');
  assert.equal((await marks(page))[1].length_mm, 120);
  await page.click('#redo');
  await page.screenshot({ path: `${ARTIFACTS}marks-1366x900.png` });

  // The design file carries the marks; a reload brings them back.
  const download = page.waitForEvent('download');
  await page.click('#save-design');
  const file = JSON.parse(await readFile(await (await download).path(), 'utf8'));
  assert.deepEqual(file.marks, await marks(page));
  assert.equal(file.head.preset, 'norwood-2');
  const kept = await page.evaluate(() => window.hairline.getDesign());
  await page.reload();
  await page.evaluate(() => window.hairline.ready);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), kept);
  assert.equal(await page.locator('.mark-handle').count(), 4, 'two handles for each of the two marks');
  // Removing one is one undoable step.
  await page.click('#mark-list li:first-child button');
  assert.equal((await marks(page)).length, 1);
  await page.click('#undo');
  assert.equal((await marks(page)).length, 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test('scars stay when another preset is chosen; a change of view says where they went, and turning back brings the design back', async () => {
  // Choosing another preset or view removed every mark with no word.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1366, height: 900 } });
  await page.click('#add-strip');
  await settle(page);
  const marksOf = () => page.evaluate(() => window.hairline.getDesign().marks ?? []);
  const [strip] = await marksOf();
  await page.click('button.preset[data-preset="norwood-3"]');
  await settle(page);
  assert.equal((await page.evaluate(() => window.hairline.getDesign())).head.preset, 'norwood-3');
  assert.deepEqual(await marksOf(), [strip], 'the scar stays with another preset');
  await page.click('label:has(input[name="head-view"][value="top"])');
  await settle(page);
  assert.deepEqual(await marksOf(), []);
  assert.match(await page.textContent('#message'), /scar or mark stays with the front view: it comes back when you turn back to it/);
  await page.keyboard.press('Control+z');
  await settle(page);
  assert.deepEqual(await marksOf(), [strip]);
  // Turned to the view from above and back, the front's design comes back whole: its scar,
  // its line as edited and its top-up (it started the front's preset design again, all
  // gone, after saying the scar stayed with the front view).
  await page.evaluate(() => window.hairline.setDesign({ ...window.hairline.getDesign(), top_up_years: 3, density_per_cm2: 70 }));
  const front = await page.evaluate(() => window.hairline.getDesign());
  await page.click('label:has(input[name="head-view"][value="top"])');
  await settle(page);
  assert.equal((await page.evaluate(() => window.hairline.getDesign())).head.view, 'top');
  await page.click('label:has(input[name="head-view"][value="front"])');
  await settle(page);
  assert.deepEqual(await page.evaluate(() => window.hairline.getDesign()), front);
  assert.deepEqual(problems, []);
  await context.close();
});

test("on a phone a new mark's handles do not cover the line's, and a finger takes the one it touches", async () => {
  // Found by exploratory passes: an FUE area's middle handle landed on the line's middle
  // handle (5 mm apart, under one finger), so a tap there took the mark, never the line;
  // and its corner handle lay 32 px from its middle, the two targets overlapping.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const boxes = (selector) => page.locator(selector).evaluateAll((els) => els.filter((e) => !e.hidden).map((e) => {
    const r = e.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
  }));
  const overlap = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([px, py]) => ({ x: px, y: py })) });
  const drag = async ([x, y], [dx, dy]) => {
    await touch('touchStart', [[x, y]]);
    for (let k = 1; k <= 5; k += 1) await touch('touchMove', [[x + (dx * k) / 5, y + (dy * k) / 5]]);
    await touch('touchEnd', []);
    await settle(page);
  };
  const centre = ([x0, y0, x1, y1]) => [(x0 + x1) / 2, (y0 + y1) / 2];
  // An FUE area: its corner handle, shown apart from its middle, resizes by what the finger moves.
  await page.tap('#add-fue');
  await settle(page);
  const [move] = await boxes('.mark-handle.move[data-mark="0"]');
  const [size] = await boxes('.mark-handle.size[data-mark="0"]');
  assert.ok(!overlap(move, size), `its two handles: ${move.map(Math.round)} and ${size.map(Math.round)}`);
  const fue = (await page.evaluate(() => window.hairline.getDesign().marks))[0];
  const mm = await page.evaluate(() => window.hairline.toScreen([10, 0])[0] - window.hairline.toScreen([0, 0])[0]) / 10;
  await drag(centre(size), [10 * mm, 0]);
  const resized = (await page.evaluate(() => window.hairline.getDesign().marks))[0];
  assert.ok(Math.abs(resized.rx_mm - (fue.rx_mm + 10)) < 1, `the corner moved with the finger: rx ${fue.rx_mm} → ${resized.rx_mm}`);
  assert.ok(Math.abs(resized.ry_mm - fue.ry_mm) < 1);
  // Two more: no mark's handle covers one of the line's, nor its own other handle.
  for (const kind of ['strip', 'patch']) {
    await page.tap(`#add-${kind}`);
    await settle(page);
  }
  const line = await boxes('.handle');
  const marks = await boxes('.mark-handle');
  assert.equal(marks.length, 6);
  for (const m of marks) for (const h of line) assert.ok(!overlap(m, h), `mark handle ${m.map(Math.round)} covers line handle ${h.map(Math.round)}`);
  for (let i = 0; i < 3; i += 1) {
    const [a] = await boxes(`.mark-handle.move[data-mark="${i}"]`);
    const [b] = await boxes(`.mark-handle.size[data-mark="${i}"]`);
    assert.ok(!overlap(a, b), `mark ${i}: ${a.map(Math.round)} and ${b.map(Math.round)}`);
  }
  // The line's middle handle still answers a finger: dragged 10 px up, the line moves.
  const before = await page.evaluate(() => window.hairline.getDesign().hairline);
  await drag(centre(line[Math.floor(line.length / 2)]), [0, -10]);
  assert.notDeepEqual(await page.evaluate(() => window.hairline.getDesign().hairline), before, 'the line moved');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a patch dragged half off the scalp says its impressions stop at the scalp, and stops saying it back on it', async () => {
  // Found by a user-pass helper: the pale patch showed whole, its impressions stopped on an
  // invisible straight line (the scalp's lower edge), and nothing said why.
  const { page, context, problems } = await openDesigner(harness, { viewport: { width: 1180, height: 820 }, deviceScaleFactor: 2, hasTouch: true });
  await page.tap('#add-patch');
  await nextFrames(page);
  const advice = () => page.evaluate(() => document.querySelector('hairline-designer').shadowRoot.getElementById('advice').textContent);
  assert.doesNotMatch(await advice(), /off the scalp/);
  const mark = (await marks(page))[0];
  const [x0, y0] = await centreOf(page, '.mark-handle.move[data-mark="0"]');
  const [mx, my] = [mark.x, mark.y];
  const [tx, ty] = await page.evaluate(([dx, dy]) => window.hairline.toScreen([125 + dx, 97 + dy]), [0, 0]);
  const [hx, hy] = await page.evaluate(([x, y]) => window.hairline.toScreen([x, y]), [mx, my]);
  // The middle handle sits on the mark's centre: drag it by the offset to the target.
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  await touch('touchStart', [[x0, y0]]);
  for (let k = 1; k <= 10; k += 1) await touch('touchMove', [[x0 + ((tx - hx) * k) / 10, y0 + ((ty - hy) * k) / 10]]);
  await touch('touchEnd', []);
  await nextFrames(page);
  const moved = (await marks(page))[0];
  assert.ok(Math.abs(moved.x - 125) < 1.5 && Math.abs(moved.y - 97) < 1.5, `the patch went to ${moved.x}, ${moved.y}`);
  assert.match(await advice(), /A scar or mark lies off the scalp this design treats, in part or whole/);
  await page.evaluate(() => window.hairline.undo());
  await nextFrames(page);
  assert.doesNotMatch(await advice(), /off the scalp/, JSON.stringify({ before: mark, now: (await marks(page))[0] }));
  assert.deepEqual(problems, []);
  await context.close();
});
