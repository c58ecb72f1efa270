// The charts of issue 12, item 5, as a reader sees them: an indicator chart that fits a 390 px
// phone with readable value labels, and the S–D distribution per goal of 川口市地域共生社会推進計画
// (seed 004) beside its table.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, launch, newPage, open, seg } from './helpers.mjs';

const plans = (await api('/api/plans')).plans;
const KAWAGUCHI_EVAL = plans.find((p) => p.title === '川口市地域共生社会推進計画')?.id;
assert.ok(KAWAGUCHI_EVAL, 'the 地域共生 plan');
const indicators = (await api(`/api/plans/${KAWAGUCHI_EVAL}/indicators`)).indicators;
const byName = (name) => {
  const i = indicators.find((i) => i.indicator.name === name);
  assert.ok(i, `indicator ${name}`);
  return `/plans/${KAWAGUCHI_EVAL}/indicators/${seg(i.indicator.key)}`;
};

describe('charts', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  for (const [width, height] of [
    [390, 844],
    [768, 1024],
    [1280, 900],
  ]) {
    it(`an indicator chart fits ${width} px and its labels stay readable`, async () => {
      const page = await newPage(browser, { viewport: { width, height } });
      await open(page, byName('自立相談支援事業による新規相談件数'));
      const chart = page.locator('main svg.chart');
      const box = await chart.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= width, `chart inside the window: ${JSON.stringify(box)}`);
      assert.ok(box.width >= Math.min(width - 48, 300), `chart uses the width: ${box.width}`);
      const labels = await page.locator('main svg.chart text.val-actual, main svg.chart text.val-target').evaluateAll((els) =>
        els.map((e) => ({ text: e.textContent, height: e.getBoundingClientRect().height })),
      );
      assert.deepEqual(
        labels.map((l) => l.text).sort(),
        ['1,467件', '1,944件', '1,944件', '793件', '990件'].sort(),
      );
      for (const l of labels) {
        assert.ok(l.height >= 10, `${l.text} at ${width}px: ${l.height}px high`);
      }
      const notes = await page.locator('main svg.chart text.note').evaluateAll((els) => els.map((e) => e.textContent));
      assert.deepEqual(notes.filter((n) => n === '未到来').length, 2, 'R7 and R8 not yet due');
      const { scroll, client } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      assert.ok(scroll <= client, `page ${scroll}px wide at ${width}px`);
      await page.context().close();
    });
  }

  it('the evaluation report counts each goal’s indicators by grade, chart beside table', async () => {
    const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await open(page, `/plans/${KAWAGUCHI_EVAL}/evaluation`);
    const blocks = page.locator('main .grade-dist');
    assert.equal(await blocks.count(), 5, 'one per goal');
    const first = blocks.first();
    const label = await first.locator('svg[role="img"]').getAttribute('aria-label');
    assert.match(label, /成果指標17件の評価の分布: S 0件、A 8件、B 6件、C 1件、D 2件$/);
    const rows = await first.locator('table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector('th[scope="row"]').textContent, tr.querySelector('td').textContent]),
    );
    assert.deepEqual(rows, [
      ['S', '0件'],
      ['A', '8件'],
      ['B', '6件'],
      ['C', '1件'],
      ['D', '2件'],
    ]);
    // The chart writes each count beside its bar (never colour alone).
    const texts = await first.locator('svg text').evaluateAll((els) => els.map((e) => e.textContent));
    assert.deepEqual(texts, ['S', '0件', 'A', '8件', 'B', '6件', 'C', '1件', 'D', '2件']);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= client, `page ${scroll}px wide at 390px`);
    await page.context().close();
  });
});
