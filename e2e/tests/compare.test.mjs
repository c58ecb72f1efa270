// Cities side by side (issue 12, item 2): the comparison page of the suicide-prevention plans
// under the national policy package's areas, its filters (a GET form, no JavaScript needed),
// its CSV, and division pages per municipality — checked against the seeds, with axe-core
// (WCAG 2.1 A/AA) and at 390, 768 and 1280 px without horizontal overflow.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BASE, api, axeViolations, formatViolations, launch, newPage, open, parseCsv, seg, tableRow,
} from './helpers.mjs';

const COMPARE = '/compare/suicide_prevention';

const pages = [
  '/compare',
  COMPARE,
  `${COMPARE}?year=2019`,
  `${COMPARE}?year=2022`,
  '/divisions',
  `/divisions/${seg('生活福祉課')}`,
  `/divisions/${seg('熊谷市')}/${seg('生活福祉課')}`,
  `/divisions/${seg('清瀬市')}/${seg('東京都')}`,
  `/divisions/${seg('川口市')}/${seg('職員課')}`,
];

/** Measures per area and city, from the documents (see crates/web/tests/compare.rs). */
const OVERVIEW = {
  '基本施策1 地域におけるネットワークの強化': ['0事業 —', '8事業 100%', '3事業 記載なし', '7事業 50%'],
  '基本施策2 自殺対策を支える人材の育成': ['0事業 —', '8事業 88%', '1事業 記載なし', '6事業 83%'],
  '基本施策3 住民への啓発と周知': ['0事業 —', '16事業 100%', '3事業 記載なし', '8事業 71%'],
  '基本施策4 生きることの促進要因への支援': ['0事業 —', '53事業 98%', '4事業 記載なし', '4事業 100%'],
  '基本施策5 児童生徒のSOSの出し方に関する教育': ['0事業 —', '5事業 100%', '3事業 記載なし', '0事業 —'],
  '重点施策 高齢者': ['0事業 —', '0事業 —', '3事業 記載なし', '17事業 25%'],
  '重点施策 生活困窮者': ['0事業 —', '0事業 —', '2事業 記載なし', '18事業 75%'],
  '重点施策 子ども・若者': ['0事業 —', '0事業 —', '0事業 —', '32事業 60%'],
  '重点施策 勤務・経営': ['0事業 —', '0事業 —', '2事業 記載なし', '9事業 63%'],
  '政策パッケージの領域に対応付けのない事業': ['136事業 記載なし', '0事業 —', '0事業 —', '0事業 —'],
};

describe('the comparison page and division pages', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('pass axe-core with one h1 and nothing internal shown', async () => {
    const page = await newPage(browser);
    for (const path of pages) {
      await open(page, path);
      assert.equal(await page.locator('h1').count(), 1, `${path}: one h1`);
      const v = await axeViolations(page);
      assert.deepEqual(v.map((x) => x.id), [], formatViolations(path, v));
      const body = await page.locator('body').innerText();
      assert.ok(!/\.txt|位置不明|\bline \d/.test(body), `${path}: nothing internal`);
    }
    await page.context().close();
  });

  for (const [width, height] of [[390, 844], [768, 1024], [1280, 900]]) {
    it(`no page is wider than a ${width}px window`, async () => {
      const page = await newPage(browser, { viewport: { width, height } });
      for (const path of pages) {
        await open(page, path);
        const { scroll, client } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        assert.ok(scroll <= client, `${path} at ${width}px: page ${scroll}px wide`);
      }
      await page.context().close();
    });
  }

  it('lines up the four plans with the counts of the documents', async () => {
    const page = await newPage(browser);
    await open(page, COMPARE);
    for (const [area, cells] of Object.entries(OVERVIEW)) {
      const row = await tableRow(page, '政策領域ごとの事業数', area);
      assert.ok(row, `row ${area}`);
      assert.deepEqual(row.headers, ['政策領域', '川口市', '熊谷市', '小樽市', '清瀬市']);
      assert.deepEqual(row.cells, cells, area);
    }
    // The detail of an area: 熊谷市 令和3年度, 9 records of 9 done.
    // The row header is the city and, on a line of its own, the year (textContent joins them).
    const row = await tableRow(page, '基本施策1 地域におけるネットワークの強化：', '熊谷市令和3年度（2021年度）');
    assert.ok(row, '熊谷市 row');
    assert.equal(row.cells[0], '8');
    assert.equal(row.cells[1], '実施済 9件／記載 9件（100%）');
    // The scrolled tables can be reached with the keyboard.
    const regions = page.locator('div.wide[role=region][tabindex="0"]');
    assert.ok((await regions.count()) >= 12);
    await page.context().close();
  });

  it('filters by year with a plain form and carries the year into links and the CSV', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await open(page, COMPARE);
    await page.selectOption('#year', '2019');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('main form button[type=submit]')]);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('year'), '2019');
    const plansRow = await tableRow(page, '比べる計画と表示する年度', '熊谷市');
    assert.equal(plansRow.cells[2], 'この年度の公表なし');
    const otaru = await tableRow(page, '比べる計画と表示する年度', '小樽市');
    assert.equal(otaru.cells[2], '令和元年度（2019年度）');
    // The links of the plans that report 令和元年度 (小樽市, 清瀬市) carry it; the others open
    // on their own default year.
    const links = await page.locator('main a[href*="/plans/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const plans = (await api('/api/plans')).plans;
    const withYear = plans.filter((p) => p.fiscal_years.includes(2019)).map((p) => `/plans/${p.id}`);
    assert.deepEqual(withYear.length, 2);
    const ofThem = links.filter((h) => withYear.some((p) => h === p || h.startsWith(p + '?') || h.startsWith(p + '/')));
    assert.ok(ofThem.length >= 2 && ofThem.every((h) => h.includes('year=2019')), `links carry the year: ${ofThem.slice(0, 4)}`);
    const csvHref = await page.getByRole('link', { name: 'この表をCSVでダウンロード' }).getAttribute('href');
    assert.equal(csvHref, `${COMPARE}/compare.csv?year=2019`);
    await page.context().close();
  });

  it('downloads the same table as CSV for Excel', async () => {
    const response = await fetch(BASE + `${COMPARE}/compare.csv`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^text\/csv/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM');
    const body = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
    const rows = parseCsv(body).filter((r) => r.length > 1);
    assert.equal(rows[0][0], '政策領域コード');
    assert.equal(rows.length, 1 + 12 * 4);
    const kumagaya = rows.find((r) => r[0] === 'basic-4' && r[2] === '熊谷市');
    assert.equal(kumagaya[7], '53', '事業数');
  });

  it('keeps divisions per municipality and the old addresses working', async () => {
    const page = await newPage(browser);
    await open(page, `/divisions/${seg('職員課')}`);
    assert.equal(decodeURIComponent(new URL(page.url()).pathname), '/divisions/川口市/職員課');
    await open(page, `/divisions/${seg('生活福祉課')}`);
    const choices = await page.locator('main li a').allInnerTexts();
    assert.deepEqual(choices, ['熊谷市 生活福祉課', '清瀬市 生活福祉課']);
    await open(page, '/divisions');
    const headings = await page.locator('main h2').allInnerTexts();
    assert.deepEqual(headings, ['川口市', '熊谷市', '小樽市', '清瀬市'], 'in the order of the home page');
    await page.context().close();
  });
});
