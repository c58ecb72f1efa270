// Japanese full-text search through the header form: 2-character queries, highlights, paging
// (20 hits a page), the plan filter (plans with hits, most first), the 自治体名 field and the
// group filter of a chosen plan.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, launch, newPage, open, text } from './helpers.mjs';

const PER_PAGE = 20;
const plans = (await api('/api/plans')).plans;
const KIYOSE = plans.find((p) => p.title === '清瀬市自殺対策計画')?.id;
assert.ok(KIYOSE, 'the Kiyose plan');

/** Searches from the header form of the current page, like a person typing. */
async function searchFromHeader(page, q) {
  const form = page.locator('header form[role="search"]');
  await form.getByLabel('サイト内検索').fill(q);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.getByRole('button', { name: '検索' }).click()]);
}

/** Submits the search form of the main area. */
async function submit(page) {
  await Promise.all([page.waitForNavigation(), page.locator('main form').getByRole('button', { name: '検索' }).click()]);
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
  return { total: Number(m[1]), hits, heading };
}

/** Follows 次へ from the current results page to the last one; every page's hits in order. */
async function allPages(page) {
  const first = await results(page);
  const pages = [first];
  for (;;) {
    const next = page.locator('nav.pager a[rel="next"]');
    if ((await next.count()) === 0) break;
    await Promise.all([page.waitForNavigation(), next.click()]);
    pages.push(await results(page));
    assert.ok(pages.length <= 60, 'a bounded number of pages');
  }
  return pages;
}

