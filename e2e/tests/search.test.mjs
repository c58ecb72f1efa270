// Japanese full-text search through the header form: 2-character queries, highlights, filters.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, newPage, open, text } from './helpers.mjs';

/** Searches from the header form of the current page, like a person typing. */
async function searchFromHeader(page, q) {
  const form = page.locator('header form[role="search"]');
  await form.getByLabel('サイト内検索').fill(q);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.getByRole('button', { name: '検索' }).click()]);
}

async function results(page) {
  const heading = await text(page, 'main h2');
  const m = heading.match(/検索結果 (\d+)件/);
  assert.ok(m, `result heading: ${heading}`);
  const hits = await page.locator('main ol.hits > li').evaluateAll((lis) =>
    lis.map((li) => ({
      title: li.querySelector('a').textContent.trim(),
      href: li.querySelector('a').getAttribute('href'),
      meta: li.querySelector('.hit-meta').textContent.trim(),
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
    })),
  );
  return { total: Number(m[1]), hits };
}

describe('search', () => {
  let browser;
  let page;
  before(async () => {
    browser = await launch();
    page = await newPage(browser);
  });
  after(async () => {
    await browser?.close();
  });

  it('「相談」 from the header form: hits in several plans, highlighted', async () => {
    await open(page, '/');
    await searchFromHeader(page, '相談');
    const url = new URL(page.url());
    assert.equal(url.pathname, '/search');
    assert.equal(url.searchParams.get('q'), '相談');
    assert.equal(await page.inputValue('#q'), '相談', 'the query stays in the search form');
    const { total, hits } = await results(page);
    assert.ok(total >= 50, `many hits for 相談: ${total}`);
    assert.ok(hits.length > 0 && hits.length <= total);
    const plans = new Set(hits.map((h) => h.meta.split(' — ')[1]));
    for (const plan of ['清瀬市 清瀬市自殺対策計画', '川口市 川口市自殺対策推進計画', '熊谷市 熊谷市自殺対策計画', '小樽市 小樽市自殺対策計画']) {
      assert.ok(plans.has(plan), `hits from ${plan}: ${[...plans]}`);
    }
    // Every hit shows a highlighted 相談 in its snippets.
    for (const h of hits) {
      assert.ok(h.marks.length > 0, `${h.title} has <mark>`);
      assert.ok(h.marks.every((m) => m === '相談'), `${h.title}: marks ${h.marks}`);
    }
    // Well-known measures of the seeds are found: 川口 No.7 市民相談事業, 清瀬 市民相談.
    const titles = hits.map((h) => h.title);
    assert.ok(titles.includes('市民相談事業'), 'Kawaguchi No.7 市民相談事業');
    assert.ok(titles.includes('市民相談'), 'Kiyose 市民相談');
    // A hit leads to its page.
    const first = hits[0];
    await Promise.all([page.waitForNavigation(), page.locator('main ol.hits > li a').first().click()]);
    assert.equal(new URL(page.url()).pathname, new URL(first.href, page.url()).pathname);
    assert.equal(await text(page, 'h1'), first.title);
  });

  it('a plan filter narrows the 「相談」 results to that plan', async () => {
    await open(page, '/search?q=' + encodeURIComponent('相談'));
    const all = await results(page);
    await page.selectOption('#f-plan', { label: '熊谷市 熊谷市自殺対策計画' });
    await Promise.all([page.waitForNavigation(), page.locator('main form').getByRole('button', { name: '検索' }).click()]);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), '相談');
    assert.ok(url.searchParams.get('plan'), 'plan parameter');
    const narrowed = await results(page);
    assert.ok(narrowed.total > 0, 'Kumagaya has 相談 measures');
    assert.ok(narrowed.total < all.total, `${narrowed.total} < ${all.total}`);
    for (const h of narrowed.hits) {
      assert.match(h.meta, /熊谷市自殺対策計画$/, `${h.title} is from Kumagaya`);
    }
    // The filter stays selected on the results page.
    const selected = await page.locator('#f-plan option:checked').innerText();
    assert.match(selected, /熊谷市自殺対策計画/);
  });

  it('a fiscal-year filter narrows too (令和5年度)', async () => {
    await open(page, '/search?q=' + encodeURIComponent('相談'));
    const all = await results(page);
    await page.selectOption('#f-year', { value: '2023' });
    await Promise.all([page.waitForNavigation(), page.locator('main form').getByRole('button', { name: '検索' }).click()]);
    const narrowed = await results(page);
    assert.ok(narrowed.total > 0 && narrowed.total < all.total, `${narrowed.total} < ${all.total}`);
  });

  it('「高齢」 finds the elderly-care measures of several plans', async () => {
    await open(page, '/divisions');
    await searchFromHeader(page, '高齢');
    const { total, hits } = await results(page);
    assert.ok(total >= 10, `hits for 高齢: ${total}`);
    const titles = hits.map((h) => h.title);
    // 川口 No.15 and No.17; 清瀬 「高齢者に関する会議・保健・福祉等の分野との連携強化」.
    for (const t of ['高齢者の支援に向けたネットワーク', '高齢者虐待相談事業', '高齢者に関する会議・保健・福祉等の分野との連携強化']) {
      assert.ok(titles.includes(t), `found ${t}`);
    }
    assert.ok(new Set(hits.map((h) => h.meta.split(' — ')[1])).size >= 3, 'hits from three plans or more');
    for (const h of hits) {
      assert.ok(h.marks.length > 0 && h.marks.every((m) => m === '高齢'), `${h.title}: marks ${h.marks}`);
    }
  });

  it('the empty search form explains what to type', async () => {
    await open(page, '/search');
    assert.equal(await text(page, 'h1'), '検索');
    assert.match(await text(page, 'main'), /2文字の語（例: 相談、高齢）から検索できます/);
    assert.equal(await page.locator('main ol.hits > li').count(), 0);
  });
});
