// The council evaluation report of 川口市地域共生社会推進計画 (seed 004): goal ratings, the 47
// indicators and the S–D scheme.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { follow, launch, newPage, open, text } from './helpers.mjs';

describe('evaluation report', () => {
  let browser;
  let page;
  before(async () => {
    browser = await launch();
    page = await newPage(browser);
    await open(page, '/');
    await follow(page, '川口市地域共生社会推進計画', 'main');
    await follow(page, '評価報告書', 'main');
  });
  after(async () => {
    await browser?.close();
  });

  it('shows the S・A・B・C・D scheme of the document', async () => {
    assert.equal(await text(page, 'h1'), '川口市地域共生社会推進計画 評価報告書');
    const lead = await text(page, 'main p.lead');
    assert.match(lead, /令和6年度（2024年度）の評価/);
    for (const level of ['S：120%超', 'A：100～120%程度', 'B：80～100%程度', 'C：50～80%程度', 'D：50%程度']) {
      assert.ok(lead.includes(level), `scheme level ${level}`);
    }
  });

  it('rates all five basic goals B, with their reasons', async () => {
    const goals = await page.locator('main section.report > h2').allInnerTexts();
    const goalHeadings = goals.filter((g) => g.startsWith('基本目標'));
    assert.deepEqual(goalHeadings.map((g) => g.replace(/\s+/g, ' ').trim()), [
      '基本目標1 包括的な支援体制の整備及び充実',
      '基本目標2 高齢者が健やかに暮らし、活躍できるまちづくり・地域包括ケアシステムの発展',
      '基本目標3 障害の有無にかかわらず、誰もが地域で支え合い、元気に安心して暮らせるまち',
      '基本目標4 生活困窮状態からの早期自立に向けた体制の整備',
      '基本目標5 全ての子どもが健やかに成長できる体制づくり',
    ]);
    const ratings = await page.locator('main table:has(caption:text-matches("の評価と評価の理由$")) tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        goal: tr.querySelector('th').textContent.trim(),
        grade: tr.querySelector('td .badge').textContent.trim(),
        reason: tr.querySelectorAll('td')[1].textContent.trim(),
      })),
    );
    assert.equal(ratings.length, 5, 'one rating per goal');
    assert.deepEqual(ratings.map((r) => r.grade), ['B', 'B', 'B', 'B', 'B']);
    assert.ok(ratings[0].reason.startsWith('世代属性を問わない交流の場の数が目標値に達していないものの'));
    assert.ok(ratings.every((r) => r.reason.endsWith('ため。')), 'each reason as written');
  });

  it('lists the 47 indicators, each with its own block and grade', async () => {
    const blocks = await page.locator('main section.report > h3 > a').allInnerTexts();
    assert.equal(blocks.length, 47, 'one block per indicator');
    const grades = await page
      .locator('main table:has(caption:text-matches("の評価$")) tbody td:first-child .badge')
      .allInnerTexts();
    assert.equal(grades.length, 47);
    // The reported grades of the document: S 2, A 16, B 17, C 10, D 2.
    const count = (g) => grades.filter((x) => x.trim() === g).length;
    assert.deepEqual(
      { S: count('S'), A: count('A'), B: count('B'), C: count('C'), D: count('D') },
      { S: 2, A: 16, B: 17, C: 10, D: 2 },
    );
    // The indicator tables: 成果指標 rows under each goal add up to 47 indicators.
    const captions = await page.locator('main table caption').allInnerTexts();
    const rows = captions
      .map((c) => c.match(/成果指標（(\d+)行）/))
      .filter(Boolean)
      .map((m) => Number(m[1]));
    assert.equal(rows.length, 5, 'one indicator table per goal');
    // 17 + 7 + 6 + 11 + 6 indicator rows, under one group row per goal.
    assert.deepEqual(rows, [17, 7, 6, 11, 6]);
    const tables = page.locator('main table:has(caption:text-matches("成果指標（"))');
    assert.equal(await tables.locator('tbody tr:not(.group)').count(), 47);
    assert.equal(await tables.locator('tbody tr.group').count(), 5);
    // 世代・属性を問わない交流の場の数: target 52か所, actual 46か所, B.
    const block = page.locator('main table', { has: page.locator('caption', { hasText: '世代・属性を問わない交流の場の数の評価' }) });
    assert.deepEqual(
      (await block.locator('tbody td').allInnerTexts()).map((t) => t.trim()),
      // The reported grade, the grade the plan's rule gives, the target and the actual.
      ['B', 'B', '52か所', '46か所'],
    );
    // フードドライブ設置数: 20か所 targeted, 4か所 reached, D.
    const food = page.locator('main table', { has: page.locator('caption', { hasText: 'フードドライブ設置数の評価' }) });
    assert.deepEqual((await food.locator('tbody td').allInnerTexts()).map((t) => t.trim()), ['D', 'D', '20か所', '4か所']);
  });

  it('an indicator block leads to the indicator page with its chart and table', async () => {
    await follow(page, '世代・属性を問わない交流の場の数', 'main');
    assert.equal(await text(page, 'h1'), '世代・属性を問わない交流の場の数');
    assert.match(await text(page, 'main dl.facts'), /現状値 32か所（令和5年度（2023年度））/);
    assert.equal(await page.locator('main figure svg[role="img"]').count(), 1, 'chart with a text alternative');
    const label = await page.locator('main figure svg[role="img"]').getAttribute('aria-label');
    assert.ok(label.includes('R6 実績値 46か所、目標値 52か所'), label);
    assert.ok(label.includes('R7 目標値 72か所、未到来'), label);
    const row = await page.locator('main table tbody tr', { hasText: '令和6年度（2024年度）' }).first().innerText();
    assert.match(row, /52か所/);
    assert.match(row, /46か所/);
  });
});