/** The options of a select: [value, label] without the 「すべて」 one. */
async function options(page, selector) {
  return page
    .locator(`${selector} option`)
    .evaluateAll((os) => os.filter((o) => o.value !== '').map((o) => [o.value, o.textContent.trim()]));
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

  it('「相談」 from the header form: 20 hits a page, every page highlighted, all hits once', async () => {
    await open(page, '/');
    await searchFromHeader(page, '相談');
    const url = new URL(page.url());
    assert.equal(url.pathname, '/search');
    assert.equal(url.searchParams.get('q'), '相談');
    assert.equal(await page.inputValue('#q'), '相談', 'the query stays in the search form');
    const pages = await allPages(page);
    const total = pages[0].total;
    assert.ok(total >= 50, `many hits for 相談: ${total}`);
    assert.equal(pages.length, Math.ceil(total / PER_PAGE), 'one page per 20 hits');
    pages.forEach((p, i) => {
      assert.equal(p.total, total, 'the same total on every page');
      const expected = Math.min(PER_PAGE, total - i * PER_PAGE);
      assert.equal(p.hits.length, expected, `hits on page ${i + 1}`);
      assert.match(p.heading, new RegExp(`（${i * PER_PAGE + 1}〜${i * PER_PAGE + expected}件目を表示）`));
    });
    const hits = pages.flatMap((p) => p.hits);
    assert.equal(hits.length, total, 'the pages together hold every hit');
    assert.equal(new Set(hits.map((h) => h.href)).size, total, 'no hit on two pages');
    const planNames = new Set(hits.map((h) => h.meta.split(' — ')[1]));
    for (const plan of ['清瀬市 清瀬市自殺対策計画', '川口市 川口市自殺対策推進計画', '熊谷市 熊谷市自殺対策計画', '小樽市 小樽市自殺対策計画']) {
      assert.ok(planNames.has(plan), `hits from ${plan}: ${[...planNames]}`);
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
    // The last page has 前へ and no 次へ; the numbered list goes on from the previous page.
    assert.equal(await page.locator('nav.pager a[rel="prev"]').count(), 1);
    assert.equal(await page.getAttribute('main ol.hits', 'start'), String((pages.length - 1) * PER_PAGE + 1));
    // A hit leads to its page.
    await open(page, '/search?q=' + encodeURIComponent('相談'));
    const first = (await results(page)).hits[0];
    await Promise.all([page.waitForNavigation(), page.locator('main ol.hits > li a').first().click()]);
    assert.equal(new URL(page.url()).pathname, new URL(first.href, page.url()).pathname);
    assert.equal(await text(page, 'h1'), first.title);
  });

  it('the pager: a labelled navigation, the current page marked, page numbers that lead there', async () => {
    await open(page, '/search?q=' + encodeURIComponent('相談'));
    const nav = page.getByRole('navigation', { name: '検索結果のページ' });
    assert.equal(await nav.count(), 1, 'one pager, labelled');
    assert.equal(await nav.locator('a[rel="prev"]').count(), 0, 'no 前へ on the first page');
    const current = nav.locator('a[aria-current="page"]');
    assert.equal(await current.count(), 1);
    assert.match(await current.innerText(), /^1/);
    // Page 3 by its number; the URL keeps the query.
    await Promise.all([page.waitForNavigation(), nav.getByRole('link', { name: '3ページ目', exact: true }).click()]);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), '相談');
    assert.equal(url.searchParams.get('page'), '3');
    assert.equal(await text(page, 'h1'), '検索（3ページ目）');
    assert.match(await page.locator('nav.pager a[aria-current="page"]').innerText(), /^3/);
    assert.match((await results(page)).heading, /（41〜60件目を表示）/);
    // 前へ goes back to page 2; 次へ of page 2 leads to page 3.
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: '前へ' }).click()]);
    assert.equal(new URL(page.url()).searchParams.get('page'), '2');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: '次へ' }).click()]);
    assert.equal(new URL(page.url()).searchParams.get('page'), '3');
    // A page past the last one says so; a page number that is not one is a 400.
    await open(page, '/search?q=' + encodeURIComponent('相談') + '&page=99');
    assert.match(await text(page, 'main'), /このページに結果はありません/);
    await open(page, '/search?q=' + encodeURIComponent('相談') + '&page=0', 400);
    await open(page, '/search?q=' + encodeURIComponent('相談') + '&page=x', 400);
  });

  it('the plan filter lists the plans with hits, most first; choosing one narrows and offers its groups', async () => {
    await open(page, '/search?q=' + encodeURIComponent('相談'));
    const all = await results(page);
    // No group filter before a plan is chosen.
    assert.equal(await page.locator('#f-group').count(), 0, 'no group filter without a plan');
    const plansOffered = await options(page, '#f-plan');
    assert.ok(plansOffered.length >= 4 && plansOffered.length <= 20, `plans offered: ${plansOffered.length}`);
    const counts = plansOffered.map(([, label]) => {
      const m = label.match(/（(\d+)件）$/);
      assert.ok(m, `hit count in ${label}`);
      return Number(m[1]);
    });
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'most hits first');
    assert.equal(counts.reduce((a, b) => a + b, 0), all.total, 'the counts add up to the total');
    const kumagaya = plansOffered.find(([, label]) => label.startsWith('熊谷市 熊谷市自殺対策計画（'));
    assert.ok(kumagaya, 'Kumagaya is offered');
    await page.selectOption('#f-plan', kumagaya[0]);
    await submit(page);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), '相談');
    assert.equal(url.searchParams.get('plan'), kumagaya[0]);
    const narrowed = await results(page);
    assert.equal(narrowed.total, Number(kumagaya[1].match(/（(\d+)件）$/)[1]), 'as many hits as the option said');
    for (const h of narrowed.hits) {
      assert.match(h.meta, /熊谷市自殺対策計画$/, `${h.title} is from Kumagaya`);
    }
    // The filter stays selected on the results page, and the groups of the plan are offered.
    assert.match(await page.locator('#f-plan option:checked').innerText(), /熊谷市自殺対策計画/);
    assert.equal(await page.locator('#f-group').count(), 1, 'a group filter once a plan is chosen');
    const groups = await options(page, '#f-group');
    assert.ok(groups.length > 0, 'groups of Kumagaya');
  });

  it('a group of the chosen plan narrows further', async () => {
    await open(page, `/search?q=${encodeURIComponent('相談')}&plan=${KIYOSE}`);
    const plan = await results(page);
    const groups = await options(page, '#f-group');
    const top = groups.find(([value]) => value === '基本施策1');
    assert.ok(top, `Kiyose 基本施策1 among ${groups.map(([v]) => v)}`);
    await page.selectOption('#f-group', top[0]);
    await submit(page);
    assert.equal(new URL(page.url()).searchParams.get('group'), '基本施策1');
    const narrowed = await results(page);
    assert.ok(narrowed.total > 0 && narrowed.total < plan.total, `${narrowed.total} < ${plan.total}`);
    assert.equal(await page.locator('#f-group option:checked').getAttribute('value'), '基本施策1');
  });

  it('the 自治体名 field keeps the hits of matching municipalities', async () => {
    await open(page, '/search?q=' + encodeURIComponent('相談'));
    const all = await results(page);
    await page.getByLabel('自治体名').fill('小樽');
    await submit(page);
    assert.equal(new URL(page.url()).searchParams.get('municipality'), '小樽');
    assert.equal(await page.inputValue('#f-municipality'), '小樽', 'the field keeps its value');
    const otaru = await results(page);
    assert.ok(otaru.total > 0 && otaru.total < all.total, `${otaru.total} < ${all.total}`);
    for (const h of otaru.hits) {
      assert.match(h.meta, / — 小樽市 /, `${h.title} is from Otaru`);
    }
    // Every plan of 川口市 (four plans) at once; paging keeps the filter.
    await open(page, `/search?q=${encodeURIComponent('相談')}&municipality=${encodeURIComponent('川口')}`);
    const kawaguchi = await allPages(page);
    const hits = kawaguchi.flatMap((p) => p.hits);
    assert.equal(hits.length, kawaguchi[0].total);
    assert.ok(hits.every((h) => / — 川口市 /.test(h.meta)), 'only Kawaguchi');
    const offered = await options(page, '#f-plan');
    assert.ok(offered.every(([, label]) => label.startsWith('川口市 ')), 'only Kawaguchi plans offered');
    // A name no municipality has: no hits.
    await open(page, `/search?q=${encodeURIComponent('相談')}&municipality=${encodeURIComponent('存在しない町')}`);
    assert.equal((await results(page)).total, 0);
  });

  it('a fiscal-year filter narrows too (令和5年度)', async () => {
    await open(page, '/search?q=' + encodeURIComponent('相談'));
    const all = await results(page);
    await page.selectOption('#f-year', { value: '2023' });
    await submit(page);
    const narrowed = await results(page);
    assert.ok(narrowed.total > 0 && narrowed.total < all.total, `${narrowed.total} < ${all.total}`);
  });

  it('「高齢」 finds the elderly-care measures of several plans', async () => {
    await open(page, '/divisions');
    await searchFromHeader(page, '高齢');
    const pages = await allPages(page);
    const total = pages[0].total;
    assert.ok(total >= 10, `hits for 高齢: ${total}`);
    const hits = pages.flatMap((p) => p.hits);
    assert.equal(hits.length, total);
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

  it('a 1-character query works and is highlighted', async () => {
    await open(page, '/search?q=' + encodeURIComponent('談'));
    const { total, hits } = await results(page);
    assert.ok(total >= 50, `hits for 談: ${total}`);
    assert.equal(hits.length, PER_PAGE);
    for (const h of hits) {
      assert.ok(h.marks.length > 0 && h.marks.every((m) => m === '談'), `${h.title}: marks ${h.marks}`);
    }
  });

  it('the empty search form explains what to type', async () => {
    await open(page, '/search');
    assert.equal(await text(page, 'h1'), '検索');
    assert.match(await text(page, 'main'), /2文字の語（例: 相談、高齢）から検索できます/);
    assert.equal(await page.locator('main ol.hits > li').count(), 0);
    assert.equal(await page.locator('nav.pager').count(), 0, 'no pager');
  });
});
