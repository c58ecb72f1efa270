// Browsing like a person: home → plan → group → measure, checking what each page shows
// against the seed documents in samples/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE, follow, launch, newPage, open, tableRow, text } from './helpers.mjs';

const Y = (n, western) => `令和${n}年度（${western}年度）`;

describe('navigation', () => {
  let browser;
  let page;
  before(async () => {
    browser = await launch();
    page = await newPage(browser);
  });
  after(async () => {
    await browser?.close();
  });

  it('home lists the five documents as seven plans of four cities', async () => {
    await open(page, '/');
    assert.equal(await text(page, 'h1'), '計画の進捗一覧');
    const cities = await page.locator('main h2').allInnerTexts();
    assert.deepEqual(cities.map((c) => c.trim()).sort(), ['小樽市', '川口市', '清瀬市', '熊谷市'].sort());
    const plans = await page.locator('main table th[scope="row"] a').allInnerTexts();
    assert.equal(plans.length, 7);
    for (const title of [
      '川口市自殺対策推進計画',
      '熊谷市自殺対策計画',
      '小樽市自殺対策計画',
      '清瀬市自殺対策計画',
      '川口市地域共生社会推進計画',
      '川口市成年後見制度利用促進計画',
      '川口市再犯防止推進計画',
    ]) {
      assert.ok(plans.includes(title), `home lists ${title}`);
    }
  });

  it('川口市自殺対策推進計画: plan → report → No.1 階層別研修', async () => {
    await open(page, '/');
    await follow(page, '川口市自殺対策推進計画', 'main');
    assert.equal(await text(page, 'h1'), '川口市自殺対策推進計画');
    assert.match(page.url(), /\/plans\/\d+$/);
    // 136 measures (No.1–136) with 149 records (13 rows continue a measure for another 課).
    // The list has no 取組状況 column: the dashboard shows measures, cost and directions.
    const whole = await tableRow(page, '施策ごとの', '計画全体');
    assert.ok(whole, 'plan row of the dashboard');
    assert.equal(whole.cells[0], '136');
    assert.ok(whole.cells.includes('2,235,269,650円'), `cost total: ${whole.cells}`);
    assert.match(await text(page, 'main dl.figures'), /136事業（全136事業・記録149件）/);

    await follow(page, '報告書の表', 'main');
    assert.equal(await text(page, 'h1'), '川口市自殺対策推進計画 報告書の表');
    await follow(page, '階層別研修', 'main');
    assert.equal(await text(page, 'h1'), '階層別研修');
    const facts = await text(page, 'main dl.facts');
    assert.match(facts, /No\. 1/);
    assert.match(facts, /新規採用職員等/);
    const divisions = await page.locator('main h2:has-text("担当課") + ul').innerText();
    assert.match(divisions, /職員課/);

    const progress = await tableRow(page, '年度ごとの実施計画', '実施状況・実績');
    assert.deepEqual(progress.headers, ['項目', Y(4, 2022)]);
    assert.equal(progress.cells[0], '修了者数 93名 実施回数 対面研修1回');
    const direction = await tableRow(page, '年度ごとの実施計画', '方向性（翌年度）');
    assert.deepEqual(direction.cells, ['継続']);
    const effect = await tableRow(page, '年度ごとの実施計画', '効果');
    assert.equal(effect.cells[0], '自殺に対する知識や理解を深めるとともに意識の向上を図ることができました。');

    const output = await tableRow(page, '数値で示された実績', Y(4, 2022));
    assert.deepEqual(output.cells.slice(0, 3), ['職員課', '修了者数', '93名']);
    const cost = await tableRow(page, '経費', Y(4, 2022));
    assert.equal(cost.cells[0], '職員課');
    assert.ok(cost.cells.includes('0円'), `cost 0円: ${cost.cells}`);
    assert.ok(cost.cells.includes('0円 (内部講師のため)'), `original kept: ${cost.cells}`);
    // The source is named by the report's title and year, never by its file and line.
    assert.match(await text(page, 'main'), /までの報告）/);
    assert.doesNotMatch(await text(page, 'main'), /000_93a6ad023fb5add3\.txt/);
  });

  it('熊谷市自殺対策計画: plan → 基本施策１ → 熊谷市自殺予防対策連絡協議会 (令和2・3年度)', async () => {
    await open(page, '/');
    await follow(page, '熊谷市自殺対策計画', 'main');
    assert.equal(await text(page, 'h1'), '熊谷市自殺対策計画');
    // The trend across the three fiscal years of the sheet.
    const r3 = await tableRow(page, '年度ごとの記録数', Y(3, 2021));
    assert.ok(r3, '令和3年度 in the trend');
    assert.equal(r3.cells[0], '91', 'records of 令和3年度');
    assert.equal(r3.cells[2], '89', '実施済 in 令和3年度');

    await follow(page, '基本施策１ 地域におけるネットワークの強化', 'main');
    assert.equal(await text(page, 'h1'), '基本施策１ 地域におけるネットワークの強化');
    const listed = await page.locator('main table tbody th, main table tbody td').allInnerTexts();
    for (const name of ['熊谷市自殺予防対策連絡協議会', 'ＤＶ対策庁内連絡会議', '見守りネットワーク']) {
      assert.ok(listed.some((t) => t.includes(name)), `group lists ${name}`);
    }

    await follow(page, '熊谷市自殺予防対策連絡協議会', 'main');
    assert.equal(await text(page, 'h1'), '熊谷市自殺予防対策連絡協議会');
    assert.match(await text(page, 'main dl.facts'), /計画書ページ 18/);
    assert.match(await page.locator('main h2:has-text("担当課") + ul').innerText(), /熊谷保健センター（市民部）/);

    const result = await tableRow(page, '年度ごとの実施計画', '実施状況・実績');
    assert.deepEqual(result.headers, ['項目', Y(2, 2020), Y(3, 2021), Y(4, 2022)]);
    // 令和2年度実績: the written meeting of 令和３年２月１２日.
    assert.match(result.cells[0], /書面\s?開催とした/);
    assert.match(result.cells[0], /日時：令和３年２月１２日/);
    // 令和3年度実績: the meeting of 令和３年１０月２９日 at 緑化センター.
    assert.match(result.cells[1], /日時：令和３年１０月２９日/);
    assert.match(result.cells[1], /場所：緑化センター/);
    const plan = await tableRow(page, '年度ごとの実施計画', '実施計画');
    assert.match(plan.cells[1], /関係課（１３課）・関係団体/, '令和3年度計画');
    assert.match(plan.cells[2], /日時：未定/, '令和4年度以降の計画');
    const status = await tableRow(page, '年度ごとの実施計画', '取組状況');
    assert.equal(status.cells[1], 'ア 実施済');
    const achievement = await tableRow(page, '年度ごとの実施計画', '達成度');
    assert.deepEqual(achievement.cells.slice(0, 2), ['100%', '100%']);

    await follow(page, '基本施策１ 地域におけるネットワークの強化', 'main');
    assert.equal(await text(page, 'h1'), '基本施策１ 地域におけるネットワークの強化');
  });

  it('清瀬市自殺対策計画: plan → 施策1-1 → a measure whose 部 and 課 were renamed', async () => {
    await open(page, '/');
    await follow(page, '清瀬市自殺対策計画', 'main');
    assert.equal(await text(page, 'h1'), '清瀬市自殺対策計画');
    await follow(page, '施策1-1 地域におけるネットワークの構築・強化', 'main');
    assert.equal(await text(page, 'h1'), '施策1-1 地域におけるネットワークの構築・強化');
    assert.match(await text(page, 'main dl.facts'), /上位の施策 基本施策1 地域におけるネットワークの構築・強化/);

    const measure = '自治会、円卓会議等のネットワークの構築・強化';
    await follow(page, measure, 'main');
    assert.equal(await text(page, 'h1'), measure);
    // 「企画部(令和4年度～地域振興部)」「シティプロモーション課(令和4年度～市民協働課)」
    const divisions = await page.locator('main h2:has-text("担当課") + ul').innerText();
    assert.match(divisions, /シティプロモーション課（企画部/);
    assert.match(divisions, /企画部。部の名称変更: 令和4年度から「地域振興部」/);
    assert.match(divisions, /名称変更: 令和4年度から「市民協働課」/);
    assert.match(divisions, /健康推進課（生涯健康部）/);

    const result = await tableRow(page, '年度ごとの実施計画', '達成度');
    assert.deepEqual(result.headers, ['項目', Y('元', 2019), Y(2, 2020), Y(3, 2021), Y(4, 2022), Y(5, 2023)]);
    assert.deepEqual(result.cells.slice(2, 4), ['30%', '60%']);
    const status = await tableRow(page, '年度ごとの実施計画', '取組状況');
    assert.deepEqual(status.cells.slice(0, 2), ['実施', '実施']);
    const done = await tableRow(page, '年度ごとの実施計画', '実施状況・実績');
    assert.equal(done.cells[0], '自治会会長あてにグートキーパー養成研修のリーフレットを配布');

    // The division page shows the measure under the name of each year.
    // Divisions are per municipality: the page is 清瀬市's division.
    await follow(page, 'シティプロモーション課', 'main');
    assert.equal(await text(page, 'h1'), '清瀬市 シティプロモーション課');
    const names = await page.locator('main table tbody td:nth-child(4)').allInnerTexts();
    assert.ok(names.includes('市民協働課'), 'renamed in 令和4年度');
    assert.ok(names.includes('シティプロモーション課'), 'old name before 令和4年度');
  });

  it('a fiscal year chosen in the selector is shown in 和暦', async () => {
    await open(page, '/');
    await follow(page, '熊谷市自殺対策計画', 'main');
    await page.selectOption('#year', { label: Y(3, 2021) });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '表示' }).click()]);
    assert.match(page.url(), /\?year=2021$/);
    assert.match(await text(page, 'main h2#glance-heading'), /令和3年度（2021年度）の概況/);
    assert.match(await text(page, 'main h2:has-text("施策ごとの進捗")'), /施策ごとの進捗（令和3年度（2021年度））/);
    const whole = await tableRow(page, '施策ごとの取組状況', '計画全体');
    assert.equal(whole.cells[2], '89', '実施済 in 令和3年度');
    assert.ok(page.url().startsWith(BASE));
  });
});
